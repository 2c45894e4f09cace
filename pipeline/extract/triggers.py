"""Trigger phrases: the words that say an event happened, and the sub-event type they suggest.

Patterns come from data/triggers.yaml (reviewed dictionary); here they are compiled once and
matched per sentence, with overlapping matches reduced to the most specific one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import yaml

from pipeline.extract.datafiles import DATA, data_rows
from pipeline.extract.patterns import holds_any, literal_prefixes, required_literals, trie_regex
from pipeline.ontology import SUB_EVENT_TYPES


CLASSES = {"territory", "advance", "bombard", "attack"}


@dataclass(frozen=True)
class TriggerRule:
    type: str
    regex: re.Pattern
    weight: float
    weak: bool
    needs_place_object: bool
    prefixes: tuple[str, ...] | None = None   # literal starts of every match: a cheap pre-check
    precheck: re.Pattern | None = None
    needs_armed_actor: bool = False
    needs_armed_story: bool = False


@dataclass(frozen=True)
class Trigger:
    type: str
    start: int
    end: int
    text: str
    weight: float
    weak: bool
    needs_place_object: bool
    needs_armed_actor: bool = False     # an event only when an armed side is its subject ("troops killed ...")
    needs_armed_story: bool = False     # an event only in a story that names an armed side ("14 people were killed in ...")


@dataclass(frozen=True)
class Blocker:
    name: str
    regex: re.Pattern
    blocks: frozenset
    blocks_weak: bool
    scope: str = "sentence"       # "after": only triggers after the cue are blocked
    start: int = 0                # where the cue was found (set per sentence)
    end: int = 0


@lru_cache(maxsize=1)
def load_rules() -> tuple[list[TriggerRule], list[Blocker]]:
    with open(DATA / "triggers.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    rules = []
    nationals = _nationals() if any("{nationals}" in t["pattern"] for t in data["triggers"]) else ""
    for t in data["triggers"]:
        if t["type"] not in SUB_EVENT_TYPES and t["type"] not in CLASSES:
            raise ValueError(f"unknown trigger type {t['type']!r}")
        # patterns run on lower-cased text: much faster than re.I in the standard engine
        pattern = t["pattern"].replace("{nationals}", nationals)
        rules.append(TriggerRule(t["type"], re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w])"),
                                 float(t.get("weight", 0.7)), bool(t.get("weak", False)),
                                 bool(t.get("needs_place_object", False)), *_precheck(pattern),
                                 needs_armed_actor=bool(t.get("needs_armed_actor", False)),
                                 needs_armed_story=bool(t.get("needs_armed_story", False))))
    blockers = [Blocker(name, re.compile(r"(?<![\w-])(?:" + b["pattern"] + r")(?![\w])"),
                        frozenset(b.get("blocks", [])), bool(b.get("blocks_weak", True)), b.get("scope", "sentence"))
                for name, b in data.get("blockers", {}).items()]
    return rules, blockers


def _nationals() -> str:
    """People named by their nationality, in the plural ("Palestinians", "Iraqis", "Lebanese"), from
    data/nationalities.csv: `{nationals}` in a trigger pattern ("killed three Palestinians")."""
    words = set()
    for row in data_rows(DATA / "nationalities.csv"):
        w = row["word"].lower()
        if row["form"] != "adjective" or " " in w:
            continue
        if w.endswith(("an", "i")):
            words.add(re.escape(w) + "s")
        elif w.endswith("ese"):
            words.add(re.escape(w))
    return "|".join(sorted(words, key=len, reverse=True))


def _precheck(pattern: str) -> tuple[tuple[str, ...] | None, re.Pattern | None]:
    prefixes = literal_prefixes(pattern)
    if prefixes is None:
        return None, None
    # shortest distinct prefixes suffice for the check
    short = sorted(prefixes, key=len)
    kept: list[str] = []
    for p in short:
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return prefixes, re.compile("|".join(re.escape(p) for p in kept))


_WORD_START = re.compile(r"[\w-]+")     # its matches start where a rule's `(?<![\w-])` can hold


@dataclass(frozen=True)
class HeadIndex:
    """Pattern numbers by the first characters of their literal starts (their heads), and one scan
    that finds the word starts where a head stands (a word start: a [\\w-] character after none) and
    tells the longest head there. Each start of a pattern gives a head of its own first two to six
    characters ("in": "in"; "protest": "protes"), not one cut to the pattern's shortest start: the
    longer, the fewer places a pattern is tried in vain. `ids` gives, for each head, the patterns
    of it and of its own prefixes that are heads (those stand at the same place).

    The scan consumes the character before a word start ([^\\w-]) and looks ahead for the head:
    a pattern that begins with a character class lets the regex engine skip, in C, the characters
    that cannot precede a word start (most of them) instead of trying a lookbehind at every
    position; `first` checks the start of the text, which has no character before it."""
    ids: dict[str, tuple[int, ...]]
    indexed: frozenset[int]
    scan: re.Pattern | None
    first: re.Pattern | None = None


_MAX_HEAD = 6


@lru_cache(maxsize=1)
def _rules_by_head() -> HeadIndex:
    """Rules by the first characters of their literal starts (every rule has them)."""
    rules, _ = load_rules()
    return _head_index(rule.prefixes or literal_prefixes(rule.regex.pattern, min_len=2) for rule in rules)


@lru_cache(maxsize=1)
def _unindexed_rules() -> frozenset[int]:
    """The rules the head index cannot place (tried on every sentence); none of today's."""
    rules, _ = load_rules()
    return frozenset(range(len(rules))) - _rules_by_head().indexed


