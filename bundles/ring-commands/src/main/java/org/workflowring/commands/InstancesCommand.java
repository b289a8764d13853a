package org.workflowring.commands;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.workflowring.management.InstanceView;

/** {@code ring:instances}: the instances whose lock this node holds, with their fencing tokens. */
@Command(scope = "ring", name = "instances", description = "Lists the workflow instances this node holds a lock for")
@Service
public class InstancesCommand extends RingAction {

    @Override
    Object execute(String ringName) {
        ShellTable table = new ShellTable();
        table.column("Instance");
        table.column("Fencing token").alignRight();
        table.column("Owned here");
        for (InstanceView i : management.instances(ringName)) {
            table.addRow().addContent(i.instanceId(), i.fencingToken(), i.ownedHere() ? "yes" : "no (handing over)");
        }
        table.print(System.out);
        return null;
    }
}
