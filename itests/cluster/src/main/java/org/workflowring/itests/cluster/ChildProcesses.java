package org.workflowring.itests.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every process the harness started and has not yet seen end, killed with its descendants by a JVM shutdown hook.
 *
 * <p>The hook is the last resort: each harness object kills what it started in {@code close()}, which tests call
 * in {@code finally}/{@code @AfterEach}. The hook covers a test JVM ended by Ctrl-C or a Failsafe timeout.
 */
public final class ChildProcesses {

    private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::killAll, "cluster-harness-reaper"));
    }

    private ChildProcesses() {
    }

    static void track(Process process) {
        LIVE.add(process.toHandle());
    }

    static void untrack(Process process) {
        LIVE.remove(process.toHandle());
    }

    /** SIGKILL to the process and every descendant (Karaf's launcher script starts its JVM as a child). */
    static void killTree(ProcessHandle root) {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
    }

    private static void killAll() {
        for (ProcessHandle handle : LIVE) {
            killTree(handle);
        }
    }
}
