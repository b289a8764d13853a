package org.workflowring.itests.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the backend received, against what was generated: no idempotency key twice, every instance's messages
 * complete and in order (bodies {@code instance:1}, {@code instance:2}, ... in arrival order of first receipts).
 */
public final class DeliveryCheck {

    /**
     * @param duplicateKeys  keys received more than once, with the nodes that sent them
     * @param missing        instances with fewer distinct messages than events generated
     * @param outOfOrder     instances whose messages arrived out of order
     * @param unexpected     messages for instances that were not generated
     * @param messages       messages received, duplicates included
     */
    public record Result(List<String> duplicateKeys, List<String> missing, List<String> outOfOrder,
            List<String> unexpected, long messages) {

        public boolean holds() {
            return duplicateKeys.isEmpty() && missing.isEmpty() && outOfOrder.isEmpty() && unexpected.isEmpty();
        }
    }

    private DeliveryCheck() {
    }

    /** @param expected events generated per instance (each event sends one message) */
    public static Result check(List<BackendRecord> records, Map<String, Integer> expected) {
        Map<String, List<String>> sendersByKey = new HashMap<>();
        Map<String, List<Long>> firstReceipts = new HashMap<>();
        Set<String> unexpected = new HashSet<>();
        for (BackendRecord r : records) {
            List<String> senders = sendersByKey.computeIfAbsent(r.idempotencyKey(), k -> new ArrayList<>());
            senders.add(r.node());
            String instance = instanceOf(r.body());
            if (!expected.containsKey(instance)) {
                unexpected.add(r.body());
            } else if (senders.size() == 1) {
                firstReceipts.computeIfAbsent(instance, k -> new ArrayList<>()).add(counterOf(r.body()));
            }
        }
        List<String> duplicates = new ArrayList<>();
        sendersByKey.forEach((key, senders) -> {
            if (senders.size() > 1) {
                duplicates.add(key + " from " + senders);
            }
        });
        List<String> missing = new ArrayList<>();
        List<String> outOfOrder = new ArrayList<>();
        expected.forEach((instance, count) -> {
            List<Long> got = firstReceipts.getOrDefault(instance, List.of());
            if (got.size() < count) {
                missing.add(instance + ": " + got.size() + " of " + count);
            }
            for (int i = 0; i < got.size(); i++) {
                if (got.get(i) != i + 1) {
                    outOfOrder.add(instance + ": " + got);
                    break;
                }
            }
        });
        return new Result(duplicates, missing, outOfOrder, List.copyOf(unexpected), records.size());
    }

    private static String instanceOf(String body) {
        int colon = body.lastIndexOf(':');
        return colon < 0 ? body : body.substring(0, colon);
    }

    private static long counterOf(String body) {
        try {
            return Long.parseLong(body.substring(body.lastIndexOf(':') + 1).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
