package org.workflowring.commands;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code ring:drain}: this node leaves the ring gracefully (DRAINING) and hands its instances over. */
@Command(scope = "ring", name = "drain", description = "Takes this node out of the ring: its instances move to the others")
@Service
public class DrainCommand extends RingAction {

    @Override
    Object execute(String ringName) {
        management.drain(ringName);
        System.out.println("Node " + management.nodeId() + " is DRAINING from ring " + ringName
                + "; ring:undrain brings it back");
        return null;
    }
}
