package org.workflowring.bench.zk;

import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the runnable jar: {@code java -jar zk-bench.jar locks [seconds]} or
 * {@code java -jar zk-bench.jar failover [runs]}.
 */
public final class ZkBench {

    private ZkBench() {
    }

    public static void main(String[] args) throws Exception {
        // Before the first logger is created: the in-process servers are chatty.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.zookeeper", "off");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.curator", "error");
        List<String> rest = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of();
        String mode = args.length == 0 ? "locks" : args[0];
        switch (mode) {
            case "locks" -> LockThroughput.run(rest.isEmpty() ? 3 : Integer.parseInt(rest.get(0)));
            case "failover" -> FailoverTimeline.run(rest.isEmpty() ? 3 : Integer.parseInt(rest.get(0)));
            default -> {
                System.err.println("usage: java -jar zk-bench.jar locks [secondsPerCase] | failover [runs]");
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
