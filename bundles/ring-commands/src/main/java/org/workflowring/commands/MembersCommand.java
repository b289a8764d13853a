package org.workflowring.commands;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.workflowring.management.MemberView;

/** {@code ring:members}: every registered member with its state and share, as this node sees the ring. */
@Command(scope = "ring", name = "members", description = "Lists the members of a ring as this node sees them")
@Service
public class MembersCommand extends RingAction {

    @Override
    Object execute(String ringName) {
        ShellTable table = new ShellTable();
        table.column("Node");
        table.column("State");
        table.column("Weight").alignRight();
        table.column("Share").alignRight();
        table.column("Address");
        for (MemberView m : management.members(ringName)) {
            table.addRow().addContent(m.self() ? m.nodeId() + " (this node)" : m.nodeId(), m.state(), m.weight(),
                    percent(m.share()), m.address());
        }
        table.print(System.out);
        return null;
    }
}
