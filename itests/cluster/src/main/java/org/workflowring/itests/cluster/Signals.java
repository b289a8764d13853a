package org.workflowring.itests.cluster;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** POSIX signals the JDK has no API for: SIGSTOP and SIGCONT, through {@code kill}. */
public final class Signals {

    private Signals() {
    }

    /** Freezes the process as a long GC pause would: its sockets stay open, nothing runs. */
    public static void stop(long pid) {
        send("-STOP", pid);
    }

    public static void resume(long pid) {
        send("-CONT", pid);
    }

    private static void send(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill " + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
