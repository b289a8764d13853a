package org.workflowring.camel;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one node's engine for one ring, taken from the endpoint that starts it.
 *
 * @param workerThreads       size of the worker pool
 * @param mailboxBound        queued notifications per instance before the consumer blocks
 * @param lockTimeout         how long a worker waits for an instance lock another node still holds
 * @param maxAttempts         how often a throwing workflow is called for one event before it is dead-lettered
 * @param deadLetterUri       where bad input goes, {@code null} to log it only
 * @param recoverySweepPeriod how often pending events and unsent outbox rows of owned instances are swept up
 * @param recoveryAge         how old a pending event must be before the periodic sweep takes it
 * @param relayRetryDelay     first back-off of a failed outbox delivery; doubles up to 32 times that
 */
record EngineSettings(int workerThreads, int mailboxBound, Duration lockTimeout, int maxAttempts, String deadLetterUri,
                      Duration recoverySweepPeriod, Duration recoveryAge, Duration relayRetryDelay) {

    EngineSettings {
        Objects.requireNonNull(lockTimeout, "lockTimeout must not be null");
        Objects.requireNonNull(recoverySweepPeriod, "recoverySweepPeriod must not be null");
        Objects.requireNonNull(recoveryAge, "recoveryAge must not be null");
        Objects.requireNonNull(relayRetryDelay, "relayRetryDelay must not be null");
    }
}
