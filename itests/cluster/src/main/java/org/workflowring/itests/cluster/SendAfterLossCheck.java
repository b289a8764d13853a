package org.workflowring.itests.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages the backend received from a node after it had lost the instance: a message sent under fencing token
 * {@code t} that arrived after a higher token of the same instance was in force, as shown by the database (a workflow
 * call that read the higher token at entry) or by the backend itself (a message under the higher token arrived
 * first). This is the promise's third part: the relay checks the token right before each send, which covers a node
 * paused anywhere but inside the send itself, and the backend refuses a token lower than one it has seen
 * ({@link FenceWatermark}), which covers a pause inside the send once the next holder has sent.
 *
 * <p>The evidence only ever shows a higher token later than it came into force, so this check cannot accuse a node
 * that was still the holder; it can miss a late message when nothing shows the new token before it.
 */
public final class SendAfterLossCheck {

    private SendAfterLossCheck() {
    }

    /** One line per message that arrived after its token was superseded; empty when the promise held. */
    public static List<String> check(List<BackendRecord> records, List<WorkflowCall> calls) {
        Map<String, Map<Long, Long>> inForceSince = new HashMap<>(); // instance -> token -> earliest sign, micros
        for (WorkflowCall c : calls) {
            if (c.enterFence() >= 0) {
                seen(inForceSince, c.instance(), c.enterFence(), c.startMicros());
            }
        }
        for (BackendRecord r : records) {
            if (r.fence() >= 0) {
                seen(inForceSince, r.instanceId(), r.fence(), r.receivedMicros());
            }
        }
        List<String> late = new ArrayList<>();
        for (BackendRecord r : records) {
            if (r.fence() < 0) {
                continue;
            }
            inForceSince.getOrDefault(r.instanceId(), Map.of()).forEach((token, since) -> {
                if (token > r.fence() && since < r.receivedMicros()) {
                    late.add(String.format("%s from %s arrived %.1f ms after token %d was in force", r.idempotencyKey(),
                            r.sender(), (r.receivedMicros() - since) / 1000.0, token));
                }
            });
        }
        return late;
    }

    private static void seen(Map<String, Map<Long, Long>> inForceSince, String instance, long token, long micros) {
        inForceSince.computeIfAbsent(instance, k -> new HashMap<>()).merge(token, micros, Math::min);
    }
}
