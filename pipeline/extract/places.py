"""Gazetteer look-up: which place a sentence names, and where it is.

The gazetteer (data/gazetteer.tsv.gz, GeoNames via tools/build_gazetteer.py) holds the world's
countries, admin1 and admin2 regions and towns, plus the reviewed aliases of data/places.yaml and
data/admin1.csv. A name counts as a place only when the text frames it as one (a locative cue, a
place-type word) or it is well known; the article's countries decide between same-named places,
and a small town of a country the article never names is no place at all.
"""

from __future__ import annotations

import csv
import gc
import gzip
import math
import re
import unicodedata
from collections import Counter
from dataclasses import MISSING, dataclass, field, fields, replace
from functools import lru_cache

import yaml

from pipeline.extract.collection import collection_paused
from pipeline.extract.datafiles import DATA, data_rows
from pipeline.extract.patterns import BranchScan, TailPattern, WordGuard, holds_any, trie_regex

GAZETTEER_FILE = DATA / "gazetteer.tsv.gz"
# The local word for the unit that GeoNames puts before some admin2 names ("Amphoe Rueso", "Kabupaten Deiyai",
# "Departamento de Yerba Buena"): news names the district without it
# (a whole word: "Kota Bharu" loses "Kota", "Kotayk" keeps its name)
_ADMIN2_PREFIX = re.compile(r"^(?:(?:Amphoe|Khet|Kabupaten|Kota|Comuna|Oras|Obshtina|Gemeente|Huyen|Thanh\s+Pho|Thi\s+Xa|Grad|Opcina|"
                            r"Bashkia|Shahrestan-e|Srok|Canton|Nomos|Politischer\s+Bezirk)\s+|(?:Departamento|Partido|Provincia)\s+(?:de\s+|del\s+)?)")
# Countries whose small places (population >= 500, alternate spellings) are indexed.
REGION_COUNTRIES = ("SY", "LB", "IQ", "TR", "JO", "IL", "PS", "YE", "AF", "EG", "LY")
# A town this large, or a capital, is a place even without a locative cue ("Aleppo was quiet").
WELL_KNOWN_POPULATION = 250_000
# ... and stands even in an article about other countries ("talks in Geneva").
WORLD_CITY_POPULATION = 1_000_000

_ARTICLE = re.compile(r"^(al|el|ar|as|ash|at|ad|an|az|ed|es|et)[\s\-'\u2019]+")
_CONNECTORS = {"al", "el", "ar", "as", "ash", "at", "ad", "an", "az", "ez", "ed", "es", "de", "del", "la",
               "le", "bin", "ibn", "abu", "of", "upon", "du", "da", "dos", "das", "do", "y", "sur", "am"}
# Capitalised words that GeoNames knows as places but that in news copy almost never are.
_NOT_PLACES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec",
    "the", "a", "an", "in", "on", "at", "he", "she", "it", "they", "we", "his", "her", "its", "this",
    "that", "there", "government", "state", "islamic", "front", "army", "president", "minister",
    "observatory", "police", "security", "union", "victoria", "justice", "liberty", "independence",
    "unity", "freedom", "reuters", "news", "media", "university", "ministry", "forces", "force",
    "coalition", "national", "defense", "defence", "council", "party", "republic", "people", "hope",
    "mobile", "deal", "energy", "opposition", "center", "centre", "central", "north", "south", "east",
    "west", "northern", "southern", "eastern", "western", "after", "before", "during", "also", "while", "since",
    "video", "footage", "internet", "daily", "star", "online", "saba", "sana", "islam", "sharia",
    "christian", "christians", "muslim", "muslims", "sunni", "shia", "shiite", "alawite", "kurdish",
    "arab", "arabs", "lebanese", "syrian", "iraqi", "turkish", "assad", "nusra", "hezbollah", "daesh",
    "isis", "isil", "brigade", "battalion", "division", "regiment", "corps", "guard", "guards",
    "resistance", "revolution", "martyrs", "victory", "peace", "ban", "trump", "obama", "biden", "putin",
    "mark", "hill", "town", "city", "village", "camp", "base", "airport", "road", "bridge", "valley",
    "border", "crossing", "district", "province", "region", "area", "square", "street", "market",
    "mosque", "church", "hospital", "school", "embassy", "palace", "parliament", "headquarters",
    "man", "men", "women", "children", "said", "says", "told", "reported", "according", "officials",
    "official", "source", "sources", "agency", "spokesman", "chief", "leader", "commander", "general",
    "colonel", "captain", "doctor", "red", "cross", "crescent", "human", "rights", "watch", "amnesty",
    "international", "world", "health", "organization", "committee", "office", "holy", "saint", "st",
    "new", "old", "great", "greater", "little", "big", "upper", "lower", "middle", "top", "content",
    "trending", "comment", "comments", "post", "share", "read", "more", "home", "page", "follow",
    "alliance", "movement", "group", "groups", "militia", "militias", "rebels", "rebel", "jihadist",
    "salvation", "tahrir", "sham", "levant", "mujahideen", "taliban", "shabab", "boko", "haram",
    "houthi", "houthis", "ansar", "allah", "kurdistan", "peshmerga", "amal", "fatah", "hamas",
    "anfal", "mayadeen", "manar", "arabiya", "jazeera", "ikhbariya", "jamaiyat", "sultana",
    # compass compounds and generic region words that GeoNames uses as admin names
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern",
    "southwestern", "capital", "coast", "coastal", "interior", "highlands", "lowlands", "lakes", "islands",
    "federal", "metropolitan", "autonomous", "special", "western area", "eastern area",
    # seats of government named as institutions ("the White House said")
    "whitehouse", "kremlin", "pentagon", "elysee", "downingstreet",
    "qaeda", "qaida", "qaedas",
}
_LOCATIVE_WORDS = ("in", "at", "near", "of", "from", "to", "into", "outside", "around", "across", "toward", "towards",
                   "inside", "on", "over", "through", "between", "and", "targeting", "hit", "struck", "shelled", "bombed",
                   "stormed", "seized", "captured", "recaptured", "took", "entered", "attacked", "pounded", "retook",
                   "liberated", "freed", "overran", "besieged", "capital", "the")     # the last words of its matches
_LOCATIVE = TailPattern(re.compile(
    r"(?:\b(?:in|at|near|of|from|to|into|outside|around|across|toward|towards|inside|on|over|"
    r"through|between|and|targeting|hit|struck|shelled|bombed|stormed|seized|captured|recaptured|"
    r"took|entered|attacked|pounded|retook|liberated|freed|overran|besieged|capital)\s+(?:the\s+)?"
    r"(?:(?:town|city|village|villages|district|province|region|area|suburb|neighbou?rhood|outskirts"
    r"|countryside|capital|governorate|state|county|hamlet|camp|port|crossing|border\s+town)\s+of\s+)?$)",
    re.I), _LOCATIVE_WORDS, max_words=5, fold=True)

PROVINCE_WORDS = r"(?:province|governorate|region|state|district|county|countryside)"


_NOT_KEY_CHAR = re.compile(r"[^a-z0-9]")
_FUZZY_SPELLINGS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ay", "ai"), ("ey", "ai"), ("ei", "ai"),
                    ("q", "k"), ("kh", "k"), ("dh", "d"), ("e", "a"), ("w", "u"), ("y", "i"))


@lru_cache(maxsize=200_000)
def norm_place(name: str | None) -> str:
    """The scorer's normal form: no diacritics, case, article prefix or punctuation."""
    if not name:
        return ""
    if name.isascii():
        # NFKD leaves ASCII as it is and no ASCII character combines: skip the per-character pass
        s = name.lower().replace("`", "").replace("'", "")
    else:
        s = unicodedata.normalize("NFKD", name)
        s = "".join(c for c in s if not unicodedata.combining(c)).lower()
        s = s.replace("\u2018", "").replace("\u2019", "").replace("`", "").replace("'", "").replace("\u02bf", "").replace("\u02be", "")
    s = _ARTICLE.sub("", s.strip())
    return _NOT_KEY_CHAR.sub("", s)


@lru_cache(maxsize=200_000)
def fuzzy_key(name: str) -> str:
    """A looser key for Arabic transliteration variants (Kassab/Kasab, Qusair/Qusayr, Hassakeh/Hasakah)."""
    s = norm_place(name)
    for a, b in _FUZZY_SPELLINGS:
        s = s.replace(a, b)
    for c in set(s):        # each run of a letter to one letter, as re.sub(r"(.)\1+", r"\1", s) (thrice faster here)
        while c + c in s:
            s = s.replace(c + c, c)
    return s[:-1] if s.endswith("h") else s     # a key is [a-z0-9]* (no newline): what re.sub(r"h$", "", s) drops


@dataclass(frozen=True)
class Place:
    name: str
    admin1: str | None
    country: str | None
    country_code: str | None
    latitude: float | None
    longitude: float | None
    geonameid: int | None
    geo_precision: int
    kind: str = "town"            # town | region | province | country
    parent: str | None = None
    population: int = 0
    context: tuple[str, ...] = ()
    curated: bool = False
    canonical: str | None = None     # the gazetteer's own name when `name` shows the text's spelling
    admin2: str | None = None        # GeoNames' second-level region (not in the CLI record)
    level: int = 1                   # of a province: 1 admin1, 2 admin2

    def as_record(self) -> dict:
        return {"name": self.name, "admin1": self.admin1, "country": self.country,
                "country_code": self.country_code,
                "latitude": None if self.latitude is None else round(self.latitude, 5),
                "longitude": None if self.longitude is None else round(self.longitude, 5),
                "geonameid": self.geonameid, "geo_precision": self.geo_precision}

    @property
    def key(self) -> str:
        return norm_place(self.parent or self.canonical or self.name) + "|" + (self.admin1 or self.country_code or "")


@dataclass(frozen=True)
class Mention:
    place: Place
    start: int          # offsets relative to the analysed string
    end: int
    surface: str
    role: str = "locative"   # locative | near | border | attributive | source | venue (of talks)
    host: tuple[int, int] | None = None   # span of the city/province this place is named as part of
    cued: bool = True        # the text frames it as a place (or it is well known); else only the article's countries admit it
    framed: bool = False     # a locative preposition stands right before it ("in X", "near the city of X")
    cued_locative: bool = False   # a locative word or verb stands before it ("outskirts of X", "shelled X")
    institution: bool = False     # names a hospital, mosque, school ... ("al-Quds hospital"): its own country's only


@dataclass
class Gazetteer:
    exact: dict[str, list[Place]] = field(default_factory=dict)
    fuzzy: dict[str, list[Place]] = field(default_factory=dict)
    countries: dict[str, Place] = field(default_factory=dict)      # by ISO code
    admin1: dict[tuple[str, str], Place] = field(default_factory=dict)
    regions: dict[str, list[Place]] = field(default_factory=dict)      # admin1 by name key
    districts: dict[str, list[Place]] = field(default_factory=dict)    # admin2 by name key
    typed: dict[str, list[Place]] = field(default_factory=dict)        # admin1 by a name that needs its type word
    neighbours: dict[str, frozenset] = field(default_factory=dict)
    capitals: set[int] = field(default_factory=set)
    capital_of: dict[str, Place] = field(default_factory=dict)     # ISO code -> its capital city
    by_id: dict[int, Place] = field(default_factory=dict)          # GeoNames id -> town
    country_keys: set[str] = field(default_factory=set)
    max_words: int = 5

    def add(self, surface: str, place: Place, fuzzy: bool = True) -> None:
        k = norm_place(surface)
        if not k or k in _NOT_PLACES or len(k) < 3:
            return
        bucket = self.exact.setdefault(k, [])
        if place not in bucket:
            bucket.append(place)
        self.max_words = max(self.max_words, min(6, len(surface.split())))
        if fuzzy and place.country_code in REGION_COUNTRIES:
            fb = self.fuzzy.setdefault(fuzzy_key(surface), [])
            if place not in fb:
                fb.append(place)

    def lookup(self, surface: str) -> list[Place]:
        k = norm_place(surface)
        if k in _NOT_PLACES:
            return []
        hits = self.exact.get(k)
        regions = self.regions.get(k)
        if not hits and len(k) >= 5:
            hits = self.fuzzy.get(fuzzy_key(surface))
        if hits:
            return hits + regions if regions else hits
        return regions or []

    def well_known(self, place: Place) -> bool:
        """A country, an admin1 region, a reviewed place, a capital or a big city."""
        return place.kind in ("country", "region") or (place.kind == "province" and place.level == 1) or place.curated \
            or place.population >= WELL_KNOWN_POPULATION or place.geonameid in self.capitals


