#!/usr/bin/env bash
# Rebuild the bundled fonts: the Simplified Chinese faces of Noto Serif CJK and Noto Sans CJK,
# Regular and Bold, subset to GB 2312 plus ASCII, CJK punctuation and the characters the fact
# base and templates use. The results are committed; neither users nor CI run this script.
#
# Needs: Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk) and fontTools (pip install fonttools).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=${NOTO_CJK_DIR:-/usr/share/fonts/opentype/noto}
unicodes=$(mktemp)
trap 'rm -f "$unicodes"' EXIT

python3 - "$here/.." > "$unicodes" <<'PY'
import pathlib, sys
root = pathlib.Path(sys.argv[1])
cps = set(range(0x20, 0x7F))                      # ASCII
cps |= {0xA0, 0xB7, 0xD7, 0xF7}                   # nbsp, middle dot, ×, ÷
cps |= set(range(0x2000, 0x2070))                 # general punctuation (dashes, quotes, ‰, word joiner)
cps |= set(range(0x2150, 0x2190))                 # number forms (Ⅱ, Ⅲ …)
cps |= set(range(0x2460, 0x24A0))                 # enclosed numbers ①②
cps |= set(range(0x3000, 0x3040))                 # CJK symbols and punctuation
cps |= set(range(0xFF00, 0xFFF0))                 # full-width forms
for cp in range(0x80, 0x10000):                   # everything GB 2312 encodes
    try:
        chr(cp).encode("gb2312")
        cps.add(cp)
    except UnicodeEncodeError:
        pass
for folder in ("data", "templates"):              # whatever the bundled text needs beyond that
    for path in (root / folder).rglob("*"):
        if path.is_file() and path.suffix in (".yaml", ".j2"):
            cps |= {ord(c) for c in path.read_text(encoding="utf-8") if ord(c) >= 0x20}
print(",".join(f"U+{cp:04X}" for cp in sorted(cps)))
PY

for family in Serif Sans; do
  for weight in Regular Bold; do
    out="$here/Noto${family}CJKsc-${weight}.otf"
    pyftsubset "$src/Noto${family}CJK-${weight}.ttc" --font-number=2 \
      --unicodes-file="$unicodes" --layout-features='*' --name-IDs='*' --name-languages='*' \
      --notdef-outline --no-hinting --output-file="$out"
    echo "wrote $out ($(du -h "$out" | cut -f1))"
  done
done
