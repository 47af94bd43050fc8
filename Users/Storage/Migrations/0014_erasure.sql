-- Erasure of an account (Users/Privacy/AccountEraser.cs, docs/security.md "Export and erasure").
--
-- The eraser deletes a user's rows under that user's row-level security (role datapunk_app and
-- datapunk.user_id, as every access to personal data), so no other user's row can be touched by
-- it: the application role needs DELETE on the import bookkeeping, which it only inserted and
-- updated until now (records and location fixes had it already).
GRANT DELETE ON imports.jobs, imports.files, imports.entry_ledger, imports.entry_chunks, imports.unknown_fields, imports.file_matches
    TO datapunk_app;

-- A user's location fixes live in a leaf per month named after a hash of the user id
-- (LocationPartitions). Once its rows are deleted, erasure drops each leaf, which only the tables'
-- owner may: this function runs as its owner, drops only leaves that belong to the one user named
-- and are empty, and takes the partition lock LocationPartitions takes (0x0DA7_A9C0_0002) so that
-- no import creates a leaf at the same time.
CREATE OR REPLACE FUNCTION timeseries.drop_location_leaves(p_user text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    leaf    regclass;
    month   regclass;
    vacant  boolean;
    dropped integer := 0;
BEGIN
    IF coalesce(p_user, '') = '' THEN
        RAISE EXCEPTION 'drop_location_leaves needs a user id';
    END IF;
    PERFORM pg_advisory_xact_lock(15013758631938);
    FOR leaf, month IN
        SELECT c.oid::regclass, i.inhparent::regclass
        FROM pg_partition_tree('timeseries.location_points') t
        JOIN pg_class c ON c.oid = t.relid
        JOIN pg_inherits i ON i.inhrelid = c.oid
        WHERE t.isleaf AND t.level = 2 AND pg_get_expr(c.relpartbound, c.oid) = format('FOR VALUES IN (%L)', p_user)
    LOOP
        EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %s)', leaf) INTO vacant;
        IF vacant THEN
            EXECUTE format('ALTER TABLE %s DETACH PARTITION %s', month, leaf);
            EXECUTE format('DROP TABLE %s', leaf);
            dropped := dropped + 1;
        END IF;
    END LOOP;
    RETURN dropped;
END
$$;
REVOKE ALL ON FUNCTION timeseries.drop_location_leaves(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION timeseries.drop_location_leaves(text) TO datapunk_app;
