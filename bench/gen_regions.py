#!/usr/bin/env python3
"""Writes a fact base of N generated regions (default 1000) from the bundled one.

Each generated region copies the facts of a bundled county or district in turn, under a new
id and name, as a child of the bundled city; the bundled regions stay as they are.
usage: bench/gen_regions.py OUT_DIR [N]
"""
import pathlib
import re
import shutil
import sys

here = pathlib.Path(__file__).resolve().parent.parent
out = pathlib.Path(sys.argv[1])
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
data = here / "data"
if out.exists():
    shutil.rmtree(out)
(out / "regions").mkdir(parents=True)
shutil.copy(data / "sources.yaml", out / "sources.yaml")
templates = []
for path in sorted((data / "regions").glob("*.yaml")):
    shutil.copy(path, out / "regions" / path.name)
    text = path.read_text(encoding="utf-8")
    if "\nparent: pingxiang\n" in text:
        templates.append(text)
for i in range(n):
    text = templates[i % len(templates)]
    body = text[text.index("\nfacts:"):] if "\nfacts:" in text else "\n"
    head = (
        f"id: gen{i:04d}\nname: 测试区{i:04d}\nshort: 测试{i:04d}\nlevel: 区\nparent: pingxiang\n"
    )
    (out / "regions" / f"gen{i:04d}.yaml").write_text(head + body.lstrip("\n"), encoding="utf-8")
print(f"wrote {n} generated regions (+ the bundled ones) to {out}")
