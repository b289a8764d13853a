package org.workflowring.store;

import java.time.Clock;
import java.util.Objects;

/**
 * The settings of a {@link JdbcWorkflowStore}: which SQL dialect to speak, how large a payload may be, which clock
 * stamps rows.
 *
 * @param database        the database product, which selects the SQL dialect and the migration scripts
 * @param maxPayloadBytes the largest event payload, outbox payload or instance state accepted, in bytes
 * @param clock           the clock for the {@code created_at}/{@code updated_at}/{@code sent_at} columns (stored as
 *                        UTC); node clocks may differ, so these columns are for people, never for ordering
 */
public record StoreConfig(Database database, int maxPayloadBytes, Clock clock) {

    /** The default payload limit: 1 MiB. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1 << 20;

    /** Checks the settings. */
    public StoreConfig {
        Objects.requireNonNull(database, "database must not be null");
        Objects.requireNonNull(clock, "clock must not be null");
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive, was " + maxPayloadBytes);
        }
    }

    /** The default settings for {@code database}: 1 MiB payloads, the UTC system clock. */
    public static StoreConfig of(Database database) {
        return new StoreConfig(database, DEFAULT_MAX_PAYLOAD_BYTES, Clock.systemUTC());
    }

    /** These settings with another payload limit. */
    public StoreConfig withMaxPayloadBytes(int maxBytes) {
        return new StoreConfig(database, maxBytes, clock);
    }

    /** These settings with another clock. */
    public StoreConfig withClock(Clock newClock) {
        return new StoreConfig(database, maxPayloadBytes, newClock);
    }
}
