package org.workflowring.camel;

import java.io.Closeable;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;
import org.workflowring.api.MapWorkflowRegistry;
import org.workflowring.api.Workflow;
import org.workflowring.api.WorkflowRegistry;
import org.workflowring.api.WorkflowRegistryListener;

/**
 * The {@link WorkflowRegistry} of a Karaf node: every {@link Workflow} OSGi service is one workflow type
 * (whiteboard), so hot-deploying a workflow bundle releases the events parked for its type.
 *
 * <p>Blueprint: {@code <bean class="org.workflowring.camel.WhiteboardWorkflowRegistry" init-method="start"
 * destroy-method="close"><argument ref="blueprintBundleContext"/></bean>}, then set it as the component's
 * {@code workflowRegistry}.
 *
 * <p><b>IMPORTANT</b>: listeners run on the thread that registers or unregisters the service (often a bundle's
 * start or stop); the engine only hands the parked ids to its sweeper thread there.
 */
public final class WhiteboardWorkflowRegistry implements WorkflowRegistry, Closeable {

    private enum State { LATENT, STARTED, CLOSED }

    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final MapWorkflowRegistry registry = new MapWorkflowRegistry();
    private final ServiceTracker<Workflow, Workflow> tracker;

    /** A registry following the {@link Workflow} services visible to {@code context}. */
    public WhiteboardWorkflowRegistry(BundleContext context) {
        Objects.requireNonNull(context, "context must not be null");
        this.tracker = new ServiceTracker<>(context, Workflow.class, new WorkflowServiceCustomizer(registry,
                context::getService, context::ungetService));
    }

    /** Starts tracking; workflows already registered are added at once. */
    public void start() {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("whiteboard workflow registry was already started");
        }
        tracker.open();
    }

    @Override
    public Optional<Workflow> find(String type) {
        return registry.find(type);
    }

    @Override
    public Set<String> types() {
        return registry.types();
    }

    @Override
    public void addListener(WorkflowRegistryListener listener) {
        registry.addListener(listener);
    }

    @Override
    public void removeListener(WorkflowRegistryListener listener) {
        registry.removeListener(listener);
    }

    /** Stops tracking; every tracked workflow is removed (listeners hear it). */
    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) == State.STARTED) {
            tracker.close();
        }
    }
}
