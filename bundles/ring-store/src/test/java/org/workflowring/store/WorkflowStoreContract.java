package org.workflowring.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.workflowring.ring.HashRange;
import org.workflowring.ring.Ring;

/**
 * The behaviour every database setup must show for claims, appends, transitions, the outbox and schema handling;
 * subclasses say which database and dialect.
 */
abstract class WorkflowStoreContract extends StoreFixture {

    @Test
    void firstEventCreatesAnActiveUnclaimedInstanceWithItsRingHash() {
        assertThat(store.appendEvent(event("order-1", "e1"))).isTrue();

        InstanceRecord instance = store.findInstance("order-1").orElseThrow();
        assertThat(instance.ringHash()).isEqualTo(Ring.hashOf("order-1"));
        assertThat(instance.status()).isEqualTo(InstanceStatus.ACTIVE);
        assertThat(instance.workflowType()).isEqualTo("order");
        assertThat(instance.fence()).isZero();
        assertThat(instance.ownerNode()).isNull();
        assertThat(instance.state()).isEmpty();
        assertThat(instance.createdAt()).isEqualTo(NOW);
        assertThat(store.findInstance("order-2")).isEmpty();
    }

    @Test
    void appendingTheSameEventKeyTwiceStoresOneRowAndKeepsTheFirstPayload() {
        assertThat(store.appendEvent(event("order-1", "e1"))).isTrue();
        assertThat(store.appendEvent(new NewEvent("order-1", "order", "e1", "other".getBytes(UTF_8)))).isFalse();

        List<EventRecord> events = store.pendingEvents("order-1");
        assertThat(events).hasSize(1);
        assertThat(new String(events.get(0).payload(), UTF_8)).isEqualTo("payload of e1");
    }

    @Test
    void theSameEventKeyInAnotherInstanceIsADifferentEvent() {
        assertThat(store.appendEvent(event("order-1", "e1"))).isTrue();
        assertThat(store.appendEvent(event("order-2", "e1"))).isTrue();
        assertThat(store.pendingEvents("order-2")).hasSize(1);
    }

