package org.workflowring.bench.workflow;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.workflowring.api.OutgoingMessage;
import org.workflowring.api.Transition;
import org.workflowring.api.Workflow;
import org.workflowring.api.WorkflowEvent;

/** Type {@code counter}: counts its instance's events and sends one message per event to {@code direct:backend}. */
final class CounterWorkflow implements Workflow {

    static final String TYPE = "counter";
    static final String BACKEND = "direct:backend";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Transition apply(byte[] state, WorkflowEvent event) {
        long n = state.length == 0 ? 0 : Long.parseLong(new String(state, StandardCharsets.UTF_8));
        return Transition.to(Long.toString(n + 1)).send(new OutgoingMessage(BACKEND, Map.of(), event.payload()));
    }
}
