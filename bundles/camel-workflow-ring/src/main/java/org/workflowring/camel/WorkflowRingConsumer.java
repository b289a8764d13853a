package org.workflowring.camel;

import java.util.Objects;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Consumes the delegate event endpoint and passes each event through the ring: owned events are stored and queued;
 * others are dropped (filter mode) or stored and their owner notified (forward mode, which also listens on the
 * component's advertised address for notifications from other nodes); then the exchange goes on into the route
 * with header {@link EventIntake#OUTCOME_HEADER}.
 *
 * <p>Threads: the delegate's consumer threads run the intake; a full mailbox blocks them (back-pressure).
 */
final class WorkflowRingConsumer extends DefaultConsumer {

    private final WorkflowRingEndpoint endpoint;
    private final Endpoint delegateEndpoint;
    private RingEngine engine;
    private Consumer delegate;
    private Consumer receiver;

    WorkflowRingConsumer(WorkflowRingEndpoint endpoint, Processor processor, Endpoint delegateEndpoint) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.delegateEndpoint = Objects.requireNonNull(delegateEndpoint, "delegateEndpoint must not be null");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        engine = endpoint.getComponent().acquire(endpoint);
        EventIntake intake = new EventIntake(endpoint, engine);
        Processor route = getProcessor();
        boolean forward = "forward".equals(endpoint.getMode());
        if (forward) {
            // Other nodes send notifications for our instances to our advertised address.
            receiver = getEndpoint().getCamelContext().getEndpoint(endpoint.getComponent().getAdvertisedAddress())
                    .createConsumer(new ForwardReceiver(engine, engine.forwarder()));
            ServiceHelper.startService(receiver);
        }
        EventIntake.NotOwned notOwned = forward ? EventIntake.NotOwned.STORE_AND_FORWARD : EventIntake.NotOwned.DROP;
        delegate = delegateEndpoint.createConsumer(exchange -> {
            EventIntake.Outcome outcome = intake.accept(exchange, notOwned);
            exchange.getMessage().setHeader(EventIntake.OUTCOME_HEADER, outcome.name());
            route.process(exchange);
        });
        ServiceHelper.startService(delegate);
        // Only now: other nodes forward to us as soon as they see us in the ring.
        engine.join();
    }

    @Override
    protected void doStop() throws Exception {
        // The delegate first: no new events while the engine winds down.
        ServiceHelper.stopAndShutdownService(delegate);
        ServiceHelper.stopAndShutdownService(receiver);
        if (engine != null) {
            endpoint.getComponent().release(endpoint, engine);
            engine = null;
        }
        super.doStop();
    }
}