_COUNTRY_EXTRA = {
    "US": ["United States of America", "USA", "U.S.", "America"], "GB": ["UK", "Britain", "Great Britain", "England"],
    "SY": ["Syrian Arab Republic"], "RU": ["Russian Federation"], "KR": ["South Korea"], "KP": ["North Korea", "DPRK"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of the Congo", "Congo"],     # news' "Congo" (the Republic is "Republic of Congo")
    "CG": ["Republic of Congo", "Republic of the Congo", "Congo Republic", "Congo-Brazzaville", "Congo Brazzaville"], "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "PS": ["Palestine", "Palestinian territories"], "MM": ["Burma"], "CZ": ["Czech Republic"],
    "AE": ["UAE", "Emirates"], "SS": ["South Sudan"], "CF": ["Central African Republic", "CAR"],
}


_PLACE_DEFAULTS = {f.name: f.default for f in fields(Place) if f.default is not MISSING}
_PLACE_FIELDS = frozenset(f.name for f in fields(Place))


def _quick_place(name, admin1, country, country_code, latitude, longitude, geonameid, geo_precision, **rest) -> Place:
    """A Place without the frozen dataclass' per-field __init__ (the gazetteer makes 110k of them)."""
    p = object.__new__(Place)
    p.__dict__.update(_PLACE_DEFAULTS, name=name, admin1=admin1, country=country, country_code=country_code,
                      latitude=latitude, longitude=longitude, geonameid=geonameid, geo_precision=geo_precision, **rest)
    return p


def _renamed(place: Place, **changes) -> Place:
    """`dataclasses.replace` for a Place (no __post_init__, every field in __init__) without its
    per-field introspection: a Place equal to `replace(place, **changes)`, made once per mention."""
    if not changes.keys() <= _PLACE_FIELDS:
        raise TypeError(f"not fields of Place: {sorted(changes.keys() - _PLACE_FIELDS)}")
    p = object.__new__(Place)
    p.__dict__.update(place.__dict__, **changes)
    return p


def admin2_of(geonameid: int | None) -> str | None:
    """GeoNames' second-level division of a town, by its GeoNames id (None when unknown).

    The database carries it (analytics.events.admin2, ACLED's admin2); the `eventwire extract`
    record does not, as docs/event-record.md fixes that record's fields.
    """
    if not geonameid:
        return None
    place = load_gazetteer().by_id.get(int(geonameid))
    return place.admin2 if place is not None else None


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built once per process from data/gazetteer.tsv.gz (tools/build_gazetteer.py)."""
    # ~250k long-lived objects: the cyclic collector would rescan them all many times while they are
    # made, and at every full collection after (frozen: left out of collections for good)
    with collection_paused():
        gz = _read_gazetteer()
    gc.freeze()
    return gz


def _read_gazetteer() -> Gazetteer:
    gz = Gazetteer()
    country_rows, admin_rows, city_rows = [], [], []
    with gzip.open(GAZETTEER_FILE, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line[0] == "P":
                city_rows.append(line.rstrip("\n").split("\t"))
            elif line[0] == "A":
                admin_rows.append(line.rstrip("\n").split("\t"))
            elif line[0] == "C":
                country_rows.append(line.rstrip("\n").split("\t"))
    country_names = {r[3]: r[2] for r in country_rows}
    gz.neighbours = {r[3]: frozenset(x for x in r[5].split(",") if x) for r in country_rows}
    # ACLED spellings and extra aliases of admin1 names (reviewed, data/admin1.csv) over GeoNames' names
    curated: dict[str, dict] = {}
    with open(DATA / "admin1.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            curated[f"{row['country_code']}.{row['admin1_code']}"] = row
    admin1_names: dict[str, str] = {}
    admin2_names: dict[str, str] = {}
    for _, level, code, gid, name, lat, lon, keys, typed in admin_rows:
        cc = code[:2]
        row = curated.get(code) if level == "1" else None
        aliases = keys.split("|") if keys else []
        typed_keys = set(typed.split("|")) - _NOT_PLACES if typed else set()
        if row:
            name, lat, lon = row["name"], row["latitude"], row["longitude"]
            aliases += [norm_place(a) for a in [row["name"]] + (row["aliases"] or "").split("|") if a]
        if level == "1":
            admin1_names[code] = name
            place = Place(name, name, country_names.get(cc), cc, float(lat), float(lon), int(gid) if gid else None, 3,
                          kind="province", curated=bool(row))
            for k in set(aliases) - _NOT_PLACES:
                gz.admin1[(cc, k)] = place
                gz.regions.setdefault(k, []).append(place)
            for k in typed_keys:
                gz.admin1[(cc, k)] = place
                gz.typed.setdefault(k, []).append(place)
        else:
            a1 = admin1_names.get(code.rsplit(".", 1)[0])
            name = _ADMIN2_PREFIX.sub("", name) or name      # "Amphoe Rueso" is Rueso district
            admin2_names[code] = name
            place = _quick_place(name, a1, country_names.get(cc), cc, float(lat), float(lon), int(gid) if gid else None, 3,
                                 kind="province", admin2=name, level=2)
            for k in (set(aliases) - _NOT_PLACES) | typed_keys:
                gz.districts.setdefault(k, []).append(place)
    for code, row in curated.items():          # reviewed provinces GeoNames lacks
        if code not in admin1_names:
            cc = row["country_code"]
            place = Place(row["name"], row["name"], country_names.get(cc), cc, float(row["latitude"]),
                          float(row["longitude"]), None, 3, kind="province", curated=True)
            admin1_names[code] = row["name"]
            for k in {norm_place(a) for a in [row["name"]] + (row["aliases"] or "").split("|") if a}:
                gz.admin1[(cc, k)] = place
                gz.regions.setdefault(k, []).append(place)
    by_id: dict[int, Place] = {}
    exact, fuzzy = gz.exact, gz.fuzzy
    for _, gid, name, cc, a1, a2, lat, lon, pop, keys, fkeys in city_rows:
        place = _quick_place(name, admin1_names.get(f"{cc}.{a1}"), country_names.get(cc), cc, float(lat), float(lon),
                             int(gid), 1, population=int(pop), admin2=admin2_names.get(f"{cc}.{a1}.{a2}") if a2 else None)
        by_id[place.geonameid] = place
        for k in keys.split("|") if keys else ():
            exact.setdefault(k, []).append(place)
        for k in fkeys.split("|") if fkeys else ():
            fuzzy.setdefault(k, []).append(place)
    for k, bucket in exact.items():
        if len(bucket) > 1:
            # a place's own name before another place's alternate one ("Bali" the island's, not Paris' name
            # in Chinese; "Mangu" is Bangkok's only in Chinese), then the most populous
            bucket.sort(key=lambda p: (norm_place(p.name) != k, -p.population))
    for _, gid, name, iso, capital, _nb in country_rows:
        cap = next((p for p in gz.exact.get(norm_place(capital), []) if p.country_code == iso), None)
        if cap is not None:
            gz.capitals.add(cap.geonameid)
            gz.capital_of[iso] = cap
        place = Place(name, None, name, iso, cap.latitude if cap else None, cap.longitude if cap else None,
                      int(gid), 3, kind="country")
        gz.countries[iso] = place
        for surface in [name] + _COUNTRY_EXTRA.get(iso, []):
            k = norm_place(surface)
            gz.country_keys.add(k)
            gz.exact[k] = [place] + [p for p in gz.exact.get(k, []) if p.kind == "country"]
    gz.by_id = by_id
    _load_aliases(gz, by_id, country_names)
    return gz


def _ascii(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("\u2018", "").replace("\u2019", "'").replace("\u02bf", "").replace("\u02be", "")


def _load_aliases(gz: Gazetteer, by_id: dict[int, Place], country_names: dict[str, str]) -> None:
    with open(DATA / "places.yaml", encoding="utf-8") as fh:
        entries = yaml.safe_load(fh)["places"]
    for e in entries:
        region = next((p for p in gz.lookup(e["name"]) if p.geonameid == e["geonameid"]), None) \
            if e.get("geonameid") and e["geonameid"] not in by_id else None
        if e.get("geonameid") and e["geonameid"] in by_id:
            base = by_id[e["geonameid"]]
            place = replace(base, name=e["name"], curated=True)
        elif region is not None:
            place = replace(region, curated=True)     # more names of an admin1 region ("Karen State" for Kayin)
        else:
            place = Place(e["name"], e.get("admin1"), country_names.get(e["country_code"]), e["country_code"],
                          e["latitude"], e["longitude"], e.get("geonameid"), e.get("geo_precision", 1),
                          kind="region" if e.get("geo_precision", 1) == 3 else "town", parent=e.get("parent"),
                          context=tuple(e.get("context", [])), curated=True)
        for surface in [e["name"]] + list(e.get("aliases", [])):
            k = norm_place(surface)
            bucket = gz.exact.setdefault(k, [])
            bucket.insert(0, place)
            gz.max_words = max(gz.max_words, len(surface.split()))
            fb = gz.fuzzy.setdefault(fuzzy_key(surface), [])
            fb.insert(0, place)


_NAME_TOKEN = re.compile(
    r"(?<![\w'\u2019-])(?:[A-Z\u00C0-\u00DE][\w'\u2019\u2018\u02bf\u00C0-\u024F\u1E00-\u1EFF.]*(?:-[\w'\u2019\u00C0-\u024F]+)*"
    r"|(?:al|el|ar|as|ash|at|ad|an|az|ez|ed|es|de|del|la|le|bin|ibn|abu|of|upon|du|da|dos|das|do|y|sur|am)(?:-[\w'\u2019\u00C0-\u024F]+)*)(?![\w'\u2019])")
# compass words that make a region of a place ("northern Latakia", "northeast Damascus", "rural Idlib")
_DIRECTION_WORDS = (r"northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western|"
                    r"north-?east|north-?west|south-?east|south-?west|central|rural|north|south|east|west")
_DIRECTION = TailPattern(re.compile(r"\b(" + _DIRECTION_WORDS + r")\s+$", re.I), ("ern", "central", "rural", "north", "south", "east", "west"), max_words=1)


_AL_NEXT = re.compile(r"(?:al|el|Al|El)-[A-Z]")
# (and "on al-Sabil street", "Baghdad street in Damascus": a street named after a place, written lower-case)
_NAMED_AFTER = re.compile(r"\s+(?:Street|street|St\.|Road|Rd\.|Avenue|Ave\.|Boulevard|Square|Highway|Hotel|Hospital|Mosque|Church|Bridge|Dam|Tech\b"
                          r"|Post|Times|Herald|Journal|Tribune|Gazette|Chronicle|Daily)\b")
_NEIGHBOURHOOD_AFTER = re.compile(r"\s+(?:neighbou?rhood|quarter)\b", re.I)      # (not "suburb": "Harasta suburb" is a town)
_TOWN_FACILITY_AFTER = re.compile(r"\s+(?:(?:Civil|District|General|Teaching|Central|City)\s+)?(?:Press\s+Club|Hospital|University|Stadium|Market|Bazaar|"
                                  r"Police\s+Station|Jail|Prison|Railway\s+Station|Bus\s+(?:Station|Terminal|Stand)|High\s+Court|Court|Secretariat)\b")
_AT_THE_BEFORE = re.compile(r"\b(?:outside|at|in\s+front\s+of|near|inside|opposite|in)\s+the\s+$", re.I)
_BY_A_PERSON_BEFORE = re.compile(r"\b(?:by|President|Minister|leader|spokesman|spokeswoman)\s+$")
# "San Juan de Lurigancho", "Complexo da Mare", "Morro do Alemao": a longer name, as Spanish and Portuguese name places
# (a district, a favela) the gazetteer lacks; not the town of its last or first word ("San Juan": Puerto Rico's)
_NAME_GOES_ON = re.compile(r"\s+(?:de|del|da|do|dos|das)\s+(?:la\s+|las\s+|los\s+)?[A-Z]")
_LOCAL_UNIT_BEFORE = re.compile(r"\b(?:Complexo|Morro|Favela|Comunidade|Vila|Jardim|Colonia|Barrio|Comuna|Vereda|Corregimiento|Parroquia)"
                                r"\s+(?:d[aeo]s?\s+|del\s+|de\s+la\s+)?$")
# "the Route de Delmas", "Rue Lamarre", "Avenida Brasil": a street named after a place, as French, Spanish and
# Portuguese name streets
_STREET_BEFORE = re.compile(r"\b(?:(?:Route|Rue|Avenue|Boulevard|Chemin|Calle|Avenida|Carrera|Rua|Estrada|Rodovia|Via|Viale|Corso)"
                            r"\s+(?:de\s+la\s+|de\s+l'|de\s+|del\s+|do\s+|da\s+|des\s+|du\s+)?"
                            # "Plaza de Bolivar", "Place de la Republique": a square
                            r"|(?:Plaza|Plaça|Praça|Piazza|Place|Parque|Largo)\s+(?:de\s+la\s+|de\s+l'|de\s+|del\s+|do\s+|da\s+|della\s+|du\s+))$")
# "Aden Adde International Airport", "Jomo Kenyatta Airport": a facility named after a person whose name starts like a
# place (not "Aleppo International Airport", in Aleppo)
_PERSON_FACILITY_AFTER = re.compile(r"\s+(?!(?:International|Central|National|Main|Grand|Old|New|Municipal|Regional|Military|Air)\b)"
                                    r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?\s+(?:International\s+)?(?:Airport|Stadium|Airbase|Air\s+Base)\b")
_COMPASS_UNIT_AFTER = re.compile(r"\s+(?P<compass>North|South|East|West|Central)\s+(?:County|District|district|county|Locality|locality|"
                                 r"Payam|payam|LGA|Local\s+Government|sub-prefecture|Sub-Prefecture|Municipality|municipality)\b")
_MOSTLY_BEFORE = re.compile(r"\b(?:mostly|predominantly|largely|overwhelmingly|mainly|majority)[\s-]+$", re.I)
_COMMON_NOUN_AFTER = re.compile(r"\s+(?!(?:region|regional|state|province|district|county|zone)\b)[a-z]")
# a lower-case institution or city-part word after a name: "al-Quds hospital" (in Aleppo), "al-Sulaymaniyah
# neighborhood" (of Aleppo, not Iraq's city); "Aleppo hospital" is in Aleppo
_INSTITUTION_AFTER = re.compile(r"\s+(?:hospital|clinic|mosque|church|school|university|college|camp|hotel|stadium|market|bakery|brigade|battalion|"
                                r"self-defen[cs]e|militias?|"       # "the Zaire self-defence group": a militia named after a place
                                r"neighbou?rhood|quarter|area)\b")
_ARTICLE_WORDS = ("A", "An", "The")
_ORG_WORDS = ("agency", "ministry", "authority", "office", "commission", "council", "network", "organisation", "organization",
              "institute", "company", "corporation", "committee", "bureau", "service", "centre", "center", "association",
              "federation", "foundation", "union")
_ORG_NAME_AFTER = re.compile(r"(?:\s+[A-Z][\w&'\u2019-]*){1,4}\s+(?:" + "|".join(w + "|" + w.capitalize() for w in _ORG_WORDS) + r")\b")
# an armed group's, capitalised: "the Mandalay People's Defence Force", "The Raqa Revolutionaries Brigades" (not a place
# the text puts something in, its comma lost: "in the province of Idlib Nusra Front members kidnapped")
_ARMED_ORG_AFTER = re.compile(r"(?:\s+[A-Z][\w&'\u2019-]*){1,4}\s+(?:Force|Forces|Army|Front|Movement|Brigades?|Militia|Battalion)\b")
_LOCATIVE_WORD_BEFORE = re.compile(r"\b(?:in|of|near|at|from|outside|around|into|across|to)\s+$", re.I)
_LGA_AFTER = re.compile(r"\s+(?:Local\s+Government\s+Area|Local\s+Government|LGA)\b", re.I)
_WATER_OF_BEFORE = re.compile(r"\b(?:Gulf|Bay|Sea|Straits?)\s+of\s+(?:the\s+)?$")
_WATER_BODY = re.compile(r"\b(?:Sea|Gulf|Ocean|Strait|Straits|Channel)$")
_OUTLET_BEFORE = re.compile(r"\b(?:media|newspaper|daily|weekly|TV|television|radio|agency|website|channel|outlet|broadcaster)\s+$", re.I)
_REPORTED_AFTER = re.compile(r"\s+(?:reported|reports|said|says|quoted|cited|added)\b")
_POLICE_AFTER = re.compile(r"\s+police\b", re.I)


# the local units of a few countries' administration, as their news names them: the unit word says the country
_LOCAL_UNIT_COUNTRIES = {"upazila": ("BD",), "regency": ("ID",), "raion": ("UA", "RU", "BY", "MD", "KG"),
                         "rayon": ("AZ", "UA", "RU", "BY", "MD", "KG"), "taluka": ("IN",), "taluk": ("IN",), "mandal": ("IN",),
                         "woreda": ("ET",), "tehsil": ("PK", "IN"), "lga": ("NG",), "payam": ("SS",), "cercle": ("ML",),
                         "oblast": ("UA", "RU", "BY", "KZ", "KG", "BG")}
_LOCAL_UNIT_AFTER = re.compile(r"\s+(" + "|".join(_LOCAL_UNIT_COUNTRIES) + r")\b", re.I)


# "the Krishna Ghati sector", "the Bawana Hills area": a longer name (a town's name its first word) for a part of the land
_LAND_PART_AFTER = re.compile(r"\s+(?:sector|area|valley|forests?|hills|range|belt|subdivision|tehsil)\b", re.I)
_TYPE_WORD_NEXT = re.compile(r"\s+(?:state|province|region|division|governorate)\b", re.I)


def find_places(text: str, gz: Gazetteer | None = None, masked: list[tuple[int, int]] = ()) -> list[Mention]:
    """Place mentions in `text` (a sentence), longest match first, skipping `masked` spans (actor names)."""
    gz = gz or load_gazetteer()
    # only capitalised words and name connectors matter; lower-case words just break runs
    words = []
    ends_run: set[int] = set()
    for m in _NAME_TOKEN.finditer(text):
        w = m.group().rstrip(".")
        possessive = w.endswith(("'s", "\u2019s"))
        if possessive:
            w = w[:-2]          # "Deraa's Tal Jammou": the possessive is not part of the name
        elif w.endswith("s") and len(w) > 4 and w[0].isupper() and _lost_apostrophe(w, gz, text[m.start() + len(w):m.start() + len(w) + 3]):
            w, possessive = w[:-1], True      # "Syrias Aleppo", "Aleppos Ansari": a possessive whose apostrophe was lost
        if w:
            words.append((m.start(), m.start() + len(w), w))
            if possessive:
                ends_run.add(len(words) - 1)
    joined: set[int] = set()      # "Cox's Bazar", "St John's Wood": a name with a possessive in it
    for k in [k for k in ends_run if k + 1 < len(words)]:
        if text[words[k][1]:words[k + 1][0]] in ("'s ", "\u2019s ") and gz.lookup(text[words[k][0]:words[k + 1][1]]):
            ends_run.discard(k)
            joined.add(k)
    out: list[Mention] = []
    i = 0
    n = len(words)
    while i < n:
        s0, e0, w0 = words[i]
        if not (w0[:1].isupper() or ("-" in w0 and w0.split("-")[0].lower() in _CONNECTORS)) or (masked and any(a <= s0 < b for a, b in masked)) \
                or ("-" in w0 and _COMPOUND_ADJ.search(w0)):
            i += 1
            continue
        if (i > 0 and _continues_name(text, words[i - 1], s0)) or (w0.lower() in _RUN_BREAKERS and not _compass_name(text, words, i, gz)):
            i += 1
            continue
        found = None
        run_end = i + 1
        while run_end < min(n, i + gz.max_words) and (run_end - 1) not in ends_run:
            w = words[run_end][2]
            if not (w[:1].isupper() or w.lower() in _CONNECTORS or w.split("-")[0].lower() in _CONNECTORS) \
                    or (text[words[run_end - 1][1]:words[run_end][0]].strip() and run_end - 1 not in joined
                        and text[words[run_end - 1][1]:words[run_end][0]] != " and ") or w in _ARTICLE_WORDS:
                break     # (an article starts the next sentence of a dateline: "BEIRUT A US-led coalition ...")
            run_end += 1
        for j in range(run_end, i, -1):
            last = words[j - 1][2]
            if not last[:1].isupper() and not last.split("-")[-1][:1].isupper():
                continue
            start, end = s0, words[j - 1][1]
            surface = text[start:end]
            cands = gz.lookup(surface)
            if j == run_end and (typed_name := _TYPE_WORD_NEXT.match(text, end)) is not None:
                # "Karen state": a reviewed name with its type word (data/places.yaml), before the bare word
                # (GeoNames also calls a Turkish town Karen)
                # (or GeoNames' region, when the bare word is no place: "Unity state", not "national unity")
                named = [c for c in gz.lookup(text[start:typed_name.end()]) if c.curated or (not cands and c.kind == "province" and norm_place(surface) in _NOT_PLACES)]
                if named:
                    cands, end = named, typed_name.end()
                    surface = text[start:end]
                elif len(cands) > 1:
                    # "Adamawa state": the type word names Nigeria's state, not Cameroon's Adamaoua region
                    typed_ids = {c.geonameid for c in gz.lookup(text[start:typed_name.end()]) if c.kind == "province"}
                    cands = [c for c in cands if c.geonameid in typed_ids] or cands
            if not cands:
                key = norm_place(surface)       # "Mullaitivu district", "Free State": a region named with its type word
                # the type-word patterns only for a name that has a typed or district entry (most have none)
                if (key in gz.typed or key in gz.districts) and (
                        _TYPE_AFTER_GUARD.match(text[end:end + 40]) or _TYPE_BEFORE.search(text[max(0, start - 40):start])):
                    cands = gz.typed.get(key, []) + gz.districts.get(key, [])
                elif j - i > 1 and len(gz.districts.get(key, ())) == 1 and key not in gz.typed \
                        and (_PREP_BEFORE.search(text[max(0, start - 50):start])
                             or _TOWN_COMMA_BEFORE.search(text, max(0, start - 50), start)):
                    # "in North Waziristan", "across Lower Dir": a district of two words or more that only one
                    # country has, where the text puts something, needs no type word
                    cands = gz.districts[key]
            if cands and j == run_end and (unit := _LOCAL_UNIT_AFTER.match(text, end)) is not None:
                # "Raipura upazila": a unit word only some countries use says the country (not India's Raipur)
                cands = [c for c in cands if c.country_code in _LOCAL_UNIT_COUNTRIES[unit.group(1).lower()]]
            if cands and j - i > 1 and words[j - 1][2] in _demonyms()[1]:
                cc = _demonyms()[1][words[j - 1][2]]
                cands = [c for c in cands if c.country_code == cc or c.kind != "town"]     # "NE Syria": no town of Iraq
            if cands and cands[0].kind != "country" and ((surface.isupper() and len(surface) <= 3) or _CAMEL.search(surface)):
                cands = []      # "NGO", "IDF": an acronym; "MiG": a brand; not places
            elif cands and surface.isupper() and len(surface) <= 5 and cands[0].kind != "country" \
                    and not _at_dateline(text, start, end):
                cands = [c for c in cands if gz.well_known(c)]     # "NATO", "SANA": acronyms (not "BENI -", a dateline)
            elif cands and cands[0].kind == "country" and len(surface) <= 4 and not surface.replace(".", "").isupper() \
                    and norm_place(surface) != norm_place(cands[0].name):
                cands = []      # "Car bombs": the acronym of a country ("CAR") only in capitals
            if cands:
                found = (j, start, end, surface, cands)
                break
        if not found:
            i += 1
            continue
        j, start, end, surface, cands = found
        if j < run_end and not words[run_end - 1][2][:1].islower() and _LAND_PART_AFTER.match(text, words[run_end - 1][1]) \
                and not any(c.curated for c in cands):
            i = run_end       # "the Krishna Ghati sector of Poonch district": not the town Krishna
            continue
        if (lga := _LGA_AFTER.match(text, end)) is not None and (districts := gz.districts.get(norm_place(surface))):
            # "Mairuwa, Faskari Local Government Area": Nigeria's district, not an organisation's name nor a
            # person's; its seat town of the same name when the gazetteer has it (as "Dikwa local government area")
            seats = [c for c in cands if c.kind == "town" and any(d.country_code == c.country_code and d.admin1 == c.admin1 for d in districts)]
            if seats:
                cands = seats
            else:
                cands, end = districts, lga.end()
                surface = text[start:end]
            while j < n and words[j][0] < lga.end():
                j += 1
        if surface in _adjectives() and cands[0].kind != "country" and _COMMON_NOUN_AFTER.match(text[end:end + 30]):
            i = j          # "the central Somali town of Beled Weyne": a nationality, not Ethiopia's Somali Region
            continue
        if _MOSTLY_BEFORE.search(text, max(0, start - 20), start) and _COMMON_NOUN_AFTER.match(text[end:end + 30]):
            i = j          # "a mostly Hazara neighbourhood", "a predominantly Christian village": who lives there, not a place
            continue
        if j < n and not text[end:words[j][0]].strip() and _AL_NEXT.match(words[j][2]) \
                and not (cands[0].curated or cands[0].population >= 1_000_000 or cands[0].kind in ("country", "province")):
            i = j + 1      # "Ras al-Maara" is not "Ras" followed by something
            continue
        # "outside the Turbat Press Club", "at the Quetta Civil Hospital": a town's local facility, where something
        # happened, stands in that town (not a person's name, nor a thing named after a place)
        town_facility = cands[0].kind == "town" and _TOWN_FACILITY_AFTER.match(text, end, end + 40) is not None \
            and _AT_THE_BEFORE.search(text, max(0, start - 24), start) is not None
        if j < n and not town_facility and _starts_name(text, end, words[j]) and words[j][2] not in _demonyms()[1] and (
                not (cands[0].curated or cands[0].population >= 100000 or cands[0].kind in ("country", "province"))
                or _SETTLEMENT_OF.search(text[max(0, start - 40):start]) or _TITLE_BEFORE.search(text[max(0, start - 30):start])
                or _SETTLEMENT_AFTER.match(text[words[j][1]:words[j][1] + 25])):
            # "Rami Abdel-Rahman", "Zahran Alloush": a person, not a place; "the town of Ain Larouz": a longer name
            # (not when a nationality word follows: "the district of Aleppo Syrian television said", punctuation lost)
            i = j          # "Rami Abdel-Rahman", "Zahran Alloush": a person, not a place
            continue
        if j < n and cands[0].kind == "town" and not cands[0].curated and _starts_name(text, end, words[j]) \
                and words[j][2] not in _demonyms()[1] and _BY_A_PERSON_BEFORE.search(text, max(0, start - 12), start):
            i = j + 1      # "announced by Vladimir Putin", "led by Victoria Nuland": a person's first name, not a town
            continue
        if not town_facility and (
                _NAMED_AFTER.match(text[end:end + 14]) or _PERSON_FACILITY_AFTER.match(text, end, end + 60)
                or _STREET_BEFORE.search(text, max(0, start - 16), start)
                or (cands[0].kind == "town" and not cands[0].curated
                    and (_NAME_GOES_ON.match(text, end) or _LOCAL_UNIT_BEFORE.search(text, max(0, start - 20), start)))):
            i = j        # "Iskandaron Street", "Baghdad Hotel", "Washington Post": named after a place
            continue
        if cands[0].kind == "town" and not cands[0].curated and cands[0].population < 100_000 \
                and _NEIGHBOURHOOD_AFTER.match(text, end, end + 16):
            i = j        # "the Al-Rawdah neighbourhood": a part of the city the text is about, not a village of the name
            continue
        if _ORG_NAME_AFTER.match(text, end, end + 70) or (_ARMED_ORG_AFTER.match(text, end, end + 70)
                                                          and not _LOCATIVE_WORD_BEFORE.search(text, max(0, start - 10), start)):
            i = j        # "the UK Maritime Trade Operations agency": a word of an organisation's name
            continue
        if _WATER_BODY.search(surface) and cands[0].kind != "town" and not _TYPE_AFTER_GUARD.match(text[end:end + 40]):
            i = j        # "in the Red Sea": a sea, not Sudan's Red Sea state (a region named with its type word is)
            continue
        if _WATER_OF_BEFORE.search(text, max(0, start - 12), start):
            i = j        # "the Gulf of Aden", "the Bay of Bengal": a sea named after a place, not the place
            continue
        if _OUTLET_BEFORE.search(text[max(0, start - 20):start]) and _REPORTED_AFTER.match(text[end:end + 14]):
            i = j        # "the military-run media Myawaddy reported": an outlet named like a town
            continue
        state = _STATE_AFTER.match(text[end:end + 10]) if "," in text[end:end + 2] else None
        if state and state.group(1) in _us_states():
            # "New Brunswick, N.J.", "Monroe, La.": the town of that US state
            cands = [c for c in cands if c.country_code == "US" and c.admin1 == _us_states()[state.group(1)]] or cands
        place = _choose_local(text, start, end, cands, gz)
        if place is not None:
            cued = _cued(text, start, end, place, gz, out[-1] if out else None)
            role = _role(text, start, end)
            if role == "attributive" and place.kind == "town" and _POLICE_AFTER.match(text[end:end + 10]):
                role = "locative"        # "Cairo police detained ...": a city's police act in the city
            if role == "locative" and (place.geonameid in gz.capitals or place.population >= WORLD_CITY_POPULATION) \
                    and ((_METONYM_AFTER.match(text[end:end + 40]) and not _IN_PLACE_BEFORE.search(text[max(0, start - 30):start]))
                         or _METONYM_BEFORE.search(text[max(0, start - 30):start])):
                # "Moscow denied", "Washington has said", "called on Damascus to", "accused Kabul of": the government, not the city
                role = "attributive"
            direction = _DIRECTION.search(text[max(0, start - 20):start])
            if direction and place.kind == "country" and role == "locative" and surface.strip():
                # "eastern Congo": a reviewed region of the country when there is one (data/places.yaml)
                region = [c for c in gz.lookup(f"{direction.group(1).lower()} {surface}") if c.curated and c.country_code == place.country_code]
                if region:
                    place, start = region[0], start - len(direction.group(0))
                    surface = text[start:end]
            if direction and place.kind in ("town", "province") and place.geo_precision == 1 and role == "locative":
                # "northern Latakia", "rural Idlib": a region around the named place
                word = direction.group(1).lower()
                region_name = f"{word} {place.name}"
                curated = [c for c in gz.lookup(f"{word} {surface}") + gz.lookup(region_name) if c.curated]
                if curated:
                    place = curated[0]
                else:
                    place = replace(place, name=region_name, geo_precision=3 if place.admin1 == place.name or place.kind == "province" or place.population > 300000 else 2,
                                    geonameid=None, kind="region", parent=place.parent or place.canonical or place.name)
                start = start - len(direction.group(0))
                surface = text[start:end]
            unit = _COMPASS_UNIT_AFTER.match(text, end) if place.kind == "town" and not place.curated else None
            if unit is not None:
                # "Tonj North County", "Kaga-Bandoro South sub-prefecture": a district named after the town, not the town
                surface = text[start:unit.end("compass")]
                place = replace(place, name=surface, kind="region", geo_precision=2, geonameid=None,
                                parent=place.parent or place.canonical or place.name)
                end = unit.end()
                role = _role(text, start, end)      # ("The Tonj North County commissioner": who speaks)
                while j < n and words[j][0] < end:
                    j += 1
            if not place.curated and place.kind == "town" and surface.strip():
                # keep the spelling of the text: analysts know "Hama", not GeoNames' "Hamah"
                shown = surface if not surface.isupper() else surface.title()
                place = _renamed(place, name=shown, canonical=place.canonical or place.name)
            elif place.kind == "region" and not place.curated and surface.strip():
                place = _renamed(place, name=surface)
            out.append(Mention(place, start, end, surface, role, cued=cued,
                               institution=_INSTITUTION_AFTER.match(text[end:end + 20]) is not None,
                               framed=_PREP_BEFORE.search(text[max(0, start - 50):start]) is not None,
                               cued_locative=_strict_locative(text[max(0, start - 60):start])))
        i = j
    # (a unit numbered by an ordinal is no place, whatever GeoNames spells so: "Third Precinct" is an old name of Amherst)
    out = [m for m in out if not _ORDINAL_FIRST.match(m.surface)]
    return _listed_sources(text, _described_towns(text, _towns_of_named_provinces(text, _districts_of_cities(text, _capitals_named(text, out, gz, masked), gz), gz)))


_LIST_JOIN = re.compile(r",?\s+(?:and|or)\s+|,\s+")


def _listed_sources(text: str, found: list[Mention]) -> list[Mention]:
    """"evacuees from the towns of Fuaa and Kafraya": a place listed with one people came from is another such."""
    out = list(found)
    for k in range(1, len(out)):
        a, b = out[k - 1], out[k]
        if a is not None and b is not None and a.role == "source" and b.role == "locative" and _LIST_JOIN.fullmatch(text, a.end, b.start):
            out[k] = replace(b, role="source")
    return out


# "Bamenda, the capital of Cameroon's Northwest region", "Goma, a city in North Kivu province": the words
# after the comma describe the town; the places named there hold it and are not where things happened
_TOWN_DESCRIBED = re.compile(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:capital|city|town|village|port|seat|hub)\s+(?:of|in)\s+[^,.;:()]{0,60}")


def _described_towns(text: str, found: list[Mention]) -> list[Mention]:
    out = list(found)
    for i, a in enumerate(out):
        if a is None or a.place.kind != "town" or a.place.latitude is None or text[a.end:a.end + 1] != ",":
            continue
        described = _TOWN_DESCRIBED.match(text, a.end)
        if described is None:
            continue
        for k in range(i + 1, len(out)):
            b = out[k]
            if b is None or b.start >= described.end():
                break
            if b.place.kind in ("country", "province", "region") and b.place.country_code == a.place.country_code \
                    and b.role in ("locative", "near"):
                out[k] = replace(b, role="attributive")
    return out


_CALENDAR_WORD = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Christmas|Easter|Ramadan|Eid)")
_IN_PROVINCE_GAP = re.compile(r"\s*,?\s+(?:in|of)\s+(?:the\s+)?|,\s+"
                              # "Hyderabad, the capital of Sindh province": the town that province has
                              r"|,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:capital|city|town|village|port|seat|hub)\s+(?:of|in)\s+(?:the\s+)?")
_POSSESSIVE_GAP = re.compile(r"['\u2019]?s?\s+")
_COUNTRYS_REGION_GAP = re.compile(r"['\u2019]s\s+(?:(?:north|south|east|west)\w*\s+|(?:central|northern|southern|eastern|western)\s+)?")


def _towns_of_named_provinces(text: str, found: list[Mention], gz: Gazetteer) -> list[Mention]:
    """A town the text puts in a province ("Hader in Quneitra province", "the village of Basra in
    Middle Shabeelle Region") is that province's town of the name; when the gazetteer has none there,
    the event is placed at the province, never at a namesake in another province or country (no
    place beats a wrong place; a settlement the gazetteer lacks is then known at the province's level)."""
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a is None or b is None:
            continue
        if b.place.kind == "country" and a.place.kind == "town" and not a.place.curated and a.host is None \
                and a.place.country_code != b.place.country_code and _IN_PROVINCE_GAP.fullmatch(text[a.end:b.start]):
            # "the village of Mangu in Nigeria('s Plateau state)", "Mangu, Nigeria": the town of that country,
            # else that country (or the province named after its possessive): never a namesake abroad
            province = out[i + 2] if i + 2 < len(out) and _POSSESSIVE_GAP.fullmatch(text[b.end:out[i + 2].start]) \
                and out[i + 2].place.kind == "province" else None
            if province is not None and province.place.country_code != b.place.country_code:
                own = [c for c in gz.lookup(province.surface) if c.kind == "province" and c.country_code == b.place.country_code]
                if own:
                    out[i + 2] = replace(province, place=own[0])
                    province = out[i + 2]
                else:
                    province = None
            there = [c for c in gz.lookup(a.surface) if c.kind == "town" and c.country_code == b.place.country_code
                     and (province is None or norm_place(c.admin1 or "") == norm_place(province.place.admin1 or province.place.name))]
            region = [c for c in gz.lookup(a.surface) if c.kind == "province" and c.country_code == b.place.country_code]
            place = _renamed(there[0], name=a.surface, canonical=there[0].canonical or there[0].name) if there \
                else province.place if province is not None else region[0] if region else None
            # (none: a settlement the gazetteer lacks, which unknown_toponyms places in that country)
            out[i] = replace(a, place=place, host=(b.start, b.end)) if place is not None else None
            continue
        if b.place.kind == "country" and b.place.country_code == a.place.country_code and i + 2 < len(out) \
                and out[i + 2] is not None and _IN_PROVINCE_GAP.fullmatch(text[a.end:b.start]) \
                and _COUNTRYS_REGION_GAP.fullmatch(text[b.end:out[i + 2].start]):
            b = out[i + 2]      # "the municipality of Argelia, in Colombia's southwestern Cauca department"
        district = a.place.kind == "province" and a.place.level == 2 and not a.place.curated
        if not (a.place.kind == "town" or district) or a.place.curated or a.host is not None or b.place.kind != "province" \
                or b.place.level != 1 or not (_IN_PROVINCE_GAP.fullmatch(text[a.end:b.start]) or b is not out[i + 1]):
            continue
        province = norm_place(b.place.admin1 or b.place.name)
        if norm_place(a.place.admin1 or "") == province:
            continue
        if district:
            # a district named after its type word, of another province than the one the text names: that
            # province's district of the name, else the province (no namesake district elsewhere)
            there = [c for c in gz.districts.get(norm_place(a.surface), []) if c.country_code == b.place.country_code
                     and norm_place(c.admin1 or "") == province]
            place = there[0] if there else b.place
        else:
            there = [c for c in gz.lookup(a.surface) if c.kind == "town" and c.country_code == b.place.country_code
                     and norm_place(c.admin1 or "") == province]
            place = _renamed(there[0], name=a.surface, canonical=there[0].canonical or there[0].name) if there else b.place
        out[i] = replace(a, place=place, host=(b.start, b.end))
    return [m for m in out if m is not None]


# "India's capital", "the Iraqi capital", "the capital of Chad": the country's capital city
_CAPITAL_PHRASE = re.compile(r"\b(?:(?P<poss>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})['\u2019]s\s+capital"
                             r"|the\s+(?P<adj>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+capital"
                             r"|the\s+capital\s+of\s+(?P<of>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}))\b(?!\s*(?:,|of)?\s+(?:the\s+)?[A-Z])"
                             r"(?!['\u2019]s\b)")      # "the capital of Cameroon's Northwest region": a region's capital
# "Bamenda, the capital of ...": the phrase describes the name before it, found as it is
_NAME_BEFORE_APPOSITIVE = re.compile(r"[A-Z][\w'\u2019-]*,\s*$")


def _capitals_named(text: str, out: list[Mention], gz: Gazetteer, masked) -> list[Mention]:
    """Add the capital city a phrase names by its country ("Police in India's capital said ...").

    Not when the city's own name follows ("the Chadian capital, N'Djamena", "Sudan's capital of
    Khartoum"): that name is found as it is.
    The country's own mention inside the phrase gives way to the city.
    """
    if "capital" not in text:
        return out
    _, demonyms = _demonyms()
    for m in _CAPITAL_PHRASE.finditer(text):
        if any(a <= m.start() < b for a, b in masked) or _NAME_BEFORE_APPOSITIVE.search(text, max(0, m.start() - 40), m.start()):
            continue
        name = m["poss"] or m["of"] or m["adj"]
        cc = demonyms.get(name) if m["adj"] else None
        if cc is None:
            country = next((p for p in gz.lookup(name) if p.kind == "country"), None)
            cc = country.country_code if country else None
        cap = gz.capital_of.get(cc) if cc else None
        if cap is None:
            continue
        out = [x for x in out if not (m.start() <= x.start < m.end())]
        out.append(Mention(replace(cap, geo_precision=1), m.start(), m.end(), m.group(0),
                           _role(text, m.start(), m.end()), cued=True,
                           framed=_PREP_BEFORE.search(text[max(0, m.start() - 50):m.start()]) is not None,
                           cued_locative=_strict_locative(text[max(0, m.start() - 60):m.start()])))
    out.sort(key=lambda x: x.start)
    return out


_PART_WORDS = r"(?:neighbou?rhoods?|districts?|quarters?|suburbs?)"
# "the Mazraa neighbourhood of Damascus" / "the east Damascus neighbourhood of Jobar"
_PART_WORD_AFTER = re.compile(r"\s+" + _PART_WORDS + r"\b", re.I)       # "(Jobar) district"
_PART_OF = re.compile(r"\s+" + _PART_WORDS + r"\s+of\s+(?:the\s+)?$", re.I)
# "Jobar, a key district on the edge of Damascus"
_APPOSITIVE_PART = re.compile(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?" + _PART_WORDS + r"\s+(?:[\w-]+\s+){0,5}?(?:of|in)\s+(?:the\s+)?$", re.I)
# "Damascus's Jobar (district)", "in Hama's Tal Mraq"
_POSSESSIVE = re.compile(r"['\u2019]s\s+$")
_DIRECTION_START = re.compile(r"(?:" + _DIRECTION_WORDS + r")\s", re.I)
_PART_NEAR_DEGREES = 0.3     # a suburb across a province line (Douma, Damascus)
_PART_FAR_DEGREES = 1.5      # an administrative district without a known province


def _host_base(host: Place) -> str:
    """The city (or province) a host mention stands for: "east Damascus" is Damascus."""
    return host.parent if host.kind == "region" and host.parent else (host.canonical or host.name)


def _part_consistent(part: Place, host: Place) -> bool:
    """Whether `part` can lie in `host`: the reviewed table says so, or nothing says it is elsewhere."""
    if part.kind in ("country", "province") or part.latitude is None:
        return False
    if part.parent and norm_place(part.parent) == norm_place(_host_base(host)):
        return True
    if part.country_code != host.country_code:
        return False
    if host.kind == "country":
        return True
    if part.parent and part.curated:
        return False        # a reviewed district of another city ("Mazraa" of Damascus, not of Homs)
    if host.latitude is None:
        return part.admin1 == host.admin1
    near = max(abs(part.latitude - host.latitude), abs(part.longitude - host.longitude))
    if part.admin1 and host.admin1:
        return part.admin1 == host.admin1 or near <= _PART_NEAR_DEGREES     # a suburb over a province line
    return near <= _PART_FAR_DEGREES


def resolve_part(surface: str, current: Place | None, host: Place, gz: Gazetteer, city_part: bool) -> Place:
    """The place a name stands for when the text names it as part of `host` ("the X district of Y").

    A known place that can lie in the host keeps its own coordinates (its admin1, or the host's when
    it has none); an unknown one, or one that only exists elsewhere, is placed at the host with
    geo_precision 2 under the name of the text. `city_part`: the wording makes it a part of the city
    (neighbourhood/district/quarter/suburb of), so it counts as the city when events are merged.
    """
    cands = ([current] if current is not None else []) + [p for p in gz.lookup(surface) if p is not current]
    fits = [p for p in cands if _part_consistent(p, host)]
    if fits:
        base = norm_place(_host_base(host))
        best = min(fits, key=lambda p: (not (p.parent and norm_place(p.parent) == base), not p.curated,
                                        abs(p.latitude - (host.latitude or p.latitude)) + abs(p.longitude - (host.longitude or p.longitude))))
        if not best.curated and best.kind == "town":
            shown = surface if not surface.isupper() else surface.title()
            best = replace(best, name=shown, canonical=best.canonical or best.name)
        if best.admin1 is None:
            best = replace(best, admin1=host.admin1)
        return best
    return _part_at_host(surface, host, city_part)


def _part_at_host(surface: str, host: Place, city_part: bool) -> Place:
    """A part the gazetteer does not place: at its host, geo_precision 2, under the name of the text."""
    return Place(surface, host.admin1, host.country, host.country_code, host.latitude, host.longitude, None, 2, kind="town",
                 parent=_host_base(host) if city_part and host.kind in ("town", "region") else None)


def _districts_of_cities(text: str, found: list[Mention], gz: Gazetteer | None = None) -> list[Mention]:
    """Places the text names as part of another: "the Mazraa neighbourhood of Damascus", "the east
    Damascus neighbourhood of Jobar", "Damascus's Jobar district", "Jobar, a key district of Damascus".

    The part is where the event happened (docs/ontology.md: the finest level the text supports); it
    is resolved against its host, and remembers the host's span so the host is not chosen instead.
    """
    gz = gz or load_gazetteer()
    out = list(found)
    hosts_ok = ("town", "region", "province")
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        gap = text[a.end:b.start]
        part = host = None
        city_part = True
        if _PART_OF.fullmatch(gap):
            directional = a.place.kind == "region" and _DIRECTION_START.match(a.surface) is not None
            b_in_a = b.place.curated and b.place.parent and a.place.kind in ("town", "region") \
                and norm_place(b.place.parent) == norm_place(_host_base(a.place))
            if directional or b_in_a:
                part, host = i + 1, i          # "the east Damascus neighbourhood of Jobar"
            elif b.place.kind in hosts_ok:
                part, host = i, i + 1          # "the Mazraa neighbourhood of Damascus"
        elif _APPOSITIVE_PART.fullmatch(gap) and b.place.kind in hosts_ok:
            part, host = i, i + 1
        elif _POSSESSIVE.fullmatch(gap) and a.place.kind in hosts_ok and a.place.latitude is not None:
            part, host, city_part = i + 1, i, bool(_PART_WORD_AFTER.match(text[b.end:b.end + 16]))
        if part is None or out[host].place.kind not in hosts_ok or out[part].place.kind == "country" \
                or (out[part].place.kind == "province" and (part > host
                                                            or out[part].place.country_code == out[host].place.country_code)):
            continue      # but a province of another country named as a city's part is a namesake: "the Salah al-Din district of Aleppo"
        pm, hm = out[part], out[host]
        if pm.place.kind == "region" and pm.place.geo_precision == 3:
            continue            # a named region is not a part of a city
        if pm.place.kind == "province":
            place = _part_at_host(pm.surface, hm.place, city_part)     # only a namesake abroad has the name
        else:
            place = resolve_part(pm.surface, pm.place, hm.place, gz, city_part)
        role = hm.role if host < part and hm.role != "dateline" else pm.role
        out[part] = replace(pm, place=place, role=role, host=(hm.start, hm.end))
    return out


_RUN_BREAKERS = {"the", "in", "at", "of", "near", "from", "to", "into", "outside", "around", "and", "on", "by",
                 "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west", "rural",
                 "town", "city", "village", "district", "province", "region", "while", "when", "after", "as", "for",
                 "with", "across", "inside", "toward", "towards", "between", "over", "under", "a", "an", "also"}


_PLACE_WORDS = {"province", "governorate", "region", "district", "city", "town", "village", "county", "state",
                "countryside", "area", "valley", "mountains", "mountain", "heights", "plain", "border", "crossing",
                "camp", "airport", "neighbourhood", "neighborhood", "suburb", "river", "desert", "al", "el",
                # local units named after their seat, capitalised as a name's part: "Kanbalu Township", "Dera Woreda"
                "township", "tehsil", "woreda", "commune", "municipality", "prefecture", "payam", "upazila", "regency"}


# "Kurdish-held", "Western-backed", "Iranian-made": a compound adjective, never a place's name
_COMPOUND_ADJ = re.compile(r"-(?:held|backed|led|controlled|based|allied|run|born|linked|affiliated|dominated|majority|"
                           r"populated|speaking|style|bound|owned|made|funded|sponsored|aligned|leaning|supported|"
                           r"occupied|besieged|administered|built|trained|armed|inspired)$", re.I)
_COMPASS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Upper", "Lower"}


_NAME_NEXT = re.compile(r"\s[A-Z]")


def _lost_apostrophe(w: str, gz: Gazetteer, after: str) -> bool:
    """ "Syrias", "Aleppos Ansari": a country, or a well-known place followed by a name, with an 's'
    glued on; never a word that is a name itself ("Hamas")."""
    stem = norm_place(w[:-1])
    if stem in gz.country_keys:
        return True
    if not _NAME_NEXT.match(after):
        return False
    key = norm_place(w)
    if key in _NOT_PLACES or key in gz.exact or key in gz.regions:
        return False
    return any(gz.well_known(p) for p in gz.exact.get(stem, []) + gz.regions.get(stem, []))


def _strict_locative(before: str) -> bool:
    """A locative word or verb before a name, but not a bare "and"/"of"/"to"/"from" ("Washington and Moscow")."""
    m = _LOCATIVE.search(before)
    return m is not None and _BARE_CONNECTIVE.match(m.group(0)) is None


def _compass_name(text: str, words: list, i: int, gz: Gazetteer) -> bool:
    """ "North Kivu", "South Waziristan": a compass word that is part of a region's name."""
    if words[i][2] not in _COMPASS or i + 1 >= len(words) or text[words[i][1]:words[i + 1][0]] != " ":
        return False
    # (or longer: "Central African Republic")
    for j in range(i + 1, min(len(words), i + 4)):
        if j > i + 1 and text[words[j - 1][1]:words[j][0]] != " ":
            break
        key = norm_place(text[words[i][0]:words[j][1]])
        if key in gz.regions or key in gz.typed or key in gz.districts or key in gz.exact:
            return True
    return False


def _starts_name(text: str, end: int, nxt: tuple[int, int, str]) -> bool:
    ns, ne, nw = nxt
    return not text[end:ns].strip() and nw[:1].isupper() and nw.lower() not in _PLACE_WORDS \
        and nw.lower() not in _RUN_BREAKERS and not nw.isupper()


def _continues_name(text: str, prev: tuple[int, int, str], start: int) -> bool:
    """True when the word before continues a capitalised name ("Qazi Hussein", "Bashar Assad")."""
    ps, pe, pw = prev
    gap = text[pe:start]
    if gap.strip() or not pw[:1].isupper():
        return False
    if pw.lower() in _RUN_BREAKERS or pw.lower() in _NOT_PLACES or pw.endswith(("'s", "\u2019s")) or ("-" in pw and _COMPOUND_ADJ.search(pw)):
        return False        # "Kurdish-held Afrin": the adjective does not make Afrin part of a name
    if pw.isupper() and len(pw) > 1:
        return False       # "BEIRUT", acronyms
    # sentence-initial capitalised function word
    if ps == 0 or text[max(0, ps - 2):ps].strip() in (".", '"', "\u201c"):
        return pw.lower() not in _RUN_BREAKERS and not pw.lower() in ("in", "at")
    return True


# "Helmand province", "Mullaitivu district", "the province of Idlib": a region's type word
_ADMIN1_WORDS = r"province|governorate|state|region|department|prefecture|oblast|emirate|wilaya|countryside"
_ADMIN2_WORDS = r"district|county|municipality|sub-?district|municipal\s+district|local\s+government\s+area|lga|commune|" \
    r"territory|township|tehsil|woreda|division|cercle|regency|raion|rayon|upazila|taluka?|mandal"
# (Congo's territoires, Myanmar's townships, Pakistan's tehsils, Ethiopia's woredas, Indonesia's regencies (kabupaten),
# Ukraine's and Russia's raions, Bangladesh's upazilas, India's talukas and mandals)
_TYPE_AFTER = re.compile(r"[\s\u2019']*s?\s*(?:(?-i:[a-z][a-z-]+)\s+)?(?P<w>" + _ADMIN1_WORDS + "|" + _ADMIN2_WORDS + r")\b", re.I)
_ADMIN2_WORD = re.compile(_ADMIN2_WORDS, re.I)
# one of these stands in every match of _TYPE_AFTER (in its type word); most windows hold none
_TYPE_STEMS = ("province", "governorate", "state", "region", "department", "prefecture", "oblast", "emirate", "wilaya",
               "countryside", "district", "county", "municipal", "local", "lga", "commune", "territory", "township", "tehsil",
               "woreda", "division", "cercle", "regency", "raion", "rayon", "upazila", "taluk", "mandal")


_TYPE_AFTER_GUARD = WordGuard(_TYPE_AFTER, _TYPE_STEMS)     # the same matches, skipped when no type word is there


_TYPE_BEFORE = TailPattern(re.compile(r"\b(?P<w>" + _ADMIN1_WORDS + "|" + _ADMIN2_WORDS + r")\s+of\s+(?:the\s+)?$", re.I),
                           ("of", "the"), max_words=5, fold=True)      # "local government area of the"
# "the village of X", "X village", "X neighbourhood": the text says the name is a settlement
_SETTLEMENT_AFTER = re.compile(r"\s+(?:town|city|village|hamlet|neighbou?rhood|(?:(?:refugee|displacement|IDP|displaced)\s+)?camp|suburb|quarter|area|outskirts|"
                               r"district|countryside|airport|air\s?base|border\s+crossing|crossing|port)\b", re.I)
_SETTLEMENT_OF = TailPattern(re.compile(r"\b(?:town|city|village|hamlet|neighbou?rhood|district|suburb|quarter|area)\s+of\s+(?:the\s+)?$",
                                         re.I), ("of", "the"), max_words=3, fold=True)
# "in Piagapo, Lanao del Sur": a town where the text puts something, then its district or province
_TOWN_COMMA_BEFORE = re.compile(r"\b(?:in|at|near|outside)\s+[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?,\s+$")
_PREP_BEFORE = TailPattern(re.compile(r"\b(?:in|at|near|outside|inside|into|across|around|over|toward|towards|through)\s+(?:the\s+)?"
                                      r"(?:(?:[\w-]+\s+){0,2}(?:capital|city|town|port|village|province|region)\s+(?:of\s+)?)?$",
                                      re.I),
                           ("in", "at", "near", "outside", "inside", "into", "across", "around", "over", "toward", "towards",
                            "through", "the", "capital", "city", "town", "port", "village", "province", "region", "of"), max_words=6,
                           fold=True)
_TOWN_OF_BEFORE = re.compile(r"\b(?:town|city|village)\s+of\s+(?:the\s+)?$", re.I)
_CAMEL = re.compile(r"(?:^|\s)[A-Z]?[a-z]+[A-Z]")
# "President Vladimir Putin", "Gen. Ali ...": a title makes the next name a person's
_TITLE_BEFORE = re.compile(r"\b(?:President|Prime\s+Minister|Minister|Secretary|General|Gen\.?|Lt\.?|Col\.?|Colonel|Major|"
                           r"Maj\.?|Captain|Capt\.?|Sheikh|Shaikh|Imam|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|King|Prince|Queen|Emir|"
                           r"Commander|Governor|Mayor|Brigadier|Spokesman|spokesman|spokeswoman|envoy|Envoy|Pope|Ayatollah|"
                           r"Senator|Sen\.?|Rep\.?|Judge|Chief|Director|activist|journalist|photographer|correspondent|"
                           r"leader|commander|chief|president|minister|official|director)\s+$")
_OPENER = re.compile(r"(?:^|[.!?:][\"'\u201d\u2019]?)\s*[\"'\u201c(]?$")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*/\s*)")
# a capital standing for its government: "Moscow denied", "Washington has said"
# who is urged, accused or negotiated with is a government ("called on Damascus to give access")
_METONYM_BEFORE = re.compile(r"\b(?:called\s+on|calls\s+on|calling\s+on|urged|urges|urging|pressed|pressured|accused|accuses|warned|"
                             r"warns|critici[sz]ed|condemned|sanctioned|blamed|lobbied|(?:talks|relations|ties|negotiations)\s+with)\s+$", re.I)
# "Police in Pune say": the place is where the speaker is, not a government speaking
_IN_PLACE_BEFORE = re.compile(r"\b(?:police|officials?|authorities|forces|troops|soldiers|residents|correspondents?|journalists?|"
                              r"reporters?|activists?|witnesses|sources?|doctors|medics|spokes(?:man|woman|person))\s+(?:in|at)\s+(?:the\s+)?$", re.I)
_METONYM_AFTER = re.compile(
    r"\s+(?:has\s+|had\s+|have\s+|is\s+|was\s+|also\s+|has\s+also\s+|later\s+)?(?:said|says|say|denied|denies|deny|vetoed|"
    r"accused|accuses|blamed|blames|condemned|condemns|warned|warns|announced|claimed|insisted|insists|rejected|"
    r"demanded|urged|called|backed|backs|supports|supported|responded|sent|deployed|stepped|argued|maintained|"
    r"countered|dismissed|welcomed|hopes|wants|wanted|agreed|refused|vowed|threatened|sought|began|launched|"
    r"intervened|joined|sided|pledged|promised|reacted|considers|considered)\b", re.I)


def _at_dateline(text: str, start: int, end: int) -> bool:
    """The name opens the text and a dateline's punctuation follows it ("BENI -", "GUSAU, Nigeria (AP) —")."""
    return start < 25 and not text[:start].strip(" \"'") and _DATELINE_AFTER.match(text, end, end + 25) is not None


def _choose_local(text: str, start: int, end: int, cands: list[Place], gz: Gazetteer) -> Place | None:
    """Pick among same-name candidates using only the sentence: a region's type word ("Diyala
    province", "Mullaitivu district", "the province of Idlib") picks the region of that name; else
    the most populous town. Which country's place it is, the article decides (`disambiguate`)."""
    after = text[end:end + 40]
    before = text[max(0, start - 60):start]
    typed = _TYPE_AFTER_GUARD.match(after) or _TYPE_BEFORE.search(before)
    if typed:
        second = _ADMIN2_WORD.fullmatch(typed.group("w")) is not None
        key = norm_place(text[start:end])
        level1 = [p for p in cands if p.kind == "province"] + [p for p in gz.typed.get(key, []) if p not in cands]
        level2 = gz.districts.get(key, [])
        if second and level2:
            # "Dikwa local government area": a district named after its seat is placed at the town
            seat = [p for p in cands if p.kind == "town" and p.country_code == level2[0].country_code]
            if seat:
                return seat[0]
        for group in ((level2, level1) if second else (level1, level2)):
            if group:
                return group[0]
    towns = [p for p in cands if p.kind != "province"]
    if not towns:
        return cands[0]
    best = towns[0]
    provinces = [p for p in cands if p.kind == "province"]
    if provinces and best.kind == "town" and not best.curated and best.population < WELL_KNOWN_POPULATION \
            and not any(t.country_code == provinces[0].country_code for t in towns) \
            and not _SETTLEMENT_AFTER.match(after) and not _TOWN_OF_BEFORE.search(before) \
            and not _at_dateline(text, start, end):
        # (a dateline names a town: "BENI -" is Congo's town, not Bolivia's department)
        # a bare name that is an admin1 region and only a small town: the region ("fighting in Diyala")
        return provinces[0]
    return best


def _cued(text: str, start: int, end: int, place: Place, gz: Gazetteer, prev: Mention | None) -> bool:
    """Whether the text frames the name as a place: a locative word before it, a place-type word
    around it, a dateline, "Town, Country", a direction ("northern X"), or the next item of a list
    of places. Well-known places (countries, admin1 regions, capitals, big cities) need no cue."""
    if end - start <= 4 and place.kind == "town" and _OPENER.search(text[:start]):
        return False     # "Can you ...", "Son ...": a short word capitalised because it opens the sentence
    if gz.well_known(place):
        return True
    before = text[max(0, start - 60):start]
    after = text[end:end + 40]
    bare_before = _HYPHENED_LAST.sub("", before)     # "in rebel-held X", "in Kurdish-held X"
    if _LOCATIVE.search(before) or _LOCATIVE.search(bare_before) or _DIRECTION.search(before[-20:]):
        return True
    if _SETTLEMENT_AFTER.match(after) or _TYPE_AFTER_GUARD.match(after) or _TYPE_BEFORE.search(before):
        return True
    if start < 25 and not text[:start].strip(" \"'") and _DATELINE_AFTER.match(after) and text[start:end].isupper():
        return True
    if start < 25 and _LOG_DATE_BEFORE.fullmatch(text, 0, start) and _LOG_PLACE_AFTER.match(after):
        return True      # "1 April, Sololo: police recovered ...": the place of an incident log's entry
    follow = _FOLLOWING_NAME.match(after)
    if follow and any(p.kind in ("country", "province") for p in gz.lookup(follow.group(1).strip())):
        return True
    if prev is not None and prev.cued and prev.place.kind != "country" and _LIST_GAP.fullmatch(text[prev.end:start]):
        return True
    return False


_ATTRIBUTIVE_AFTER = re.compile(
    r"[\u2019']?s?[\s-]*(?:based|backed|led|allied|affiliated|supported|born|held|controlled)\b"
    r"|\s+(?:government|authorities|officials|forces|army|military|troops|state media|news|official|police|"
    r"regime|president|ministry|warplanes|jets|aircraft|embassy|commissioner|governor|administrator|mayor)\b", re.I)
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# an incident log's entry heading: "29 March, Shegel (outskirts of Marsabit town): ..."
_LOG_DATE = r"(?:\d{1,2}\s+" + _MONTH + r"|" + _MONTH + r"\s+\d{1,2})(?:\s+\d{4})?,\s+"
_LOG_HEADING_END = r"\s*(?:\([^()]*\)\s*)?:"
_LOG_DATE_BEFORE = re.compile(r"\s*" + _LOG_DATE)
_LOG_PLACE_AFTER = re.compile(r"(?:\s+(?:area|town|village|district))?" + _LOG_HEADING_END)
_DATELINE_AFTER = re.compile(r"\s*(?:[,:]|\s[-\u2013\u2014]\s|\s*\()")
# only a date or time stamp before a name at the start of a text, and a capitalised word right after it
_STAMP_ONLY = re.compile(r"[\s\"'|]*(?:(?:last\s+)?(?:updated|published|posted)\s*(?:at|on)?\s*)?"
                         r"(?=[^|]*(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))"
                         r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:mon|tue|wed|thu|fri|sat|sun)\b\.?|"
                         r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b\.?|\d{1,8}(?:[:.]\d{2})?|"
                         r"utc(?:[+-]\d+)?|gmt|am\b|pm\b|at\b|[\s,|:/-])+$", re.I)
_CAPITAL_NEXT = re.compile(r"\s+(?:[A-Z][a-z]|A\s+[A-Za-z])")


def after_feed_stamp(text: str, start: int, end: int) -> bool:
    """`text` opens with only a feed's date or time stamp before `start` ("Last updated at Jan 20 2015",
    "21 Jul 2016"), and a capitalised word follows `end`: the story starts there."""
    return _STAMP_ONLY.match(text[:start]) is not None and _CAPITAL_NEXT.match(text[end:]) is not None


# "RAWALPINDI / DERA ISMAIL KHAN:": the first of two dateline cities, and the second
_SECOND_DATELINE_AFTER = re.compile(r"\s*/\s*[A-Z]{2}")
_FIRST_DATELINE_BEFORE = re.compile(r"[\s\"']*[A-Z][A-Z.' -]*[A-Z.]\s*/\s*")
_DATELINE_CITY_BEFORE = re.compile(r"[\s\"']*[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,3},\s*$")
_DATELINE_END_AFTER = re.compile(r"\s*(?:\([^)]{0,30}\)\s*)?[-\u2013\u2014:]")
# "KAYA, Burkina Faso -", "Kaya, Nov 21 -", "Kaya, 21 November 2021 (Burkina24) -"
_DATELINE_SHAPE = re.compile(r"\s*,\s*[A-Z][\w ]+\s*[-\u2013\u2014:]|\s*[,:]\s*[A-Z][a-z]{2}\.?\s+\d"
                             # "Raipur: Maoists killed ...": South Asian papers' dateline, the city and a colon
                             r"|:\s+(?=[A-Z])"
                             r"|\s*,\s*\d{1,2}\s+[A-Z][a-z]+\.?(?:\s+\d{4})?\s*(?:\([^)]{0,30}\)\s*)?[-\u2013\u2014:]")
_SEAT_BEFORE = TailPattern(re.compile(r"\b(?:government|authorities|officials|regime|leadership|administration|parliament|"
                                      r"ministry|allies|backers|patrons|based|headquartered)\s+in\s+(?:the\s+)?$"
                                      # "the artillery battalion based near Kawkareik": where a force is, not the event
                                      r"|\b(?:based|stationed|headquartered)\s+(?:near|at|around|outside)\s+(?:the\s+)?$"),
                           ("in", "the", "near", "at", "around", "outside"), max_words=3)
# a building the text puts someone at ("outside parliament in", "stormed the ministry in"): the city is where it happened
_AT_THE_SEAT = re.compile(r"\b(?:outside|at|near|in\s+front\s+of|inside|into|stormed|besieged|surrounded|marched\s+to)\s+(?:the\s+)?"
                          r"(?:[\w'\u2019]+\s+)?(?:parliament|ministry|government|authorities|administration|leadership)\s+in\s+(?:the\s+)?$")
_BORDER_BEFORE = TailPattern(re.compile(r"\b(?:border|frontier)\s+(?:with|of)\s+(?:the\s+)?$|\b(?:bordering|borders)\s+$"),
                             ("with", "of", "the", "bordering", "borders"), max_words=3)
_NEAR_BEFORE = re.compile(r"\b(?:near|outside|between|north of|south of|east of|west of|close to|opposite|across\s+from|(?:\d|\b)(?:km|kilometers|kilometres|miles)\)?\s+\w+\s+of"
                          # "a few kilometres from Mongbwalu", "about 3 km from Eringeti": a distance from the place, near it
                          r"|(?:\d|\b)(?:km|kilometers|kilometres|miles|metres|meters)\)?\s+(?:away\s+)?from)\s+(?:the\s+)?(?:\w+\s+)?$")
# (the distance may have its conversion after it: "about 30 kilometers (19 miles) northwest of Mogadishu")
# (the words between "from" and the name are no preposition: "dropped bombs from drones on Koutruk" hit Koutruk)
_SOURCE_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?(?:(?!(?:on|onto|upon|against|at|into|towards?)\s)\S+\s+){0,2}?(?:(?:city|cities|towns?|villages?|provinces?|regions?|areas?|port)\s+of\s+)?$|\bto\s+(?:the\s+)?$"
                            # "forced thousands to flee toward Goma": where people fled, not where the fighting was
                            r"|\b(?:fle[de]|flees|fleeing|escap(?:ed|ing)|head(?:ed|ing)|displaced|streamed|streaming)\s+(?:\S+\s+){0,3}?towards?\s+(?:the\s+)?$"
                            # "... torched five houses before fleeing into the Boni forest": where the attackers went
                            r"|\b(?:fle[de]|flees|fleeing|escap(?:ed|ing)|retreat(?:ed|ing)|withdr(?:ew|awing)|disappear(?:ed|ing)|melted)\s+(?:back\s+)?into\s+(?:the\s+)?(?:nearby\s+|neighbou?ring\s+)?$"
                            # "Women who arrived in El Obeid told ...": where those who fled reached, not where it happened
                            r"|\b(?:who|that|had|have|has|after|since)\s+(?:\S+\s+)?(?:arrived|arriving|fled|sought\s+refuge|taken\s+refuge|took\s+refuge)\s+(?:in|to|at)\s+(?:the\s+)?$")

_SOURCE_STEMS = ("from", "to", "arriv", "fled", "refuge", "into")      # every match of _SOURCE_BEFORE and _SOURCE_HOST_BEFORE holds one
# "believed to be from Mayom County in neighbouring Unity State": where the place they came from is
_SOURCE_HOST_BEFORE = re.compile(r"\bfrom\s+[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,2},?\s+(?:in|of)\s+(?:the\s+)?(?:neighbou?ring\s+)?$")
_SPEAKER_IN_BEFORE = re.compile(r"\b(?:told\s+(?:reporters|journalists|a\s+news\s+conference|a\s+press\s+conference|parliament)|said|says|"
                                r"speaking|spoke|addressing\s+(?:reporters|journalists)|news\s+conference|press\s+conference|briefing)"
                                r"\s+(?:on\s+\w+day\s+|today\s+|yesterday\s+)?in\s+(?:the\s+(?:capital\s+)?)?$", re.I)
# "A security source in Dori said", "an AFP correspondent in Goma reported": where the teller is, not the deed told
# (one official, "a security official in Islamabad, speaking on condition of anonymity, said"; not "officials in Maiduguri",
# the town's own authorities)
_TELLER_IN_BEFORE = re.compile(r"\b(?:sources?|correspondents?|journalists?|reporters?|stringers?|(?:an?|one)\s+(?:[\w-]+\s+)?official)"
                               r"\s+(?:based\s+)?in\s+(?:the\s+)?$", re.I)
_TELLER_SAID_AFTER = re.compile(r"(?:,\s+(?:speaking|who\s+(?:asked|spoke|requested)|requesting|declining)\b[^,.;]{0,60},)?"
                                r"\s+(?:(?:also|later|has|had|have)\s+)?(?:said|says|say|told|reported|reports|confirmed|added)\b")
_VENUE_BEFORE = WordGuard(re.compile(r"\b(?:talks|negotiations|summit|conference|peace\s+process|hosted)\b[^.;]{0,60}?"
                                     r"\b(?:in|at)\s+(?:the\s+)?(?:\S+\s+){0,3}$", re.I))
_NEAR_WORDS = ("near", "outside", "between", "of", "close to", "opposite", "across", "from")     # one of them is in every match of _NEAR_BEFORE
_HYPHENED_LAST = re.compile(r"[\w'\u2019]+-[\w-]+\s+$")
_FOLLOWING_NAME = re.compile(r",\s+((?:[A-Z][\w'\u2019-]+\s?){1,3})")
_BARE_CONNECTIVE = re.compile(r"(?:and|of|to|from)\b", re.I)


def _role(text: str, start: int, end: int) -> str:
    """How a sentence uses a place name: where something happened, or only near, from, at a border, ..."""
    before = text[max(0, start - 40):start].lower()
    after = text[end:end + 25]
    if _ATTRIBUTIVE_AFTER.match(after):
        return "attributive"
    if start < 25 and not text[:start].strip(" \"'") and (_DATELINE_AFTER.match(after) or _SECOND_DATELINE_AFTER.match(after)) \
            and (text[start:end].isupper() or _DATELINE_SHAPE.match(text, end, end + 60)):
        return "dateline"
    if start < 50 and _FIRST_DATELINE_BEFORE.fullmatch(text, 0, start) and _DATELINE_AFTER.match(after) and text[start:end].isupper():
        return "dateline"      # "RAWALPINDI / DERA ISMAIL KHAN:": a dateline of two cities
    if start < 50 and after_feed_stamp(text, start, end):
        return "dateline"      # "Jan 20 2015 Beirut Syrian jets ...": a feed's stamp, the dateline, then the story
    if start < 40 and _DATELINE_CITY_BEFORE.match(text[:start]) and _DATELINE_END_AFTER.match(after):
        return "dateline"      # "KHARTOUM, Sudan —", "ABUJA, Nigeria (AP) —": the dateline's country
    if _SEAT_BEFORE.search(before) and not _AT_THE_SEAT.search(before):
        return "attributive"     # "the government in Damascus"; not "a sit-in outside parliament in Tbilisi"
    if _BORDER_BEFORE.search(before):
        return "border"
    if holds_any(before, _NEAR_WORDS) and _NEAR_BEFORE.search(before):
        return "near"
    if "in" in before and _TELLER_IN_BEFORE.search(before) and _TELLER_SAID_AFTER.match(text, end, end + 100):
        return "teller"       # "a security source in Dori said": where the teller is; the deed's place only when none other is told
    if "in" in before and _SPEAKER_IN_BEFORE.search(before):
        return "speaker"      # "told reporters in Kampala", "said in Kabul": where the speaker was, not the event
    if holds_any(before, _SOURCE_STEMS) and (_SOURCE_BEFORE.search(before)
                                                 or _SOURCE_HOST_BEFORE.search(text, max(0, start - 40), start)):
        return "source"
    if _VENUE_BEFORE.search(text[max(0, start - 100):start]):
        return "venue"       # "peace talks ... in the Kazakh capital Astana": where the talks are, not the fighting
        #                      (at home, disambiguate makes it a place again: an attack on a conference)
    return "locative"


def countries_worded(text: str, skip: list[tuple[int, int]] = ()) -> set[str]:
    """ISO codes of the countries `text` names by a name or a nationality word ("Sudanese", "Iraq's"),
    outside the `skip` spans and not as part of a name ("Georgia Tech", "Washington Post")."""
    pattern, words = _demonyms()
    if pattern is None:
        return set()
    return {words[m.group(0)] for m in pattern.finditer(text)
            if not any(a <= m.start() < b for a, b in skip) and not _NAMED_AFTER.match(text[m.end():m.end() + 14])}


_IN_THE_CAPITAL = re.compile(r"\b(?i:in|near|outside|across|around|inside|(?:parts|areas|streets|districts|neighbou?rhoods|suburbs)\s+of)"
                             r"\s+the\s+capital\b(?!\s+of\b|['\u2019]s)")


def says_the_capital(text: str) -> bool:
    """Whether `text` puts something "in the capital" without naming it ("In the capital, police arrested ...")."""
    return "capital" in text and _IN_THE_CAPITAL.search(text) is not None


def capital_if_named(text: str, place: Place | None, gz: Gazetteer) -> Place | None:
    """The capital of `place` (a country) when `text` puts the event "in the capital"; else `place`."""
    if place is not None and place.kind == "country" and place.country_code in gz.capital_of and says_the_capital(text):
        return replace(gz.capital_of[place.country_code], geo_precision=1)
    return place


_ACROSS_BORDER = re.compile(r"\b(?:border|frontier)\s+with\s+((?:[A-Z][\w'\u2019-]*\s?){1,3})|\bbordering\s+((?:[A-Z][\w'\u2019-]*\s?){1,3})")


def country_fallback(text: str, gz: Gazetteer, drop: str | None = None, skip: list[tuple[int, int]] = (),
                     groups: set[str] = frozenset(), sources: list[tuple[int, int]] = ()) -> Place | None:
    """Where an event with no place named happened, as far as its sentence tells: the one country its
    words name or whose war its armed groups fight (`groups`; not `drop`, an attacker's own country,
    nor a word within `skip`), at the country's precision; "in the capital" of that country, the
    capital. Who tells it (`sources`: "Thai police said") counts only when it alone names a country
    ("Ivory Coast President X said he had reached an agreement"). None when no country, or more than
    one, is named."""
    codes = (countries_worded(text, list(skip) + list(sources)) | set(groups)) - {drop}
    if len(codes) != 1 and sources:
        codes = (countries_worded(text, skip) | set(groups)) - {drop}
    if len(codes) > 1:
        # "an attack on a military post near the border with Mali" (under a Niamey dateline): the country
        # across the border is the neighbour, not where it happened
        across = {cc for m in _ACROSS_BORDER.finditer(text) for cc in countries_worded(m.group(1) or m.group(2))}
        if len(codes - across) == 1:
            codes = codes - across
    if len(codes) != 1:
        return None
    cc = codes.pop()
    if _IN_THE_CAPITAL.search(text) and cc in gz.capital_of:
        return replace(gz.capital_of[cc], geo_precision=1)
    return gz.countries.get(cc)


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    """US state abbreviations ("N.J.", "La.", "OH") -> the state as GeoNames names it (data/us_states.csv)."""
    path = DATA / "us_states.csv"
    return {row["abbreviation"]: row["admin1"] for row in data_rows(path)} if path.exists() else {}


_STATE_AFTER = re.compile(r",\s*((?:[A-Z]\.){2}|W\.Va\.|[A-Z][a-z]{1,4}\.|[A-Z]{2}\b|Alaska|Hawaii|Idaho|Iowa|Maine|Ohio|Texas|Utah)")


@lru_cache(maxsize=1)
def _country_words() -> list[tuple[str, str, str]]:
    """(word, country code, form) of the actors' reviewed table of country words."""
    path = DATA / "nationalities.csv"
    out = []
    for row in data_rows(path) if path.exists() else ():
        word, cc = (row.get("word") or "").strip(), (row.get("country_code") or "").strip()
        if word[:1].isupper() and len(cc) == 2:
            out.append((word, cc, (row.get("form") or "").strip()))
    return out


@lru_cache(maxsize=1)
def _adjectives() -> frozenset[str]:
    """Nationality adjectives ("Somali", "Afghan"): a country's word, never a place's name."""
    return frozenset(w for w, _, form in _country_words() if form == "adjective")


@lru_cache(maxsize=1)
def _demonyms() -> tuple[re.Pattern | None, dict[str, str]]:
    """Nationality words ("Syrian", "Iraqi") and their countries, from the actors' reviewed table."""
    words = {w: cc for w, cc, _ in _country_words()}
    if not words:
        return None, {}
    # longest word first at each position, as a length-sorted alternation would (patterns.trie_regex)
    return re.compile(r"(?<![\w-])(?:" + trie_regex(words, exact=True) + r")(?![\w-])"), words


def _headline_countries(headline: str, gz: Gazetteer) -> tuple[str, ...]:
    """The countries a headline names, in the order it names them (article_countries is asked more than
    once an article, with the same headline: the loaded gazetteer's answer is kept for the last few)."""
    return _loaded_headline_countries(headline) if gz is load_gazetteer() else _countries_in(headline, gz)


@lru_cache(maxsize=16)
def _loaded_headline_countries(headline: str) -> tuple[str, ...]:
    return _countries_in(headline, load_gazetteer())


def _countries_in(text: str, gz: Gazetteer) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.place.country_code for m in find_places(text, gz) if m.place.kind == "country"))


