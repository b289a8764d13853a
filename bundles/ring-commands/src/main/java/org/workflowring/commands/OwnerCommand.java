package org.workflowring.commands;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code ring:owner <instanceId>}: the node that owns a workflow instance in this node's view of the ring. */
@Command(scope = "ring", name = "owner", description = "Shows which node owns a workflow instance")
@Service
public class OwnerCommand extends RingAction {

    @Argument(index = 0, name = "instanceId", description = "The workflow instance id", required = true)
    String instanceId;

    @Override
    Object execute(String ringName) {
        String owner = management.owner(ringName, instanceId);
        if (owner.isEmpty()) {
            System.out.println(instanceId + ": no owner, no member of ring " + ringName + " is active");
        } else {
            System.out.println(instanceId + " -> " + owner + (owner.equals(management.nodeId()) ? " (this node)" : ""));
        }
        return null;
    }
}
