-- Version 1 of the workflow-ring store schema, Oracle 19c (tested on H2 in MODE=Oracle).
-- Identifiers are unquoted (upper case); Oracle treats an empty string as NULL, so optional text is nullable.

CREATE TABLE wf_instance (
    id          VARCHAR2(200 CHAR) NOT NULL,
    wf_type     VARCHAR2(200 CHAR) NOT NULL,
    ring_hash   NUMBER(19)   NOT NULL,
    status      VARCHAR2(16 CHAR)  NOT NULL,
    state       BLOB,
    fence       NUMBER(19)   NOT NULL,
    owner_node  VARCHAR2(200 CHAR),
    -- The last seq given to an event and to an outbox message of the instance: the row lock taken to bump them
    -- orders appends and commits of one instance, and reading them is a primary key lookup, not a MAX() scan.
    event_seq   NUMBER(19)   NOT NULL,
    outbox_seq  NUMBER(19)   NOT NULL,
    created_at  TIMESTAMP    NOT NULL,
    updated_at  TIMESTAMP    NOT NULL,
    CONSTRAINT pk_wf_instance PRIMARY KEY (id),
    CONSTRAINT ck_wf_instance_status CHECK (status IN ('ACTIVE', 'COMPLETED', 'FAILED', 'CANCELLED'))
);

-- No foreign keys to wf_instance: only the store writes these tables, and it writes an event or outbox row in the
-- same transaction that creates or (fenced) updates its instance row. H2 would add one more index per foreign key,
-- which every insert pays for.
CREATE TABLE wf_event (
    instance_id VARCHAR2(200 CHAR) NOT NULL,
    seq         NUMBER(19)   NOT NULL,
    event_key   VARCHAR2(200 CHAR) NOT NULL,
    ring_hash   NUMBER(19)   NOT NULL,
    payload     BLOB,
    status      VARCHAR2(16 CHAR)  NOT NULL,
    attempts    NUMBER(10)   NOT NULL,
    created_at  TIMESTAMP    NOT NULL,
    updated_at  TIMESTAMP    NOT NULL,
    CONSTRAINT pk_wf_event PRIMARY KEY (instance_id, seq),
    CONSTRAINT uq_wf_event_key UNIQUE (instance_id, event_key),
    CONSTRAINT ck_wf_event_status CHECK (status IN ('PENDING', 'PROCESSED', 'DEAD'))
);

-- Recovery: "instances with pending events in hash range [a, b)" is a range scan that never reads the table.
CREATE INDEX ix_wf_event_pending ON wf_event (status, ring_hash, instance_id);

CREATE TABLE wf_outbox (
    instance_id     VARCHAR2(200 CHAR)  NOT NULL,
    seq             NUMBER(19)    NOT NULL,
    ring_hash       NUMBER(19)    NOT NULL,
    target          VARCHAR2(1000 CHAR) NOT NULL,
    headers         VARCHAR2(4000 BYTE),
    payload         BLOB,
    idempotency_key VARCHAR2(240 CHAR)  NOT NULL,
    status          VARCHAR2(16 CHAR)   NOT NULL,
    created_at      TIMESTAMP     NOT NULL,
    sent_at         TIMESTAMP,
    CONSTRAINT pk_wf_outbox PRIMARY KEY (instance_id, seq),
    CONSTRAINT uq_wf_outbox_key UNIQUE (idempotency_key),
    CONSTRAINT ck_wf_outbox_status CHECK (status IN ('UNSENT', 'SENT'))
);

-- Relay: "unsent rows of an instance" and "unsent rows in hash range [a, b)" are both range scans.
CREATE INDEX ix_wf_outbox_unsent ON wf_outbox (status, instance_id, seq);
CREATE INDEX ix_wf_outbox_unsent_hash ON wf_outbox (status, ring_hash);
