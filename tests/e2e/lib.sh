# lib.sh — helpers for the end-to-end tests (sourced; run from the repository root).
set -u
ROOT=$(pwd)
BIN=$ROOT/bin
FAILS=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/bx-e2e.XXXXXX")
[ "${KEEP:-0}" = 1 ] && echo "keeping $TMP" || trap 'rm -rf "$TMP"' EXIT

fail() { echo "  FAIL: $*"; FAILS=$((FAILS + 1)); }
ok() { [ "${VERBOSE:-0}" = 1 ] && echo "  ok: $*"; return 0; }
check() { # check DESCRIPTION COMMAND...
	local what=$1; shift
	if "$@"; then ok "$what"; else fail "$what"; fi
}
finish() { [ "$FAILS" -eq 0 ]; }
# a CSV field by header name from the second line (one-row files such as document.csv)
docfield() { # docfield FILE COLUMN
	awk -v col="$2" -F, 'NR==1{for(i=1;i<=NF;i++) if($i==col) c=i} NR==2{print $c}' "$1"
}
not() { ! "$@"; }
