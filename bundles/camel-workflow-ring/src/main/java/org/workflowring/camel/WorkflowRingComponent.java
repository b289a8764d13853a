package org.workflowring.camel;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.curator.framework.CuratorFramework;
import org.workflowring.api.WorkflowRegistry;
import org.workflowring.store.WorkflowStore;
import org.workflowring.zookeeper.ZkRingNode;

/**
 * The {@code workflow-ring:} component: {@code workflow-ring:ring:delegateUri} consumes a delegate event endpoint
 * and keeps or forwards each event by ring ownership; {@code workflow-ring:ring} as a producer stores an event and
 * notifies its owner.
 *
 * <p>Node-wide resources are set here (a shared {@link ZkRingNode} or a ZooKeeper URL, the store, the workflow
 * registry); per-ring engines are made on first use and shared by every endpoint of the ring.
 *
 * <p><b>IMPORTANT</b>: a shared {@code ringNode} must have been made for the same ring name as the endpoints that
 * use it; the component cannot check that.
 */
@Component("workflow-ring")
public class WorkflowRingComponent extends DefaultComponent {

    @Metadata(description = "The node's engines, one per ring; share one instance between the components of all "
            + "CamelContexts of a node (the Karaf runtime does)", defaultValue = "one per component")
    private RingEngines engines = new RingEngines();

    @Metadata(description = "ZooKeeper connect string; the component then makes its own Curator client and node")
    private String zooKeeperUrl;
    @Metadata(description = "A started Curator client shared by the node's rings; the component makes one ring node "
            + "per ring on it (instead of zooKeeperUrl)")
    private CuratorFramework zooKeeperClient;
    @Metadata(description = "ZooKeeper path under which the rings live", defaultValue = "/workflow-ring")
    private String zooKeeperRoot = "/workflow-ring";
    @Metadata(description = "A started ZkRingNode to share (instead of zooKeeperUrl)")
    private ZkRingNode ringNode;
    @Metadata(description = "This node's id in the ring; default a random one", defaultValue = "random")
    private String nodeId;
    @Metadata(description = "The address other nodes forward notifications to")
    private String advertisedAddress = "";
    @Metadata(description = "Session timeout in milliseconds when the component makes its own client", defaultValue = "6000")
    private long sessionTimeout = 6_000;
    @Metadata(description = "The workflow store (instances, events, outbox)", required = true)
    private WorkflowStore store;
    @Metadata(description = "Where workflows are found by type", required = true)
    private WorkflowRegistry workflowRegistry;

    public WorkflowRingComponent() {
    }

