package org.workflowring.itests.karaf;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.Set;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What Camel's JMX management says about routes and consumers of the CamelContexts in the container.
 *
 * <p>Read through JMX rather than the Camel API, so the tests need no Camel classes: a Blueprint CamelContext's
 * management name carries its bundle id, so contexts are picked by their {@code CamelId} attribute instead.
 */
final class CamelMBeans {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private CamelMBeans() {
    }

    /** Exchanges completed by route {@code routeId} of context {@code camelId}; empty while the route is not there. */
    static Optional<Long> exchangesCompleted(String camelId, String routeId) {
        return find("org.apache.camel:type=routes,*", camelId, routeId).map(name -> (Long) attribute(name, "ExchangesCompleted"));
    }

    /** Exchanges failed in route {@code routeId} of context {@code camelId}; empty while the route is not there. */
    static Optional<Long> exchangesFailed(String camelId, String routeId) {
        return find("org.apache.camel:type=routes,*", camelId, routeId).map(name -> (Long) attribute(name, "ExchangesFailed"));
    }

    /** {@code Master} of the master: consumer of route {@code routeId} of context {@code camelId}; empty while none. */
    static Optional<Boolean> isMaster(String camelId, String routeId) {
        return find("org.apache.camel:type=consumers,*", camelId, routeId)
                .filter(name -> name.getKeyProperty("name").startsWith("MasterConsumer"))
                .map(name -> (Boolean) attribute(name, "Master"));
    }

    /** Whether context {@code camelId} has a route {@code routeId} that is started. */
    static boolean routeStarted(String camelId, String routeId) {
        return find("org.apache.camel:type=routes,*", camelId, routeId).map(name -> "Started".equals(attribute(name, "State")))
                .orElse(false);
    }

    private static Optional<ObjectName> find(String pattern, String camelId, String routeId) {
        try {
            Set<ObjectName> names = SERVER.queryNames(new ObjectName(pattern), null);
            return names.stream()
                    .filter(name -> camelId.equals(attribute(name, "CamelId")) && routeId.equals(attribute(name, "RouteId")))
                    .findFirst();
        } catch (JMException e) {
            throw new IllegalStateException(pattern, e);
        }
    }

    private static Object attribute(ObjectName name, String attribute) {
        try {
            return SERVER.getAttribute(name, attribute);
        } catch (JMException e) {
            // The MBean went away between query and read (its context is stopping): as if it were not there.
            return null;
        }
    }
}
