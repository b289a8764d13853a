package org.workflowring.zookeeper;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.utils.ZKPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workflowring.ring.Member;
import org.workflowring.ring.Ring;

/**
 * Watches the member znodes and turns them into ring snapshots, telling {@link RingListener}s about each change.
 *
 * <p>The ring holds the {@link MemberState#ACTIVE} members only; with none the view has no ring
 * ({@link Optional#empty()}). Cache events only schedule a rebuild: the rebuild and every listener run on one
 * private thread, so ZooKeeper's event thread is never held up and changes are delivered in order.
 *
 * <p><b>IMPORTANT</b>: after a reconnect the cache may be stale; {@link #refresh()} syncs with the leader and reads
 * the members directly, and {@link Readiness} calls it before the node works again.
 */
public final class MembershipWatcher implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipWatcher.class);

    private enum State { LATENT, STARTED, CLOSED }

    private record View(Optional<Ring> ring, Map<String, MemberRecord> members) { }

    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final AtomicReference<View> view = new AtomicReference<>(new View(Optional.empty(), Map.of()));
    private final List<RingListener> listeners = new CopyOnWriteArrayList<>();
    private final CuratorFramework client;
    private final String membersPath;
    private final int vnodesPerWeight;
    private final CuratorCache cache;
    private final ExecutorService notifier;

    /** A watcher with ring-core's default virtual nodes per weight unit. */
    public MembershipWatcher(CuratorFramework client, ZkRingSettings settings) {
        this(client, settings, Ring.DEFAULT_VNODES_PER_WEIGHT);
    }

    /** A watcher building rings with {@code vnodesPerWeight} virtual nodes per weight unit. */
    public MembershipWatcher(CuratorFramework client, ZkRingSettings settings, int vnodesPerWeight) {
        this.client = Objects.requireNonNull(client, "client must not be null");
        this.membersPath = Objects.requireNonNull(settings, "settings must not be null").membersPath();
        if (vnodesPerWeight < 1) {
            throw new IllegalArgumentException("vnodesPerWeight must be at least 1, was " + vnodesPerWeight);
        }
        this.vnodesPerWeight = vnodesPerWeight;
        this.cache = CuratorCache.build(client, membersPath);
        this.notifier = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ring-view " + membersPath);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching; the first view arrives once the cache is initialized. */
    public void start() throws Exception {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("membership watcher was already started");
        }
        client.createContainers(membersPath);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, oldData, data) -> scheduleRebuild())
                .forInitialized(this::scheduleRebuild)
                .build());
        cache.start();
    }

    /** Adds a listener; it hears about changes after this call. */
    public void addListener(RingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    /** Removes a listener. */
    public void removeListener(RingListener listener) {
        listeners.remove(listener);
    }

    /** The current ring, empty when no member is active. */
    public Optional<Ring> ring() {
        return view.get().ring();
    }

    /** Every registered member by id, whatever its state. */
    public Map<String, MemberRecord> members() {
        return view.get().members();
    }

    /**
     * Syncs with the leader, reads the members directly and publishes that view; completes once listeners ran.
     * Runs on the notification thread so it is ordered with cache-driven rebuilds.
     */
    public CompletableFuture<Void> refresh() {
        return CompletableFuture.runAsync(() -> {
            try {
                client.sync().forPath(membersPath);
                Map<String, MemberRecord> read = new HashMap<>();
                List<String> children;
                try {
                    children = client.getChildren().forPath(membersPath);
                } catch (org.apache.zookeeper.KeeperException.NoNodeException reaped) {
                    // The container was reaped while no member existed; PersistentNode recreates it.
                    children = List.of();
                }
                for (String child : children) {
                    try {
                        addParsed(read, client.getData().forPath(ZKPaths.makePath(membersPath, child)));
                    } catch (org.apache.zookeeper.KeeperException.NoNodeException gone) {
                        // Left between getChildren and getData: not a member any more.
                    }
                }
                publish(read);
            } catch (Exception e) {
                throw new IllegalStateException("cannot re-read members under " + membersPath, e);
            }
        }, notifier);
    }

    private void scheduleRebuild() {
        // Called on Curator's cache thread: only hand over, never build or notify here.
        if (state.get() == State.STARTED) {
            notifier.execute(this::rebuildFromCache);
        }
    }

    private void rebuildFromCache() {
        Map<String, MemberRecord> read = new HashMap<>();
        cache.stream()
                .filter(d -> membersPath.equals(ZKPaths.getPathAndNode(d.getPath()).getPath()))
                .map(ChildData::getData)
                .forEach(data -> addParsed(read, data));
        publish(read);
    }

    private static void addParsed(Map<String, MemberRecord> into, byte[] data) {
        try {
            MemberRecord record = MemberRecord.parse(data == null ? new byte[0] : data);
            into.put(record.id(), record);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring a member znode with unreadable data: {}", e.getMessage());
        }
    }

    /** Runs on the notification thread only, so views are published and announced in order. */
    private void publish(Map<String, MemberRecord> members) {
        List<Member> active = new ArrayList<>();
        members.values().stream().filter(m -> m.state().inRing()).forEach(m -> active.add(m.toMember()));
        View before = view.get();
        Optional<Ring> ring = active.isEmpty() ? Optional.empty()
                : before.ring().filter(r -> sameMembers(r, active)).or(() -> Optional.of(Ring.of(active, vnodesPerWeight)));
        View after = new View(ring, Map.copyOf(members));
        if (after.equals(before)) {
            return;
        }
        view.set(after);
        RingChange change = new RingChange(before.ring(), after.ring(), after.members());
        for (RingListener listener : listeners) {
            try {
                listener.ringChanged(change);
            } catch (RuntimeException e) {
                LOG.error("Ring listener {} failed on {}", listener, change, e);
            }
        }
    }

    private static boolean sameMembers(Ring ring, List<Member> active) {
        return ring.members().size() == active.size() && ring.members().containsAll(active);
    }

    /** Stops watching and notifying. */
    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) == State.STARTED) {
            cache.close();
        }
        notifier.shutdownNow();
    }
}
