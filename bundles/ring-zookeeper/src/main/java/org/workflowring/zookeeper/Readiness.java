package org.workflowring.zookeeper;

import java.io.Closeable;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection-state listener that decides whether this node may work: self-fencing on ZooKeeper trouble.
 *
 * <ul>
 *   <li>{@code SUSPENDED}: not ready; no new locks; listeners stop starting and committing work.</li>
 *   <li>{@code LOST}: not ready; every lock is dropped (its znode died with the session).</li>
 *   <li>{@code CONNECTED}/{@code RECONNECTED}: sync, re-read membership, re-validate held locks (a gone znode is
 *       a lost lock), then ready.</li>
 * </ul>
 *
 * <p><b>IMPORTANT</b>: relies on Curator's standard error policy (LOST only on session expiry, which Curator
 * also declares itself one session timeout after SUSPENDED). Any listener that blocks delays every later state.
 */
public final class Readiness implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

    /** Whether the node may work. */
    public enum Level { READY, SUSPENDED, NOT_READY }

    private enum State { LATENT, STARTED, CLOSED }

    private static final long RESUME_RETRY_MAX_MS = 5_000;

    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final AtomicReference<Level> level = new AtomicReference<>(Level.NOT_READY);
    /** Bumped on every connection-state change, so a resume that raced with a newer change does not finish. */
    private final AtomicLong epoch = new AtomicLong();
    private final List<ReadinessListener> listeners = new CopyOnWriteArrayList<>();
    private final ConnectionStateListener connectionListener = new ConnectionListener();
    private final CuratorFramework client;
    private final MembershipWatcher watcher;
    private final InstanceLockManager locks;
    private final ScheduledExecutorService resumer;
    /** Orders level changes of the connection-state thread and the readiness thread. */
    private final Object mutex = new Object();

    /** Readiness for a node whose view is {@code watcher} and whose locks are {@code locks}. */
    public Readiness(CuratorFramework client, MembershipWatcher watcher, InstanceLockManager locks) {
        this.client = Objects.requireNonNull(client, "client must not be null");
        this.watcher = Objects.requireNonNull(watcher, "watcher must not be null");
        this.locks = Objects.requireNonNull(locks, "locks must not be null");
        this.resumer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ring-readiness");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts listening; becomes READY once connected and validated. */
    public void start() {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("readiness was already started");
        }
        locks.suspend();
        client.getConnectionStateListenable().addListener(connectionListener);
        if (client.getZookeeperClient().isConnected()) {
            scheduleResume(epoch.incrementAndGet());
        }
    }

    /** Adds a listener. */
    public void addListener(ReadinessListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    /** The current level. */
    public Level level() {
        return level.get();
    }

    /** Whether the node may start and commit work now. */
    public boolean isReady() {
        return level.get() == Level.READY;
    }

    private final class ConnectionListener implements ConnectionStateListener {
        @Override
        public void stateChanged(CuratorFramework c, ConnectionState newState) {
            // Curator's connection-state thread: fence synchronously, re-validate on the readiness thread.
            synchronized (mutex) {
                onState(newState);
            }
        }

        private void onState(ConnectionState newState) {
            long current = epoch.incrementAndGet();
            switch (newState) {
                case SUSPENDED -> {
                    locks.suspend();
                    change(Level.SUSPENDED);
                }
                case LOST -> {
                    locks.suspend();
                    change(Level.NOT_READY);
                    locks.dropAll(LockListener.Reason.SESSION_LOST);
                }
                case CONNECTED, RECONNECTED -> scheduleResume(current);
                case READ_ONLY -> {
                    locks.suspend();
                    change(Level.SUSPENDED);
                }
                default -> LOG.warn("Unexpected connection state {}", newState);
            }
        }
    }

    private void scheduleResume(long startedAt) {
        resumer.execute(() -> resume(startedAt, 1));
    }

    /** Runs on the readiness thread; retries with back-off until it succeeds or a newer state supersedes it. */
    private void resume(long startedAt, int attempt) {
        try {
            watcher.refresh().get(client.getZookeeperClient().getConnectionTimeoutMs() * 4L, TimeUnit.MILLISECONDS);
            locks.revalidate();
            // Only the newest connection state may make the node ready; a newer SUSPENDED/LOST wins.
            synchronized (mutex) {
                if (epoch.get() == startedAt && state.get() == State.STARTED) {
                    locks.resume();
                    change(Level.READY);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (epoch.get() == startedAt && state.get() == State.STARTED) {
                // No newer connection state may ever come (the connection is fine, a read was slow): retry.
                long delayMs = Math.min(RESUME_RETRY_MAX_MS, 100L << Math.min(attempt, 6));
                LOG.warn("Not ready yet: re-validation after reconnect failed ({}); retrying in {} ms", e.toString(), delayMs);
                resumer.schedule(() -> resume(startedAt, attempt + 1), delayMs, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void change(Level newLevel) {
        if (level.getAndSet(newLevel) == newLevel) {
            return;
        }
        LOG.info("Readiness {}", newLevel);
        for (ReadinessListener listener : listeners) {
            try {
                listener.readinessChanged(newLevel);
            } catch (RuntimeException e) {
                LOG.error("Readiness listener {} failed on {}", listener, newLevel, e);
            }
        }
    }

    /** Stops listening; the node is not ready any more. */
    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) == State.STARTED) {
            client.getConnectionStateListenable().removeListener(connectionListener);
            synchronized (mutex) {
                epoch.incrementAndGet();
                locks.suspend();
                change(Level.NOT_READY);
            }
        }
        resumer.shutdownNow();
    }
}