@lru_cache(maxsize=1)
def _unindexed_words() -> dict[int, tuple[str, ...] | None]:
    """For each rule the head index cannot place, the words one of which every match of it holds (a
    sentence that holds none is not scanned by it: "killed" for "14 people were killed")."""
    rules, _ = load_rules()
    return {i: required_literals(rules[i].regex.pattern, min_len=3) for i in _unindexed_rules()}


def _head_index(all_prefixes) -> HeadIndex:
    """Pattern numbers by the first characters of their literal starts, and the patterns indexed:
    those whose every start has two or more characters and begins with a word character or '-'."""
    heads: dict[str, set[int]] = {}
    indexed = set()
    for i, prefixes in enumerate(all_prefixes):
        if prefixes is not None and all(len(p) >= 2 and _WORD_START.match(p[0]) for p in prefixes):
            indexed.add(i)
            for p in prefixes:
                heads.setdefault(p[:_MAX_HEAD], set()).add(i)
    ids = {h: tuple(sorted(set().union(*(v for k, v in heads.items() if h.startswith(k))))) for h in heads}
    if not heads:
        return HeadIndex(ids, frozenset(indexed), None)
    trie = trie_regex(heads, exact=True)
    return HeadIndex(ids, frozenset(indexed), re.compile(r"[^\w-](?=(" + trie + "))"), re.compile(r"(?=(" + trie + "))"))


def _starts_by_pattern(text: str, heads: HeadIndex) -> dict[int, list[int]]:
    """Where each indexed pattern can start in `text`: one scan for the word starts where a head
    stands, not one scan per pattern (nor a Python step per word)."""
    starts: dict[int, list[int]] = {}
    if heads.scan is None:
        return starts
    ids = heads.ids
    w = heads.first.match(text)
    if w is not None:
        for i in ids[w.group(1)]:
            starts[i] = [0]
    for w in heads.scan.finditer(text):
        p = w.end()        # the word start, after the character the scan consumed
        for i in ids[w.group(1)]:
            starts.setdefault(i, []).append(p)
    return starts


def _matches_at(rx: re.Pattern, text: str, starts: list[int]):
    """What `rx.finditer(text)` yields when every match begins at one of `starts` (ascending):
    a match tried only there, the next one from where the last ended (no scan of the text)."""
    end = 0
    for p in starts:
        if p >= end:
            m = rx.match(text, p)
            if m is not None:
                yield m
                end = m.end()


def find_triggers(text: str) -> list[Trigger]:
    """Trigger matches in a sentence; of overlapping matches the longest (then strongest) stays."""
    rules, _ = load_rules()
    text = text.lower()
    found: list[tuple[int, int, TriggerRule]] = []
    heads = _rules_by_head()
    indexed = heads.indexed
    starts = _starts_by_pattern(text, heads)
    unindexed = _unindexed_words()
    # in rule order, only the rules one of whose words starts here (and those not indexed, where the words
    # they need stand); a match is kept as (start, end, rule) and made a Trigger only if it survives the
    # overlaps (most do not)
    for i in sorted(starts.keys() | unindexed.keys()):
        rule = rules[i]
        if i not in indexed and unindexed[i] is not None and not holds_any(text, unindexed[i]):
            continue
        for m in (_matches_at(rule.regex, text, starts[i]) if i in indexed else rule.regex.finditer(text)):
            if m.end() > m.start():
                found.append((m.start(), m.end(), rule))
    found.sort(key=lambda f: (-(f[1] - f[0]), -f[2].weight, f[0]))
    kept: list[tuple[int, int, TriggerRule]] = []
    for f in found:
        if any(k[0] < f[1] and f[0] < k[1] for k in kept):
            continue
        kept.append(f)
    kept.sort(key=lambda f: f[0])
    return [Trigger(rule.type, start, end, text[start:end], rule.weight, rule.weak, rule.needs_place_object,
                    rule.needs_armed_actor, rule.needs_armed_story) for start, end, rule in kept]


@lru_cache(maxsize=1)
def _blockers_by_head() -> HeadIndex:
    """As `_rules_by_head`, for the blockers (two-character starts too, as for the rules: "on trial"
    would otherwise leave the court blocker to a scan of every sentence, its costliest)."""
    _, blockers = load_rules()
    return _head_index(literal_prefixes(b.regex.pattern, min_len=2) for b in blockers)


def active_blockers(text: str) -> list[Blocker]:
    _, blockers = load_rules()
    text = text.lower()
    found = []
    heads = _blockers_by_head()
    indexed = heads.indexed
    starts = _starts_by_pattern(text, heads)
    for i, b in enumerate(blockers):
        # the first match where a blocker's word can start is the first of a scan (`search`)
        m = next(_matches_at(b.regex, text, starts.get(i, ())), None) if i in indexed else b.regex.search(text)
        if m:
            found.append(replace(b, start=m.start(), end=m.end()))
    return found


def event_type_of(sub_event_type: str) -> str:
    return SUB_EVENT_TYPES[sub_event_type]
