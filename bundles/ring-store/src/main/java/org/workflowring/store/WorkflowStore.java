package org.workflowring.store;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.workflowring.ring.HashRange;

/**
 * The database side of the workflow-ring promise: instances, events, fenced transitions, the outbox and the scans
 * that recovery and handoff use.
 *
 * <p>Every method runs in its own transaction and may be called from any thread. Methods that fail throw a
 * {@link StoreException} (database trouble) or an {@link InvalidInputException} (bad request, nothing written).
 */
public interface WorkflowStore {

    /**
     * Records that {@code ownerNode} holds the instance with fencing token {@code fence}, if that token is higher
     * than the stored one.
     *
     * @return {@code true} if the claim was stored; {@code false} if the stored token is equal or higher
     * @throws UnknownInstanceException if no event was ever appended for the instance
     */
    boolean claim(String instanceId, long fence, String ownerNode);

    /**
     * Appends an event, creating its instance ({@link InstanceStatus#ACTIVE}, token 0) if this is the first.
     *
     * @return {@code true} if the event is new; {@code false} if the instance already has an event with this key
     *         (nothing is changed then)
     */
    boolean appendEvent(NewEvent event);

    /** The stored instance, if any. */
    Optional<InstanceRecord> findInstance(String instanceId);

    /** The pending events of an instance, in append order (ascending {@code seq}). */
    List<EventRecord> pendingEvents(String instanceId);

    /**
     * The ids of instances with pending events whose ring hash lies in any of {@code ranges} (wrapping ranges
     * included), each id once, ordered by range and then by ring hash.
     */
    List<String> pendingInstances(Collection<HashRange> ranges);

    /**
     * Like {@link #pendingInstances(Collection)}, but only instances with at least one pending event appended
     * {@code minAge} or longer ago: the recovery sweep's question, which leaves alone events whose notification is
     * probably still on its way. {@link Duration#ZERO} finds every pending instance.
     *
     * <p><b>IMPORTANT</b>: the age compares the {@code created_at} written by the appending node's clock with this
     * store's clock, so clock skew between nodes shifts the threshold by the skew.
     */
    List<String> pendingInstances(Collection<HashRange> ranges, Duration minAge);

    /**
     * Commits a transition in one transaction: new status and state, the named events marked processed, the outbox
     * messages inserted with keys {@code instanceId:seq} - all only if {@code transition.fence()} is the stored token.
     *
     * @return the idempotency keys of the outbox messages written, in order
     * @throws FencedOutException       if the stored token differs; nothing was written
     * @throws UnknownInstanceException if the instance is not stored
     * @throws StoreException           if a named event is not pending; nothing was written
     */
    List<String> commit(Transition transition);

    /**
     * Counts a failed processing attempt of a pending event; with {@code giveUp} the event becomes
     * {@link EventStatus#DEAD} (kept, no longer pending). Fenced like {@link #commit(Transition)}.
     *
     * @return the event's failed attempts so far
     * @throws FencedOutException if {@code fence} is not the stored token; nothing was written
     * @throws StoreException     if the event is not pending
     */
    int recordFailure(String instanceId, long fence, long seq, boolean giveUp);

    /** The unsent outbox messages of an instance, in {@code seq} order. */
    List<OutboxRecord> unsentOutbox(String instanceId);

    /**
     * Up to {@code limit} unsent outbox messages of instances whose ring hash lies in any of {@code ranges}, ordered by
     * range, then ring hash, instance and {@code seq}.
     */
    List<OutboxRecord> unsentOutbox(Collection<HashRange> ranges, int limit);

    /**
     * Marks an outbox message sent.
     *
     * @return {@code true} if it was unsent; {@code false} if it was already sent or does not exist
     */
    boolean markSent(String idempotencyKey);

    /**
     * Marks outbox messages sent, all in one transaction: the relay's mark after a turn of sends, one database round
     * trip instead of one per message. Keys already sent or unknown are passed over, as with {@link #markSent(String)}.
     */
    void markSent(Collection<String> idempotencyKeys);
}
