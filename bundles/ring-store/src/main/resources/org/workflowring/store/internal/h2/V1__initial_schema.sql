-- Version 1 of the workflow-ring store schema, H2 2.x.
-- Identifiers are unquoted so they fold to upper case, as in Oracle.

CREATE TABLE wf_instance (
    id          VARCHAR(200) NOT NULL,
    wf_type     VARCHAR(200) NOT NULL,
    ring_hash   BIGINT       NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    state       BLOB,
    fence       BIGINT       NOT NULL,
    owner_node  VARCHAR(200),
    -- The last seq given to an event and to an outbox message of the instance: the row lock taken to bump them
    -- orders appends and commits of one instance, and reading them is a primary key lookup, not a MAX() scan.
    event_seq   BIGINT       NOT NULL,
    outbox_seq  BIGINT       NOT NULL,
    created_at  TIMESTAMP    NOT NULL,
    updated_at  TIMESTAMP    NOT NULL,
    CONSTRAINT pk_wf_instance PRIMARY KEY (id),
    CONSTRAINT ck_wf_instance_status CHECK (status IN ('ACTIVE', 'COMPLETED', 'FAILED', 'CANCELLED'))
);

-- No foreign keys to wf_instance: only the store writes these tables, and it writes an event or outbox row in the
-- same transaction that creates or (fenced) updates its instance row. H2 would add one more index per foreign key,
-- which every insert pays for.
CREATE TABLE wf_event (
    instance_id VARCHAR(200) NOT NULL,
    seq         BIGINT       NOT NULL,
    event_key   VARCHAR(200) NOT NULL,
    ring_hash   BIGINT       NOT NULL,
    payload     BLOB,
    status      VARCHAR(16)  NOT NULL,
    attempts    INT          NOT NULL,
    created_at  TIMESTAMP    NOT NULL,
    updated_at  TIMESTAMP    NOT NULL,
    CONSTRAINT pk_wf_event PRIMARY KEY (instance_id, seq),
    CONSTRAINT uq_wf_event_key UNIQUE (instance_id, event_key),
    CONSTRAINT ck_wf_event_status CHECK (status IN ('PENDING', 'PROCESSED', 'DEAD'))
);

-- Recovery: "instances with pending events in hash range [a, b)" is a range scan that never reads the table.
CREATE INDEX ix_wf_event_pending ON wf_event (status, ring_hash, instance_id);

CREATE TABLE wf_outbox (
    instance_id     VARCHAR(200)  NOT NULL,
    seq             BIGINT        NOT NULL,
    ring_hash       BIGINT        NOT NULL,
    target          VARCHAR(1000) NOT NULL,
    headers         VARCHAR(4000),
    payload         BLOB,
    idempotency_key VARCHAR(240)  NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    created_at      TIMESTAMP     NOT NULL,
    sent_at         TIMESTAMP,
    CONSTRAINT pk_wf_outbox PRIMARY KEY (instance_id, seq),
    CONSTRAINT uq_wf_outbox_key UNIQUE (idempotency_key),
    CONSTRAINT ck_wf_outbox_status CHECK (status IN ('UNSENT', 'SENT'))
);

-- Relay: "unsent rows of an instance" and "unsent rows in hash range [a, b)" are both range scans.
CREATE INDEX ix_wf_outbox_unsent ON wf_outbox (status, instance_id, seq);
CREATE INDEX ix_wf_outbox_unsent_hash ON wf_outbox (status, ring_hash);
