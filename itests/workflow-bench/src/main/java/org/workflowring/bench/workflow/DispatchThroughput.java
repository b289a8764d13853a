package org.workflowring.bench.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.workflowring.api.Transition;
import org.workflowring.api.Workflow;
import org.workflowring.api.WorkflowEvent;
import org.workflowring.camel.Dispatcher;
import org.workflowring.ring.Member;
import org.workflowring.ring.Ring;

/**
 * In-memory dispatch on one node: ownership check on a 10-member ring, per-instance mailbox, a no-op workflow call;
 * one feeding thread (the consumer), 4 workers, 10,000 instances.
 */
final class DispatchThroughput {

    private DispatchThroughput() {
    }

    static void run(int events) throws Exception {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            members.add(new Member("n" + i, 1));
        }
        Ring ring = Ring.of(members);
        int instances = 10_000;
        String[] ids = new String[instances];
        for (int i = 0; i < instances; i++) {
            ids[i] = "wf-" + i;
        }
        Workflow noop = new Workflow() {
            @Override
            public String type() {
                return "noop";
            }

            @Override
            public Transition apply(byte[] state, WorkflowEvent event) {
                return Transition.to(state);
            }
        };
        byte[] empty = new byte[0];
        for (int round = 1; round <= 3; round++) {
            ExecutorService workers = Executors.newFixedThreadPool(4);
            Dispatcher dispatcher = new Dispatcher(workers, 1_000);
            CountDownLatch done = new CountDownLatch(events);
            long owned = 0;
            long start = System.nanoTime();
            for (int e = 0; e < events; e++) {
                String id = ids[e % instances];
                // Every node sees every event (filter mode); the check is what each node pays.
                if (ring.ownerOf(id).id().equals("n0")) {
                    owned++;
                }
                long seq = e / instances + 1;
                dispatcher.submit(id, () -> {
                    try {
                        noop.apply(empty, new WorkflowEvent(id, "k", seq, empty));
                    } catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                    done.countDown();
                });
            }
            if (!done.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("dispatch did not finish");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("dispatch round %d: %,d events (%,d owned by n0) in %.2f s = %,.0f events/s%n",
                    round, events, owned, seconds, events / seconds);
            dispatcher.close();
            workers.shutdown();
        }
    }
}
