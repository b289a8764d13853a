package org.workflowring.camel;

import java.util.Map;
import java.util.Objects;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends bad input to the dead-letter endpoint with the reason in a header, or logs it when none is configured.
 *
 * <p><b>IMPORTANT</b>: delivery is at least once: a node that dead-letters an event and then loses the instance
 * before recording it may see the next owner dead-letter it again.
 */
final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final ProducerTemplate producer;
    private final String deadLetterUri;

    /** Dead letters to {@code deadLetterUri} ({@code null}: log only) through {@code producer}. */
    DeadLetters(ProducerTemplate producer, String deadLetterUri) {
        this.producer = Objects.requireNonNull(producer, "producer must not be null");
        this.deadLetterUri = deadLetterUri;
    }

    /**
     * Sends one dead letter; failures are logged, never thrown (the event row, if any, is kept anyway).
     *
     * <p><b>IMPORTANT</b>: {@code body} must outlive the caller's exchange (bytes, text): the dead-letter endpoint may
     * read it later, and a stream of the delegate endpoint is gone by then.
     */
    void send(DeadLetterReason reason, String detail, String instanceId, Long seq, Object body,
              Map<String, Object> headers) {
        LOG.warn("Dead letter {} for workflow instance '{}'{}: {}", reason, instanceId,
                seq == null ? "" : " event " + seq, detail);
        if (deadLetterUri == null) {
            return;
        }
        try {
            Exchange result = producer.send(deadLetterUri, exchange -> {
                if (headers != null) {
                    exchange.getMessage().getHeaders().putAll(headers);
                }
                exchange.getMessage().setHeader(WorkflowRingHeaders.DEAD_LETTER_REASON, reason.name());
                exchange.getMessage().setHeader(WorkflowRingHeaders.DEAD_LETTER_DETAIL, detail);
                if (instanceId != null) {
                    exchange.getMessage().setHeader(WorkflowRingHeaders.INSTANCE_ID, instanceId);
                }
                if (seq != null) {
                    exchange.getMessage().setHeader(WorkflowRingHeaders.EVENT_SEQ, seq);
                }
                exchange.getMessage().setBody(body);
            });
            if (result.getException() != null) {
                LOG.error("Dead-letter endpoint {} refused {}: {}", deadLetterUri, reason, result.getException().toString());
            }
        } catch (RuntimeException e) {
            LOG.error("Dead-letter endpoint {} failed for {}", deadLetterUri, reason, e);
        }
    }
}
