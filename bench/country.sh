#!/usr/bin/env bash
# Whole-process measurements of brief build on a country-sized fact base at three sizes
# (bench/gen_regions.py at 1/9, 1/3 and 1), with GNU time (/usr/bin/time -v): a full build
# with -j 2, a no-op run, one county figure changed, and a sample of single typst runs to
# compare with. Heavy: about 15 minutes on two cores. Results in bench/RESULTS.md.
# usage: bench/country.sh [SCALE ...]        (default: 1/9 1/3 1)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q
B=${CARGO_TARGET_DIR:-$PWD/target}/release/brief
DATE=2026-11-22
TS=$(date -u -d "$DATE" +%s)
work=${BENCH_WORK:-$(mktemp -d)}
T=$($B --version >/dev/null; ls "${BRIEF_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/brief}"/typst-0.15.1/bin/typst)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
measure() {  # name, command...: prints name, elapsed s, peak RSS MB of the largest process
  local name=$1; shift
  /usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1 || true
  local e m
  e=$(awk -F': ' '/Elapsed/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$work/$name.time")
  m=$(awk -F': ' '/Maximum resident/{printf "%.0f", $2/1024}' "$work/$name.time")
  echo "$name $e $m $(tail -1 "$work/$name.log")"
}
for scale in "${@:-1/9 1/3 1}"; do
  for s in $scale; do
  tag=${s//\//-}
  data=$work/data-$tag out=$work/out-$tag
  python3 bench/gen_regions.py "$data" "$s" | sed 's/^/# /'
  rm -rf "$out"
  measure "full-$tag" $B build --data "$data" --fonts fonts --out "$out" -j 2 -q --date $DATE
  measure "noop-$tag" $B build --data "$data" --fonts fonts --out "$out" -j 2 -q --date $DATE
  sed -i '0,/    value: 142$/s//    value: 143/' "$data/regions/x0003.yaml"
  measure "county-$tag" $B build --data "$data" --fonts fonts --out "$out" -j 2 -q --date $DATE
  done
done
# One typst run per briefing: 60 sources of the whole country, one after another, with
# brief's flags (PDF/A-2b, PDF/UA-1); the mean, times the number of briefings, is the
# comparison for a full build.
mkdir -p "$work/root" "$work/typ"
$B build --emit typ --data "$work/data-1-9" --fonts fonts --out "$work/typ" --date $DATE -q 2>/dev/null || true
ls "$work/typ"/*.typ | awk 'NR % 15 == 1' | head -60 > "$work/sample"
start=$(date +%s.%N)
while read -r f; do
  "$T" compile - "$work/serial.pdf" --format pdf --root "$work/root" --font-path fonts --ignore-system-fonts \
    --creation-timestamp "$TS" --diagnostic-format short --pdf-standard a-2b --pdf-standard ua-1 < "$f" 2>/dev/null
done < "$work/sample"
end=$(date +%s.%N)
echo "typst-one $(echo "($end - $start) / $(wc -l < "$work/sample")" | bc -l)"
