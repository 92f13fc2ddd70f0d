#!/bin/sh
# Checks every figure of the bundled fact base against the articles it cites.
# Usage: bench/verify.sh [ARTICLES_DIR]   (default ../shared/seeds, relative to the repo)
set -eu
cd "$(dirname "$0")/.."
dir=${1:-../shared/seeds}
cargo build -q
target=${CARGO_TARGET_DIR:-target}
"$target/debug/brief" verify --data data --articles "$dir"
