package org.workflowring.itests.cluster;

import java.time.Instant;

/**
 * The wall clock in epoch microseconds, as the nodes' call records use it.
 *
 * <p><b>IMPORTANT</b>: comparable across processes only on one host (one kernel clock); the harness runs everything
 * on loopback, so fault moments taken here line up with the nodes' records.
 */
public final class Clock {

    private Clock() {
    }

    public static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
