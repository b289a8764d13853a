package org.workflowring.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.workflowring.camel.RingEngineStatus;
import org.workflowring.camel.RingEngines;
import org.workflowring.management.InstanceView;
import org.workflowring.management.MemberView;
import org.workflowring.management.RingManagement;
import org.workflowring.management.RingStatus;
import org.workflowring.ring.Ring;
import org.workflowring.zookeeper.MemberRecord;
import org.workflowring.zookeeper.ZkRingNode;

/** {@link RingManagement} over the node's engines: reads their ring nodes and counters, no I/O but drain/undrain. */
final class NodeManagement implements RingManagement {

    private final NodeRuntime runtime;

    NodeManagement(NodeRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime must not be null");
    }

    @Override
    public String nodeId() {
        return runtime.config().nodeId();
    }

    @Override
    public List<String> rings() {
        return runtime.engines().rings().stream().sorted().toList();
    }

    @Override
    public List<MemberView> members(String ring) {
        ZkRingNode node = node(ring);
        Map<String, Double> shares = node.ring().map(Ring::shares).orElse(Map.of());
        List<MemberView> members = new ArrayList<>();
        for (MemberRecord m : node.view().members().values()) {
            members.add(new MemberView(m.id(), m.state().name(), m.weight(), m.address(),
                    shares.getOrDefault(m.id(), 0.0), m.id().equals(node.nodeId())));
        }
        members.sort(Comparator.comparing(MemberView::nodeId));
        return members;
    }

    @Override
    public String owner(String ring, String instanceId) {
        Objects.requireNonNull(instanceId, "instanceId must not be null");
        return node(ring).ring().map(r -> r.ownerOf(instanceId).id()).orElse("");
    }

    @Override
    public RingStatus status(String ring) {
        ZkRingNode node = node(ring);
        RingEngineStatus engine = engines().status(ring).orElseThrow(() -> unknown(ring));
        MemberRecord self = node.view().members().get(node.nodeId());
        return new RingStatus(ring, node.nodeId(), self == null ? "UNREGISTERED" : self.state().name(),
                node.readiness().level().name(), node.ring().map(Ring::versionHex).orElse(""),
                node.ring().map(Ring::size).orElse(0), node.ring().map(r -> r.shareOf(node.nodeId())).orElse(0.0),
                engine.activeInstances(), node.locks().heldInstances().size(), engine.mailboxDepth(),
                engine.fencedOut(), engine.parkedInstances(), engine.camelContext());
    }

    @Override
    public List<InstanceView> instances(String ring) {
        ZkRingNode node = node(ring);
        List<InstanceView> instances = new ArrayList<>();
        for (String id : node.locks().heldInstances()) {
            node.locks().grant(id).ifPresent(g -> instances.add(new InstanceView(id, g.token(), node.owns(id))));
        }
        instances.sort(Comparator.comparing(InstanceView::instanceId));
        return instances;
    }

    @Override
    public void drain(String ring) {
        node(ring).drain();
    }

    @Override
    public void undrain(String ring) {
        node(ring).activate();
    }

    private RingEngines engines() {
        return runtime.engines();
    }

    private ZkRingNode node(String ring) {
        Objects.requireNonNull(ring, "ring must not be null");
        return engines().node(ring).orElseThrow(() -> unknown(ring));
    }

    private IllegalArgumentException unknown(String ring) {
        return new IllegalArgumentException("ring '" + ring + "' has no engine on node " + nodeId()
                + " (rings here: " + rings() + "); a ring runs while a route of this node uses it");
    }
}
