#!/usr/bin/env python3
"""Writes a fact base shaped like a whole country, from the bundled one.

At scale 1: 34 province-level regions, 330 cities and 2,850 counties (3,214 generated regions,
9,642 briefings), beside the 8 bundled regions, which stay as they are. Provinces are top-level
regions with `province:`, each city has `parent: <province id>`, each county
`parent: <city id>`, spread evenly. Every generated region copies the facts of a bundled one:
provinces and cities those of the bundled city, counties those of the bundled counties,
districts and zones in turn. Names are made of two characters from a fixed list (no space, no
invisible character), unique across the fact base, so `brief check` accepts the result.

usage: bench/gen_regions.py OUT_DIR [SCALE]     SCALE: 1 (default), 1/3, 1/9, 0.5 …
"""
import fractions
import pathlib
import shutil
import sys

here = pathlib.Path(__file__).resolve().parent.parent
if len(sys.argv) < 2:
    sys.exit(__doc__)
out = pathlib.Path(sys.argv[1])
scale = float(fractions.Fraction(sys.argv[2])) if len(sys.argv) > 2 else 1.0
PROVINCES, CITIES, COUNTIES = (max(1, round(n * scale)) for n in (34, 330, 2850))

data = here / "data"
if out.exists():
    shutil.rmtree(out)
(out / "regions").mkdir(parents=True)
shutil.copy(data / "sources.yaml", out / "sources.yaml")
if (data / "vocabulary.yaml").exists():
    shutil.copy(data / "vocabulary.yaml", out / "vocabulary.yaml")

city_body = None
county_bodies = []
taken = set()
for path in sorted((data / "regions").glob("*.yaml")):
    shutil.copy(path, out / "regions" / path.name)
    text = path.read_text(encoding="utf-8")
    body = text[text.index("\nfacts:") + 1:] if "\nfacts:" in text else "facts: []\n"
    for line in text.splitlines():
        for field in ("name: ", "short: "):
            if line.startswith(field):
                taken.add(line[len(field):].strip())
    if "\nlevel: 市\n" in text:
        city_body = body
    else:
        county_bodies.append(body)
assert city_body and county_bodies, "the bundled fact base needs a city and a county"

# Two-character names: 60 × 60 = 3,600 pairs before the 3,214 needed at scale 1 are used up.
CHARS = (
    "安宝北昌长丹德东丰福阜广海汉和河衡华淮黄吉嘉建江金晋静康乐临灵龙隆鹿茂美明南宁平"
    "青庆泉瑞山韶盛寿顺泰通文武西祥新兴阳宜永玉元云长"
)
CHARS = "".join(dict.fromkeys(CHARS))  # unique, in order


def names():
    for a in CHARS:
        for b in CHARS:
            if a != b:
                yield a + b


pool = (n for n in names() if n not in taken and not any(n in t for t in taken))


def write(rid, name, short, level, link, body):
    head = f"id: {rid}\nname: {name}\nshort: {short}\nlevel: {level}\n{link}\n"
    (out / "regions" / f"{rid}.yaml").write_text(head + body, encoding="utf-8")


provinces = []
for p in range(PROVINCES):
    short = next(pool)
    rid = f"p{p:02d}"
    # Province-level regions are top-level regions (the fact base has no level 省: they are
    # written as level 市, like the four municipalities).
    write(rid, short + "省", short, "市", f"province: {short}省", city_body)
    provinces.append(rid)
cities = []
for c in range(CITIES):
    short = next(pool)
    rid = f"c{c:03d}"
    write(rid, short + "市", short, "市", f"parent: {provinces[c * PROVINCES // CITIES]}", city_body)
    cities.append(rid)
for k in range(COUNTIES):
    short = next(pool)
    rid = f"x{k:04d}"
    level = "县" if k % 3 else "区"
    write(rid, short + level, short, level, f"parent: {cities[k * CITIES // COUNTIES]}",
          county_bodies[k % len(county_bodies)])
n = PROVINCES + CITIES + COUNTIES
print(f"wrote {PROVINCES} provinces, {CITIES} cities, {COUNTIES} counties "
      f"({n} regions, {3 * n} briefings) beside the bundled ones to {out}")
