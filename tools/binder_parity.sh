#!/usr/bin/env bash
# Binder parity without Docker: build what repo2docker builds from binder/ (apt.txt, runtime.txt,
# requirements.txt, postBuild) in a fresh venv, then run every notebook under nbval in it, so the
# Binder environment cannot drift from the code.   Usage: tools/binder_parity.sh [ENV_DIR]
# (ENV_DIR given: kept afterwards; default: a temporary venv, removed at the end.)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ge 1 ]; then ENV_DIR=$1; else
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/minigrad-binder.XXXXXX"); ENV_DIR="$tmp/env"; trap 'rm -rf "$tmp"' EXIT
fi
compgen -G "notebooks/*.ipynb" >/dev/null || { echo "binder parity: no notebooks/*.ipynb to run" >&2; exit 1; }

# apt.txt: each package must be installed; as root, install what is missing.
missing=$(grep -vE '^\s*(#|$)' binder/apt.txt | while read -r p; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    # shellcheck disable=SC2086
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else echo "binder parity: missing apt packages: $missing" >&2; exit 1; fi
fi

# runtime.txt: warn when this machine's Python differs from Binder's.
want=$(sed -n 's/^python-\([0-9.]*\).*/\1/p' binder/runtime.txt 2>/dev/null || true)
have=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
[ -z "$want" ] || [ "$want" = "$have" ] || echo "binder parity: warning: runtime.txt wants python $want, here $have" >&2

# requirements.txt (exactly), then postBuild from the repo root with the env's python first on PATH.
echo "binder parity: building $ENV_DIR from binder/"
python3 -m venv "$ENV_DIR"
"$ENV_DIR/bin/python" -m pip install -q -r binder/requirements.txt nbval pytest
PATH="$ENV_DIR/bin:$PATH" ./binder/postBuild >/dev/null

# JupyterLab must see the ipywidgets extension, or widgets show as plain text.
"$ENV_DIR/bin/jupyter" labextension list 2>&1 | grep -q "@jupyter-widgets/jupyterlab-manager.*enabled" \
  || { echo "binder parity: jupyterlab-manager (ipywidgets) extension missing" >&2; exit 1; }

# Run from a copy outside the checkout, so the notebooks import the installed package, not ./minigrad.
work=$(mktemp -d "${TMPDIR:-/tmp}/minigrad-binder-nb.XXXXXX")
cp -r notebooks nbval-sanitize.cfg "$work/"
cd "$work"
"$ENV_DIR/bin/python" -c 'import minigrad; print("binder parity: minigrad", minigrad.__version__, "from", minigrad.__file__)'
rc=0
PYTHONHASHSEED=0 "$ENV_DIR/bin/python" -m pytest --nbval --nbval-current-env --nbval-sanitize-with nbval-sanitize.cfg \
  --nbval-cell-timeout=300 notebooks/ -p no:cacheprovider -q || rc=$?
rm -rf "$work"
exit $rc
