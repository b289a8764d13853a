package org.workflowring.camel;

import java.io.IOException;
import java.util.Objects;

import org.apache.curator.framework.CuratorFramework;
import org.workflowring.zookeeper.ZkRingNode;

/**
 * The {@link ZkRingNode} an engine runs on: either shared (started and closed by whoever made it) or owned (made by
 * the component from {@code zooKeeperUrl}, with its own Curator client, started and closed with the engine).
 */
final class RingNodeHandle {

    private final ZkRingNode node;
    private final CuratorFramework ownedClient;

    private RingNodeHandle(ZkRingNode node, CuratorFramework ownedClient) {
        this.node = Objects.requireNonNull(node, "node must not be null");
        this.ownedClient = ownedClient;
    }

    /** A node someone else starts and closes. */
    static RingNodeHandle shared(ZkRingNode node) {
        return new RingNodeHandle(node, null);
    }

    /** A node and its client, started and closed here; {@code client} must not be started yet. */
    static RingNodeHandle owned(ZkRingNode node, CuratorFramework client) {
        return new RingNodeHandle(node, Objects.requireNonNull(client, "client must not be null"));
    }

    ZkRingNode node() {
        return node;
    }

    /** Starts an owned client and node and puts the node into the ring; nothing for a shared one. */
    void start() throws Exception {
        if (ownedClient != null) {
            ownedClient.start();
            node.start();
            node.activate();
        }
    }

    /** Closes an owned node and client; nothing for a shared one. */
    void close() throws IOException {
        if (ownedClient != null) {
            node.close();
            ownedClient.close();
        }
    }
}
