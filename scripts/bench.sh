#!/usr/bin/env bash
# Datapunk benchmarks: build Release, run the Orleans runtime and import benchmarks and write
# docs/benchmarks.md from this run's results, targets met or not, beside the last figures of the
# home-made actor runtime Datapunk had before Orleans (Benchmarks/baselines/home-made-runtime.tsv).
#
#   scripts/bench.sh                      all benchmarks, full length (the 10 M-fix import takes long)
#   scripts/bench.sh --quick              short phases: checks the harness, numbers mean little
#   scripts/bench.sh local-calls cross-silo --duration 20
#   scripts/bench.sh import --import-fixes 1000000
#   scripts/bench.sh evaluation           the Cortex evaluation; it writes docs/evaluation.md itself
#
# The import benchmark's figures have a section of their own in the doc: a run of only `import`
# rewrites that section and keeps the runtime's; a run without `import` keeps the import section.
#
# Arguments go to Datapunk.Benchmarks (`--help` lists them). Every result is also
# appended to Benchmarks/results/results.tsv (git-ignored) under this run's id.
# Run it on a quiet machine: the benchmarks, the silos and PostgreSQL share its cores.
# DATAPUNK_BENCH_NO_BUILD=1 skips the build and runs the Release build that is there.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck disable=SC2034  # read by services.sh
DP_ROOT="$ROOT"
# shellcheck source=scripts/lib/services.sh
source "$ROOT/scripts/lib/services.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PROJECT="Benchmarks/Datapunk.Benchmarks"
RESULTS="$ROOT/Benchmarks/results/results.tsv"
BASELINE="$ROOT/Benchmarks/baselines/home-made-runtime.tsv"
DOC="$ROOT/docs/benchmarks.md"
RUN_ID="$(date -u +%Y%m%d-%H%M%S)"
LOG="$ROOT/Benchmarks/results/run-$RUN_ID.log"

ARGS=("$@")
[[ ${#ARGS[@]} -gt 0 ]] || ARGS=(all)
QUICK=no
RUNS_IMPORT=no
RUNS_RUNTIME=no
RUNS_MAP=no
RUNS_EVALUATION=no
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
    map|map-scale|browser|search-scale|search-merge) RUNS_MAP=yes ;;
    evaluation) RUNS_EVALUATION=yes ;;
    all) RUNS_IMPORT=yes; RUNS_RUNTIME=yes ;;
    *) RUNS_RUNTIME=yes ;;
  esac
done
[[ "$RUNS_IMPORT" == yes || "$RUNS_RUNTIME" == yes || "$RUNS_MAP" == yes || "$RUNS_EVALUATION" == yes ]] || { RUNS_IMPORT=yes; RUNS_RUNTIME=yes; }

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
if [[ "${DATAPUNK_BENCH_NO_BUILD:-0}" != 1 ]]; then
  dp_log "dotnet build -c Release $PROJECT"
  dotnet build -c Release "$PROJECT" -nologo -v quiet
fi

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

# Rows of one part ($1: "runtime" or "import") of a results file ($2), of run $3 (every run when empty):
# utc_time run_id benchmark metric value unit target met details.
part_rows() {
  awk -F'\t' -v part="$1" -v run="$3" \
    'NR > 1 && (run == "" || $2 == run) && $3 != "map" && ((part == "import") == ($3 == "import"))' "$2" 2>/dev/null || true
}

# This run's rows; $1 selects the runtime's ("runtime", the default) or the import benchmark's ("import").
rows() { part_rows "${1:-runtime}" "$RESULTS" "$RUN_ID"; }

# The home-made runtime's last rows of the same part.
baseline_rows() { part_rows "${1:-runtime}" "$BASELINE" ""; }

baseline_run() { baseline_rows "${1:-runtime}" | awk -F'\t' '{ print $2; exit }'; }

# 1234567.8 -> 1,234,568; small numbers keep their decimals.
AWK_NUMBER='function num(v,   s, r) { if (v !~ /^-?[0-9.]+$/ || v + 0 < 1000) return v; s = sprintf("%.0f", v); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) } return s r }'

