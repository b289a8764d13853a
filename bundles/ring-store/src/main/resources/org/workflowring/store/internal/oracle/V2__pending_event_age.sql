-- Version 2 of the workflow-ring store schema, Oracle 19c (tested on H2 in MODE=Oracle).
-- The recovery sweep asks for instances whose pending events are older than a threshold. Adding created_at as the
-- last column of the pending-event index keeps that query an index range scan that never reads the table; the
-- index is replaced rather than joined by a second one, so appends still maintain one index.
-- Two statements: if the second fails, recreate the index by hand and set the version row's success to 1.

DROP INDEX ix_wf_event_pending;
CREATE INDEX ix_wf_event_pending ON wf_event (status, ring_hash, instance_id, created_at);
