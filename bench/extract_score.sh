#!/bin/sh
# Recall and precision of `brief extract` on the articles the bundled fact base cites.
# Usage: bench/extract_score.sh [ARTICLES_DIR]   (default ../shared/seeds, relative to the repo)
# Writes bench/RESULTS-extract.md.
set -eu
cd "$(dirname "$0")/.."
dir=${1:-../shared/seeds}
case $dir in /*) ;; *) dir="$(pwd)/$dir" ;; esac
BRIEF_ARTICLES="$dir" EXTRACT_SCORE_OUT="$(pwd)/bench/RESULTS-extract.md" \
  cargo test -q --test suite extract_score -- --ignored --nocapture
