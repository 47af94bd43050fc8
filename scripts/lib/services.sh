# shellcheck shell=bash
# Datapunk: start the local PostgreSQL and Redis the silos and tests use.
#
# Sourced by ./datapunk and scripts/*.sh. Every function is idempotent: a
# service that already answers is left alone.
#
#   PostgreSQL 15, cluster "15/main", on 127.0.0.1:5432 (Debian's pg_ctlcluster)
#     role datapunk/datapunk (LOGIN SUPERUSER: dev/test only; migrations run
#     CREATE EXTENSION vector/postgis/..., which needs superuser on PG 15), the
#     owner, which only migrations log in as;
#     role datapunk_silo/datapunk_silo, the silos' login: owns nothing, cannot
#     bypass row-level security, a member of datapunk_app (docs/security.md);
#     role datapunk_import/datapunk_import, the import writer's login: the same,
#     and a member of datapunk_fix_copy (NOLOGIN BYPASSRLS, INSERT on the fixes
#     only) for its direct COPY;
#     role datapunk_workbench/datapunk_workbench, the SQL workbench's login: no
#     memberships at all, reads only the workbench schema's views (migration 0042);
#     databases datapunk (the app) and datapunk_test (the test suite).
#   Redis on 127.0.0.1:6379, data and log under .datapunk/ in the repository.
#
# Environment:
#   DATAPUNK_POSTGRES       use this Npgsql connection string; do not start PostgreSQL.
#                           It is the owner, which migrations run as; the silos log in with
#                           it too unless these name the login roles:
#   DATAPUNK_POSTGRES_SILO    the silos' login (ConnectionStrings:Postgres)
#   DATAPUNK_POSTGRES_IMPORT  the import writer's login (ConnectionStrings:PostgresImport)
#   DATAPUNK_POSTGRES_WORKBENCH  the SQL workbench's login (ConnectionStrings:PostgresWorkbench)
#   DATAPUNK_TEST_POSTGRES  connection string for the tests (default: the local
#                           datapunk_test database, or DATAPUNK_POSTGRES when set)
#   DATAPUNK_REDIS          use this Redis (host:port); do not start redis-server
#   DATAPUNK_SERVICE_TIMEOUT  seconds to wait for a service to answer (default 30)

if [[ -n "${DP_SERVICES_SH_LOADED:-}" ]]; then return 0; fi
DP_SERVICES_SH_LOADED=1

# shellcheck source=scripts/lib/install.sh
source "$(dirname "${BASH_SOURCE[0]}")/install.sh"

DP_ROOT="${DP_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
DP_STATE="$DP_ROOT/.datapunk"

DP_PG_CLUSTER="main"
DP_PG_HOST="127.0.0.1"
DP_PG_PORT="5432"
DP_PG_USER="datapunk"
DP_PG_PASSWORD="datapunk"
# Login roles of the silos and of the import writer (development passwords, like the owner's).
DP_PG_SILO_USER="datapunk_silo"
DP_PG_SILO_PASSWORD="datapunk_silo"
DP_PG_IMPORT_USER="datapunk_import"
DP_PG_IMPORT_PASSWORD="datapunk_import"
DP_PG_WORKBENCH_USER="datapunk_workbench"
DP_PG_WORKBENCH_PASSWORD="datapunk_workbench"
DP_REDIS_HOST="127.0.0.1"
DP_REDIS_PORT="6379"
# Seconds to wait for a service to answer after starting it.
DP_SERVICE_TIMEOUT="${DATAPUNK_SERVICE_TIMEOUT:-30}"

# ------------------------------------------------------ connection strings ---

# The local server is on loopback, where TLS only costs CPU (about a tenth of a state write).
dp_pg_conn() {  # dp_pg_conn DATABASE [USER PASSWORD]: as the owner unless a role is named
  printf 'Host=%s;Port=%s;Database=%s;Username=%s;Password=%s;SSL Mode=Disable' \
    "$DP_PG_HOST" "$DP_PG_PORT" "$1" "${2:-$DP_PG_USER}" "${3:-$DP_PG_PASSWORD}"
}

