#!/bin/sh
# Creates the Python virtual environment the FHIR validity test uses, at the path given as argument.
# Usage: clinic/tests/setup-venv.sh /work/main/.venv   then   TIDELINE_FHIR_PY=/work/main/.venv/bin/python
set -eu
venv="${1:?usage: setup-venv.sh VENV_DIR}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check 'fhir.resources>=8,<9'
