package org.workflowring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class MapWorkflowRegistryTest {

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

    @Test
    void findsRegisteredTypeAndNothingElse() {
        Workflow order = workflow("order");
        MapWorkflowRegistry registry = MapWorkflowRegistry.of(order);

        assertThat(registry.find("order")).containsSame(order);
        assertThat(registry.find("invoice")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
        assertThat(registry.types()).containsExactly("order");
    }

    @Test
    void listenersHearTypesAppearAndDisappearAfterTheChangeIsVisible() {
        MapWorkflowRegistry registry = new MapWorkflowRegistry();
        List<String> heard = new CopyOnWriteArrayList<>();
        registry.addListener(new WorkflowRegistryListener() {
            @Override
            public void workflowAdded(String type) {
                heard.add("+" + type + ":" + registry.find(type).isPresent());
            }

            @Override
            public void workflowRemoved(String type) {
                heard.add("-" + type + ":" + registry.find(type).isPresent());
            }
        });
        Workflow order = workflow("order");

        registry.register(order);
        registry.unregister(order);

        assertThat(heard).containsExactly("+order:true", "-order:false");
    }

    @Test
    void unregisteringAReplacedWorkflowKeepsItsReplacement() {
        MapWorkflowRegistry registry = new MapWorkflowRegistry();
        Workflow v1 = workflow("order");
        Workflow v2 = workflow("order");
        registry.register(v1);
        registry.register(v2);

        assertThat(registry.unregister(v1)).isFalse();
        assertThat(registry.find("order")).containsSame(v2);
    }

    @Test
    void blankTypeIsRefusedWithTheWorkflowNamed() {
        assertThatThrownBy(() -> new MapWorkflowRegistry().register(workflow(" ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be blank");
    }
}