def article_countries(mentions: list[Mention], gz: Gazetteer | None = None,
                      text: str | None = None, groups: Counter | None = None,
                      headline: str | None = None) -> tuple[list[str], set[str]]:
    """The countries an article is about (most-voted first), and the others it names.

    A country's name is a vote, a dateline three, a reviewed place one; the article is about the
    countries with at least half the votes of the first ("Syria" named ten times, "Russia" twice:
    the article is about Syria). Nationality words of `text` ("Syrian troops") add half a vote each,
    two at most; so do the mentions of armed groups whose war is one country's (`groups`: ISO code ->
    mentions; "Haftar's forces", "al-Shabaab"). Only an article that names no country is placed by
    its well-known towns. A country the `headline` names is two votes ("Haiti: fifth day of protests" over
    the "Venezuela" of a background paragraph)."""
    gz = gz or load_gazetteer()
    votes: Counter = Counter()
    # (in the order the headline names them: a set's order would change with the hash seed, and a tie with it)
    for cc in _headline_countries(headline, gz) if headline else ():
        votes[cc] += 2
    for cc, n in (groups or {}).items():
        votes[cc] += min(2.0, 0.5 * n)
    listed = _listed_countries(mentions)
    for m in mentions:
        p = m.place
        # (a region named with its type word, "Sagaing Region", "Marsabit County", is as sure of its country as a
        # reviewed place; a country in a list of three or more, "the United States, Britain and Japan condemned",
        # is one of the states that reacted, half a vote)
        if p.country_code and (m.role == "dateline" or p.kind == "country" or p.curated
                               or (p.kind == "province" and m.surface.rsplit(None, 1)[-1].lower() in _REGION_TYPE_WORDS)):
            votes[p.country_code] += 3 if m.role == "dateline" else 0.5 if m.role in ("attributive", "source", "speaker", "teller") or id(m) in listed else 1
    pattern, words = _demonyms()
    if text and pattern is not None:
        # "Syrian troops", "the Iraqi army": half a vote each, at most two votes a country
        said = Counter(words[w] for w in pattern.findall(text) if norm_place(w) not in gz.country_keys)
        for cc, n in said.items():
            votes[cc] += min(2.0, 0.5 * n)
    if not votes:
        for m in mentions:
            if m.place.country_code and m.place.kind == "town" and m.role != "attributive" and m.cued and gz.well_known(m.place) \
                    and not _by_alternate_name(m.place, m.surface, gz) \
                    and len({c.country_code for c in gz.lookup(m.surface) if c.kind == "town" and gz.well_known(c)}) <= 1:
                # (not "at Rim": Rome's Czech name, not the city; nor a name well-known towns of two countries
                # share, "Valencia": the others decide it)
                votes[m.place.country_code] += 1
    if not votes:
        # a local report names neither its country nor a well-known town ("Marsabit County Conflict
        # Monitor ... 1 April, Sololo: ..."): its places where the text puts things, each a name only one
        # country has (by its own name, not a GeoNames alternate), vote when two or more agree
        local: Counter = Counter()
        for m in mentions:
            p = m.place
            if p.country_code and p.kind in ("town", "province") and m.role in ("locative", "near", "dateline") and m.cued \
                    and not _by_alternate_name(p, m.surface, gz) \
                    and len({c.country_code for c in gz.lookup(m.surface)} | {p.country_code}) == 1:
                local[p.country_code] += 1
        votes = Counter({cc: n for cc, n in local.items() if n >= 2})
    if not votes:
        return [], set()
    ranked = votes.most_common()
    top = ranked[0][1]
    main = [cc for cc, n in ranked if n >= top / 2]
    return main, set(votes) - set(main)


