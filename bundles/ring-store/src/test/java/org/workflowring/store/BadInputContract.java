package org.workflowring.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input is rejected with an error naming what is wrong, and nothing already stored changes. */
abstract class BadInputContract extends StoreFixture {

    private List<String> before;

    @BeforeEach
    void storeSomething() {
        store.appendEvent(event("order-1", "e1"));
        store.claim("order-1", 1, "node-a");
        store.commit(transition("order-1", 1, "first", List.of(), 1));
        store.appendEvent(event("order-1", "e2"));
        before = db.snapshot();
    }

    private void assertNothingChanged() {
        assertThat(db.snapshot()).isEqualTo(before);
    }

    @Test
    void anEventWithoutInstanceIdIsRejected() {
        assertThatThrownBy(() -> store.appendEvent(new NewEvent(null, "order", "e3", null)))
                .isInstanceOf(InvalidInputException.class).hasMessage("instance id is missing");
        assertThatThrownBy(() -> store.appendEvent(new NewEvent("  ", "order", "e3", null)))
                .isInstanceOf(InvalidInputException.class).hasMessage("instance id is missing");
        assertNothingChanged();
    }

    @Test
    void anEventWithoutKeyOrTypeIsRejectedNamingTheInstance() {
        assertThatThrownBy(() -> new NewEvent("order-1", "order", "", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("event key of instance 'order-1'");
        assertThatThrownBy(() -> new NewEvent("order-1", null, "e3", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("workflow type");
    }

    @Test
    void anEventPayloadOverTheConfiguredSizeIsRejected() {
        byte[] large = new byte[MAX_PAYLOAD + 1];
        assertThatThrownBy(() -> store.appendEvent(new NewEvent("order-1", "order", "e3", large)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'e3'").hasMessageContaining(String.valueOf(MAX_PAYLOAD + 1))
                .hasMessageContaining("maximum of " + MAX_PAYLOAD);
        assertThat(store.appendEvent(new NewEvent("order-9", "order", "e1", new byte[MAX_PAYLOAD]))).isTrue();
    }

    @Test
    void aNewInstanceWithAnOversizedFirstEventIsNotCreated() {
        assertThatThrownBy(() -> store.appendEvent(new NewEvent("order-2", "order", "e1", new byte[MAX_PAYLOAD + 1])))
                .isInstanceOf(InvalidInputException.class);
        assertThat(store.findInstance("order-2")).isEmpty();
        assertNothingChanged();
    }

    @Test
    void aTransitionWithOversizedStateOrOutboxPayloadWritesNothing() {
        byte[] large = new byte[MAX_PAYLOAD + 1];
        assertThatThrownBy(() -> store.commit(new Transition("order-1", 1, InstanceStatus.ACTIVE, large,
                List.of(2L), List.of()))).isInstanceOf(InvalidInputException.class).hasMessageContaining("state");
        assertThatThrownBy(() -> store.commit(new Transition("order-1", 1, InstanceStatus.ACTIVE, null,
                List.of(2L), List.of(OutboxMessage.of("mock:x", large)))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("outbox");
        assertNothingChanged();
    }

    @Test
    void outboxHeadersThatDoNotFitTheColumnAreRejected() {
        Map<String, String> headers = Map.of("big", "x".repeat(5000));
        assertThatThrownBy(() -> store.commit(new Transition("order-1", 1, InstanceStatus.ACTIVE, null, List.of(),
                List.of(new OutboxMessage("mock:x", headers, null)))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("headers");
        assertNothingChanged();
    }

    @Test
    void aBatchOfKeysWithABlankOneMarksNothing() {
        assertThatThrownBy(() -> store.markSent(Arrays.asList("order-1:1", " ")))
                .isInstanceOf(InvalidInputException.class).hasMessage("idempotency key is missing");
        assertNothingChanged();
    }

    @Test
    void anUnknownStatusIsRejectedListingTheKnownOnes() {
        assertThatThrownBy(() -> InstanceStatus.parse("PAUSED")).isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown instance status 'PAUSED', expected one of [ACTIVE, COMPLETED, FAILED, CANCELLED]");
        assertThatThrownBy(() -> EventStatus.parse("done")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown event status 'done'");
        assertThatThrownBy(() -> OutboxStatus.parse(null)).isInstanceOf(InvalidInputException.class)
                .hasMessage("outbox status is missing");
        assertThatThrownBy(() -> new Transition("order-1", 1, null, null, List.of(), List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("status");
    }

    @Test
    void theDatabaseItselfRefusesAnUnknownStatus() {
        assertThatThrownBy(() -> db.execute("UPDATE wf_instance SET status = 'PAUSED'"))
                .hasMessageContaining("CK_WF_INSTANCE_STATUS");
        assertThatThrownBy(() -> db.execute("UPDATE wf_event SET status = 'LOST'"))
                .hasMessageContaining("CK_WF_EVENT_STATUS");
        assertNothingChanged();
    }

    @Test
    void tokensBelowOneAndRepeatedEventsAreRejected() {
        assertThatThrownBy(() -> store.claim("order-1", 0, "node-b")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> transition("order-1", 0, "s", List.of(), 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("token 0");
        assertThatThrownBy(() -> transition("order-1", 1, "s", List.of(2L, 2L), 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("twice");
        assertNothingChanged();
    }

    @Test
    void overlongIdsAreRejectedBeforeTheDatabaseSeesThem() {
        String longId = "i".repeat(201);
        assertThatThrownBy(() -> store.appendEvent(new NewEvent(longId, "order", "e1", "x".getBytes(UTF_8))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("201 characters");
        assertNothingChanged();
    }
}
