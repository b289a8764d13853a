package org.workflowring.camel;

import java.util.Objects;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.workflowring.store.NewEvent;

/**
 * Takes one incoming event: finds its instance id, checks it, stores it (idempotent by event key) and queues its
 * instance for work when this node owns it; runs on the consumer's or producer's thread.
 *
 * <p><b>IMPORTANT</b>: storing is the one I/O here and happens before the caller acknowledges the message, so an
 * acknowledged event is in the database. In filter mode a node that is not READY cannot know whether it owns the
 * event, so it fails the exchange (the delegate endpoint's redelivery must bring it back) instead of dropping it;
 * so does a node whose own view does not yet show it in the ring (just started).
 */
final class EventIntake {

    /** What happened to an event; set as header {@code WorkflowRingOutcome}. */
    enum Outcome { STORED, FORWARDED, NOT_OWNED, DEAD_LETTERED }

    /** How events this node does not own are treated. */
    enum NotOwned {
        /** Filter consumer: acknowledged and dropped (the owner consumes the same event). */
        DROP,
        /** Forward consumer and producer: stored, then the owner is notified at its advertised address. */
        STORE_AND_FORWARD
    }

    /** The header carrying the {@link Outcome}. */
    static final String OUTCOME_HEADER = "WorkflowRingOutcome";

    private final WorkflowRingEndpoint endpoint;
    private final RingEngine engine;
    private final Expression instanceId;
    private final Expression eventKey;

    EventIntake(WorkflowRingEndpoint endpoint, RingEngine engine) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint must not be null");
        this.engine = Objects.requireNonNull(engine, "engine must not be null");
        this.instanceId = endpoint.instanceIdExpression();
        this.eventKey = endpoint.eventKeyExpression();
    }

    /** Takes the exchange's message as an event; {@code notOwned} says what happens when another node owns it. */
    Outcome accept(Exchange exchange, NotOwned notOwned) throws InterruptedException {
        boolean storeNotOwned = notOwned == NotOwned.STORE_AND_FORWARD;
        Message in = exchange.getMessage();
        String id = instanceId.evaluate(exchange, String.class);
        if (id == null || id.isBlank()) {
            // As bytes, not the delegate's body: a stream (netty-http's request buffer) is released when this exchange
            // ends, before a dead-letter route behind vm: or seda: reads it, and this event is stored nowhere else.
            engine.deadLetters().send(DeadLetterReason.MISSING_INSTANCE_ID, "instance id expression "
                    + endpoint.getInstanceId() + " gave nothing", null, null, in.getBody(byte[].class), in.getHeaders());
            return Outcome.DEAD_LETTERED;
        }
        boolean ready = engine.node().readiness().isReady();
        if (!storeNotOwned && !ready) {
            throw new IllegalStateException("workflow-ring node " + engine.node().nodeId()
                    + " is not ready (ZooKeeper connection suspended or lost); not acknowledging the event of '" + id + "'");
        }
        boolean owned = ready && engine.node().owns(id);
        if (!owned && !storeNotOwned) {
            if (!engine.node().seesOwnMembership()) {
                // Its view may be older than its own join: it could be the owner, and dropping would lose the event.
                throw new IllegalStateException("workflow-ring node " + engine.node().nodeId()
                        + " has not yet seen itself join the ring; not acknowledging the event of '" + id + "'");
            }
            return Outcome.NOT_OWNED; // filter mode: the owner consumes the same event
        }
        byte[] body = in.getBody(byte[].class);
        if (body != null && body.length > endpoint.getMaxPayloadBytes()) {
            engine.deadLetters().send(DeadLetterReason.PAYLOAD_TOO_LARGE, body.length + " bytes, more than maxPayloadBytes "
                    + endpoint.getMaxPayloadBytes(), id, null, body, in.getHeaders());
            return Outcome.DEAD_LETTERED;
        }
        String type = in.getHeader(WorkflowRingHeaders.WORKFLOW_TYPE, endpoint.getWorkflowType(), String.class);
        String key = eventKey.evaluate(exchange, String.class);
        if (key == null || key.isBlank()) {
            key = in.getMessageId();
        }
        engine.store().appendEvent(new NewEvent(id, type, key, body));
        if (owned) {
            engine.notify(id); // blocks while the instance's mailbox is full
            return Outcome.STORED;
        }
        // Stored: a failed or impossible forward (not ready, no address) only delays it until the owner's sweep.
        return ready && engine.forwarder().forward(id, 0) ? Outcome.FORWARDED : Outcome.STORED;
    }
}
