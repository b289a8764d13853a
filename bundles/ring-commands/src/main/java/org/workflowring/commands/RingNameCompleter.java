package org.workflowring.commands;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.workflowring.management.RingManagement;

/** Completes the names of the rings running on this node. */
@Service
public class RingNameCompleter implements Completer {

    @Reference
    RingManagement management;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(management.rings()).complete(session, commandLine, candidates);
    }
}
