package org.workflowring.itests.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Times measured from the workflow call records around a fault, in milliseconds of wall clock.
 *
 * <p><b>IMPORTANT</b>: an instance is seen to move only when its next event runs, so under a load where each
 * instance gets an event every {@code g} seconds, the earliest move ({@code first}) is the meaningful number; the
 * median and the last move add up to {@code g} of waiting for events.
 */
public final class FaultTimes {

    /**
     * @param instances instances that moved
     * @param firstMillis earliest move after the fault
     * @param medianMillis median move
     * @param lastMillis last move
     */
    public record Moves(int instances, double firstMillis, double medianMillis, double lastMillis) {

        @Override
        public String toString() {
            return String.format("%d instances, first %.0f ms, median %.0f ms, last %.0f ms", instances, firstMillis,
                    medianMillis, lastMillis);
        }
    }

    private FaultTimes() {
    }

    /**
     * Crash (or leave) to takeover: for the instances {@code victim} ran before {@code faultMicros}, the time from the
     * fault to the first call by another node holding the grant. All of them, not only the last few seconds' (an
     * earlier version took those): under a paced load each instance gets an event every {@code instances / rate}
     * seconds (13 s in the scenarios), so the instances run just before the fault get their next event only after
     * that period, which then hid the takeover (8.3 s "first move" for a takeover at about 6 s).
     */
    public static Optional<Moves> takeover(List<WorkflowCall> calls, String victim, long faultMicros) {
        Set<String> victims = calls.stream()
                .filter(c -> c.node().equals(victim) && c.startMicros() <= faultMicros)
                .map(WorkflowCall::instance).collect(Collectors.toSet());
        return firstCalls(calls, victims, c -> !c.node().equals(victim), faultMicros);
    }

    /**
     * Join to handoff: for instances that others ran before {@code joinMicros} and {@code joiner} ran after it, the
     * time from the join to the joiner's first call holding the grant.
     */
    public static Optional<Moves> handoff(List<WorkflowCall> calls, String joiner, long joinMicros) {
        Set<String> before = calls.stream()
                .filter(c -> !c.node().equals(joiner) && c.startMicros() < joinMicros)
                .map(WorkflowCall::instance).collect(Collectors.toSet());
        return firstCalls(calls, before, c -> c.node().equals(joiner), joinMicros);
    }

    private static Optional<Moves> firstCalls(List<WorkflowCall> calls, Set<String> instances,
            java.util.function.Predicate<WorkflowCall> newOwner, long fromMicros) {
        Map<String, Long> first = new HashMap<>();
        for (WorkflowCall c : calls) {
            if (instances.contains(c.instance()) && newOwner.test(c) && c.heldGrant() && c.startMicros() > fromMicros) {
                first.merge(c.instance(), c.startMicros(), Math::min);
            }
        }
        if (first.isEmpty()) {
            return Optional.empty();
        }
        List<Long> delays = new ArrayList<>();
        first.values().forEach(t -> delays.add(t - fromMicros));
        Collections.sort(delays);
        return Optional.of(new Moves(delays.size(), delays.get(0) / 1000.0, delays.get(delays.size() / 2) / 1000.0,
                delays.get(delays.size() - 1) / 1000.0));
    }
}
