-- Users: the audit log of access to personal data (archive.audit_log) and secrets at rest
-- (user_data.secrets). docs/security.md, sections "Audit log" and "Secrets at rest", says what
-- they guarantee and what they do not.

GRANT USAGE ON SCHEMA archive TO datapunk_app;

-- ---------------------------------------------------------------- audit log ---

-- One entry per access to personal data, hash-chained:
--   content_hash = sha256(canonical encoding of at, actor, subject, action, record_count, origin, details)
--   entry_hash   = sha256(seq as 8 bytes big-endian || previous entry's entry_hash || content_hash)
-- The chain runs over content hashes, so erasure can blank an entry's identifying fields
-- (redacted) and the chain still verifies; only unredacted entries have their content rechecked.
CREATE TABLE archive.audit_log (
    seq           bigint      PRIMARY KEY,
    at            timestamptz NOT NULL,
    -- The user id of the caller, or 'system'; an admin acting for a user is the actor, the user the subject.
    actor         text        NOT NULL,
    -- Whose data was accessed.
    subject       text        NOT NULL,
    action        text        NOT NULL,
    record_count  bigint      NOT NULL CHECK (record_count >= 0),
    -- The client's IP address, 'cli', 'grpc' or 'system'.
    origin        text        NOT NULL,
    details       jsonb,
    redacted      boolean     NOT NULL DEFAULT false,
    -- The seq of the 'account.erased' tombstone whose redaction blanked this entry.
    redacted_by   bigint,
    content_hash  bytea       NOT NULL,
    previous_hash bytea       NOT NULL,
    entry_hash    bytea       NOT NULL
);
CREATE INDEX audit_log_by_subject ON archive.audit_log (subject, seq);
CREATE INDEX audit_log_by_actor ON archive.audit_log (actor, seq);

-- The end of the chain: the seq and entry hash of the last entry. Appends lock this one row
-- (FOR UPDATE) until they commit, so appends from every silo form one chain; verification
-- compares it with the last entry, so removing entries from the end shows too.
CREATE TABLE archive.audit_chain_head (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_seq  bigint  NOT NULL,
    last_hash bytea   NOT NULL
);
INSERT INTO archive.audit_chain_head (singleton, last_seq, last_hash) VALUES (true, 0, decode(repeat('00', 32), 'hex'));

-- A text field of the canonical encoding: its UTF-8 length as 4 bytes big-endian, then its bytes;
-- NULL is length -1.
CREATE FUNCTION archive.audit_text_field(value text) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
        SELECT CASE WHEN value IS NULL THEN int4send(-1)
                    ELSE int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') END
    $$;

-- The canonical encoding of an entry's fields, hashed. Time in microseconds since 1970 (what
-- timestamptz stores); details as jsonb's own text form, which is normalised (sorted keys, fixed
-- spacing) and so the same for equal values.
CREATE FUNCTION archive.audit_content_hash(
    at timestamptz, actor text, subject text, action text, record_count bigint, origin text, details jsonb) RETURNS bytea
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, archive
    AS $$
        SELECT sha256(convert_to('datapunk.audit.v1', 'UTF8')
            || int8send((extract(epoch FROM at) * 1000000)::bigint)
            || archive.audit_text_field(actor)
            || archive.audit_text_field(subject)
            || archive.audit_text_field(action)
            || int8send(record_count)
            || archive.audit_text_field(origin)
            || archive.audit_text_field(details::text))
    $$;

-- Every insert is chained here, whatever the inserter wrote in these columns: the next seq, the
-- time, the hashes. SECURITY DEFINER: the application may not read or write the chain head.
CREATE FUNCTION archive.audit_log_chain() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, archive
    AS $$
    DECLARE
        head archive.audit_chain_head;
    BEGIN
        SELECT * INTO STRICT head FROM archive.audit_chain_head WHERE singleton FOR UPDATE;
        NEW.seq := head.last_seq + 1;
        NEW.at := clock_timestamp();
        NEW.redacted := false;
        NEW.redacted_by := NULL;
        NEW.content_hash := archive.audit_content_hash(NEW.at, NEW.actor, NEW.subject, NEW.action, NEW.record_count, NEW.origin, NEW.details);
        NEW.previous_hash := head.last_hash;
        NEW.entry_hash := sha256(int8send(NEW.seq) || head.last_hash || NEW.content_hash);
        UPDATE archive.audit_chain_head SET last_seq = NEW.seq, last_hash = NEW.entry_hash WHERE singleton;
        RETURN NEW;
    END
    $$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON archive.audit_log FOR EACH ROW EXECUTE FUNCTION archive.audit_log_chain();

-- Append-only, for the owner too: UPDATE, DELETE and TRUNCATE are refused, except the redaction
-- archive.redact_audit_subject makes (it alone sets datapunk.audit_redaction), which may only
-- blank actor, subject and details and mark the entry redacted by a tombstone.
CREATE FUNCTION archive.audit_log_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, archive
    AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('datapunk.audit_redaction', true) = 'on'
            AND NEW.redacted AND NEW.redacted_by > OLD.seq AND NEW.details IS NULL
            AND NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.action = OLD.action
            AND NEW.record_count = OLD.record_count AND NEW.origin = OLD.origin
            AND NEW.content_hash = OLD.content_hash AND NEW.previous_hash = OLD.previous_hash
            AND NEW.entry_hash = OLD.entry_hash THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'archive.audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END
    $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON archive.audit_log
    FOR EACH ROW EXECUTE FUNCTION archive.audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON archive.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION archive.audit_log_refuse_change();

