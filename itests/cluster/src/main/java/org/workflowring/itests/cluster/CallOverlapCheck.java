package org.workflowring.itests.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds moments when two calls were inside the workflow of one instance at once, by wall clock.
 *
 * <p>An overlap where both calls held the instance's current grant (same owner and token at entry and exit) is a
 * <b>violation</b>: two nodes working on one instance. An overlap where one call did not hold the grant is
 * <b>fenced</b>: a node inside the workflow after it lost the instance (paused, partitioned); the promise allows it
 * only because that call's commit is refused, which the delivery and store checks then verify (nothing it decided
 * reaches the backend twice or out of order). Calls are compared by the wall clock of one host, which every node
 * process shares (see {@code CallRecorder}).
 */
public final class CallOverlapCheck {

    /**
     * @param violations     overlapping calls that both held the grant
     * @param fencedOverlaps overlapping calls where one had lost the grant
     * @param callsWithoutGrant calls that did not hold the grant, overlapping or not
     * @param calls          calls checked
     */
    public record Result(List<String> violations, List<String> fencedOverlaps, long callsWithoutGrant, long calls) {
    }

    private CallOverlapCheck() {
    }

    public static Result check(List<WorkflowCall> calls) {
        List<String> violations = new ArrayList<>();
        List<String> fenced = new ArrayList<>();
        Map<String, List<WorkflowCall>> byInstance = calls.stream()
                .collect(Collectors.groupingBy(WorkflowCall::instance));
        for (List<WorkflowCall> ofInstance : byInstance.values()) {
            ofInstance.sort(Comparator.comparingLong(WorkflowCall::startMicros));
            // Sweep in start order; calls are short, so the inner loop stops after a few.
            for (int i = 0; i < ofInstance.size(); i++) {
                WorkflowCall a = ofInstance.get(i);
                for (int j = i + 1; j < ofInstance.size() && ofInstance.get(j).startMicros() < a.endMicros(); j++) {
                    WorkflowCall b = ofInstance.get(j);
                    if (a.overlaps(b)) {
                        String what = a + " and " + b;
                        if (a.heldGrant() && b.heldGrant()) {
                            violations.add(what);
                        } else {
                            fenced.add(what);
                        }
                    }
                }
            }
        }
        long withoutGrant = calls.stream().filter(c -> !c.heldGrant()).count();
        return new Result(violations, fenced, withoutGrant, calls.size());
    }
}
