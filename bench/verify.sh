#!/bin/sh
# `brief verify` on the bundled fact base against the articles it cites, and the benchmark of
# meaning: wrong fact bases made one mutation at a time, and the share verify catches, on the
# bundled data and on the fixture articles the project keeps. Writes bench/RESULTS-verify.md.
# Usage: bench/verify.sh [ARTICLES_DIR]   (default ../shared/seeds, relative to the repo)
# PROFILE=release builds and tests with optimisations (the same numbers, in minutes less).
set -eu
cd "$(dirname "$0")/.."
dir=${1:-../shared/seeds}
case $dir in /*) ;; *) dir="$(pwd)/$dir" ;; esac
profile=${PROFILE:-debug}
case $profile in
  release) flags=--release ;;
  debug) flags= ;;
  *) echo "PROFILE is debug or release" >&2; exit 2 ;;
esac
cargo build -q $flags
target=${CARGO_TARGET_DIR:-target}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$target/$profile/brief" verify --data data --articles "$dir" > "$tmp/verify.txt" || status=$?
BRIEF_ARTICLES="$dir" MEANING_OUT="$tmp/bundled.md" MEANING_FIXTURES_OUT="$tmp/fixtures.md" \
  MEANING_UNSEEN_OUT="$tmp/unseen.md" MEANING_BLIND2_OUT="$tmp/blind2.md" \
  MEANING_SIXTH_OUT="$tmp/sixth.md" \
  cargo test -q $flags --test suite meaning -- --include-ignored > "$tmp/test.txt" 2>&1 || {
    cat "$tmp/test.txt"
    exit 1
  }
{
  cat <<'MD'
# `brief verify`: this figure, of this thing, in this year, as the article prints it

Written by `bench/verify.sh` (articles: `../shared/seeds`).

## The bundled fact base

MD
  printf '```\n'
  tail -n 1 "$tmp/verify.txt"
  printf '```\n\n'
  cat <<'MD'
## How strict it is: the benchmark of meaning

Each wrong fact base differs from the bundled one (or a fixture's) by one mutation of facts
that verify as they are: two figures of one unit citing one article swapped; two growths
swapped; a year shifted by one; a figure given to another fact of the same article and unit;
a qualifier added, changed or dropped. A mutation is caught when `brief verify` reports a
changed fact (an error, not a warning). At most 600 of a class are taken, evenly, from all of
them (tests/suite/meaning.rs). Targets: every class 95%, all 98%.

MD
  cat "$tmp/bundled.md"
  printf '\n## On the fixture articles of two other genres\n\nThe project keeps two articles of its own invention (tests/fixtures/articles), a county bulletin and a city feature of another province, each with a fact base written for it. The rules were developed with them at hand: they show the rules hold on other genres, not how they fare on text never seen.\n\n'
  cat "$tmp/fixtures.md"
  printf '\n## Three later genres (first measured blind; no longer blind)\n\nThree more articles of our own invention, of genres the rules were not first developed with (a county 政府工作报告, a development zone 招商 piece, a county 文旅 holiday piece; tests/fixtures/{report,park,tourism}), written with their fact bases before reading the rules. The first, blind measurement and each failure it found are in bench/BLIND-genres.md; the rules have since been changed with these articles at hand, so the numbers below are no longer blind. Only facts that verify as they are make wrong fact bases. What is measured now is the floor in tests/suite/meaning.rs (`UNSEEN_FLOORS`).\n\n'
  cat "$tmp/unseen.md"
  printf '\n## Three more genres (first measured blind; no longer blind)\n\nA county 财政局'"'"'s budget report, a city 统计局'"'"'s half-year release and a 乡村振兴 feature (tests/fixtures/{budget,quarterly,rural}), of another province, written with their answer keys before the rules were read. The blind measurement and each failure are in bench/BLIND2-genres.md; the rules have since been changed with these articles at hand. The floor is in tests/suite/meaning.rs (`BLIND2_FLOORS`).\n\n'
  cat "$tmp/blind2.md"
  printf '\n## A county of 广西: its 统计公报 and a report of its first three quarters (not blind)\n\nAn article pair of our own invention (tests/fixtures/county-gx) written with the rules at hand, to hold forms they read wrong or not at all: 三次产业结构 a∶b∶c (the three industries'"'"' shares), lists whose head follows their last item (茶叶加工、电子材料产业产值), a table whose column names the measure (水泥 under 产量), periods within the year (前三季度, 1—9月, 上半年, 截至9月底) and the bounds of a range. The write-up is bench/BLIND6-genres.md; the floor is in tests/suite/meaning.rs (`SIXTH_FLOORS`).\n\n'
  cat "$tmp/sixth.md"
} > bench/RESULTS-verify.md
cat "$tmp/verify.txt" | tail -n 3
exit "${status:-0}"
