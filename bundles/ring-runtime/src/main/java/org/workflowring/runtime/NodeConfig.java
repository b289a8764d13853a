package org.workflowring.runtime;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Locale;
import java.util.Objects;

import org.osgi.service.cm.ConfigurationException;
import org.workflowring.store.Database;
import org.workflowring.zookeeper.ZkRingSettings;

/**
 * The node's configuration, PID {@value #PID} ({@code etc/org.workflowring.node.cfg}): who the node is, where
 * ZooKeeper and the database are. Pure: parsed and compared here, applied by {@link NodeRuntime}.
 *
 * @param nodeId            id in every ring; default the Karaf instance name ({@code karaf.name})
 * @param zooKeeperUrl      ZooKeeper connect string
 * @param sessionTimeout    ZooKeeper session timeout: a crashed node's instances move after about this long
 * @param connectionTimeout how long ZooKeeper operations wait for a connection
 * @param zooKeeperRoot     ZooKeeper path under which the rings live
 * @param zooKeeperDigest   {@code user:password} for digest authentication and creator-only ACLs, empty for none
 * @param advertisedAddress Camel endpoint URI other nodes forward notifications to, empty for none
 * @param dataSourceName    {@code dataSourceName} property of the {@code javax.sql.DataSource} service to use
 * @param database          SQL dialect of that database: H2 or ORACLE
 */
record NodeConfig(String nodeId, String zooKeeperUrl, Duration sessionTimeout, Duration connectionTimeout,
                  String zooKeeperRoot, String zooKeeperDigest, String advertisedAddress, String dataSourceName,
                  Database database) {

    /** The configuration PID. */
    static final String PID = "org.workflowring.node";

    NodeConfig {
        Objects.requireNonNull(nodeId, "nodeId must not be null");
        Objects.requireNonNull(database, "database must not be null");
    }

    /** Reads the configuration; missing keys get their defaults, {@code properties} may be null (no cfg file). */
    static NodeConfig from(Dictionary<String, ?> properties, String karafName) throws ConfigurationException {
        String nodeId = text(properties, "nodeId", karafName == null || karafName.isBlank() ? "root" : karafName);
        if (nodeId.contains("/")) {
            throw new ConfigurationException("nodeId", "'" + nodeId + "' must not contain '/'");
        }
        String root = text(properties, "zooKeeperRoot", "/workflow-ring");
        if (!root.startsWith("/") || root.endsWith("/")) {
            throw new ConfigurationException("zooKeeperRoot", "'" + root + "' must start with '/' and not end with '/'");
        }
        String digest = text(properties, "zooKeeperDigest", "");
        if (!digest.isEmpty() && digest.indexOf(':') < 1) {
            throw new ConfigurationException("zooKeeperDigest", "must be user:password");
        }
        String database = text(properties, "database", "H2").toUpperCase(Locale.ROOT);
        Database dialect;
        try {
            dialect = Database.valueOf(database);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("database", "'" + database + "' is not H2 or ORACLE");
        }
        return new NodeConfig(nodeId, text(properties, "zooKeeperUrl", "127.0.0.1:2181"),
                millis(properties, "sessionTimeout", 6_000), millis(properties, "connectionTimeout", 3_000), root,
                digest, text(properties, "advertisedAddress", ""), text(properties, "dataSourceName", "workflowring"),
                dialect);
    }

    /** Whether {@code other} can keep this configuration's Curator client (same ensemble, session and credentials). */
    boolean sameClient(NodeConfig other) {
        return other != null && zooKeeperUrl.equals(other.zooKeeperUrl) && sessionTimeout.equals(other.sessionTimeout)
                && connectionTimeout.equals(other.connectionTimeout) && zooKeeperDigest.equals(other.zooKeeperDigest);
    }

    /** Whether {@code other} can keep this configuration's store (same DataSource and dialect). */
    boolean sameStore(NodeConfig other) {
        return other != null && dataSourceName.equals(other.dataSourceName) && database == other.database;
    }

    /** Settings for the node's one Curator client (the ring name is a placeholder: each ring makes its own). */
    ZkRingSettings clientSettings() {
        ZkRingSettings settings = ZkRingSettings.of(zooKeeperUrl, "default").withRoot(zooKeeperRoot)
                .withTimeouts(sessionTimeout, connectionTimeout);
        return zooKeeperDigest.isEmpty() ? settings : settings.withDigest(zooKeeperDigest);
    }

    /** The OSGi filter of the DataSource service. */
    String dataSourceFilter() {
        return "(&(objectClass=javax.sql.DataSource)(dataSourceName=" + dataSourceName + "))";
    }

    @Override
    public String toString() {
        // Never the digest's password.
        return "node " + nodeId + ", ZooKeeper " + zooKeeperUrl + zooKeeperRoot + " (session " + sessionTimeout.toMillis()
                + " ms" + (zooKeeperDigest.isEmpty() ? "" : ", digest auth") + "), DataSource '" + dataSourceName
                + "' (" + database + ")" + (advertisedAddress.isEmpty() ? "" : ", advertised at " + advertisedAddress);
    }

    private static String text(Dictionary<String, ?> properties, String key, String fallback) {
        Object value = properties == null ? null : properties.get(key);
        String text = value == null ? "" : value.toString().trim();
        return text.isEmpty() ? fallback : text;
    }

    private static Duration millis(Dictionary<String, ?> properties, String key, long fallback)
            throws ConfigurationException {
        String text = text(properties, key, Long.toString(fallback));
        try {
            long value = Long.parseLong(text);
            if (value <= 0) {
                throw new ConfigurationException(key, "must be a positive number of milliseconds, was " + text);
            }
            return Duration.ofMillis(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "must be a number of milliseconds, was '" + text + "'");
        }
    }
}
