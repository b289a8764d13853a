package org.workflowring.store.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.workflowring.store.SchemaVersionException;
import org.workflowring.store.StoreException;

/**
 * Brings the database schema to the version this code knows by running the dialect's ordered scripts, recording each
 * in {@code wf_schema_version}.
 *
 * <p><b>IMPORTANT</b>: a version is claimed (row inserted, {@code success = 0}) before its script runs and completed
 * after; DDL commits implicitly in both databases, so a script that fails half-way leaves a claimed, incomplete
 * version that refuses every later start until an operator repairs the schema and the row. Two nodes starting on an
 * empty database race on the claim: the loser fails to start with a message saying so and starts fine next time
 * (in Karaf the node runtime tries again by itself).
 */
public final class SchemaMigrator {

    /**
     * One schema version.
     *
     * @param version     its number, from 1, without gaps
     * @param description what it changes, stored in the version table
     * @param script      the script's file name in the dialect's folder
     */
    public record Migration(int version, String description, String script) {
    }

    /** Every version this code knows, in order; the last one is the version it needs. */
    public static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "instances, events, outbox", "V1__initial_schema.sql"),
            new Migration(2, "pending event index covers created_at", "V2__pending_event_age.sql"));

    private static final String VERSION_TABLE = "WF_SCHEMA_VERSION";

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final Clock clock;

    /** A migrator for the database behind {@code dataSource}. */
    public SchemaMigrator(DataSource dataSource, SqlDialect dialect, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
        this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    /** The latest version this code knows. */
    public static int latestVersion() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }

    /**
     * Applies the versions the database lacks.
     *
     * @return the number of versions applied
     * @throws SchemaVersionException if the database is newer than this code or has an incomplete version
     */
    public int migrate() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            ensureVersionTable(connection);
            TreeMap<Integer, Boolean> applied = appliedVersions(connection);
            check(applied);
            int count = 0;
            for (Migration migration : MIGRATIONS) {
                if (!applied.containsKey(migration.version())) {
                    apply(connection, migration);
                    count++;
                }
            }
            return count;
        } catch (SQLException e) {
            throw new StoreException("schema migration failed: " + e.getMessage(), e);
        }
    }

    private void ensureVersionTable(Connection connection) throws SQLException {
        if (tableExists(connection)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(dialect.createVersionTable());
        } catch (SQLException e) {
            // Another node may have created it between our look and our create.
            if (!tableExists(connection)) {
                throw e;
            }
        }
    }

    private static boolean tableExists(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet tables = meta.getTables(connection.getCatalog(), connection.getSchema(), VERSION_TABLE, null)) {
            return tables.next();
        }
    }

    private TreeMap<Integer, Boolean> appliedVersions(Connection connection) throws SQLException {
        TreeMap<Integer, Boolean> applied = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(dialect.selectSchemaVersions())) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getInt(2) == 1);
            }
        }
        return applied;
    }

    private static void check(TreeMap<Integer, Boolean> applied) {
        if (!applied.isEmpty() && applied.lastKey() > latestVersion()) {
            throw new SchemaVersionException("the database schema is at version " + applied.lastKey()
                    + " but this ring-store knows versions up to " + latestVersion()
                    + "; install the ring-store bundle that wrote it (or newer) instead of running an older one");
        }
        applied.forEach((version, success) -> {
            if (!success) {
                throw new SchemaVersionException("schema version " + version + " is recorded in " + VERSION_TABLE
                        + " as started but not completed: it failed half-way or is being applied by another node"
                        + " right now; if no node is migrating, repair the schema and set success = 1 for it");
            }
        });
    }

    private void apply(Connection connection, Migration migration) throws SQLException {
        SqlScript script = SqlScript.load(dialect.scriptFolder() + "/" + migration.script());
        try (PreparedStatement claim = connection.prepareStatement(dialect.insertSchemaVersion())) {
            claim.setInt(1, migration.version());
            claim.setString(2, migration.description());
            claim.setObject(3, Rows.now(clock));
            claim.executeUpdate();
        } catch (SQLException e) {
            if (dialect.isDuplicateKey(e)) {
                throw new SchemaVersionException("schema version " + migration.version()
                        + " is being applied by another node; start again when it has finished");
            }
            throw e;
        }
        try (Statement statement = connection.createStatement()) {
            for (int i = 0; i < script.statements().size(); i++) {
                try {
                    statement.execute(script.statements().get(i));
                } catch (SQLException e) {
                    throw new SchemaVersionException("schema version " + migration.version() + " failed at statement "
                            + (i + 1) + " of " + script.name() + " and is left incomplete in " + VERSION_TABLE + ": "
                            + e.getMessage());
                }
            }
        }
        try (PreparedStatement complete = connection.prepareStatement(dialect.completeSchemaVersion())) {
            complete.setInt(1, migration.version());
            complete.executeUpdate();
        }
    }
}
