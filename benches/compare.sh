#!/usr/bin/env bash
# Runs every benchmark and prints each budgeted figure beside its budget.
#
#   benches/compare.sh            all benchmarks (about 25 minutes on 2 cores)
#   benches/compare.sh --table    only the table, from the last run's results
#
# The startup comparison needs a display: when none is set, a virtual one
# (Xvfb) is started for the run. The bare eframe window it compares against
# is built first. The frame figures (median and 95th percentile per screen)
# are printed by the `screens` benchmark itself.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" != "--table" ]]; then
  cargo build --release --example bare_window
  xvfb_pid=""
  if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    if command -v Xvfb >/dev/null; then
      Xvfb :93 -screen 0 1600x1000x24 >/dev/null 2>&1 &
      xvfb_pid=$!
      export DISPLAY=:93
      sleep 1
    else
      echo "no display and no Xvfb: the startup comparison will be skipped" >&2
    fi
  fi
  trap '[[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true' EXIT
  cargo bench 2>&1 | tee target/bench-output.txt
fi

# The median of one benchmark, in milliseconds, from criterion's results.
median_ms() {
  local file="target/criterion/$1/new/estimates.json"
  [[ -f "$file" ]] || { echo "—"; return; }
  # estimates.json: {"mean":{...},"median":{"confidence_interval":{...},"point_estimate":N,...},...}
  sed -e 's/.*"median":{[^}]*},"point_estimate":\([0-9.e+-]*\).*/\1/' "$file" |
    awk '{ printf "%.1f", $1 / 1e6 }'
}

row() { printf '| %-58s | %-14s | %10s |\n' "$1" "$2" "$3"; }

echo
echo "Budgets (medians in ms; large workbook: 200 teams × 20 indicators × 260 weeks)"
row "Benchmark" "Budget" "Median"
row "---" "---" "---"
row "open large workbook, core alone" "—" "$(median_ms 'workbook/open large (core) + load framework')"
row "check and write 1M-row CSV" "≤ 1000" "$(median_ms 'import/check and write 1M-row CSV into an empty workbook')"
row "check 1M-row CSV (dry run)" "—" "$(median_ms 'import/check 1M-row CSV (dry run)')"
row "check and write 1M-row CSV, values kept on disk" "—" "$(median_ms 'import/check and write 1M-row CSV, values kept on disk')"
row "all integrity checks" "≤ 300" "$(median_ms 'integrity/every check, 1.04M values (flags already recorded)')"
row "wins detection, all series" "—" "$(median_ms 'wins/detect across 200 teams × 20 indicators × 260 weeks (nothing n')"
row "dashboard export (HTML and PDF)" "—" "$(median_ms 'dashboard/build, HTML and PDF for 20 indicators × 200 teams')"
row "one certificate (PDF and PNG)" "≤ 50" "$(median_ms 'certificate/layout, PDF and PNG (A4, 2 px_pt)')"
row "batch of 100 certificates" "≤ 3000" "$(median_ms 'certificates/batch of 100 PDFs into a folder, recorded')"
row "generate the large workbook" "—" "$(median_ms 'generate/large (1.04M measurements)')"
if [[ -f target/bench-output.txt ]]; then
  echo
  grep -E '^(startup:|memory at first frame:|large workbook: )' target/bench-output.txt || true
  echo
  # Open to first frame against a bare window (≤ 1.2 ×) and the 100k-value
  # XLSX against calamine (≤ 1.2 ×), each in alternating pairs.
  grep -A3 -E '^[0-9]+ alternating pairs' target/bench-output.txt || true
  echo
  # The per-screen frame table printed by the screens benchmark.
  awk '/^screen \(large workbook\)/ { on = 1; print; next }
       on && /^[a-zA-Z][a-zA-Z:, ]* +[0-9.]+ +[0-9.]+/ { print; next }
       { on = 0 }' target/bench-output.txt
fi
