package org.workflowring.itests.cluster;

import java.nio.file.Path;

/**
 * Shape of a test cluster.
 *
 * @param dir            where everything lives ({@code target/cluster})
 * @param nodes          Karaf nodes started at first
 * @param zooKeeperTick  ensemble tick in milliseconds
 * @param sessionTimeout nodes' ZooKeeper session timeout in milliseconds
 */
public record ClusterSettings(Path dir, int nodes, int zooKeeperTick, int sessionTimeout) {

    public ClusterSettings {
        if (nodes < 1 || nodes > 9) {
            throw new IllegalArgumentException("1 to 9 nodes, got " + nodes);
        }
        if (sessionTimeout < 2 * zooKeeperTick || sessionTimeout > 20 * zooKeeperTick) {
            throw new IllegalArgumentException("ZooKeeper grants session timeouts of 2 to 20 ticks only; tick "
                    + zooKeeperTick + " ms, session timeout " + sessionTimeout + " ms");
        }
    }

    /**
     * 3 nodes, tick 500 ms, session timeout 6 s. 3 s was tried first: on this 2-core machine shared with other
     * builds (load average 30-48) nodes lost their sessions while booting ("have not heard from server in 1038ms").
     */
    public static ClusterSettings defaults(Path dir) {
        return new ClusterSettings(dir, 3, 500, 6000);
    }
}
