package org.workflowring.sample.order;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.workflowring.api.OutgoingMessage;
import org.workflowring.api.Transition;
import org.workflowring.api.Workflow;
import org.workflowring.api.WorkflowEvent;

/**
 * The sample order workflow, type {@code order}: an order is created, paid, then shipped, and each step tells a
 * backend.
 *
 * <p>Events are UTF-8 text {@code <command> [argument]}: {@code created <amount>} (sends an invoice request to
 * billing), {@code paid} (sends a pick request to the warehouse), {@code shipped <tracking>} (notifies the
 * customer and finishes the order). {@code cancelled} is accepted before shipping. The state is the order's
 * {@link OrderStatus} name followed by the amount.
 *
 * <p><b>IMPORTANT</b>: an event that does not fit the order's status (paying an order twice, shipping an unpaid
 * one) throws; the engine retries it and then dead-letters it, so such events are visible to operators.
 */
public final class OrderWorkflow implements Workflow {

    /** The workflow type. */
    public static final String TYPE = "order";

    private final OrderBackends backends;

    /** The workflow with the default backend endpoints. */
    public OrderWorkflow() {
        this(OrderBackends.defaults());
    }

    /** The workflow sending to {@code backends}. */
    public OrderWorkflow(OrderBackends backends) {
        this.backends = Objects.requireNonNull(backends, "backends must not be null");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Transition apply(byte[] state, WorkflowEvent event) {
        OrderState current = OrderState.decode(state);
        OrderCommand command = OrderCommand.parse(event.payloadAsText());
        String order = event.instanceId();
        return switch (command.name()) {
            case "created" -> {
                current.require(OrderStatus.NEW, command);
                String amount = command.requireArgument("amount");
                yield to(new OrderState(OrderStatus.CREATED, amount))
                        .send(OutgoingMessage.of(backends.billing(), "invoice " + order + " " + amount)
                                .withHeader("OrderId", order));
            }
            case "paid" -> {
                current.require(OrderStatus.CREATED, command);
                yield to(new OrderState(OrderStatus.PAID, current.amount()))
                        .send(OutgoingMessage.of(backends.warehouse(), "pick " + order).withHeader("OrderId", order));
            }
            case "shipped" -> {
                current.require(OrderStatus.PAID, command);
                String tracking = command.requireArgument("tracking number");
                yield to(new OrderState(OrderStatus.SHIPPED, current.amount()))
                        .send(OutgoingMessage.of(backends.customer(), "shipped " + order + " " + tracking)
                                .withHeader("OrderId", order))
                        .finish();
            }
            case "cancelled" -> {
                current.requireNotShipped(command);
                yield to(new OrderState(OrderStatus.CANCELLED, current.amount()))
                        .send(OutgoingMessage.of(backends.customer(), "cancelled " + order)
                                .withHeader("OrderId", order))
                        .finish();
            }
            default -> throw new IllegalArgumentException("order " + order + ": unknown command '"
                    + command.name() + "' (expected created, paid, shipped or cancelled)");
        };
    }

    private static Transition to(OrderState next) {
        return Transition.to(next.encode().getBytes(StandardCharsets.UTF_8));
    }
}