# The owner (migrations), the silos' login and the import writer's login. With DATAPUNK_POSTGRES
# alone the silos log in as that owner, as before (the silo warns that isolation then rests on
# SET ROLE alone), and the import writer shares their pool.
dp_owner_postgres() { printf '%s' "${DATAPUNK_POSTGRES:-$(dp_pg_conn datapunk)}"; }
dp_app_postgres() {
  if [[ -n "${DATAPUNK_POSTGRES_SILO:-}" ]]; then printf '%s' "$DATAPUNK_POSTGRES_SILO"
  elif [[ -n "${DATAPUNK_POSTGRES:-}" ]]; then printf '%s' "$DATAPUNK_POSTGRES"
  else dp_pg_conn datapunk "$DP_PG_SILO_USER" "$DP_PG_SILO_PASSWORD"; fi
}
dp_import_postgres() {
  if [[ -n "${DATAPUNK_POSTGRES_IMPORT:-}" ]]; then printf '%s' "$DATAPUNK_POSTGRES_IMPORT"
  elif [[ -z "${DATAPUNK_POSTGRES:-}" ]]; then dp_pg_conn datapunk "$DP_PG_IMPORT_USER" "$DP_PG_IMPORT_PASSWORD"; fi
}
dp_workbench_postgres() {
  if [[ -n "${DATAPUNK_POSTGRES_WORKBENCH:-}" ]]; then printf '%s' "$DATAPUNK_POSTGRES_WORKBENCH"
  elif [[ -z "${DATAPUNK_POSTGRES:-}" ]]; then dp_pg_conn datapunk "$DP_PG_WORKBENCH_USER" "$DP_PG_WORKBENCH_PASSWORD"; fi
}
dp_test_postgres() { printf '%s' "${DATAPUNK_TEST_POSTGRES:-${DATAPUNK_POSTGRES:-$(dp_pg_conn datapunk_test)}}"; }
dp_redis_url()     { printf '%s' "${DATAPUNK_REDIS:-$DP_REDIS_HOST:$DP_REDIS_PORT}"; }

# ---------------------------------------------------------------- helpers ---

# dp_wait_until SECONDS DESCRIPTION COMMAND...: poll COMMAND once a second.
dp_wait_until() {
  local timeout="$1" what="$2"
  local deadline=$((SECONDS + timeout))
  shift 2
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      dp_warn "$what did not become ready within ${timeout}s"
      return 1
    fi
    sleep 1
  done
}

