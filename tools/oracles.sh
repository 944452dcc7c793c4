#!/usr/bin/env bash
# Build the oracle venvs that the `oracle` tests drive through a subprocess:
#   .oracles/tf  tensorflow-cpu 2.21.0                          (MINIGRAD_ORACLE_TF = .oracles/tf/bin/python)
#   .oracles/ms  mindspore 2.10.0 + jax/jaxlib 0.7.1, numpy<2   (MINIGRAD_ORACLE_MS = .oracles/ms/bin/python)
# Usage: tools/oracles.sh [tf] [ms]        (default: both; about 5 GB of venvs)
# A venv that already imports its frameworks is kept. A failed install removes its venv, so the
# oracle tests skip instead of failing; the script then exits 1. Logs: .oracles/NAME.log.
# Set MINIGRAD_ORACLES_DIR to build them elsewhere, PYTHON to choose the interpreter (python3).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${MINIGRAD_ORACLES_DIR:-.oracles}"
PY="${PYTHON:-python3}"
mkdir -p "$DIR"

# install NAME "IMPORTS" PIP-REQUIREMENTS...
install() {
  local name=$1 imports=$2; shift 2
  local venv="$DIR/$name" log="$DIR/$name.log" t0=$SECONDS
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import $imports" >/dev/null 2>&1; then
    echo "oracle $name: already installed ($venv)"; return 0
  fi
  echo "oracle $name: installing $* into $venv (log: $log)"
  rm -rf "$venv"
  if "$PY" -m venv "$venv" >"$log" 2>&1 \
     && "$venv/bin/python" -m pip install --no-input --progress-bar off "$@" >>"$log" 2>&1 \
     && "$venv/bin/python" -c "import $imports" >>"$log" 2>&1; then
    echo "oracle $name: ready in $((SECONDS - t0)) s"
  else
    echo "oracle $name: install FAILED after $((SECONDS - t0)) s; its tests will skip. Last lines of $log:" >&2
    tail -n 5 "$log" >&2 || true
    rm -rf "$venv"
    return 1
  fi
}

names=("$@")
[ ${#names[@]} -gt 0 ] || names=(tf ms)
status=0
for name in "${names[@]}"; do
  case "$name" in
    tf) install tf "tensorflow" "tensorflow-cpu==2.21.0" || status=1 ;;
    ms) install ms "mindspore, jax" "numpy<2" "mindspore==2.10.0" "jax==0.7.1" "jaxlib==0.7.1" || status=1 ;;
    *) echo "unknown oracle: $name (tf or ms)" >&2; status=2 ;;
  esac
done
exit $status
