package org.workflowring.bench.workflow;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import org.workflowring.ring.HashRange;
import org.workflowring.store.EventRecord;
import org.workflowring.store.InstanceRecord;
import org.workflowring.store.NewEvent;
import org.workflowring.store.OutboxRecord;
import org.workflowring.store.Transition;
import org.workflowring.store.WorkflowStore;

/**
 * A {@link WorkflowStore} that counts the calls it passes on, so a run can report database round trips per event
 * and how many events share one commit: the numbers that explain its speed.
 */
final class CountingStore implements WorkflowStore {

    enum Op { APPEND, CLAIM, FIND, PENDING_EVENTS, COMMIT, COMMITTED_EVENTS, UNSENT_OUTBOX, MARK_SENT, SCAN, FAILURE }

    private final WorkflowStore store;
    private final Map<Op, LongAdder> counts = new EnumMap<>(Op.class);

    CountingStore(WorkflowStore store) {
        this.store = store;
        for (Op op : Op.values()) {
            counts.put(op, new LongAdder());
        }
    }

    /** A snapshot of the counts so far. */
    Map<Op, Long> counts() {
        Map<Op, Long> snapshot = new EnumMap<>(Op.class);
        counts.forEach((op, n) -> snapshot.put(op, n.sum()));
        return snapshot;
    }

    private void count(Op op) {
        counts.get(op).increment();
    }

    @Override
    public boolean claim(String instanceId, long fence, String ownerNode) {
        count(Op.CLAIM);
        return store.claim(instanceId, fence, ownerNode);
    }

    @Override
    public boolean appendEvent(NewEvent event) {
        count(Op.APPEND);
        return store.appendEvent(event);
    }

    @Override
    public Optional<InstanceRecord> findInstance(String instanceId) {
        count(Op.FIND);
        return store.findInstance(instanceId);
    }

    @Override
    public List<EventRecord> pendingEvents(String instanceId) {
        count(Op.PENDING_EVENTS);
        return store.pendingEvents(instanceId);
    }

    @Override
    public List<String> pendingInstances(Collection<HashRange> ranges) {
        count(Op.SCAN);
        return store.pendingInstances(ranges);
    }

    @Override
    public List<String> pendingInstances(Collection<HashRange> ranges, Duration minAge) {
        count(Op.SCAN);
        return store.pendingInstances(ranges, minAge);
    }

    @Override
    public List<String> commit(Transition transition) {
        count(Op.COMMIT);
        counts.get(Op.COMMITTED_EVENTS).add(transition.processedEvents().size());
        return store.commit(transition);
    }

    @Override
    public int recordFailure(String instanceId, long fence, long seq, boolean giveUp) {
        count(Op.FAILURE);
        return store.recordFailure(instanceId, fence, seq, giveUp);
    }

    @Override
    public List<OutboxRecord> unsentOutbox(String instanceId) {
        count(Op.UNSENT_OUTBOX);
        return store.unsentOutbox(instanceId);
    }

    @Override
    public List<OutboxRecord> unsentOutbox(Collection<HashRange> ranges, int limit) {
        count(Op.SCAN);
        return store.unsentOutbox(ranges, limit);
    }

    @Override
    public boolean markSent(String idempotencyKey) {
        count(Op.MARK_SENT);
        return store.markSent(idempotencyKey);
    }

    @Override
    public void markSent(Collection<String> idempotencyKeys) {
        count(Op.MARK_SENT);
        store.markSent(idempotencyKeys);
    }
}
