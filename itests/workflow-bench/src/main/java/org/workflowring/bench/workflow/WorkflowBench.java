package org.workflowring.bench.workflow;

import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the runnable jar:
 * {@code java -jar workflow-bench.jar dispatch [events]} or
 * {@code java -jar workflow-bench.jar e2e [steadyEvents] [instances[,instances...]] [repeats] [baselineEvents]}.
 */
public final class WorkflowBench {

    private WorkflowBench() {
    }

    public static void main(String[] args) throws Exception {
        // Before the first logger is created: the in-process server and Camel are chatty.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.zookeeper", "off");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.curator", "error");
        String mode = args.length == 0 ? "dispatch" : args[0];
        switch (mode) {
            case "dispatch" -> DispatchThroughput.run(args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000);
            case "e2e" -> {
                int events = args.length > 1 ? Integer.parseInt(args[1]) : 40_000;
                List<Integer> instances = Arrays.stream((args.length > 2 ? args[2] : "200,1000").split(","))
                        .map(Integer::parseInt).toList();
                int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 2;
                int baselineEvents = args.length > 4 ? Integer.parseInt(args[4]) : 5_000;
                EndToEnd.run(events, baselineEvents, instances, repeats);
            }
            default -> {
                System.err.println("usage: java -jar workflow-bench.jar dispatch [events]"
                        + " | e2e [steadyEvents] [instances[,instances...]] [repeats] [baselineEvents]");
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
