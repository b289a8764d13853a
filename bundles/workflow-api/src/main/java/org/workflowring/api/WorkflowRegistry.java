package org.workflowring.api;

import java.util.Optional;
import java.util.Set;

/**
 * Where the engine finds the {@link Workflow} for a workflow type, and learns when types come and go.
 *
 * <p>In Karaf the registry follows the OSGi service registry (whiteboard: every {@code Workflow} service is
 * one type), so a hot-deployed workflow bundle becomes usable without restarting routes; in plain Java a
 * {@link MapWorkflowRegistry} is filled by hand.
 *
 * <p><b>IMPORTANT</b>: a workflow found now may disappear the next moment (bundle stopped); callers look it up per
 * event and treat a missing type as "park the event until the type appears".
 */
public interface WorkflowRegistry {

    /** The workflow for {@code type}, if one is registered now. */
    Optional<Workflow> find(String type);

    /** The types registered now. */
    Set<String> types();

    /**
     * Adds a listener; it is told about types registered after this call (not about those already present: read
     * {@link #types()} after adding it).
     */
    void addListener(WorkflowRegistryListener listener);

    /** Removes a listener; no-op when it was not added. */
    void removeListener(WorkflowRegistryListener listener);
}