_REGION_TYPE_WORDS = frozenset(("region", "state", "province", "county", "governorate", "prefecture", "oblast", "division", "department"))


def _listed_countries(mentions: list[Mention]) -> set[int]:
    """The country mentions (ids) that stand in a list of three or more countries ("Britain, France and Japan")."""
    out: set[int] = set()
    run: list[Mention] = []
    for m in mentions + [None]:
        # (a list: country mentions one after another, a comma or an "and" apart: at most 6 characters, offsets
        # of one sentence growing)
        if m is not None and m.place.kind == "country" and run and 1 <= m.start - run[-1].end <= 6:
            run.append(m)
            continue
        if len(run) >= 3:
            out.update(id(x) for x in run)
        run = [m] if m is not None and m.place.kind == "country" else []
    return out


def article_country(mentions: list[Mention], headline: str | None = None) -> Place | None:
    """The country an article is mostly about, as a place (geo_precision 3): where a settlement the
    gazetteer lacks goes when the article names no town to put it near."""
    main, _ = article_countries(mentions, headline=headline)
    return load_gazetteer().countries.get(main[0]) if len(main) == 1 else None


_REACH_KM = 2500      # how far from the countries its actors come from a name that only one country has may lie


def _within_reach(cands: list[Place], ctx: set, gz: Gazetteer) -> bool:
    """Whether a town lies within reach of a country the article's actors come from (its capital or its
    centre): "Russian air strikes in Idlib" (2,100 km from Moscow), not "Malian soldiers ... the village of
    Moura" in Portugal (2,800 km from Bamako): never a same-named town on another continent."""
    anchors = [p for cc in ctx for p in (gz.capital_of.get(cc), gz.countries.get(cc)) if p is not None and p.latitude is not None]
    if not anchors:
        return True
    for c in cands:
        if c.latitude is None:
            continue
        for a in anchors:
            dlat = math.radians(c.latitude - a.latitude)
            dlon = math.radians(c.longitude - a.longitude)
            h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(a.latitude)) * math.cos(math.radians(c.latitude)) * math.sin(dlon / 2) ** 2
            if 2 * 6371 * math.asin(min(1.0, math.sqrt(h))) <= _REACH_KM:
                return True
    return False


