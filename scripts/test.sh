#!/usr/bin/env bash
# The whole suite, on Node.js 24: static checks, unit and integration tests on the embedded
# database, and browser journeys in Chromium with axe-core. Set TEST_DATABASE_URL to run the
# database tests on a PostgreSQL server instead; set WELLWORK_TEST_PARTS to "checks", "unit" or
# "browser" to run only part of it.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=Europe/London
# Everything runs on the Node.js that npm installed beside Wellwork (node-linux-*, Node.js 24),
# however this script was started: npm scripts put node_modules/.bin first on PATH, and so does
# this line when it is run directly. tsx, npx and the test runner's child processes follow PATH.
export PATH="$PWD/node_modules/.bin:$PATH"
echo "== Node.js $(node --version) ($(command -v node))" >&2
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 24 ]; then
  echo "Wellwork is tested on Node.js 24 and this is $(node --version): run npm ci, which installs Node.js 24 on Linux (x64, arm64), or install Node.js 24 yourself." >&2
  exit 1
fi
parts="${WELLWORK_TEST_PARTS:-checks unit browser}"

find_chromium() {
  for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

if [[ " $parts " == *" browser "* ]] && ! find_chromium >/dev/null; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser journeys…" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  else
    echo "Chromium is missing: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH." >&2
    exit 1
  fi
fi

npx tsx scripts/build-assets.ts

if [[ " $parts " == *" checks "* ]]; then
  # The checks are independent and each keeps one core busy: run side by side, each one's
  # output is shown when it fails. The boundaries between modules are checked by
  # dependency-cruiser (.dependency-cruiser.cjs, docs/architecture.md).
  echo "== typecheck, lint, format and module boundaries" >&2
  logs="$(mktemp -d)"
  npx tsc --noEmit >"$logs/typecheck" 2>&1 &
  typecheck=$!
  npx eslint --max-warnings 0 . >"$logs/lint" 2>&1 &
  lint=$!
  npx prettier --check . >"$logs/format" 2>&1 &
  format=$!
  npx depcruise src --config .dependency-cruiser.cjs --output-type err >"$logs/boundaries" 2>&1 &
  boundaries=$!
  failed=""
  wait "$typecheck" || failed+=" typecheck"
  wait "$lint" || failed+=" lint"
  wait "$format" || failed+=" format"
  wait "$boundaries" || failed+=" boundaries"
  for check in $failed; do
    echo "== ${check} failed" >&2
    cat "$logs/$check" >&2
  done
  rm -rf "$logs"
  [ -z "$failed" ] || exit 1
fi

if [[ " $parts " == *" unit "* ]]; then
  # On PostgreSQL each test file has a database of its own (src/testing/test-database.ts) and
  # spends much of its time waiting on the server, so more files run at once than on the
  # embedded database, which keeps its process's core busy.
  if [ -n "${TEST_DATABASE_URL:-}" ]; then
    database="PostgreSQL"
    concurrency="${WELLWORK_TEST_CONCURRENCY:-4}"
  else
    database="PGlite"
    concurrency="${WELLWORK_TEST_CONCURRENCY:-2}"
  fi
  echo "== unit and integration tests (${database})" >&2
  mapfile -t files < <(find src -name '*.test.ts' | sort)
  # The files are dealt into one share per process, as cards round a table, and each process runs
  # its share one file after another without a process of its own for each
  # (--test-isolation=none): importing the app once a process rather than once a file halves the
  # processor time of the suite. Each file still opens its own database, when it is imported. On
  # PostgreSQL, where that would hold a share's every database and pool open at once, each file
  # keeps a process of its own. WELLWORK_TEST_ISOLATION=process asks for that on the embedded
  # database too, as a check that no file leans on another.
  isolation="${WELLWORK_TEST_ISOLATION:-none}"
  [ -z "${TEST_DATABASE_URL:-}" ] || isolation=process
  if [ "$isolation" = "process" ]; then
    npx tsx --test --test-concurrency="${concurrency}" "${files[@]}"
  else
    shares="$(mktemp -d)"
    pids=()
    for ((share = 0; share < concurrency; share++)); do
      mine=()
      for ((i = share; i < ${#files[@]}; i += concurrency)); do mine+=("${files[$i]}"); done
      npx tsx --test --test-isolation=none "${mine[@]}" >"$shares/$share" 2>&1 &
      pids+=("$!")
    done
    failed=0
    for ((share = 0; share < concurrency; share++)); do
      wait "${pids[$share]}" || failed=1
      echo "== share $((share + 1)) of ${concurrency}" >&2
      cat "$shares/$share"
    done
    rm -rf "$shares"
    [ "$failed" = 0 ] || exit 1
  fi
fi

if [[ " $parts " == *" browser "* ]]; then
  echo "== browser journeys" >&2
  CHROMIUM_PATH="$(find_chromium)" && export CHROMIUM_PATH
  mapfile -t files < <(find tests/browser -name '*.test.ts' | sort)
  # One journey at a time unless WELLWORK_BROWSER_CONCURRENCY says more (.ci/run runs two, beside
  # the suite on PostgreSQL, to keep both cores busy once that suite is done).
  if [ "${#files[@]}" -gt 0 ]; then
    npx tsx --test --test-concurrency="${WELLWORK_BROWSER_CONCURRENCY:-1}" "${files[@]}"
  fi
fi
