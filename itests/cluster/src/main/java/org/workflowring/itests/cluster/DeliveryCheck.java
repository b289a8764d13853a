package org.workflowring.itests.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the backend received, against what was generated: every instance's messages complete and in order (bodies
 * {@code instance:1}, {@code instance:2}, ... in arrival order of first receipts), and no idempotency key twice except
 * as a redelivery by a later grant.
 *
 * <p>A redelivery is a key whose every later copy came under a higher fencing token than every earlier one: a holder
 * that was stopped (killed, paused past its session timeout) after a send and before marking the row sent cannot tell
 * that the backend has it, so its successor sends the row again under its own token. No design without the backend's
 * help can avoid that (the backend drops the copy by its key); a key twice under one token, or under a lower token
 * after a higher one, is a fault of the relay.
 */
public final class DeliveryCheck {

    /**
     * @param duplicateKeys  keys received more than once other than as a redelivery, with their senders
     * @param redelivered    keys received again from a later grant holder, with their senders ({@code node@fence})
     * @param missing        instances with fewer distinct messages than events generated
     * @param outOfOrder     instances whose messages arrived out of order
     * @param unexpected     messages for instances that were not generated
     * @param unfenced       messages without a fencing token (the relay sends one with each)
     * @param messages       messages received, duplicates included
     */
    public record Result(List<String> duplicateKeys, List<String> redelivered, List<String> missing,
            List<String> outOfOrder, List<String> unexpected, long unfenced, long messages) {

        /** Like {@link #holds()}, and no key twice at all: for runs without a fault, where no holder was stopped. */
        public boolean holdsExactlyOnce() {
            return holds() && redelivered.isEmpty();
        }

        public boolean holds() {
            return duplicateKeys.isEmpty() && missing.isEmpty() && outOfOrder.isEmpty() && unexpected.isEmpty()
                    && unfenced == 0;
        }
    }

    private DeliveryCheck() {
    }

    /** @param expected events generated per instance (each event sends one message) */
    public static Result check(List<BackendRecord> records, Map<String, Integer> expected) {
        Map<String, List<BackendRecord>> copiesByKey = new HashMap<>();
        Map<String, List<Long>> firstReceipts = new HashMap<>();
        Set<String> unexpected = new HashSet<>();
        for (BackendRecord r : records) {
            List<BackendRecord> copies = copiesByKey.computeIfAbsent(r.idempotencyKey(), k -> new ArrayList<>());
            copies.add(r);
            String instance = instanceOf(r.body());
            if (!expected.containsKey(instance)) {
                unexpected.add(r.body());
            } else if (copies.size() == 1) {
                firstReceipts.computeIfAbsent(instance, k -> new ArrayList<>()).add(counterOf(r.body()));
            }
        }
        List<String> duplicates = new ArrayList<>();
        List<String> redelivered = new ArrayList<>();
        copiesByKey.forEach((key, copies) -> {
            if (copies.size() > 1) {
                String line = key + " from " + copies.stream().map(BackendRecord::sender).toList();
                (byLaterGrants(copies) ? redelivered : duplicates).add(line);
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
        long unfenced = records.stream().filter(r -> r.fence() < 0).count();
        return new Result(duplicates, redelivered, missing, outOfOrder, List.copyOf(unexpected), unfenced,
                records.size());
    }

    /** Whether each copy after the first came under a higher known token than the copy before it. */
    private static boolean byLaterGrants(List<BackendRecord> copies) {
        for (int i = 1; i < copies.size(); i++) {
            if (copies.get(i - 1).fence() < 0 || copies.get(i).fence() <= copies.get(i - 1).fence()) {
                return false;
            }
        }
        return true;
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
