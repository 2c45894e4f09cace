"""World-dev with its towns swapped: does a rule hold for the place names it was not written against?

Each gold town (geo precision 1) that the article names is replaced, in the text, the title and the
gold, by another town of the same country of about its size (a name the gazetteer gives no other
place). A rule that knows a town rather than how news names one loses its event here. The swapped
copies live in a temporary directory of `make eval`, never in the project.
"""

from __future__ import annotations

import copy
import json
import random
import re
from functools import lru_cache
from pathlib import Path

_PLAIN_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?")
SIZE_RANGE = 4        # a replacement has between a quarter and four times the town's population


@lru_cache(maxsize=1)
def _towns_by_country() -> dict[str, list]:
    """Towns with a plain name that the gazetteer gives to no other place (so the swap adds no ambiguity);
    read once for all the draws of a run."""
    from pipeline.extract.places import load_gazetteer

    gz = load_gazetteer()
    out: dict[str, list] = {}
    for p in gz.by_id.values():
        if p.kind == "town" and p.name.isascii() and _PLAIN_NAME.fullmatch(p.name):
            found = gz.lookup(p.name)
            if len(found) == 1 and found[0] is p:
                out.setdefault(p.country_code, []).append(p)
    for towns in out.values():
        towns.sort(key=lambda p: p.geonameid)      # the same draw for a seed on every machine
    return out


def _word(name: str) -> re.Pattern:
    return re.compile(r"\b" + re.escape(name) + r"\b")


def swap_world(world: Path, seed: int, inputs: Path, gold_out: Path) -> int:
    """Write the swapped articles (the fields `eventwire extract` takes) and gold; return the swaps made."""
    from pipeline.extract.places import load_gazetteer

    gz = load_gazetteer()
    pools = _towns_by_country()
    rnd = random.Random(seed)
    gold = copy.deepcopy(json.loads((world / "gold.json").read_text(encoding="utf-8")))
    articles = {}
    with (world / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            articles[a["id"]] = a
    swaps = 0
    with inputs.open("w", encoding="utf-8") as out:
        for ga in gold["articles"]:
            a = articles[ga["file"]]
            text, title = a["text"], a.get("title") or ""
            chosen: dict[str, tuple[list[str], object]] = {}
            for ev in ga["events"]:
                loc = ev["location"]
                if loc.get("geo_precision") != 1:
                    continue
                names = [n for n in [loc["name"], *loc.get("aliases", [])] if _word(n).search(text)]
                known = [p for p in gz.lookup(loc["name"]) if p.kind == "town"]
                if not names or not known:
                    continue
                if loc["name"] not in chosen:
                    size = max(p.population for p in known) or 20_000
                    pool = [p for p in pools.get(known[0].country_code, [])
                            if size / SIZE_RANGE <= max(p.population, 1) <= size * SIZE_RANGE and p.name not in text]
                    if not pool:
                        continue
                    chosen[loc["name"]] = (names, rnd.choice(pool))
                _, town = chosen[loc["name"]]
                loc.update(name=town.name, aliases=[], latitude=town.latitude, longitude=town.longitude, admin1=town.admin1)
            for names, town in chosen.values():
                for n in sorted(names, key=len, reverse=True):
                    text, title = _word(n).sub(town.name, text), _word(n).sub(town.name, title)
                swaps += 1
            out.write(json.dumps({"id": a["id"], "text": text, "published": a.get("published"), "title": title or None}) + "\n")
    gold_out.write_text(json.dumps(gold), encoding="utf-8")
    return swaps