def disambiguate(mentions: list[Mention], context_text: str, groups: Counter | None = None,
                 check=None, headline: str | None = None) -> list[Mention | None]:
    """Re-resolve every mention with the whole article; None where no place is left.

    `check(done)`, when given, is called every 512 mentions (the article's time budget).
    Same-named places are decided by the article's countries (`article_countries`), then by hint
    words and the provinces of its other places. A place of another country stands only when the
    text frames it as a place and it neighbours the article's countries or is a world city; a name
    the text does not frame as a place stands only in the article's own countries. What is dropped
    here leaves the event to the article's region or country, never to a same-named town elsewhere.
    """
    gz = load_gazetteer()
    main, named = article_countries(mentions, gz, context_text, groups, headline)
    ctx = set(main)
    near = set().union(*(gz.neighbours.get(cc, frozenset()) for cc in ctx)) - ctx if ctx else set()
    first = main[0] if main else None
    # the article names its country, or places in it (a dateline, a well-known city), not only a
    # nationality ("Israeli soldiers" act abroad)
    named_home = any(m.place.country_code in ctx for m in mentions
                     if m.place.kind == "country" or m.role == "dateline" or gz.well_known(m.place))
    admin1s = {m.place.admin1 for m in mentions if m.place.admin1}
    low = context_text.lower()
    seen_hints: dict[str, bool] = {}

    def hint_in_text(h: str) -> bool:
        # each hint word is looked for in the article once, not once per mention (a long article has many)
        found = seen_hints.get(h)
        if found is None:
            found = seen_hints[h] = h.lower() in low
        return found
    town_countries: dict[str, set] = {}

    def other_towns_may_be_in(codes: set, surface: str) -> bool:
        # the countries each town name of the article may be in, read once (not once per mention)
        if not town_countries:
            for o in mentions:
                if o.place.kind == "town" and o.surface not in town_countries:
                    town_countries[o.surface] = {c.country_code for c in gz.lookup(o.surface)}
        return all(codes & cs for name, cs in town_countries.items() if name != surface)
    out: list[Mention | None] = []
    for i, m in enumerate(mentions):
        if check is not None and not i % 512:
            check(i)      # the article's time budget (events.analyse): raises when it is spent
        p = m.place
        if m.institution and ctx and p.kind in ("town", "province") \
                and not any(c.country_code in ctx for c in gz.lookup(m.surface) + gz.regions.get(norm_place(m.surface), [])):
            out.append(None)      # "al-Quds hospital" in a story of Syria: a hospital's name, not Jerusalem
            continue              # ("the Zaire self-defence group" in Congo: a militia, not Angola's province)
        if m.role == "venue" and (not ctx or p.country_code in ctx):
            m = replace(m, role="locative")     # talks at home: where the talks are may be where it happened
        if p.kind == "country":
            if ctx and p.country_code not in ctx | near and not m.framed and m.role == "locative":
                m = replace(m, role="attributive")     # "US Arab partners": a far country is a place where the text puts something in it
            out.append(m)
            continue
        if m.host is not None or (p.parent and p.curated):
            out.append(m)      # a part named with its city (resolved by the city); a reviewed district
            continue
        if p.kind == "province":
            key = norm_place(m.surface)
            pool = gz.regions.get(key, []) + gz.typed.get(key, []) if p.level == 1 else gz.districts.get(key, [])
            cands = [c for c in pool if c.level == p.level] or [p]
            if ctx and not any(c.country_code in ctx for c in cands):
                # "near Beni" in a story of Congo: Bolivia's department is no place here, Congo's town is
                cands += [c for c in gz.lookup(m.surface) if c.kind == "town" and c.country_code in ctx]
        elif p.kind == "town" or (p.curated and p.kind == "region"):
            cands = [c for c in gz.lookup(m.surface) if c.kind == p.kind] or [p]
            if ctx and p.kind == "town" and not any(c.country_code in ctx for c in cands):
                # "in Bali" in a story of Indonesia: the province of the article's country, not a town abroad
                cands += [c for c in gz.regions.get(norm_place(m.surface), []) if c.country_code in ctx and c.level == 1]
        else:
            cands = [p]         # "northern X" and other regions made from a town keep their town

        def score(c: Place) -> tuple:
            hints = sum(1 for h in c.context if hint_in_text(h))
            return (hints, c.admin1 in admin1s, c.curated, c.population, c is p)
        inside = [c for c in cands if c.country_code in ctx and (m.cued or c.curated or c.country_code == first)]
        big = [c for c in cands if c.geonameid in gz.capitals or c.population >= WORLD_CITY_POPULATION]
        foreign = [c for c in big if c.geonameid in gz.capitals and (
            c.country_code in named or (c.country_code in ctx and c.country_code != first and not m.cued_locative))]
        if big and inside and p.kind == "town" and not any(gz.well_known(c) for c in inside) \
                and max(c.population for c in inside) * 50 < max(c.population for c in big):
            inside = []      # "Moscow": the capital, never a namesake village of the article's country
            foreign = foreign or big
        if foreign and p.kind == "town":
            # the capital of another country the article names: "Washington is leading", "backed by
            # Moscow" speak of its government; only "in Moscow" is the city (never a namesake town)
            best = max(foreign, key=score) if m.framed else None
        elif inside:
            best = max(inside, key=score)
        elif not ctx:
            # (or a region of several words that only one country has: "in Balindong, Lanao del Sur")
            best = max(cands, key=score) if m.cued or (p.kind == "province" and len(cands) == 1 and " " in m.surface) else None
        elif m.cued and (beside := [c for c in cands if c.country_code in near
                                    and (not named_home or c.country_code in named or gz.well_known(c))]):
            # a town of a neighbouring country ("the Turkish town of Kilis"); in an article that names
            # its own country, only of a neighbour it names too, or a well-known one: not a village
            # across the border that shares its name with a neighbourhood at home
            best = max(beside, key=score)
        elif big and not m.framed:
            best = None         # "Washington said", "told Tehran": the government, not the city (nor a namesake)
        elif m.framed and (beside := [c for c in cands if c.country_code in named and gz.well_known(c)]
                           + [c for c in big if not _by_alternate_name(c, m.surface, gz)]):
            # "in Brussels", "talks in Tehran": where the text puts something (a world city of a country the
            # article does not name, only by its own name: "arrested four suspects at Rim" in Plateau State is
            # no Rome, whose Czech name GeoNames lists)
            best = max(beside, key=score)
        elif m.framed and not named_home and not groups and len(only := {c.country_code for c in gz.lookup(m.surface)}) == 1 \
                and other_towns_may_be_in(only, m.surface) and _within_reach(cands, ctx, gz):
            # the article's countries come only from who acts abroad ("Russian air strikes ... in Idlib",
            # "Israeli troops raided a home in Jenin"; not from an armed group's home war): a name the text
            # puts something in, that only one country has, and whose country the article's other towns
            # can be in, is that place
            best = max(cands, key=score)
        else:
            best = None
        if best is None:
            out.append(None)
            continue
        # (two countries' admin1 regions of one name have one key: "Santa Cruz" of Argentina and of Bolivia)
        if best is not p and (best.key != p.key or best.country_code != p.country_code):
            if best.kind == "town" and not best.curated:
                best = replace(best, name=p.name, canonical=best.canonical or best.name)
            m = replace(m, place=best)
        out.append(m)
    return out


