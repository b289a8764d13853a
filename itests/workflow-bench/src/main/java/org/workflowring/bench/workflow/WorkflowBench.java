package org.workflowring.bench.workflow;

/**
 * Entry point of the runnable jar: {@code java -jar workflow-bench.jar dispatch [events]} or
 * {@code java -jar workflow-bench.jar e2e [events] [instances]}.
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
            case "e2e" -> EndToEnd.run(args.length > 1 ? Integer.parseInt(args[1]) : 20_000,
                    args.length > 2 ? Integer.parseInt(args[2]) : 200);
            default -> {
                System.err.println("usage: java -jar workflow-bench.jar dispatch [events] | e2e [events] [instances]");
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
