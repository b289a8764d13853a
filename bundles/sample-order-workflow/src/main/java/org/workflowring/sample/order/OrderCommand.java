package org.workflowring.sample.order;

/**
 * One parsed order event: {@code <name> [argument]}.
 *
 * @param name     the command, lower case
 * @param argument the rest of the text, empty when none
 */
record OrderCommand(String name, String argument) {

    static OrderCommand parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty order event");
        }
        int space = t.indexOf(' ');
        return space < 0
                ? new OrderCommand(t.toLowerCase(java.util.Locale.ROOT), "")
                : new OrderCommand(t.substring(0, space).toLowerCase(java.util.Locale.ROOT), t.substring(space + 1).strip());
    }

    String requireArgument(String what) {
        if (argument.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' needs " + what);
        }
        return argument;
    }
}
