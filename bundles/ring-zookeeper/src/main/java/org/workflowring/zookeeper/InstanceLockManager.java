package org.workflowring.zookeeper;

import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one ZooKeeper lock per active workflow instance of this node, each with a fencing token.
 *
 * <p>A lock is taken once and kept while the instance is active and owned, so steady-state events cost no
 * ZooKeeper request; it is released on {@link #release}, after the idle timeout (never while a worker has it
 * {@link #pin pinned} inside an event), when ownership moves or the node drains ({@link #releaseIf}: a pinned lock is
 * no longer handed out at once, and ends when its worker leaves the event, so the next owner starts only after the
 * event in hand and its sends are done), and on {@link #close}. Acquire and release may run on different threads.
 *
 * <p><b>IMPORTANT</b>: one caller at a time per instance (the dispatcher's per-instance mailbox guarantees it);
 * a second concurrent acquire of the same instance is refused. Holding a grant is not permission to work:
 * {@link Readiness} must also be READY.
 */
public final class InstanceLockManager implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceLockManager.class);

    private enum State { LATENT, STARTED, CLOSED }

    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final Map<String, HeldLock> held = new ConcurrentHashMap<>();
    private final Set<String> acquiring = ConcurrentHashMap.newKeySet();
    private final List<LockListener> listeners = new CopyOnWriteArrayList<>();
    private final ZkRingSettings settings;
    private final FencedLockRecipe recipe;
    private final ScheduledExecutorService sweeper;
    private volatile boolean accepting = true;

    /** A manager for the locks that node {@code nodeId} takes; the node id is stored as the holder's name. */
    public InstanceLockManager(CuratorFramework client, ZkRingSettings settings, String nodeId) {
        this.settings = Objects.requireNonNull(settings, "settings must not be null");
        this.recipe = new FencedLockRecipe(client, nodeId);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ring-lock-idle " + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the idle sweeper. */
    public void start() {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("lock manager was already started");
        }
        long period = Math.max(50, Math.min(5_000, settings.lockIdleTimeout().toMillis() / 4));
        sweeper.scheduleWithFixedDelay(this::releaseIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** Adds a listener for locks that end without being asked to. */
    public void addListener(LockListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    /**
     * The grant for {@code instanceId}: the held one (no ZooKeeper request) or a new one, waiting up to
     * {@code timeout} for the current holder to release or to lose its session. Refused while the connection is
     * suspended or lost, even for a held lock.
     *
     * @throws LockTimeoutException  when another node kept it; names that node when it could be read
     * @throws InstanceLockException when ZooKeeper failed or the node is suspended
     */
    public LockGrant acquire(String instanceId, Duration timeout) throws InstanceLockException, InterruptedException {
        Objects.requireNonNull(instanceId, "instanceId must not be null");
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (state.get() != State.STARTED) {
            throw new IllegalStateException("lock manager is " + state.get() + ", not STARTED");
        }
        // Fail closed: while suspended not even a held grant is handed out, so no new work starts under it.
        if (!accepting) {
            throw new InstanceLockException(instanceId, "not acquiring the lock of workflow instance '" + instanceId
                    + "': the ZooKeeper connection is suspended or lost", null);
        }
        HeldLock current = held.computeIfPresent(instanceId, (id, h) -> h.ending() ? h : h.touched(System.nanoTime()));
        if (current != null && current.ending()) {
            throw new InstanceLockException(instanceId, "the lock of workflow instance '" + instanceId
                    + "' is being handed off: it ends when the event in hand is done", null);
        }
        if (current != null) {
            return current.grant();
        }
        if (!acquiring.add(instanceId)) {
            throw new IllegalStateException("workflow instance '" + instanceId + "' is being acquired by another thread");
        }
        try {
            LockGrant grant = recipe.acquire(instanceId, settings.lockPath(instanceId), timeout);
            HeldLock granted = HeldLock.granted(grant, System.nanoTime());
            held.put(instanceId, granted);
            // Closed while we waited: close() may have ended every lock before our put, and a znode left on a client
            // that stays open (the node's shared client outlives its engines) would block the instance on every
            // node until that session ends. Either close() ends it or we do: remove(id, value) lets only one through.
            if (state.get() != State.STARTED) {
                if (held.remove(instanceId, granted)) {
                    recipe.releaseInBackground(grant);
                }
                throw new InstanceLockException(instanceId, "lock manager closed while acquiring the lock of workflow"
                        + " instance '" + instanceId + "'; released it", null);
            }
            return grant;
        } catch (InstanceLockException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new InstanceLockException(instanceId, "cannot acquire the lock of workflow instance '" + instanceId
                    + "': " + e, e);
        } finally {
            acquiring.remove(instanceId);
        }
    }

    /** The held grant, if any and not being handed off ({@link #releaseIf}); no ZooKeeper request. */
    public Optional<LockGrant> grant(String instanceId) {
        return Optional.ofNullable(held.get(instanceId)).filter(h -> !h.ending()).map(HeldLock::grant);
    }

    /** Marks the instance as used now, postponing its idle release. */
    public void touch(String instanceId) {
        held.computeIfPresent(instanceId, (id, h) -> h.touched(System.nanoTime()));
    }

    /**
     * Marks {@code grant} as in use by a worker inside an event: the idle release, ownership moving and drain wait
     * for {@link #unpin} however long the event takes (the last two stop handing the grant out at once, so
     * {@link #grant} is empty and the worker stops at its next check). <b>IMPORTANT</b>: close, LOST and a vanished
     * znode still end the lock at once, so the worker still checks its grant before it commits and sends.
     *
     * @return {@code false} if this grant is no longer held (released, dropped, replaced, being handed off); otherwise
     *         unpin it later
     */
    public boolean pin(LockGrant grant) {
        boolean[] pinned = {false};
        held.computeIfPresent(grant.instanceId(),
                (id, h) -> (pinned[0] = h.isOf(grant) && !h.ending()) ? h.pinned() : h);
        return pinned[0];
    }

    /**
     * Ends one {@link #pin} of {@code grant}; its idle time counts from now, and a lock being handed off ends now if
     * this was its last pin. Nothing happens if it is not held.
     */
    public void unpin(LockGrant grant) {
        HeldLock[] ended = {null};
        held.computeIfPresent(grant.instanceId(), (id, h) -> {
            if (!h.isOf(grant)) {
                return h;
            }
            HeldLock after = h.unpinned(System.nanoTime());
            if (after.ending() && after.pins() == 0) {
                ended[0] = after;
                return null;
            }
            return after;
        });
        if (ended[0] != null) {
            notifyEnded(ended[0].grant(), ended[0].endReason());
            recipe.releaseInBackground(ended[0].grant());
        }
    }

    /** Applies {@code change} to the held lock of {@code grant}'s instance if it is still that grant; whether it was. */
    private boolean update(LockGrant grant, UnaryOperator<HeldLock> change) {
        boolean[] found = {false};
        held.computeIfPresent(grant.instanceId(), (id, h) -> (found[0] = h.isOf(grant)) ? change.apply(h) : h);
        return found[0];
    }

    /** The instances whose locks this node holds. */
    public Set<String> heldInstances() {
        return Set.copyOf(held.keySet());
    }

    /** Releases the lock of {@code instanceId} on the caller's thread; false when it was not held. */
    public boolean release(String instanceId) {
        HeldLock h = held.remove(instanceId);
        if (h != null) {
            delete(h.grant());
        }
        return h != null;
    }

    /**
     * Releases every held lock whose instance matches, telling listeners why (e.g. ownership moved away); a pinned one
     * is no longer handed out from now on and is released when its worker {@link #unpin unpins} it.
     */
    public void releaseIf(Predicate<String> instanceFilter, LockListener.Reason reason) {
        end(instanceFilter, reason, true, true);
    }

    /** Stops new acquires (SUSPENDED); held grants stay but must not be used until {@link #resume()}. */
    void suspend() {
        accepting = false;
    }

    /** Accepts acquires again after a reconnect has been validated. */
    void resume() {
        accepting = true;
    }

    /** Forgets every grant without a ZooKeeper request: the session is gone and its znodes with it (LOST). */
    void dropAll(LockListener.Reason reason) {
        end(id -> true, reason, false, false);
    }

    /**
     * Ends every held lock whose instance matches, telling listeners, and deletes its znode if asked; a pinned lock
     * ends when it is unpinned if {@code waitForPins}, at once otherwise.
     */
    private void end(Predicate<String> instanceFilter, LockListener.Reason reason, boolean deleteZnode,
                     boolean waitForPins) {
        for (String id : heldInstances()) {
            if (!instanceFilter.test(id)) {
                continue;
            }
            HeldLock[] ended = {null};
            held.computeIfPresent(id, (k, h) -> {
                if (waitForPins && h.pins() > 0) {
                    return h.ending() ? h : h.endingWhenUnpinned(reason);
                }
                ended[0] = h;
                return null;
            });
            if (ended[0] != null) {
                notifyEnded(ended[0].grant(), reason);
                if (deleteZnode) {
                    // Forgotten here first: nothing of this node uses the grant while its delete is on its way, and
                    // no other node is granted the lock before the delete lands.
                    recipe.releaseInBackground(ended[0].grant());
                }
            }
        }
    }

    /** Drops every grant whose znode is gone or belongs to another session (after RECONNECTED). */
    void revalidate() throws Exception {
        for (String id : heldInstances()) {
            HeldLock h = held.get(id);
            if (h != null && !recipe.stillHeld(h.grant()) && update(h.grant(), gone -> null)) { // pinned or not
                LOG.warn("Lock of workflow instance '{}' (token {}) is gone after reconnect", id, h.grant().token());
                notifyEnded(h.grant(), LockListener.Reason.ZNODE_GONE);
            }
        }
    }

    private void releaseIdle() {
        // Sweeper thread (why release must not be thread-bound). remove(id, h) removes only the value judged idle:
        // a pin, touch or acquire since then replaced it, and the lock stays.
        long idleNanos = settings.lockIdleTimeout().toNanos();
        long now = System.nanoTime();
        for (String id : heldInstances()) {
            HeldLock h = held.get(id);
            if (h != null && h.idleLongerThan(idleNanos, now) && held.remove(id, h)) {
                notifyEnded(h.grant(), LockListener.Reason.IDLE);
                recipe.releaseInBackground(h.grant());
            }
        }
    }

    private void delete(LockGrant grant) {
        try {
            recipe.release(grant);
        } catch (Exception e) {
            // Guaranteed delete keeps retrying in the background; the session's end removes the node anyway.
            LOG.warn("Releasing the lock of workflow instance '{}' failed for now: {}", grant.instanceId(), e.toString());
        }
    }

    private void notifyEnded(LockGrant grant, LockListener.Reason reason) {
        for (LockListener listener : listeners) {
            try {
                listener.lockEnded(grant, reason);
            } catch (RuntimeException e) {
                LOG.error("Lock listener {} failed for {}", listener, grant, e);
            }
        }
    }

    /** Releases every held lock and stops the sweeper. */
    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) == State.STARTED) {
            sweeper.shutdownNow();
            // Deletes go out in the background: if the caller closes its client right after, the session's end
            // removes the ephemeral lock znodes instead; a shared client that stays open sends them.
            // A worker still inside an event is not waited for: its grant is gone, so it stops at its next check.
            end(id -> true, LockListener.Reason.CLOSED, true, false);
        }
    }
}
