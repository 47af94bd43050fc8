#!/usr/bin/env bash
# Datapunk benchmarks: build Release, run the actor runtime and import benchmarks and write
# docs/benchmarks.md from this run's results, targets met or not.
#
#   scripts/bench.sh                      all benchmarks, full length (the 10 M-fix import takes long)
#   scripts/bench.sh --quick              short phases: checks the harness, numbers mean little
#   scripts/bench.sh local-calls cross-silo --duration 20
#   scripts/bench.sh import --import-fixes 1000000
#
# The import benchmark's figures have a section of their own in the doc: a run of only `import`
# rewrites that section and keeps the runtime's; a run without `import` keeps the import section.
#
# Arguments go to Datapunk.Benchmarks (`--help` lists them). Every result is also
# appended to Benchmarks/results/results.tsv (git-ignored) under this run's id.
# Run it on a quiet machine: the benchmarks, the silos and PostgreSQL share its cores.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck disable=SC2034  # read by services.sh
DP_ROOT="$ROOT"
# shellcheck source=scripts/lib/services.sh
source "$ROOT/scripts/lib/services.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PROJECT="Benchmarks/Datapunk.Benchmarks"
RESULTS="$ROOT/Benchmarks/results/results.tsv"
DOC="$ROOT/docs/benchmarks.md"
RUN_ID="$(date -u +%Y%m%d-%H%M%S)"
LOG="$ROOT/Benchmarks/results/run-$RUN_ID.log"

ARGS=("$@")
[[ ${#ARGS[@]} -gt 0 ]] || ARGS=(all)
QUICK=no
RUNS_IMPORT=no
RUNS_RUNTIME=no
takes_value=no
for arg in "${ARGS[@]}"; do
  if [[ "$takes_value" == yes ]]; then
    takes_value=no
    continue
  fi
  case "$arg" in
    --quick) QUICK=yes ;;
    --alloc-profile|--import-keep-db|-h|--help) ;;
    -*) takes_value=yes ;;
    import) RUNS_IMPORT=yes ;;
    all) RUNS_IMPORT=yes; RUNS_RUNTIME=yes ;;
    *) RUNS_RUNTIME=yes ;;
  esac
done
[[ "$RUNS_IMPORT" == yes || "$RUNS_RUNTIME" == yes ]] || { RUNS_IMPORT=yes; RUNS_RUNTIME=yes; }

# ----------------------------------------------------------------- facts ---

# PostgreSQL's version, asked over the benchmarks' own Npgsql connection string.
pg_version() {
  local pair key value
  local -a pairs
  local -a env=()
  IFS=';' read -ra pairs <<<"$1"
  for pair in "${pairs[@]}"; do
    key="${pair%%=*}" value="${pair#*=}"
    case "${key,,}" in
      host|server) env+=("PGHOST=$value") ;;
      port) env+=("PGPORT=$value") ;;
      database) env+=("PGDATABASE=$value") ;;
      username|user\ id|userid|user) env+=("PGUSER=$value") ;;
      password) env+=("PGPASSWORD=$value") ;;
    esac
  done
  env "${env[@]}" psql -XAtc 'SHOW server_version' 2>/dev/null || echo "unknown"
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

os_name() {
  # shellcheck source=/dev/null
  (. /etc/os-release && printf '%s' "$PRETTY_NAME")
}

# --------------------------------------------------------------- run ---

dp_require_dotnet
dp_start_postgres
DATAPUNK_TEST_POSTGRES="$(dp_test_postgres)"
export DATAPUNK_TEST_POSTGRES

mkdir -p "$(dirname "$RESULTS")" "$(dirname "$DOC")"
cd "$ROOT"
dp_log "dotnet build -c Release $PROJECT"
dotnet build -c Release "$PROJECT" -nologo -v quiet

COMMAND=(dotnet run -c Release --no-build --project "$PROJECT" -- "${ARGS[@]}" --run-id "$RUN_ID" --results "${RESULTS#"$ROOT"/}")
LOAD_BEFORE="$(load_average)"
STARTED="$(date -u '+%Y-%m-%d %H:%M UTC')"
dp_log "${COMMAND[*]}"
set +e
"${COMMAND[@]}" 2>&1 | tee "$LOG"
STATUS=${PIPESTATUS[0]}
set -e
LOAD_AFTER="$(load_average)"

# ---------------------------------------------------------------- doc ---

# Rows of this run: utc_time run_id benchmark metric value unit target met details.
# $1 selects the runtime's rows ("runtime", the default) or the import benchmark's ("import").
rows() {
  awk -F'\t' -v run="$RUN_ID" -v part="${1:-runtime}" \
    'NR > 1 && $2 == run && ((part == "import") == ($3 == "import"))' "$RESULTS" 2>/dev/null || true
}

