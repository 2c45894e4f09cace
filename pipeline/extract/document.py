"""The analysed article: sentences with their mentions, and the event candidates found in them.

Shared by the stages of extraction (context filters, participants, merging), so they agree on
what a sentence, a clause and a candidate event are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .actors import ActorMention
from .dates import DateExpr
from .patterns import WordGuard
from .places import Mention, Place
from .sentences import Span
from .triggers import Trigger

BATTLE_LIKE = {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}
REMOTE = {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
          "Remote explosive/landmine/IED", "Grenade"}
VIOLENT_TYPES = BATTLE_LIKE | REMOTE | {"Attack", "Excessive force against protesters", "Violent demonstration",
                                       "Mob violence"}
# a sentence that says it reports another event than the one before ("Elsewhere, ...", "in other incidents")
OTHER_EVENT = WordGuard(re.compile(r"\b(?:other|another|separate(?:ly)?|elsewhere|in\s+all|in\s+total|altogether|overall)\b", re.I),
                        ("other", "separate", "elsewhere", "all", "total", "altogether", "overall"))
# the protest sub-types, most specific first: a demonstration is coded once, by what happened at it
PROTEST_FAMILY = ["Excessive force against protesters", "Violent demonstration", "Protest with intervention",
                  "Peaceful protest"]


@dataclass
class Sentence:
    """One sentence of the article with everything found in it (offsets relative to the sentence)."""

    index: int
    span: Span
    text: str                       # normalised, same length as the original slice
    actors: list[ActorMention]
    places: list[Mention]
    dates: list[DateExpr]
    triggers: list[Trigger]
    clauses: list[Span]
    blocked: dict


@dataclass(eq=False)
class Candidate:
    """An event as one trigger reports it, before mentions of the same event are merged."""

    sub_event_type: str
    sentence: Sentence
    trigger: Trigger
    place: Place | None
    place_explicit: bool
    day: date
    precision: int
    date_explicit: bool
    actor1: dict | None
    assoc1: list[str]
    actor2: dict | None
    assoc2: list[str]
    fatalities: int | None
    confidence: float
    extra_places: list[Place] = field(default_factory=list)
    place_carried: bool = False     # the place was not named with the event but carried over from before
    mentions: set = field(default_factory=set)
    crowd_violence: bool = False    # a mention merged into it tells the crowd's own violence (a riot, whatever force met it)
    summed: set = field(default_factory=set)     # sentences whose count of the other side's dead was added to its toll


def clause_of(s: Sentence, pos: int) -> Span:
    """The clause of `s` that holds character `pos` (the whole sentence when clauses are unknown)."""
    for c in s.clauses:
        if c.start <= pos < c.end:
            return c
    return Span(0, len(s.text))


def place_key(p: Place | None) -> str:
    """Identity of a place for merging: a district counts as its city, a region as its town."""
    if p is None:
        return ""
    return p.key
