#!/usr/bin/env bash
# Runs the journalist's notebook against a running SmartCityGraph server with Debian's Python
# (/usr/bin/python3 with python3-pandas, -networkx, -matplotlib, -nbconvert, -ipykernel, -requests; no
# PyPI needed). Any cell that fails fails the run.
#   docs/notebooks/run.sh http://127.0.0.1:5000             executes a copy (CI), the committed file stays
#   docs/notebooks/run.sh http://127.0.0.1:5000 --inplace   refreshes the committed outputs
set -euo pipefail
url=${1:?usage: docs/notebooks/run.sh <server url> [--inplace]}
here=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3
notebook="$here/smart-city-journalist.ipynb"
work=$(mktemp -d /tmp/smartcity-notebook.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The notebook names the kernel "python3". A kernel spec of our own, first on JUPYTER_PATH, makes that
# Debian's interpreter (the one with the libraries), whatever other "python3" (a pyenv shim) is on PATH.
mkdir -p "$work/jupyter/kernels/python3"
cat > "$work/jupyter/kernels/python3/kernel.json" <<JSON
{ "argv": ["$python", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
  "display_name": "Python 3 (ipykernel)", "language": "python" }
JSON

if [ "${2:-}" = "--inplace" ]; then target=(--inplace); else target=(--output-dir "$work" --output executed.ipynb); fi
SMARTCITYGRAPH_URL="$url" JUPYTER_PATH="$work/jupyter" PYDEVD_DISABLE_FILE_VALIDATION=1 "$python" -m nbconvert --to notebook --execute \
  --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=300 "${target[@]}" "$notebook"

executed="$notebook"; [ "${2:-}" = "--inplace" ] || executed="$work/executed.ipynb"
"$python" - "$executed" <<'PY'
import sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
code = [c for c in nb.cells if c.cell_type == "code"]
assert all(c.outputs for c in code), "a code cell produced no output"
assert not any(o.output_type == "error" for c in code for o in c.outputs), "a cell failed"
charts = sum(1 for c in code for o in c.outputs if "image/png" in o.get("data", {}))
assert charts >= 2, f"expected the path drawing and the monthly chart, found {charts} images"
print(f"notebook ran: {len(code)} code cells, {charts} charts")
PY
