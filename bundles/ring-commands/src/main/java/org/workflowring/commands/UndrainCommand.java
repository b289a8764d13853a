package org.workflowring.commands;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code ring:undrain}: this node, drained before, takes its share of the ring back (ACTIVE). */
@Command(scope = "ring", name = "undrain", description = "Puts a drained node back into the ring")
@Service
public class UndrainCommand extends RingAction {

    @Override
    Object execute(String ringName) {
        management.undrain(ringName);
        System.out.println("Node " + management.nodeId() + " is ACTIVE in ring " + ringName);
        return null;
    }
}
