package org.workflowring.camel;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workflowring.api.WorkflowRegistry;
import org.workflowring.store.WorkflowStore;
import org.workflowring.zookeeper.ZkRingNode;

/**
 * One node's engine for one ring: makes and wires the dispatcher and workers, the reactions to ring and connection
 * changes ({@link ClusterReactions}), the recovery sweep ({@link RecoverySweep}), parked instances and the outbox
 * relay, and queues notifications; shared by every endpoint of the ring in a CamelContext.
 *
 * <p>Threads: the consumer (or producer) thread only queues ({@link #notify(String)}); workers from Camel's
 * {@code ExecutorServiceManager} do the I/O; one scheduler thread sweeps and retries.
 *
 * <p><b>IMPORTANT</b>: ring-zookeeper has no way to remove its listeners, so after {@link #stop()} they stay
 * registered on a shared {@link ZkRingNode} and do nothing.
 */
final class RingEngine extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RingEngine.class);
    /** Threads that send forwarded notifications to owners (forward mode): requests are small and short. */
    private static final int FORWARD_THREADS = 2;
    /** Notifications waiting to be forwarded; beyond it they are left to the owners' recovery sweeps. */
    private static final int FORWARD_QUEUE = 10_000;
    /** How long stopping waits for a recovery sweep's database calls before it interrupts them. */
    private static final Duration SWEEP_STOP_WAIT = Duration.ofSeconds(5);

    private final CamelContext context;
    private final String ringName;
    private final RingNodeHandle handle;
    private final WorkflowStore store;
    private final WorkflowRegistry registry;
    private final EngineSettings settings;
    private final ParkedInstances parked = new ParkedInstances(this::requeueLater);
    /** Instances notified since their last task started: queued notifications behind it cost no database read. */
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    /** Whether {@link #join()} put the node into the ring. */
    private final AtomicBoolean joined = new AtomicBoolean();
    private ExecutorService workers;
    private ExecutorService forwarding;
    private ScheduledExecutorService scheduler;
    private ProducerTemplate producer;
    private Dispatcher dispatcher;
    private InstanceWorker worker;
    private DeadLetters deadLetters;
    private Forwarder forwarder;
    private RecoverySweep sweep;
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
        workers = context.getExecutorServiceManager().newThreadPool(this, "WorkflowRing[" + ringName + "]",
                workerProfile(settings.workerThreads()));
        scheduler = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                "WorkflowRingSweep[" + ringName + "]");
        producer = context.createProducerTemplate();
        producer.start();
        dispatcher = new Dispatcher(workers, settings.mailboxBound());
        deadLetters = new DeadLetters(producer, settings.deadLetterUri());
        forwarding = context.getExecutorServiceManager().newThreadPool(this, "WorkflowRingForward[" + ringName + "]",
                forwardingProfile());
        forwarder = new Forwarder(handle.node(), producer, forwarding, this::notify);
        OutboxRelay relay = new OutboxRelay(store, producer, scheduler, settings.relayRetryDelay(), this::requeue);
        worker = new InstanceWorker(handle.node(), store, registry, deadLetters, parked, relay,
                settings.lockTimeout(), settings.maxAttempts());
        ZkRingNode node = handle.node();
        sweep = new RecoverySweep(ringName, node, store, scheduler, this::notify, () -> listening);
        listening = true;
        new ClusterReactions(ringName, node, dispatcher, worker, sweep, settings.lockTimeout(), () -> listening)
                .register();
        registry.addListener(parked);
        // Paused first, then resumed if ready: a READY arriving in between resumes it through the listener.
        dispatcher.pause();
        handle.start();
        if (node.readiness().isReady()) {
            dispatcher.resume();
        }
        sweep.schedule(settings.recoverySweepPeriod(), settings.recoveryAge());
        LOG.info("workflow-ring '{}' started on node {} ({} workers, mailbox {})", ringName, node.nodeId(),
                settings.workerThreads(), settings.mailboxBound());
    }

    /**
     * Fixed size with an unbounded queue, refusing rather than running on the caller. Camel's default profile (queue
     * of 1,000, CallerRuns) ran whole mailbox turns, lock waits and database I/O on the consumer's thread once more
     * than 1,000 instances had work queued. The queue holds at most one turn per instance with work (the mailboxes
     * bound the rest), so it cannot grow without bound.
     */
    private static ThreadPoolProfile workerProfile(int threads) {
        ThreadPoolProfile profile = new ThreadPoolProfile("workflow-ring-workers");
        profile.setPoolSize(threads);
        profile.setMaxPoolSize(threads);
        profile.setMaxQueueSize(Integer.MAX_VALUE); // Camel makes 0 and -1 a SynchronousQueue (no queue at all)
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        return profile;
    }

    /** Bounded and refusing when full: a refused forward leaves the stored event to the owner's recovery sweep. */
    private static ThreadPoolProfile forwardingProfile() {
        ThreadPoolProfile profile = new ThreadPoolProfile("workflow-ring-forward");
        profile.setPoolSize(FORWARD_THREADS);
        profile.setMaxPoolSize(FORWARD_THREADS);
        profile.setMaxQueueSize(FORWARD_QUEUE);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        return profile;
    }

    @Override
    protected void doStop() throws Exception {
        listening = false;
        registry.removeListener(parked);
        dispatcher.close();
        // Before the scheduler's interrupt: a sweep inside H2's file I/O would close the database file.
        sweep.awaitIdle(SWEEP_STOP_WAIT);
        context.getExecutorServiceManager().shutdownGraceful(workers);
        context.getExecutorServiceManager().shutdownNow(forwarding);
        context.getExecutorServiceManager().shutdownNow(scheduler);
        handle.close();
        producer.stop();
    }

    /**
     * Puts the node into the ring, once: called by an endpoint when it can take what the ring sends it (a consumer
     * once its delegate and, in forward mode, its receiver listen; a producer at once). A node that joined before its
     * receiver listened had the other nodes' first forwards refused, and their events waited for its recovery sweep.
     * Later calls do nothing, so that another route starting on a drained node does not undo {@code ring:drain}.
     */
    void join() {
        if (joined.compareAndSet(false, true)) {
            handle.activate();
        }
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
}
