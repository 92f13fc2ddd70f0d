#!/usr/bin/env bash
# Benchmarks brief side by side with typst itself and prints four ratios (see RESULTS.md).
# Needs hyperfine and GNU time (Debian: apt-get install hyperfine time) and python3.
# usage: bench/run.sh            (about two minutes on two cores)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q
B=$PWD/target/release/brief
DATE=2026-11-22
TS=$(date -u -d "$DATE" +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The typst brief uses: render once so that brief finds (or installs) it, then ask where it is.
$B -r luxi -a investor --date $DATE -o "$work/warm.pdf" >/dev/null 2>&1
T=$(command -v typst 2>/dev/null || true)
if [ -z "$T" ] || ! "$T" --version | grep -q '^typst 0\.15\.'; then
  T="${BRIEF_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/brief}/typst-0.15.1/bin/typst"
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr)"
echo "typst:   $("$T" --version)"
mkdir -p "$work/root" "$work/typ"
# brief gives typst the date as an input (the source itself is date-free): so does typst here.
FLAGS="--format pdf --root $work/root --font-path fonts --ignore-system-fonts --creation-timestamp $TS --input date=$DATE --diagnostic-format short"
# brief build asks for PDF/A-2b and PDF/UA-1 by default: the serial runs do too.
BUILD_FLAGS="$FLAGS --pdf-standard a-2b --pdf-standard ua-1"
$B -r luxi -a investor --emit typ --date $DATE -o "$work/luxi.typ"
$B build --emit typ --out "$work/typ" --date $DATE 2>/dev/null

# 1. brief's own cost on top of typst, one briefing.
# Both through the same shell; typst reads the source brief emits, with brief's flags.
hyperfine --warmup 3 --runs 20 --export-json "$work/1.json" \
  -n brief "$B -r luxi -a investor --date $DATE -o $work/one.pdf 2>/dev/null" \
  -n typst "$T compile - $work/two.pdf $FLAGS < $work/luxi.typ" >/dev/null

# 2. a full build with -j 2 against the 24 typst compiles one after another.
cat > "$work/serial.sh" <<SH
for f in $work/typ/*.typ; do "$T" compile - "$work/serial.pdf" $BUILD_FLAGS < "\$f"; done
SH
hyperfine --warmup 1 --runs 5 --export-json "$work/2.json" \
  -n build "$B build --force -q --no-bundle -j 2 --out $work/out --date $DATE" \
  -n serial "bash $work/serial.sh" >/dev/null

# 3. a no-op rebuild against a full build.
$B build -q --out "$work/out" --date $DATE
hyperfine --warmup 2 --runs 10 --export-json "$work/3.json" \
  -n noop "$B build -q --out $work/out --date $DATE" \
  -n full "$B build --force -q --no-bundle -j 2 --out $work/out --date $DATE" >/dev/null

# 4. scale: 1,000 generated regions; check, and the Typst source of every briefing.
python3 bench/gen_regions.py "$work/big" 1/3 >/dev/null
regions=$(ls "$work/big/regions" | wc -l)
n=$(ls "$work/typ"/*.typ | wc -l)
/usr/bin/time -f "%e %M" -o "$work/check.time" $B check --data "$work/big" >/dev/null
/usr/bin/time -f "%e %M" -o "$work/emit.time" $B build --emit typ --data "$work/big" --out "$work/bigout" --date $DATE 2>/dev/null
sources=$(ls "$work/bigout"/*.typ | wc -l)

# Bundle export: brief build (one typst run for all 24, the default) against --no-bundle -j 2.
hyperfine --warmup 1 --runs 5 --export-json "$work/5.json" \
  -n bundle "$B build --force -q --out $work/out --date $DATE" \
  -n build "$B build --force -q --no-bundle -j 2 --out $work/out --date $DATE" >/dev/null 2>&1

python3 - "$work" "$sources" "$regions" "$n" <<'PY'
import json, sys
w, sources, regions, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def means(n):
    return {r["command"]: r["mean"] for r in json.load(open(f"{w}/{n}.json"))["results"]}
m1, m2, m3, m5 = means(1), means(2), means(3), means(5)
ct, cm = open(f"{w}/check.time").read().split()
et, em = open(f"{w}/emit.time").read().split()
print(f"1. overhead     brief {m1['brief']*1000:.0f} ms / typst {m1['typst']*1000:.0f} ms      = {m1['brief']/m1['typst']:.2f}x  (target <= 1.05)")
print(f"2. full build   -j 2 {m2['build']:.2f} s / {n} serial typst {m2['serial']:.2f} s = {m2['build']/m2['serial']:.2f}x  (target <= 0.60)")
print(f"3. no-op        {m3['noop']*1000:.0f} ms / full {m3['full']*1000:.0f} ms           = {m3['noop']/m3['full']:.3f}x (target <= 0.05)")
print(f"4. scale        {regions:,} regions: check {float(ct):.2f} s, {int(cm)/1024:.0f} MB; {sources} sources {float(et):.2f} s, {int(em)/1024:.0f} MB (target < 10 s, < 500 MB)")
print(f"   bundle       build (bundle) {m5['bundle']:.2f} s / build --no-bundle -j 2 {m5['build']:.2f} s = {m5['bundle']/m5['build']:.2f}x")
PY
