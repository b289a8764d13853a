package org.workflowring.itests.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The README demo: {@code java -jar itests/cluster/target/workflow-ring-cluster.jar demo [nodes] [instances] [events]}
 * from the project root. Starts a ZooKeeper ensemble, an H2 server, a recording backend and 3 Karaf nodes of the
 * distribution on loopback (under {@code target/cluster-demo}), feeds the test workflow, prints who runs how many
 * instances and the progress every two seconds, and at the end checks that every event was processed once.
 * Exit code 0 when the promise held.
 *
 * <p>{@code bench} runs {@link ClusterBench}; {@code plot} draws the throughput of fault scenario runs
 * ({@link ThroughputPlot}).
 */
public final class ClusterMain {

    private ClusterMain() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "demo" -> demo(args);
            case "bench" -> ClusterBench.main(args);
            case "plot" -> ThroughputPlot.main(args);
            default -> {
                System.err.println("usage: java -jar workflow-ring-cluster.jar demo [nodes=3] [instances=1000] [eventsPerInstance=5]");
                System.err.println("       java -jar workflow-ring-cluster.jar bench [instances=400] [eventsPerInstance=5] [rounds=2] [senders=12]");
                System.err.println("       java -jar workflow-ring-cluster.jar plot OUT.svg SCENARIO_DIR...");
                System.exit(2);
            }
        }
    }

    private static void demo(String[] args) throws Exception {
        int nodes = arg(args, 1, 3);
        int instances = arg(args, 2, 1000);
        int events = arg(args, 3, 5);
        Path dir = Assembly.projectRoot().resolve("target/cluster-demo/run-" + System.currentTimeMillis());
        ClusterSettings defaults = ClusterSettings.defaults(dir);
        ClusterSettings settings = new ClusterSettings(dir, nodes, defaults.zooKeeperTick(), defaults.sessionTimeout());
        System.out.printf("workflow-ring demo: %d Karaf nodes, a 3-server ZooKeeper ensemble, one H2 server, all on"
                + " loopback, in %s%n", nodes, dir);
        Cluster cluster = new Cluster(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "demo-cleanup"));
        long started = System.nanoTime();
        cluster.start();
        System.out.printf("started in %.0f s; ring members in ZooKeeper: %s%n", (System.nanoTime() - started) / 1e9,
                RingMembers.members(cluster.zooKeeper().connectString(), ClusterNodeSetup.RING));
        try (LoadGenerator load = new LoadGenerator("demo", instances, events, 0, 4, cluster::liveEventUrls).start()) {
            long loadStart = System.nanoTime();
            while (!done(cluster, load)) {
                Thread.sleep(2000);
                progress(cluster, load, loadStart);
            }
            progress(cluster, load, loadStart);
            InvariantReport report = cluster.check(load);
            System.out.println(report.summary());
            List<String> problems = report.violationsWithoutFault(); // the demo injects no fault
            problems.stream().limit(20).forEach(v -> System.out.println("  " + v));
            cluster.close();
            System.exit(problems.isEmpty() ? 0 : 1);
        }
    }

    private static boolean done(Cluster cluster, LoadGenerator load) {
        try {
            return load.acknowledged() >= load.total() && StoreCheck.backlog(cluster.jdbcUrl()) == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static void progress(Cluster cluster, LoadGenerator load, long loadStart) {
        List<WorkflowCall> calls = CallLog.read(cluster.nodes().stream().map(KarafNode::callFile).toList()).calls();
        Map<String, String> lastRunBy = new HashMap<>();
        calls.stream().sorted((a, b) -> Long.compare(a.startMicros(), b.startMicros()))
                .forEach(c -> lastRunBy.put(c.instance(), c.node()));
        Map<String, Integer> owned = new TreeMap<>();
        lastRunBy.values().forEach(n -> owned.merge(n, 1, Integer::sum));
        double seconds = (System.nanoTime() - loadStart) / 1e9;
        System.out.printf("%5.0f s  events stored %d/%d  workflow runs %d  backend messages %d  instances last run by %s%n",
                seconds, load.acknowledged(), load.total(), calls.size(), cluster.backend().records().size(), owned);
    }

    private static int arg(String[] args, int i, int otherwise) {
        return args.length > i ? Integer.parseInt(args[i]) : otherwise;
    }
}
