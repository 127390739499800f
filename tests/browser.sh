# Sourced by tests/run.sh: Debian's chromium (and a font) for the HTML report tests
# (tests/scanner/test_html_report.py). browser_setup installs them when chromium is missing; it never
# aborts the test run: without root or apt the tests skip, or fail in CI (GDPRSCAN_REQUIRE_SERVICES=1).

browser_setup() {
  if command -v chromium >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "browser.sh: chromium missing and apt-get unavailable; the HTML report tests will skip" >&2
    return 0
  fi
  local packages="chromium fonts-dejavu-core"
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086
  if ! apt-get install -y -q --no-install-recommends $packages >/dev/null 2>&1; then
    apt-get update -q >/dev/null 2>&1 || true  # only when the package lists are stale or missing
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $packages >/dev/null 2>&1 || true
  fi
  command -v chromium >/dev/null 2>&1 || echo "browser.sh: installing chromium failed" >&2
  return 0
}
