package org.workflowring.camel;

import java.io.IOException;
import java.util.Objects;

import org.apache.curator.framework.CuratorFramework;
import org.workflowring.zookeeper.ZkRingNode;

/**
 * The {@link ZkRingNode} an engine runs on: shared (started and closed by whoever made it), owned on a shared
 * Curator client (the node is started and closed with the engine, the client is not), or owned with its own client
 * (made by the component from {@code zooKeeperUrl}, both started and closed with the engine).
 */
final class RingNodeHandle {

    private final ZkRingNode node;
    private final CuratorFramework ownedClient;
    private final boolean ownedNode;

    private RingNodeHandle(ZkRingNode node, CuratorFramework ownedClient, boolean ownedNode) {
        this.node = Objects.requireNonNull(node, "node must not be null");
        this.ownedClient = ownedClient;
        this.ownedNode = ownedNode;
    }

    /** A node someone else starts and closes. */
    static RingNodeHandle shared(ZkRingNode node) {
        return new RingNodeHandle(node, null, false);
    }

    /** A node started and closed here, on a started client that someone else closes (one client, many rings). */
    static RingNodeHandle ownedOnSharedClient(ZkRingNode node) {
        return new RingNodeHandle(node, null, true);
    }

    /** A node and its client, started and closed here; {@code client} must not be started yet. */
    static RingNodeHandle owned(ZkRingNode node, CuratorFramework client) {
        return new RingNodeHandle(node, Objects.requireNonNull(client, "client must not be null"), true);
    }

    ZkRingNode node() {
        return node;
    }

    /** Starts an owned client and node, registered as JOINING (not yet in the ring); nothing for a shared one. */
    void start() throws Exception {
        if (ownedClient != null) {
            ownedClient.start();
        }
        if (ownedNode) {
            node.start();
        }
    }

    /** Puts an owned node into the ring (ACTIVE); nothing for a shared one, whose owner decides. */
    void activate() {
        if (ownedNode) {
            node.activate();
        }
    }

    /** Closes an owned node and client; nothing for a shared one. */
    void close() throws IOException {
        if (ownedNode) {
            node.close();
        }
        if (ownedClient != null) {
            ownedClient.close();
        }
    }
}
