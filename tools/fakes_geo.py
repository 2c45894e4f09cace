"""FA-KES geography check (issue 10): where the events of 804 Syrian casualty articles land.

Runs `pipeline.extract.extract_events` over ../shared/corpora/fakes-articles.csv and reports the
share of events placed outside Syria and its neighbours, in a neighbour (mostly Syrian villages and
neighbourhoods that share a name across the border), without admin1, and the speed.
Usage: PYTHONPATH=. python tools/fakes_geo.py [--shared ../shared] [--list] [--limit N]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from tools.benchmark import read_fakes

NEIGHBOURS = {"SY", "LB", "IQ", "JO", "TR", "IL", "PS"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default="/work/shared")
    ap.add_argument("--list", action="store_true", help="print every far or admin1-less event")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    articles = read_fakes(Path(args.shared))
    if args.limit:
        articles = articles[:args.limit]
    t0 = time.perf_counter()
    from pipeline.extract import extract_events
    from pipeline.extract.places import load_gazetteer
    load_gazetteer()
    load_s = time.perf_counter() - t0
    events, far, no_admin1, no_loc = 0, [], [], 0
    countries: Counter = Counter()
    started = time.perf_counter()
    for a in articles:
        for e in extract_events(a["text"], a["published"], a["title"]):
            events += 1
            loc = e["location"]
            cc = loc["country_code"]
            countries[cc] += 1
            if cc is None:
                no_loc += 1
            elif cc not in NEIGHBOURS:
                far.append((a["id"], loc, e["evidence"]["sentence"]))
            if not loc["admin1"]:
                no_admin1.append((a["id"], loc, e["evidence"]["sentence"]))
    took = time.perf_counter() - started
    if args.list:
        for tag, rows in (("FAR", far), ("NO-ADMIN1", no_admin1)):
            for aid, loc, sent in rows:
                print(f"{tag} {aid} {loc['name']!r} {loc['admin1']!r} {loc['country_code']} p{loc['geo_precision']} | {sent[:220]}")
    beside = sum(n for cc, n in countries.items() if cc in NEIGHBOURS - {"SY"})
    print(f"articles={len(articles)} events={events} far={len(far)} ({100 * len(far) / max(events, 1):.1f} %) "
          f"in_a_neighbour={beside} ({100 * beside / max(events, 1):.1f} %) "
          f"no_admin1={len(no_admin1)} ({100 * len(no_admin1) / max(events, 1):.1f} %) no_location={no_loc}")
    print("countries:", ", ".join(f"{k}:{v}" for k, v in countries.most_common(15)))
    print(f"gazetteer+import load {load_s:.2f} s; extraction {len(articles) / took:.0f} articles/s")


if __name__ == "__main__":
    main()
