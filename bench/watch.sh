#!/usr/bin/env bash
# brief watch: the time from an edit of the fact base to the new PDF on disk, side by side
# with a single render of the same briefing by a new brief process (see RESULTS-watch.md).
# usage: bench/watch.sh   (about a minute on two cores; python3 for bench/pairs.py)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q
B=$PWD/target/release/brief
DATE=2026-11-22
work=$(mktemp -d)
cp -r data "$work/data"
pairs=$PWD/bench/pairs.py
cd "$work"
"$B" watch -r luxi -a investor --date $DATE 2>watch.log &
W=$!
trap 'kill -INT $W 2>/dev/null; wait $W 2>/dev/null; rm -rf "$work"' EXIT
until [ -s out/luxi-investor.pdf ]; do sleep 0.1; done

# A: one edit of a figure (142 and 157 in turn), then the wait until the watch has renamed
# the new PDF into place (a new inode: brief writes a temporary file and renames it).
cat > change.sh <<'SH'
f=data/regions/luxi.yaml
before=$(stat -c %i out/luxi-investor.pdf)
if grep -q '^    value: 142$' $f; then sed -i 's/^    value: 142$/    value: 157/' $f
else sed -i 's/^    value: 157$/    value: 142/' $f; fi
while [ "$(stat -c %i out/luxi-investor.pdf)" = "$before" ]; do sleep 0.01; done
SH
# The watch's CPU seconds so far, its typst runs included (utime stime cutime cstime).
cpu() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15+$16+$17)/t}' /proc/$W/stat; }
# Idle: what polling costs, over ten seconds.
c0=$(cpu); sleep 10; c1=$(cpu)
echo "idle watch: $(echo "$c1 - $c0" | bc) CPU s in 10 s"
# B: the same briefing rendered by `brief -r … -a …`, start to exit.
n0=$(grep -c '^wrote' watch.log); c0=$(cpu)
python3 "$pairs" -n 20 --warmup 2 --timeout 900 \
  --vs "$B -r luxi -a investor --date $DATE -o $work/single.pdf" -- sh "$work/change.sh"
n1=$(grep -c '^wrote' watch.log); c1=$(cpu)
echo "re-renders by the watch: $((n1 - n0)), $(echo "scale=3; ($c1 - $c0) / ($n1 - $n0)" | bc) CPU s each (its polling meanwhile included)"
grep -v '^wrote\|^brief: watching' watch.log || true
