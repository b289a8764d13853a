package org.workflowring.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;

/** With digest credentials, everything under the root is closed to other ZooKeeper users. */
class AclTest {

    @Test
    void foreignClientWithoutCredentialsCannotRegisterReadOrDeleteLocks() throws Exception {
        try (TestingServer server = ZkTesting.server(Duration.ofMillis(200))) {
            ZkRingSettings secured = ZkRingSettings.of(server.getConnectString(), "acl").withDigest("ring:s3cret");
            try (CuratorFramework owner = ZkTesting.client(secured);
                 ZkRingNode node = new ZkRingNode(owner, secured, new MemberRecord("a", 1, "", MemberState.JOINING), 8);
                 CuratorFramework foreign = ZkTesting.client(ZkRingSettings.of(server.getConnectString(), "acl"));
                 CuratorFramework wrongPassword = ZkTesting.client(secured.withDigest("ring:guess"))) {
                node.start();
                node.activate();
                await().atMost(Duration.ofSeconds(10)).until(() -> node.ring().isPresent());
                LockGrant grant = node.locks().acquire("secret-instance", Duration.ofSeconds(1));

                for (CuratorFramework intruder : new CuratorFramework[] {foreign, wrongPassword}) {
                    assertThatThrownBy(() -> intruder.create().withMode(CreateMode.EPHEMERAL)
                            .forPath(secured.memberPath("intruder"), "{}".getBytes()))
                            .isInstanceOf(KeeperException.NoAuthException.class);
                    assertThatThrownBy(() -> intruder.delete().forPath(grant.path()))
                            .isInstanceOf(KeeperException.NoAuthException.class);
                    assertThatThrownBy(() -> intruder.getData().forPath(secured.memberPath("a")))
                            .isInstanceOf(KeeperException.NoAuthException.class);
                }
                assertThat(node.view().members().keySet()).isEqualTo(Set.of("a"));
                assertThat(node.locks().grant("secret-instance")).contains(grant);
            }
        }
    }

    @Test
    void nodesSharingTheCredentialsSeeEachOther() throws Exception {
        try (TestingServer server = ZkTesting.server(Duration.ofMillis(200))) {
            ZkRingSettings secured = ZkRingSettings.of(server.getConnectString(), "acl").withDigest("ring:s3cret");
            try (CuratorFramework ca = ZkTesting.client(secured);
                 CuratorFramework cb = ZkTesting.client(secured);
                 ZkRingNode a = new ZkRingNode(ca, secured, new MemberRecord("a", 1, "", MemberState.JOINING), 8);
                 ZkRingNode b = new ZkRingNode(cb, secured, new MemberRecord("b", 1, "", MemberState.JOINING), 8)) {
                a.start();
                b.start();
                a.activate();
                b.activate();

                await().atMost(Duration.ofSeconds(10)).until(() -> a.ring().map(r -> r.size() == 2).orElse(false)
                        && b.ring().map(r -> r.size() == 2).orElse(false));
            }
        }
    }
}
