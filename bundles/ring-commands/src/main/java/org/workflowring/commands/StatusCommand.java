package org.workflowring.commands;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.workflowring.management.RingStatus;

/** {@code ring:status}: the ring and this node's engine for it, one property a row. */
@Command(scope = "ring", name = "status", description = "Shows the ring version, this node's share and its engine's counters")
@Service
public class StatusCommand extends RingAction {

    @Override
    Object execute(String ringName) {
        RingStatus s = management.status(ringName);
        ShellTable table = new ShellTable();
        table.column("Property");
        table.column("Value");
        table.addRow().addContent("Ring", s.ring());
        table.addRow().addContent("Node", s.nodeId());
        table.addRow().addContent("Member state", s.memberState());
        table.addRow().addContent("Connection", s.connection());
        table.addRow().addContent("Ring version", s.ringVersion());
        table.addRow().addContent("Members in ring", s.members());
        table.addRow().addContent("Owned share", percent(s.ownedShare()));
        table.addRow().addContent("Instances active", s.activeInstances());
        table.addRow().addContent("Locks held", s.locksHeld());
        table.addRow().addContent("Mailbox depth", s.mailboxDepth());
        table.addRow().addContent("Fenced out", s.fencedOut());
        table.addRow().addContent("Parked", s.parked());
        table.addRow().addContent("CamelContext", s.camelContext());
        table.print(System.out);
        return null;
    }
}
