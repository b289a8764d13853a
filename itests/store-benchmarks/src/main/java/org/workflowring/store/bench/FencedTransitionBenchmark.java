package org.workflowring.store.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.workflowring.bench.support.BoundedPool;
import org.workflowring.store.Database;
import org.workflowring.store.InstanceStatus;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.store.NewEvent;
import org.workflowring.store.OutboxMessage;
import org.workflowring.store.StoreConfig;
import org.workflowring.store.Transition;

/**
 * Fenced transitions per second on embedded H2: each operation appends one event (its own transaction) and commits
 * the fenced transition that consumes it (new state, the event marked processed, one outbox row).
 *
 * <p>Every thread works on its own instance, as the engine's workers do; {@code fenced=false} runs the same code
 * with the token condition taken out of the update, to show what the check costs. {@code storage} is an in-memory
 * database or ({@code -p storage=file}) a file database (MVStore) in a temporary folder; {@code pool} is a minimal
 * pool or ({@code -p pool=h2}) H2's {@code JdbcConnectionPool}; {@code connections} is the pool's maximum size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FencedTransitionBenchmark {

    private static final byte[] PAYLOAD = "{\"order\":42,\"amount\":\"17.50\",\"currency\":\"EUR\"}".getBytes(UTF_8);
    private static final byte[] STATE = "{\"step\":\"paid\",\"retries\":0,\"next\":\"ship\"}".getBytes(UTF_8);

    @Param({"true", "false"})
    public boolean fenced;

    @Param({"mem"})
    public String storage;

    /** {@code h2}: H2's {@code JdbcConnectionPool}; {@code tiny}: the shared {@link BoundedPool}. */
    @Param({"tiny"})
    public String pool;

    /** The pool's maximum size: threads beyond it wait for a connection instead of contending inside H2. */
    @Param({"2", "32"})
    public int connections;

    private Path folder;
    private DataSource dataSource;
    private AutoCloseable closer;
    JdbcWorkflowStore store;

    @Setup(Level.Trial)
    public void start() throws Exception {
        folder = Files.createTempDirectory("store-bench");
        String url = storage.equals("mem") ? "jdbc:h2:mem:bench-" + UUID.randomUUID()
                : "jdbc:h2:file:" + folder.resolve("bench").toAbsolutePath();
        url += ";LOCK_TIMEOUT=10000";
        if (pool.equals("h2")) {
            JdbcConnectionPool h2Pool = JdbcConnectionPool.create(url, "sa", "");
            h2Pool.setMaxConnections(connections);
            dataSource = h2Pool;
            closer = h2Pool::dispose;
        } else {
            BoundedPool tinyPool = new BoundedPool(url, connections);
            dataSource = tinyPool;
            closer = tinyPool;
        }
        store = new JdbcWorkflowStore(UnfencedDataSource.wrap(dataSource, fenced), StoreConfig.of(Database.H2));
        store.start();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        store.close();
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            // Closing the database also ends this connection; nothing to do.
        }
        try {
            closer.close();
        } catch (SQLException e) {
            // The connections died with the database.
        }
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One worker's instance, claimed once with token 1; the seq of the next event is counted locally. */
    @State(Scope.Thread)
    public static class Worker {
        String instanceId;
        long next;

        @Setup(Level.Trial)
        public void claim(FencedTransitionBenchmark benchmark) {
            instanceId = "bench-" + UUID.randomUUID();
            benchmark.store.appendEvent(new NewEvent(instanceId, "bench", "e0", PAYLOAD));
            benchmark.store.claim(instanceId, 1, "node-a");
            next = 1;
        }
    }

    private List<String> cycle(Worker worker) {
        long seq = worker.next++;
        if (seq > 1) {
            store.appendEvent(new NewEvent(worker.instanceId, "bench", "e" + seq, PAYLOAD));
        }
        return store.commit(new Transition(worker.instanceId, 1, InstanceStatus.ACTIVE, STATE, List.of(seq),
                List.of(new OutboxMessage("jms:queue:shipping", Map.of("JMSType", "paid"), PAYLOAD))));
    }

    @Benchmark
    @Threads(1)
    public List<String> threads01(Worker worker) {
        return cycle(worker);
    }

    @Benchmark
    @Threads(4)
    public List<String> threads04(Worker worker) {
        return cycle(worker);
    }

    @Benchmark
    @Threads(16)
    public List<String> threads16(Worker worker) {
        return cycle(worker);
    }
}
