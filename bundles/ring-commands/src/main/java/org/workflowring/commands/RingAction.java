package org.workflowring.commands;

import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.workflowring.management.RingManagement;

/** What every {@code ring:*} command shares: the management service and the {@code --ring} option. */
abstract class RingAction implements Action {

    @Reference
    RingManagement management;

    @Option(name = "--ring", aliases = "-r", description = "The ring; may be left out when one ring runs on this node")
    @Completion(RingNameCompleter.class)
    String ring;

    @Override
    public final Object execute() throws Exception {
        return execute(ringName());
    }

    /** Runs the command for the chosen ring. */
    abstract Object execute(String ringName) throws Exception;

    /** The {@code --ring} value, or the only ring running here. */
    String ringName() {
        if (ring != null) {
            return ring;
        }
        List<String> rings = management.rings();
        if (rings.size() == 1) {
            return rings.get(0);
        }
        throw new IllegalArgumentException(rings.isEmpty()
                ? "No ring runs on node " + management.nodeId() + ": deploy a route that uses workflow-ring:"
                : "Several rings run on node " + management.nodeId() + ", choose one with --ring: " + rings);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
