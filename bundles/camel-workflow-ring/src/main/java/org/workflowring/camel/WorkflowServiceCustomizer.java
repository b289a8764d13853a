package org.workflowring.camel;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workflowring.api.MapWorkflowRegistry;
import org.workflowring.api.Workflow;

/**
 * Puts tracked {@link Workflow} services into a {@link MapWorkflowRegistry} and takes them out again; the service
 * is got and released through the given functions (the bundle context's in OSGi).
 */
final class WorkflowServiceCustomizer implements ServiceTrackerCustomizer<Workflow, Workflow> {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowServiceCustomizer.class);

    private final MapWorkflowRegistry registry;
    private final Function<ServiceReference<Workflow>, Workflow> get;
    private final Consumer<ServiceReference<Workflow>> unget;

    WorkflowServiceCustomizer(MapWorkflowRegistry registry, Function<ServiceReference<Workflow>, Workflow> get,
                              Consumer<ServiceReference<Workflow>> unget) {
        this.registry = Objects.requireNonNull(registry, "registry must not be null");
        this.get = Objects.requireNonNull(get, "get must not be null");
        this.unget = Objects.requireNonNull(unget, "unget must not be null");
    }

    @Override
    public Workflow addingService(ServiceReference<Workflow> reference) {
        Workflow workflow = get.apply(reference);
        if (workflow == null) {
            return null; // the service went away meanwhile: not tracked
        }
        try {
            registry.register(workflow);
            LOG.info("Workflow type '{}' available", workflow.type());
            return workflow;
        } catch (RuntimeException e) {
            LOG.error("Workflow service {} refused: {}", workflow, e.getMessage());
            unget.accept(reference);
            return null;
        }
    }

    @Override
    public void modifiedService(ServiceReference<Workflow> reference, Workflow workflow) {
        // The type is read from the service object, not from properties: nothing to do.
    }

    @Override
    public void removedService(ServiceReference<Workflow> reference, Workflow workflow) {
        if (registry.unregister(workflow)) {
            LOG.info("Workflow type '{}' gone", workflow.type());
        }
        unget.accept(reference);
    }
}
