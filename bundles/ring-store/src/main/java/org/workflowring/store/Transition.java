package org.workflowring.store;

import java.util.HashSet;
import java.util.List;

/**
 * The outcome of processing events of one instance, committed in one transaction if the fencing token still holds.
 *
 * <p><b>IMPORTANT</b>: the state array is not copied; do not change it after handing it over.
 *
 * @param instanceId      the workflow instance
 * @param fence           the fencing token of the caller's claim; the commit fails unless it is the stored one
 * @param status          the instance's new status
 * @param state           the instance's new state; {@code null} is stored as empty
 * @param processedEvents sequence numbers of the pending events this transition consumed
 * @param outbox          messages to write to the outbox, in order
 */
public record Transition(String instanceId, long fence, InstanceStatus status, byte[] state,
                         List<Long> processedEvents, List<OutboxMessage> outbox) {

    /** Rejects a missing instance id or status, a token below 1 and duplicate or missing event numbers. */
    public Transition {
        Checks.name(instanceId, "instance id");
        if (fence < 1) {
            throw new InvalidInputException("transition of instance '" + instanceId + "' has fencing token " + fence
                    + "; tokens start at 1 with the first claim");
        }
        Checks.present(status, "status of the transition of instance '" + instanceId + "'");
        state = state == null ? new byte[0] : state;
        processedEvents = List.copyOf(Checks.present(processedEvents, "processed events of instance '"
                + instanceId + "'"));
        outbox = List.copyOf(Checks.present(outbox, "outbox messages of instance '" + instanceId + "'"));
        if (new HashSet<>(processedEvents).size() != processedEvents.size()) {
            throw new InvalidInputException("transition of instance '" + instanceId
                    + "' names an event twice: " + processedEvents);
        }
    }
}
