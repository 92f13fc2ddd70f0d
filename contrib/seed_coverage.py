#!/usr/bin/env python3
"""Lists the numbers in the source articles that the fact base does not carry.

Every number an article prints should appear in data/ among the facts citing that article
(as a value, a growth, a base, a year, or inside a name, note or period); what is left over
is either a figure still to carry or narrative (a villager's age, a month), to judge by eye.
usage: contrib/seed_coverage.py SEEDS_DIR   (needs PyYAML)
"""
import pathlib
import re
import sys

import yaml

root = pathlib.Path(__file__).resolve().parent.parent
seeds = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else root.parent / "shared" / "seeds")
number = re.compile(r"\d+(?:\.\d+)?")
carried = {}
for path in (root / "data" / "regions").glob("*.yaml"):
    for fact in yaml.safe_load(path.read_text(encoding="utf-8")).get("facts", []):
        found = carried.setdefault(fact["source"], set())
        for v in (fact.get("value"), (fact.get("growth") or {}).get("value"),
                  (fact.get("base") or {}).get("value"), fact.get("year"), fact.get("from_year")):
            if v is not None:
                found.add(float(v))
        for text in (fact.get("name"), fact.get("note"), fact.get("period")):
            found.update(float(n) for n in number.findall(text or ""))
for article in sorted(seeds.glob("*.txt")):
    text = article.read_text(encoding="utf-8")
    have = carried.get(article.name, set())
    missing = []
    for m in number.finditer(text):
        if float(m.group()) not in have:
            missing.append(f"{m.group()} ({text[max(0, m.start() - 12):m.end() + 6].strip()})")
    print(f"{article.name}: {len(set(number.findall(text)))} numbers, {len(missing)} not carried")
    for line in missing:
        print(f"  {line}")
