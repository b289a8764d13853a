package org.workflowring.store.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.workflowring.bench.support.BoundedPool;

import org.workflowring.store.Database;
import org.workflowring.store.InstanceStatus;
import org.workflowring.store.JdbcWorkflowStore;
import org.workflowring.store.NewEvent;
import org.workflowring.store.OutboxMessage;
import org.workflowring.store.StoreConfig;
import org.workflowring.store.Transition;

/**
 * Measures the CPU time one thread spends per fenced transition cycle (append + commit), with and without the fence
 * condition, in alternating blocks on two in-memory databases.
 *
 * <p>Why: on a shared 2-core machine wall-clock throughput moves with everybody else's load; the CPU time of the
 * measuring thread barely does, and alternating blocks spread any drift over both variants equally.
 * Run: {@code java -cp target/benchmarks.jar org.workflowring.store.bench.CpuCostProbe [blocks] [opsPerBlock]}; the system property {@code probe.h2.options} is appended to the H2 URL
 * (for example {@code ;QUERY_CACHE_SIZE=32}).
 */
public final class CpuCostProbe {

    private static final byte[] PAYLOAD = "{\"order\":42,\"amount\":\"17.50\",\"currency\":\"EUR\"}".getBytes(UTF_8);

    private final JdbcWorkflowStore store;
    private final String instanceId = "probe-" + UUID.randomUUID();
    private long next = 1;

    private CpuCostProbe(boolean fenced) {
        DataSource pool = new BoundedPool("jdbc:h2:mem:probe-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
                + System.getProperty("probe.h2.options", ""), 1);
        store = new JdbcWorkflowStore(UnfencedDataSource.wrap(pool, fenced), StoreConfig.of(Database.H2));
        store.start();
        store.appendEvent(new NewEvent(instanceId, "bench", "e1", PAYLOAD));
        store.claim(instanceId, 1, "node-a");
    }

    private void cycle() {
        long seq = next++;
        if (seq > 1) {
            store.appendEvent(new NewEvent(instanceId, "bench", "e" + seq, PAYLOAD));
        }
        store.commit(new Transition(instanceId, 1, InstanceStatus.ACTIVE, PAYLOAD, List.of(seq),
                List.of(new OutboxMessage("jms:queue:shipping", Map.of("JMSType", "paid"), PAYLOAD))));
    }

    /** Runs {@code ops} cycles; returns {CPU ns, wall ns}. */
    private long[] block(ThreadMXBean threads, int ops) {
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            cycle();
        }
        return new long[] {threads.getCurrentThreadCpuTime() - cpu, System.nanoTime() - wall};
    }

    /** Entry point: prints CPU microseconds per cycle and wall-clock cycles per second for both variants. */
    public static void main(String[] args) {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CpuCostProbe fenced = new CpuCostProbe(true);
        CpuCostProbe unfenced = new CpuCostProbe(false);
        long[][] totals = new long[2][2];
        for (int b = 0; b < blocks; b++) {
            // The first quarter of the blocks warms up the JIT and is not counted.
            boolean counted = b >= blocks / 4;
            for (int variant = 0; variant < 2; variant++) {
                long[] result = (variant == 0 ? fenced : unfenced).block(threads, ops);
                if (counted) {
                    totals[variant][0] += result[0];
                    totals[variant][1] += result[1];
                }
            }
        }
        int countedOps = (blocks - blocks / 4) * ops;
        for (int variant = 0; variant < 2; variant++) {
            System.out.printf("%-9s cpu %6.1f us/cycle  wall %8.0f cycles/s  (%d cycles, 1 thread)%n",
                    variant == 0 ? "fenced" : "unfenced", totals[variant][0] / 1e3 / countedOps,
                    countedOps / (totals[variant][1] / 1e9), countedOps);
        }
    }
}
