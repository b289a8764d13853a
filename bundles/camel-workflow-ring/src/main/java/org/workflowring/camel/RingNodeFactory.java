package org.workflowring.camel;

import java.time.Duration;
import java.util.Objects;

import org.apache.curator.framework.CuratorFramework;
import org.workflowring.zookeeper.MemberRecord;
import org.workflowring.zookeeper.MemberState;
import org.workflowring.zookeeper.ZkRingNode;
import org.workflowring.zookeeper.ZkRingSettings;

/**
 * Picks the component's shared {@link ZkRingNode}, or makes one per ring on the shared Curator client
 * ({@code zooKeeperClient}), or makes one with its own client from {@code zooKeeperUrl}.
 */
final class RingNodeFactory {

    private final WorkflowRingComponent component;

    RingNodeFactory(WorkflowRingComponent component) {
        this.component = Objects.requireNonNull(component, "component must not be null");
    }

    /** The node for the endpoint's ring; not started. */
    RingNodeHandle handleFor(WorkflowRingEndpoint endpoint) {
        if (component.getRingNode() != null) {
            return RingNodeHandle.shared(component.getRingNode());
        }
        MemberRecord self = new MemberRecord(component.getNodeId(), 1, component.getAdvertisedAddress(), MemberState.JOINING);
        CuratorFramework shared = component.getZooKeeperClient();
        if (shared != null) {
            String connect = shared.getZookeeperClient().getCurrentConnectionString();
            ZkRingSettings settings = ZkRingSettings.of(connect, endpoint.getRingName())
                    .withRoot(component.getZooKeeperRoot())
                    .withLockIdleTimeout(Duration.ofMillis(endpoint.getLockIdleTimeout()));
            return RingNodeHandle.ownedOnSharedClient(new ZkRingNode(shared, settings, self));
        }
        String url = component.getZooKeeperUrl();
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("workflow-ring component: set option 'zooKeeperUrl' or 'ringNode'");
        }
        Duration session = Duration.ofMillis(component.getSessionTimeout());
        ZkRingSettings settings = ZkRingSettings.of(url, endpoint.getRingName())
                .withTimeouts(session, ZkRingSettings.DEFAULT_CONNECTION_TIMEOUT.compareTo(session) < 0
                        ? ZkRingSettings.DEFAULT_CONNECTION_TIMEOUT : session)
                .withRoot(component.getZooKeeperRoot())
                .withLockIdleTimeout(Duration.ofMillis(endpoint.getLockIdleTimeout()));
        CuratorFramework client = settings.newClient();
        ZkRingNode node = new ZkRingNode(client, settings, self);
        return RingNodeHandle.owned(node, client);
    }
}
