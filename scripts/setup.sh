#!/usr/bin/env bash
# Install what is missing and start PostgreSQL + Redis, without building or
# running Datapunk (what `./datapunk up` and `./datapunk test` do first).
set -euo pipefail
# shellcheck source=scripts/lib/services.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"
dp_install_all
dp_start_services