    @Override
    protected WorkflowRingEndpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters)
            throws Exception {
        int colon = remaining.indexOf(':');
        String ring = colon < 0 ? remaining : remaining.substring(0, colon);
        String delegate = colon < 0 ? null : remaining.substring(colon + 1);
        WorkflowRingEndpoint endpoint = new WorkflowRingEndpoint(uri, this, ring, delegate);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /**
     * The engine of the endpoint's ring, started by the first user; pair with {@link #release}. Engine options
     * (threads, mailbox, timeouts, dead letters, sweep) come from the ring's consumer endpoint when there is one,
     * whichever starts first; two consumer endpoints of one ring must agree on them.
     */
    RingEngine acquire(WorkflowRingEndpoint endpoint) throws Exception {
        return engines.acquire(endpoint, configuringEndpoint(endpoint), this::newEngine);
    }

    private RingEngine newEngine(WorkflowRingEndpoint configuring) {
        return new RingEngine(getCamelContext(), configuring.getRingName(),
                new RingNodeFactory(this).handleFor(configuring), requireOption(getStore(), "store"),
                requireOption(getWorkflowRegistry(), "workflowRegistry"), configuring.engineSettings());
    }

    /** The endpoint whose options configure the ring's engine: the first consumer endpoint of the ring, or this one. */
    private WorkflowRingEndpoint configuringEndpoint(WorkflowRingEndpoint endpoint) {
        if (endpoint.getDelegateUri() != null) {
            return endpoint;
        }
        return getCamelContext().getEndpoints().stream()
                .filter(WorkflowRingEndpoint.class::isInstance).map(WorkflowRingEndpoint.class::cast)
                .filter(e -> e.getDelegateUri() != null && e.getRingName().equals(endpoint.getRingName()))
                .findFirst().orElse(endpoint);
    }

    /** Gives back the engine {@link #acquire} returned; it stops when the last user of its home context is gone. */
    void release(WorkflowRingEndpoint endpoint, RingEngine engine) {
        engines.release(endpoint, engine);
    }

    private <T> T requireOption(T value, String option) {
        if (value == null) {
            throw new IllegalArgumentException("workflow-ring component: option '" + option + "' must be set");
        }
        return value;
    }

    @Override
    protected void doStop() throws Exception {
        engines.stopAll(getCamelContext());
        super.doStop();
    }

    public String getZooKeeperUrl() {
        return zooKeeperUrl;
    }

    /** ZooKeeper connect string ({@code host:port,...}); the component makes its own Curator client and node. */
    public void setZooKeeperUrl(String zooKeeperUrl) {
        this.zooKeeperUrl = zooKeeperUrl;
    }

    public CuratorFramework getZooKeeperClient() {
        return zooKeeperClient;
    }

    /**
     * A started Curator client shared by every ring of the node (the Karaf runtime's); the component makes and
     * closes one ring node per ring on it. Takes precedence over zooKeeperUrl; the client's owner closes it.
     */
    public void setZooKeeperClient(CuratorFramework zooKeeperClient) {
        this.zooKeeperClient = zooKeeperClient;
    }

    public String getZooKeeperRoot() {
        return zooKeeperRoot;
    }

    /** ZooKeeper path under which rings live ({@code <root>/<ring>/members}, ...); default {@code /workflow-ring}. */
    public void setZooKeeperRoot(String zooKeeperRoot) {
        this.zooKeeperRoot = zooKeeperRoot;
    }

    public RingEngines getEngines() {
        return engines;
    }

    /**
     * The node's engines, one per ring. Give every component of a node the same instance (the Karaf runtime does):
     * a ring must never have two engines on one node.
     */
    public void setEngines(RingEngines engines) {
        this.engines = Objects.requireNonNull(engines, "engines must not be null");
    }

    public ZkRingNode getRingNode() {
        return ringNode;
    }

    /** A started {@link ZkRingNode} to share with other users of the same ring (takes precedence over zooKeeperUrl). */
    public void setRingNode(ZkRingNode ringNode) {
        this.ringNode = ringNode;
    }

    public String getNodeId() {
        if (nodeId == null) {
            nodeId = "node-" + UUID.randomUUID();
        }
        return nodeId;
    }

    /** This node's id in the ring, when the component makes its own node; default a random id. */
    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    public String getAdvertisedAddress() {
        return advertisedAddress;
    }

    /**
     * The Camel endpoint URI other nodes forward notifications to, e.g.
     * {@code netty-http:http://10.0.0.5:8182/workflow-ring/orders}; a forward-mode consumer listens on it, and a
     * node the component makes publishes it in its member znode (a shared ringNode must publish the same).
     */
    public void setAdvertisedAddress(String advertisedAddress) {
        this.advertisedAddress = advertisedAddress;
    }

    public long getSessionTimeout() {
        return sessionTimeout;
    }

    /** ZooKeeper session timeout in milliseconds when the component makes its own client (default 6000). */
    public void setSessionTimeout(long sessionTimeout) {
        this.sessionTimeout = sessionTimeout;
    }

    public WorkflowStore getStore() {
        return store;
    }

    /** The workflow store: instances, events, fenced transitions, outbox. */
    public void setStore(WorkflowStore store) {
        this.store = store;
    }

    public WorkflowRegistry getWorkflowRegistry() {
        return workflowRegistry;
    }

    /** Where workflows are found by type: the OSGi whiteboard in Karaf, a MapWorkflowRegistry in plain Java. */
    public void setWorkflowRegistry(WorkflowRegistry workflowRegistry) {
        this.workflowRegistry = workflowRegistry;
    }
}