-- Erasure: appends an 'account.erased' tombstone, then blanks the user's id in every earlier entry
-- that names it (as actor or subject, replaced by '~erased', which no user name can be) and drops
-- those entries' details. Holding the chain head makes the two one step of the chain. Returns the
-- tombstone's seq.
CREATE FUNCTION archive.redact_audit_subject(user_id text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, archive
    AS $$
    DECLARE
        tombstone bigint;
        entries bigint;
    BEGIN
        IF user_id IS NULL OR user_id = '' OR user_id IN ('system', '~erased') THEN
            RAISE EXCEPTION 'cannot redact audit entries of %: not a user id', coalesce(quote_literal(user_id), 'NULL')
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        PERFORM 1 FROM archive.audit_chain_head WHERE singleton FOR UPDATE;
        SELECT count(*) INTO entries FROM archive.audit_log l WHERE l.actor = user_id OR l.subject = user_id;
        INSERT INTO archive.audit_log (actor, subject, action, record_count, origin, details)
            VALUES ('system', '~erased', 'account.erased', entries, 'system', NULL)
            RETURNING seq INTO tombstone;
        PERFORM set_config('datapunk.audit_redaction', 'on', true);
        UPDATE archive.audit_log l
            SET actor = CASE WHEN l.actor = user_id THEN '~erased' ELSE l.actor END,
                subject = CASE WHEN l.subject = user_id THEN '~erased' ELSE l.subject END,
                details = NULL,
                redacted = true,
                redacted_by = coalesce(l.redacted_by, tombstone)
            WHERE (l.actor = user_id OR l.subject = user_id) AND l.seq < tombstone;
        PERFORM set_config('datapunk.audit_redaction', 'off', true);
        RETURN tombstone;
    END
    $$;

-- What verification reads: every entry's seq, action, redaction and hashes, and its content hash
-- recomputed from the stored fields (NULL for redacted entries), but never who or what: the
-- application checks the whole chain without a way to read other users' entries.
CREATE FUNCTION archive.audit_chain_links(after_seq bigint, max_rows integer)
    RETURNS TABLE (seq bigint, action text, redacted boolean, redacted_by bigint,
                   content_hash bytea, recomputed_content_hash bytea, previous_hash bytea, entry_hash bytea)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, archive
    AS $$
        SELECT l.seq, l.action, l.redacted, l.redacted_by, l.content_hash,
               CASE WHEN l.redacted THEN NULL
                    ELSE archive.audit_content_hash(l.at, l.actor, l.subject, l.action, l.record_count, l.origin, l.details) END,
               l.previous_hash, l.entry_hash
        FROM archive.audit_log l
        WHERE l.seq > after_seq
        ORDER BY l.seq
        LIMIT max_rows
    $$;

CREATE FUNCTION archive.audit_head() RETURNS TABLE (last_seq bigint, last_hash bytea)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, archive
    AS $$
        SELECT h.last_seq, h.last_hash FROM archive.audit_chain_head h WHERE h.singleton
    $$;

-- A user reads the entries that name them, as subject or as actor. The owner (migrations and the
-- SECURITY DEFINER functions above) is not subject to these policies; datapunk_app is.
ALTER TABLE archive.audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_own_trail ON archive.audit_log FOR SELECT TO datapunk_app
    USING (subject = current_setting('datapunk.user_id', true) OR actor = current_setting('datapunk.user_id', true));
-- Any silo appends entries for anyone; the chain trigger fills seq, time and hashes.
CREATE POLICY audit_log_append ON archive.audit_log FOR INSERT TO datapunk_app WITH CHECK (true);

GRANT SELECT ON archive.audit_log TO datapunk_app;
GRANT INSERT (actor, subject, action, record_count, origin, details) ON archive.audit_log TO datapunk_app;
REVOKE ALL ON archive.audit_chain_head FROM PUBLIC;
REVOKE ALL ON FUNCTION archive.audit_log_chain(), archive.redact_audit_subject(text),
    archive.audit_chain_links(bigint, integer), archive.audit_head() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION archive.redact_audit_subject(text), archive.audit_chain_links(bigint, integer),
    archive.audit_head() TO datapunk_app;

-- ---------------------------------------------------------------- secrets at rest ---

-- OAuth tokens and API keys, encrypted by the silo with ASP.NET Core Data Protection (keys in a
-- folder outside the database); the purpose includes user id and name, so a ciphertext moved to
-- another row does not decrypt.
CREATE TABLE user_data.secrets (
    user_id    text        NOT NULL,
    name       text        NOT NULL,
    ciphertext bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, name)
);

ALTER TABLE user_data.secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_data.secrets FORCE ROW LEVEL SECURITY;
CREATE POLICY secrets_owner ON user_data.secrets
    USING (user_id = current_setting('datapunk.user_id', true))
    WITH CHECK (user_id = current_setting('datapunk.user_id', true));

GRANT SELECT, INSERT, UPDATE, DELETE ON user_data.secrets TO datapunk_app;
