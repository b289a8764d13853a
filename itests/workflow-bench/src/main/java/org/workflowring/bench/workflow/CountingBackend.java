package org.workflowring.bench.workflow;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.workflowring.camel.WorkflowRingHeaders;

/**
 * The backend at {@code direct:backend}: counts deliveries and idempotency keys seen more than once, so a run proves
 * that every event arrived (and none twice) before its time counts.
 */
final class CountingBackend implements Processor {

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Map<String, Boolean> keys = new ConcurrentHashMap<>();

    @Override
    public void process(Exchange exchange) {
        String key = exchange.getMessage().getHeader(WorkflowRingHeaders.IDEMPOTENCY_KEY, String.class);
        if (key == null || keys.putIfAbsent(key, Boolean.TRUE) != null) {
            duplicates.incrementAndGet();
        }
        delivered.incrementAndGet();
    }

    long delivered() {
        return delivered.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    /** Waits until {@code count} messages have arrived; false on timeout. */
    boolean awaitDelivered(long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (delivered.get() < count) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            // Parked, not spinning: a spinning waiter would take one of the two cores from the run it measures.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return true;
    }
}
