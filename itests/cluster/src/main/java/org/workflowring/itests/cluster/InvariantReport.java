package org.workflowring.itests.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The promise checked after a scenario: the store (every event once), the backend (complete, in order, no key twice
 * but as a successor's redelivery, nothing from a node after it lost the instance) and the call records (never two
 * holders inside one instance), with what broke it, if anything.
 *
 * @param sendsAfterLoss messages the backend accepted from a node after it had lost their instance
 *                       ({@link SendAfterLossCheck})
 * @param refusedAsStale messages the backend refused because a higher token of their instance had come first: sent by
 *                       a node paused inside the send, after its last check; allowed, since nothing acted on them
 */
public record InvariantReport(StoreCheck.Result store, DeliveryCheck.Result delivery, List<String> sendsAfterLoss,
        List<String> refusedAsStale, CallOverlapCheck.Result calls, List<String> workflowOrderViolations,
        long badEvents) {

    /** Everything that breaks the promise; empty when it held. */
    public List<String> violations() {
        List<String> v = new ArrayList<>();
        store.wrongEvents().forEach(s -> v.add("store: " + s));
        store.wrongStates().forEach(s -> v.add("store: " + s));
        if (store.pendingEvents() > 0) {
            v.add("store: " + store.pendingEvents() + " events still pending");
        }
        if (store.unsentOutbox() > 0) {
            v.add("store: " + store.unsentOutbox() + " outbox rows unsent");
        }
        if (store.deadEvents() != badEvents) {
            v.add("store: " + store.deadEvents() + " dead events, " + badEvents + " bad events generated");
        }
        delivery.duplicateKeys().forEach(s -> v.add("backend: key twice: " + s));
        if (delivery.unfenced() > 0) {
            v.add("backend: " + delivery.unfenced() + " messages without a fencing token (WorkflowFence)");
        }
        sendsAfterLoss.forEach(s -> v.add("backend: from a node that had lost the instance: " + s));
        delivery.missing().forEach(s -> v.add("backend: missing: " + s));
        delivery.outOfOrder().forEach(s -> v.add("backend: out of order: " + s));
        delivery.unexpected().forEach(s -> v.add("backend: unexpected: " + s));
        calls.violations().forEach(s -> v.add("two holders inside: " + s));
        workflowOrderViolations.forEach(s -> v.add("workflow saw: " + s));
        return v;
    }

    /**
     * {@link #violations()}, and any key twice at all: for runs without a fault, where not even the next holder's
     * redelivery may happen.
     */
    public List<String> violationsWithoutFault() {
        List<String> v = violations();
        delivery.redelivered().forEach(s -> v.add("backend: key twice without a fault: " + s));
        return v;
    }

    /** One paragraph for the log and the demo. */
    public String summary() {
        return String.format("%d workflow calls (%d without the grant, %d overlaps with a fenced node, %d with two"
                        + " holders), %d backend messages (%d keys twice, %d redelivered by the next holder, %d from a"
                        + " node after its loss, %d more refused as stale), %d events pending, %d dead (%d bad"
                        + " generated), %d outbox rows unsent: %s",
                calls.calls(), calls.callsWithoutGrant(), calls.fencedOverlaps().size(), calls.violations().size(),
                delivery.messages(), delivery.duplicateKeys().size(), delivery.redelivered().size(),
                sendsAfterLoss.size(), refusedAsStale.size(), store.pendingEvents(), store.deadEvents(),
                badEvents, store.unsentOutbox(), violations().isEmpty() ? "the promise held" : "BROKEN");
    }
}