# 1234567.8 -> 1,234,568; small numbers keep their decimals.
AWK_NUMBER='function num(v,   s, r) { if (v !~ /^-?[0-9.]+$/ || v + 0 < 1000) return v; s = sprintf("%.0f", v); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) } return s r }'

headline_table() {
  echo "| benchmark | metric | measured | target | met? |"
  echo "| --- | --- | --- | --- | --- |"
  rows "${1:-runtime}" | awk -F'\t' "$AWK_NUMBER"'
    $7 != "" { printf "| %s | %s | %s %s | %s | %s |\n", $3, $4, num($5), $6, $7, ($8 == "yes" ? "yes" : "**no**") }
    $4 == "failed" { printf "| %s | failed | %s | | **no** |\n", $3, $9 }'
}

detail_table() {
  echo "| benchmark | metric | value | details |"
  echo "| --- | --- | --- | --- |"
  rows "${1:-runtime}" | awk -F'\t' "$AWK_NUMBER"'{ printf "| %s | %s | %s %s | %s |\n", $3, $4, num($5), $6, $9 }'
}

IMPORT_BEGIN='<!-- import benchmark: written by scripts/bench.sh when it runs import -->'
IMPORT_END='<!-- end of import benchmark -->'

# The import benchmark's section: this run's figures when it ran import, else the doc's current section.
import_section() {
  if [[ "$RUNS_IMPORT" != yes ]]; then
    if [[ -f "$DOC" ]]; then
      awk -v b="$IMPORT_BEGIN" -v e="$IMPORT_END" '$0 == b { on = 1 } on { print } $0 == e { on = 0 }' "$DOC"
    fi
    return 0
  fi
  cat <<EOF
$IMPORT_BEGIN
## Import pipeline

Run \`$RUN_ID\`, started $STARTED. Load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER.

$(headline_table import)

Command (from the repository root): \`scripts/bench.sh${ARGS[*]:+ ${ARGS[*]}}\`, which ran

    ${COMMAND[*]}

$(detail_table import)

**How it is measured** (\`Scenarios/ImportBenchmark.cs\`). A generator (\`Takeout/\`) writes a
synthetic Takeout in two zip parts, deterministic and reused between runs: part 1 holds
Records.json (70 % of the fixes, one every 45 s from 2012, on one line) and My Activity (Search
and YouTube, one event per ten fixes); part 2 holds Semantic Location History (monthly files of
activity segments whose raw paths carry the other 30 % of the fixes, and place visits) and a Gmail
mbox (one e-mail per hundred fixes). The benchmark creates a scratch database on the same server
(dropped afterwards), starts the real silo (\`Silo/bin/Release/…/Datapunk.Silo.dll\`) as a child
process and drives it through its gateway: a warm-up import of a Takeout of the same formats in
other years (JIT), then the **first import** (timed from the start call to Completed, as
\`datapunk import --wait\` sees it), the **re-import** of the same parts by the same user, and a
**second user's** import of the same parts, whose months already have partitions with position
indexes (the steady state of a multi-user system). The silo's resident memory is sampled every
50 ms from /proc; CPU time is split between the silo process, PostgreSQL (its live processes plus
the postmaster's reaped children) and the whole machine. docs/import.md discusses the figures.
$IMPORT_END
EOF
}

PRESERVED_IMPORT="$(import_section)"

if [[ "$RUNS_RUNTIME" != yes && -f "$DOC" ]]; then
  # Only the import benchmark ran: keep the runtime's figures and prose, replace the import section.
  awk -v b="$IMPORT_BEGIN" -v e="$IMPORT_END" '$0 == b { skip = 1 } !skip { print } $0 == e { skip = 0 }' "$DOC" |
    sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$DOC.tmp"
  { cat "$DOC.tmp"; echo; echo "$PRESERVED_IMPORT"; } >"$DOC"
  rm -f "$DOC.tmp"
  dp_log "wrote the import section of ${DOC#"$ROOT"/} (run $RUN_ID; log ${LOG#"$ROOT"/})"
  exit "$STATUS"
fi

{
  cat <<EOF
# Benchmarks

Performance of the actor runtime (\`Actors/Datapunk.Actors\`) and of the import pipeline (last
section), measured by \`Benchmarks/Datapunk.Benchmarks\`. This file is written by
\`scripts/bench.sh\`; edit the prose there, not here.

EOF
  if [[ "$QUICK" == yes ]]; then
    echo "> **Quick run** (\`--quick\`: 1 s warm-up, 2 s phases, fewer levels): it checks that the harness"
    echo "> works; its numbers are not the record. Run \`scripts/bench.sh\` on a quiet machine for those."
    echo
  fi
  if [[ "$STATUS" -ne 0 ]]; then
    echo "> **The run did not finish cleanly** (exit status $STATUS); see the failed rows and \`${LOG#"$ROOT"/}\`."
    echo
  fi
  cat <<EOF
## Results

Run \`$RUN_ID\`, started $STARTED. Load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER.

$(headline_table)

Command (from the repository root): \`scripts/bench.sh${*:+ $*}\`, which ran

    ${COMMAND[*]}

### Every number of this run

Per concurrency level: throughput, then p50/p99 latency, bytes allocated per operation in the
benchmark process, CPU per operation, and the garbage collections during the phase.

$(detail_table)

## Machine

| | |
| --- | --- |
| cores (nproc) | $(nproc) |
| CPU | $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') |
| memory | $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) |
| OS | $(os_name), kernel $(uname -r) |
| .NET | SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }') |
| PostgreSQL | $(pg_version "$DATAPUNK_TEST_POSTGRES") on the same machine |

**Caveat: callers, silos and PostgreSQL share the same $(nproc) cores.** The load generator, silo A,
silo B (cross-silo) and the database all compete for them, so every number is lower than what a
silo would do on cores of its own, and latency includes waiting for a core. Numbers from a busy
machine (see the load averages above) are noise.

## How the harness works

- **Plain \`Stopwatch\` phases, no BenchmarkDotNet.** BenchmarkDotNet's process-per-benchmark,
  pilot and many-iteration approach takes far longer than the CI and developer time budget of a
  2-core machine allows, and it is built for microbenchmarks of methods, not for a system with
  silos, sockets and a database. Each benchmark here is one class (\`Scenarios/\`) that starts its
  own silo(s) under a fresh cluster id, waits until they own their partitions, runs a warm-up
  phase (JIT, tiering, activations, connections) and then a measured phase of the same workload.
- **Closed loop** (\`Harness/ClosedLoop.cs\`): N caller loops, each awaiting its call before the
  next; every call's latency goes into a log-linear histogram (< 1.6 % error). Used for maximum
  throughput; the curve over N is reported, and the best level is the headline.
- **Open loop** (\`Harness/OpenLoop.cs\`, cross-silo latency): a paced sender issues calls at a
  fixed rate (half the measured maximum) whether or not earlier ones finished, and measures each
  latency from the call's *scheduled* send time, so stalls are not hidden (no coordinated
  omission). The sender wakes about once a millisecond; its own lag is reported beside the
  latency measured from the actual send.
- **Per-operation costs** for every phase: bytes allocated in the benchmark process
  (\`GC.GetTotalAllocatedBytes\`), CPU time (of both processes for cross-silo) and collections.
  \`--alloc-profile\` adds the allocating types (sampled \`GCAllocationTick\` events).
- **Silos**: \`SiloPort\` 0, collection age 2 h (nothing is collected mid-run), other timings as
  in production. Cross-silo: this process hosts silo A; silo B is a second copy of the benchmark
  executable (\`Datapunk.Benchmarks silo --cluster ID\`). The benchmark waits until each holds 128
  of the 256 partitions, picks grains whose partition (\`PartitionHasher\`) B owns, and checks
  that every one of them reports running on B before measuring.

| benchmark | workload |
| --- | --- |
| local-calls | 1,000 non-persisted \`PingGrain\`s on one in-process silo, called through its \`IGrainFactory\` from outside grain code at 1 to 1,024 concurrent caller loops |
| cross-silo | 1,000 \`PingGrain\`s owned by silo B, called from silo A: closed loop at 16 to 1,024 callers for the maximum, then an open loop at half of it for p50/p99 |
| activation | 100,000 first calls to a trivial \`ProbeGrain\` by 64 concurrent callers; time per activation = wall time / activations; heap per idle activation from \`GC.GetTotalMemory(true)\` before and after, with all of them alive |
| state-writes | \`CounterGrain.AddAsync\` (one \`WriteStateAsync\` to PostgreSQL each), 4 counters per caller loop so loops never queue on one grain, at 8 to 64 callers; the silo's pool is capped at 40 connections; the counters' totals are checked against the acknowledged additions |

Every run appends its rows to \`Benchmarks/results/results.tsv\` (tab-separated, with the run id),
so runs can be compared; \`./datapunk bench ARGS\` runs the same program and appends there too, but leaves this file alone.
EOF
  if [[ -n "$PRESERVED_IMPORT" ]]; then
    echo
    echo "$PRESERVED_IMPORT"
  fi
} >"$DOC"

dp_log "wrote ${DOC#"$ROOT"/} (run $RUN_ID; log ${LOG#"$ROOT"/})"
exit "$STATUS"
