package org.workflowring.zookeeper;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.curator.framework.CuratorFramework;

/** A lock manager with its readiness and view on its own client, as one node runs them (test fixture). */
public final class LockNode implements AutoCloseable {

    /** Lock ends and readiness levels as they happened, with the time they were seen. */
    public record Event(long nanos, String what, String thread) { }

    public final String id;
    public final CuratorFramework client;
    public final MembershipWatcher watcher;
    public final InstanceLockManager locks;
    public final Readiness readiness;
    public final List<Event> events = new CopyOnWriteArrayList<>();

    public LockNode(String id, ZkRingSettings settings) throws Exception {
        this.id = id;
        this.client = ZkTesting.client(settings);
        this.watcher = new MembershipWatcher(client, settings, 16);
        this.locks = new InstanceLockManager(client, settings, id);
        this.readiness = new Readiness(client, watcher, locks);
        locks.addListener((grant, reason) -> events.add(new Event(System.nanoTime(), reason + " " + grant.instanceId(),
                Thread.currentThread().getName())));
        readiness.addListener(level -> events.add(new Event(System.nanoTime(), level.name(),
                Thread.currentThread().getName())));
        watcher.start();
        locks.start();
        readiness.start();
    }

    /** When {@code what} first happened, or -1. */
    public long firstNanos(String what) {
        return events.stream().filter(e -> e.what().equals(what)).mapToLong(Event::nanos).findFirst().orElse(-1);
    }

    public boolean saw(String what) {
        return firstNanos(what) >= 0;
    }

    @Override
    public void close() throws IOException {
        readiness.close();
        locks.close();
        watcher.close();
        client.close();
    }
}
