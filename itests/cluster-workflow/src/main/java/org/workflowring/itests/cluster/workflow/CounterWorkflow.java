package org.workflowring.itests.cluster.workflow;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.workflowring.api.OutgoingMessage;
import org.workflowring.api.Transition;
import org.workflowring.api.Workflow;
import org.workflowring.api.WorkflowEvent;

/**
 * Type {@code counter}: the load generator sends payloads 1, 2, 3... per instance; the state is the last one seen;
 * every event sends one message (body {@code instance:n}, header {@code WorkflowCounter}) to the backend endpoint.
 * A payload that is not a number makes it throw (a bad event: retried, then dead-lettered). Every call is recorded
 * by the {@link CallRecorder}.
 */
public final class CounterWorkflow implements Workflow {

    private final CallRecorder recorder;
    private final String backendUri;

    public CounterWorkflow(CallRecorder recorder, String backendUri) {
        if (backendUri == null || backendUri.isBlank()) {
            throw new IllegalArgumentException("backendUri is required (the Camel endpoint the messages go to)");
        }
        this.recorder = recorder;
        this.backendUri = backendUri;
    }

    /** The workflow of a Karaf node: backend endpoint from system property {@code workflowring.cluster.backendUri}. */
    public static CounterWorkflow fromSystemProperties(CallRecorder recorder) {
        return new CounterWorkflow(recorder, System.getProperty("workflowring.cluster.backendUri", "direct:backend"));
    }

    @Override
    public String type() {
        return "counter";
    }

    @Override
    public Transition apply(byte[] state, WorkflowEvent event) {
        String id = event.instanceId();
        recorder.enter(id, event.seq());
        try {
            long last = state.length == 0 ? 0 : Long.parseLong(new String(state, StandardCharsets.UTF_8));
            long n = Long.parseLong(event.payloadAsText().trim());
            if (n != last + 1) {
                recorder.orderViolation(id, last + 1, n);
            }
            return Transition.to(Long.toString(n)).send(new OutgoingMessage(backendUri,
                    Map.of("WorkflowCounter", Long.toString(n)), (id + ":" + n).getBytes(StandardCharsets.UTF_8)));
        } finally {
            recorder.exit(id, event.seq());
        }
    }
}
