package org.workflowring.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.workflowring.api.MapWorkflowRegistry;
import org.workflowring.api.Transition;
import org.workflowring.api.Workflow;
import org.workflowring.api.WorkflowEvent;
import org.workflowring.api.WorkflowRegistryListener;

/** The whiteboard's service customizer: services come and go as workflow types, and are always released. */
class WorkflowServiceCustomizerTest {

    private final MapWorkflowRegistry registry = new MapWorkflowRegistry();
    private final List<String> heard = new ArrayList<>();
    private final List<ServiceReference<Workflow>> released = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private static ServiceReference<Workflow> reference() {
        return (ServiceReference<Workflow>) Proxy.newProxyInstance(ServiceReference.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (p, m, a) -> m.getName().equals("hashCode")
                        ? System.identityHashCode(p) : m.getName().equals("equals") ? p == a[0] : null);
    }

    private static Workflow workflow(String type) {
        return new Workflow() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Transition apply(byte[] state, WorkflowEvent event) {
                return Transition.to(state);
            }
        };
    }

    private WorkflowServiceCustomizer customizer(Map<ServiceReference<Workflow>, Workflow> services) {
        registry.addListener(new WorkflowRegistryListener() {
            @Override
            public void workflowAdded(String type) {
                heard.add("+" + type);
            }

            @Override
            public void workflowRemoved(String type) {
                heard.add("-" + type);
            }
        });
        return new WorkflowServiceCustomizer(registry, services::get, released::add);
    }

    @Test
    void aServiceAppearingAndGoingIsATypeAppearingAndGoing() {
        ServiceReference<Workflow> ref = reference();
        Workflow order = workflow("order");
        WorkflowServiceCustomizer c = customizer(Map.of(ref, order));

        assertThat(c.addingService(ref)).isSameAs(order);
        assertThat(registry.find("order")).containsSame(order);
        c.removedService(ref, order);

        assertThat(registry.find("order")).isEmpty();
        assertThat(heard).containsExactly("+order", "-order");
        assertThat(released).containsExactly(ref);
    }

    @Test
    void aServiceThatIsGoneOrInvalidIsNotTrackedAndIsReleased() {
        ServiceReference<Workflow> gone = reference();
        ServiceReference<Workflow> blank = reference();
        WorkflowServiceCustomizer c = customizer(Map.of(blank, workflow(" ")));

        assertThat(c.addingService(gone)).isNull();
        assertThat(c.addingService(blank)).isNull();

        assertThat(registry.types()).isEmpty();
        assertThat(released).containsExactly(blank);
    }
}
