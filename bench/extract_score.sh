#!/bin/sh
# How well `brief extract` reads articles: figure recall, growth pairing, years and proposals
# that are no figure, on the bundled fact base (articles ../shared/seeds) and on the fixture
# articles of two genres (a county bulletin, a city feature), of three genres the rules were
# not written with (a 政府工作报告, a 招商 piece, a 文旅 piece) and of three more (a budget
# report, a half-year statistical release, a 乡村振兴 feature). Writes bench/RESULTS-extract.md.
# Usage: bench/extract_score.sh [ARTICLES_DIR]   (default ../shared/seeds, relative to the repo)
set -eu
cd "$(dirname "$0")/.."
dir=${1:-../shared/seeds}
case $dir in /*) ;; *) dir="$(pwd)/$dir" ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
BRIEF_ARTICLES="$dir" EXTRACT_SCORE_OUT="$tmp/bundled.md" EXTRACT_FIXTURES_OUT="$tmp/fixtures.md" \
  EXTRACT_UNSEEN_OUT="$tmp/unseen.md" EXTRACT_BLIND2_OUT="$tmp/blind2.md" \
  cargo test -q --test suite extract_reads -- --include-ignored > "$tmp/test.txt" 2>&1 || {
    cat "$tmp/test.txt"
    exit 1
  }
{
  cat <<'MD'
# `brief extract`: what it reads from an article

Written by `bench/extract_score.sh`. Each article is scored against a fact base written for
it: recall is the share of the fact base's figures (value, unit and qualifier as printed; a
fact without a value by its growth) that extract drafts; growth pairing the share of drafted
figures with a change (on either side) whose change is the fact's; years right the share of
drafted figures with the fact's year, and *wrong* the drafts whose year is not the fact's;
then proposals that are no figure of the fact base, and proposals of value 0.

## On the fixture articles of two other genres

The project keeps two articles of its own invention (tests/fixtures/articles), a county
bulletin and a city feature of another province, each with a fact base written for it. The
rules were developed with them at hand: they show the rules hold on these genres, not how
they fare on text never seen. Targets: recall and pairing 95%, no wrong year, no proposal
that is no figure, none of value 0 (asserted by `cargo test`).

MD
  cat "$tmp/fixtures.md"
  cat <<'MD'
## Three later genres (first measured blind; no longer blind)

Three more articles of our own invention, of genres the rules were not first developed with:
an excerpt of a county's 政府工作报告 (tests/fixtures/report, nili-2024.txt), a development
zone's 招商 news piece (tests/fixtures/park, jianli-2024.txt) and a county's 文旅 holiday
piece (tests/fixtures/tourism, shuli-2023.txt). Articles and answer keys were written before
reading the rules. bench/BLIND-genres.md has the first, blind measurement with each failure
and its clause. The rules have since been changed with these articles at hand: the numbers
below are no longer blind. What is measured now is the floor in tests/suite/extract_score.rs
(`UNSEEN_FLOORS`).

MD
  cat "$tmp/unseen.md"
  cat <<'MD'
## Three more genres (first measured blind; no longer blind)

A county 财政局's report on the budget (tests/fixtures/budget, tongchuan-ys-2024.txt), a city
统计局's half-year release (tests/fixtures/quarterly, liangyuan-2024h1.txt) and a 乡村振兴
feature (tests/fixtures/rural, tongchuan-xg-2024.txt), of another province, written with their
answer keys before the rules were read. bench/BLIND2-genres.md has the blind measurement and
each failure; the rules have since been changed with these articles at hand. The floor is in
tests/suite/extract_score.rs (`BLIND2_FLOORS`).

MD
  cat "$tmp/blind2.md"
  cat <<'MD'
## On the bundled fact base

The bundled fact base was written by hand from its four articles; some of its figures carry
no year where extract gives the article's period (2023), which counts as wrong here, and
some of extract's proposals (ranks, thresholds) were not entered.

MD
  cat "$tmp/bundled.md"
} > bench/RESULTS-extract.md
grep '^| all\|^| yangli\|^| fanli\|^| nili\|^| jianli\|^| shuli\|^| tongchuan\|^| liangyuan' bench/RESULTS-extract.md
