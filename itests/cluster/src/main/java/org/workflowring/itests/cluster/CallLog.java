package org.workflowring.itests.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the nodes' call files into calls (an ENTER paired with the next EXIT of the same node, thread and instance)
 * and the order violations the workflow itself saw.
 *
 * <p>A line cut short by a SIGKILL in the middle of a write is skipped; an ENTER without EXIT (killed inside the
 * call) becomes a call with no end.
 */
public final class CallLog {

    private final List<WorkflowCall> calls = new ArrayList<>();
    private final List<String> orderViolations = new ArrayList<>();

    private CallLog() {
    }

    public static CallLog read(List<Path> files) {
        CallLog log = new CallLog();
        for (Path file : files) {
            if (Files.exists(file)) {
                try {
                    log.parse(Files.readAllLines(file));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read call file " + file, e);
                }
            }
        }
        return log;
    }

    public static CallLog parse(String... lines) {
        CallLog log = new CallLog();
        log.parse(List.of(lines));
        return log;
    }

    public List<WorkflowCall> calls() {
        return calls;
    }

    public List<String> orderViolations() {
        return orderViolations;
    }

    private void parse(List<String> lines) {
        Map<String, String[]> open = new HashMap<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f.length == 7 && f[0].equals("ORDER")) {
                orderViolations.add(line);
            } else if (f.length == 8 && (f[0].equals("ENTER") || f[0].equals("EXIT"))) {
                String key = f[1] + " " + f[7] + " " + f[2];
                if (f[0].equals("ENTER")) {
                    String[] unclosed = open.put(key, f);
                    if (unclosed != null) {
                        calls.add(call(unclosed, null));
                    }
                } else {
                    String[] enter = open.remove(key);
                    if (enter != null) {
                        calls.add(call(enter, f));
                    }
                }
            }
        }
        open.values().forEach(enter -> calls.add(call(enter, null)));
    }

    private static WorkflowCall call(String[] enter, String[] exit) {
        return new WorkflowCall(enter[1], enter[2], Long.parseLong(enter[3]), Long.parseLong(enter[4]), enter[5],
                exit == null ? -1 : Long.parseLong(exit[4]), exit == null ? "-" : exit[5],
                Long.parseLong(enter[6]), exit == null ? Long.MAX_VALUE : Long.parseLong(exit[6]), enter[7]);
    }
}
