#!/usr/bin/env bash
# The test command (README, .ci/run): a virtualenv with every extra, throwaway PostgreSQL and
# MariaDB servers on 127.0.0.1 (tests/services.sh), then pytest. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${GDPRSCAN_VENV:-.venv}
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e '.[all,test]'
export PATH="$PWD/$VENV/bin:$PATH"

if [ "${GDPRSCAN_NO_SERVICES:-}" != 1 ] && [ -f tests/services.sh ]; then
  # shellcheck disable=SC1091
  source tests/services.sh
  services_start
  trap services_stop EXIT
fi
if [ -f tests/browser.sh ]; then
  # shellcheck disable=SC1091
  source tests/browser.sh
  browser_setup
fi
set +e
python -m pytest -n "${GDPRSCAN_TEST_WORKERS:-2}" "$@"
rc=$?
set -e
exit $rc
