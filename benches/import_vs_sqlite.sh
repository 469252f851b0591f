#!/usr/bin/env bash
# Ratchet's import against the sqlite3 shell's `.import`, run alternately in
# one run on the same 1,040,000-row long CSV (200 teams × 20 indicators ×
# 260 weeks; team, indicator, period, value), and prints medians, min, max
# and the ratios the README's performance table quotes.
#
#   benches/import_vs_sqlite.sh            5 pairs of each case
#   RUNS=3 benches/import_vs_sqlite.sh     fewer
#   BIG=1 benches/import_vs_sqlite.sh      also a 5,000,000-row file, once
#
# Cases: a new workbook (`ratchet new` + `ratchet import`) against
# `sqlite3 db ".import --csv"` into a plain table; the same file again into
# the workbook that holds it (every value unchanged); the file with 10 % of
# its values changed. Peak memory (maximum resident set, /usr/bin/time) is
# printed beside the empty program's (`ratchet new` alone).
# sqlite3 is installed when missing and possible, else its side is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-5}"

if ! command -v sqlite3 >/dev/null; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y sqlite3 >/dev/null 2>&1 || true
  fi
fi
if ! command -v sqlite3 >/dev/null; then
  echo "sqlite3 is not installed and could not be: only Ratchet's side is measured" >&2
fi
if [[ ! -x /usr/bin/time ]]; then
  echo "/usr/bin/time is needed (Debian: apt-get install time)" >&2
  exit 1
fi

cargo build --release --quiet
ratchet="$PWD/target/release/ratchet"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export RATCHET_HOME="$work/home"

csv="$work/values.csv"
changed="$work/changed.csv"
awk 'BEGIN {
  print "team,indicator,period,value";
  split("31 28 31 30 31 30 31 31 30 31 30 31", ml, " ");
  for (i = 0; i < 20; i++) for (t = 0; t < 200; t++) {
    y = 2021; m = 1; d = 4;
    for (k = 0; k < 260; k++) {
      printf "Team %03d,Indicator %03d,%04d-%02d-%02d,%d.%d\n", t, i, y, m, d, (t * 7 + k) % 100, k % 10;
      d += 7; dim = ml[m] + (m == 2 && y % 4 == 0);
      if (d > dim) { d -= dim; m++; if (m > 12) { m = 1; y++ } }
    }
  }
}' > "$csv"
# Every tenth row's value changed.
awk -F, 'NR > 1 && NR % 10 == 0 { $4 = $4 + 1000 } { print }' OFS=, "$csv" > "$changed"
echo "file: $(($(wc -l < "$csv") - 1)) rows, $(du -m "$csv" | cut -f1) MB"

# Runs a command, appending "seconds peak_kb" to the file $1.
timed() {
  local out="$1"
  shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || {
    cat "$work/err" >&2
    exit 1
  }
  tail -n 1 "$work/t" >> "$out"
}

import_new() {
  rm -f "$work/w.ratchet" "$work/.~lock.w.ratchet#"
  "$ratchet" new "$work/w.ratchet" >/dev/null
  "$ratchet" import "$work/w.ratchet" "$1" --create-missing --frequency week --direction higher
}
export -f import_new
export ratchet work

: > "$work/new.txt"; : > "$work/sqlite.txt"; : > "$work/same.txt"; : > "$work/update.txt"; : > "$work/empty.txt"
for run in $(seq "$RUNS"); do
  timed "$work/new.txt" bash -c 'import_new "$0"' "$csv"
  if command -v sqlite3 >/dev/null; then
    rm -f "$work/s.db"
    timed "$work/sqlite.txt" sqlite3 "$work/s.db" ".import --csv $csv m"
  fi
  # The same file into the workbook that now holds it.
  timed "$work/same.txt" "$ratchet" import "$work/w.ratchet" "$csv" --frequency week
  # 10 % of the values changed (through the audit trail).
  cp "$work/w.ratchet" "$work/u.ratchet"
  timed "$work/update.txt" "$ratchet" import "$work/u.ratchet" "$changed" --frequency week
  rm -f "$work/e.ratchet"
  timed "$work/empty.txt" "$ratchet" new "$work/e.ratchet"
