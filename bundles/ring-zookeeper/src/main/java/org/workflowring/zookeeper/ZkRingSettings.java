package org.workflowring.zookeeper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.framework.state.StandardConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/**
 * Where a ring lives in ZooKeeper and how its nodes connect: paths, timeouts and optional digest credentials.
 *
 * <p>Defaults (see docs/zookeeper.md for the measured failure timeline they give): session timeout 6 s,
 * connection timeout 3 s, tick time 1 s, lock idle timeout 60 s, root {@code /workflow-ring}, ring {@code default}.
 *
 * <p><b>IMPORTANT</b>: the ensemble grants a session timeout between {@code 2 * tickTime} and {@code 20 * tickTime}
 * of <em>its</em> tick time; {@link #tickTime()} only configures servers this project starts (embedded, tests).
 */
public final class ZkRingSettings {

    /** Default session timeout: a crashed node's locks are free after about this long. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(6);
    /** Default connection timeout: how long an operation waits for a connection before failing. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    /** Default ZooKeeper tick time for servers started by this project. */
    public static final Duration DEFAULT_TICK_TIME = Duration.ofSeconds(1);
    /** Default time a lock stays held without use before it is released. */
    public static final Duration DEFAULT_LOCK_IDLE_TIMEOUT = Duration.ofSeconds(60);

    private final String connectString;
    private final String root;
    private final String ring;
    private final Duration sessionTimeout;
    private final Duration connectionTimeout;
    private final Duration tickTime;
    private final Duration lockIdleTimeout;
    private final String digest;

    private ZkRingSettings(String connectString, String root, String ring, Duration sessionTimeout,
                           Duration connectionTimeout, Duration tickTime, Duration lockIdleTimeout, String digest) {
        this.connectString = connectString;
        this.root = root;
        this.ring = ring;
        this.sessionTimeout = sessionTimeout;
        this.connectionTimeout = connectionTimeout;
        this.tickTime = tickTime;
        this.lockIdleTimeout = lockIdleTimeout;
        this.digest = digest;
    }

    /** Settings with every default, for the given ensemble and ring name. */
    public static ZkRingSettings of(String connectString, String ring) {
        return new ZkRingSettings(requireText(connectString, "connectString"), "/workflow-ring",
                requireSegment(ring, "ring"), DEFAULT_SESSION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_TICK_TIME,
                DEFAULT_LOCK_IDLE_TIMEOUT, null);
    }

    /** A copy under another root path (absolute, no trailing slash). */
    public ZkRingSettings withRoot(String newRoot) {
        requireText(newRoot, "root");
        if (!newRoot.startsWith("/") || newRoot.endsWith("/")) {
            throw new IllegalArgumentException("root '" + newRoot + "' must start with '/' and not end with '/'");
        }
        return new ZkRingSettings(connectString, newRoot, ring, sessionTimeout, connectionTimeout, tickTime,
                lockIdleTimeout, digest);
    }

    /** A copy with other session and connection timeouts. */
    public ZkRingSettings withTimeouts(Duration newSessionTimeout, Duration newConnectionTimeout) {
        return new ZkRingSettings(connectString, root, ring, requirePositive(newSessionTimeout, "sessionTimeout"),
                requirePositive(newConnectionTimeout, "connectionTimeout"), tickTime, lockIdleTimeout, digest);
    }

    /** A copy with another tick time for servers this project starts. */
    public ZkRingSettings withTickTime(Duration newTickTime) {
        return new ZkRingSettings(connectString, root, ring, sessionTimeout, connectionTimeout,
                requirePositive(newTickTime, "tickTime"), lockIdleTimeout, digest);
    }

    /** A copy with another lock idle timeout. */
    public ZkRingSettings withLockIdleTimeout(Duration newIdleTimeout) {
        return new ZkRingSettings(connectString, root, ring, sessionTimeout, connectionTimeout, tickTime,
                requirePositive(newIdleTimeout, "lockIdleTimeout"), digest);
    }

    /** A copy that authenticates with {@code user:password} and protects everything it creates with it. */
    public ZkRingSettings withDigest(String userColonPassword) {
        requireText(userColonPassword, "digest");
        if (userColonPassword.indexOf(':') < 1) {
            throw new IllegalArgumentException("digest must be 'user:password'");
        }
        return new ZkRingSettings(connectString, root, ring, sessionTimeout, connectionTimeout, tickTime,
                lockIdleTimeout, userColonPassword);
    }

    /**
     * A new, not yet started Curator client for these settings: exponential back-off retries, Curator's standard
     * connection-state error policy and, with a digest, creator-only ACLs on every znode it creates.
     */
    public CuratorFramework newClient() {
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(Math.toIntExact(sessionTimeout.toMillis()))
                .connectionTimeoutMs(Math.toIntExact(connectionTimeout.toMillis()))
                .retryPolicy(new ExponentialBackoffRetry(100, 3, 1000))
                .connectionStateErrorPolicy(new StandardConnectionStateErrorPolicy());
        if (digest != null) {
            builder.authorization("digest", digest.getBytes(StandardCharsets.UTF_8)).aclProvider(new CreatorOnly());
        }
        return builder.build();
    }

    public String connectString() {
        return connectString;
    }

    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    public Duration tickTime() {
        return tickTime;
    }

    public Duration lockIdleTimeout() {
        return lockIdleTimeout;
    }

    /** The {@code user:password} credentials, if any. */
    public Optional<String> digest() {
        return Optional.ofNullable(digest);
    }

    /** {@code /<root>/<ring>}. */
    public String ringPath() {
        return root + "/" + ring;
    }

    /** The parent of the member znodes. */
    public String membersPath() {
        return ringPath() + "/members";
    }

    /** The member znode of a node. */
    public String memberPath(String nodeId) {
        return membersPath() + "/" + requireSegment(nodeId, "nodeId");
    }

    /** The parent of the per-instance lock parents. */
    public String locksPath() {
        return ringPath() + "/locks";
    }

    /** The container that holds the lock nodes of one instance; the id is URL-encoded so any string is a segment. */
    public String lockPath(String instanceId) {
        requireText(instanceId, "instanceId");
        return locksPath() + "/" + URLEncoder.encode(instanceId, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ZkRingSettings{" + connectString + ringPath() + ", session=" + sessionTimeout + ", connection="
                + connectionTimeout + ", tick=" + tickTime + ", lockIdle=" + lockIdleTimeout
                + ", auth=" + (digest == null ? "none" : "digest") + "}";
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    private static String requireSegment(String value, String name) {
        requireText(value, name);
        if (value.contains("/")) {
            throw new IllegalArgumentException(name + " '" + value + "' must not contain '/'");
        }
        return value;
    }

    private static Duration requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /** Full rights for the authenticated creator only: no one else may read, register or delete. */
    private static final class CreatorOnly implements ACLProvider {
        @Override
        public List<ACL> getDefaultAcl() {
            return ZooDefs.Ids.CREATOR_ALL_ACL;
        }

        @Override
        public List<ACL> getAclForPath(String path) {
            return ZooDefs.Ids.CREATOR_ALL_ACL;
        }
    }
}
