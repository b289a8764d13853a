package org.workflowring.api;

/**
 * Told when a workflow type appears in or disappears from a {@link WorkflowRegistry}.
 *
 * <p><b>IMPORTANT</b>: called on the thread that changed the registry (in OSGi the thread that registered or
 * unregistered the service, often a bundle's start or stop); keep it short and never block on the engine.
 */
public interface WorkflowRegistryListener {

    /** A workflow for {@code type} became available: events parked for it may run now. */
    void workflowAdded(String type);

    /** The workflow for {@code type} went away: new events of its instances are parked until it comes back. */
    void workflowRemoved(String type);
}
