package org.workflowring.itests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

class ZooKeeperEnsembleIT {

    @Test
    void threeServerProcessesElectALeaderAndKeepServingAfterItIsKilled() throws Exception {
        try (ZooKeeperEnsemble zk = new ZooKeeperEnsemble(Path.of("target/zk-ensemble-it-" + System.currentTimeMillis()), 3, 500).start()) {
            int leader = zk.leader().orElseThrow();
            // A quorum (leader and one follower) is there first; the third server may still be syncing.
            Waits.until("two followers beside leader " + leader, Duration.ofSeconds(60), () -> followers(zk) == 2);
            assertThat(zk.leader()).contains(leader);
            write(zk.connectString(), "/before", "1");

            zk.kill9(leader);
            assertThat(zk.isRunning(leader)).isFalse();
            zk.awaitQuorum(Duration.ofSeconds(60));
            int successor = zk.leader().orElseThrow();
            assertThat(successor).isNotEqualTo(leader);

            try (ZooKeeper client = connect(zk.connectString())) {
                assertThat(new String(client.getData("/before", false, null), StandardCharsets.UTF_8)).isEqualTo("1");
                client.create("/after", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            }

            zk.restart(leader);
            Waits.until("the restarted server follows", Duration.ofSeconds(60),
                    () -> zk.mode(leader).filter("follower"::equals).isPresent());
        }
    }

    private static long followers(ZooKeeperEnsemble zk) {
        return java.util.stream.IntStream.range(0, 3).filter(i -> zk.mode(i).filter("follower"::equals).isPresent()).count();
    }

    private static void write(String connectString, String path, String value) throws Exception {
        try (ZooKeeper client = connect(connectString)) {
            client.create(path, value.getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
    }

    static ZooKeeper connect(String connectString) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper(connectString, 10_000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        assertThat(connected.await(30, TimeUnit.SECONDS)).as("connected to " + connectString).isTrue();
        return client;
    }
}