def _by_alternate_name(p: Place, surface: str, gz: Gazetteer) -> bool:
    """Whether `surface` found the place only as one of its GeoNames alternate names ("Rim", Rome's in
    Czech), not as its own or display name (nor by a phrase: "Indonesia's capital")."""
    key = norm_place(surface)
    return key != norm_place(p.canonical or p.name) and p.geonameid is not None \
        and any(c.geonameid == p.geonameid for c in gz.exact.get(key, ()))


_NAME = r"(?:(?:al|el|ad|an|ar|as|ash|at|az|Al|El|Ad|An|Ar|As|Ash|At|Az)[-\s])?[A-Z][\w'\u2019-]+(?:\s+(?:(?:al|el|Al|El)-)?[A-Z][\w'\u2019-]+){0,2}"
_UNKNOWN_TOPONYM_ABC = (
    r"\b(?:town|towns|village|villages|city|hamlet|district|neighbou?rhood|suburb|ward|camp|area|locality|region|"
    # the seats of the local units that news names them by: "the commune of Tillia", "the municipality of Tibu"
    r"commune|municipality|sub-prefecture|cercle|"
    r"(?:border\s+)?crossing|hill|hills|mount|mountain|airport|air\s+base|airbase|outskirts|countryside|enclave|stronghold|bastion|"
    # "in the forests of Abujhmarh", "the jungles of Patikul": wild land named after its settlement
    r"forests?|jungles?)\s+of\s+"
    r"(?P<a>" + _NAME + r")(?:(?:,\s+|\s+and\s+)(?P<a2>" + _NAME + r"))?"
    # "29 March, Shegel (outskirts of Marsabit town): five ...": the place of an incident log's entry, after its date
    r"|^\s*" + _LOG_DATE + r"(?P<l>" + _NAME + r")(?=" + _LOG_HEADING_END + r")"
    r"|\b(?P<b>(?!(?:In|At|On|Near|From|The|To|For|Of|By|And|But|Outside|Inside|Around|Across|Into|Within|Over)\s)"
    r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,2})\s+(?:village|town|district|neighbou?rhood|camp|area(?=\s*:)|(?<!-held\s)(?<!-controlled\s)(?<!-run\s)area(?=\s+of\s+(?:the\s+)?[A-Z])|"
    # the local units named after their seat: "Tabayin township", "Dera woreda" (not "territory": "Israeli
    # territory", "into Ecuador territory" are a state's land; a territory the gazetteer has is typed, _ADMIN2_WORDS)
    r"township|commune|woreda|payam|tehsil|upazila|regency|raion|rayon|taluka?|mandal|municipality|Township|community|forest|(?:IDP|displacement)\s+(?:site|camp)s?)\b"
    r"|(?P<owner>[A-Z][\w-]+)['\u2019]s\s+(?P<c>" + _NAME + r")"
    # "hit an explosive device near Boni", "about 3 km from Eringeti": a name right after "near", "outside" or a distance is a place
    r"|(?:\b(?:[Nn]ear|[Oo]utside|[Aa]round)|(?:\d|\b)(?:km|kilometers|kilometres|miles)\s+(?:away\s+)?from)\s+(?P<e>[A-Z][a-z]{2,}(?:[\s-](?:al-)?[A-Z][a-z]{2,})?)(?![\w'\u2019-])(?!\s+[A-Z])"
    # "an army base in El Baraf", "a market in Gombi": a site "in" a name is in a settlement of that name
    # "near village Pidia", "in village Kot Addu": South Asian English names the village after the word
    r"|\b(?:near|in|at|of|from|into|on)\s+village\s+(?P<v>[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})?)(?![\w'\u2019-])"
    # "Barangay Ganta": a Philippine village
    r"|\b(?:Barangay|Brgy\.)\s+(?P<i>[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})?)(?![\w'\u2019-])"
    r"|\b(?:base|camp|barracks|checkpoint|outpost|(?:military|army|police|border|security)\s+post|market|mosque|church|school|hospital|clinic|detachment|garrison|police\s+station|headquarters|home|residence|office)s?\s+(?:in|at)\s+"
    r"(?P<f>(?:(?:al|el|Al|El)[-\s])?[A-Z][a-z]{2,}(?:[\s-](?:al-)?[A-Z][a-z]{2,})?)(?![\w'\u2019-])(?!\s+[A-Z])")
