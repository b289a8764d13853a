package org.workflowring.camel;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code to("workflow-ring:ring")}: stores the exchange's message as an event (idempotent by event key) and queues
 * its instance when this node owns it; otherwise it notifies the owner at its advertised address (or, without one,
 * leaves it to the owner's recovery sweep).
 *
 * <p>Sets header {@link EventIntake#OUTCOME_HEADER}. Runs on the caller's thread; blocks while the instance's
 * mailbox is full.
 */
final class WorkflowRingProducer extends DefaultProducer {

    private final WorkflowRingEndpoint endpoint;
    private volatile RingEngine engine;
    private volatile EventIntake intake;

    WorkflowRingProducer(WorkflowRingEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        engine = endpoint.getComponent().acquire(endpoint);
        intake = new EventIntake(endpoint, engine);
        engine.join();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        EventIntake current = intake;
        if (!engine.isRunAllowed()) {
            current = reacquire();
        }
        EventIntake.Outcome outcome = current.accept(exchange, EventIntake.NotOwned.STORE_AND_FORWARD);
        exchange.getMessage().setHeader(EventIntake.OUTCOME_HEADER, outcome.name());
    }

    /**
     * The engine was stopped under this producer (its home CamelContext stopped, or the node was reconfigured and
     * its engines replaced): take the ring's current engine, made anew if needed.
     */
    private synchronized EventIntake reacquire() throws Exception {
        if (!engine.isRunAllowed()) {
            RingEngine stale = engine;
            engine = endpoint.getComponent().acquire(endpoint);
            intake = new EventIntake(endpoint, engine);
            engine.join();
            endpoint.getComponent().release(endpoint, stale); // ignored: the stale engine is no longer registered
        }
        return intake;
    }

    @Override
    protected void doStop() throws Exception {
        if (engine != null) {
            endpoint.getComponent().release(endpoint, engine);
            engine = null;
        }
        super.doStop();
    }
}
