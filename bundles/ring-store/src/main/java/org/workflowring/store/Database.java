package org.workflowring.store;

/** The database product the store writes SQL for. */
public enum Database {
    /** H2 2.x in its native mode: the embedded default and the TCP server. */
    H2,
    /** Oracle Database 19c or later (tested on H2 in {@code MODE=Oracle}, see {@code docs/store.md}). */
    ORACLE;

    /**
     * The database named {@code text}, ignoring case ({@code h2}, {@code oracle}).
     *
     * @throws InvalidInputException if {@code text} names no supported database
     */
    public static Database parse(String text) {
        return Checks.status(Database.class, text == null ? null : text.trim().toUpperCase(java.util.Locale.ROOT),
                "database");
    }
}
