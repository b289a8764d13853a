package org.workflowring.bench.workflow;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.workflowring.api.OutgoingMessage;
import org.workflowring.api.Transition;
import org.workflowring.api.WorkflowEvent;
import org.workflowring.camel.Dispatcher;
import org.workflowring.camel.WorkflowRingHeaders;
import org.workflowring.store.EventRecord;
import org.workflowring.store.InstanceRecord;
import org.workflowring.store.InstanceStatus;
import org.workflowring.store.NewEvent;
import org.workflowring.store.OutboxMessage;
import org.workflowring.zookeeper.LockGrant;

/**
 * The baseline: a lock-per-event engine built from the product's parts (same store, same {@link Dispatcher} with
 * the same mailbox bound, a worker pool of the same size from Camel's {@code ExecutorServiceManager}, the same
 * workflow and backend). For every event a worker acquires the instance's lock, claims the instance with the new
 * fencing token, runs that one event, commits it fenced, sends its message, marks it sent and releases the lock.
 *
 * <p>The lock is the project's own recipe ({@code InstanceLockManager}, acquire plus release): a warm
 * acquire+release is 3 ZooKeeper requests, as with Curator's {@code InterProcessMutex}, and unlike the mutex it
 * gives the fencing token that the claim and the fenced commit need (docs/zookeeper.md measures both).
 */
final class LockPerEventRun implements EngineRun {

    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);

    private final BenchNode bench;
    private final int workerThreads;
    private final CountingBackend backend = new CountingBackend();
    private final CounterWorkflow workflow = new CounterWorkflow();
    private final AtomicLong failures = new AtomicLong();
    private CamelContext camel;
    private ProducerTemplate producer;
    private ExecutorService workers;
    private Dispatcher dispatcher;

    LockPerEventRun(BenchNode bench, int workerThreads) {
        this.bench = bench;
        this.workerThreads = workerThreads;
    }

    @Override
    public String name() {
        return "lock per event";
    }

    @Override
    public void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:events").process(LockPerEventRun.this::intake);
                from(CounterWorkflow.BACKEND).process(backend);
            }
        });
        camel.start();
        workers = camel.getExecutorServiceManager().newFixedThreadPool(this, "LockPerEvent", workerThreads);
        dispatcher = new Dispatcher(workers, 1000);
        producer = camel.createProducerTemplate();
    }

    /** Feeder thread: store the event, then queue exactly one task for it (as the product's intake does). */
    private void intake(Exchange exchange) throws InterruptedException {
        String id = exchange.getMessage().getHeader(WorkflowRingHeaders.INSTANCE_ID, String.class);
        String key = exchange.getMessage().getHeader(WorkflowRingHeaders.EVENT_KEY, String.class);
        bench.store.appendEvent(new NewEvent(id, CounterWorkflow.TYPE, key, exchange.getMessage().getBody(byte[].class)));
        dispatcher.submit(id, () -> processOne(id));
    }

    /** Worker thread: one event under its own lock grant. */
    private void processOne(String id) {
        LockGrant grant;
        try {
            grant = bench.node.locks().acquire(id, LOCK_TIMEOUT);
        } catch (Exception e) {
            fail(id, e);
            return;
        }
        try {
            if (!bench.store.claim(id, grant.token(), bench.node.nodeId())) {
                throw new IllegalStateException("claim refused for token " + grant.token());
            }
            InstanceRecord instance = bench.store.findInstance(id).orElseThrow();
            EventRecord event = bench.store.pendingEvents(id).get(0);
            Transition t = workflow.apply(instance.state(),
                    new WorkflowEvent(id, event.eventKey(), event.seq(), event.payload()));
            List<OutboxMessage> outbox = t.messages().stream()
                    .map(m -> new OutboxMessage(m.target(), m.headers(), m.body())).toList();
            List<String> keys = bench.store.commit(new org.workflowring.store.Transition(id, grant.token(),
                    InstanceStatus.ACTIVE, t.state(), List.of(event.seq()), outbox));
            for (int i = 0; i < keys.size(); i++) {
                send(t.messages().get(i), keys.get(i), id);
                bench.store.markSent(keys.get(i));
            }
        } catch (RuntimeException e) {
            fail(id, e);
        } finally {
            bench.node.locks().release(id);
        }
    }

    private void send(OutgoingMessage message, String key, String id) {
        Exchange result = producer.send(message.target(), exchange -> {
            message.headers().forEach(exchange.getMessage()::setHeader);
            exchange.getMessage().setHeader(WorkflowRingHeaders.IDEMPOTENCY_KEY, key);
            exchange.getMessage().setHeader(WorkflowRingHeaders.INSTANCE_ID, id);
            exchange.getMessage().setBody(message.body());
        });
        if (result.getException() != null) {
            throw new IllegalStateException("backend failed", result.getException());
        }
    }

    private void fail(String id, Exception e) {
        // A lost event would stall the run until its timeout: say why at once.
        if (failures.incrementAndGet() <= 5) {
            System.err.println("baseline: event of " + id + " failed: " + e);
        }
    }

    @Override
    public ProducerTemplate producer() {
        return producer;
    }

    @Override
    public CountingBackend backend() {
        return backend;
    }

    @Override
    public BenchNode bench() {
        return bench;
    }

    @Override
    public void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (camel != null) {
            camel.getExecutorServiceManager().shutdownGraceful(workers);
            camel.stop();
        }
    }
}
