package org.workflowring.zookeeper;

import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;

/**
 * This node's ephemeral member znode, which comes back by itself after a new session is established.
 *
 * <p><b>IMPORTANT</b>: the znode is ephemeral: after a session expiry the member is gone for the others until
 * Curator has a new session and {@link PersistentNode} has recreated it, so the ring changes twice.
 */
public final class MemberRegistration implements Closeable {

    private enum State { LATENT, STARTED, CLOSED }

    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final AtomicReference<MemberRecord> record;
    private final PersistentNode node;

    /**
     * @param client   a started Curator client
     * @param settings the ring's paths
     * @param member   what to publish; usually in state {@link MemberState#JOINING}
     */
    public MemberRegistration(CuratorFramework client, ZkRingSettings settings, MemberRecord member) {
        Objects.requireNonNull(client, "client must not be null");
        Objects.requireNonNull(settings, "settings must not be null");
        Objects.requireNonNull(member, "member must not be null");
        this.record = new AtomicReference<>(member);
        // Not protected (no GUID prefix): the path is fixed and the id unique, so PersistentNode finds its own node.
        this.node = new PersistentNode(client, CreateMode.EPHEMERAL, false, settings.memberPath(member.id()),
                member.toJson());
    }

    /** Starts creating the znode in the background. */
    public void start() {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("member registration was already started");
        }
        node.start();
    }

    /** Waits until the znode exists; false on timeout. */
    public boolean awaitRegistered(long timeout, TimeUnit unit) throws InterruptedException {
        return node.waitForInitialCreate(timeout, unit);
    }

    /** What this node publishes now. */
    public MemberRecord current() {
        return record.get();
    }

    /**
     * Publishes a new state; the znode is updated in the background (and again after a new session).
     *
     * @throws IllegalStateException when not started or closed
     */
    public void setState(MemberState newState) {
        Objects.requireNonNull(newState, "state must not be null");
        if (state.get() != State.STARTED) {
            throw new IllegalStateException("member registration is " + state.get() + ", not STARTED");
        }
        MemberRecord updated = record.updateAndGet(r -> r.withState(newState));
        try {
            node.setData(updated.toJson());
        } catch (Exception e) {
            // PersistentNode refuses setData before its first create; callers wait with awaitRegistered() first.
            throw new IllegalStateException("cannot publish state " + newState + " for member " + updated.id(), e);
        }
    }

    /** Deletes the member znode: for the others this node has left. */
    @Override
    public void close() throws IOException {
        if (state.getAndSet(State.CLOSED) == State.STARTED) {
            node.close();
        }
    }
}
