#!/usr/bin/env bash
# One briefing rendered by brief against typst alone given brief's source and flags, side by
# side (bench/pairs.py: A and B in turn, the ratio taken pair by pair). See RESULTS.md.
# usage: [BRIEF=path] bench/render-once.sh [RUNS] [warm|cold|other|fresh]   (default 30 warm)
#   warm:  brief renders the same briefing from unchanged files, so it uses the source it kept
#          in its cache (the render a second time, after `brief watch` or a script's loop …);
#   cold:  a line is added to the briefing's own region file (luxi.yaml, a comment) before
#          each render, so brief cannot use a kept source: it loads, checks and renders the
#          fact base, taking the other region files as it kept them parsed and checked (the
#          first render after an edit);
#   other: the same, the line added to another region's file (pingxiang.yaml, the largest);
#   fresh: brief can keep nothing (its cache's renders/ and facts/ are files), so it parses
#          and checks every file every time (the first render ever, or a cache not writable).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
mode=${2:-warm}
# BRIEF=path/to/brief measures another build (an older one, to compare) instead of this one's.
if [ -z "${BRIEF:-}" ]; then cargo build --release --locked -q; fi
B=${BRIEF:-$PWD/target/release/brief}
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
A="$B -r luxi -a investor --date $DATE -o $work/a.pdf"
# A cache of its own, with a link to the same typst, and a copy of the fact base to edit.
own_cache() {
  mkdir -p "$work/cache/typst-0.15.1/bin"
  ln -s "$T" "$work/cache/typst-0.15.1/bin/typst"
  cp -r data "$work/data"
}
case $mode in
  warm) ;;
  cold | other)
    own_cache
    file=$work/data/regions/luxi.yaml
    if [ "$mode" = other ]; then file=$work/data/regions/pingxiang.yaml; fi
    # `$$`, the shell's pid, makes each line new (and costs no process of its own).
    A="echo \"# edit \$\$\" >> $file; BRIEF_CACHE_DIR=$work/cache $A --data $work/data"
    sh -c "$A" >/dev/null 2>&1
    ;;
  fresh)
    own_cache
    touch "$work/cache/renders" "$work/cache/facts"
    A="BRIEF_CACHE_DIR=$work/cache $A --data $work/data"
    sh -c "$A" >/dev/null 2>&1
    ;;
  *) echo "usage: $0 [RUNS] [warm|cold|other|fresh]" >&2; exit 2 ;;
esac
python3 bench/pairs.py -n "$runs" \
  --vs "sh -c '$T compile --root $work/root --font-path $F --ignore-system-fonts --creation-timestamp $TS --input date=$DATE --diagnostic-format short - $work/b.pdf < $work/luxi.typ'" \
  -- sh -c "$A"
