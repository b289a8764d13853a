package org.workflowring.camel;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.workflowring.api.OutgoingMessage;
import org.workflowring.api.Transition;
import org.workflowring.api.Workflow;
import org.workflowring.api.WorkflowEvent;

/**
 * Type {@code counter}: event payloads are 1, 2, 3... per instance; the state is the last one seen; every event
 * sends one message to the backend. Records enter/exit and order violations, and can be held right after the
 * workflow call (before the commit) to play a node whose workers stop.
 */
final class RecordingWorkflow implements Workflow {

    private final String node;
    private final SafetyRecorder recorder;
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private volatile CountDownLatch held = new CountDownLatch(1);

    RecordingWorkflow(String node, SafetyRecorder recorder) {
        this.node = node;
        this.recorder = recorder;
    }

    @Override
    public String type() {
        return "counter";
    }

    @Override
    public Transition apply(byte[] state, WorkflowEvent event) throws InterruptedException {
        String id = event.instanceId();
        recorder.enter(node, id);
        long last = state.length == 0 ? 0 : Long.parseLong(new String(state, StandardCharsets.UTF_8));
        long n = Long.parseLong(event.payloadAsText());
        if (n != last + 1) {
            recorder.violations.add(id + ": event " + n + " after " + last + " on " + node);
        }
        recorder.exit(node, id);
        // Outside the workflow call, before the commit: where a stopped worker is most dangerous.
        if (hold.getCount() > 0) {
            held.countDown();
            hold.await();
        }
        return Transition.to(Long.toString(n)).send(new OutgoingMessage("direct:backend",
                Map.of("n", Long.toString(n)), (id + ":" + n).getBytes(StandardCharsets.UTF_8)));
    }

    /** Holds every worker that finishes a workflow call until {@link #release()}; returns a latch that opens when one is held. */
    CountDownLatch holdWorkers() {
        held = new CountDownLatch(1);
        hold = new CountDownLatch(1);
        return held;
    }

    void release() {
        hold.countDown();
    }
}
