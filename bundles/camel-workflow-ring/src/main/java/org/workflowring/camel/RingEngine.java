package org.workflowring.camel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workflowring.api.WorkflowRegistry;
import org.workflowring.ring.HashRange;
import org.workflowring.store.OutboxRecord;
import org.workflowring.store.WorkflowStore;
import org.workflowring.zookeeper.LockGrant;
import org.workflowring.zookeeper.LockListener;
import org.workflowring.zookeeper.Readiness;
import org.workflowring.zookeeper.RingChange;
import org.workflowring.zookeeper.ZkRingNode;

/**
 * One node's engine for one ring: dispatcher and workers, reactions to ring and connection changes, the recovery
 * sweep, parked instances and the outbox relay; shared by every endpoint of the ring in a CamelContext.
 *
 * <p>Threads: the consumer (or producer) thread only queues ({@link #notify(String)}); workers from Camel's
 * {@code ExecutorServiceManager} do the I/O; one scheduler thread sweeps and retries.
 *
 * <p><b>IMPORTANT</b>: ring-zookeeper has no way to remove its listeners, so after {@link #stop()} they stay
 * registered on a shared {@link ZkRingNode} and do nothing.
 */
final class RingEngine extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RingEngine.class);
    private static final int OUTBOX_SWEEP_LIMIT = 1000;

    private final CamelContext context;
    private final String ringName;
    private final RingNodeHandle handle;
    private final WorkflowStore store;
    private final WorkflowRegistry registry;
    private final EngineSettings settings;
    private final ParkedInstances parked = new ParkedInstances(this::requeueLater);
    /** Instances notified since their last task started: queued notifications behind it cost no database read. */
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private ExecutorService workers;
    private ScheduledExecutorService scheduler;
    private ProducerTemplate producer;
    private Dispatcher dispatcher;
    private InstanceWorker worker;
    private DeadLetters deadLetters;
    private Forwarder forwarder;
    /**
     * Set before the listeners are added and cleared on stop: a listener must act while doStart still runs (a READY
     * that arrives then would otherwise be lost and leave the dispatcher paused).
     */
    private volatile boolean listening;

    RingEngine(CamelContext context, String ringName, RingNodeHandle handle, WorkflowStore store,
               WorkflowRegistry registry, EngineSettings settings) {
        this.context = Objects.requireNonNull(context, "context must not be null");
        this.ringName = Objects.requireNonNull(ringName, "ringName must not be null");
        this.handle = Objects.requireNonNull(handle, "handle must not be null");
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.registry = Objects.requireNonNull(registry, "registry must not be null");
        this.settings = Objects.requireNonNull(settings, "settings must not be null");
    }

    @Override
    protected void doStart() throws Exception {
        workers = context.getExecutorServiceManager().newFixedThreadPool(this, "WorkflowRing[" + ringName + "]",
                settings.workerThreads());
        scheduler = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                "WorkflowRingSweep[" + ringName + "]");
        producer = context.createProducerTemplate();
        producer.start();
        dispatcher = new Dispatcher(workers, settings.mailboxBound());
        deadLetters = new DeadLetters(producer, settings.deadLetterUri());
        forwarder = new Forwarder(handle.node(), producer);
        OutboxRelay relay = new OutboxRelay(store, producer, scheduler, settings.relayRetryDelay(), this::requeue);
        worker = new InstanceWorker(handle.node(), store, registry, deadLetters, parked, relay,
                settings.lockTimeout(), settings.maxAttempts());
        ZkRingNode node = handle.node();
        listening = true;
        node.addRingListener(this::ringChanged);
        node.readiness().addListener(this::readinessChanged);
        node.locks().addListener(this::lockEnded);
        registry.addListener(parked);
        // Paused first, then resumed if ready: a READY arriving in between resumes it through the listener.
        dispatcher.pause();
        handle.start();
        if (node.readiness().isReady()) {
            dispatcher.resume();
        }
        long period = settings.recoverySweepPeriod().toMillis();
        scheduler.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
        LOG.info("workflow-ring '{}' started on node {} ({} workers, mailbox {})", ringName, node.nodeId(),
                settings.workerThreads(), settings.mailboxBound());
    }

    @Override
    protected void doStop() throws Exception {
        listening = false;
        registry.removeListener(parked);
        dispatcher.close();
        context.getExecutorServiceManager().shutdownGraceful(workers);
        context.getExecutorServiceManager().shutdownNow(scheduler);
        handle.close();
        producer.stop();
    }

    /** The node this engine runs on. */
    ZkRingNode node() {
        return handle.node();
    }

    /** The store of this ring. */
    WorkflowStore store() {
        return store;
    }

    /** The dead-letter sender. */
    DeadLetters deadLetters() {
        return deadLetters;
    }

    /** Forwards notifications to owners. */
    Forwarder forwarder() {
        return forwarder;
    }

    /** The settings this engine was started with. */
    EngineSettings settings() {
        return settings;
    }

    /** Counters for operators (ring:status); any thread, after start. */
    RingEngineStatus status(int users) {
        return new RingEngineStatus(ringName, context.getName(), users, dispatcher.activeInstances(),
                dispatcher.queued(), worker.fencedOutCount(), parked.size());
    }

    /** Queues work for {@code instanceId}; blocks the caller while its mailbox is full (back-pressure). No I/O. */
    void notify(String instanceId) throws InterruptedException {
        // Marked before queueing; a task clears the mark before it reads the database, so a task that finds no
        // mark has nothing to do that an earlier task of the same instance did not already read.
        dirty.add(instanceId);
        dispatcher.submit(instanceId, () -> {
            if (dirty.remove(instanceId)) {
                worker.work(instanceId);
            }
        });
    }

    /** Sweeps the database now, on the scheduler thread. */
    void sweepSoon() {
        try {
            scheduler.execute(this::sweep);
        } catch (RejectedExecutionException e) {
            LOG.debug("Not sweeping: engine stopping");
        }
    }

    /** Submits every owned instance with pending events or unsent outbox rows; runs on the scheduler thread. */
    void sweep() {
        if (!listening || !node().readiness().isReady()) {
            return;
        }
        try {
            // One full-range query and a local ownership filter: the ring has thousands of small ranges.
            Set<String> ids = new LinkedHashSet<>(store.pendingInstances(List.of(HashRange.FULL)));
            for (OutboxRecord row : store.unsentOutbox(List.of(HashRange.FULL), OUTBOX_SWEEP_LIMIT)) {
                ids.add(row.instanceId());
            }
            for (String id : ids) {
                if (node().owns(id)) {
                    notify(id);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Recovery sweep of ring '{}' failed: {}", ringName, e.toString());
        }
    }

    private void requeue(String instanceId) {
        try {
            if (listening) {
                notify(instanceId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RejectedExecutionException e) {
            LOG.debug("Not requeueing '{}': engine stopping", instanceId);
        }
    }

    private void requeueLater(Set<String> instanceIds) {
        // Registry thread (bundle start): hand over, never block it.
        try {
            scheduler.execute(() -> instanceIds.forEach(this::requeue));
        } catch (RejectedExecutionException e) {
            LOG.debug("Not releasing parked instances: engine stopping");
        }
    }

    private void ringChanged(RingChange change) {
        // Ring-view thread; ZkRingNode releases the moved locks right after we return.
        if (!listening) {
            return;
        }
        String self = node().nodeId();
        try {
            int dropped = dispatcher.discard(id -> !change.owns(self, id),
                    Math.min(settings.lockTimeout().toMillis(), 5_000));
            if (dropped > 0) {
                LOG.info("Ring '{}' changed: dropped {} queued notifications of instances that moved away", ringName, dropped);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!change.gainedBy(self).isEmpty()) {
            sweepSoon();
        }
    }

    private void readinessChanged(Readiness.Level level) {
        // SUSPENDED and NOT_READY: Curator's connection-state thread, synchronously; must not block.
        if (!listening) {
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
                sweepSoon();
            }
            default -> LOG.warn("Unexpected readiness {}", level);
        }
    }

    private void lockEnded(LockGrant grant, LockListener.Reason reason) {
        worker.forget(grant.instanceId());
    }
}
