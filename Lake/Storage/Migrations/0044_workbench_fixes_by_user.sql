-- The workbench's fixes, readable in a time a person waits for (docs/catalog.md, "SQL workbench").
--
-- timeseries.location_points has a leaf per month and user. workbench.fixes filters by
-- workbench.bound_user(), which is known only when the query runs, so PostgreSQL plans every leaf of
-- every user and prunes them at run time: measured in the test database of 7,177 leaves, 4.7 s to
-- plan and 3.6 s to run a count, past the 5 s limit, where the same count with the user id written as
-- a literal took 0.3 s. This view is the same as workbench.fixes with user_id shown; the workbench
-- shadows workbench.fixes with a temporary view of the query's transaction that asks it for the bound
-- user's id as a literal. Equality of text is leakproof, so PostgreSQL moves that condition into the
-- scan and prunes the other users' leaves when planning. The binding filter stays: naming another
-- user's id matches nothing.
CREATE OR REPLACE VIEW workbench.fixes_by_user WITH (security_barrier) AS
SELECT p.user_id, p.time, p.lat_e7 / 1e7::double precision AS lat, p.lng_e7 / 1e7::double precision AS lng,
       p.accuracy_m, p.altitude_m, p.velocity_mps, p.heading, p.source, p.device, p.file_id
FROM timeseries.location_points p
WHERE p.user_id = workbench.bound_user();

GRANT SELECT ON workbench.fixes_by_user TO datapunk_workbench;
