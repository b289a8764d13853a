package org.workflowring.itests.cluster;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling: every wait in the harness ends, with a message saying what did not happen. */
public final class Waits {

    private Waits() {
    }

    /** Polls {@code condition} every {@code poll} until it holds; throws after {@code atMost}. */
    public static void until(String what, Duration atMost, Duration poll, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + atMost + ": " + what);
            }
            sleep(poll);
        }
    }

    public static void until(String what, Duration atMost, BooleanSupplier condition) {
        until(what, atMost, Duration.ofMillis(100), condition);
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
