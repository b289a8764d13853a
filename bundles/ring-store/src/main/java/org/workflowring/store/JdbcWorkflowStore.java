package org.workflowring.store;

import java.io.Closeable;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.workflowring.ring.HashRange;
import org.workflowring.store.internal.EventAppender;
import org.workflowring.store.internal.FailureRecorder;
import org.workflowring.store.internal.InstanceAccess;
import org.workflowring.store.internal.OutboxMarker;
import org.workflowring.store.internal.ScanQueries;
import org.workflowring.store.internal.SchemaMigrator;
import org.workflowring.store.internal.SqlDialect;
import org.workflowring.store.internal.TransitionCommitter;
import org.workflowring.store.internal.Transactions;

/**
 * The {@link WorkflowStore} on a JDBC {@link DataSource}: {@link #start()} migrates the schema, then every operation
 * runs in its own transaction on a connection from the data source.
 *
 * <p><b>IMPORTANT</b>: the data source should pool connections (in Karaf the pax-jdbc pool does; in plain Java use for
 * example H2's {@code JdbcConnectionPool}); without a pool every operation opens a database session. With embedded
 * H2 cap the pool near the number of cores: more concurrent writers contend inside H2 and get slower (see
 * {@code docs/store.md}). The store never closes the data source, which belongs to whoever created it.
 */
public final class JdbcWorkflowStore implements WorkflowStore, Closeable {

    private enum State { LATENT, STARTED, CLOSED }

    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final SchemaMigrator migrator;
    private final InstanceAccess instances;
    private final EventAppender appender;
    private final TransitionCommitter committer;
    private final FailureRecorder failures;
    private final ScanQueries scans;
    private final OutboxMarker marker;

    /** A store on {@code dataSource} with {@code config}; call {@link #start()} before using it. */
    public JdbcWorkflowStore(DataSource dataSource, StoreConfig config) {
        Objects.requireNonNull(dataSource, "dataSource must not be null");
        Objects.requireNonNull(config, "config must not be null");
        SqlDialect dialect = SqlDialect.of(config.database());
        Transactions transactions = new Transactions(dataSource);
        this.migrator = new SchemaMigrator(dataSource, dialect, config.clock());
        this.instances = new InstanceAccess(transactions, dialect, config.clock());
        this.appender = new EventAppender(transactions, dialect, config.clock(), config.maxPayloadBytes());
        this.committer = new TransitionCommitter(transactions, dialect, config.clock(), config.maxPayloadBytes());
        this.failures = new FailureRecorder(transactions, dialect, config.clock());
        this.scans = new ScanQueries(transactions, dialect, config.clock());
        this.marker = new OutboxMarker(transactions, dialect, config.clock());
    }

    /**
     * Brings the schema to the version this code knows, then accepts operations.
     *
     * @throws SchemaVersionException if the schema is newer than this code or an earlier migration is incomplete;
     *                                the store is closed then
     */
    public void start() {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("the store can be started once; it is " + state.get());
        }
        try {
            migrator.migrate();
        } catch (RuntimeException e) {
            state.set(State.CLOSED);
            throw e;
        }
    }

    /** Refuses further operations; the data source stays open. */
    @Override
    public void close() {
        state.set(State.CLOSED);
    }

    @Override
    public boolean claim(String instanceId, long fence, String ownerNode) {
        checkStarted();
        return instances.claim(Checks.name(instanceId, "instance id"), fence,
                Checks.name(ownerNode, "owner node of instance '" + instanceId + "'"));
    }

    @Override
    public boolean appendEvent(NewEvent event) {
        checkStarted();
        return appender.append(Checks.present(event, "event"));
    }

    @Override
    public Optional<InstanceRecord> findInstance(String instanceId) {
        checkStarted();
        return instances.find(Checks.name(instanceId, "instance id"));
    }

    @Override
    public List<EventRecord> pendingEvents(String instanceId) {
        checkStarted();
        return scans.pendingEvents(Checks.name(instanceId, "instance id"));
    }

    @Override
    public List<String> pendingInstances(Collection<HashRange> ranges) {
        checkStarted();
        return scans.pendingInstances(Checks.present(ranges, "hash ranges"));
    }

    @Override
    public List<String> pendingInstances(Collection<HashRange> ranges, Duration minAge) {
        checkStarted();
        Checks.present(minAge, "minimum age");
        if (minAge.isNegative()) {
            throw new InvalidInputException("minimum age of the recovery scan must not be negative, was " + minAge);
        }
        return scans.pendingInstances(Checks.present(ranges, "hash ranges"), minAge);
    }

    @Override
    public List<String> commit(Transition transition) {
        checkStarted();
        return committer.commit(Checks.present(transition, "transition"));
    }

    @Override
    public int recordFailure(String instanceId, long fence, long seq, boolean giveUp) {
        checkStarted();
        return failures.record(Checks.name(instanceId, "instance id"), fence, seq, giveUp);
    }

    @Override
    public List<OutboxRecord> unsentOutbox(String instanceId) {
        checkStarted();
        return scans.unsentOutbox(Checks.name(instanceId, "instance id"));
    }

    @Override
    public List<OutboxRecord> unsentOutbox(Collection<HashRange> ranges, int limit) {
        checkStarted();
        if (limit < 1) {
            throw new InvalidInputException("outbox scan limit must be positive, was " + limit);
        }
        return scans.unsentOutbox(Checks.present(ranges, "hash ranges"), limit);
    }

    @Override
    public boolean markSent(String idempotencyKey) {
        checkStarted();
        return marker.markSent(Checks.name(idempotencyKey, "idempotency key", 240));
    }

    @Override
    public void markSent(Collection<String> idempotencyKeys) {
        checkStarted();
        Checks.present(idempotencyKeys, "idempotency keys").forEach(k -> Checks.name(k, "idempotency key", 240));
        marker.markSent(idempotencyKeys);
    }

    private void checkStarted() {
        State current = state.get();
        if (current != State.STARTED) {
            throw new IllegalStateException("the store is " + current + "; operations need a started store");
        }
    }
}
