package org.workflowring.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link WorkflowRegistry} filled by hand: for plain-Java use and tests, and as the store behind the OSGi
 * whiteboard registry.
 *
 * <p>Thread-safe. Listeners are called on the thread that registers or unregisters, after the change is visible.
 */
public final class MapWorkflowRegistry implements WorkflowRegistry {

    private final Map<String, Workflow> workflows = new ConcurrentHashMap<>();
    private final List<WorkflowRegistryListener> listeners = new CopyOnWriteArrayList<>();

    /** An empty registry. */
    public MapWorkflowRegistry() {
    }

    /** A registry holding {@code initial}. */
    public static MapWorkflowRegistry of(Workflow... initial) {
        MapWorkflowRegistry registry = new MapWorkflowRegistry();
        for (Workflow w : initial) {
            registry.register(w);
        }
        return registry;
    }

    /**
     * Registers {@code workflow} under its type, replacing any earlier one of that type.
     *
     * @throws IllegalArgumentException when its type is blank
     */
    public void register(Workflow workflow) {
        Objects.requireNonNull(workflow, "workflow must not be null");
        String type = Objects.requireNonNull(workflow.type(), "type of workflow " + workflow + " must not be null");
        if (type.isBlank()) {
            throw new IllegalArgumentException("type of workflow " + workflow + " must not be blank");
        }
        workflows.put(type, workflow);
        listeners.forEach(l -> l.workflowAdded(type));
    }

    /** Unregisters {@code workflow} if it is still the one registered for its type; false otherwise. */
    public boolean unregister(Workflow workflow) {
        Objects.requireNonNull(workflow, "workflow must not be null");
        boolean removed = workflows.remove(workflow.type(), workflow);
        if (removed) {
            listeners.forEach(l -> l.workflowRemoved(workflow.type()));
        }
        return removed;
    }

    @Override
    public Optional<Workflow> find(String type) {
        return type == null ? Optional.empty() : Optional.ofNullable(workflows.get(type));
    }

    @Override
    public Set<String> types() {
        return Set.copyOf(workflows.keySet());
    }

    @Override
    public void addListener(WorkflowRegistryListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    @Override
    public void removeListener(WorkflowRegistryListener listener) {
        listeners.remove(listener);
    }
}
