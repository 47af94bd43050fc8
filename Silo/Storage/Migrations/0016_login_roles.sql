-- The silos log in as a role that owns nothing and cannot bypass row-level security, a member of
-- datapunk_app; migrations keep running as the owner (docs/security.md, "Isolation in the database").
-- Login roles and their passwords are made outside migrations (scripts/lib/services.sh, or the
-- operator as deploy/README.md says). This script gives datapunk_app what the host does outside a
-- user's transaction; Lake's 0017 does the same for the DDL imports run.

-- Orleans' ADO.NET providers (membership, grain state, reminders) run as the login role. The
-- providers read their statements from orleansquery and may not change them.
GRANT USAGE ON SCHEMA orleans TO datapunk_app;
GRANT SELECT ON orleans.orleansquery TO datapunk_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON orleans.membership_version, orleans.membership, orleans.grain_state, orleans.reminders
    TO datapunk_app;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA orleans FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA orleans TO datapunk_app;

-- A silo that may not migrate checks that every migration it carries was applied.
GRANT SELECT ON public.schema_migrations TO datapunk_app;
