package org.workflowring.store;

import java.time.Instant;
import java.util.Map;

/**
 * A stored outbox message.
 *
 * @param instanceId     the workflow instance whose transition wrote it
 * @param seq            its position among the instance's outbox messages, from 1
 * @param ringHash       the ring hash of the instance id
 * @param target         the Camel endpoint URI to send to
 * @param headers        message headers, sorted by name
 * @param payload        the message body (never {@code null})
 * @param idempotencyKey {@code instanceId:seq}, stable across relay attempts, for the backend to drop duplicates
 * @param status         unsent or sent
 * @param createdAt      when the transition wrote it
 * @param sentAt         when the relay marked it sent, {@code null} before
 */
public record OutboxRecord(String instanceId, long seq, long ringHash, String target, Map<String, String> headers,
                           byte[] payload, String idempotencyKey, OutboxStatus status, Instant createdAt,
                           Instant sentAt) {

    /** The idempotency key of outbox message {@code seq} of {@code instanceId}. */
    public static String keyOf(String instanceId, long seq) {
        return instanceId + ':' + seq;
    }
}