# Metrics the comparison shows besides those with a target: the figures the move to Orleans is judged by.
KEY_METRICS='throughput at 16 callers|allocated per call|CPU per call|p50 latency at half the measured maximum|p99 latency at half the measured maximum|resident memory per idle activation|allocated per activation|second user fixes/s'

# This run's headline figures beside the home-made runtime's for the same benchmark and metric.
headline_table() {
  local part="${1:-runtime}"
  echo "| benchmark | metric | Orleans 10.4.2 (this run) | home-made runtime (run $(baseline_run "$part")) | target | met on Orleans? |"
  echo "| --- | --- | --- | --- | --- | --- |"
  { baseline_rows "$part"; echo "=== this run ==="; rows "$part"; } | awk -F'\t' -v keys="$KEY_METRICS" "$AWK_NUMBER"'
    BEGIN { n = split(keys, list, "|"); for (i = 1; i <= n; i++) key[list[i]] = 1 }
    $0 == "=== this run ===" { current = 1; next }
    !current { old[$3 SUBSEP $4] = num($5) " " $6; next }
    $4 == "failed" { printf "| %s | failed | %s | | | **no** |\n", $3, $9; next }
    $7 != "" || ($4 in key) {
      before = (($3 SUBSEP $4) in old) ? old[$3 SUBSEP $4] : "n/a"
      met = ($7 == "") ? "" : ($8 == "yes" ? "yes" : "**no**")
      printf "| %s | %s | %s %s | %s | %s | %s |\n", $3, $4, num($5), $6, before, $7, met
    }'
}

# The rows with a target of the home-made runtime's last run of a part, as they were reported then.
baseline_headline_table() {
  echo "| benchmark | metric | measured | target | met? |"
  echo "| --- | --- | --- | --- | --- |"
  baseline_rows "${1:-runtime}" | awk -F'\t' "$AWK_NUMBER"'
    $7 != "" { printf "| %s | %s | %s %s | %s | %s |\n", $3, $4, num($5), $6, $7, ($8 == "yes" ? "yes" : "**no**") }'
}