    @Test
    void pendingEventsComeBackInAppendOrder() {
        for (String key : List.of("z", "a", "m", "b")) {
            store.appendEvent(event("order-1", key));
        }
        List<EventRecord> events = store.pendingEvents("order-1");
        assertThat(events).extracting(EventRecord::eventKey).containsExactly("z", "a", "m", "b");
        assertThat(events).extracting(EventRecord::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(EventStatus.PENDING);
            assertThat(e.attempts()).isZero();
            assertThat(e.ringHash()).isEqualTo(Ring.hashOf("order-1"));
        });
    }

    @Test
    void claimWithAHigherTokenSucceedsAndRecordsTheOwnerNode() {
        store.appendEvent(event("order-1", "e1"));
        assertThat(store.claim("order-1", 5, "node-a")).isTrue();
        assertThat(store.claim("order-1", 7, "node-b")).isTrue();

        InstanceRecord instance = store.findInstance("order-1").orElseThrow();
        assertThat(instance.fence()).isEqualTo(7);
        assertThat(instance.ownerNode()).isEqualTo("node-b");
    }

    @Test
    void claimWithAnEqualOrLowerTokenIsRefusedAndChangesNothing() {
        store.appendEvent(event("order-1", "e1"));
        store.claim("order-1", 5, "node-a");
        List<String> before = db.snapshot();

        assertThat(store.claim("order-1", 5, "node-b")).isFalse();
        assertThat(store.claim("order-1", 4, "node-b")).isFalse();
        assertThat(db.snapshot()).isEqualTo(before);
    }

    @Test
    void claimOfAnInstanceThatWasNeverStoredNamesIt() {
        assertThatThrownBy(() -> store.claim("ghost", 1, "node-a"))
                .isInstanceOf(UnknownInstanceException.class).hasMessageContaining("'ghost'");
    }

    @Test
    void commitWritesStateMarksEventsProcessedAndInsertsOutboxRowsInOneGo() {
        store.appendEvent(event("order-1", "e1"));
        store.appendEvent(event("order-1", "e2"));
        store.appendEvent(event("order-1", "e3"));
        store.claim("order-1", 3, "node-a");

        List<String> keys = store.commit(transition("order-1", 3, "paid", List.of(1L, 2L), 2));

        assertThat(keys).containsExactly("order-1:1", "order-1:2");
        InstanceRecord instance = store.findInstance("order-1").orElseThrow();
        assertThat(new String(instance.state(), UTF_8)).isEqualTo("paid");
        assertThat(store.pendingEvents("order-1")).extracting(EventRecord::seq).containsExactly(3L);
        List<OutboxRecord> outbox = store.unsentOutbox("order-1");
        assertThat(outbox).extracting(OutboxRecord::idempotencyKey).containsExactly("order-1:1", "order-1:2");
        assertThat(outbox.get(1).headers()).containsExactly(Map.entry("state", "paid"));
        assertThat(new String(outbox.get(1).payload(), UTF_8)).isEqualTo("paid/1");
        assertThat(outbox.get(0).target()).isEqualTo("mock:backend");
        assertThat(outbox.get(0).ringHash()).isEqualTo(Ring.hashOf("order-1"));
        assertThat(outbox.get(0).status()).isEqualTo(OutboxStatus.UNSENT);
        assertThat(outbox.get(0).sentAt()).isNull();
    }

    @Test
    void commitCanEndAnInstance() {
        store.appendEvent(event("order-1", "e1"));
        store.claim("order-1", 1, "node-a");
        store.commit(new Transition("order-1", 1, InstanceStatus.COMPLETED, null, List.of(1L), List.of()));
        assertThat(store.findInstance("order-1").orElseThrow().status()).isEqualTo(InstanceStatus.COMPLETED);
    }

    @Test
    void staleTokenIsFencedOutNamingTheInstanceAndBothTokensAndNothingIsWritten() {
        store.appendEvent(event("order-1", "e1"));
        store.claim("order-1", 3, "node-a");
        store.claim("order-1", 4, "node-b");
        List<String> before = db.snapshot();

        assertThatThrownBy(() -> store.commit(transition("order-1", 3, "stale", List.of(1L), 1)))
                .isInstanceOfSatisfying(FencedOutException.class, e -> {
                    assertThat(e.instanceId()).isEqualTo("order-1");
                    assertThat(e.callerToken()).isEqualTo(3);
                    assertThat(e.storedToken()).isEqualTo(4);
                })
                .hasMessageContaining("'order-1'").hasMessageContaining("3").hasMessageContaining("4");
        assertThat(db.snapshot()).isEqualTo(before);
    }

    @Test
    void aTokenNeverClaimedIsFencedOutToo() {
        store.appendEvent(event("order-1", "e1"));
        assertThatThrownBy(() -> store.commit(transition("order-1", 1, "s", List.of(1L), 1)))
                .isInstanceOf(FencedOutException.class).hasMessageContaining("stored token 0");
    }

    @Test
    void commitNamingAnEventThatIsNotPendingWritesNothing() {
        store.appendEvent(event("order-1", "e1"));
        store.claim("order-1", 1, "node-a");
        store.commit(transition("order-1", 1, "first", List.of(1L), 1));
        List<String> before = db.snapshot();

        assertThatThrownBy(() -> store.commit(transition("order-1", 1, "again", List.of(1L), 1)))
                .isInstanceOf(StoreException.class).hasMessageContaining("event 1").hasMessageContaining("not pending");
        assertThatThrownBy(() -> store.commit(transition("order-1", 1, "never", List.of(9L), 1)))
                .isInstanceOf(StoreException.class).hasMessageContaining("event 9");
        assertThat(db.snapshot()).isEqualTo(before);
    }

    @Test
    void commitOnAnInstanceThatWasNeverStoredNamesIt() {
        assertThatThrownBy(() -> store.commit(transition("ghost", 1, "s", List.of(), 0)))
                .isInstanceOf(UnknownInstanceException.class).hasMessageContaining("'ghost'");
    }

    @Test
    void failedAttemptsAreCountedAndGivingUpMakesTheEventDeadButKeepsIt() {
        store.appendEvent(event("order-1", "e1"));
        store.appendEvent(event("order-1", "e2"));
        store.claim("order-1", 2, "node-a");

        assertThat(store.recordFailure("order-1", 2, 1, false)).isEqualTo(1);
        assertThat(store.pendingEvents("order-1")).first().satisfies(e -> assertThat(e.attempts()).isEqualTo(1));
        assertThat(store.recordFailure("order-1", 2, 1, true)).isEqualTo(2);

        assertThat(store.pendingEvents("order-1")).extracting(EventRecord::seq).containsExactly(2L);
        assertThat(db.query("SELECT status, attempts FROM wf_event WHERE seq = 1")).containsExactly("DEAD|2");
        assertThatThrownBy(() -> store.recordFailure("order-1", 2, 1, false))
                .isInstanceOf(StoreException.class).hasMessageContaining("not pending");
    }

    @Test
    void aStaleOwnerCannotRecordFailures() {
        store.appendEvent(event("order-1", "e1"));
        store.claim("order-1", 2, "node-a");
        store.claim("order-1", 3, "node-b");
        List<String> before = db.snapshot();

        assertThatThrownBy(() -> store.recordFailure("order-1", 2, 1, true))
                .isInstanceOfSatisfying(FencedOutException.class, e -> assertThat(e.storedToken()).isEqualTo(3));
        assertThat(db.snapshot()).isEqualTo(before);
    }

    @Test
    void outboxKeysAreUniqueAndStableAcrossTransitionsOwnersAndSending() {
        store.appendEvent(event("order-1", "e1"));
        store.claim("order-1", 1, "node-a");
        List<String> first = store.commit(transition("order-1", 1, "a", List.of(1L), 2));
        store.markSent(first.get(0));
        store.claim("order-1", 2, "node-b");
        List<String> second = store.commit(transition("order-1", 2, "b", List.of(), 2));

        assertThat(first).containsExactly("order-1:1", "order-1:2");
        assertThat(second).containsExactly("order-1:3", "order-1:4");
        assertThat(store.unsentOutbox("order-1")).extracting(OutboxRecord::idempotencyKey, OutboxRecord::seq)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("order-1:2", 2L),
                        org.assertj.core.groups.Tuple.tuple("order-1:3", 3L),
                        org.assertj.core.groups.Tuple.tuple("order-1:4", 4L));
        assertThat(db.query("SELECT idempotency_key FROM wf_outbox ORDER BY seq"))
                .containsExactly("order-1:1", "order-1:2", "order-1:3", "order-1:4");
    }

    @Test
    void markSentRemovesAMessageFromTheUnsentOnesOnce() {
        store.appendEvent(event("order-1", "e1"));
        store.claim("order-1", 1, "node-a");
        store.commit(transition("order-1", 1, "a", List.of(1L), 1));

        assertThat(store.markSent("order-1:1")).isTrue();
        assertThat(store.markSent("order-1:1")).isFalse();
        assertThat(store.markSent("order-1:99")).isFalse();
        assertThat(store.unsentOutbox("order-1")).isEmpty();
        assertThat(db.query("SELECT status, sent_at FROM wf_outbox")).singleElement().asString().startsWith("SENT|2026");
    }

    @Test
    void markSentOfSeveralKeysMarksThemTogetherAndPassesOverSentAndUnknownOnes() {
        store.appendEvent(event("order-1", "e1"));
        store.claim("order-1", 1, "node-a");
        store.commit(transition("order-1", 1, "a", List.of(1L), 3));
        store.markSent("order-1:1");

        store.markSent(List.of("order-1:1", "order-1:2", "order-1:99"));

        assertThat(store.unsentOutbox("order-1")).extracting(OutboxRecord::idempotencyKey).containsExactly("order-1:3");
        assertThat(db.query("SELECT idempotency_key, status FROM wf_outbox ORDER BY seq"))
                .containsExactly("order-1:1|SENT", "order-1:2|SENT", "order-1:3|UNSENT");
    }

    @Test
    void startingAnotherStoreOnTheSameDatabaseKeepsSchemaAndData() {
        store.appendEvent(event("order-1", "e1"));
        try (JdbcWorkflowStore second = new JdbcWorkflowStore(db.dataSource(), config())) {
            second.start();
            assertThat(second.pendingEvents("order-1")).hasSize(1);
        }
        assertThat(db.query("SELECT version, success FROM wf_schema_version ORDER BY version"))
                .containsExactly("1|1", "2|1");
    }

    @Test
    void aVersionOneDatabaseIsMigratedToTheAgeIndexKeepingItsEvents() throws Exception {
        store.appendEvent(event("order-1", "e1"));
        // Back to what version 1 left: the pending index without created_at, no row for version 2.
        db.execute("DROP INDEX ix_wf_event_pending");
        db.execute("CREATE INDEX ix_wf_event_pending ON wf_event (status, ring_hash, instance_id)");
        db.execute("DELETE FROM wf_schema_version WHERE version = 2");

        try (JdbcWorkflowStore upgraded = new JdbcWorkflowStore(db.dataSource(), config())) {
            upgraded.start();
            assertThat(upgraded.pendingEvents("order-1")).hasSize(1);
            assertThat(upgraded.pendingInstances(List.of(HashRange.FULL), Duration.ZERO)).containsExactly("order-1");
        }
        assertThat(db.query("SELECT version, success FROM wf_schema_version ORDER BY version"))
                .containsExactly("1|1", "2|1");
        assertThat(db.query("SELECT column_name FROM information_schema.index_columns"
                + " WHERE index_name = 'IX_WF_EVENT_PENDING' ORDER BY ordinal_position"))
                .containsExactly("STATUS", "RING_HASH", "INSTANCE_ID", "CREATED_AT");
    }

    @Test
    void aSchemaNewerThanTheCodeIsAClearErrorAtStart() throws Exception {
        db.execute("INSERT INTO wf_schema_version (version, description, applied_at, success)"
                + " VALUES (3, 'from the future', TIMESTAMP '2030-01-01 00:00:00', 1)");
        JdbcWorkflowStore newer = new JdbcWorkflowStore(db.dataSource(), config());

        assertThatThrownBy(newer::start).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("version 3").hasMessageContaining("up to 2");
        assertThatThrownBy(() -> newer.pendingEvents("order-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anIncompleteMigrationRefusesToStart() throws Exception {
        db.execute("UPDATE wf_schema_version SET success = 0 WHERE version = 1");
        JdbcWorkflowStore next = new JdbcWorkflowStore(db.dataSource(), config());
        assertThatThrownBy(next::start).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("not completed");
    }

    @Test
    void operationsBeforeStartOrAfterCloseAreRefused() {
        JdbcWorkflowStore latent = new JdbcWorkflowStore(db.dataSource(), config());
        assertThatThrownBy(() -> latent.findInstance("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LATENT");
        store.close();
        assertThatThrownBy(() -> store.findInstance("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CLOSED");
        assertThatThrownBy(store::start).isInstanceOf(IllegalStateException.class);
    }
}
