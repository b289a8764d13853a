package org.workflowring.camel;

import org.apache.camel.ResolveEndpointFailedException;

/**
 * Checks a {@link WorkflowRingEndpoint}'s options when a route using it starts, failing with a message that names
 * the option, its value and what is allowed.
 */
final class EndpointOptions {

    private EndpointOptions() {
    }

    /** Checks everything a consumer needs. */
    static void validateConsumer(WorkflowRingEndpoint e) {
        validateCommon(e);
        if (e.getDelegateUri() == null || e.getDelegateUri().isBlank()) {
            throw invalid(e, "delegateUri", e.getDelegateUri(),
                    "a consumer needs the event endpoint to wrap: workflow-ring:" + e.getRingName() + ":<endpoint uri>");
        }
        if (!"filter".equals(e.getMode()) && !"forward".equals(e.getMode())) {
            throw invalid(e, "mode", e.getMode(), "must be 'filter' or 'forward'");
        }
        String address = e.getComponent().getAdvertisedAddress();
        if ("forward".equals(e.getMode())) {
            if (address == null || address.isBlank()) {
                throw invalid(e, "advertisedAddress", address,
                        "forward mode needs the component's advertisedAddress (the endpoint other nodes forward to)");
            }
            try {
                e.getCamelContext().getEndpoint(address);
            } catch (ResolveEndpointFailedException ex) {
                throw invalid(e, "advertisedAddress", address, "does not resolve: " + ex.getMessage());
            }
        }
    }

    /** Checks everything a producer needs. */
    static void validateProducer(WorkflowRingEndpoint e) {
        validateCommon(e);
        if (e.getDelegateUri() != null) {
            throw invalid(e, "delegateUri", e.getDelegateUri(),
                    "a producer takes no delegate endpoint: use workflow-ring:" + e.getRingName());
        }
    }

    private static void validateCommon(WorkflowRingEndpoint e) {
        String ring = e.getRingName();
        if (ring == null || ring.isBlank() || ring.contains("/")) {
            throw invalid(e, "ringName", ring, "must be a non-blank name without '/'");
        }
        if (e.getWorkflowType() == null || e.getWorkflowType().isBlank()) {
            throw invalid(e, "workflowType", e.getWorkflowType(), "is required (the type of new instances)");
        }
        atLeast(e, "workerThreads", e.getWorkerThreads(), 1);
        atLeast(e, "mailboxBound", e.getMailboxBound(), 1);
        atLeast(e, "lockIdleTimeout", e.getLockIdleTimeout(), 1);
        atLeast(e, "lockTimeout", e.getLockTimeout(), 1);
        atLeast(e, "recoverySweepPeriod", e.getRecoverySweepPeriod(), 1);
        atLeast(e, "maxAttempts", e.getMaxAttempts(), 1);
        atLeast(e, "maxPayloadBytes", e.getMaxPayloadBytes(), 1);
        atLeast(e, "relayRetryDelay", e.getRelayRetryDelay(), 1);
        expression(e, "instanceId", e.getInstanceId());
        expression(e, "eventKey", e.getEventKey());
        if (e.getDeadLetterUri() != null) {
            try {
                e.getCamelContext().getEndpoint(e.getDeadLetterUri());
            } catch (ResolveEndpointFailedException ex) {
                throw invalid(e, "deadLetterUri", e.getDeadLetterUri(), "does not resolve: " + ex.getMessage());
            }
        }
        WorkflowRingComponent c = e.getComponent();
        if (c.getStore() == null) {
            throw invalid(e, "store", null, "set the component's 'store' (a WorkflowStore)");
        }
        if (c.getWorkflowRegistry() == null) {
            throw invalid(e, "workflowRegistry", null, "set the component's 'workflowRegistry'");
        }
        if (c.getRingNode() == null && c.getZooKeeperClient() == null
                && (c.getZooKeeperUrl() == null || c.getZooKeeperUrl().isBlank())) {
            throw invalid(e, "zooKeeperUrl", c.getZooKeeperUrl(),
                    "set the component's 'zooKeeperUrl', 'zooKeeperClient' or 'ringNode'");
        }
    }

    private static void atLeast(WorkflowRingEndpoint e, String option, long value, long min) {
        if (value < min) {
            throw invalid(e, option, value, "must be at least " + min);
        }
    }

    private static void expression(WorkflowRingEndpoint e, String option, String text) {
        if (text == null || text.isBlank()) {
            throw invalid(e, option, text, "must be a simple-language expression");
        }
        try {
            e.getCamelContext().resolveLanguage("simple").createExpression(text);
        } catch (RuntimeException ex) {
            throw invalid(e, option, text, "is not a valid simple expression: " + ex.getMessage());
        }
    }

    private static IllegalArgumentException invalid(WorkflowRingEndpoint e, String option, Object value, String rule) {
        return new IllegalArgumentException("workflow-ring endpoint " + e.getEndpointUri() + ": option '" + option
                + "' = " + value + " " + rule);
    }
}
