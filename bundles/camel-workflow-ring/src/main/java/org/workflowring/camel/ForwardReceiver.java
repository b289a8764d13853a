package org.workflowring.camel;

import java.util.Objects;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives forwarded notifications on this node's advertised address: runs the instance if this node owns it under
 * its own view, otherwise passes the notification on (or parks it after {@link Forwarder#MAX_HOPS}); never runs
 * an instance it does not own.
 */
final class ForwardReceiver implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ForwardReceiver.class);

    private final RingEngine engine;
    private final Forwarder forwarder;

    ForwardReceiver(RingEngine engine, Forwarder forwarder) {
        this.engine = Objects.requireNonNull(engine, "engine must not be null");
        this.forwarder = Objects.requireNonNull(forwarder, "forwarder must not be null");
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader(WorkflowRingHeaders.INSTANCE_ID, String.class);
        int hops = exchange.getMessage().getHeader(Forwarder.HOPS, 1, Integer.class);
        if (id == null || id.isBlank()) {
            LOG.warn("Forwarded notification without instance id ignored");
            return;
        }
        String outcome;
        if (engine.node().owns(id)) {
            engine.notify(id);
            outcome = EventIntake.Outcome.STORED.name();
        } else {
            LOG.debug("Forwarded '{}' (sender's ring {}) is not ours under our view: passing it on", id,
                    exchange.getMessage().getHeader(Forwarder.RING_VERSION));
            outcome = forwarder.forward(id, hops) ? "FORWARDED" : "PARKED";
        }
        exchange.getMessage().setBody(outcome);
    }
}
