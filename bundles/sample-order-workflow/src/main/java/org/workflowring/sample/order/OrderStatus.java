package org.workflowring.sample.order;

/** Where an order is in its life. */
public enum OrderStatus {
    /** No event yet. */
    NEW,
    /** Created, waiting for payment. */
    CREATED,
    /** Paid, waiting for shipping. */
    PAID,
    /** Shipped: finished. */
    SHIPPED,
    /** Cancelled before shipping: finished. */
    CANCELLED
}