_UNKNOWN_TOPONYM = re.compile(
    _UNKNOWN_TOPONYM_ABC + r"|(?P<d>" + _NAME + r"),\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?" + _PART_WORDS
    + r"\s+(?:[\w-]+\s+){0,5}?(?:of|in)\s+(?:the\s+)?(?=[A-Z])")
# ... its last alternative ("Qadam, a district of Damascus"), the costliest, needs a comma and a part
# word; without them, the same pattern with that alternative never matching (its group kept) finds
# the same matches
_PART_STEMS = ("neighbo", "district", "quarter", "suburb")        # every match of _PART_WORDS holds one
# "stormed Koui, in Ouham-Pende prefecture", "a raid on Mozogo in Mayo-Tsanaga division": a name set in a known
# region or district (checked in unknown_toponyms; searched only in a sentence that names one) is a settlement there
# ("Kouakourou, a rural commune in Djenne cercle": the same, with what kind of settlement it is)
_SETTLEMENT_NAME = r"[A-Z][a-z]{2,}(?:[\s-](?:(?:al|el|ad|an|ar|as|ash|at|az)-)?[A-Z][a-z]{2,})?"
_SET_IN_REGION = re.compile(r"(?<![\w'\u2019-])(?P<g>" + _SETTLEMENT_NAME + r")(?:,?\s+(?:also\s+)?|,\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?"
                            r"(?P<kind>commune|village|town|locality|municipality|settlement|hamlet)\s+)in\s+(?:the\s+)?(?=[A-Z])"
                            # "clashed with troops in Piagapo, Lanao del Sur": a name, then its region after a comma
                            r"|(?<![\w'\u2019-])(?P<g2>" + _SETTLEMENT_NAME + r"),\s+(?=[A-Z])"
                            # "stormed Wad al-Nourah, near al-Manaqil", "landed on a house in Senjam Chirang, a few
                            # kilometres from Koutruk": a name the text sets near a known place, or at a distance from it
                            r"|(?<![\w'\u2019-])(?P<g3>" + _SETTLEMENT_NAME + r"),\s+(?:(?:near|outside|close\s+to)\s+|(?:about\s+|some\s+|around\s+|roughly\s+|just\s+)?"
                            r"(?:a\s+few|several|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|\w+ty)\s*(?:km|kilomet(?:re|er)s?|miles?)\s+"
                            r"(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?(?:from|of)\s+)(?:the\s+)?(?=[A-Z]|(?:al|el|ad|an|ar|as|ash|at|az)-[A-Z])")
