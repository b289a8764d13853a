package org.workflowring.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Hashtable;

import org.junit.jupiter.api.Test;
import org.osgi.service.cm.ConfigurationException;
import org.workflowring.store.Database;

class NodeConfigTest {

    @Test
    void noConfigurationGivesTheNewcomerDefaultsWithTheKarafNameAsNodeId() throws Exception {
        NodeConfig config = NodeConfig.from(null, "node-7");

        assertThat(config.nodeId()).isEqualTo("node-7");
        assertThat(config.zooKeeperUrl()).isEqualTo("127.0.0.1:2181");
        assertThat(config.sessionTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.zooKeeperRoot()).isEqualTo("/workflow-ring");
        assertThat(config.zooKeeperDigest()).isEmpty();
        assertThat(config.advertisedAddress()).isEmpty();
        assertThat(config.dataSourceName()).isEqualTo("workflowring");
        assertThat(config.database()).isEqualTo(Database.H2);
    }

    @Test
    void everyKeyIsRead() throws Exception {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("nodeId", "n1");
        p.put("zooKeeperUrl", "zk1:2181,zk2:2181");
        p.put("sessionTimeout", "9000");
        p.put("connectionTimeout", 4000L);
        p.put("zooKeeperRoot", "/wr");
        p.put("zooKeeperDigest", "user:secret");
        p.put("advertisedAddress", "netty-http:http://10.0.0.5:8182/wr");
        p.put("dataSourceName", "orders");
        p.put("database", "oracle");

        NodeConfig config = NodeConfig.from(p, "ignored");

        assertThat(config).isEqualTo(new NodeConfig("n1", "zk1:2181,zk2:2181", Duration.ofMillis(9000),
                Duration.ofMillis(4000), "/wr", "user:secret", "netty-http:http://10.0.0.5:8182/wr", "orders",
                Database.ORACLE));
        assertThat(config.toString()).doesNotContain("secret");
    }

    @Test
    void wrongValuesAreRefusedNamingTheKey() {
        assertRefused("sessionTimeout", "abc");
        assertRefused("sessionTimeout", "0");
        assertRefused("database", "postgres");
        assertRefused("zooKeeperRoot", "no-slash");
        assertRefused("zooKeeperDigest", "no-colon");
        assertRefused("nodeId", "a/b");
    }

    @Test
    void onlyZooKeeperKeysNeedANewClientAndOnlyDatabaseKeysANewStore() throws Exception {
        NodeConfig base = NodeConfig.from(null, "n1");
        Hashtable<String, Object> renamed = new Hashtable<>();
        renamed.put("nodeId", "n2");
        Hashtable<String, Object> otherEnsemble = new Hashtable<>();
        otherEnsemble.put("zooKeeperUrl", "10.0.0.1:2181");
        Hashtable<String, Object> otherDatabase = new Hashtable<>();
        otherDatabase.put("dataSourceName", "other");

        assertThat(base.sameClient(NodeConfig.from(renamed, "n1"))).isTrue();
        assertThat(base.sameStore(NodeConfig.from(renamed, "n1"))).isTrue();
        assertThat(base.sameClient(NodeConfig.from(otherEnsemble, "n1"))).isFalse();
        assertThat(base.sameStore(NodeConfig.from(otherEnsemble, "n1"))).isTrue();
        assertThat(base.sameClient(NodeConfig.from(otherDatabase, "n1"))).isTrue();
        assertThat(base.sameStore(NodeConfig.from(otherDatabase, "n1"))).isFalse();
        assertThat(base.sameClient(null)).isFalse();
        assertThat(NodeConfig.from(null, "n1")).isEqualTo(base);
    }

    @Test
    void dataSourceFilterSelectsByDataSourceName() throws Exception {
        assertThat(NodeConfig.from(null, "n1").dataSourceFilter())
                .isEqualTo("(&(objectClass=javax.sql.DataSource)(dataSourceName=workflowring))");
    }

    private static void assertRefused(String key, String value) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(key, value);
        assertThatThrownBy(() -> NodeConfig.from(p, "n1")).isInstanceOf(ConfigurationException.class)
                .extracting(e -> ((ConfigurationException) e).getProperty()).isEqualTo(key);
    }
}
