-- Microsoft Orleans 10.4 on PostgreSQL: membership (clustering), grain state and reminders for the
-- ADO.NET providers (invariant "Npgsql"). The providers ship no SQL: they read the text of each
-- operation from a table named OrleansQuery, found through the connection's search path, and bind
-- it by parameter and column name. docs/cluster.md explains the contract and what this script adds.
--
-- Everything lives in schema "orleans"; the silo connects to it with "Search Path=orleans".
-- Differences from the stock scripts, all found by a prototype on this machine:
--   * grain state rows have a unique key (NULLS NOT DISTINCT) and the first write is
--     INSERT … ON CONFLICT DO NOTHING: racing first writes of one grain used to leave two rows,
--     after which that grain never activated again;
--   * the membership writes are atomic with their version check (a savepoint, not an assertion);
--   * timestamps are timestamptz everywhere.
CREATE SCHEMA IF NOT EXISTS orleans;

CREATE TABLE IF NOT EXISTS orleans.orleansquery (
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);

-- ------------------------------------------------------------------------------------ membership

-- One row per cluster (Orleans calls the cluster id "DeploymentId"): the table version every
-- membership change must name, so that two silos never change the view from the same base.
CREATE TABLE IF NOT EXISTS orleans.membership_version (
    deployment_id varchar(150) PRIMARY KEY,
    changed_at    timestamptz  NOT NULL DEFAULT now(),
    version       integer      NOT NULL DEFAULT 0
);

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS orleans.membership (
    deployment_id varchar(150) NOT NULL REFERENCES orleans.membership_version (deployment_id),
    address       varchar(45)  NOT NULL,
    port          integer      NOT NULL,
    generation    integer      NOT NULL,
    silo_name     varchar(150) NOT NULL,
    host_name     varchar(150) NOT NULL,
    status        integer      NOT NULL,
    proxy_port    integer,
    suspect_times text,
    start_time    timestamptz  NOT NULL,
    i_am_alive    timestamptz  NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Adds a silo's row and moves the table version on, both or neither: 1 when done, 0 when the
-- row existed or the version had moved (the silo then re-reads the table and tries again).
CREATE OR REPLACE FUNCTION orleans.insert_silo(
    p_deployment_id varchar, p_address varchar, p_port integer, p_generation integer,
    p_silo_name varchar, p_host_name varchar, p_status integer, p_proxy_port integer,
    p_start_time timestamptz, p_i_am_alive timestamptz, p_version integer)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        INSERT INTO orleans.membership (deployment_id, address, port, generation, silo_name, host_name,
                                        status, proxy_port, start_time, i_am_alive)
        VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
                p_status, p_proxy_port, p_start_time, p_i_am_alive)
        ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'silo row exists' USING ERRCODE = 'DPK01';
        END IF;
        UPDATE orleans.membership_version SET version = version + 1, changed_at = now()
        WHERE deployment_id = p_deployment_id AND version = p_version;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'membership version moved' USING ERRCODE = 'DPK01';
        END IF;
    EXCEPTION WHEN SQLSTATE 'DPK01' THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END;
    RETURN QUERY SELECT 1;
END
$$;

-- Changes a silo's status and suspicions and moves the table version on, both or neither.
CREATE OR REPLACE FUNCTION orleans.update_silo(
    p_deployment_id varchar, p_address varchar, p_port integer, p_generation integer,
    p_status integer, p_suspect_times text, p_i_am_alive timestamptz, p_version integer)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        UPDATE orleans.membership_version SET version = version + 1, changed_at = now()
        WHERE deployment_id = p_deployment_id AND version = p_version;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'membership version moved' USING ERRCODE = 'DPK01';
        END IF;
        UPDATE orleans.membership
        SET status = p_status, suspect_times = p_suspect_times, i_am_alive = p_i_am_alive
        WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port AND generation = p_generation;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no such silo row' USING ERRCODE = 'DPK01';
        END IF;
    EXCEPTION WHEN SQLSTATE 'DPK01' THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END;
    RETURN QUERY SELECT 1;
END
$$;

