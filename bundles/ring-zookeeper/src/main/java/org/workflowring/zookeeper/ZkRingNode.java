package org.workflowring.zookeeper;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workflowring.ring.Ring;

/**
 * One engine node on the ring: its registration, its view of the ring, its instance locks and its readiness.
 *
 * <p>Lifecycle: {@link #start()} registers the node as {@link MemberState#JOINING}; {@link #activate()} puts it in
 * the ring; {@link #drain()} takes it out again (its ranges move, it keeps its znode); {@link #close()} releases
 * every lock and deletes the member znode.
 *
 * <p>On every ring change the node first tells its {@link RingListener}s (so the dispatcher can stop the mailboxes
 * of instances that moved away and finish the event in hand) and then releases the locks of instances it no longer
 * owns.
 *
 * <p><b>IMPORTANT</b>: the Curator client is the caller's: start it before and close it after this node.
 */
public final class ZkRingNode implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ZkRingNode.class);

    private enum State { LATENT, STARTED, CLOSED }

    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final List<RingListener> ringListeners = new CopyOnWriteArrayList<>();
    private final String nodeId;
    private final ZkRingSettings settings;
    private final MemberRegistration registration;
    private final MembershipWatcher watcher;
    private final InstanceLockManager locks;
    private final Readiness readiness;

    /** A node publishing {@code self} (its state is replaced by JOINING) with ring-core's default virtual nodes. */
    public ZkRingNode(CuratorFramework client, ZkRingSettings settings, MemberRecord self) {
        this(client, settings, self, Ring.DEFAULT_VNODES_PER_WEIGHT);
    }

    /** A node publishing {@code self}, building rings with {@code vnodesPerWeight} virtual nodes per weight unit. */
    public ZkRingNode(CuratorFramework client, ZkRingSettings settings, MemberRecord self, int vnodesPerWeight) {
        Objects.requireNonNull(client, "client must not be null");
        this.settings = Objects.requireNonNull(settings, "settings must not be null");
        this.nodeId = Objects.requireNonNull(self, "self must not be null").id();
        this.registration = new MemberRegistration(client, settings, self.withState(MemberState.JOINING));
        this.watcher = new MembershipWatcher(client, settings, vnodesPerWeight);
        this.locks = new InstanceLockManager(client, settings, nodeId);
        this.readiness = new Readiness(client, watcher, locks);
    }

    /** Watches the ring, starts readiness and registers as JOINING; waits up to the connection timeout for it. */
    public void start() throws Exception {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("ring node " + nodeId + " was already started");
        }
        watcher.addListener(this::onRingChange);
        watcher.start();
        locks.start();
        readiness.start();
        registration.start();
        if (!registration.awaitRegistered(settings.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("Member {} not registered within {}; it will be once ZooKeeper is reachable",
                    nodeId, settings.connectionTimeout());
        }
    }

    /** Publishes ACTIVE: the node joins the ring. */
    public void activate() {
        registration.setState(MemberState.ACTIVE);
    }

    /**
     * Publishes DRAINING: the node leaves the ring, and the locks of the instances it no longer owns are released
     * once every node's view has it out of the ring (this node's view included).
     */
    public void drain() {
        registration.setState(MemberState.DRAINING);
    }

    /** This node's id. */
    public String nodeId() {
        return nodeId;
    }

    /** Whether this node, as seen by its own view, owns {@code instanceId}: ready, in the ring and the owner. */
    public boolean owns(String instanceId) {
        Objects.requireNonNull(instanceId, "instanceId must not be null");
        return readiness.isReady() && watcher.ring().map(r -> r.ownerOf(instanceId).id().equals(nodeId)).orElse(false);
    }

    /**
     * Whether this node's own view shows it ACTIVE or DRAINING: only then may it conclude that an instance belongs to
     * another member. A node that has not yet seen its own join (JOINING, or its znode not yet in its view) might be
     * the owner in everybody else's view.
     */
    public boolean seesOwnMembership() {
        MemberRecord self = watcher.members().get(nodeId);
        return self != null && (self.state() == MemberState.ACTIVE || self.state() == MemberState.DRAINING);
    }

    /** The current ring, empty when no member is active. */
    public Optional<Ring> ring() {
        return watcher.ring();
    }

    /** The membership view (members with address and state). */
    public MembershipWatcher view() {
        return watcher;
    }

    /** The instance locks of this node. */
    public InstanceLockManager locks() {
        return locks;
    }

    /** Whether the node may start and commit work. */
    public Readiness readiness() {
        return readiness;
    }

    /** Adds a listener that runs before the node releases the locks of instances that moved away. */
    public void addRingListener(RingListener listener) {
        ringListeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    private void onRingChange(RingChange change) {
        // Ring-view thread: listeners first (they stop the moved instances), then free the locks for the new owners.
        for (RingListener listener : ringListeners) {
            try {
                listener.ringChanged(change);
            } catch (RuntimeException e) {
                LOG.error("Ring listener {} failed on {}", listener, change, e);
            }
        }
        locks.releaseIf(id -> !change.owns(nodeId, id), LockListener.Reason.OWNERSHIP_LOST);
    }

    /** Releases every lock, leaves the ring and stops watching. */
    @Override
    public void close() throws IOException {
        if (state.getAndSet(State.CLOSED) != State.STARTED) {
            return;
        }
        readiness.close();
        locks.close();
        registration.close();
        watcher.close();
    }
}
