package org.workflowring.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the cluster test checks at the end, shared by every node of the test JVM: who is inside the workflow call for
 * which instance (enter/exit), what the backend received, and every violation seen.
 */
final class SafetyRecorder {

    final Map<String, String> inside = new ConcurrentHashMap<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final Set<String> deliveredKeys = ConcurrentHashMap.newKeySet();
    final List<String> duplicateKeys = new CopyOnWriteArrayList<>();
    final Map<String, List<Long>> deliveredByInstance = new ConcurrentHashMap<>();
    final AtomicInteger deliveries = new AtomicInteger();
    final AtomicInteger workflowCalls = new AtomicInteger();
    /** Intake outcomes of forward-mode consumers (STORED, FORWARDED, ...), to show that forwarding took place. */
    final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

    void enter(String node, String instance) {
        workflowCalls.incrementAndGet();
        String other = inside.putIfAbsent(instance, node);
        if (other != null) {
            violations.add("two nodes inside the workflow of " + instance + ": " + other + " and " + node);
        }
    }

    void exit(String node, String instance) {
        inside.remove(instance, node);
    }

    void outcome(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Called by the backend route of every node. */
    synchronized void delivered(String idempotencyKey, String instance, long n) {
        deliveries.incrementAndGet();
        if (!deliveredKeys.add(idempotencyKey)) {
            duplicateKeys.add(idempotencyKey);
            return;
        }
        deliveredByInstance.computeIfAbsent(instance, k -> new ArrayList<>()).add(n);
    }
}
