package org.workflowring.camel;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workflowring.zookeeper.LockGrant;
import org.workflowring.zookeeper.LockListener;
import org.workflowring.zookeeper.Readiness;
import org.workflowring.zookeeper.RingChange;
import org.workflowring.zookeeper.ZkRingNode;

/**
 * What one engine does when the cluster changes under it: instances that moved away are dropped from the dispatcher,
 * gained ranges and a reconnect start a recovery sweep, a suspended connection pauses dispatch, a lost session drops
 * everything queued, and an ended lock forgets its claim.
 *
 * <p>Threads: ring changes on ring-zookeeper's view thread; SUSPENDED and NOT_READY synchronously on Curator's
 * connection-state thread (must not block); READY on the readiness thread; ended locks on whichever thread ended them.
 */
final class ClusterReactions {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterReactions.class);
    /** The longest a ring change waits for the event in hand of an instance that moved away. */
    private static final long MAX_HANDOFF_WAIT_MILLIS = 5_000;

    private final String ringName;
    private final ZkRingNode node;
    private final Dispatcher dispatcher;
    private final InstanceWorker worker;
    private final RecoverySweep sweep;
    private final Duration lockTimeout;
    private final BooleanSupplier active;

    /** Reactions that do nothing once {@code active} says the engine stopped (listeners cannot be removed). */
    ClusterReactions(String ringName, ZkRingNode node, Dispatcher dispatcher, InstanceWorker worker,
                     RecoverySweep sweep, Duration lockTimeout, BooleanSupplier active) {
        this.ringName = Objects.requireNonNull(ringName, "ringName must not be null");
        this.node = Objects.requireNonNull(node, "node must not be null");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher must not be null");
        this.worker = Objects.requireNonNull(worker, "worker must not be null");
        this.sweep = Objects.requireNonNull(sweep, "sweep must not be null");
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout must not be null");
        this.active = Objects.requireNonNull(active, "active must not be null");
    }

    /** Adds these reactions to the node's ring, readiness and lock listeners. */
    void register() {
        node.addRingListener(this::ringChanged);
        node.readiness().addListener(this::readinessChanged);
        node.locks().addListener(this::lockEnded);
    }

    private void ringChanged(RingChange change) {
        // Ring-view thread; ZkRingNode releases the moved locks right after we return.
        if (!active.getAsBoolean()) {
            return;
        }
        String self = node.nodeId();
        try {
            int dropped = dispatcher.discard(id -> !change.owns(self, id),
                    Math.min(lockTimeout.toMillis(), MAX_HANDOFF_WAIT_MILLIS));
            if (dropped > 0) {
                LOG.info("Ring '{}' changed: dropped {} queued notifications of instances that moved away", ringName, dropped);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!change.gainedBy(self).isEmpty()) {
            sweep.sweepSoon();
        }
    }

    private void readinessChanged(Readiness.Level level) {
        // SUSPENDED and NOT_READY: Curator's connection-state thread, synchronously; must not block.
        if (!active.getAsBoolean()) {
            return;
        }
        switch (level) {
            case SUSPENDED -> dispatcher.pause();
            case NOT_READY -> {
                dispatcher.pause();
                try {
                    dispatcher.discard(id -> true, 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                worker.forgetAll();
            }
            case READY -> {
                dispatcher.resume();
                sweep.sweepSoon();
            }
            default -> LOG.warn("Unexpected readiness {}", level);
        }
    }

    private void lockEnded(LockGrant grant, LockListener.Reason reason) {
        worker.forget(grant.instanceId());
    }
}
