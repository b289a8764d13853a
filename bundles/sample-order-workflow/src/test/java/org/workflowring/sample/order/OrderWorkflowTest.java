package org.workflowring.sample.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.workflowring.api.OutgoingMessage;
import org.workflowring.api.Transition;
import org.workflowring.api.WorkflowEvent;

class OrderWorkflowTest {

    private final OrderWorkflow workflow = new OrderWorkflow();
    private long seq;

    private Transition apply(byte[] state, String payload) throws Exception {
        return workflow.apply(state, new WorkflowEvent("o-1", "k" + (++seq), seq,
                payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void createdPaidShippedTellsBillingWarehouseAndCustomerAndFinishes() throws Exception {
        Transition created = apply(new byte[0], "created 42.50");
        Transition paid = apply(created.state(), "paid");
        Transition shipped = apply(paid.state(), "shipped TRK-9");

        assertThat(text(created.state())).isEqualTo("CREATED 42.50");
        assertThat(created.messages()).singleElement().satisfies(m -> {
            assertThat(m.target()).isEqualTo("direct:billing");
            assertThat(text(m.body())).isEqualTo("invoice o-1 42.50");
            assertThat(m.headers()).containsEntry("OrderId", "o-1");
        });
        assertThat(paid.messages()).extracting(OutgoingMessage::target).containsExactly("direct:warehouse");
        assertThat(text(paid.state())).isEqualTo("PAID 42.50");
        assertThat(shipped.messages()).extracting(m -> text(m.body())).containsExactly("shipped o-1 TRK-9");
        assertThat(shipped.finished()).isTrue();
        assertThat(created.finished()).isFalse();
    }

    @Test
    void payingAnOrderTwiceIsRefusedNamingTheStatus() throws Exception {
        Transition paid = apply(apply(new byte[0], "created 1").state(), "paid");
        assertThatThrownBy(() -> apply(paid.state(), "paid"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is PAID");
    }

    @Test
    void shippingAnUnpaidOrderIsRefused() throws Exception {
        Transition created = apply(new byte[0], "created 1");
        assertThatThrownBy(() -> apply(created.state(), "shipped T")).hasMessageContaining("needs an order in status PAID");
    }

    @Test
    void cancellingBeforeShippingFinishes() throws Exception {
        Transition cancelled = apply(apply(new byte[0], "created 1").state(), "cancelled");
        assertThat(cancelled.finished()).isTrue();
        assertThat(text(cancelled.state())).isEqualTo("CANCELLED 1");
    }

    @Test
    void unknownCommandAndMissingArgumentAreRefused() {
        assertThatThrownBy(() -> apply(new byte[0], "refund")).hasMessageContaining("unknown command 'refund'");
        assertThatThrownBy(() -> apply(new byte[0], "created")).hasMessageContaining("needs amount");
    }

    @Test
    void backendsAreConfigurable() throws Exception {
        OrderWorkflow custom = new OrderWorkflow(new OrderBackends("seda:b", "seda:w", "seda:c"));
        Transition t = custom.apply(new byte[0], new WorkflowEvent("o-2", "k", 1, "created 3".getBytes(StandardCharsets.UTF_8)));
        assertThat(t.messages()).extracting(OutgoingMessage::target).containsExactly("seda:b");
    }
}
