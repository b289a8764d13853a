package org.workflowring.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the started routes of the CamelContexts that use workflow-ring and starts them again later: how a changed
 * node configuration reaches the engines (a route's workflow-ring endpoints release their engine when it stops and
 * make a new one, on the new client and store, when it starts).
 *
 * <p>Not thread-safe: used under the {@link NodeRuntime}'s lock.
 */
final class RouteRestarter {

    private static final Logger LOG = LoggerFactory.getLogger(RouteRestarter.class);

    /** Routes stopped here and not started again yet, per context, in start order. */
    private final Map<CamelContext, List<String>> stopped = new LinkedHashMap<>();

    /** Stops every started route of the started {@code contexts}, last route first. */
    void stopRoutesOf(Collection<CamelContext> contexts) {
        for (CamelContext context : contexts) {
            if (!context.isStarted()) {
                continue;
            }
            List<String> ids = new ArrayList<>();
            for (Route route : context.getRoutes()) {
                if (context.getRouteController().getRouteStatus(route.getId()).isStarted()) {
                    ids.add(route.getId());
                }
            }
            for (int i = ids.size() - 1; i >= 0; i--) {
                try {
                    context.getRouteController().stopRoute(ids.get(i));
                } catch (Exception e) {
                    LOG.warn("Could not stop route {} of CamelContext {}: {}", ids.get(i), context.getName(), e.toString());
                }
            }
            if (!ids.isEmpty()) {
                LOG.info("Stopped routes {} of CamelContext {} for a workflow-ring node reconfiguration", ids, context.getName());
                stopped.computeIfAbsent(context, c -> new ArrayList<>()).addAll(ids);
            }
        }
    }

    /** Starts the routes stopped before, first route first; a context that stopped meanwhile is skipped. */
    void startStopped() {
        stopped.forEach((context, ids) -> {
            if (!context.isStarted()) {
                return;
            }
            for (String id : ids) {
                try {
                    context.getRouteController().startRoute(id);
                } catch (Exception e) {
                    LOG.error("Could not start route {} of CamelContext {} again: {}", id, context.getName(), e.toString());
                }
            }
            LOG.info("Started routes {} of CamelContext {} again", ids, context.getName());
        });
        stopped.clear();
    }
}
