package org.workflowring.camel;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.workflowring.api.WorkflowRegistryListener;

/**
 * Instances whose workflow type is not registered, by type, released to the engine when a workflow for the type
 * appears (hot deploy).
 *
 * <p>Registry callbacks run on the thread that registered the service; releasing only hands the ids to
 * {@code release}, which must not block (the engine queues them on its sweeper thread).
 */
final class ParkedInstances implements WorkflowRegistryListener {

    private final Map<String, Set<String>> byType = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final Consumer<Set<String>> release;

    /** Parked instances handed to {@code release} when their type appears. */
    ParkedInstances(Consumer<Set<String>> release) {
        this.release = release;
    }

    /** Parks {@code instanceId} until {@code type} appears. */
    void park(String type, String instanceId) {
        byType.computeIfAbsent(type, t -> ConcurrentHashMap.newKeySet()).add(instanceId);
    }

    /** True the first time for a given event: the dead letter about an unknown type is sent once per event. */
    boolean firstReport(String instanceId, long seq) {
        return reported.add(instanceId + ':' + seq);
    }

    /** How many instances wait for a type. */
    int size() {
        return byType.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void workflowAdded(String type) {
        Set<String> ids = byType.remove(type);
        if (ids != null && !ids.isEmpty()) {
            release.accept(Set.copyOf(ids));
        }
    }

    @Override
    public void workflowRemoved(String type) {
        // Nothing to do now: the next event of such an instance finds no workflow and parks it.
    }
}
