package org.workflowring.store.internal;

/** SQL for H2 2.x in its native mode. */
public final class H2Dialect extends SqlDialect {

    @Override
    public String scriptFolder() {
        return "h2";
    }

    @Override
    public String createVersionTable() {
        return "CREATE TABLE wf_schema_version (version INT NOT NULL, description VARCHAR(200) NOT NULL,"
                + " applied_at TIMESTAMP NOT NULL, success INT NOT NULL,"
                + " CONSTRAINT pk_wf_schema_version PRIMARY KEY (version))";
    }
}
