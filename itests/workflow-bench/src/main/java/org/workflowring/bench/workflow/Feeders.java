package org.workflowring.bench.workflow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.camel.ProducerTemplate;
import org.workflowring.camel.WorkflowRingHeaders;

/**
 * Threads that send events into {@code direct:events}: event {@code i} belongs to instance {@code wf-(i % instances)}
 * and has key {@code e<i>}, so consecutive events go to different instances, as in a busy system.
 */
final class Feeders {

    static final int THREADS = 4;
    private static final byte[] PAYLOAD = "{\"order\":42,\"amount\":\"17.50\"}".getBytes(StandardCharsets.UTF_8);

    private Feeders() {
    }

    /** Sends events {@code from} (inclusive) to {@code to} (exclusive) and returns when all were accepted. */
    static void feed(ProducerTemplate producer, int instances, long from, long to) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long first = from + t;
                running.add(threads.submit(() -> {
                    for (long e = first; e < to; e += THREADS) {
                        producer.sendBodyAndHeaders("direct:events", PAYLOAD, Map.of(
                                WorkflowRingHeaders.INSTANCE_ID, "wf-" + (e % instances),
                                WorkflowRingHeaders.EVENT_KEY, "e" + e));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
