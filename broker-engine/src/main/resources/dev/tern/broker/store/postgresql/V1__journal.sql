-- Tern's journal on PostgreSQL, schema version 1. PostgresSchema runs it once, in one transaction, and
-- records it in tern_schema_version. Names match the H2 journal's maps (see JournalMaps).

CREATE TABLE tern_queues (
    name   text PRIMARY KEY,
    record bytea NOT NULL            -- QueueRecord, as JournalRecords encodes it
);

CREATE TABLE tern_messages (
    id   bigint PRIMARY KEY,
    body bytea NOT NULL              -- MessageRecord, as MessageCodec encodes it
);

-- A message's place on a queue. The primary key serves acknowledgments and the lookups of one message;
-- the second index serves start-up (every queue's IDs, in order), paging (a queue's IDs among a list)
-- and the removal of a queue.
CREATE TABLE tern_refs (
    message_id     bigint NOT NULL,
    queue_name     text   NOT NULL,
    delivery_count int    NOT NULL DEFAULT 0,
    PRIMARY KEY (message_id, queue_name)
);
CREATE INDEX tern_refs_by_queue ON tern_refs (queue_name, message_id);

CREATE TABLE tern_duplicate_ids (
    address      text   NOT NULL,
    duplicate_id text   NOT NULL,
    sequence     bigint NOT NULL,
    added_at     bigint NOT NULL,
    PRIMARY KEY (address, duplicate_id)
);

CREATE TABLE tern_xa_branches (
    branch_key text PRIMARY KEY,     -- BranchId.toString()
    branch     bytea NOT NULL        -- PreparedBranch, as BranchCodec encodes it
);

-- The highest message ID ever stored, so that no ID is given twice after the messages are gone.
CREATE TABLE tern_message_ids (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    last_id  bigint NOT NULL
);
INSERT INTO tern_message_ids (last_id) VALUES (0);

-- Which broker is live. Takeover raises the epoch; every group of units checks it under a shared lock
-- on this row, so that a broker that lost the lease cannot commit after another took it (see PostgresLease).
CREATE TABLE tern_lease (
    only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    epoch      bigint NOT NULL,
    owner      text,
    expires_at timestamptz NOT NULL
);
INSERT INTO tern_lease (epoch, owner, expires_at) VALUES (0, NULL, '-infinity');

-- Applies a group of units in order, in the caller's transaction, after checking that the caller still
-- holds the lease at p_epoch. Op codes and the columns each uses are those of PostgresUnitWriter.
-- A unit ends with op 0, which deletes the messages whose last reference the unit removed.
CREATE FUNCTION tern_apply(p_epoch bigint, p_ops smallint[], p_ids bigint[], p_names text[], p_counts int[],
        p_bodies bytea[], p_texts text[], p_longs bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    i int;
    unreferenced bigint[] := '{}';
    dropped bigint[];
    highest bigint := 0;
BEGIN
    PERFORM 1 FROM tern_lease WHERE epoch = p_epoch FOR SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'this broker no longer holds the lease of epoch %', p_epoch USING ERRCODE = 'TN001';
    END IF;
    FOR i IN 1 .. coalesce(array_length(p_ops, 1), 0) LOOP
        CASE p_ops[i]
        WHEN 0 THEN      -- end of a unit
            IF cardinality(unreferenced) > 0 THEN
                DELETE FROM tern_messages m WHERE m.id = ANY (unreferenced)
                    AND NOT EXISTS (SELECT 1 FROM tern_refs r WHERE r.message_id = m.id);
                unreferenced := '{}';
            END IF;
        WHEN 1 THEN      -- AddQueue
            INSERT INTO tern_queues (name, record) VALUES (p_names[i], p_bodies[i])
                ON CONFLICT (name) DO UPDATE SET record = excluded.record;
        WHEN 2 THEN      -- RemoveQueue, and the messages only it held
            DELETE FROM tern_queues WHERE name = p_names[i];
            WITH gone AS (DELETE FROM tern_refs WHERE queue_name = p_names[i] RETURNING message_id)
            SELECT coalesce(array_agg(message_id), '{}') INTO dropped FROM gone;
            DELETE FROM tern_messages m WHERE m.id = ANY (dropped)
                AND NOT EXISTS (SELECT 1 FROM tern_refs r WHERE r.message_id = m.id);
        WHEN 3 THEN      -- AddMessage
            INSERT INTO tern_messages (id, body) VALUES (p_ids[i], p_bodies[i]);
            highest := greatest(highest, p_ids[i]);
        WHEN 4 THEN      -- AddReference
            INSERT INTO tern_refs (message_id, queue_name) VALUES (p_ids[i], p_names[i]);
        WHEN 5 THEN      -- RemoveReference
            DELETE FROM tern_refs WHERE message_id = p_ids[i] AND queue_name = p_names[i];
            unreferenced := unreferenced || p_ids[i];
        WHEN 6 THEN      -- DeleteMessage
            DELETE FROM tern_messages m WHERE m.id = p_ids[i]
                AND NOT EXISTS (SELECT 1 FROM tern_refs r WHERE r.message_id = m.id);
        WHEN 7 THEN      -- UpdateDeliveryCount
            UPDATE tern_refs SET delivery_count = p_counts[i] WHERE message_id = p_ids[i] AND queue_name = p_names[i];
        WHEN 8 THEN      -- AddDuplicateId: sequence in p_ids, added at in p_longs
            INSERT INTO tern_duplicate_ids (address, duplicate_id, sequence, added_at)
                VALUES (p_names[i], p_texts[i], p_ids[i], p_longs[i])
                ON CONFLICT (address, duplicate_id) DO UPDATE SET sequence = excluded.sequence,
                    added_at = excluded.added_at;
        WHEN 9 THEN      -- RemoveDuplicateId
            DELETE FROM tern_duplicate_ids WHERE address = p_names[i] AND duplicate_id = p_texts[i]
                AND sequence = p_ids[i];
        WHEN 10 THEN     -- PrepareBranch
            INSERT INTO tern_xa_branches (branch_key, branch) VALUES (p_names[i], p_bodies[i]);
        WHEN 11 THEN     -- RemoveBranch
            DELETE FROM tern_xa_branches WHERE branch_key = p_names[i];
        ELSE
            RAISE EXCEPTION 'unknown op % at %', p_ops[i], i;
        END CASE;
    END LOOP;
    IF highest > 0 THEN
        UPDATE tern_message_ids SET last_id = highest WHERE last_id < highest;
    END IF;
END
$$;
