package org.workflowring.itests.karaf;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds, for the in-container tests (no Awaitility bundle in the container). */
final class Await {

    private static final long POLL_MILLIS = 50;

    private Await() {
    }

    /** Waits until {@code condition} holds; fails naming {@code what} after {@code limit}. Returns the time taken. */
    static Duration until(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        return until(what, limit, condition, () -> "");
    }

    /** Like {@link #until(String, Duration, BooleanSupplier)}; a failure adds what {@code diagnosis} says then. */
    static Duration until(String what, Duration limit, BooleanSupplier condition, Supplier<String> diagnosis)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String why = diagnosis.get();
                throw new AssertionError("not within " + limit + ": " + what + (why.isEmpty() ? "" : "; " + why));
            }
            Thread.sleep(POLL_MILLIS);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Checks that {@code condition} holds during all of {@code period}; fails naming {@code what} at once if not. */
    static void holds(String what, Duration period, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + period.toNanos();
        do {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("no longer true: " + what);
            }
            Thread.sleep(POLL_MILLIS);
        } while (System.nanoTime() < deadline);
    }
}
