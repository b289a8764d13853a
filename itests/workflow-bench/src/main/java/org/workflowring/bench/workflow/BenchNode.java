package org.workflowring.bench.workflow;

import java.time.Duration;
import java.util.UUID;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.workflowring.bench.support.BoundedPool;
import org.workflowring.store.Database;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.store.StoreConfig;
import org.workflowring.zookeeper.MemberRecord;
import org.workflowring.zookeeper.MemberState;
import org.workflowring.zookeeper.ZkRingNode;
import org.workflowring.zookeeper.ZkRingSettings;
import org.workflowring.zookeeper.ZkTesting;

/**
 * One active ring node with its own ring name, Curator client and embedded in-memory H2 store: what both the product
 * run and the lock-per-event baseline stand on, so that they differ only in how they use the lock.
 */
final class BenchNode implements AutoCloseable {

    /**
     * Two connections: embedded H2 takes a monitor per written table at commit, more writers only contend
     * (docs/store.md measured 2 as the best cap on 2 cores).
     */
    private static final int CONNECTIONS = 2;

    final String ringName = "bench-" + UUID.randomUUID();
    final BoundedPool pool;
    final JdbcWorkflowStore jdbcStore;
    /** The store both runs use: the JDBC store, counting the calls. */
    final CountingStore store;
    final CuratorFramework client;
    final ZkRingNode node;

    BenchNode(TestingServer zk) throws Exception {
        // Idle timeout far above a run: a lock released for idleness would look like a cold lock in steady state.
        ZkRingSettings settings = ZkRingSettings.of(zk.getConnectString(), ringName)
                .withTimeouts(Duration.ofSeconds(6), Duration.ofSeconds(3))
                .withLockIdleTimeout(Duration.ofMinutes(10));
        pool = new BoundedPool("jdbc:h2:mem:" + ringName + ";DB_CLOSE_DELAY=-1", CONNECTIONS);
        jdbcStore = new JdbcWorkflowStore(pool, StoreConfig.of(Database.H2));
        jdbcStore.start();
        store = new CountingStore(jdbcStore);
        client = ZkTesting.client(settings);
        node = new ZkRingNode(client, settings, new MemberRecord("bench", 1, "", MemberState.JOINING), 64);
        node.start();
        node.activate();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!node.readiness().isReady() || node.ring().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ring node not ready after 30 s");
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() throws Exception {
        node.close();
        client.close();
        jdbcStore.close();
        try (var connection = pool.getConnection(); var statement = connection.createStatement()) {
            statement.execute("SHUTDOWN"); // DB_CLOSE_DELAY=-1 keeps an in-memory database until told
        }
        pool.close();
    }
}