_SET_NEAR_WORDS = ("near ", "outside ", "close to ", "km ", "kilomet", "mile")      # (one is in every g3 match)
# "in Haret Hreik, in Beirut's southern suburbs": a town's part, named with the town
_TOWNS_PART_AFTER = re.compile(r"['\u2019]s\s+(?:[a-z-]+\s+){0,2}?(?:suburbs?|outskirts|neighbou?rhoods?|districts?|quarters?)\b")
_UNKNOWN_TOPONYM_NO_PART = re.compile(_UNKNOWN_TOPONYM_ABC + r"|(?P<d>(?!))")
# (each scanned branch by branch: a sentence holds the type words of few branches)
_UNKNOWN_TOPONYM_SCAN = BranchScan(_UNKNOWN_TOPONYM)
_UNKNOWN_TOPONYM_NO_PART_SCAN = BranchScan(_UNKNOWN_TOPONYM_NO_PART)

# Words one of which every match of _UNKNOWN_TOPONYM or _PART_AFTER_HOST holds: its type word, "'s", or
# (for the other type words) the type word before "of". Most sentences hold none, and the search is costly.
_TOPONYM_WORDS = (":", "km ", "kilomet", "miles ", "village", "town", "district", "neighbo", "camp", "quarter", "suburb", "ward", "'s", "\u2019s", "near ", "outside ", "around ", "Near ", "Outside ", "Around ",
                  "commune", "woreda", "tehsil", "municipality", "Township", "community", "IDP", "displacement", "Barangay", "Brgy",
                  "base", "barracks", "checkpoint", "outpost", "market", "mosque", "church", "school", "hospital", "clinic",
                  "detachment", "garrison", "station", "upazila", "regency", "raion", "rayon", "taluk", "mandal", "payam")
_TOPONYM_OF = re.compile(r"(?:city|hamlet|area|locality|region|crossing|hill|mount|mountain|airport|base|outskirts|countryside|enclave|"
                         r"stronghold|bastion|forests?|jungles?)\s+of")


def _may_frame_toponym(text: str) -> bool:
    """False when no frame of an unknown toponym can be in `text` (a cheap necessary condition)."""
    return any(w in text for w in _TOPONYM_WORDS) or ("of" in text and _TOPONYM_OF.search(text) is not None)


_COMMUNITY_CUE_BEFORE = re.compile(r"\b(?:attacked|raided|invaded|stormed|hit|in|at|into|on|from|of)\s+$")
_G_CUE_BEFORE = re.compile(r"\b(?:stormed|attacked|raided|seized|captured|overran|hit|struck|shelled|bombed|entered|on|at|in|into|"
                           r"from|to|towards?|around|outside|near|(?:residents|villagers|people|inhabitants|control|capture|seizure)\s+of)\s+$", re.I)
# capitalised words that open a clause before "in": days, months, titles ("On Monday, in ...", "President in")
_CALENDAR_OR_TITLE = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
                               "August September October November December President Minister Police Army Government Officials "
                               "Residents Sources Witnesses Fighting Clashes Protests Meanwhile Elsewhere Separately".split())
_INSTITUTIONS = {"court", "council", "ministry", "police", "army", "university", "parliament", "assembly", "commission",
                 "agency", "bank", "party", "committee", "office", "department", "directorate", "command", "brigade",
                 "front", "movement", "forces", "guard", "hospital", "school", "mosque", "church", "prison", "company",
                 "corporation", "group", "observatory", "network", "organization", "organisation", "union", "tv",
                 "television", "radio", "news", "press", "post", "times", "journal"}
_HOST_PART_OF_BEFORE = re.compile(r"(?P<host>[A-Z][\w'\u2019-]+)\s+" + _PART_WORDS + r"\s+of\s+(?:the\s+)?$")
_PART_OF_AFTER = re.compile(r"\s+" + _PART_WORDS + r"\s+of\s+(?:the\s+)?")
_ADJECTIVE_END = re.compile(r"(?:ian|ese|ish|ite|ic|an|phone)$")
_GENERIC_REGION_AFTER = re.compile(r"\s+(?:regions?|areas?|territor(?:y|ies)|heartland|belt|lands|zones?|provinces|regions)\b")
# "Israel's Iron Dome intercepted", "Iran's Guardian Council approved": a name that acts is a body or a thing the
# country has, not a place in it
_ACTS_AFTER = re.compile(r"(?:\s+(?:system|systems|force|forces|unit|units))?\s+(?:(?:has|have|had|was|were)\s+)?(?:[a-z]{2,}ed|shot|struck|hit|fought|said|says|took|began|brought|"
                         r"downed|destroyed|intercepts)\b(?!\s+(?:by|in|on|at|near|as)\b)")
_PART_AFTER_HOST = re.compile(r"(?P<host>[A-Z][\w'\u2019-]+)\s+" + _PART_WORDS + r"\s+of\s+(?:the\s+)?(?P<a>" + _NAME + r")")


_INDEFINITE_END = re.compile(r"\b(?:a|an)\s+$", re.I)
_IN_COUNTRY_AFTER = re.compile(r",?\s+in\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern|-?east(?:ern)?|-?west(?:ern)?)?\s+|central\s+)?")


def named_again(text: str, framed: dict, known: list[Mention], masked: list[tuple[int, int]]) -> list[Mention]:
    """Settlements the article framed earlier (names the gazetteer lacks; `framed`: first word -> {name: place}),
    named again bare in `text`: "... the villages of al-Shaafa and al-Susah. Airstrikes on al-Shaafa killed 11".

    Looks only at the sentence's name-like words (linear in its length, whatever the number of names framed)."""
    out = []
    if not framed:
        return out
    for m in _NAME_TOKEN.finditer(text):
        names = framed.get(m.group().rstrip("."))
        for name, place in (names or {}).items():
            start, end = m.start(), m.start() + len(name)
            if text.startswith(name, start) and (end == len(text) or not (text[end].isalnum() or text[end] == "-")) \
                    and not any(k.start < end and start < k.end for k in known + out) and not any(a < end and start < b for a, b in masked):
                out.append(Mention(place, start, end, name, _role(text, start, end), cued=True))
                break
    return out


_ORDINAL_FIRST = re.compile(r"(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth|\d+(?:st|nd|rd|th))\s(?!of\b)")


def unknown_toponyms(text: str, known: list[Mention], masked: list[tuple[int, int]], context: Place | None) -> list[Mention]:
    """Names the text frames as settlements ("the village of Handarat") that the gazetteer lacks.

    They take their province and approximate position from `context` (a known place of the same
    sentence or article) at geo_precision 2, or stay unlocated when there is none. A name the text
    gives as part of a known place ("the Qadam district of Damascus", "Aleppo's Sakhour", "Qadam, a
    district of Damascus") is placed at that place instead, and a district "of" a known city counts
    as part of that city when events are merged.
    """
    regions_named = any(k.place.kind in ("province", "region", "town") for k in known)
    if not regions_named and not _may_frame_toponym(text):
        return []
    out = []
    part_words = holds_any(text, _PART_STEMS)      # (every match of _PART_AFTER_HOST holds one)
    # "the eastern Aleppo neighbourhood of Sakhour": the host's name takes the word before "neighbourhood"
    reversed_parts = [m for m in _PART_AFTER_HOST.finditer(text)
                      if any(k.start <= m.start("host") < k.end and k.place.kind in ("town", "region") for k in known)] if part_words else []
    frames = _UNKNOWN_TOPONYM_SCAN if "," in text and part_words else _UNKNOWN_TOPONYM_NO_PART_SCAN
    set_in = list(_SET_IN_REGION.finditer(text)) if regions_named and ("in " in text or holds_any(text, _SET_NEAR_WORDS)) else []
    for m in list(frames.finditer(text)) + reversed_parts + set_in:
        owner = None
        found = m.groupdict()
        if found.get("c"):
            # "Deraa's Tal Jammou": only when the owner is a known place
            owner = next((k for k in known if k.start == m.start("owner")), None)
            if owner is None:
                continue
        if found.get("d"):
            # "out of Qadam, a key district on the edge of Damascus": only with a known host and a locative frame
            owner = next((k for k in known if k.start == m.end() and k.place.kind in ("town", "region", "province")), None)
            if owner is None or not _LOCATIVE.search(text[max(0, m.start("d") - 40):m.start("d")]):
                continue
        if found.get("g") or found.get("g2") or found.get("g3"):
            # only in a region or district the gazetteer knows, named right after ("Smith in London" is no place)
            # (or a town, when the text says what the name is: "Kouakourou, a rural commune in Djenne", puts the
            # name in the town's suburbs, or sets it near the town or at a distance from it)
            g = "g" if found.get("g") else "g2" if found.get("g2") else "g3"
            owner = next((k for k in known if m.end() <= k.start <= m.end() + 1 and k.place.latitude is not None
                          and (k.place.kind in ("province", "region")
                               or (k.place.kind == "town" and (found.get("kind") or g == "g3"
                                                               or (g == "g" and _TOWNS_PART_AFTER.match(text, k.end)))))), None)
            if owner is None or m.group(g) in _CALENDAR_OR_TITLE or m.group(g) in _demonyms()[1] \
                    or not _G_CUE_BEFORE.search(text, max(0, m.start(g) - 14), m.start(g)):
                continue      # (what the text puts something in, or does something to: "stormed Koui", "a raid on Mozogo")
        for group in ("a", "a2", "b", "c", "d", "e", "f", "g", "g2", "g3", "i", "v", "l"):
            if not found.get(group):
                continue
            name = m.group(group).rstrip("'\u2019")
            start, end = m.start(group), m.start(group) + len(name)
            if any(k.start < end and start < k.end for k in known + out) or any(a < end and start < b for a, b in masked):
                continue
            if norm_place(name) in _NOT_PLACES or name.split()[0].lower() in _NOT_PLACES \
                    or name.split()[-1].lower() in _INSTITUTIONS or _COMPOUND_ADJ.search(name) or _ORDINAL_FIRST.match(name):
                # (nor a unit numbered by an ordinal: "the Third Precinct station", "the Fourth Brigade")
                continue        # "Egypt's Supreme Court", "the town of X Police": bodies, not settlements
            if group == "c" and (_ADJECTIVE_END.search(name.split()[-1]) or name in _demonyms()[1]) \
                    and _GENERIC_REGION_AFTER.match(text, end):
                continue      # "Cameroon's Anglophone region", "Syria's Kurdish areas": a people's lands, no place name
            if group == "c" and owner is not None and owner.place.kind == "country" and _ACTS_AFTER.match(text, end):
                continue      # "Israel's Iron Dome intercepted ...": what the country has, doing something
            if group == "b" and (_ADJECTIVE_END.search(name.split()[-1]) or _INDEFINITE_END.search(text, max(0, start - 4), start)
                                 or name in _demonyms()[1] or _MOSTLY_BEFORE.search(text, max(0, start - 20), start)):
                continue      # "the Armenian town of", "a Sunni village", "a Fulani village", "a mostly Hazara neighbourhood": who lives there
            if group == "b" and text.startswith(" community", end) and not _COMMUNITY_CUE_BEFORE.search(text, max(0, start - 14), start):
                continue      # "attacked Jol community", "in Yelwata community" (Nigeria's press); not "the Hindu community"
            if group in ("e", "f") and len(name.split()) > 1 and name.split()[-1] in _demonyms()[1]:
                name = name.rsplit(None, 1)[0]       # "near Kobani Syria": the town, then its country
                end = start + len(name)
            if group in ("e", "f") and len(name.split()) > 1 and any(
                    c.kind != "town" or c.population >= 100_000 for c in load_gazetteer().lookup(name.split()[-1])):
                continue      # "in Azaz Aleppo province", "Millis Idlib": a town, then its known province or city
            if group in ("e", "f") and (_CALENDAR_WORD.fullmatch(name) or _ADJECTIVE_END.search(name.split()[-1])
                                 or name in _demonyms()[1] or _NAMED_AFTER.match(" " + name.split()[-1])):
                continue      # "near Christmas", "outside Syrian", "near Thawra Street": no settlement
            ctx = owner.place if owner is not None else context
            parent = None
            host_span = (owner.start, owner.end) if owner is not None else None
            if group == "d" or (group == "c" and _PART_WORD_AFTER.match(text[end:end + 16])):
                parent = _host_base(owner.place) if owner.place.kind in ("town", "region") else None
            host_before = _HOST_PART_OF_BEFORE.search(text[max(0, start - 60):start])
            if host_before and group in ("a", "a2"):
                hs = max(0, start - 60) + host_before.start("host")
                host = next((k for k in known if k.start <= hs < k.end and k.place.kind in ("town", "region")), None)
                if host is not None:
                    ctx, host_span = host.place, (host.start, host.end)
                    parent = _host_base(host.place)
            city = _PART_OF_AFTER.match(text[end:end + 30])
            if city:
                host = next((k for k in known if k.start == end + city.end() and k.place.kind in ("town", "region", "province")), None)
                if host is not None:
                    ctx, host_span = host.place, (host.start, host.end)
                    parent = _host_base(host.place) if host.place.kind in ("town", "region") else None
            else:
                # "the enclave of Baghouz in eastern Syria": the country the text puts it in, whatever the dateline's
                in_country = _IN_COUNTRY_AFTER.match(text, end, end + 40)
                host = next((k for k in known if in_country and k.start == in_country.end() and k.place.kind == "country"), None)
                if host is not None and (ctx is None or ctx.country_code != host.place.country_code):
                    ctx = host.place
            # "Dikwa local government area of Borno State": a name for a province is no finer than its towns
            province_like = name.split()[-1].lower() in ("state", "province", "governorate", "region", "county")
            place = Place(name, ctx.admin1 if ctx else None, ctx.country if ctx else None, ctx.country_code if ctx else None,
                          ctx.latitude if ctx else None, ctx.longitude if ctx else None, None, 3 if province_like or (ctx is not None and ctx.kind == "country") else 2,
                          kind="region" if province_like else "town", parent=parent)
            role = _role(text, start, end)
            if host_span is not None and host_span[0] < start:
                role = next((k.role for k in known if (k.start, k.end) == host_span), role)
            out.append(Mention(place, start, end, name, role, host_span))
    return out
