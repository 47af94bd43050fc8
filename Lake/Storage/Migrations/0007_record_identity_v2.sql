-- Record identity scheme 2 (docs/import.md, "De-duplication"; RecordIdentity.FromContentV2 in the code).
--
-- 1. The entry ledger learns paths: a Photos sidecar's file name says which media item it describes,
--    so byte-identical sidecars at two names (IMG.JPG.json, IMG.JPG(1).json) are two entries. A
--    ledger row with a path_key matches only an entry of that name; a row without one any entry.
-- 2. Records stored under scheme 1 identities of the kinds whose rule changed (place visits,
--    activity segments, photos, e-mails) are re-keyed to scheme 2, computed here from the stored
--    columns exactly as the code computes it, so a re-import matches them. Where two rows re-key
--    to one identity (the same visit from two Timeline generations), the row of the earliest
--    file is kept.
--
-- Every statement can run again without effect: scheme 2 identities start with 'h2:', which no
-- scheme 1 identity does. Row-level security is forced on these tables; the owner (who runs the
-- migrations) lifts it for this transaction to reach every user's rows, and forces it again.

ALTER TABLE imports.entry_ledger NO FORCE ROW LEVEL SECURITY;
ALTER TABLE imports.files NO FORCE ROW LEVEL SECURITY;
ALTER TABLE user_data.records NO FORCE ROW LEVEL SECURITY;

-- ---------------------------------------------------------------- the ledger's path key ---

ALTER TABLE imports.entry_ledger ADD COLUMN IF NOT EXISTS path_key text;
ALTER TABLE imports.entry_ledger DROP CONSTRAINT IF EXISTS entry_ledger_pkey;
CREATE UNIQUE INDEX IF NOT EXISTS entry_ledger_content ON imports.entry_ledger (user_id, content_hash, path_key) NULLS NOT DISTINCT;

-- Sidecars imported before: their name, from the file row that imported them.
UPDATE imports.entry_ledger l SET path_key = regexp_replace(f.path, '^.*/', '')
FROM imports.files f
WHERE f.file_id = l.first_file_id AND l.format_id = 'google.photos.sidecar' AND l.path_key IS NULL;

-- ---------------------------------------------------------------- scheme 2 in SQL ---