# Run a command as the postgres OS user (peer authentication on the socket).
# From / so that the postgres user is not refused our working directory.
dp_as_postgres() {
  if [[ "${EUID:-$(id -u)}" -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && sudo -u postgres "$@")
  fi
}

# ------------------------------------------------------------- PostgreSQL ---

dp_pg_ready() { pg_isready -q -h "$DP_PG_HOST" -p "$DP_PG_PORT"; }

# Port of cluster 15/main, empty when the cluster does not exist.
dp_pg_cluster_port() {
  pg_lsclusters -h 2>/dev/null | awk -v v="$DP_PG_VERSION" -v c="$DP_PG_CLUSTER" '$1 == v && $2 == c { print $3 }'
}

dp_start_postgres() {
  if [[ -n "${DATAPUNK_POSTGRES:-}" ]]; then
    dp_log "DATAPUNK_POSTGRES is set: using that PostgreSQL, not starting a local one"
    return 0
  fi
  if dp_pg_ready; then
    dp_log "PostgreSQL already accepting connections on $DP_PG_HOST:$DP_PG_PORT"
  else
    local port
    port="$(dp_pg_cluster_port)"
    if [[ -z "$port" ]]; then
      dp_log "creating PostgreSQL cluster $DP_PG_VERSION/$DP_PG_CLUSTER on port $DP_PG_PORT"
      dp_as_root pg_createcluster "$DP_PG_VERSION" "$DP_PG_CLUSTER" --port "$DP_PG_PORT" \
        || dp_die "pg_createcluster $DP_PG_VERSION $DP_PG_CLUSTER failed"
    elif [[ "$port" != "$DP_PG_PORT" ]]; then
      dp_die "cluster $DP_PG_VERSION/$DP_PG_CLUSTER is configured for port $port, not $DP_PG_PORT (fix 'port' in /etc/postgresql/$DP_PG_VERSION/$DP_PG_CLUSTER/postgresql.conf, or set DATAPUNK_POSTGRES)"
    fi
    dp_log "starting PostgreSQL $DP_PG_VERSION/$DP_PG_CLUSTER"
    # pg_ctlcluster exits non-zero when the cluster is already running but not
    # (yet) reachable over TCP; the readiness wait below is what decides.
    dp_as_root pg_ctlcluster "$DP_PG_VERSION" "$DP_PG_CLUSTER" start \
      || dp_warn "pg_ctlcluster $DP_PG_VERSION $DP_PG_CLUSTER start returned non-zero"
    if ! dp_wait_until "$DP_SERVICE_TIMEOUT" "PostgreSQL on $DP_PG_HOST:$DP_PG_PORT" dp_pg_ready; then
      tail -n 20 "/var/log/postgresql/postgresql-$DP_PG_VERSION-$DP_PG_CLUSTER.log" >&2 2>/dev/null || true
      dp_die "PostgreSQL is not accepting connections on $DP_PG_HOST:$DP_PG_PORT (log above: /var/log/postgresql/postgresql-$DP_PG_VERSION-$DP_PG_CLUSTER.log)"
    fi
  fi
  dp_pg_tune
  dp_pg_provision
}

# Settings for the cluster this script manages (never one named by DATAPUNK_POSTGRES):
#   max_connections  each silo keeps two pools of up to 20 connections; 100 is too few for a local
#                    three-silo cluster plus tests
#   shared_buffers   a quarter of the memory, at most 4 GB (the usual advice): the 128 MB default
#                    held less than the records' identity index of one 10 M-fix import
#   max_wal_size     8 GB, wal_compression lz4: at 1 GB a 10 M-fix import checkpointed every few
#                    seconds, writing a full-page image of every page touched again after each.
#   max_locks_per_transaction
#                    256: location fixes are a partition per month and user, and a statement over
#                    all of them (row-level security's own test, a count as the owner) locks every
#                    partition and index. At the default 64 (x 300 connections) a test database
#                    holding 7,177 partitions answered "53200: out of shared memory" (2026-12-06).
#                    The lock table takes some 20 MB more shared memory (estimated from its sizing, not measured).
# The import benchmark's CPU figures did not move measurably with the last three (it is CPU-bound
# on two cores); they cut checkpoints during a large import from one per ~9 s to one per ~2 GB of WAL.
dp_pg_settings() {
  local memory_kb buffers_mb
  memory_kb="$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)"
  buffers_mb=$((memory_kb / 4 / 1024))
  ((buffers_mb <= 4096)) || buffers_mb=4096
  ((buffers_mb >= 128)) || buffers_mb=128
  printf '%s\n' "max_connections=300" "shared_buffers=${buffers_mb}MB" "max_wal_size=8GB" "wal_compression=lz4" "max_locks_per_transaction=256"
}

# Applies dp_pg_settings where the cluster differs, restarting it only when a setting needs it.
dp_pg_tune() {
  local line name value current changed=no
  while IFS='=' read -r name value; do
    current="$(dp_as_postgres psql -X -At -p "$DP_PG_PORT" -d postgres -c "SHOW $name" 2>/dev/null || true)"
    # Sizes compare as bytes (SHOW says 4GB for 4096MB).
    line="$(dp_as_postgres psql -X -At -p "$DP_PG_PORT" -d postgres \
      -c "SELECT pg_size_bytes('$value') = pg_size_bytes(current_setting('$name'))" 2>/dev/null || true)"
    if [[ "$line" == t || "$current" == "$value" ]]; then
      continue
    fi
    dp_log "PostgreSQL: setting $name = $value (was ${current:-unknown})"
    dp_as_postgres psql -X -q -p "$DP_PG_PORT" -d postgres -c "ALTER SYSTEM SET $name = '$value'" >/dev/null \
      || dp_die "could not set $name"
    changed=yes
  done < <(dp_pg_settings)
  [[ "$changed" == yes ]] || return 0
  dp_as_postgres psql -X -q -At -p "$DP_PG_PORT" -d postgres -c 'SELECT pg_reload_conf()' >/dev/null
  sleep 1 # the reload is a signal; pending_restart shows once the postmaster has read the file
  if [[ "$(dp_as_postgres psql -X -At -p "$DP_PG_PORT" -d postgres -c 'SELECT count(*) FROM pg_settings WHERE pending_restart')" == 0 ]]; then
    return 0
  fi
  dp_log "restarting PostgreSQL for the new settings"
  dp_as_root pg_ctlcluster "$DP_PG_VERSION" "$DP_PG_CLUSTER" restart \
    || dp_die "pg_ctlcluster $DP_PG_VERSION $DP_PG_CLUSTER restart failed"
  dp_wait_until "$DP_SERVICE_TIMEOUT" "PostgreSQL on $DP_PG_HOST:$DP_PG_PORT" dp_pg_ready \
    || dp_die "PostgreSQL did not come back after the restart"
}

# Create role datapunk and databases datapunk/datapunk_test when missing, and the login roles
# (dp_pg_provision_login_roles), then prove that password login over TCP works (what Npgsql will do).
dp_pg_provision() {
  dp_as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$DP_PG_PORT" -d postgres <<SQL >/dev/null \
    || dp_die "could not create the $DP_PG_USER role/databases in PostgreSQL"
SELECT 'CREATE ROLE $DP_PG_USER LOGIN SUPERUSER PASSWORD ''$DP_PG_PASSWORD'''
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DP_PG_USER')\gexec
SELECT 'CREATE DATABASE datapunk OWNER $DP_PG_USER'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'datapunk')\gexec
SELECT 'CREATE DATABASE datapunk_test OWNER $DP_PG_USER'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'datapunk_test')\gexec
SQL
  dp_pg_provision_login_roles
  local login user password
  for login in "$DP_PG_USER:$DP_PG_PASSWORD" "$DP_PG_SILO_USER:$DP_PG_SILO_PASSWORD" "$DP_PG_IMPORT_USER:$DP_PG_IMPORT_PASSWORD" "$DP_PG_WORKBENCH_USER:$DP_PG_WORKBENCH_PASSWORD"; do
    user="${login%%:*}" password="${login#*:}"
    PGPASSWORD="$password" psql -X -q -h "$DP_PG_HOST" -p "$DP_PG_PORT" -U "$user" -d datapunk_test -c 'SELECT 1' >/dev/null \
      || dp_die "cannot log in to PostgreSQL as $user over TCP (check pg_hba.conf allows scram-sha-256/md5 from 127.0.0.1)"
  done
  dp_log "PostgreSQL ready: databases datapunk, datapunk_test (owner $DP_PG_USER, silo login $DP_PG_SILO_USER, import login $DP_PG_IMPORT_USER, workbench login $DP_PG_WORKBENCH_USER) on $DP_PG_HOST:$DP_PG_PORT"
}

