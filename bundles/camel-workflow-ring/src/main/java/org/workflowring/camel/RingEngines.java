package org.workflowring.camel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.workflowring.zookeeper.ZkRingNode;

/**
 * The engines of one node, one per ring, shared by every {@link WorkflowRingComponent} given the same instance.
 *
 * <p>Why: an engine holds the ring's member znode and instance locks. Two engines of one ring on one node would
 * each take locks through their own lock manager, or both believe they hold a lock of a shared one; either breaks
 * "two nodes never work on the same instance". In Karaf the node runtime gives every CamelContext a component with
 * the node's one {@code RingEngines}; a plain-Java component keeps its own.
 *
 * <p>The first CamelContext that starts an endpoint of a ring is the ring's <em>home</em>: the engine's threads
 * and outbox, dead-letter and forward sends run there. Producer endpoints of other CamelContexts share the engine;
 * a consumer endpoint of another CamelContext is refused at start (one route file consumes a ring on a node).
 *
 * <p><b>IMPORTANT</b>: the engine stops when the last endpoint of its home context releases it; producers of
 * other contexts still holding it then fail until their routes restart.
 */
public final class RingEngines {

    private static final Logger LOG = LoggerFactory.getLogger(RingEngines.class);

    /** Makes a started-to-be engine for an endpoint; the component supplies node, store and registry. */
    interface EngineMaker {
        RingEngine make(WorkflowRingEndpoint configuring) throws Exception;
    }

    private final Map<String, Ref> engines = new HashMap<>();

    public RingEngines() {
    }

    /**
     * The engine of the endpoint's ring, made and started by the first user; pair with {@link #release}.
     * {@code configuring} gives the engine options (the ring's consumer endpoint when there is one).
     */
    synchronized RingEngine acquire(WorkflowRingEndpoint endpoint, WorkflowRingEndpoint configuring, EngineMaker maker)
            throws Exception {
        String ring = endpoint.getRingName();
        CamelContext context = endpoint.getCamelContext();
        Ref ref = engines.get(ring);
        if (ref == null) {
            RingEngine engine = maker.make(configuring);
            engine.start();
            ref = new Ref(engine, context, configuring.getEndpointUri());
            engines.put(ring, ref);
        } else if (ref.home != context && endpoint.getDelegateUri() != null) {
            throw new IllegalStateException("workflow-ring endpoint " + endpoint.getEndpointUri() + " in CamelContext '"
                    + context.getName() + "': ring '" + ring + "' already runs its engine on this node in CamelContext '"
                    + ref.home.getName() + "' (" + ref.configuredBy + "); consume a ring from one CamelContext "
                    + "(route file) per node, other contexts may use the producer form");
        } else if (endpoint.getDelegateUri() != null && !ref.engine.settings().equals(endpoint.engineSettings())) {
            throw new IllegalArgumentException("workflow-ring endpoint " + endpoint.getEndpointUri()
                    + ": options workerThreads, mailboxBound, lockTimeout, maxAttempts, deadLetterUri, "
                    + "recoverySweepPeriod and relayRetryDelay differ from those of the running engine of ring '"
                    + ring + "' (" + ref.configuredBy + ")");
        }
        ref.users++;
        if (ref.home == context) {
            ref.homeUsers++;
        }
        return ref.engine;
    }

    /** Stops the engine of the endpoint's ring when the last user of its home context releases it. */
    synchronized void release(WorkflowRingEndpoint endpoint, RingEngine engine) {
        Ref ref = engines.get(endpoint.getRingName());
        if (ref == null || ref.engine != engine) {
            return; // already stopped by stopAll or by its home context
        }
        ref.users--;
        if (ref.home == endpoint.getCamelContext() && --ref.homeUsers == 0) {
            engines.remove(endpoint.getRingName());
            if (ref.users > 0) {
                LOG.warn("Engine of ring '{}' stops with its CamelContext '{}' while {} producer(s) of other contexts "
                        + "still use it", endpoint.getRingName(), ref.home.getName(), ref.users);
            }
            ref.engine.stop();
        }
    }

    /** Stops every engine (the node's configuration changed); their endpoints must be restarted to get new ones. */
    public synchronized void stopAll() {
        engines.values().forEach(ref -> ref.engine.stop());
        engines.clear();
    }

    /** Stops the engines whose home is {@code context} (the context is stopping). */
    synchronized void stopAll(CamelContext context) {
        engines.values().removeIf(ref -> {
            if (ref.home == context) {
                ref.engine.stop();
                return true;
            }
            return false;
        });
    }

    /** The rings with a running engine. */
    public synchronized List<String> rings() {
        return new ArrayList<>(engines.keySet());
    }

    /** The ring node (membership, locks, readiness) of a running engine. */
    public synchronized Optional<ZkRingNode> node(String ring) {
        return Optional.ofNullable(engines.get(ring)).map(ref -> ref.engine.node());
    }

    /** Counters of a running engine. */
    public synchronized Optional<RingEngineStatus> status(String ring) {
        return Optional.ofNullable(engines.get(ring)).map(ref -> ref.engine.status(ref.users));
    }

    private static final class Ref {
        private final RingEngine engine;
        private final CamelContext home;
        private final String configuredBy;
        private int users;
        private int homeUsers;

        Ref(RingEngine engine, CamelContext home, String configuredBy) {
            this.engine = engine;
            this.home = home;
            this.configuredBy = configuredBy;
        }
    }
}
