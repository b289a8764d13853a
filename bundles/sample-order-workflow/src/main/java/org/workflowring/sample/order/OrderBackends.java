package org.workflowring.sample.order;

import java.util.Objects;

/**
 * The Camel endpoint URIs the order workflow sends to.
 *
 * @param billing   receives invoice requests when an order is created
 * @param warehouse receives pick requests when an order is paid
 * @param customer  receives shipping and cancellation notices
 */
public record OrderBackends(String billing, String warehouse, String customer) {

    /** Rejects blank URIs. */
    public OrderBackends {
        requireUri(billing, "billing");
        requireUri(warehouse, "warehouse");
        requireUri(customer, "customer");
    }

    /** The defaults, for routes to bridge to real backends: {@code direct:billing}, {@code direct:warehouse}, {@code direct:customer}. */
    public static OrderBackends defaults() {
        return new OrderBackends("direct:billing", "direct:warehouse", "direct:customer");
    }

    private static void requireUri(String uri, String name) {
        Objects.requireNonNull(uri, name + " endpoint must not be null");
        if (uri.isBlank()) {
            throw new IllegalArgumentException(name + " endpoint must not be blank");
        }
    }
}