done

# median min max of column $2 in file $1
stats() {
  sort -n -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END {
    if (NR == 0) { print "0 0 0"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
    printf "%.2f %.2f %.2f\n", m, v[1], v[NR] }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

read -r new_med new_min new_max < <(stats "$work/new.txt" 1)
read -r sq_med sq_min sq_max < <(stats "$work/sqlite.txt" 1)
read -r same_med same_min same_max < <(stats "$work/same.txt" 1)
read -r up_med up_min up_max < <(stats "$work/update.txt" 1)
read -r mem_new _ mem_new_max < <(stats "$work/new.txt" 2)
read -r mem_sq _ _ < <(stats "$work/sqlite.txt" 2)
read -r mem_up _ _ < <(stats "$work/update.txt" 2)
read -r mem_empty _ _ < <(stats "$work/empty.txt" 2)

echo
echo "case                                   median    min    max   (s)   ratio to sqlite3"
printf "%-36s %7s %6s %6s          %s\n" "ratchet new + import" "$new_med" "$new_min" "$new_max" "$(ratio "$new_med" "$sq_med")"
printf "%-36s %7s %6s %6s\n" "sqlite3 .import --csv" "$sq_med" "$sq_min" "$sq_max"
printf "%-36s %7s %6s %6s          %s\n" "same file again (all unchanged)" "$same_med" "$same_min" "$same_max" "$(ratio "$same_med" "$sq_med")"
printf "%-36s %7s %6s %6s          %s\n" "10 % of values changed" "$up_med" "$up_min" "$up_max" "$(ratio "$up_med" "$sq_med")"
echo
echo "peak memory (MB): import $(awk -v k="$mem_new" 'BEGIN{printf "%.0f", k/1024}') (max $(awk -v k="$mem_new_max" 'BEGIN{printf "%.0f", k/1024}')), update $(awk -v k="$mem_up" 'BEGIN{printf "%.0f", k/1024}'), empty program $(awk -v k="$mem_empty" 'BEGIN{printf "%.0f", k/1024}'), sqlite3 $(awk -v k="$mem_sq" 'BEGIN{printf "%.0f", k/1024}')"
echo "above the empty program: import $(awk -v a="$mem_new" -v b="$mem_empty" 'BEGIN{printf "%.0f", (a-b)/1024}') MB, update $(awk -v a="$mem_up" -v b="$mem_empty" 'BEGIN{printf "%.0f", (a-b)/1024}') MB (goal: at most 64)"

if [[ "${BIG:-}" == 1 ]]; then
  big="$work/big.csv"
  awk 'BEGIN {
    print "team,indicator,period,value";
    for (i = 0; i < 20; i++) for (t = 0; t < 1000; t++) for (k = 0; k < 250; k++)
      printf "Team %04d,Indicator %03d,W%d,%d.%d\n", t, i, k, (t * 7 + k) % 100, k % 10;
  }' > "$big"
  # Periods as week numbers of 2021 onwards would need dates; use ISO dates.
  awk -F, 'NR == 1 { print; next } {
    k = substr($3, 2) + 0; d = 4 + 7 * k; y = 2021;
    split("31 28 31 30 31 30 31 31 30 31 30 31", ml, " "); m = 1;
    while (1) { dim = ml[m] + (m == 2 && y % 4 == 0); if (d <= dim) break; d -= dim; m++; if (m > 12) { m = 1; y++ } }
    printf "%s,%s,%04d-%02d-%02d,%s\n", $1, $2, y, m, d, $4 }' "$big" > "$big.dated"
  : > "$work/big.txt"
  timed "$work/big.txt" bash -c 'import_new "$0"' "$big.dated"
  read -r big_s big_kb < "$work/big.txt"
  echo "5,000,000 rows into a new workbook: $big_s s, peak $(awk -v k="$big_kb" 'BEGIN{printf "%.0f", k/1024}') MB ($(awk -v a="$big_kb" -v b="$mem_empty" 'BEGIN{printf "%.0f", (a-b)/1024}') MB above the empty program)"
fi

