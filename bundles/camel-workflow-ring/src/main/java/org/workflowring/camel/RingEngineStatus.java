package org.workflowring.camel;

/**
 * What one node's engine for one ring is doing, for operators ({@code ring:status}).
 *
 * @param ringName         the ring
 * @param camelContext     name of the CamelContext the engine runs in (its home: threads, outbox targets)
 * @param users            consumers and producers using the engine now
 * @param activeInstances  instances with queued or running work
 * @param mailboxDepth     notifications queued and not started, over all instances
 * @param fencedOut        instances given up since start because another grant's token was stored
 * @param parkedInstances  instances waiting for a workflow type that is not registered
 */
public record RingEngineStatus(String ringName, String camelContext, int users, int activeInstances,
                               int mailboxDepth, long fencedOut, int parkedInstances) {
}
