#!/usr/bin/env bash
# One briefing rendered by brief against typst alone given brief's source and flags, side by
# side (farm-bench: A and B in turn, the ratio taken pair by pair). See RESULTS.md.
# usage: bench/render-once.sh [RUNS]      (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
cargo build --release --locked -q
B=$PWD/target/release/brief
DATE=2026-11-22
TS=$(date -u -d "$DATE" +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/root"
# A first render finds (or installs) typst and unpacks the fonts into brief's cache.
$B -r luxi -a investor --date $DATE -o "$work/warm.pdf" >/dev/null 2>&1
$B -r luxi -a investor --date $DATE --emit typ -o "$work/luxi.typ"
cache=${BRIEF_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/brief}
T=$cache/typst-0.15.1/bin/typst
F=$(ls -td "$cache"/fonts-*/ | head -1)
farm-bench -n "$runs" \
  --vs "sh -c '$T compile --root $work/root --font-path $F --ignore-system-fonts --creation-timestamp $TS --input date=$DATE --diagnostic-format short - $work/b.pdf < $work/luxi.typ'" \
  -- sh -c "$B -r luxi -a investor --date $DATE -o $work/a.pdf"