# Every number of a part; $2 "baseline" takes the home-made runtime's instead of this run's.
detail_table() {
  echo "| benchmark | metric | value | details |"
  echo "| --- | --- | --- | --- |"
  if [[ "${2:-}" == baseline ]]; then baseline_rows "${1:-runtime}"; else rows "${1:-runtime}"; fi |
    awk -F'\t' "$AWK_NUMBER"'{ printf "| %s | %s | %s %s | %s |\n", $3, $4, num($5), $6, $9 }'
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
  local quick_note=""
  if [[ "$QUICK" == yes ]]; then
    quick_note=$'\n\n> **Quick run**: a small Takeout (200,000 fixes unless --import-fixes says otherwise) checks the\n> harness; the home-made runtime\'s column is of 10 million fixes, so the two do not compare.'
  fi
  cat <<EOF
$IMPORT_BEGIN
## Import pipeline

Run \`$RUN_ID\` on Orleans 10.4.2, started $STARTED. Load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER.
The home-made runtime's column is its last import run, on the same 2-core machine type (all its numbers are below).$quick_note

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
(dropped afterwards), starts the real silo (\`Silo/bin/Release/…/Datapunk.Silo.dll\`, through
\`Datapunk.Testing\`'s \`SiloProcess\`) as a child process and drives it through its REST gateway: a
warm-up import of a Takeout of the same formats in other years (JIT), then the **first import**
(timed from the start call to Completed, as \`datapunk import --wait\` sees it), the **re-import** of
the same parts by the same user, and a **second user's** import of the same parts into months that
already hold the first user's fixes and records (the steady state of a multi-user system). The
silo's resident memory is sampled every 50 ms from /proc; CPU time is split between the silo
process, PostgreSQL (its live processes plus the postmaster's reaped children) and the whole
machine. docs/import.md discusses the figures.

### The home-made runtime's last import run (\`$(baseline_run import)\`)

$(detail_table import baseline)
$IMPORT_END
EOF
}

PRESERVED_IMPORT="$(import_section)"

# The map benchmark's section is written by hand (its figures come with the query plans behind
# them); every rewrite of the doc keeps it as it is.
MAP_BEGIN='<!-- map benchmark: kept by scripts/bench.sh -->'
MAP_END='<!-- end of map benchmark -->'
PRESERVED_MAP="$([[ -f "$DOC" ]] && awk -v b="$MAP_BEGIN" -v e="$MAP_END" '$0 == b { on = 1 } on { print } $0 == e { on = 0 }' "$DOC")"
# So is the search benchmarks' (search-scale, search-merge): figures beside their query plans.
SEARCH_BEGIN='<!-- search benchmarks: kept by scripts/bench.sh -->'
SEARCH_END='<!-- end of search benchmarks -->'
PRESERVED_SEARCH="$([[ -f "$DOC" ]] && awk -v b="$SEARCH_BEGIN" -v e="$SEARCH_END" '$0 == b { on = 1 } on { print } $0 == e { on = 0 }' "$DOC")"

if [[ "$RUNS_RUNTIME" != yes && "$RUNS_IMPORT" != yes && "$RUNS_EVALUATION" == yes ]]; then
  dp_log "the evaluation wrote docs/evaluation.md (run $RUN_ID; log ${LOG#"$ROOT"/})"
  exit "$STATUS"
fi

if [[ "$RUNS_RUNTIME" != yes && "$RUNS_IMPORT" != yes ]]; then
  dp_log "the map and search benchmarks' figures are in ${RESULTS#"$ROOT"/} (run $RUN_ID); docs/benchmarks.md records them by hand (sections \"Map points\", \"Search\")"
  exit "$STATUS"
fi

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

Performance of Datapunk's actor runtime, Microsoft Orleans 10.4.2 on PostgreSQL, and of the import
pipeline (last section), measured by \`Benchmarks/Datapunk.Benchmarks\`; beside each figure, the
last one of the home-made actor runtime (\`Actors/Datapunk.Actors\`) that Orleans replaced. This
file is written by \`scripts/bench.sh\`; edit the prose there, not here.

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
## Results: Orleans 10.4.2, and the home-made runtime before it

Run \`$RUN_ID\` on Orleans 10.4.2, started $STARTED, on the machine described below. Load average
(1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER. The home-made runtime's column is its
last run (\`$(baseline_run)\`, 2026-11-22, on the same 2-core machine type; all its numbers are in the
last section); n/a where it had no such metric.

$(headline_table)

Command (from the repository root): \`scripts/bench.sh${*:+ $*}\`, which ran

    ${COMMAND[*]}

Read the two columns with the workloads' differences in mind: the home-made runtime's per-call
costs are at its best level (4 callers; at 16 callers it allocated 240 B and used 0.49 µs of CPU
per call), its state writes went through its own storage with 4 counters per caller loop, and it
placed grains by hashing them to partitions that silos leased, where Orleans uses placement
strategies and a grain directory.

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
| Orleans | $(sed -n 's:.*<OrleansVersion>\(.*\)</OrleansVersion>.*:\1:p' "$ROOT/Directory.Packages.props"), ADO.NET clustering and grain storage on PostgreSQL |
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
  own silo(s) under a fresh cluster id, runs a warm-up phase (JIT, tiering, activations,
  connections) and then a measured phase of the same workload.
- **Closed loop** (\`Harness/ClosedLoop.cs\`): N caller loops, each awaiting its call before the
  next; every call's latency goes into a log-linear histogram (< 1.6 % error). Used for maximum
  throughput; the curve over N is reported, and the best level is the headline.
- **Open loop** (\`Harness/OpenLoop.cs\`, cross-silo latency): a paced sender issues calls at a
  fixed rate (half the measured maximum; then half the 50,000 calls/s target) whether or not
  earlier ones finished, and measures each latency from the call's *scheduled* send time, so
  stalls are not hidden (no coordinated omission). The sender wakes about once a millisecond; its
  own lag is reported beside the latency measured from the actual send.
- **Per-operation costs** for every phase: bytes allocated in the benchmark process
  (\`GC.GetTotalAllocatedBytes\`), CPU time (of both processes for cross-silo) and collections.
  \`--alloc-profile\` adds the allocating types (sampled \`GCAllocationTick\` events).
- **Silos** (\`Silos/BenchmarkSilo.cs\`): Orleans set up like Datapunk's silo (ADO.NET clustering
  and grain storage on PostgreSQL in schema \`orleans\`, created by the silo's own migrations;
  System.Text.Json storage serializer; probe timeout 1 s, 2 missed probes, table refresh 5 s) on
  loopback TCP, with a collection age of 2 h so that nothing is collected mid-run. Every benchmark
  has a cluster id of its own (also its service id); its rows in \`orleans.membership\`,
  \`membership_version\`, \`grain_state\` and \`reminders\` are deleted at the end of the run.
  Cross-silo: this process hosts silo A; silo B is a second copy of the benchmark executable
  (started with \`DATAPUNK_BENCH_ROLE=silo\` through \`Datapunk.Testing\`'s \`SiloProcess\`). The
  grains are \`[PreferLocalPlacement]\`: an Orleans client whose only gateway is B activates them
  there, and before measuring the benchmark checks that every one, called from A, reports running on B.

| benchmark | workload |
| --- | --- |
| local-calls | 1,000 non-persisted \`[PreferLocalPlacement]\` \`PingGrain\`s on one in-process silo, called through its \`IGrainFactory\` from outside grain code at 1 to 1,024 concurrent caller loops; allocation and CPU per call at 16 callers |
| cross-silo | 1,000 \`PingGrain\`s on silo B (a second process), called from silo A over loopback TCP: closed loop at 16 to 1,024 callers for the maximum, then an open loop at half of it for p50/p99 |
| activation | 100,000 first calls to a trivial \`ProbeGrain\` by 64 concurrent callers; time per activation = wall time / activations; heap (\`GC.GetTotalMemory(true)\`) and resident memory (VmRSS) per idle activation from before and after, with all of them alive |
| state-writes | \`CounterGrain.AddAsync\` (one \`WriteStateAsync\` through Orleans' ADO.NET grain storage each), one counter per caller loop, so 16, 32 and 64 grains writing at once; the silo's pool is capped at 40 connections; the counters' totals are checked against the acknowledged additions |

Every run appends its rows to \`Benchmarks/results/results.tsv\` (tab-separated, with the run id),
so runs can be compared; \`./datapunk bench ARGS\` runs the same program and appends there too, but leaves this file alone.

## The home-made runtime's last figures

Run \`$(baseline_run)\`, 2026-11-22, of \`Actors/Datapunk.Actors\`: Datapunk's own actor runtime
(256 partitions leased by the silos through PostgreSQL, its own transport and grain storage), since
replaced by Orleans. Same harness and 2-core machine type (AMD EPYC, 23.5 GiB, Debian 12, .NET
10.0.12, PostgreSQL 15.20); kept in \`Benchmarks/baselines/home-made-runtime.tsv\`.

$(baseline_headline_table)

$(detail_table runtime baseline)
EOF
  if [[ -n "$PRESERVED_IMPORT" ]]; then
    echo
    echo "$PRESERVED_IMPORT"
  fi
  if [[ -n "$PRESERVED_MAP" ]]; then
    echo
    echo "$PRESERVED_MAP"
  fi
  if [[ -n "$PRESERVED_SEARCH" ]]; then
    echo
    echo "$PRESERVED_SEARCH"
  fi
} >"$DOC"

dp_log "wrote ${DOC#"$ROOT"/} (run $RUN_ID; log ${LOG#"$ROOT"/})"
exit "$STATUS"
