package org.workflowring.store.internal;

/**
 * SQL for Oracle Database 19c and later.
 *
 * <p><b>IMPORTANT</b>: tested on H2 in {@code MODE=Oracle} only; it sticks to what 19c has (no {@code IF NOT EXISTS},
 * no {@code BOOLEAN} columns, {@code FETCH FIRST} from 12c) - see {@code docs/store.md} for what was not verified.
 */
public final class OracleDialect extends SqlDialect {

    @Override
    public String scriptFolder() {
        return "oracle";
    }

    @Override
    public String createVersionTable() {
        return "CREATE TABLE wf_schema_version (version NUMBER(10) NOT NULL, description VARCHAR2(200 CHAR) NOT NULL,"
                + " applied_at TIMESTAMP NOT NULL, success NUMBER(1) NOT NULL,"
                + " CONSTRAINT pk_wf_schema_version PRIMARY KEY (version))";
    }
}