-- ----------------------------------------------------------------------------------- grain state

-- A grain's state: one row per (service, state name, grain id). Orleans passes the state name as
-- the "grain type"; Datapunk gives every grain type its own state name, so rows are never shared.
CREATE TABLE IF NOT EXISTS orleans.grain_state (
    grain_id_hash      integer      NOT NULL,
    grain_id_n0        bigint       NOT NULL,
    grain_id_n1        bigint       NOT NULL,
    grain_type_hash    integer      NOT NULL,
    grain_type         varchar(512) NOT NULL,
    grain_id_extension varchar(512),
    service_id         varchar(150) NOT NULL,
    payload            bytea,
    modified_at        timestamptz  NOT NULL DEFAULT now(),
    version            integer      NOT NULL
);

-- The row identity, unique: a second first write of the same grain conflicts instead of adding a
-- row. The hashes lead so that a lookup is one index probe.
CREATE UNIQUE INDEX IF NOT EXISTS grain_state_identity ON orleans.grain_state
    (grain_id_hash, grain_type_hash, service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
    NULLS NOT DISTINCT;

-- Writes a grain's state. p_version is the version the grain read (null: it read nothing). Returns
-- the new version, or the old one when nothing was written: Orleans then raises a version conflict
-- (InconsistentStateException) in the writing activation, which is how a stale or duplicate
-- activation learns that another one wrote first.
CREATE OR REPLACE FUNCTION orleans.write_grain_state(
    p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer,
    p_grain_type varchar, p_grain_id_extension varchar, p_service_id varchar, p_version integer, p_payload bytea)
RETURNS TABLE (newgrainstateversion integer) LANGUAGE plpgsql AS $$
DECLARE
    written integer;
BEGIN
    IF p_version IS NULL THEN
        INSERT INTO orleans.grain_state (grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash, grain_type,
                                         grain_id_extension, service_id, payload, version)
        VALUES (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type,
                p_grain_id_extension, p_service_id, p_payload, 1)
        ON CONFLICT DO NOTHING
        RETURNING version INTO written;
    ELSE
        UPDATE orleans.grain_state
        SET payload = p_payload, version = version + 1, modified_at = now()
        WHERE grain_id_hash = p_grain_id_hash AND grain_type_hash = p_grain_type_hash
          AND service_id = p_service_id AND grain_type = p_grain_type
          AND grain_id_n0 = p_grain_id_n0 AND grain_id_n1 = p_grain_id_n1
          AND grain_id_extension IS NOT DISTINCT FROM p_grain_id_extension
          AND version = p_version
        RETURNING version INTO written;
    END IF;
    RETURN QUERY SELECT coalesce(written, p_version);
END
$$;

-- Clears (payload null, version on) or deletes a grain's state if it still has p_version.
CREATE OR REPLACE FUNCTION orleans.clear_grain_state(
    p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer,
    p_grain_type varchar, p_grain_id_extension varchar, p_service_id varchar, p_version integer, p_delete boolean)
RETURNS TABLE (newgrainstateversion integer) LANGUAGE plpgsql AS $$
DECLARE
    written integer;
BEGIN
    IF p_delete THEN
        DELETE FROM orleans.grain_state
        WHERE grain_id_hash = p_grain_id_hash AND grain_type_hash = p_grain_type_hash
          AND service_id = p_service_id AND grain_type = p_grain_type
          AND grain_id_n0 = p_grain_id_n0 AND grain_id_n1 = p_grain_id_n1
          AND grain_id_extension IS NOT DISTINCT FROM p_grain_id_extension
          AND version = p_version
        RETURNING version + 1 INTO written;
    ELSE
        UPDATE orleans.grain_state
        SET payload = NULL, version = version + 1, modified_at = now()
        WHERE grain_id_hash = p_grain_id_hash AND grain_type_hash = p_grain_type_hash
          AND service_id = p_service_id AND grain_type = p_grain_type
          AND grain_id_n0 = p_grain_id_n0 AND grain_id_n1 = p_grain_id_n1
          AND grain_id_extension IS NOT DISTINCT FROM p_grain_id_extension
          AND version = p_version
        RETURNING version INTO written;
    END IF;
    RETURN QUERY SELECT coalesce(written, p_version);
END
$$;

-- ------------------------------------------------------------------------------------- reminders

CREATE TABLE IF NOT EXISTS orleans.reminders (
    service_id    varchar(150) NOT NULL,
    grain_id      varchar(150) NOT NULL,
    reminder_name varchar(150) NOT NULL,
    start_time    timestamptz  NOT NULL,
    period_ms     bigint       NOT NULL,
    grain_hash    integer      NOT NULL,
    version       integer      NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- A silo loads the reminders of its share of the hash ring.
CREATE INDEX IF NOT EXISTS reminders_by_hash ON orleans.reminders (service_id, grain_hash);

-- --------------------------------------------------------------------------------------- queries
-- Parameter names (@Name) and result column names are the providers' contract; PostgreSQL folds
-- the unquoted aliases to lower case and the providers read columns by case-insensitive name.

INSERT INTO orleans.orleansquery (querykey, querytext) VALUES

('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO orleans.membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT DO NOTHING RETURNING 1)
SELECT count(*)::integer FROM inserted
$q$),

('InsertMembershipKey', $q$
SELECT row_count FROM orleans.insert_silo(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                                          @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version)
$q$),

('UpdateMembershipKey', $q$
SELECT row_count FROM orleans.update_silo(@DeploymentId, @Address, @Port, @Generation, @Status,
                                          @SuspectTimes, @IAmAliveTime, @Version)
$q$),

('UpdateIAmAlivetimeKey', $q$
UPDATE orleans.membership SET i_am_alive = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

('MembershipReadRowKey', $q$
SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive AS IAmAliveTime,
       v.version AS Version
FROM orleans.membership_version v
LEFT JOIN orleans.membership m
       ON m.deployment_id = v.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

('MembershipReadAllKey', $q$
SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive AS IAmAliveTime,
       v.version AS Version
FROM orleans.membership_version v
LEFT JOIN orleans.membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans.membership WHERE deployment_id = @DeploymentId;
DELETE FROM orleans.membership_version WHERE deployment_id = @DeploymentId
$q$),

('GatewaysQueryKey', $q$
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
FROM orleans.membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

-- Rows of silos that stopped sending I-am-alive long ago; never an active one (status 3).
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans.membership
WHERE deployment_id = @DeploymentId AND i_am_alive < @IAmAliveTime AND status <> 3
$q$),

('ReadFromStorageKey', $q$
SELECT payload AS PayloadBinary, version AS Version
FROM orleans.grain_state
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

('WriteToStorageKey', $q$
SELECT newgrainstateversion AS NewGrainStateVersion
FROM orleans.write_grain_state(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                               @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
$q$),

('ClearStorageKey', $q$
SELECT newgrainstateversion AS NewGrainStateVersion
FROM orleans.clear_grain_state(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                               @GrainIdExtensionString, @ServiceId, @GrainStateVersion, false)
$q$),

('DeleteStorageKey', $q$
SELECT newgrainstateversion AS NewGrainStateVersion
FROM orleans.clear_grain_state(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                               @GrainIdExtensionString, @ServiceId, @GrainStateVersion, true)
$q$),

('UpsertReminderRowKey', $q$
INSERT INTO orleans.reminders AS r (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash,
    version = r.version + 1
RETURNING r.version AS Version
$q$),

('ReadReminderRowsKey', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period_ms AS Period, version AS Version
FROM orleans.reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period_ms AS Period, version AS Version
FROM orleans.reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),

-- The hash range (begin, end] of a silo's share of the ring ...
('ReadRangeRows1Key', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period_ms AS Period, version AS Version
FROM orleans.reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),

-- ... and a range that wraps around the end of the ring.
('ReadRangeRows2Key', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period_ms AS Period, version AS Version
FROM orleans.reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans.reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1)
SELECT count(*)::integer FROM deleted
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans.reminders WHERE service_id = @ServiceId
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
