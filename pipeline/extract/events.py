"""From sentences to EventRecords: triggers filtered in context, then place, date, actors, deaths.

This is where the coding conventions of docs/ontology.md live: what is not an event (negated,
planned, background, totals), which side took a place, where and when it happened, and how
mentions of one event across an article become one record.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date

from .actors import ActorMention, find_actors, load_lexicon
from .dates import DateExpr, default_date, find_dates, parse_published
from .numbers import fatalities as count_deaths
from .places import Mention, Place, disambiguate, find_places, load_gazetteer, norm_place, unknown_toponyms
from .sentences import Span, split_clauses, split_sentences
from .triggers import Trigger, active_blockers, event_type_of, find_triggers

_NORMALISE = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\u2019": "'", "\u2018": "'", "\u201c": '"',
                            "\u201d": '"', "\u00a0": " ", "\u2013": "-", "\u2014": "-"})
_AERIAL = re.compile(r"\b(?:air|aerial|aircraft|warplanes?|jets?|helicopters?|choppers?|drones?|barrel\s+bombs?|air\s*strikes?|airstrikes?|air\s+force|sorties|bombing\s+raids?)\b", re.I)
_GROUND_FIRE = re.compile(r"\b(?:artillery|mortars?|rockets?|shells?|shelling|tanks?|missiles?|grad|katyushas?|howitzers?)\b", re.I)
_WEAPON_OBJECT = re.compile(r"^\s*(?:\w+\s+){0,4}?(?:weapons|arms|ammunition|explosives?|firearms|guns|rifles|pistols|grenades|rockets|missiles|mines|bombs|cartridges|drugs|vehicles?|tanks?|materiel|equipment|documents|cash|money|shipments?|boats?|ships?|cargo)\b", re.I)
_PLACE_OBJECT = re.compile(
    r"^\s*(?:(?:the|a|an|two|three|four|five|several|many|some|more|new|both|key|strategic|full|complete|total|of|over|"
    r"its|their|control|most|large|parts?|part|last|remaining|rebel-held|regime-held|government-held|\d+|\w+ern)\s+){0,6}"
    r"(?:town|towns|city|cities|village|villages|hamlet|district|districts|neighbou?rhoods?|area|areas|region|"
    r"province|hills?|hilltops?|mountains?|positions?|posts?|bases?|base|checkpoints?|camps?|crossings?|airport|"
    r"airbase|air\s+base|highway|road|roads|bridge|outskirts|suburbs?|quarters?|territory|territories|ground|"
    r"localities|settlements?|farms?|points?|strongholds?|headquarters|barracks|border|island|port|oil\s+fields?|"
    r"dam|villages|sites?|tribal\s+areas|parts)\b", re.I)
_ANAPHOR_PLURAL = re.compile(r"\b(?:the|two|three|four|both|these|those)\s+(?:\w+\s+)?(?:villages|towns|areas|localities|districts|neighbou?rhoods)\b", re.I)
_ANAPHOR_SINGULAR = re.compile(r"\b(?:the|this)\s+(?:\w+\s+)?(?:town|village|city|district|neighbou?rhood|hamlet)\b|\bits\s+outskirts\b|\bthere\b", re.I)
_NVTT = re.compile(r"\bwithout\s+(?:a\s+)?(?:fight|fighting|resistance|a\s+shot)\b|\b(?:withdrew|withdrawn|pulled\s+out|retreated|handed\s+over|evacuated)\b", re.I)
_CIVILIAN_TARGET = re.compile(r"\b(?:civilians?|villagers|residents|farmers|worshippers|students|children|women|passengers|"
                              r"market|mosque|church|school|university|bus|hospital|hotel|bar|cafe|restaurant|wedding|funeral|"
                              r"homes?|houses?|shoppers|pilgrims|tourists|journalists?|doctors?|NGO|aid\s+workers|classrooms?|"
                              r"plane|family|families|village)\b", re.I)
_MILITARY_TARGET = re.compile(r"\b(?:base|bases|checkpoints?|posts?|convoy|positions?|troops|soldiers|police|policemen|"
                              r"camps?|barracks|army|forces|patrol|military|security|guards?|officers?|personnel|"
                              r"fighters|militants|rebels|headquarters|outpost|station)\b", re.I)
_PROTEST_ACTOR = re.compile(r"\b(?:protesters|protestors|demonstrators|rioters|crowds?|marchers|students|youths)\b", re.I)
_VIOLENT_TYPES = {"Armed clash", "Government regains territory", "Non-state actor overtakes territory", "Chemical weapon",
                  "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                  "Grenade", "Attack", "Excessive force against protesters", "Violent demonstration", "Mob violence"}
_BATTLE_LIKE = {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}
_REMOTE = {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
           "Remote explosive/landmine/IED", "Grenade"}
_PROTEST_FAMILY = ["Excessive force against protesters", "Violent demonstration", "Protest with intervention", "Peaceful protest"]


# "activist Qazi Hussein", "Zahran Alloush, the head of": people whose surnames may look like places
_PERSON = re.compile(r"\b(?:[A-Z][a-z]+|Abu|Abdel|Abdul)[ -](?:[A-Z][a-z]+[ -])?([A-Z][a-z]{2,})\b(?=\s+(?:said|says|told|added|reported|explained|noted|stated)\b|,\s+(?:the|a|an)\s+(?:head|leader|spokesman|director|commander|chief|member|official|activist|doctor)\b)")


@dataclass
class Sentence:
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
    continuation: bool = False
    extra_places: list[Place] = field(default_factory=list)
    mentions: set = field(default_factory=set)


def _clause_of(s: Sentence, pos: int) -> Span:
    for c in s.clauses:
        if c.start <= pos < c.end:
            return c
    return Span(0, len(s.text))


def _cues() -> dict:
    return load_lexicon().cues


def _context_filter(s: Sentence, t: Trigger, clause: Span, pub: date | None = None) -> str | None:
    """Why this trigger is not a current event ('negated', 'hypothetical', 'background', ...) or None."""
    cues = _cues()
    text = s.text
    before_all = text[clause.start:t.start]
    for kind in ("negation", "hypothetical", "background"):
        window = cues[kind]["window"]
        before = before_all[-window:]
        if cues[kind]["before"].search(before):
            if kind == "hypothetical" and cues["attempt"]["before"].search(before[-cues["attempt"]["window"]:]):
                continue
            if kind == "hypothetical" and re.search(r"\bto\s+(?:\S+\s+)?$", before) and \
                    re.search(r"\b(?:used|using|fired|firing|deployed|employed|sent|moved\s+in|intervened|rushed)\b(?:\s+\S+){0,5}\s+to\s+(?:\S+\s+)?$", before, re.I) and \
                    not re.search(r"\b(?:will|would|could|plan\w*|intend\w*)\b", before, re.I):
                continue      # "used tear gas to disperse": purpose of something done
            if kind == "background":
                year = re.search(r"\b((?:19|20)\d\d)\s+(?:\S+\s+)?$", before)
                if year and pub is not None and int(year.group(1)) >= pub.year:
                    continue
                if re.search(r"\bhad\s+(?:been\s+)?(?:\w+ly\s+)?$", before) and \
                        re.search(r"\b(?:said|says|say|reported|announced|claimed|told|stated|added)\s+(?:that\s+)?(?:\S+\s+){0,8}had\s+(?:been\s+)?(?:\w+ly\s+)?$", before, re.I):
                    continue      # "said it had seized": reported speech, not background
            if kind == "background" and re.search(r"\b(?:has|have)\s+(?:been\s+)?$", before, re.I) and t.type not in ("territory",):
                continue      # present perfect of an ongoing event ("have been pounding") is current
            if kind == "hypothetical" and t.type in ("Peaceful protest", "Arrests") and re.search(r"\bto\s+(?:\w+\s+)?$", before):
                # "took to the streets to protest" is still a protest
                if re.search(r"\b(?:streets|rallied|gathered|marched|staged|protest(?:ed|ers)?|demonstrators|came)\s+(?:\w+\s+){0,3}to\s+(?:\w+\s+)?$", before, re.I):
                    continue
            return kind
        if kind == "background" and "after" in cues[kind]:
            after = text[t.end:min(clause.end, t.end + 120)]
            if cues[kind]["after"].match(after):
                return kind
    if cues["aggregate"].search(text[clause.start:clause.end]):
        return "aggregate"
    return None


def _attempted(s: Sentence, t: Trigger, clause: Span) -> bool:
    before = s.text[max(clause.start, t.start - _cues()["attempt"]["window"]):t.start]
    return bool(_cues()["attempt"]["before"].search(before))


def _select_place(s: Sentence, t: Trigger, clause: Span, snippet: bool) -> Mention | None:
    roles = ("locative", "near", "source") if snippet else ("locative", "near")
    usable = [m for m in s.places if m.role in roles and not _inside_actor(s, m)]
    if not usable:
        return None

    def rank(m: Mention):
        same_clause = clause.start <= m.start < clause.end
        kind_rank = {"town": 0, "region": 1, "province": 1, "country": 3}.get(m.place.kind, 0)
        if m.role == "near":
            kind_rank += 1.5
        if m.role == "source":
            kind_rank += 2.5
        if m.start >= t.end:
            dist = m.start - t.end
        else:
            dist = (t.start - m.end) * 1.3
        return (not same_clause, kind_rank, dist)

    best = min(usable, key=rank)
    if best.place.kind == "town" and best.place.latitude is not None:
        # "In Baghdad, a bomb went off in the district of Sadr City": the finer place inside the city
        inner = [m for m in usable if m is not best and m.role == "locative" and m.place.kind == "town"
                 and clause.start <= m.start < clause.end and m.place.latitude is not None
                 and (m.place.parent and norm_place(m.place.parent) == norm_place(best.place.canonical or best.place.name)
                      or (m.place.population < best.place.population and m.place.admin1 == best.place.admin1
                          and abs(m.place.latitude - best.place.latitude) < 0.15 and abs(m.place.longitude - best.place.longitude) < 0.15))]
        if inner:
            best = inner[0]
    return best


def _inside_actor(s: Sentence, m: Mention) -> bool:
    return any(a.start <= m.start < a.end for a in s.actors)


def _select_date(s: Sentence, t: Trigger, clause: Span) -> DateExpr | None:
    if not s.dates:
        return None
    in_clause = [d for d in s.dates if clause.start <= d.start < clause.end]
    pool = in_clause or s.dates
    return min(pool, key=lambda d: abs(d.start - t.start))


def _country_name(cc: str | None) -> str | None:
    if not cc:
        return None
    c = load_gazetteer().countries.get(cc)
    return c.name if c else None


def _actor_dict(a: ActorMention, event_cc: str | None) -> dict:
    cc = a.country_code
    inter = a.actor.inter
    if a.actor.foreign_inter and cc and event_cc and cc != event_cc:
        inter = a.actor.foreign_inter
    name = a.actor.named(_country_name(cc or event_cc))
    return {"name": name, "inter": inter}


def _side(a: ActorMention | None) -> str:
    return a.actor.side if a else "none"


_OBJECT_BEFORE = re.compile(
    r"\b(?:against|with|from|on|at|of|targeting|targeted|flushed|pushed|drove|chased|expelled|killed|killing|kill|"
    r"attacked|attacking|captured|seized|defeated|repelled|besieged|ambushed|wounded|injured|abducted|kidnapped|"
    r"arrested|detained|shot|hit|struck|pounded|bombed|shelled|fought|fighting|clashed|engaged|between|and|"
    r"exhorting|urging|by)\s+(?:the\s+|a\s+|an\s+)?(?:\S+\s+){0,2}$", re.I)


def _pick_actors(s: Sentence, t: Trigger, clause: Span):
    """actor1 (agent), actor2 (other side / target) and their associates for one trigger."""
    mains = [a for a in s.actors if a.role == "main"]
    assocs = [a for a in s.actors if a.role == "assoc"]
    in_clause = [a for a in mains if clause.start <= a.start < clause.end]
    pool = in_clause or mains
    text = s.text
    actor1 = actor2 = None
    by = [a for a in pool if a.start > t.end and re.search(r"\bby\s+(?:the\s+|a\s+)?(?:\S+\s+){0,3}$", text[max(t.end, a.start - 30):a.start])]
    pitting = None
    for m in re.finditer(r"\b(?:pitt(?:ing|ed)|between)\b", text[clause.start:clause.end]):
        if 0 <= m.start() + clause.start - t.end <= 60:
            pitting = m
    if by and not pitting and t.start < by[0].start:
        actor1 = by[0]
    elif t.type == "territory" and re.search(r"\bfell\b", t.text):
        after = [a for a in pool if a.start >= t.end and not re.search(r"\b(?:of|against|from)\s+(?:the\s+)?(?:\S+\s+){0,2}$", text[max(0, a.start - 30):a.start])]
        actor1 = after[0] if after else None
    else:
        if re.search(r",\s*$", text[max(0, t.start - 3):t.start]) and t.text.lower().endswith("ing"):
            # ", seizing the town": the participle shares the main clause's subject
            subj = [a for a in mains if a.end <= t.start and not _OBJECT_BEFORE.search(text[max(0, a.start - 40):a.start])]
            if subj:
                actor1 = subj[0]
        if actor1 is None:
            before = [a for a in pool if a.end <= t.start]
            subjects = [a for a in before if not _OBJECT_BEFORE.search(text[max(clause.start, a.start - 40):a.start])]
            if subjects:
                actor1 = subjects[-1]
            elif before:
                actor1 = before[-1]
    if pitting:
        after = [a for a in pool if a.start > pitting.start() + clause.start]
        if after:
            actor1 = after[0]
            against = [a for a in after[1:] if re.search(r"\bagainst\b", text[after[0].end:a.start])
                       and (a.actor.side != after[0].actor.side or a.actor.side == "none")]
            actor2 = against[0] if against else None
    if actor2 is None:
        others = [a for a in pool if a is not actor1 and a.start >= t.start and (actor1 is None or a.start > actor1.start)]
        if actor1 is not None:
            others = [a for a in others if not (a.actor.side == actor1.actor.side and a.actor.side != "none")
                      and a.actor.name != actor1.actor.name]
            actor2 = others[0] if others else None
            if actor2 is None:
                objects = [a for a in pool if a is not actor1 and a.start > actor1.end and a.end <= t.start
                           and _OBJECT_BEFORE.search(text[max(clause.start, a.start - 40):a.start])
                           and not (a.actor.side == actor1.actor.side and a.actor.side != "none")]
                actor2 = objects[-1] if objects else None
        elif others:
            actor2 = others[0]
    if actor1 is None:
        rest = [a for a in pool if a is not actor2 and a.actor.inter != 7]
        if rest:
            actor1 = rest[0]
    if actor1 is not None and actor2 is not None and actor1.actor.name == actor2.actor.name and actor1.actor.inter == actor2.actor.inter:
        actor2 = None
    assoc1 = [a for a in assocs if actor1 is None or abs(a.start - actor1.start) < 120]
    return actor1, actor2, assoc1


def _resolve_type(cand_type: str, s: Sentence, t: Trigger, clause: Span, actor1, actor2, neighbours: str) -> str | None:
    text = s.text
    ctext = text[clause.start:clause.end]
    if cand_type == "territory":
        if _attempted(s, t, clause):
            return "Armed clash"
        if _NVTT.search(ctext) and not re.search(r"\b(?:clash|fight|battle|fierce|heavy)", ctext, re.I):
            return "Non-violent transfer of territory"
        side1, side2 = _side(actor1), _side(actor2)
        if actor1 is not None and actor1.actor.foreign_inter and actor1.country_code and actor1.actor.inter == 1:
            side1 = "government"
        if side1 == "government":
            return "Government regains territory"
        if side1 == "opposition" or (actor1 is not None and actor1.actor.inter in (2, 3, 4)):
            return "Non-state actor overtakes territory"
        if side2 == "government":
            return "Non-state actor overtakes territory"
        if side2 == "opposition":
            return "Government regains territory"
        if actor1 is not None and actor1.actor.inter == 8:
            return "Government regains territory"
        return "Government regains territory"
    if cand_type == "advance":
        return "Armed clash"
    near = text[max(0, t.start - 70):t.end + 70]
    if cand_type == "Remote explosive/landmine/IED" and any(x.type == "Disrupted weapons use" and abs(x.start - t.start) < 90 for x in s.triggers) \
            and not re.search(r"\b(?:exploded|explosions?|went\s+off|detonated|blasts?|killed|killing|wounded|injured)\b", near, re.I):
        return None       # a device found, defused or destroyed is a disrupted weapon, not an explosion
    if cand_type == "Shelling/artillery/missile attack" and re.search(r"missile|rocket", t.text, re.I) and \
            (re.search(r"\b(?:jets?|warplanes?|aircraft|drones?|helicopters?|planes?|air\s+force|fighter)\b", text[max(clause.start, t.start - 60):t.start], re.I)
             or re.match(r"\s+(?:\S+\s+){0,3}?by\s+(?:\S+\s+){0,3}?(?:jets?|warplanes?|aircraft|drones?|helicopters?|planes?)\b", text[t.end:t.end + 60], re.I)
             or (actor1 is not None and actor1.actor.aerial)):
        return "Air/drone strike"
    if cand_type == "bombard":
        window = text[max(clause.start, t.start - 80):min(clause.end, t.end + 80)]
        if _AERIAL.search(window) or (actor1 is not None and actor1.actor.aerial):
            return "Air/drone strike"
        if _GROUND_FIRE.search(window):
            return "Shelling/artillery/missile attack"
        if actor1 is not None and actor1.actor.inter in (2, 3, 4):
            return "Shelling/artillery/missile attack"
        if re.match(r"bomb(?:ed|ing|ings)", t.text, re.I):
            return "Air/drone strike"
        if _AERIAL.search(neighbours) and not _GROUND_FIRE.search(neighbours):
            return "Air/drone strike"
        if re.match(r"(?:targeted|struck|strikes)", t.text, re.I) and actor1 is None and not _AERIAL.search(neighbours):
            return None
        if _AERIAL.search(neighbours) and not _GROUND_FIRE.search(window):
            return "Air/drone strike"
        return "Shelling/artillery/missile attack"
    if cand_type == "attack":
        after = text[t.end:min(len(text), t.end + 90)]
        if _PROTEST_ACTOR.search(after[:40]) and (actor1 is None or actor1.actor.inter in (1,)):
            return "Excessive force against protesters"
        if actor2 is not None and actor2.actor.inter == 7:
            return "Attack"
        if actor2 is not None and actor2.actor.inter in (1, 2, 3, 4, 8):
            return "Armed clash"
        mil, civ = _MILITARY_TARGET.search(after), _CIVILIAN_TARGET.search(after)
        if mil and (not civ or mil.start() < civ.start()):
            return "Armed clash"
        if civ:
            return "Attack"
        if actor1 is not None and actor1.actor.inter in (1, 2, 8):
            return "Armed clash"
        if actor1 is not None and actor1.actor.inter == 3:
            return "Attack"
        return "Armed clash" if t.weak else "Attack"
    if cand_type == "Armed clash":
        mains = [a for a in s.actors if a.role == "main" and clause.start <= a.start < clause.end]
        if mains and all(a.actor.inter in (5, 6, 7) or a.actor.name.startswith("Police") for a in mains) and any(a.actor.inter in (5, 6) for a in mains):
            return "Violent demonstration"
        if re.search(r"\bvillagers\b|\bmobs?\b|\bcommunal\b", ctext, re.I) and not any(a.actor.inter in (1, 2, 8) for a in mains):
            return "Mob violence"
    if cand_type == "Arrests" and re.search(r"\b(?:protesters|demonstrators|activists)\b", ctext, re.I) and re.search(r"\b(?:protest|demonstrat|rally|march)", ctext, re.I):
        return "Protest with intervention"
    if cand_type == "Attack" and re.search(r"\b(?:protesters|demonstrators|protest|demonstration)\b", ctext, re.I):
        return "Excessive force against protesters"
    return cand_type


def _default_actors(sub: str, actor1, actor2, place_cc: str | None, clause_text: str):
    """Fill in the side the text leaves implicit, following ACLED habits for each sub-event type."""
    a1 = _actor_dict(actor1, place_cc) if actor1 else None
    a2 = _actor_dict(actor2, place_cc) if actor2 else None
    state = {"name": f"Military Forces of {_country_name(place_cc)}" if place_cc else "State forces", "inter": 1}
    rebels = {"name": "Opposition rebels", "inter": 2}
    civilians = {"name": "Civilians", "inter": 7}
    if sub in _BATTLE_LIKE:
        if a1 is None and a2 is None:
            a1, a2 = (state, rebels) if sub != "Non-state actor overtakes territory" else (rebels, state)
        elif a1 is None:
            a1 = rebels if a2["inter"] == 1 else state
        if a2 is None or a2["inter"] == 7 and sub != "Armed clash":
            if actor1 is not None and actor1.actor.side == "government" or a1["inter"] == 1:
                a2 = rebels
            else:
                a2 = state
        if a2 and a2["inter"] == 7:
            a2 = state if a1["inter"] != 1 else rebels
    elif sub in _REMOTE:
        if a1 is not None and a1["inter"] in (5, 6, 7):
            a1 = None
        if sub in ("Remote explosive/landmine/IED", "Suicide bomb", "Grenade") and actor1 is not None \
                and re.search(r"\b(?:killing|killed|wounding|injuring|targeting|targeted|near|at|on)\s+(?:\S+\s+){0,3}$", clause_text[:max(0, actor1.start - (len(clause_text) - len(clause_text)))], re.I) is None \
                and actor1.start > clause_text.find(" ") and _victim(actor1, clause_text):
            a2, a1 = a1, None
        if a1 is None:
            a1 = {"name": "Unidentified armed group", "inter": 3}
        if a2 is None and a1["inter"] in (2, 3, 4) and re.search(r"\b(?:soldiers|troops|army|police(?:men)?|security\s+forces|checkpoints?|military|forces|base|convoy|patrol)\b", clause_text, re.I) \
                and not re.search(r"\bcivilians?\b|\bchildren\b|\bwomen\b|\bresidents\b|\bpeople\b", clause_text, re.I):
            a2 = state
        if a2 is None:
            if re.search(r"\bcivilians?\b|\bchildren\b|\bwomen\b|\bresidents\b", clause_text, re.I) or a1["inter"] in (2, 3, 4):
                a2 = civilians if a1["inter"] != 7 else None
            elif a1["inter"] in (1, 8):
                a2 = rebels
    elif sub in ("Attack", "Abduction/forced disappearance", "Sexual violence"):
        if a1 is None or a1["inter"] == 7:
            a2 = a2 or (a1 if a1 else civilians)
            a1 = {"name": "Unidentified armed group", "inter": 3}
        if a2 is None or a2["inter"] != 7:
            a2 = civilians
    elif sub in ("Peaceful protest",):
        a1 = a1 if a1 and a1["inter"] == 6 else {"name": "Protesters", "inter": 6}
        a2 = None
    elif sub in ("Protest with intervention", "Excessive force against protesters"):
        police = {"name": f"Police Forces of {_country_name(place_cc)}" if place_cc else "Police Forces", "inter": 1}
        forces = a1 if a1 and a1["inter"] == 1 else (a2 if a2 and a2["inter"] == 1 else police)
        a1, a2 = {"name": "Protesters", "inter": 6}, forces
    elif sub == "Violent demonstration":
        a1 = {"name": "Rioters", "inter": 5}
        a2 = a2 if a2 and a2["inter"] in (1, 7) else (a1_state if (a1_state := (_actor_dict(actor1, place_cc) if actor1 and actor1.actor.inter == 1 else None)) else None)
    elif sub == "Mob violence":
        a1 = {"name": "Rioters", "inter": 5}
        a2 = a2 if a2 and a2["inter"] != 5 else civilians
    elif sub == "Arrests":
        if a1 is None or a1["inter"] not in (1, 8):
            police = {"name": f"Police Forces of {_country_name(place_cc)}" if place_cc else "Police Forces", "inter": 1}
            a2 = a2 or (a1 if a1 and a1["inter"] != 1 else None)
            a1 = police
    else:
        if a1 is None:
            a1 = a2 or state
            a2 = None if a1 is a2 else a2
    if a2 is not None and a1 is not None and a2 == a1:
        a2 = None
    return a1, a2


def _victim(actor: ActorMention, clause_text: str) -> bool:
    """An actor named as the target of a bombing ("killing two policemen", "targeting soldiers")."""
    return bool(re.search(r"\b(?:killing|killed|wounding|wounded|injuring|injured|targeting|targeted|hit|against|near)\s+(?:\S+\s+){0,3}$",
                          clause_text[:actor.start] if actor.start <= len(clause_text) else "", re.I))


def _interaction(a1: dict | None, a2: dict | None) -> int:
    if not a1:
        return 0
    if not a2:
        return int(a1["inter"]) * 10
    lo, hi = sorted([int(a1["inter"]), int(a2["inter"])])
    return lo * 10 + hi


def analyse(text: str, published: str | None = None, title: str | None = None) -> tuple[list[Sentence], date | None]:
    pub = parse_published(published)
    gz = load_gazetteer()
    sentences: list[Sentence] = []
    doc = text.translate(_NORMALISE)
    spans = split_sentences(text)
    for i, sp in enumerate(spans):
        s = doc[sp.start:sp.end]
        triggers = find_triggers(s)
        if not triggers:
            # only its places matter (anaphora, disambiguation): skip the costlier analyses
            sentences.append(Sentence(i, sp, s, [], find_places(s, gz), [], [], [Span(0, len(s))], {}))
            continue
        actors = find_actors(s)
        masked = [(a.start, a.end) for a in actors]
        places = find_places(s, gz, masked)
        sentences.append(Sentence(i, sp, s, actors, places, find_dates(s, pub), triggers,
                                  split_clauses(s), {b.name: b for b in active_blockers(s)}))
    context = (title or "") + "\n" + text
    surnames = {m.group(1) for m in _PERSON.finditer(text)}
    for s in sentences:
        s.places = [m for m in s.places if m.surface not in surnames or m.place.curated]
    all_mentions = [m for s in sentences for m in s.places]
    if all_mentions:
        resolved = iter(disambiguate(all_mentions, context))
        for s in sentences:
            s.places = [next(resolved) for _ in s.places]
    # settlements the gazetteer lacks, placed near the article's known places
    towns = [m.place for s in sentences for m in s.places if m.place.kind in ("town", "region") and m.role == "locative"
             and m.place.latitude is not None]
    article_ctx = max(towns, key=lambda p: sum(1 for q in towns if q.admin1 == p.admin1)) if towns else None
    for s in sentences:
        if not s.triggers:
            continue
        local = [m.place for m in s.places if m.place.kind in ("town", "region", "province") and m.place.latitude is not None
                 and m.role in ("locative", "near")]
        extra = unknown_toponyms(s.text, s.places, [(a.start, a.end) for a in s.actors], local[0] if local else article_ctx)
        if extra:
            s.places = sorted(s.places + extra, key=lambda m: m.start)
    return sentences, pub


def _blocked(s: Sentence, sub: str, t: Trigger) -> bool:
    for b in s.blocked.values():
        if "*" in b.blocks:
            return True
        if sub in b.blocks and (t.weak or not b.blocks_weak or b.name in ("disaster", "crime", "diplomacy") and t.weight < 0.9):
            return True
    return False


def extract(text: str, published: str | None = None, title: str | None = None) -> list[Candidate]:
    sentences, pub = analyse(text, published, title)
    snippet = len(sentences) <= 3
    if snippet:
        # a snippet is one story: a disaster or crime word anywhere frames all of it
        shared = {}
        for s in sentences:
            shared.update(s.blocked)
        for s in sentences:
            if s.triggers:
                s.blocked = dict(shared)
    default_day, default_precision = default_date(pub)
    candidates: list[Candidate] = []
    last_place: Place | None = None
    last_group: list[Place] = []
    for s in sentences:
        town_mentions = [m for m in s.places if m.place.kind == "town" and m.role in ("locative", "near")]
        strong_exists = any(not t.weak for t in s.triggers)
        for t in s.triggers:
            if t.weak and strong_exists:
                continue
            clause = _clause_of(s, t.start)
            surface = s.text[t.start:t.end]
            if " " in surface and t.start > 0 and all(w[:1].isupper() for w in surface.split()) \
                    and not surface.isupper():
                continue      # "Organisation for the Prohibition of Chemical Weapons": a name, not an event
            why = _context_filter(s, t, clause, pub)
            if why:
                continue
            if re.search(r"\b(?:backed|supported|aided|covered|assisted|bolstered)\s+by\s+(?:\S+\s+){0,3}$|\bunder\s+(?:the\s+)?(?:cover|protection)\s+of\s+(?:\S+\s+){0,3}$"
                         r"|\bwith\s+the\s+(?:support|help|backing)\s+of\s+(?:\S+\s+){0,3}$", s.text[max(0, t.start - 50):t.start], re.I) \
                    and not re.search(r"(?:ed|ing)$", t.text) and t.type not in ("territory", "advance"):
                continue      # "backed by Russian airstrikes": support for the event the sentence reports
            if t.needs_place_object:
                after = s.text[t.end:t.end + 80]
                if _WEAPON_OBJECT.match(after):
                    continue
                # "killed or captured dozens of regime troops": people, not a place, change hands
                if re.match(r"^\s*(?:\S+\s+){0,2}?(?:dozens|scores|hundreds|\d+|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+(?:of\s+)?(?:\S+\s+){0,2}?(?:troops|soldiers|fighters|rebels|militants|people|civilians|members|policemen|officers|insurgents|gunmen|terrorists|jihadists|suspects)\b", after, re.I) \
                        or re.search(r"\b(?:killed|wounded)\s+(?:or|and)\s+$", s.text[max(0, t.start - 15):t.start], re.I):
                    continue
                obj_actor = next((a for a in s.actors if 0 <= a.start - t.end <= 12 and a.role == "main" and a.actor.inter != 7), None)
                if obj_actor is not None and not re.search(r"\b(?:out\s+of|from)$", t.text) and \
                        not _PLACE_OBJECT.match(re.sub(r"^[\s\u2019']*s?\s*(?:\([^)]*\))?", "", s.text[obj_actor.end:obj_actor.end + 60])):
                    continue
            if re.match(r"\s+(?:campaign|campaigns|operations?)\b", s.text[t.end:t.end + 15], re.I):
                continue      # a campaign is the frame of many events, not one
            if t.type == "territory" and re.match(r"occupied", t.text) and re.search(r"\b(?:the|an|in)\s+$", s.text[max(0, t.start - 5):t.start]):
                continue      # "the occupied West Bank": an adjective
            if t.type == "territory" and not snippet and re.search(r"\b(?:was|were|been|being)\s+$", s.text[max(0, t.start - 8):t.start]) \
                    and not re.match(r"\s+(?:\S+\s+){0,3}?by\b", s.text[t.end:t.end + 30]):
                continue      # "the positions were overrun": who took them is not said
            actor1, actor2, assoc1 = _pick_actors(s, t, clause)
            lo, hi = max(0, s.index - 2), s.index + 3
            neighbours = " ".join(x.text for x in sentences[lo:hi])
            sub = _resolve_type(t.type, s, t, clause, actor1, actor2, neighbours)
            if sub is None or _blocked(s, sub, t):
                continue
            if sub == "Peaceful protest" and actor1 is not None and actor1.end <= t.start and actor1.actor.inter in (1, 2, 3, 8) and \
                    not any(a.actor.inter in (5, 6) for a in s.actors if a.role == "main"):
                continue      # armed men at a rally or parade are not protesters
            mention = _select_place(s, t, clause, snippet)
            anaphor = re.match(r"^\s*(?:\S+\s+){0,3}?(?:(?:in|on|at|inside|around)\s+)?(?:the\s+(?:\w+\s+)?(?:town|village|city|hamlet)\b(?!\s+of\b)|there\b|its\s+outskirts)", s.text[t.end:t.end + 40], re.I) \
                or re.search(r"\bthe\s+(?:town|village|city)\s+(?:\S+\s+){0,2}$", s.text[max(0, t.start - 30):t.start], re.I)
            if anaphor and (mention is None or mention.role != "locative" or abs(mention.start - t.start) > 60):
                its = re.search(r"\bits\s+outskirts\b", s.text[t.end:t.end + 40])
                earlier = [m for m in s.places if m.end <= t.start and m.role == "locative" and m.place.kind == "town"] if its else []
                if earlier:
                    mention = earlier[-1]
                elif last_place is not None:
                    mention = Mention(last_place, t.start, t.start, "", "locative")
            place = mention.place if mention else None
            place_explicit = mention is not None
            extra: list[Place] = []
            # "captured two villages ... The villages of Flita and Ras al-Maara": forward/back reference
            if t.type in ("territory", "Armed clash", "advance") and (place is None or place.kind == "country" or mention.role != "locative"):
                obj = s.text[t.end:t.end + 60]
                nxt = sentences[s.index + 1] if s.index + 1 < len(sentences) else None
                if _ANAPHOR_PLURAL.search(obj) or _ANAPHOR_PLURAL.search(s.text[clause.start:clause.end]):
                    group = []
                    if nxt and re.match(r"\s*(?:The|Both)\s+(?:\w+\s+)?(?:villages|towns|areas|districts|neighbou?rhoods)\s+(?:of|are|were)\b", nxt.text):
                        group = _enumeration(nxt)
                    group = group or last_group
                    if group:
                        place, extra, place_explicit = group[0], group[1:], True
                elif _ANAPHOR_SINGULAR.search(obj) and last_place is not None and place is None:
                    place, place_explicit = last_place, True
            if t.needs_place_object and place is None and not _PLACE_OBJECT.match(s.text[t.end:t.end + 80]):
                continue
            if place is None and not snippet and sub in _VIOLENT_TYPES:
                # "... killed in a car bomb attack. The attack targeted a police station in Inkhil ..."
                family = {"Air/drone strike": "strikes?|raids?|bombing|bombardment|air\\s*strikes?",
                          "Shelling/artillery/missile attack": "shelling|bombardment|rockets?|shells?|attack",
                          "Remote explosive/landmine/IED": "attack|blast|explosion|bombing",
                          "Suicide bomb": "attack|blast|explosion|bombing",
                          "Attack": "attack|shooting|massacre|killings?",
                          }.get(sub, "attack|assault|ambush|clashes|fighting|battle|offensive")
                for nxt in sentences[s.index + 1:s.index + 2]:
                    if re.match(r"\s*\W?(?:The|That|This)\s+(?:\S+\s+)?(?:" + family + r")\b", nxt.text):
                        near = [m for m in nxt.places if m.role in ("locative", "near") and m.place.kind != "country"]
                        if near:
                            place, place_explicit = near[0].place, True
                        break
            dexpr = _select_date(s, t, clause)
            if dexpr is not None and dexpr.is_background(pub):
                continue
            if dexpr is not None and dexpr.day is not None:
                day, precision, explicit = dexpr.day, dexpr.precision, True
            else:
                day, precision, explicit = default_day, default_precision, False
            clause_text = s.text[clause.start:clause.end]
            deaths = count_deaths(clause_text)
            if deaths is None and len(s.triggers) == 1:
                deaths = count_deaths(s.text)
            place_cc = place.country_code if place else None
            a1, a2 = _default_actors(sub, actor1, actor2, place_cc, clause_text)
            assoc_names = []
            for a in assoc1:
                n = _actor_dict(a, place_cc)["name"]
                if n not in assoc_names and (a1 is None or n != a1["name"]):
                    assoc_names.append(n)
            conf = t.weight + (0.08 if place_explicit and place and place.kind != "country" else 0.0) \
                + (0.04 if actor1 else 0.0) + (0.03 if explicit else 0.0) - (0.2 if t.weak else 0.0) \
                - (min(0.3, 0.1 * s.index) if snippet else min(0.2, 0.03 * s.index)) \
                - 0.04 * (t.start / max(1, len(s.text)))
            if t.type in ("territory",) and actor1 is None:
                conf -= 0.05
            candidates.append(Candidate(sub, s, t, place, place_explicit, day, precision, explicit, a1,
                                        assoc_names, a2, [], deaths, round(max(0.05, min(0.99, conf)), 3),
                                        extra_places=extra))
        if town_mentions:
            last_place = town_mentions[-1].place
            group = _enumeration(s)
            if len(group) >= 2:
                last_group = group
        _prefer_air_over_shelling(candidates, s)
        _one_protest_per_place(candidates, s)
        _territory_absorbs_clash(candidates, s)
        if not s.triggers and re.search(r"\b(?:killed|dead|died)\b", s.text):
            deaths = count_deaths(s.text)
            if deaths:
                # "Two soldiers were killed and 12 wounded.": the toll of the event just reported
                recent = [c for c in candidates if 0 < s.index - c.sentence.index <= 2 and c.sub_event_type in _VIOLENT_TYPES]
                if recent and recent[-1].fatalities is None:
                    recent[-1].fatalities = deaths
    return _consolidate(candidates, snippet, sentences)


def _enumeration(s: Sentence) -> list[Place]:
    """The first list of towns joined by 'and' / commas in a sentence ("Flita and Ras al-Maara")."""
    towns = [m for m in s.places if m.place.kind == "town" and m.role in ("locative", "near")]
    for i, first in enumerate(towns):
        group = [first]
        for m in towns[i + 1:]:
            if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", s.text[group[-1].end:m.start]):
                group.append(m)
            else:
                break
        if len(group) >= 2:
            return [m.place for m in group]
    return []


def _prefer_air_over_shelling(cands: list[Candidate], s: Sentence) -> None:
    """'aircraft and artillery pounded X': one bombardment, coded as the air strike."""
    here = [c for c in cands if c.sentence is s]
    for air in [c for c in here if c.sub_event_type == "Air/drone strike"]:
        clause = _clause_of(s, air.trigger.start)
        for sh in [c for c in here if c.sub_event_type == "Shelling/artillery/missile attack"]:
            if _clause_of(s, sh.trigger.start) != clause or _place_key(sh.place) != _place_key(air.place):
                continue
            if (sh.actor1 or {}).get("inter") != (air.actor1 or {}).get("inter") and sh.actor1 and air.actor1 \
                    and sh.actor1.get("inter") != 3 and air.actor1.get("inter") != 3:
                continue
            if air.fatalities is None:
                air.fatalities = sh.fatalities
            if air.actor1 and air.actor1.get("inter") == 3 and sh.actor1:
                air.actor1, air.actor2 = sh.actor1, sh.actor2
            idx = next((i for i, c in enumerate(cands) if c is sh), None)
            if idx is not None:
                del cands[idx]
                here = [c for c in here if c is not sh]


def _territory_absorbs_clash(cands: list[Candidate], s: Sentence) -> None:
    """'retaking the district after heavy street fighting': the fighting is part of the takeover."""
    here = [c for c in cands if c.sentence is s]
    taken = {_place_key(c.place) for c in here if c.sub_event_type in ("Government regains territory", "Non-state actor overtakes territory") and c.place}
    drop = [c for c in here if c.sub_event_type == "Armed clash" and c.place and _place_key(c.place) in taken]
    for c in drop:
        owner = next(x for x in here if x.sub_event_type != "Armed clash" and _place_key(x.place) == _place_key(c.place))
        if owner.fatalities is None:
            owner.fatalities = c.fatalities
    ids = {id(c) for c in drop}
    cands[:] = [c for c in cands if id(c) not in ids]


def _one_protest_per_place(cands: list[Candidate], s: Sentence) -> None:
    """A demonstration is coded once, by what happened at it: excessive force > riot > intervention > peaceful."""
    here = [c for c in cands if c.sentence is s and c.sub_event_type in _PROTEST_FAMILY]
    if len(here) < 2:
        return
    keep = {}
    for c in here:
        k = _place_key(c.place)
        if k not in keep or _PROTEST_FAMILY.index(c.sub_event_type) < _PROTEST_FAMILY.index(keep[k].sub_event_type):
            keep[k] = c
    drop = {id(c) for c in here if keep[_place_key(c.place)] is not c}
    for c in here:
        if id(c) not in drop and keep[_place_key(c.place)] is c:
            c.confidence = max(x.confidence for x in here if _place_key(x.place) == _place_key(c.place))
    cands[:] = [c for c in cands if id(c) not in drop]


def _place_key(p: Place | None) -> str:
    if p is None:
        return ""
    return p.key


def _consolidate(cands: list[Candidate], snippet: bool, sentences: list[Sentence]) -> list[Candidate]:
    """Merge mentions of one event, attach death counts of follow-up sentences, drop place-less ones."""
    # expand multi-place events ("the villages of Flita and Ras al-Maara")
    expanded: list[Candidate] = []
    for c in cands:
        expanded.append(c)
        for p in c.extra_places:
            expanded.append(replace(c, place=p, extra_places=[]))
    events: list[Candidate] = []
    for c in expanded:
        located = c.place is not None and c.place.kind != "country"
        if not located:
            # a follow-up sentence ("10 rebels were killed in the attack"): its deaths go to the event it continues
            target = _recent_event(events, c, lookback=10) if c.sub_event_type in _VIOLENT_TYPES else None
            related = target is not None and (
                target.sub_event_type == c.sub_event_type
                or (target.sub_event_type in _BATTLE_LIKE and c.sub_event_type in _BATTLE_LIKE)
                or re.match(r"(?:fighting|clash\w*|battle\w*|attacks?|assault|raids?)$", c.trigger.text, re.I))
            if related and (not c.date_explicit or c.day == target.day) and c.sentence.index > min(target.mentions):
                if target.fatalities is None and c.fatalities:
                    target.fatalities = c.fatalities
                continue
            if not snippet:
                continue
        merged = False
        for e in events:
            if e.sub_event_type != c.sub_event_type or _place_key(e.place) != _place_key(c.place):
                continue
            if e.day == c.day or not c.date_explicit or not e.date_explicit:
                if c.date_explicit and not e.date_explicit:
                    e.day, e.precision, e.date_explicit = c.day, c.precision, True
                if e.fatalities is None and c.fatalities is not None:
                    e.fatalities = c.fatalities
                if e.place and c.place and e.place.geo_precision > c.place.geo_precision:
                    e.place = c.place
                for n in c.assoc1:
                    if n not in e.assoc1 and n != (e.actor1 or {}).get("name"):
                        e.assoc1.append(n)
                e.confidence = max(e.confidence, c.confidence)
                e.mentions.add(c.sentence.index)
                merged = True
                break
        if not merged:
            c.mentions = {c.sentence.index}
            events.append(c)
    # a lede's region-level summary of an event the body gives precisely
    out = []
    for e in events:
        if not snippet and e.place is not None and e.place.geo_precision == 3 and max(e.mentions) <= 3:
            finer = [x for x in events if x is not e and x.sub_event_type == e.sub_event_type and x.place is not None
                     and x.place.geo_precision == 1 and x.place.admin1 == e.place.admin1 and abs((x.day - e.day).days) <= 1]
            if finer:
                target = finer[0]
                if target.fatalities is None:
                    target.fatalities = e.fatalities
                if target.actor1 and target.actor1.get("inter") == 3 and e.actor1:
                    target.actor1, target.actor2 = e.actor1, e.actor2
                continue
        out.append(e)
    return out


def _recent_event(events: list[Candidate], c: Candidate, lookback: int) -> Candidate | None:
    pool = [e for e in events if 0 <= c.sentence.index - max(e.mentions) <= lookback and e.sub_event_type in _VIOLENT_TYPES]
    pool.sort(key=lambda e: max(e.mentions))
    if not pool:
        return None
    same = [e for e in pool if e.sub_event_type == c.sub_event_type or
            (e.sub_event_type in _BATTLE_LIKE and c.sub_event_type in _BATTLE_LIKE)]
    return (same or pool)[-1]
