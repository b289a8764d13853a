package org.workflowring.runtime;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentResolver;

/**
 * Registered as an OSGi {@link ComponentResolver} with {@code component=workflow-ring}: camel-core-osgi asks it when
 * a CamelContext of the container (e.g. a Blueprint route file) first meets the scheme, and Blueprint route files
 * wait for it before they start. Each CamelContext gets its own {@link NodeComponent}; all share the node's engines.
 */
final class NodeComponentResolver implements ComponentResolver {

    static final String SCHEME = "workflow-ring";

    private final NodeRuntime runtime;
    /** The contexts given a component (weakly: a removed route file's context goes away). */
    private final Set<CamelContext> contexts = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    NodeComponentResolver(NodeRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Component resolveComponent(String name, CamelContext context) {
        if (!SCHEME.equals(name)) {
            return null;
        }
        contexts.add(context);
        return new NodeComponent(runtime);
    }

    /** The contexts that use workflow-ring now. */
    List<CamelContext> contexts() {
        synchronized (contexts) {
            return List.copyOf(contexts);
        }
    }

    /** Service properties: the scheme, as camel-core-osgi looks it up. */
    static Map<String, Object> serviceProperties() {
        return Map.of("component", SCHEME);
    }
}
