package org.workflowring.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A started store on a fresh database for each test, plus builders for events and transitions. */
abstract class StoreFixture {

    static final int MAX_PAYLOAD = 4096;
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    StoreDatabase db;
    JdbcWorkflowStore store;
    /** The store's clock: stands at {@link #NOW} until a test moves it. */
    final MovableClock clock = new MovableClock(NOW);

    /** The database setup the contract runs against. */
    abstract StoreSetup setup();

    StoreConfig config() {
        return StoreConfig.of(setup().database()).withMaxPayloadBytes(MAX_PAYLOAD)
                .withClock(clock);
    }

    @BeforeEach
    void startStore() {
        db = new StoreDatabase(setup().url("store-" + DATABASES.incrementAndGet()));
        store = new JdbcWorkflowStore(db.dataSource(), config());
        store.start();
    }

    @AfterEach
    void stopStore() throws Exception {
        store.close();
        db.close();
    }

    /** A UTC clock that stands still until {@link #advance} moves it; any thread may read it. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("the store clock is UTC");
        }
    }

    static NewEvent event(String instanceId, String key) {
        return new NewEvent(instanceId, "order", key, ("payload of " + key).getBytes(UTF_8));
    }

    static Transition transition(String instanceId, long fence, String state, List<Long> events, int messages) {
        List<OutboxMessage> outbox = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            outbox.add(new OutboxMessage("mock:backend", Map.of("state", state), (state + "/" + i).getBytes(UTF_8)));
        }
        return new Transition(instanceId, fence, InstanceStatus.ACTIVE, state.getBytes(UTF_8), events, outbox);
    }
}