# The roles the silos and the import writer log in as (docs/security.md, "Isolation in the
# database"), made or corrected on every run: no superuser, no BYPASSRLS, no CREATEDB or
# CREATEROLE, owning nothing, their rights exactly datapunk_app's (which migrations grant).
# datapunk_fix_copy, which only the import writer may switch to, bypasses row-level security with
# INSERT on the fixes and no other right; datapunk_search (search and map tiles, migration 0035)
# bypasses it with SELECT on what a search reads. The SQL workbench's login is a member of no role at
# all (NOINHERIT besides): user SQL runs as it, and set_config('role', …) must have nothing to switch to.
# Migrations 0002 and 0017 would create datapunk_app and
# datapunk_fix_copy, but the grants below need them first, and BYPASSRLS needs a superuser.
dp_pg_provision_login_roles() {
  dp_as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$DP_PG_PORT" -d postgres <<SQL >/dev/null \
    || dp_die "could not create the login roles $DP_PG_SILO_USER, $DP_PG_IMPORT_USER and $DP_PG_WORKBENCH_USER in PostgreSQL"
SELECT 'CREATE ROLE datapunk_app NOLOGIN'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'datapunk_app')\gexec
SELECT 'CREATE ROLE datapunk_fix_copy NOLOGIN BYPASSRLS'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'datapunk_fix_copy')\gexec
SELECT 'CREATE ROLE datapunk_search NOLOGIN BYPASSRLS'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'datapunk_search')\gexec
SELECT 'CREATE ROLE $DP_PG_SILO_USER LOGIN PASSWORD ''$DP_PG_SILO_PASSWORD'''
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DP_PG_SILO_USER')\gexec
SELECT 'CREATE ROLE $DP_PG_IMPORT_USER LOGIN PASSWORD ''$DP_PG_IMPORT_PASSWORD'''
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DP_PG_IMPORT_USER')\gexec
SELECT 'CREATE ROLE $DP_PG_WORKBENCH_USER LOGIN PASSWORD ''$DP_PG_WORKBENCH_PASSWORD'''
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DP_PG_WORKBENCH_USER')\gexec
ALTER ROLE $DP_PG_SILO_USER LOGIN INHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;
ALTER ROLE $DP_PG_IMPORT_USER LOGIN INHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;
-- A role made NOLOGIN by migration 0042 before this ran gets its login and password here.
ALTER ROLE $DP_PG_WORKBENCH_USER LOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '$DP_PG_WORKBENCH_PASSWORD';
ALTER ROLE datapunk_fix_copy NOLOGIN BYPASSRLS;
ALTER ROLE datapunk_search NOLOGIN BYPASSRLS;
GRANT datapunk_app TO $DP_PG_SILO_USER, $DP_PG_IMPORT_USER;
GRANT datapunk_fix_copy TO $DP_PG_IMPORT_USER;
SQL
}

