package org.workflowring.sample.order;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The stored state of one order: its status and amount, encoded as {@code STATUS amount} text.
 *
 * @param status the order's status
 * @param amount the order's amount as given by the {@code created} event, empty before it
 */
record OrderState(OrderStatus status, String amount) {

    OrderState {
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(amount, "amount must not be null");
    }

    /** The state stored by a previous transition; {@link OrderStatus#NEW} when none. */
    static OrderState decode(byte[] stored) {
        String text = stored == null ? "" : new String(stored, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return new OrderState(OrderStatus.NEW, "");
        }
        int space = text.indexOf(' ');
        return space < 0
                ? new OrderState(OrderStatus.valueOf(text), "")
                : new OrderState(OrderStatus.valueOf(text.substring(0, space)), text.substring(space + 1));
    }

    /** The text stored in the database. */
    String encode() {
        return amount.isEmpty() ? status.name() : status.name() + " " + amount;
    }

    void require(OrderStatus expected, OrderCommand command) {
        if (status != expected) {
            throw new IllegalStateException("'" + command.name() + "' needs an order in status " + expected
                    + ", but it is " + status);
        }
    }

    void requireNotShipped(OrderCommand command) {
        if (status == OrderStatus.NEW || status == OrderStatus.SHIPPED || status == OrderStatus.CANCELLED) {
            throw new IllegalStateException("'" + command.name() + "' needs a created or paid order, but it is "
                    + status);
        }
    }
}
