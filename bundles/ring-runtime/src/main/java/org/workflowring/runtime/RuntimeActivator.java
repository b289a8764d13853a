package org.workflowring.runtime;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.cm.ManagedService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the node runtime with the bundle and feeds it configuration {@value NodeConfig#PID}
 * ({@code etc/org.workflowring.node.cfg}; without one, the defaults).
 *
 * <p>A plain activator with a {@link ManagedService}: Karaf's boot features have ConfigurationAdmin but not
 * necessarily Declarative Services.
 */
public final class RuntimeActivator implements BundleActivator {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeActivator.class);

    private NodeRuntime runtime;
    private ServiceRegistration<?> managed;

    @Override
    public void start(BundleContext context) {
        NodeRuntime started = new NodeRuntime(context);
        String karafName = context.getProperty("karaf.name");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_PID, NodeConfig.PID);
        // ConfigurationAdmin calls updated() on its own thread, with null when there is no configuration.
        managed = context.registerService(ManagedService.class.getName(), (ManagedService) properties -> {
            NodeConfig config = NodeConfig.from(properties, karafName);
            try {
                started.configure(config);
            } catch (InvalidSyntaxException e) {
                throw new ConfigurationException("dataSourceName", "not usable in an OSGi filter: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("workflow-ring node configuration {} could not be applied", config, e);
                throw e;
            }
        }, props);
        runtime = started;
    }

    @Override
    public void stop(BundleContext context) {
        managed.unregister();
        runtime.close();
    }
}
