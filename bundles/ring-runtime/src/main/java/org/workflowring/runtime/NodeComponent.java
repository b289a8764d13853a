package org.workflowring.runtime;

import org.apache.curator.framework.CuratorFramework;
import org.workflowring.api.WorkflowRegistry;
import org.workflowring.camel.WorkflowRingComponent;
import org.workflowring.store.WorkflowStore;

/**
 * The {@code workflow-ring:} component one CamelContext of the node gets: node-wide resources (engines, Curator
 * client, store, registry, node id, address) are read from the {@link NodeRuntime} each time an engine is made, so
 * that routes restarted after a configuration change get the new ones.
 *
 * <p><b>IMPORTANT</b>: setting those options on this component (e.g. from a Blueprint file) has no effect; the node's
 * configuration {@code org.workflowring.node} decides.
 */
final class NodeComponent extends WorkflowRingComponent {

    private final NodeRuntime runtime;

    NodeComponent(NodeRuntime runtime) {
        this.runtime = runtime;
        setEngines(runtime.engines());
    }

    @Override
    public CuratorFramework getZooKeeperClient() {
        return runtime.client();
    }

    @Override
    public String getZooKeeperRoot() {
        return runtime.config().zooKeeperRoot();
    }

    @Override
    public String getNodeId() {
        return runtime.config().nodeId();
    }

    @Override
    public String getAdvertisedAddress() {
        return runtime.config().advertisedAddress();
    }

    @Override
    public long getSessionTimeout() {
        return runtime.config().sessionTimeout().toMillis();
    }

    @Override
    public WorkflowStore getStore() {
        return runtime.store();
    }

    @Override
    public WorkflowRegistry getWorkflowRegistry() {
        return runtime.registry();
    }
}
