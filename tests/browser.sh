# Sourced by tests/run.sh: Debian's chromium for the HTML report tests (tests/scanner/test_html_report.py).
# browser_setup installs it when it is missing; without root or apt it says so and the tests skip
# (or fail in CI, where GDPRSCAN_REQUIRE_SERVICES=1).

browser_setup() {
  if command -v chromium >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "browser.sh: chromium missing and cannot apt-get install it; HTML report tests will skip" >&2
    return 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1; then
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends chromium >/dev/null
  fi
  command -v chromium >/dev/null 2>&1 || echo "browser.sh: chromium install failed" >&2
  return 0
}