-- RecordIdentity.FromContentV2: SHA-256 over each part as UTF-8 (a null part as the byte 0x00),
-- each followed by 0x1F; 'h2:' and the first 40 hex digits.
CREATE OR REPLACE FUNCTION pg_temp.record_identity_v2(parts text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
    SELECT 'h2:' || left(encode(sha256(string_agg(coalesce(convert_to(part, 'UTF8'), '\x00'::bytea) || '\x1f'::bytea, ''::bytea ORDER BY n)), 'hex'), 40)
    FROM unnest(parts) WITH ORDINALITY AS p(part, n)
$fn$;

-- A time as FromContentV2 writes it: whole Unix seconds, rounded down.
CREATE OR REPLACE FUNCTION pg_temp.identity_seconds(at timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
    SELECT floor(extract(epoch FROM at))::bigint::text
$fn$;

-- JsonNodeFields.Text: a JSON string's value; null for anything else.
CREATE OR REPLACE FUNCTION pg_temp.identity_json_text(value jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
    SELECT CASE WHEN jsonb_typeof(value) = 'string' THEN value #>> '{}' END
$fn$;

-- MailBodyText.Normalise on the stored text: CRLF and CR as LF, no spaces or tabs at line ends, no line breaks at the end.
CREATE OR REPLACE FUNCTION pg_temp.mail_body_v2(body text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
    SELECT regexp_replace(regexp_replace(regexp_replace(body, '\r\n?', chr(10), 'g'), '[ \t]+(\n|$)', '\1', 'g'), '\n+$', '')
$fn$;

-- The place id a visit was read with: semantic history's placeVisit.location.placeId, the
-- on-device exports' visit.topCandidate.placeId (Android) or placeID (iOS).
CREATE OR REPLACE FUNCTION pg_temp.visit_place_id(source jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
    SELECT CASE WHEN source -> 'placeVisit' IS NOT NULL
        THEN pg_temp.identity_json_text(source #> '{placeVisit,location,placeId}')
        ELSE coalesce(pg_temp.identity_json_text(source #> '{visit,topCandidate,placeId}'),
                      pg_temp.identity_json_text(source #> '{visit,topCandidate,placeID}'))
    END
$fn$;

-- ---------------------------------------------------------------- re-keying ---

-- Kinds: 1 place_visits (TimelineRecords), 2 activity_segments (TimelineRecords), 8 photos
-- (PhotoSidecarReader), 11 emails (MailRecordFactory). Every input of the new rules is stored.
CREATE TEMP TABLE record_rekey ON COMMIT DROP AS
SELECT user_id, kind, identity AS old_identity, file_id,
    CASE kind
        WHEN 1 THEN CASE WHEN coalesce(pg_temp.visit_place_id(source), '') <> ''
            THEN pg_temp.record_identity_v2(ARRAY['google.place-visit', pg_temp.visit_place_id(source), pg_temp.identity_seconds(occurred_at)])
            ELSE pg_temp.record_identity_v2(ARRAY['google.place-visit', pg_temp.identity_seconds(occurred_at), pg_temp.identity_seconds(ended_at)])
        END
        WHEN 2 THEN pg_temp.record_identity_v2(
            ARRAY['google.activity-segment', pg_temp.identity_seconds(occurred_at), pg_temp.identity_seconds(ended_at)])
        WHEN 8 THEN pg_temp.record_identity_v2(ARRAY['google.photos',
            coalesce(regexp_replace(pg_temp.identity_json_text(source -> 'mediaPath'), '^.*/', ''), title),
            pg_temp.identity_seconds(occurred_at)])
        WHEN 11 THEN CASE WHEN pg_temp.identity_json_text(source -> 'messageId') IS NOT NULL
            THEN pg_temp.record_identity_v2(ARRAY['gmail', pg_temp.identity_json_text(source -> 'messageId'), pg_temp.mail_body_v2(body)])
            ELSE pg_temp.record_identity_v2(ARRAY['gmail', NULL, pg_temp.identity_seconds(occurred_at),
                pg_temp.identity_json_text(source -> 'date'), pg_temp.identity_json_text(source -> 'from'), title, pg_temp.mail_body_v2(body)])
        END
    END AS new_identity
FROM user_data.records
WHERE kind IN (1, 2, 8, 11) AND identity NOT LIKE 'h2:%';

-- One row per new identity: of the rows re-keyed to it, and a row already stored under it, the earliest file's.
WITH contenders AS (
    SELECT user_id, kind, old_identity AS identity, new_identity, file_id FROM record_rekey
    UNION ALL
    SELECT r.user_id, r.kind, r.identity, r.identity, r.file_id
    FROM user_data.records r
    WHERE r.identity LIKE 'h2:%' AND (r.user_id, r.kind, r.identity) IN (SELECT user_id, kind, new_identity FROM record_rekey)
), ranked AS (
    SELECT user_id, kind, identity,
        row_number() OVER (PARTITION BY user_id, kind, new_identity ORDER BY file_id, identity) AS place
    FROM contenders
)
DELETE FROM user_data.records r
USING ranked
WHERE ranked.place > 1 AND r.user_id = ranked.user_id AND r.kind = ranked.kind AND r.identity = ranked.identity;

-- Old identities never start with 'h2:', so no update collides with a row not updated yet.
UPDATE user_data.records r SET identity = x.new_identity
FROM record_rekey x
WHERE r.user_id = x.user_id AND r.kind = x.kind AND r.identity = x.old_identity;

DROP FUNCTION pg_temp.visit_place_id(jsonb);
DROP FUNCTION pg_temp.mail_body_v2(text);
DROP FUNCTION pg_temp.identity_json_text(jsonb);
DROP FUNCTION pg_temp.identity_seconds(timestamptz);
DROP FUNCTION pg_temp.record_identity_v2(text[]);

ALTER TABLE imports.entry_ledger FORCE ROW LEVEL SECURITY;
ALTER TABLE imports.files FORCE ROW LEVEL SECURITY;
ALTER TABLE user_data.records FORCE ROW LEVEL SECURITY;