# ------------------------------------------------------------------ Redis ---

dp_redis_ready() {
  [[ "$(redis-cli -h "$DP_REDIS_HOST" -p "$DP_REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]
}

dp_start_redis() {
  if [[ -n "${DATAPUNK_REDIS:-}" ]]; then
    dp_log "DATAPUNK_REDIS is set: using $DATAPUNK_REDIS, not starting a local Redis"
    return 0
  fi
  if dp_redis_ready; then
    dp_log "Redis already answering on $DP_REDIS_HOST:$DP_REDIS_PORT"
    return 0
  fi
  mkdir -p "$DP_STATE/redis" "$DP_STATE/logs" "$DP_STATE/pids"
  dp_log "starting Redis on $DP_REDIS_HOST:$DP_REDIS_PORT (data and log in .datapunk/)"
  redis-server --daemonize yes --bind "$DP_REDIS_HOST" --port "$DP_REDIS_PORT" \
      --dir "$DP_STATE/redis" --logfile "$DP_STATE/logs/redis.log" \
      --pidfile "$DP_STATE/pids/redis.pid" \
    || dp_die "redis-server failed to start (log: $DP_STATE/logs/redis.log)"
  if ! dp_wait_until "$DP_SERVICE_TIMEOUT" "Redis on $DP_REDIS_HOST:$DP_REDIS_PORT" dp_redis_ready; then
    tail -n 20 "$DP_STATE/logs/redis.log" >&2 2>/dev/null || true
    dp_die "Redis is not answering PING on $DP_REDIS_HOST:$DP_REDIS_PORT (log above: $DP_STATE/logs/redis.log)"
  fi
  dp_log "Redis ready on $DP_REDIS_HOST:$DP_REDIS_PORT"
}

dp_start_services() {
  dp_start_postgres
  dp_start_redis
}
