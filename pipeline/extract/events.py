"""From sentences to event candidates: which type a trigger means here, where and when it happened.

The driver of extraction: analyses the article once (sentences, triggers, actors, places, dates),
resolves each surviving trigger to an ACLED sub-event type with its place, date, sides and deaths,
and hands the candidates to merge.py. The coding conventions of docs/ontology.md live here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from itertools import takewhile

from .actors import ActorMention, find_actors, load_lexicon
from .budget import NO_DEADLINE, Deadline
from .context import attempted, blocked_by_context, context_filter
from .dates import DateExpr, default_date, find_dates, parse_published
from .document import BATTLE_LIKE, OTHER_EVENT, PROTEST_FAMILY, REMOTE, VIOLENT_TYPES, Candidate, Sentence, clause_of, place_key
from .merge import (CROWD_TARGET_IN, GENERIC_ARMED, add_other_sides_dead, more_dead, attack_absorbs_raid, chemical_absorbs_delivery, consolidate, one_protest_per_place, protest_absorbs_killing, prefer_air_over_shelling, territory_absorbs_clash,
                    abduction_absorbs_assault, attack_absorbs_blast, protest_absorbs_arrests, seizure_absorbs_weapons, battle_absorbs_arrests_and_arms, fight_absorbs_killing, interception_absorbs_launch, toll_joins_its_attack, transfer_absorbs_withdrawal, violence_absorbs_destruction, weapon_absorbs_attack, weapon_absorbs_blast)
from .numbers import fatalities as count_deaths, fighters_toll, group_toll, subset_toll, toll_update
from .patterns import WordGuard, holds_any
from .participants import COMMUNITIES, FORCE_PATIENT, IDENTITY_CLASH, PARTISANS, RIVAL_GROUPS, actor_dict, country_name, default_actors, pick_actors, side_of
from .places import (Mention, Place, after_feed_stamp, says_the_capital, article_countries, capital_if_named, countries_worded, named_again, article_country, country_fallback, disambiguate, find_places, load_gazetteer, norm_place,
                     resolve_part, unknown_toponyms)
from .sentences import Span, split_clauses, split_sentences
from .triggers import Trigger, active_blockers, find_triggers
from .actors import resolve_references, rival_states, same_camp      # actors named by reference across sentences (actors.py)

_NON_VIOLENT_WEAK = {"Change to group/activity", "Disrupted weapons use", "Headquarters or base established", "Arrests",
                     "Agreement"}
_NORMALISE = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\u2019": "'", "\u2018": "'", "\u201c": '"',
                            "\u201d": '"', "\u00a0": " ", "\u2013": "-", "\u2014": "-"})

_NUMBER_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
_COUNT_IN_FIGURES = re.compile(r"\b" + _NUMBER_WORDS + r"(\s\(\d{1,4}\))(?=\s)", re.I)
# what every match of it holds: a text without figures in parentheses is not scanned for number words
_FIGURES_IN_PARENTHESES = re.compile(r"\(\d{1,4}\)(?=\s)")
_AERIAL = re.compile(r"\b(?:air|aerial|aircraft|warplanes?|jets?|helicopters?|choppers?|drones?|barrel\s+bombs?|air\s*strikes?|airstrikes?|air\s+force|sorties|bombing\s+raids?)\b", re.I)
_PLANTED = re.compile(r"\b(?:car|roadside|truck|parcel|suicide)\s+bomb|\b(?:ieds?|explosive\s+devices?|blasts?|explosions?|exploded|detonated|went\s+off)\b", re.I)
_GROUND_FIRE = re.compile(r"\b(?:artillery|mortars?|rockets?|shells?|shelling|tanks?|missiles?|grad|katyushas?|howitzers?)\b", re.I)
_WEAPON_OBJECT = re.compile(r"^\s*(?:\w+\s+){0,4}?(?:weapons|arms|ammunition|explosives?|firearms|guns|rifles|pistols|grenades|rockets|missiles|mines|bombs|cartridges|drugs|blasting\s+caps|detonators|vehicles?|tanks?|materiel|equipment|documents|cash|money|shipments?|boats?|ships?|cargo)\b", re.I)
_WEAPON_BEFORE = re.compile(r"\b(?:weapons|arms|firearms|guns|rifles|pistols|ammunition|explosives|grenades|drugs|cache)\s+(?:that\s+|which\s+)?(?:[\w-]+\s+){1,3}$", re.I)
_PLACE_OBJECT = re.compile(
    r"^\s*(?:(?:the|a|an|two|three|four|five|several|many|some|more|new|both|key|strategic|full|complete|total|of|over|"
    r"its|their|control|most|large|parts?|part|last|remaining|rebel-held|regime-held|government-held|\d+|\w+ern)\s+){0,6}"
    r"(?:[\w'\u2019-]+\s+){0,2}?"      # "part of a Karen guerrilla stronghold": who holds it
    r"(?:town|towns|city|cities|village|villages|hamlet|district|districts|neighbou?rhoods?|area|areas|region|"
    r"province|hills?|hilltops?|mountains?|positions?|posts?|outposts?|garrisons?|bases?|base|checkpoints?|camps?|crossings?|airport|"
    r"airbase|air\s+base|highway|road|roads|bridge|outskirts|suburbs?|quarters?|territory|territories|ground|"
    r"localities|settlements?|farms?|points?|strongholds?|headquarters|barracks|border|island|port|oil\s+fields?|"
    r"dam|villages|sites?|tribal\s+areas|parts|enclaves?|pockets?|bastions?)\b", re.I)

# "gunmen seized them", "captured nine foreign workers": people taken, not a place (an abduction)
_PERSON_OBJECT = re.compile(
    r"^\s*(?:(?:the|a|an|some|several|at\s+least|more\s+than|dozens\s+of|scores\s+of|hundreds\s+of|\d+|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty|[a-z]+(?:ese|ian|ish|an|i)|foreign|local|female|male|young)\s+){0,4}?"
    r"(?:them|him|her|foreigners?|hostages?|workers?|civilians?|passengers?|tourists?|journalists?|reporters?|villagers|"
    r"students?|schoolgirls?|schoolchildren|girls?|boys?|women|children|men|people|nationals|employees|crew(?:\s+members)?|"
    r"sailors|missionaries|priests?|nuns?|engineers?|contractors?|doctors?|nurses?|teachers?|businessm[ae]n|traders?|"
    r"farmers?|herders?|fishermen|pilgrims|worshippers|residents|relatives|officials?|administrators?|chiefs?|elders?|activists?|"
    r"mayors?|councill?ors?)\b(?!\s+(?:neighbou?rhood|district|quarter|village|camp))",
    re.I)
# "shot dead in an exchange of fire", "gunned down during a gunfight": killed in a battle the sentence tells
_IN_BATTLE_AFTER = re.compile(r"\s+(?:on\s+\w+\s+)?(?:in|during)\s+(?:an?\s+|the\s+)?(?:\S+\s+)?(?:exchanges?\s+of\s+fire|gun\s*fights?|"
                              r"fire\s*fights?|gun\s*battles?|shoot-?outs?|clash(?:es)?|encounters?|battles?|fighting|cross-?fire)\b", re.I)
# "a village administrator it seized from his home": taken from where people live, a person (no place is)
_FROM_HOME_AFTER = re.compile(r"\s+(?:\S+\s+){0,4}?from\s+(?:his|her|their)\s+(?:own\s+)?(?:homes?|houses?|residences?|beds?|farms?|shops?)\b", re.I)
# a man wanted or of standing, taken: by an alias or a nickname, or by his rank in a group ("alias 'Mocho Javier'",
# "the gang's leader", "a senior commander", "two suspects")
_WANTED_OBJECT = re.compile(
    r"\s+(?:alias\b|[\"\u201c'\u2018][A-Z]|(?:(?:the|a|an|two|three|four|five|\d+|several|its|their|his|[\w'\u2019-]+['\u2019]s)\s+)?"
    r"(?:(?:suspected|alleged|top|senior|wanted|notorious|local|regional|second-in-command|most-wanted)\s+)*"
    r"(?:\S+\s+)?(?:leaders?|commanders?|kingpins?|ringleaders?|bosses|boss|suspects?|gang\s+members?|cartel\s+members?|"
    r"hitm[ae]n|cadres?|operatives?|lieutenants?|informants?|informers?|collaborators?|spies)\b)")
_ANAPHOR_PLURAL = re.compile(r"\b(?:the|two|three|four|both|these|those)\s+(?:\w+\s+)?(?:villages|towns|areas|localities|districts|neighbou?rhoods)\b", re.I)
_ANAPHOR_SINGULAR = re.compile(r"\b(?:the|this)\s+(?:\w+\s+)?(?:town|village|city|district|neighbou?rhood|hamlet)\b|\bits\s+outskirts\b|\bthere\b", re.I)
_NVTT = re.compile(r"\bwithout\s+(?:a\s+)?(?:fight|fighting|resistance|a\s+shot)\b|\b(?:withdrew|withdrawn|pulled\s+out|retreated|handed\s+over|evacuated)\b", re.I)
_CIVILIAN_TARGET = re.compile(r"\b(?:civilians?|villagers?|residents|farmers?|herders?|herdsm[ae]n|traders?|worshippers|students|children|women|passengers|"
                              r"market|mosque|church|school|university|bus|hospital|hotel|bar|cafe|restaurant|wedding|funeral|"
                              r"homes?|houses?|shoppers|pilgrims|tourists|journalists?|doctors?|nurses?|medics|health\s+(?:posts?|cent(?:re|er)s?|facilit(?:y|ies)|workers?)|"
                              r"clinics?|NGO|aid\s+workers|classrooms?|reporters?|cameram[ae]n|photographers?|"
                              r"(?:television|TV|radio|news|media)\s+(?:stations?|crews?|teams?|workers)|"
                              r"crews?\s+of\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:television|TV|radio|news)|"
                              r"plane|family|families|village|(?:displacement|displaced|IDP|refugee)\s+camps?|"
                              r"camps?\s+for\s+(?:the\s+)?(?:displaced|refugees))\b", re.I)
# the places people live in, as the attack's own object ("stormed several neighbourhoods of Kenscoff", "an
# attack on two villages"; not "stormed IS gatherings in the villages of", nor "the rebel-held neighbourhood")
_CIVILIAN_PLACE_OBJECT = re.compile(r"^\s*(?:(?:the|a|an|two|three|four|five|several|many|\d+)\s+)?(?:(?![\w-]+-(?:held|controlled)\b)[\w-]+\s+){0,2}?"
                                    r"(?:villages|neighbou?rhoods?|communit(?:y|ies)|settlements?|residential\s+areas?)\b", re.I)

_MILITARY_TARGET = re.compile(r"\b(?:base|bases|checkpoints?|posts?|convoy|positions?|troops|soldiers|police|policemen|"
                              r"camps?|barracks|army|forces|patrol|military|security|guards?|officers?|personnel|"
                              r"fighters|militants|rebels|headquarters|outpost|station|hide-?outs?|hideaways?|dens|cells?|strongholds?)\b", re.I)

_WITH_THE_CROWD = re.compile(r"\s+with\s+(?:\S+\s+){0,3}?(?:protesters|protestors|demonstrators|rioters|marchers|"
                             r"(?:supporters|students|youths|residents)\s+(?:who\s+were\s+)?(?:protesting|demonstrating|rallying|marching))\b", re.I)
_DEMANDING_CROWD = re.compile(r"\s+(?:on|at|upon|into)\s+(?:\S+\s+){0,4}?(?:workers|students|people|residents|supporters|farmers|teachers|"
                              r"villagers|youths|traders|miners|crowds?|women|men|activists)\s+(?:who\s+were\s+)?"
                              r"(?:demanding|protesting|calling\s+for|rallying|marching|demonstrating|striking)\b", re.I)
_PROTEST_ACTOR = re.compile(r"\b(?:protesters|protestors|demonstrators|rioters|crowds?|marchers|students|youths)\b", re.I)
# "police attacked the peaceful rally": the object is a protest, not the people in it
_PROTEST_EVENT_OBJECT = re.compile(r"^\s*(?:\S+\s+){0,3}?(?:protests?|demonstrations?|rall(?:y|ies)|march(?:es)?|sit-ins?|"
                                   r"human\s+chains?|vigils?|processions?)\b", re.I)
_KILLING = re.compile(r"\b(?:kill(?:ed|ing|s)?|dead|died|deaths?|shot\s+dead)\b", re.I)

# "activist Qazi Hussein", "Zahran Alloush, the head of": people whose surnames may look like places.
# The capital is matched first and the word start checked after it ((?<!\w[A-Z]), what \b before a
# capital means): a pattern that starts with a character class lets the engine skip in C the
# characters that are no capital, where a leading \b is tried at every position of the article
# ("Abu", "Abdel", "Abdul", once alternatives of their own, are capitalised words like the others).
_PERSON = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]+[ -](?:[A-Z][a-z]+[ -])?([A-Z][a-z]{2,})\b(?=\s+(?:said|says|told|added|reported|explained|noted|stated)\b|,\s+(?:the|a|an)\s+(?:head|leader|spokesman|director|commander|chief|member|official|activist|doctor)\b)")


_NAME_TITLE = (r"(?:(?:Sen|Rep|Gov|Mr|Ms|Mrs|Dr|Gen|Col|Lt|Sgt|Capt|Maj)\.|President|Senator|Governor|Mayor|Minister|"
               r"coach|star|singer|actor|actress|investor|rapper|forward|guard|quarterback|pitcher|striker|player|"
               r"spokesman|spokeswoman|lawmaker|chairman|executive)")
# A pattern that starts with a character class lets the engine skip in C what is no capital; the
# title is checked behind each "Firstname Lastname" found (a leading alternation of titles is tried
# at every position: 0.26 s of CPU on 5 MB against 0.05 s)
_NAME_PAIR = re.compile(r"[A-Z](?<![\w.'\u2019-][A-Z])(?=[a-z]+\s+[A-Z][a-z]{2,}\b)")
_PAIR_AT = re.compile(r"([A-Z][a-z]+)\s+([A-Z][a-z]{2,})\b")
_TITLE_BEFORE = re.compile(r"\b" + _NAME_TITLE + r"\s+$")


def _titled_names(text: str) -> list[re.Match]:
    """"Sen. Elizabeth Warren", "investor Leon Cooperman": full names a title stands before."""
    return [_PAIR_AT.match(text, m.start()) for m in _NAME_PAIR.finditer(text)
            if _TITLE_BEFORE.search(text, max(0, m.start() - 14), m.start())]


def _select_place(s: Sentence, t: Trigger, clause: Span, snippet: bool, first: bool = False) -> Mention | None:
    """Where the event happened: the place nearest the trigger in its clause, towns before regions.

    `first`: no event told before it; then where the sentence's teller is ("a source in Homs said the strike
    on the airbase killed four") stands for a deed with no place of its own, as a local correspondent's town."""
    roles = ("locative", "near", "source") if snippet else ("locative", "near")
    if first and not any(m.role in roles and m.place.kind != "country" for m in s.places):
        roles += ("teller",)
    if t.type == "Agreement":
        # an agreement is made where the talks are, and holds where it applies ("the evacuation of fighters from
        # the towns of Arbin and Zamalka")
        roles += ("venue",) if snippet else ("venue", "source")
    usable = [m for m in s.places if m.role in roles and not _inside_actor(s, m)]
    if not usable:
        return None

    # "near Nyala airport in South Darfur", "near Mucojo, in Macomia district": a region or district named right
    # after a town only says where that town is
    hosts = {id(m) for m in usable for u in usable
             if (u.place.kind == "town" or (u.place.kind == "province" and m.place.kind == "province" and u.place.level > m.place.level))
             and 0 <= m.start - u.end <= 30 and _HOST_GAP.fullmatch(s.text, u.end, m.start)
             and m.place.admin1 == u.place.admin1 and m.place.country_code == u.place.country_code
             and (m.place.kind in ("province", "region") or _DISTRICT_AFTER.match(s.text, m.end))}
    # "in Papua's Intan Jaya regency", "Borno's Gwoza district": the region whose possessive names a finer place
    hosts |= {id(m) for m in usable for u in usable
              if m.place.kind in ("province", "region") and (u.place.kind == "town" or (u.place.kind == "province" and u.place.level > m.place.level))
              and s.text[m.end:u.start] in ("'s ", "\u2019s ") and m.place.country_code == u.place.country_code}

    def rank(m: Mention):
        same_clause = clause.start <= m.start < clause.end
        kind_rank = {"town": 0, "region": 1, "province": 1, "country": 3}.get(m.place.kind, 0)
        if id(m) in hosts:
            kind_rank += 2
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
    if best.role == "locative" and (best.place.kind in ("province", "region")
                                    or _DISTRICT_BEFORE.search(s.text, max(0, best.start - 10), best.start)):
        # "near village Tekmetla ... of District Bijapur", "in Idlib province near Saraqeb": the town it was near,
        # in that region, is more precise than the region
        near_towns = [m for m in usable if m.role == "near" and m.place.kind == "town" and m.place.latitude is not None
                      and clause.start <= m.start < clause.end and m.place.country_code == best.place.country_code
                      and m.place.admin1 == best.place.admin1]
        if near_towns:
            best = min(near_towns, key=lambda m: abs(m.start - t.start))
    # "the Jobar district of Damascus", "the east Damascus neighbourhood of Jobar": the named part, not its host
    parts = [m for m in usable if m.host is not None and m.host == (best.start, best.end)
             and clause.start <= m.start < clause.end and m.place.latitude is not None]
    if parts:
        return min(parts, key=lambda m: abs(m.start - t.start))
    if best.place.kind == "town" and best.place.latitude is not None:
        # "In Baghdad, a bomb went off in the district of Sadr City", "the district of Alwaer in Homs":
        # the finer place inside the city. A smaller place merely nearby counts only when it follows the
        # city or is attached to it ("X in Y", "X north of Y"): "The villages of Flita and Ras al-Maara
        # were the latest targets ... after troops captured the town of Yabroud" is Yabroud.
        def nearer(m) -> bool:
            return m.start > best.end or best.start - m.end <= 40
        inner = [m for m in usable if m is not best and m.role == "locative" and m.place.kind == "town"
                 and clause.start <= m.start < clause.end and m.place.latitude is not None
                 and (m.place.parent and norm_place(m.place.parent) == norm_place(best.place.canonical or best.place.name)
                      or (m.place.population < best.place.population and m.place.admin1 == best.place.admin1 and nearer(m)
                          and abs(m.place.latitude - best.place.latitude) < 0.15 and abs(m.place.longitude - best.place.longitude) < 0.15))]
        if inner:
            best = inner[0]
    return best


_HOST_GAP = re.compile(r"(?:\s+(?:airport|area|village|town|camp|base|district|territory|township|county|sector))?"
                       r"(?:\s*,?\s+(?:in|of)\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern|-?(?:east|west)(?:ern)?)?\s+|central\s+)?"
                       r"(?:[A-Z][\w-]+\s+\()?|\s*,\s+)")      # ("near Kawkareik town in Karen (Kayin) State")
_DISTRICT_BEFORE = re.compile(r"\b(?:District|district|Tehsil|tehsil)\s+$")      # "of District Bijapur": the district
_DISTRICT_AFTER = re.compile(r"\s+(?:district|territory|township|county|sector|local\s+government\s+area|LGA)\b", re.I)


def _inside_actor(s: Sentence, m: Mention) -> bool:
    """A place word inside an actor's name ("Islamic State of Iraq") is not a location."""
    return any(a.start <= m.start < a.end for a in s.actors)


# "..., officials said Tuesday", "the army announced on Monday": the day of the statement, not of the event
_SAID_ON = re.compile(r"\b(?:said|says|told\s+[\w-]+|reported|announced|added|confirmed|stated)"
                      # "said in a statement on Monday", "told a news conference late Tuesday": the day it was said
                      r"(?:\s+(?:in|at|during|to)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|conference|briefing|"
                      r"interview|post|video|message|speech)(?:\s+(?:issued|released|posted|published))?)?\s+(?:on\s+|late\s+|early\s+)?$")
SINCE_ATTACHED = 40   # characters: "since <date>" this close after the trigger is said of it


def _select_date(s: Sentence, t: Trigger, clause: Span, pub: date | None = None) -> DateExpr | None:
    """The date expression nearest the trigger, preferring its own clause."""
    if not s.dates:
        return None
    # "found there since September, and four children died in an explosion", "the town, under YPG
    # control since August": a recent period up to now, said of something else, dates no one event
    # in it. Right after the trigger ("bombardment since mid-February") it is the event's own span (a
    # tally: background); "since 2012" is a long-running state, history, and still dates what it is said of.
    dated = [d for d in s.dates if (d.kind in ("year", "yearname") or not s.text.startswith(("since", "Since"), d.start)
                                    or 0 <= d.start - t.end <= SINCE_ATTACHED) and not _stamp(s, d, pub)]
    # "ended in October 2020 when soldiers opened fire": the day a when-clause hangs on is its deed's
    # (a period's start too: "under its control since August 2016, when the SDF expelled IS")
    hung = next((d for d in s.dates if d.end <= t.start and _WHEN_BETWEEN.fullmatch(s.text, d.end, t.start)
                 and not _stamp(s, d, pub)), None)
    if hung is not None:
        return hung
    # a past event named by its year ("the 2011 civil war") dates only what is told as part of it: "During the
    # 2019 protests, police killed ..."; not "the city, before the 2011 civil war its hub, was bombarded"
    dated = [d for d in dated if d.kind != "yearname" or (d.end <= t.start and _DURING_BEFORE.search(s.text, max(0, d.start - 12), d.start))]
    if not dated:
        return None
    # "beheaded a fisherman they had kidnapped last month": the day of the relative clause's deed
    if any(d.start >= t.end for d in dated):
        dated = [d for d in dated if d.start < t.end or not _RELATIVE_DEED.search(s.text, max(t.end, d.start - 40), d.start)] or dated
    in_clause = [d for d in dated if clause.start <= d.start < clause.end]
    # "the ceasefire that took effect on January 19", "fighting in May 2022": a day of the past told with the
    # trigger itself dates it, whatever other day the clause names (its event is background)
    attached = next((d for d in in_clause if 0 <= d.start - t.end <= 40 and _ATTACHED_DATE_GAP.fullmatch(s.text, t.end, d.start)), None)
    if attached is not None and attached.is_background(pub):
        return attached
    # "..., officials said Tuesday": the day of the statement dates the event only when no other day of
    # its clause does (a year of background is no such day)
    told = [d for d in in_clause if not _said_on(s, d) and not d.is_background(pub)]
    pool = told or in_clause or dated
    best = min(pool, key=lambda d: abs(d.start - t.start))
    if best.kind == "today" and pub is not None and best.day == pub:
        # "killed 11 people in an overnight attack, officials said on Saturday": the night and the day
        # the statement names, not the feed's date
        said = next((d for d in s.dates if d.kind == "weekday" and d.day is not None and d.day < pub and _said_on(s, d)), None)
        if said is not None:
            best = replace(best, day=said.day)
    # "shot dead six labourers on Friday, a day after a suicide bomber hit a camp": the day before the day named
    lag = _DAYS_AFTER_BEFORE.search(s.text, max(0, t.start - 80), t.start)
    if lag is not None and best.end <= lag.start() and best.day is not None and best.precision == 1:
        best = replace(best, day=best.day - timedelta(days=_LAG_DAYS[lag.group(1).lower()]))
    return best


# a place described by what has been going on there: a where-clause in the present perfect progressive
_WHERE_ONGOING_BEFORE = re.compile(r"\bwhere\s+(?:[\w'\u2019-]+\s+){0,6}?(?:has|have)\s+been\s+\w+ing\s+(?:[\w'\u2019-]+\s+){0,2}$", re.I)
_PEOPLE_DRIVEN = re.compile(r"\b(?:people|civilians|residents|families|villagers|inhabitants|farmers|households)\b", re.I)
_AGREEMENT_AS_TIME = re.compile(r"\b(?:after|since|before|during|under|despite|amid|throughout)\s+(?:the|a|this|that|its|their)\s+(?:[\w'\u2019-]+\s+){0,2}$", re.I)
# a trigger that tells an agreement being made ("signed a truce", "agreed to"), not one named ("the reconciliation deal")
_AGREEMENT_VERB = re.compile(r"\b(?:agreed|agree|reached|signed|announced|declared|brokered|struck|concluded|exchang(?:ed|ing)|"
                             r"swapp(?:ed|ing)|surrender(?:ed|s)?|took|takes|came|comes|went|goes|released)\b", re.I)
_AGREEMENT_MADE_AFTER = re.compile(r"\s+(?:(?:was|were|had\s+been|has\s+been)\s+)?(?:signed|agreed|reached|announced|brokered|struck|concluded|sealed)\b", re.I)
_HAND_PLACED = ("Remote explosive/landmine/IED", "Grenade", "Suicide bomb")     # weapons no aircraft or gun delivers
_SYMBOL_BURNED = re.compile(r"\s+(?:to\s+)?(?:their|his|her|an?|the|copies\s+of|several|two|three|dozens\s+of)?\s*(?:own\s+)?(?:[\w-]+\s+)?"
                            r"(?:bills|effig(?:y|ies)|flags?|posters?|portraits?|pictures|photos|photographs|placards|banners|"
                            r"copies|documents|books|ballots)\b", re.I)
# "set tyres on fire": the protest's barricade; "lynched two men and set their bodies ablaze": the killing's; not property destroyed
_TYRES = re.compile(r"\b(?:tyres?|tires?)\b", re.I)
_BODIES = re.compile(r"\b(?:bod(?:y|ies)|corpses?)\b", re.I)
_REGIONAL_CAPITAL = WordGuard(re.compile(r"\b(?:in|across|around|near|outside|inside)\s+the\s+(?:provincial|regional|state)\s+capital\b(?!\s+of\b)", re.I))
_SENTENCE_BREAK = re.compile(r"[,;:]|\band\b")
_STOPPED_AFTER = WordGuard(re.compile(r"(?:\s+(?:in|on|against|by|from)\s+(?:[\w'\u2019-]+\s+){0,3}?[\w'\u2019-]+)?\s+(?:have\s+|has\s+|had\s+)?(?:largely\s+|mostly\s+|all\s+but\s+|almost\s+|virtually\s+|since\s+)?"
                                      r"(?:stopped|ceased|subsided|halted|paused|abated|died\s+down|petered\s+out)\b", re.I))
_ATTACHED_DATE_GAP = re.compile(r"\s+(?:(?:that|which)\s+)?(?:[\w-]+\s+){0,3}?(?:on|in)\s+")
_DAYS_AFTER_BEFORE = re.compile(r"\b(a|one|two|three)\s+days?\s+after\s+(?:[^\s,;.]+\s+){0,6}$", re.I)
_LAG_DAYS = {"a": 1, "one": 1, "two": 2, "three": 3}


# "The bombers ... struck at 9 p.m." after "three suicide bombers detonated explosives": people, not aircraft
_BOMBERS = re.compile(r"\bbombers?\b", re.I)
_BOMBERS_ON_FOOT = re.compile(r"\bsuicide\s+bomb|\b(?:female|male|teenage|girl|boy|woman|women)\s+(?:suicide\s+)?bombers?\b", re.I)
_STATE_FORCE_WORDS = re.compile(r"\b(?:police|policemen|security\s+forces|soldiers|troops|army|military|gendarmes?|gendarmerie|officers|"
                                r"riot\s+police|national\s+guard|guardsmen|paramilitar\w*|militiamen|junta|regime)\b", re.I)
_AT_CROWD_AFTER = re.compile(r"\s+(?:(?:into|at|on|upon)\s+)?(?:a\s+(?:crowd|group|column|procession|gathering)\s+of\s+|the\s+)?(?:[\w-]+\s+)?(?:protesters|demonstrators|marchers)\b", re.I)
_NONSTATE_SHOOTER = re.compile(r"\b(?:someone|somebody|a\s+(?:lone\s+)?(?:gunman|man|woman|driver|motorist|shooter|sniper|assailant|attacker|resident)|"
                               r"gunmen|assailants|attackers|unknown\s+(?:men|people|persons)|unidentified\s+(?:men|people|persons)|"
                               r"(?:armed|masked|hooded)\s+men|men\s+(?:on|riding)\s+(?:motorcycles|motorbikes|a\s+motorcycle))\b", re.I)
_PASSIVE_BETWEEN = re.compile(r"\b(?:was|were|been|being)\b", re.I)
_CROWD_AT_IT = re.compile(r"[^.;]{0,70}?\b(?:as|while|when|during)\s+(?:a\s+|the\s+)?(?:\S+\s+){0,4}?(?:marched|protested|demonstrated|rallied|"
                          r"protests?|demonstrations?|rall(?:y|ies)|marches)\b", re.I)
_ELSEWHERE = re.compile(r"\b(?:other|several|many|more)\s+(?:cities|towns|regions|provinces|states|parts)\b|\belsewhere\b|"
                        r"\bacross\s+the\s+(?:country|nation|region)\b|\bnationwide\b|\bbeyond\b|\bspread\b", re.I)
_RECAP_BEFORE = re.compile(r"\bhad\s+(?:already|earlier|previously|also\s+already)\b", re.I)
_DURING_BEFORE = re.compile(r"\b(?:[Dd]uring|[Ii]n|[Aa]mid|[Tt]hroughout)\s+$")
_WHEN_BETWEEN = re.compile(r"\s*,?\s*when\s+(?:[^\s,;.]+\s+){0,4}")
_RELATIVE_DEED = re.compile(r"\b(?:who|whom|which|that|they|he|she)\s+(?:had\s+(?:been\s+)?|was\s+|were\s+)[a-z]+(?:ed|en)\s+(?:[^\s,;]+\s+){0,3}$")
_IN_WHICH = re.compile(r"[\s,]*(?:\(\s*)?(?:in|during)\s+which\b[^,;.()]{0,60}$")
_STORY_DAY_SPAN = 4       # sentences after a dated event over which an undated one takes its day
_STORY_DAY_HOLDS = 10     # ... and over which it does while no other day is named in between


def _said_on(s: Sentence, d: DateExpr) -> bool:
    """The date is the day of a statement ("officials said Tuesday", "announced on Monday")."""
    return _SAID_ON.search(s.text, max(0, d.start - 70), d.start) is not None


_OVERNIGHT = re.compile(r"overnight", re.I)
_PLANTED_DEVICE = re.compile(r"improvised|\bieds?\b|vbied|roadside|car\s+bomb|truck\s+bomb|land\s*mine|\bmines?\b|explosive\s+device", re.I)
_MASSACRE = re.compile(r"massacre[ds]?", re.I)
# what police fire at crowds: its bang or burst is the dispersal, not an explosive attack
_CROWD_MUNITION = re.compile(r"grenade|gas", re.I)
_BY_A_BEFORE = re.compile(r"\bby\s+(?:an?\s+|the\s+)?(?:\S+\s+)?$", re.I)


def _stamp(s: Sentence, d: DateExpr, pub: date | None) -> bool:
    """The feed's date stamp before the story, the day it was published ("21 Jul 2016 Dozens of
    civilians ...", "Published July 2 2016 Two medics ..."): when the article went out, not when its
    event happened (a stamp that disagrees with the feed's date is kept: it may be the better one)."""
    return s.index == 0 and d.start < 40 and d.day is not None and d.day == pub and after_feed_stamp(s.text, d.end, d.end)


_FIERCE_WORDS = re.compile(r"\b(?:clash|fight|battle|fierce|heavy)", re.I)
_FIGHTING_WORDS = re.compile(r"\b(?:clash\w*|fighting|fought|battles?|battled|fierce|killed|firefights?|gunfights?)\b", re.I)
_WITHOUT_A_FIGHT = re.compile(r"\bwithout\s+(?:a\s+)?(?:fight|fighting|resistance|a\s+shot)\b", re.I)
_BLAST_WORDS = re.compile(r"\b(?:exploded|explosions?|went\s+off|detonated|blasts?|killed|killing|wounded|injured)\b", re.I)
_MISSILE_WORD = re.compile(r"missile|rocket", re.I)
_FOUND_NEAR = re.compile(r"(?:(?:have|has|had)\s+been\s+)?found\s+(?:near|close)", re.I)
_WEAPON_NOUN = re.compile(r"\b(?:devices?|explosives?|bombs?|mines?|ieds?|rockets?|shells?|missiles?|grenades?|weapons?|arms|"
                          r"ammunition|munitions?|cyanide|chemicals?)\b", re.I)
_DEVICE = re.compile(r"(?:improvised\s+explosive\s+devices?|ieds?|vbieds?|(?:roadside|car|truck|lorry|parcel|letter|time)\s+bombs?)", re.I)
_DEVICE_USED = re.compile(r"\b(?:attack(?:s|ed)?|struck|hit|targeted|ripped|tore|rocked|set\s+off|kills?|claim(?:ed|ing)|destroyed|damaged|"
                          r"dead|died|deaths?|casualties)\b", re.I)
_DEVICE_FOUND = re.compile(r"\b(?:found|discovered|seized|recovered|uncovered|defused|dismantled|intercepted|assessed|identified|detected|neutrali[sz]ed)\b", re.I)
_AIRCRAFT_BEFORE = re.compile(r"\b(?:jets?|warplanes?|aircraft|drones?|helicopters?|planes?|air\s+force|fighter)\b", re.I)
_BY_AIRCRAFT_AFTER = re.compile(r"\s+(?:\S+\s+){0,3}?by\s+(?:\S+\s+){0,3}?(?:jets?|warplanes?|aircraft|drones?|helicopters?|planes?)\b", re.I)
_BOMBED = re.compile(r"bomb(?:ed|ing|ings)", re.I)
_STRIKES = re.compile(r"strikes?", re.I)
_OVER_ALLEGED = re.compile(r"\b(?:over|for)\s+(?:the\s+|their\s+|his\s+|her\s+|its\s+)?alleged\s+(?:[\w'\u2019-]+\s+){0,7}$", re.I)
_REMEMBRANCE = WordGuard(re.compile(r"\b(?:anniversary|memorial|commemorat\w*|remembrance|mourners\s+laid|laid\s+wreaths|vigil\s+for\s+the\s+victims)\b", re.I),
                        ("anniversary", "memorial", "commemorat", "remembrance", "mourners", "wreaths", "vigil"))
_RESCUED_BEFORE = re.compile(r"\b(?:rescued|rescue|freed|free|released|liberated|secured\s+the\s+release\s+of)\s+(?:[\w'\u2019-]+\s+){0,4}$", re.I)
_BANNED_BEFORE = re.compile(r"\b(?:ban|bans|banned|banning|prohibit(?:s|ed|ing)?|outlaw(?:s|ed|ing)?)\s+(?:(?:on|of|all|any|the|public|street)\s+)*$", re.I)
_AMID_BEFORE = re.compile(r"\bamid\s+(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_PROTEST_NOUN = re.compile(r"rall(?:y|ies)|protests?|demonstrations?|marches|march|sit-ins?|vigils?", re.I)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that|these|those|Sunday's|Monday's|Tuesday's|Wednesday's|Thursday's|Friday's|Saturday's|"
                              r"today's|yesterday's)\s+(?:[\w-]+\s+){0,2}$", re.I)
_DAYS_BEFORE = re.compile(r"\b(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|today|yesterday)['\u2019]s\s+(?:[\w-]+\s+){0,2}$", re.I)
_EARLIER_PERIODS = re.compile(r"\b(?:last|previous|past)\s+(?:month|year|summer|winter|spring|autumn)['\u2019]s\s+(?:[\w-]+\s+)?$"
                              r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December|\d{4})['\u2019]s\s+(?:[\w-]+\s+)?$")
# the bare present of a fight over a prize: a rivalry that goes on ("gangs fight over routes"), not one fight
_BARE_FIGHT = re.compile(r"(?:fight|battle|clash|vie)", re.I)
_RIVALRY_AFTER = re.compile(r"\s+(?:(?:each\s+other|one\s+another)\s+)?(?:over|for\s+(?:control|territory|influence|dominance|supremacy|power))\b", re.I)
_TO_OR_THE_BEFORE = re.compile(r"\b(?:to|the|a|this|that|will|would|could|might|may|must|should|did|continue|continued|continues)\s+$", re.I)
_GROUND_RAIDERS = re.compile(r"\b(?:gunmen|attackers|assailants|bandits|raiders|militiamen|armed\s+(?:men|individuals|elements|groups?))\b", re.I)
_TARGETED_OR_STRUCK = re.compile(r"(?:targeted|struck|strikes)", re.I)
_AIRPORT_BEFORE = re.compile(r"\b(?:air\s*ports?|airbase|air\s+base)\b", re.I)
_COMMUNAL_WORDS = re.compile(r"\bvillagers\b|\bmobs?\b|\bcommunal\b", re.I)
_ACTIVIST_WORDS = re.compile(r"\b(?:protesters|demonstrators|activists|picketers|marchers)\b", re.I)
_PROTEST_STEMS = re.compile(r"\b(?:protest|demonstrat|rally|march|picket|dispers)", re.I)
_AHEAD_OF_BEFORE = re.compile(r"\b(?:anticipation\s+of|ahead\s+of|before|planned|upcoming|run-up\s+to)\s+(?:\S+\s+){0,3}(?:protest|demonstration|rall|march|gathering)", re.I)
# "activists were detained while trying to hold demonstrations": the arrest broke up a protest
_PROTEST_WHILE = re.compile(r"\b(?:while|as)\s+(?:they\s+)?(?:were\s+)?(?:trying|attempting|tried|attempted)\s+to\s+(?:hold|stage|start|join)\s+"
                            r"(?:\S+\s+){0,2}?(?:protests?|demonstrations?|rall(?:y|ies)|marches|a\s+march|sit-ins?|pickets?)\b", re.I)
_PROTEST_WORDS = re.compile(r"\b(?:protesters?|demonstrators?|protests?|demonstrations?|marchers?|marching|rall(?:y|ies|ying))\b", re.I)


_COUNTED_OBJECT_GAP = re.compile(r"\s+(?:(?:at\s+least\s+)?(?:a|an|the|two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+)?")
_SAID_TAIL = re.compile(r",\s+(?:(?:the|a|an)\s+)?(?:[\w'\u2019-]+\s+){0,3}?(?:said|says|told|reported|added|confirmed)\b")


def _resolve_type(cand_type: str, s: Sentence, t: Trigger, clause: Span, actor1, actor2, neighbours: str) -> str | None:
    """The ACLED sub-event type a trigger means in this sentence (None: not an event after all)."""
    text = s.text
    ctext = text[clause.start:clause.end]
    if cand_type == "territory":
        if attempted(s, t, clause):
            return "Armed clash"
        if _NVTT.search(ctext) and not _FIERCE_WORDS.search(ctext):
            return "Non-violent transfer of territory"
        side1, side2 = side_of(actor1), side_of(actor2)
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
    if cand_type in ("attack", "Attack", "Abduction/forced disappearance") and actor1 is not None and actor1.actor.inter in (5, 7) \
            and actor1.role == "main" and actor1.end <= t.start and _CROWD_SUBJECT.search(actor1.text) \
            and (_VERB_FORM_END.search(t.text.split()[0]) or t.text.split()[0].lower() in _IRREGULAR_PAST):
        # "residents seized two young men, beat them and set them on fire", "Youths armed with machetes attacked
        # members of minority groups": a crowd's violence
        return "Mob violence"
    if cand_type in ("attack", "Attack", "Excessive force against protesters") and _partisans_did_it(text, clause, t):
        # "supporters of the ruling party attacked opposition protesters", "marchers were beaten by party cadres":
        # a crowd of one camp attacks people, the demonstration its victim, not the state's force (Rioters v Protesters)
        return "Mob violence"
    if cand_type == "Excessive force against protesters" and _CROWD_END.search(t.text) and not _names(_PROTEST_FRAME, neighbours) \
            and not _MARCHED.search(neighbours):
        return "Attack"     # "opened fire on a crowd waiting for aid": people gathered, no protest told
    if cand_type == "Non-violent transfer of territory" and _FIGHTING_WORDS.search(ctext) \
            and not _WITHOUT_A_FIGHT.search(ctext):
        return _resolve_type("territory", s, t, clause, actor1, actor2, neighbours)
    if cand_type == "Looting/property destruction" and actor1 is not None and actor1.actor.inter in (5, 6):
        if _MOB_END.search(actor1.text) and not _names(_PROTEST_FRAME, neighbours):
            return "Mob violence"       # "kiosks were set on fire when an angry crowd ran amok": a crowd's rampage, no demonstration
        return "Violent demonstration"      # rioters burning and looting: a riot
    if (cand_type == "Looting/property destruction" or (cand_type == "Violent demonstration" and _ARSON.match(t.text)
                                                        and not _names(_PROTEST_FRAME, neighbours))) \
            and actor1 is not None and (actor1.actor.inter == 7 or (actor1.actor.inter == 5 and _MOB_END.search(actor1.text))) \
            and (_CROWD_SUBJECT.search(actor1.text) or _GROUP_OF_BEFORE.search(text, max(0, actor1.start - 30), actor1.start)) \
            and 0 <= t.start - actor1.end <= 30 \
            and not _BE_WORD.search(text, actor1.end, t.start):
        return "Mob violence"       # "angry residents set fire to a police station", "a mob set ablaze a man": a crowd's violence (no demonstration told)
    near = text[max(0, t.start - 70):t.end + 70]
    if cand_type == "Remote explosive/landmine/IED" and any(x.type == "Disrupted weapons use" and abs(x.start - t.start) < 90 for x in s.triggers) \
            and not _BLAST_WORDS.search(near):
        return None       # a device found, defused or destroyed is a disrupted weapon, not an explosion
    if cand_type == "Remote explosive/landmine/IED" and any(x.type == "Disrupted weapons use" and 0 <= t.start - x.end <= 25
                                                           and "," not in text[x.end:t.start] for x in s.triggers):
        return None       # "sappers defused hundreds of landmines": the defusing's object, whatever was killed nearby
    if cand_type == "Disrupted weapons use" and _FOUND_NEAR.fullmatch(t.text) \
            and not _WEAPON_NOUN.search(text[clause.start:t.start]):
        return None     # "the bodies of five civilians were found near ...": not a weapon
    if cand_type == "Remote explosive/landmine/IED" and _DEVICE.fullmatch(t.text) and _DEVICE_FOUND.search(text) \
            and not _BLAST_WORDS.search(text) and not _DEVICE_USED.search(text):
        # "the packages were assessed to be improvised explosive devices": a device found, nothing blew up
        return "Disrupted weapons use"
    if cand_type == "Shelling/artillery/missile attack" and _MISSILE_WORD.search(t.text) and \
            (_AIRCRAFT_BEFORE.search(text[max(clause.start, t.start - 60):t.start])
             or _BY_AIRCRAFT_AFTER.match(text[t.end:t.end + 60])
             or _flies(actor1, neighbours)):
        return "Air/drone strike"
    if cand_type == "bombard" and _BOMBERS.search(text, max(clause.start, t.start - 60), t.start) and _BOMBERS_ON_FOOT.search(neighbours):
        return "Suicide bomb"     # "The bombers struck at 9 p.m.": the suicide bombing just told, told again
    if cand_type == "bombard":
        window = text[max(clause.start, t.start - 80):min(clause.end, t.end + 80)]
        if _says(_AERIAL, window) or _flies(actor1, neighbours):
            return "Air/drone strike"
        if _says(_GROUND_FIRE, window):
            return "Shelling/artillery/missile attack"
        if actor1 is not None and actor1.actor.inter in (2, 3, 4) and _TARGETED_OR_STRUCK.fullmatch(t.text) \
                and actor1.end <= t.start and _GROUND_RAIDERS.search(actor1.text) \
                and not _names(_GROUND_FIRE, neighbours) and not _names(_AERIAL, neighbours):
            # "armed men struck the village": men on the ground, with no gun that fires from afar named, raid it
            return _resolve_type("attack", s, t, clause, actor1, actor2, neighbours)
        if actor1 is not None and actor1.actor.inter in (2, 3, 4):
            return "Shelling/artillery/missile attack"
        if _STRIKES.fullmatch(t.text) and actor1 is not None and actor1.actor.inter in (1, 8) and actor1.end <= t.start:
            return "Air/drone strike"     # "the United States launched strikes on ...": a state's strikes, with no gun named, fly
        if _BOMBED.match(t.text):
            # "Tuesday's bombing" in a story of car bombs and blasts is that explosion again
            if _names(_PLANTED, neighbours) and not _names(_AERIAL, neighbours):
                return "Remote explosive/landmine/IED"
            return "Air/drone strike"
        if _names(_AERIAL, neighbours) and not _names(_GROUND_FIRE, neighbours):
            return "Air/drone strike"
        if _TARGETED_OR_STRUCK.match(t.text) and actor1 is None and not _names(_AERIAL, neighbours):
            return None
        if _names(_AERIAL, neighbours) and not _says(_GROUND_FIRE, window):
            return "Air/drone strike"
        return "Shelling/artillery/missile attack"
    if cand_type == "attack" and (armed_with := _ARMED_WITH_AFTER.match(text, t.end, clause.end)) is not None:
        # "attacked a tanker with drones and missiles": the weapons named make it remote violence
        return "Air/drone strike" if armed_with.group("w").lower().startswith("drone") else "Shelling/artillery/missile attack"
    if cand_type in ("attack", "Attack") and not _UNDER_FIRE.match(t.text) and ((_says(_AERIAL, text[max(clause.start, t.start - 60):t.start])
                                               and not _AIRPORT_BEFORE.search(text[max(clause.start, t.start - 60):t.start]))
                                              or (_flies(actor1, neighbours) and actor1.end <= t.start)):
        return "Air/drone strike"     # "used helicopters to fire on rebel positions", "jets attacked": the weapon flies
    if cand_type in ("attack", "Attack") and actor1 is not None and actor1.actor.inter in (5, 6) \
            and (actor1.end <= t.start or _BY_WORD.search(text, t.end, actor1.start)) and _CROWD_NOUN_END.search(actor1.text):
        # (the crowd also when the passive names it: "a man was beaten to death by a crowd")
        if _MOB_END.search(actor1.text) and not _names(_PROTEST_FRAME, neighbours):
            return "Mob violence"           # "angry mobs attacked Muslim-owned shops": a crowd's violence, no demonstration
        return "Violent demonstration"      # "protesters attacked several embassies": the demonstrators' violence
    if cand_type in ("attack", "Attack") and actor1 is not None and actor1.actor.inter == 1 \
            and _DEMANDING_CROWD.match(text, t.end - 3 if t.text.lower().endswith(" on") else t.end):
        # "police opened fire on garment workers demanding higher wages": a demonstration met with force
        return "Excessive force against protesters" if _KILLING.search(text[clause.start:clause.end]) else "Protest with intervention"
    if cand_type == "attack":
        after = text[t.end:min(len(text), t.end + 90)]
        if _PROTEST_ACTOR.search(after[:40]) and (actor1 is None or actor1.actor.inter in (1,)):
            return "Excessive force against protesters"
        if _PROTEST_EVENT_OBJECT.match(after) and (actor1 is None or actor1.actor.inter in (1, 2, 8)) \
                and not FORCE_PATIENT.search(text, clause.start, t.end):
            # authorities breaking up a protest: an intervention, excessive force when it killed (the authority may be
            # an armed group that rules the town, or foreign troops: "SDF members opened fire to disperse a demonstration")
            return "Excessive force against protesters" if _KILLING.search(text[clause.start:clause.end]) \
                else "Protest with intervention"
        if _RAIDED.fullmatch(t.text) and actor1 is not None and actor1.actor.inter == 1 \
                and not _HARM_WORDS.search(text[clause.start:clause.end]) and not _FIGHT_WORDS.search(text[clause.start:clause.end]):
            return None       # "soldiers raided a prison and seized weapons from gang members": a search, its seizure its own event
        if actor2 is not None and actor2.actor.inter == 7:
            return "Attack"
        if actor2 is not None and actor2.actor.inter in (1, 2, 3, 4, 8):
            return "Armed clash"
        if _CIVILIANS_HURT_BEFORE.search(text[clause.start:t.start]):
            return "Attack"       # "Three civilians killed 12 others injured in terrorist attacks": civilians were its target
        # the target may stand inside the trigger ("killed a village chief", "killed 12 militants",
        # "a herdsman was killed by")
        said = _SAID_TAIL.search(after)       # ", police said": who tells it, not whom it hit
        target = (t.text + " " if " " in t.text else "") + (after[:said.start()] if said else after)
        kind = _target_kind(target)
        if _RAIDED.fullmatch(t.text) and actor1 is not None and actor1.actor.inter == 1 and kind != "military" \
                and not _HARM_WORDS.search(text[clause.start:clause.end]):
            return None       # "police raided the offices of a newspaper": a search, not a fight (its arrests are their own event)
        if kind == "military":
            return "Armed clash"
        if kind == "civilian":
            return "Attack"
        if actor1 is not None and actor1.actor.inter in (1, 2, 8):
            return "Armed clash"
        if actor1 is not None and actor1.actor.inter == 3:
            return "Attack"
        return "Armed clash" if t.weak else "Attack"
    if cand_type == "Attack" and actor2 is not None and actor2.actor.inter in (1, 8) and actor2.role == "main" \
            and not _EXECUTION.search(t.text) and actor1 is not None and actor1.actor.inter in (2, 3, 4) \
            and actor1.end <= t.start and _COUNTED_OBJECT_GAP.fullmatch(text, t.end, actor2.start) is not None:
        return "Armed clash"      # "gang members shot dead two police officers": an armed side's men, not civilians, were hit
    if cand_type == "Attack" and actor1 is not None and actor2 is not None and actor1.actor.inter in (1, 8) \
            and actor2.actor.inter in (1, 8) and rival_states(actor1, actor2) and actor1.end <= t.start < actor2.start \
            and not _EXECUTION.search(t.text):
        return "Armed clash"      # "Pakistani troops fired on Indian posts": one state's forces on another's, a battle
    if cand_type == "Attack" and actor2 is not None and actor2.actor.inter in (1, 8) and actor2.role == "main" \
            and not _EXECUTION.search(t.text) \
            and (actor1 is None or actor1.actor.inter in (2, 3, 4, 8)) and actor2.end <= t.start \
            and _PASSIVE_AFTER_ACTOR.match(text, actor2.end, t.start + 1):
        return "Armed clash"      # "two policemen were shot dead by militants": an armed side's men, not civilians, were hit
    if cand_type == "Violent demonstration" and _VIOLENT_CLASHES.fullmatch(t.text) and any(
            a.role == "main" and (a.actor.inter in (2, 3, 4, 8) or (a.actor.inter == 1 and not a.actor.name.startswith("Police")))
            for a in s.actors if clause.start <= a.start < clause.end):
        return "Armed clash"      # "violent clashes between regime forces and loyal gunmen": a battle, not a riot
    if cand_type == "Violent demonstration" and actor1 is not None and actor1.actor.inter in (2, 3, 4, 8) \
            and actor1.end <= t.start and _ARSON.match(t.text):
        return "Looting/property destruction"     # "separatist fighters set ablaze classrooms": armed men's arson, no riot
    if cand_type == "Violent demonstration" and actor1 is not None and actor1.actor.inter in (2, 3, 4, 8) \
            and actor1.end <= t.start and _STORMING.match(t.text):
        # "Militants stormed a police station": armed men, not a crowd, took it by force
        return "Attack" if _target_kind(text[t.start:t.end + 40]) == "civilian" else "Armed clash"
    if cand_type == "Armed clash" and _STORMED.fullmatch(t.text):
        # "stormed a hotel", "stormed the university", "ambushed a convoy of miners": civilians or their
        # place taken by force is an Attack on them; "stormed an army base" stays a clash
        if _target_kind(text[t.end:t.end + 40]) == "civilian":
            return "Attack"
        passive = _PASSIVE_BEFORE.search(text, max(clause.start, t.start - 12), t.start)
        if passive is not None and _target_kind(text[clause.start:passive.start()]) == "civilian":
            return "Attack"     # "A convoy carrying food aid was ambushed": the subject hit is civilian
        if _target_kind(text[t.end:t.end + 40]) is None and _KILLING_PEOPLE_AFTER.match(text, t.end, clause.end) \
                and (actor2 is None or actor2.actor.inter == 7) \
                and not any(a.start >= t.end and a.actor.inter in (1, 2, 3, 8) for a in s.actors if a.start < clause.end):
            return "Attack"     # "stormed a farming area, killing at least eight people": no armed side met, people killed
    if cand_type == "Armed clash" and actor1 is not None and actor1.actor.inter in (5, 6) and actor1.end <= t.start:
        return "Violent demonstration"      # "protesters ... clashed with security forces": the demonstrators' violence
    if cand_type == "Armed clash" and _WITH_THE_CROWD.match(text, t.end) is not None \
            and (actor1 is None or actor1.actor.inter in (1, 5, 6)):
        return "Violent demonstration"      # "security forces clashed with opposition supporters protesting ...": a riot, not a battle
    if cand_type == "Armed clash":
        mains = [a for a in s.actors if a.role == "main" and clause.start <= a.start < clause.end]
        if PARTISANS.search(ctext) and not any(a.actor.inter in (1, 2, 3, 4, 8) for a in mains):
            return "Mob violence"       # party supporters fighting each other: a crowd's violence, not a battle
        if mains and all(a.actor.inter in (5, 6, 7) or a.actor.name.startswith("Police") for a in mains) \
                and any(a.actor.inter in (5, 6) for a in mains) and not RIVAL_GROUPS.search(ctext):
            return "Violent demonstration"
        if _COMMUNAL_WORDS.search(ctext) and not any(a.actor.inter in (1, 2, 8) for a in mains):
            return "Mob violence"
    if cand_type == "Arrests" and (_ACTIVIST_WORDS.search(ctext) and (_PROTEST_STEMS.search(ctext) or _PROTEST_WHILE.search(text))
                                   or _DURING_PROTEST.search(text, t.end, clause.end)
                                   or _PROTEST_WHERE.search(text, max(0, t.start - 120), t.start)
                                   # "Riot police began grabbing people; OVD-Info counted 391 detentions": a crowd's arrests
                                   or (_RIOT_POLICE.search(text) and (_names(_PROTEST_FRAME, neighbours) or _GATHERED.search(neighbours)))) \
            and not _AHEAD_OF_BEFORE.search(ctext):
        return "Protest with intervention"     # "arrested 27 people during a march": a protest broken up
    if cand_type == "Attack" and _PROTEST_WORDS.search(ctext) and FORCE_PATIENT.search(text, clause.start, t.end + 20):
        return "Violent demonstration"      # "a police general was stabbed to death during protests": the crowd's violence
    if cand_type == "Excessive force against protesters" and (actor1 is None or actor1.actor.inter not in (1, 8)) \
            and _NONSTATE_SHOOTER.search(text, clause.start, t.start) and not _STATE_FORCE_WORDS.search(text, clause.start, t.start):
        return "Attack"     # "someone in an SUV fired into a crowd of protesters": an attack on the crowd, not the state's force
    if cand_type == "Attack" and _PROTEST_WORDS.search(ctext) and actor1 is None and not _STATE_FORCE_WORDS.search(text):
        return "Attack"     # "a man was killed when someone in an SUV fired into a crowd of protesters": no force named, an attack on the crowd
    if cand_type == "Attack" and _PROTEST_WORDS.search(ctext):
        return "Excessive force against protesters"
    if cand_type == "Protest with intervention" and _BARE_DISPERSAL.fullmatch(t.text) and _PEACEFUL_END.search(text) \
            and not any(a.role == "main" and a.actor.inter in (1, 2, 3, 8) for a in s.actors):
        return "Peaceful protest"      # "The demonstration was peaceful and dispersed in the afternoon": it ended
    return cand_type


_PEOPLE_TAKEN_BEFORE = re.compile(
    r"\b(?:hostages?|workers?|civilians?|passengers?|tourists?|journalists?|villagers|students?|girls?|boys?|women|children|"
    r"men|people|persons|nationals|migrants|employees|soldiers|troops|fighters|militants|rebels|suspects|smugglers|"
    r"members|officers|policemen)\s+(?:were|was|have\s+been|had\s+been|being)\s+(?:\w+ly\s+)?$", re.I)
_BACKED_BY_WORD = re.compile(r"\b(?:backed|supported|aided|assisted|helped|accompanied|reinforced)\s+by\s+(?:the\s+|a\s+)?([A-Z][\w-]+)")
_KILLED_ONE = re.compile(r"(?:killed|killing|kills|shot\s+dead|gunned\s+down|stabbed\s+to\s+death|hacked\s+to\s+death|beheaded|"
                         r"assassinated)\s+(?:a|an|one)\s", re.I)
_GATHERED = re.compile(r"\b(?:gathered|rallied|marched|chanting|chanted)\b", re.I)
_RIOT_POLICE = re.compile(r"\briot\s+(?:police|policemen|officers|squads?|units?)\b", re.I)
_MOB_END = re.compile(r"(?:crowds?|mobs?)$", re.I)
_CROWD_NOUN_END = re.compile(r"(?:protesters|demonstrators|rioters|marchers|crowds?|mobs?)$", re.I)
_CROWD_SUBJECT = re.compile(r"(?:residents|villagers|youths|inhabitants|locals|crowds?|mobs?)$", re.I)
_GROUP_OF_BEFORE = re.compile(r"\b(?:group|crowd|band|horde)s?\s+of\s+(?:\w+\s+)?$", re.I)     # "a group of (angry) people"
_BE_WORD = re.compile(r"\b(?:was|were|been|being|is|are)\b", re.I)
_CROWD_END = re.compile(r"\bcrowds?$", re.I)
_MARCHED = re.compile(r"\bmarch(?:ed|es|ing)\b|\b(?:took|take|taking)\s+to\s+the\s+streets\b", re.I)
# "a convoy of gold miners", "a convoy of aid trucks": whom the convoy carries decides, not the word convoy
_CONVOY_OF_CIVILIANS = re.compile(r"convoy\s+(?:carrying\s+(?:[\w-]+\s+)?(?:aid|food|relief|supplies|medicine|civilians|passengers)|"
                                  r"of\s+(?:[\w-]+\s+){0,2}?(?:civilians|miners|traders|passengers|pilgrims|workers|aid|humanitarian|trucks|buses|vehicles|cars|refugees|evacuees|displaced|merchants|students|worshippers|families))\b", re.I)


def _target_kind(target: str) -> str | None:
    """Whom the words after an attack word name first: "military" (a base, troops, a patrol) or
    "civilian" (villagers, a market, "a convoy of gold miners"), or None."""
    if _CIVILIAN_PLACE_OBJECT.match(target):
        return "civilian"
    mil, civ = _MILITARY_TARGET.search(target), _CIVILIAN_TARGET.search(target)
    if mil and _CONVOY_OF_CIVILIANS.match(target, mil.start()):
        return "civilian"
    if mil and (not civ or mil.start() < civ.start()):
        return "military"
    return "civilian" if civ else None


_RAIDED = re.compile(r"raid(?:ed|s)?", re.I)
_FIGHT_WORDS = re.compile(r"\b(?:clash\w*|gunfight|gun\s+battle|firefight|exchange\s+of\s+fire|fighting|fought|battle\w*|resist\w*)\b", re.I)
_HARM_WORDS = re.compile(r"\b(?:kill(?:ed|ing|s)?|dead|died|deaths?|wounded|wounding|injured|injuring|hit|struck|shot|bomb\w*|fire)\b", re.I)
_DURING_PROTEST = re.compile(r"\b(?:during|at|at\s+the\s+end\s+of)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:protests?|march(?:es)?|rall(?:y|ies)|demonstrations?|sit-ins?|vigils?)\b", re.I)
# "Demonstrations also took place in Nyeri, where police arrested several people": arrests where the crowd was
_PROTEST_WHERE = re.compile(r"\b(?:protests?|march(?:es)?|rall(?:y|ies)|demonstrations?|sit-ins?|vigils?|protesters|demonstrators)\b"
                            r"[^.;]*,\s+where\s+(?:\S+\s+){0,3}$", re.I)
_VIOLENT_CLASHES = re.compile(r"(?:violent|aggressive)\s+clashes", re.I)
_ARSON = re.compile(r"set\s+(?:\S+\s+){0,3}?(?:ablaze|alight|on\s+fire)|set\s+fire|torch(?:ed|ing)|burn(?:ed|t|ing)", re.I)
_STORMED = re.compile(r"storm(?:ed|ing)|ambush(?:ed|ing)", re.I)
_KILLING_PEOPLE_AFTER = re.compile(r"[^.;]{0,80}?,\s+(?:killing|killed)\s+(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+|nearly\s+)?"
                                   r"(?:\d+|\w+)\s+(?:people|persons|civilians|residents|villagers|farmers|worshippers|passengers)\b", re.I)
_STORMING = re.compile(r"storm(?:ed|ing)|broke\s+into|forced\s+their\s+way", re.I)
_CIVILIANS_HURT_BEFORE = re.compile(r"\b(?:civilians|children|child|women|people|persons|residents|villagers|worshippers|passengers|pupils|students)"
                                    r"(?:\s*,\s*(?:including|among\s+them)\s+[^,;.]{0,60},)?\s+"
                                    r"(?:\S+\s+){0,3}?(?:were\s+|have\s+been\s+|had\s+been\s+)?(?:killed|injured|wounded|dead|lost\s+their\s+lives)\b(?!\s+by\b)", re.I)
_PROTEST_FRAME = re.compile(r"\b(?:protest(?:s|ers?|ors?|ed|ing)?|demonstrat(?:ions?|ors?|ed|ing)|rall(?:y|ies|ied)|marchers|"
                            r"sit-ins?|opposition\s+supporters|picketers|hartals?)\b", re.I)
# police words that break up a crowd only when the text has one ("dispersed the crowd", not "dispersal of pollution")
_PEACEFUL_END = re.compile(r"\b(?:peaceful(?:ly)?|without\s+incident|of\s+(?:their|its)\s+own\s+accord)\b", re.I)
_BARE_DISPERSAL = re.compile(r"disperse[ds]?|dispersal|broke[\s-]*up", re.I)
_CROWD_WORDS = re.compile(r"\b(?:crowds?|gatherings?|mobs?|marchers|strikers|students|supporters|activists|worshippers|"
                          r"sit-ins?|vigils?|picket\w*)\b", re.I)
_RIOT_WORD = re.compile(r"riot", re.I)
_PRISON_NOUNS = r"prisons?|jails?|penitentiar(?:y|ies)|inmates|prisoners"
_PRISON = re.compile(r"\b(?:" + _PRISON_NOUNS + r"|detention\s+(?:centre|center))\b", re.I)
_PRISON_WORD = re.compile(r"\b(?:" + _PRISON_NOUNS + r")\b")     # a common noun, not "Aleppo Central Prison"
_RIOT_FRAME = re.compile(r"\b(?:riot(?:s|ing|ers)?|rioters|looters|looting|mobs?|gangs?|unrest|disorder|hooligans|vigilantes)\b"
                         r"(?!\s+(?:police|squad|gear|control))", re.I)
# the unarmed side a clash with the state's forces names: a crowd of partisans, students or youths
_CROWD_SIDE = re.compile(r"\b(?:(?:supporters|followers|loyalists)\s+of\s+(?:the\s+)?(?:jailed\s+|detained\s+|former\s+|main\s+)?"
                         r"(?:opposition\s+|ruling\s+party\s+)?(?:leader|politician|candidate|presidential\s+candidate|president|"
                         r"prime\s+minister|cleric|party|parties|movement)|(?:students|youths|young\s+people|football\s+fans|opposition\s+supporters)"
                         r"\s+(?:\S+\s+){0,6}?(?:clashed|fought|battled)|running\s+battles|pitched\s+battles\s+with\s+(?:riot\s+)?police)\b", re.I)
# organised armed actors: with one of them in the clause, fighting is a battle, whatever the frame
_ARMED_INTER = (2, 3, 4, 8)
_WAR_INTER = (2, 4, 8)      # rebels, identity militias, external forces: who fights a war, not a riot


# a site inside the place the story is about: "around the presidential palace", "part of the market"
_LOCAL_SITE = re.compile(
    r"\b(?:the|its)\s+(?:\S+\s+)?(?:market|marketplace|palace|city\s+cent(?:re|er)|town\s+cent(?:re|er)|streets?|square|"
    r"airport|hospital|compound|neighbou?rhoods?|outskirts|suburbs?|old\s+city|downtown|capital|city|town|village|district)\b", re.I)
# "villages nearby", "the surrounding villages": settlements around the place the text last named
_NEARBY_SITE = WordGuard(re.compile(
    r"\b(?:nearby|surrounding|neighbou?ring|adjacent)\s+(?:\S+\s+)?(?:villages?|hamlets?|settlements?|towns?|areas?)\b"
    r"|\b(?:villages?|hamlets?|settlements?|areas?)\s+(?:nearby|close\s+by|around\s+(?:the\s+(?:town|city|village)|it))\b", re.I))
# the nouns by which a later sentence refers back to an event of each sub-event type
_FOLLOW_UP_NOUNS = {
    "Air/drone strike": "strikes?|raids?|bombing|bombardment|air\\s*strikes?",
    "Shelling/artillery/missile attack": "shelling|bombardment|rockets?|shells?|attack",
    "Remote explosive/landmine/IED": "attack|blast|explosion|bombing",
    "Suicide bomb": "attack|blast|explosion|bombing",
    "Attack": "attack|shooting|massacre|killings?",
    "Armed clash": "attack|assault|ambush|clashes|fighting|battle|offensive",
    "Agreement": "agreement|deal|accord|pact|truce|cease-?fire|talks",
    "Arrests": "arrests?|detentions?|suspects?|detainees|raids?",
    "Abduction/forced disappearance": "kidnapp\\w+|abduct\\w+|hostages?|captives?|victims",
    "Peaceful protest": "protests?|demonstrations?|rall(?:y|ies)|march(?:es)?|protesters|demonstrators",
    "Protest with intervention": "protests?|demonstrations?|rall(?:y|ies)|march(?:es)?|protesters|demonstrators",
    "Excessive force against protesters": "protests?|demonstrations?|rall(?:y|ies)|march(?:es)?|protesters|demonstrators",
    "Violent demonstration": "protests?|demonstrations?|riots?|clashes|violence|protesters|demonstrators|rioters",
    "Mob violence": "riots?|violence|mobs?|attacks?|rioters",
}


# the dead of a demonstration who were the force's ("a policeman died", "two officers were killed"), not the crowd's
_FORCE_DEAD = re.compile(r"\b(?:police(?:m[ae]n|\s+officers?)?|officers?|soldiers?|troops|guards?|gendarmes?)\s+(?:\S+\s+){0,3}?"
                         r"(?:died|(?:was|were)\s+(?:\S+\s+)?(?:killed|shot\s+dead|stabbed\s+to\s+death))\b", re.I)
_ARMED_VICTIMS = re.compile(r"\b(?:soldiers?|troops|servicem[ae]n|policem[ae]n|police\s+officers|guards?|militants?|"
                            r"fighters?|rebels?|insurgents?|gunmen|militiamen)\s+(?:\S+\s+){0,3}?(?:were|was|have\s+been|had\s+been)\s+"
                            r"(?:\S+\s+)?(?:killed|shot|slain)\b"
                            r"|\b(?:lost|killed|killing)\s+(?:\S+\s+){0,4}?(?:soldiers?|troops|policem[ae]n|fighters|militants|attackers|"
                            r"assailants|gunmen|insurgents|rebels|militiamen)\b", re.I)
# fighting at close range: the events whose dead are the armed men a follow-up sentence counts
_ASSAULTS = {"Armed clash", "Attack", "Government regains territory", "Non-state actor overtakes territory"}


_HERE = re.compile(r"\bhere\b(?!\s+(?:is|are|was|were|to)\b)(?![,.]?\s*$)", re.I)     # "a store here", not "here is a summary"
_HEADING_REST = re.compile(r"[\W\d_]*")


def _is_place_heading(s: Sentence) -> bool:
    """The sentence is a place heading and no more: "CALI (Valle del Cauca).", "BOGOTA.", "Kidal region:" (a
    bulletin's or a live report's section, opening a paragraph after the first: its place is where the reports
    under it happened; not the dateline, where the report was written)."""
    if not s.places or len(s.text) > 80:
        return False
    rest, at = [], 0
    for m in s.places:
        rest.append(s.text[at:m.start])
        at = m.end
    rest.append(s.text[at:])
    left = re.sub(r"\b(?:region|province|state|district|department|county|governorate)\b", "", "".join(rest), flags=re.I)
    return _HEADING_REST.fullmatch(left) is not None


def _focus(candidates: list[Candidate], s: Sentence, last_place: Place | None) -> Place | None:
    """What "the town" or "there" refers to: the town of the event the previous sentence reported.

    "captured the town of Jowhar, 90 km north of the capital Mogadishu. ... took the town after two
    hours of fighting": the story's focus is the event's place, not the last town it mentioned.
    """
    prev = [c for c in _recent(candidates, s, back=1) if s.index - c.sentence.index == 1 and c.place is not None
            and c.place.kind == "town" and c.place_explicit and not c.place_carried]
    return prev[0].place if prev else last_place


def _violent_trigger(t: Trigger) -> bool:
    return t.type in VIOLENT_TYPES or t.type in ("territory", "advance", "bombard", "attack")


def _weapon_trigger(t: Trigger) -> bool:
    """A word that names remote fire or explosives (strike, shelling, car bomb, "pounded"), not a weak one."""
    return not t.weak and (t.type in REMOTE or t.type == "bombard")


def _folded(rx: re.Pattern) -> re.Pattern | None:
    """`rx` without re.I, for lower-cased ASCII text, when that finds what `rx` finds: the pattern has
    no capital letter (escapes included) and no inline flag. Much faster in the standard engine."""
    if rx.flags & re.I and rx.pattern == rx.pattern.lower() and not re.search(r"\(\?[aiLmsux-]", rx.pattern):
        return re.compile(rx.pattern)
    return None


_FOLDED_FRAMES = {rx: _folded(rx) for rx in (_PROTEST_FRAME, _RIOT_FRAME, _AERIAL, _PLANTED, _GROUND_FIRE)}


@lru_cache(maxsize=16)
def _lowered(neighbours: str) -> str | None:
    return neighbours.lower() if neighbours.isascii() else None


def _flies(actor1: ActorMention | None, neighbours: str) -> bool:
    """The side that did it is aircraft ("jets", "Russian bombers"); not "the bombers" of a story of suicide
    bombers ("three suicide bombers detonated explosives ... The bombers struck at 9 p.m.")."""
    return actor1 is not None and actor1.actor.aerial \
        and not (_BOMBERS.fullmatch(actor1.text) and _BOMBERS_ON_FOOT.search(neighbours) is not None)


def _says(rx: re.Pattern, window: str) -> bool:
    """Whether `rx` (one of _FOLDED_FRAMES) occurs in `window`: on ASCII text lower-cased, without re.I."""
    folded = _FOLDED_FRAMES.get(rx)
    if folded is not None and window.isascii():
        return folded.search(window.lower()) is not None
    return rx.search(window) is not None


@lru_cache(maxsize=64)
def _names(rx: re.Pattern, neighbours: str) -> bool:
    """Whether `rx` occurs in the sentences around a trigger: searched once for all the triggers of a
    sentence (they share the window), not once each; on ASCII text lower-cased, without re.I."""
    folded = _FOLDED_FRAMES.get(rx)
    low = _lowered(neighbours) if folded is not None else None
    if low is not None:
        return folded.search(low) is not None
    return rx.search(neighbours) is not None


def _riot_frame(sub: str | None, s: Sentence, clause: Span, neighbours: str, sentences: list[Sentence],
                t: Trigger) -> str | None:
    """Fighting or an assault inside a demonstration or riot story, with no armed group named, is a riot.

    News about protests writes "the clashes", "attacks on police stations", "gangs attempted to
    break into": ACLED codes these as Violent demonstration (demonstrators) or Mob violence (a crowd
    with no demonstration), not as a battle between armed organised groups.
    """
    if sub not in ("Armed clash", "Attack"):
        return sub
    mains = [a for a in s.actors if a.role == "main" and clause.start <= a.start < clause.end]
    if sub == "Attack" and (_AT_CROWD_AFTER.match(s.text, t.end) or CROWD_TARGET_IN.search(t.text)):
        return sub      # "someone fired into a crowd of protesters": an attack on the crowd, not its riot
    if sub == "Armed clash" and not any(a.actor.inter in _ARMED_INTER for a in mains) \
            and any(a.actor.inter in (5, 6) and (0 <= a.start - t.end <= 80 or 0 <= t.start - a.end <= 12) for a in mains) \
            and not RIVAL_GROUPS.search(s.text, clause.start, clause.end):
        return "Violent demonstration"      # "clashes between security forces and protesters": a riot, not a battle
    if any(a.actor.inter in _ARMED_INTER for a in mains):
        return sub
    if sub == "Armed clash" and any(a.actor.inter == 1 for a in mains) and _CROWD_SIDE.search(s.text, clause.start, clause.end):
        return "Violent demonstration"      # "clashes between security forces and supporters of the opposition leader",
        #   "students fought running battles with police": a crowd against the state's forces is a riot
    if any(a.actor.inter == 1 and not a.actor.name.startswith("Police") for a in mains):
        return sub
    if any(a.actor.inter in _WAR_INTER for x in sentences[max(0, s.index - 2):s.index + 3] for a in x.actors):
        return sub      # rebels or foreign forces fight around it: a war story ("the war began with protests")
    if any(a.actor.inter == 3 and a.role == "main" and _ARMED_WORD.search(x.text, max(0, a.start - 8), a.end)
           for x in sentences[max(0, s.index - 2):s.index + 1] for a in x.actors):
        return sub      # "Armed gang members stormed the neighbourhood ... five residents were shot dead": the gang's attack
    if _GUNFIGHT.search(s.text, clause.start, clause.end) or RIVAL_GROUPS.search(s.text, clause.start, clause.end):
        return sub      # "a gunbattle", "clashes between two rival gangs": armed groups fight it out, no crowd's violence,
        #   even in a story of protests
    # (a demonstration told before or with it: "Youths attacked people in Burayu ... On Monday, thousands rallied" is
    # a mob's violence, the rally a day later another event)
    if _names(_PROTEST_FRAME, " ".join(x.text for x in sentences[max(0, s.index - 2):s.index + 1])):
        return "Violent demonstration"
    if _names(_RIOT_FRAME, neighbours) or PARTISANS.search(neighbours):
        return "Mob violence"       # (or among an election's camps: "clashes between supporters of rival candidates")
    return sub


def _partisans_did_it(text: str, clause: Span, t: Trigger) -> bool:
    """The party supporters or cadres the clause names are the trigger's doers: its subject just before it
    ('ruling party supporters attacked ...'), or the agent of its passive ('... were attacked by party activists')."""
    before = [m for m in PARTISANS.finditer(text, clause.start, t.start) if t.start - m.end() <= 25]
    if before and not _BE_WORD.search(text, before[-1].end(), t.start) and not _BY_WORD.search(text, before[-1].end(), t.start):
        return True
    by = _BY_AFTER.match(text, t.end) if _PASSIVE_BEFORE.search(text, max(0, t.start - 12), t.start) else None
    after = PARTISANS.search(text, by.end(), clause.end) if by is not None else None
    return after is not None and after.start() - by.end() <= 12


_GUNFIGHT = re.compile(r"\b(?:gun\s*battles?|gun-battles?|shoot-?outs?|fire-?fights?|gun\s*fights?|exchanges?\s+of\s+(?:gun)?fire|exchang(?:ed|ing)\s+(?:gun)?fire)\b", re.I)


_ARMED_WORD = re.compile(r"\barmed\b", re.I)
_POSSESSIVE_HEAD = re.compile(r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)(?:'s|\u2019s|s)\s+")


def _past_country_possessive(a: ActorMention, gz) -> int:
    """Where an actor's name starts hiding place names: after a country's possessive ("Syria's
    government", "Russias Aerospace Forces"), which still names a country the article speaks of."""
    m = _POSSESSIVE_HEAD.match(a.text)
    return a.start + m.end() if m and norm_place(m.group(1)) in gz.country_keys else a.start


_THE_CITYS = re.compile(r"\b(?:the|that)\s+(?:city|town|capital)['\u2019]s\s+(?:(?:northern|southern|eastern|western|central|north|south|east|west)\s+)?$", re.I)


def _parts_of_the_city(sentences: list[Sentence], gz) -> None:
    """'... the city of Kharkiv. The drones struck ... in the city's Kyivskyi district': a part of the
    city last named, not a namesake elsewhere in the country."""
    city = None
    for s in sentences:
        for k, m in enumerate(s.places):
            if city is not None and _THE_CITYS.search(s.text, max(0, m.start - 30), m.start) and m.place.kind in ("town", "region"):
                s.places[k] = replace(m, place=resolve_part(m.surface, m.place, city, gz, True), role="locative")
            elif m.place.kind == "town" and m.role == "locative" and m.place.latitude is not None:
                city = m.place


# "Residents of Kisumu beat a thief to death": where the people of a crowd live, inside the words of its deed
_PEOPLE_OF = re.compile(r"\b(?:residents|villagers|inhabitants|locals|youths|people)\s+of\s+(?:the\s+)?$", re.I)


def analyse(text: str, published: str | None = None, title: str | None = None,
            deadline: Deadline = NO_DEADLINE) -> tuple[list[Sentence], date | None]:
    """Split the article and find triggers, actors, places and dates in each sentence (once)."""
    pub = parse_published(published)
    gz = load_gazetteer()
    sentences: list[Sentence] = []
    doc = text
    for char, plain in _NORMALISE.items():      # one C scan a character: str.translate steps through a dict per character
        doc = doc.replace(chr(char), plain)
    if "(" in doc and _FIGURES_IN_PARENTHESES.search(doc):
        # "twenty-one (21) terrorists neutralised", "six (06) soldiers": a communique's count in words, then in
        # figures; the figures blanked (same length: offsets hold) leave the count next to its noun
        doc = _COUNT_IN_FIGURES.sub(lambda m: m.group()[:m.start(1) - m.start()] + " " * len(m.group(1)), doc)
    spans = split_sentences(text)
    texts = [doc[sp.start:sp.end] for sp in spans]
    all_triggers = [deadline.check("triggers", i, len(texts)) or find_triggers(s) for i, s in enumerate(texts)]
    near_event = {i + d for i, t in enumerate(all_triggers) if t for d in range(-3, 2)}
    for i, sp in enumerate(spans):
        deadline.check("analysis", i, len(spans))
        s = texts[i]
        triggers = all_triggers[i]
        if not triggers:
            # only its places matter (anaphora, disambiguation), and only near an event sentence; and a
            # claim within two sentences of one ("The Pakistani Taliban claimed responsibility."): who did it
            places = find_places(s, gz) if i in near_event else []
            claim = i - 1 in near_event and _CLAIM_WORDS.search(s) is not None
            blocked = {b.name: b for b in active_blockers(s) if b.name == "attribution"} if claim else {}
            sentences.append(Sentence(i, sp, s, find_actors(s) if blocked else [], places, [], [], [Span(0, len(s))], blocked))
            continue
        actors = find_actors(s)
        masked = [(_past_country_possessive(a, gz), a.end) for a in actors]
        # a word of an event phrase is no place ("Aerial bombardment": not Aerial, Israel)
        # (but "Demonstrators in Dhaka clashed": a place the phrase puts something in)
        places = [m for m in find_places(s, gz, masked) if m.place.curated or m.cued_locative
                  or not any(t.start <= m.start < t.end for t in triggers)
                  or _PEOPLE_OF.search(s, max(0, m.start - 30), m.start)]
        sentences.append(Sentence(i, sp, s, actors, places, find_dates(s, pub), triggers,
                                  split_clauses(s), {b.name: b for b in active_blockers(s)}))
    # the passes over the whole article check the budget too, so an article stops close to it
    deadline.check("references", 0, len(sentences))
    resolve_references(sentences)      # "They attacked ...", "the aircraft": actors named by reference (actors.py)
    deadline.check("names", 0, len(sentences))
    context = (title or "") + "\n" + text
    surnames = {m.group(1) for m in _PERSON.finditer(text)}
    # "Sen. Elizabeth Warren", "investor Leon Cooperman": either part of a titled full
    # name, alone and with no locative cue, is that person ("Warren was under attack"), not a town
    # ("investor Leon Cooperman blasted": not León, Mexico, however big)
    names = _titled_names(text)
    name_parts = {w for m in names for w in m.groups() if w}
    name_starts = {m.start(i) for m in names for i in (1, 2)}
    for s in sentences:
        s.places = [m for m in s.places if (m.surface not in surnames or m.place.curated)
                    and (m.cued or m.surface not in name_parts or m.place.curated)
                    and (s.span.start + m.start not in name_starts or m.place.curated)]
    all_mentions = [m for s in sentences for m in s.places]
    # armed groups whose war is one country's vote for it, as nationality words do ("Haftar's forces")
    groups = Counter(a.actor.country for s in sentences for a in s.actors if a.actor.country and a.role == "main")
    if all_mentions:
        deadline.check("places", 0, len(sentences))
        resolved = iter(disambiguate(all_mentions, context, groups,
                                     lambda done: deadline.check("places", done, len(all_mentions), "place names"), title))
        for s in sentences:
            s.places = [m for m in [next(resolved) for _ in s.places] if m is not None]   # None: not a place here
    _parts_of_the_city(sentences, gz)
    # settlements the gazetteer lacks, placed near the article's known places
    towns = [m.place for s in sentences for m in s.places if m.place.kind in ("town", "region", "province") and m.role == "locative"
             and m.place.latitude is not None] \
        or [m.place for s in sentences for m in s.places if m.place.kind == "town" and m.role == "near" and m.place.latitude is not None]
    # (none in the article, a town something happened near: "an attack on a village near Kaduna ... the village of Kurmin")
    if towns:
        admin_counts = Counter(p.admin1 for p in towns)
        article_ctx = max(towns, key=lambda p: admin_counts[p.admin1])
    else:
        article_ctx = article_country([m for s in sentences for m in s.places], title)   # geography: the article's country
    if article_ctx is None and len(groups) == 1:
        # no place known, but the war of the article's armed groups is one country's ("M23 rebels seized
        # the town of Bunagana"): a settlement the gazetteer lacks is in that country
        article_ctx = gz.countries.get(next(iter(groups)))
    framed: dict[str, dict[str, Place]] = {}       # first word -> name -> place
    for s in sentences:
        if not s.triggers:
            continue
        deadline.check("toponyms", s.index, len(sentences))
        local = [m.place for m in s.places if m.place.kind in ("town", "region", "province") and m.place.latitude is not None
                 and m.role in ("locative", "near", "teller")]      # (a local correspondent's town: "a reporter in Homs said ...")
        extra = unknown_toponyms(s.text, s.places, [(a.start, a.end) for a in s.actors], local[0] if local else article_ctx)
        extra += named_again(s.text, framed, s.places + extra, [(a.start, a.end) for a in s.actors])
        if extra:
            s.places = sorted(s.places + extra, key=lambda m: m.start)
        # a settlement the text framed as one ("the villages of al-Shaafa and al-Susah") is that place when named
        # again bare in a later sentence ("airstrikes on al-Shaafa")
        for m in extra:
            if m.place.geonameid is None and m.place.kind == "town" and not m.place.curated and m.place.latitude is not None:
                framed.setdefault(m.surface.split()[0], {})[m.surface] = m.place
    return sentences, pub


# where a country's demonstrators go to be heard: its parliament or its head of state's seat, in the capital
_TO_THE_SEAT = re.compile(r"\b(?:to|at|outside|near|towards|toward|on|in\s+front\s+of)\s+(?:the\s+)?(?:country's\s+|national\s+)?"
                          r"(?:Parliament|parliament\s+building|State\s+House|presidential\s+palace|Presidential\s+Palace|"
                          r"National\s+Assembly|Congress\s+building)\b")
_CROWD_TYPES = frozenset(PROTEST_FAMILY + ["Violent demonstration", "Mob violence"])
_DIGIT_AFTER = re.compile(r"\s*\d")
_MODAL_BE_AFTER = re.compile(r"(?:\s+[\w'\u2019-]+){0,5}?\s+(?:would|could|might|will|may)\s+(?:not\s+)?(?:be|mean|deal|give|open|cut)\b", re.I)
_AIRCRAFT_NOUN = re.compile(r"(?:warplanes?|fighter\s+jets)", re.I)
_ONLY_FLYING_AFTER = re.compile(r"\s+(?:were\s+|was\s+|had\s+been\s+|could\s+be\s+)?(?:heard|seen|spotted|observed|flying|flew|"
                                r"circling|circled|hovering|hovered|roaring|roared|overflying|overflew|patrolling|patrolled)\b", re.I)
_NAME_WORD_BEFORE = re.compile(r"[a-z,;]\s+[A-Z][\w'-]+\s+$")
_SUPPORT_BEFORE = WordGuard(re.compile(r"\b(?:backed|supported|aided|covered|assisted|bolstered)\s+by\s+(?:\S+\s+){0,3}$|\bunder\s+(?:the\s+)?(?:cover|protection)\s+of\s+(?:\S+\s+){0,3}$"
                                       r"|\bwith\s+the\s+(?:support|help|backing)\s+of\s+(?:\S+\s+){0,3}$", re.I),
                            ("backed", "supported", "aided", "covered", "assisted", "bolstered", "under", "with"))
_KNOWN_FOR_BEFORE = WordGuard(re.compile(r"\b(?:(?:notorious|known|infamous|feared|renowned)\s+for|(?:years|decades)\s+of)\s+"
                                         r"(?:(?:its|their|his|the|military|deadly|brutal|repeated|frequent)\s+)*(?:[\w-]+\s+(?:and|or)\s+)?$", re.I))
_UNTIL_GOAL = WordGuard(re.compile(r"\b(?:would|will|vow(?:ed|s)?|pledg(?:ed|es)|promis(?:ed|es)|threaten(?:ed|s)|determined|intend(?:s|ed)?)\b"
                                   r"[^.;]{0,80}?\buntil\b[^.;]{0,80}$", re.I))
# events counted as a trend: "attacks have intensified in the region", "violence has risen sharply this year"
_TREND_AFTER = re.compile(r"\s+(?:(?:on|against|in|by|of)\s+(?:[\w'\u2019-]+\s+){0,3}?)?(?:have|has|had)\s+(?:(?:since|also|steadily|sharply|dramatically|further)\s+)?"
                          r"(?:intensified|increased|risen|surged|escalated|grown|multiplied|spiked|soared|declined|decreased|fallen|"
                          r"dropped|doubled|tripled|spread|become\s+(?:more\s+|increasingly\s+)?(?:frequent|common|deadly|regular))\b", re.I)
_TOLL_OF_BEFORE = re.compile(r"\btoll\s+(?:from|of|in)\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){0,2}$", re.I)     # "the toll from regime air raids has risen"
# "the town has since been hit by several suicide bombings", "has been targeted by repeated attacks"
_HIT_REPEATEDLY_BEFORE = re.compile(r"\b(?:has|have)\s+(?:since\s+|also\s+|repeatedly\s+|often\s+|frequently\s+)?been\s+(?:hit|targeted|struck|rocked|shaken)\s+by\s+"
                                    r"(?:several|many|numerous|repeated|multiple|frequent|dozens\s+of|a\s+(?:series|number|string|wave)\s+of)\s+(?:[\w-]+\s+)?$", re.I)
_VERB_FORM_END = re.compile(r"(?:ed|ing)$")
_IRREGULAR_PAST = frozenset(("beat", "burnt", "shot", "set", "threw", "hit", "stole", "took", "cut"))     # past tenses without -ed
_PEOPLE_OBJECT = re.compile(r"^\s*(?:\S+\s+){0,2}?(?:dozens|scores|hundreds|\d+|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+(?:of\s+)?(?:\S+\s+){0,2}?(?:troops|soldiers|fighters|rebels|militants|people|civilians|members|policemen|officers|insurgents|gunmen|terrorists|jihadists|suspects)\b(?![\'\u2019]s)", re.I)
_KILLED_OR_BEFORE = re.compile(r"\b(?:killed|wounded)\s+(?:or|and)\s+$", re.I)
_FREEING = re.compile(r"(?:freed|frees?|freeing|liberat|rescu)", re.I)
_CAPTIVES_OBJECT = re.compile(r"^\s*(?:\S+\s+){0,3}?(?:victims|captives|abductees|detainees|prisoners)\b", re.I)
_ENTERED = re.compile(r"enter(?:ed|ing|s)?", re.I)
_BUILDING_OBJECT = re.compile(r"\s+(?:the|a|an|its|their|his|her)\s+(?:[\w-]+\s+){0,2}?(?:establishment|building|house|home|bar|restaurant|"
                              r"church|mosque|school|hospital|premises|room|hall|office|shop|store|nightclub|club|hotel|classroom|"
                              r"dormitory|residence|apartment|compound|courtroom|stadium|venue|clinic|prison|jail)s?\b", re.I)
_SEARCHING_AFTER = re.compile(r"\b(?:in\s+search\s+of|searching\s+for|to\s+search|looking\s+for|hunting\s+for|to\s+arrest|"
                              r"to\s+hunt\s+(?:for\s+|down\s+)?|on\s+a\s+search)\b", re.I)
_RAID_AFTER = re.compile(r"\b(?:burn(?:ed|t|ing)|set\s+(?:\w+\s+){0,3}?(?:on\s+)?fire|loot(?:ed|ing)|abduct(?:ed|ing)|kidnapp(?:ed|ing)|"
                         r"opened\s+fire|shot|shooting|firing|killed|killing|hacked|beheaded|raped|rustled|stole|"
                         r"throwing\s+(?:\w+\s+)?(?:firebombs|molotov|petrol\s+bombs|grenades))\b", re.I)
_WORDS_HIT = re.compile(r"(?:blasted|pound(?:ed|ing|s)?|struck|targeted|hit\s+(?:by|with))$", re.I)
# what words hit: something said or written, or the place it was said in
_SAID_THINGS = ("plans?", "proposals?", "decisions?", "remarks", "comments", "reports?", "polic(?:y|ies)", "deal", "move",
                "ideas?", "bill", "law", "ruling", "statements?", "claims?", "criticism", "speech", "budget", "strategy",
                "approach", "handling", "rhetoric", "tweets?", "accusations?", "allegations?")
_SAID_IN = ("interview", "tweet", "twitter", "statement", "op-ed", "letter", "speech", "post", "podcast", r"press\s+conference")
_WORDS_OBJECT = re.compile(r"^\s+(?:(?:the|a|an|his|her|their|its|this|that|these|those|such)\s+)?(?:\S+\s+)?(?:"
                           + "|".join(_SAID_THINGS) + r")\b|^\s+(?:\S+\s+){0,3}?(?:in|on|during)\s+(?:an?\s+|his\s+|her\s+)?(?:"
                           + "|".join(_SAID_IN) + r")\b", re.I)
_ATTACK_NOUN = re.compile(r"(?:\S+\s+)?attacks?", re.I)
_ABSTRACT_TARGET = re.compile(r"\s+(?:on|against)\s+(?:\S+\s+){0,3}?(?:market\s+share|share\s+prices?|prices|sales|profits?|earnings|"
                              r"reputation|credibility|record|policy|policies|plans?|proposals?|budget|the\s+economy|inflation|"
                              r"democracy|freedoms?|rights|the\s+press|press\s+freedom|the\s+judiciary|the\s+constitution|"
                              r"the\s+rule\s+of\s+law|institutions|science|ideas?|values)\b", re.I)
_REFERENCED_BEFORE = re.compile(r"\b(?:related|linked|connected|tied|relating|linking|connecting)\s+(?:him\s+|her\s+|them\s+)?to\s+"
                                r"(?:the|a|an|this|that|these|those|last\s+\w+['\u2019]s)\s+(?:[\w-]+\s+)?$", re.I)
_SPAN_BEFORE_AFTER = re.compile(r"\b(?:a|one|two|three|four|five|six|\d+)\s+(?:day|days|week|weeks|month|months)\s+$", re.I)
_DEMONSTRATED = re.compile(r"demonstrat(?:ed|es|ing)", re.I)
_SHOWN_AFTER = re.compile(r"\s+(?:that|how|what|why|whether|their|his|her|its|our|the|a|an|this|these|those|repeatedly|clearly|again|"
                          r"once\s+again|convincingly|time\s+and\s+again|great|strong|real|remarkable|considerable|an?\s+ability)\b", re.I)
_BARRICADES = re.compile(r"road\s*blocks|roadblocks|barricades", re.I)
_ARMED_WITH_AFTER = re.compile(r"\s+(?:[\w'\u2019-]+\s+){0,8}?(?:with|using)\s+(?:(?:armed|explosive-laden|suicide|attack|ballistic|cruise)\s+)?"
                               r"(?P<w>drones?|missiles?)\b", re.I)
_NOTABLE_ARRESTED = re.compile(r"\s+(?:the\s+|a\s+|an\s+)?(?:former\s+|ex-|prominent\s+|senior\s+|leading\s+|top\s+|main\s+|two\s+|three\s+|several\s+)?"
                               r"(?:[A-Z][\w'\u2019-]*\s+)?(?:prime\s+minister|president|vice[\s-]president|minister|opposition\s+(?:leader|figure|politician)s?|"
                               r"party\s+leaders?|lawmakers?|MPs?|senators?|governors?|mayors?|politicians?|activists?|journalists?|"
                               r"dissidents?|human\s+rights\s+(?:defenders?|lawyers?)|union\s+leaders?|candidates?)\b", re.I)
_AND_AFTER = re.compile(r"\s+and\s")
_SHOT_DOWN = re.compile(r"shot\s+down|shooting\s+down|downed|intercept", re.I)
_UNDER_FIRE = re.compile(r"(?:came|come|comes|coming)\s+under\b", re.I)
_CRITICISED_FOR = re.compile(r"\s+(?:from\s+(?:[\w'\u2019-]+\s+){0,5}?)?(?:for|over)\s+(?!(?:the\s+)?(?:weekend|night|past|last)\b)", re.I)
_TAKEN_ADJECTIVE = re.compile(r"(?:kidnapped|abducted)", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|these|those|\d+|two|three|four|five|six|seven|eight|nine|ten|several|dozens\s+of|of\s+the)\s+$", re.I)
_HANDED_TO = re.compile(r"handed\s+over\s+to", re.I)
# what was handed over: a place (a transfer of territory), else people released or a thing given
_HANDED_PLACES = ("town", "city", "village", "base", "area", "district", "province", "territory", "positions?", "control",
                  "checkpoints?", "posts?", "airport", "port", "crossing")
_PLACE_HANDED = re.compile(r"\b(?:" + "|".join(_HANDED_PLACES) + r")\b", re.I)
_PROTEST_ADJUNCT = re.compile(r"protest|demonstration|rally|march", re.I)
_THING_OF_PROTEST_AFTER = re.compile(r"\s+(?:laws?|bills?|rights|movements?|songs?|music|art|votes?|signs?|placards?|banners?|"
                                     r"leaders?|organi[sz]ers?|committees?|coalitions?|spokes(?:man|woman|person)|"
                                     r"permits?|restrictions|bans?|letters?|petitions?|culture|tactics?|groups?)\b", re.I)
_RALLY_WORD = re.compile(r"rall(?:y|ies)", re.I)
_SPEAKER_RALLY_BEFORE = re.compile(r"\b(?:said|says|told|spoke|speaking|addressed|addressing|speech|remarks)\s+(?:\S+\s+){0,5}?(?:at|to)\s+"
                                   r"(?:a|an|the|his|her|their)\s+(?:\S+\s+){0,2}$|\b(?:campaign|election|electoral|re-election)\s+$", re.I)
_DESCRIBING_PARTICIPLE = re.compile(r"fighting|battling", re.I)
_VICTIMS_AFTER = re.compile(r"\s+(?:victims?|survivors?)\b", re.I)
_BY_WORD = re.compile(r"\bby\b")
_OUT_OF_END = re.compile(r"\b(?:out\s+of|from)$")
# "X's camp", "Xs camp" (the apostrophe lost), "X (YPG) camp": what may stand between an actor and its
# place; never the first letter of the next word ("a Fano militia stronghold")
_POSSESSIVE_LEAD = re.compile(r"^(?:['\u2019]s\b|['\u2019]|s\b)?\s*(?:\([^)]*\))?")
_CAMPAIGN_AFTER = re.compile(r"\s+(?:campaign|campaigns|operations?)\b", re.I)
# "portraits of detained leader Aung San Suu Kyi", "calls to free jailed activists": people held, described
_HELD_WORDS = frozenset(("detained", "jailed", "imprisoned", "abducted", "kidnapped"))
_HELD_PERSON_AFTER = re.compile(r"\s+(?:opposition\s+|former\s+|pro-democracy\s+|rights\s+)?(?:leaders?|activists?|journalists?|reporters?|"
                                r"politicians?|students?|lawmakers?|dissidents?|members?|protesters|demonstrators|women|men|girls|boys|"
                                r"children|pupils|workers|colleagues|relatives|sons?|husbands?|fathers?)\b")
# (and "the detained leader", "the abducted girls": people whose arrest or abduction is told elsewhere, or is background)
_ADJECTIVE_TRIGGER = re.compile(r"(?:occupied|besieged|liberated|embattled|contested|detained|jailed|imprisoned|abducted|kidnapped)$")
_PLACE_NOUN_AFTER = re.compile(r"\s+(?:city|cities|towns?|villages?|territor(?:y|ies)|areas?|regions?|districts?|zones?|lands?|"
                               r"neighbou?rhoods?|enclaves?|suburbs?|countryside|provinces?)\b", re.I)
_ARTICLE_BEFORE = re.compile(r"\b(?:the|an|a|in)\s+$")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being)\s+$")
_BY_AFTER = re.compile(r"\s+(?:\S+\s+){0,3}?by\b")


# a deal of trade or state business: no agreement between the sides of a conflict in ACLED's sense
_BUSINESS_DEAL = re.compile(r"\b(?:trade|economic|free[\s-]trade|investment|energy|gas|oil|grain|arms|defen[cs]e|cooperation|climate|"
                            r"nuclear|loan|debt|tax|business|commercial|partnership|sponsorship|licensing|visa|migration|"
                            r"aviation|fishing|mining|customs|tariff|broadcasting|media|recording|contract|transfer|sales?|supply)\b", re.I)
_CONFLICT_DEAL = re.compile(r"\b(?:peace|cease-?fire|truce|armistice|prisoners?|hostages?|detainees|surrender|reconciliation|withdrawal)\b", re.I)


# "The strikes came as ...", "The attack followed ...": the events just told, named again to date or frame them
_EVENT_NOUN_COMES = re.compile(r"\s*(?:,|\s+)?(?:came|come|comes|followed|follows|follow)\s+(?:as|after|amid|a\s+day|days|hours|weeks|just|only|shortly|two|three|less|more|nearly)\b", re.I)
_DEFINITE_START = re.compile(r"^\W*(?:The|These|Those|This|That|Both|Tuesday's|Monday's|Wednesday's|Thursday's|Friday's|Saturday's|Sunday's|"
                             r"Today's|Yesterday's|Last\s+\w+'s)\s+(?:[\w-]+\s+){0,2}$")


# "recovered rifles at the site after the firefight": what a fight left behind, not a seizure of its own
_SEIZED = re.compile(r"(?:seized|recovered|found|discovered|confiscated|uncovered)\b", re.I)
_AFTER_THE_FIGHT = re.compile(r"\b(?:after|following|during)\s+the\s+(?:[\w-]+\s+){0,2}?(?:firefight|clash|clashes|fighting|battle|gunfight|"
                              r"encounter|shoot-?out|exchange\s+of\s+fire|ambush)\b|\bat\s+the\s+(?:site|scene)\b"
                              # "neutralised four terrorists in a clash in Batibo and recovered two guns": the clash's spoils
                              r"|\bin\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:firefight|clash|gunfight|battle|encounter|shoot-?out|exchange\s+of\s+fire)\b"
                              r"(?=.{0,80}?\band\s+(?:\w+\s+)?(?:seized|recovered|confiscated)\b)", re.I)


# "condemned the attack", "denounced Sunday's bombing", "called the attack vile": a reaction to an event told, not another one
_REACTION_BEFORE = re.compile(r"\b(?:condemn|denounc|deplor|mourn|decr(?:y|ied|ies)|lament|regrett?|call(?:ed|s)|describ(?:ed|es)|label|brand(?:ed|s)|termed)\w*\s+(?:the|this|that|these|those|its|their|"
                              r"\w+day's|yesterday's|today's|last\s+\w+'s)\s+(?:[\w-]+\s+){0,2}$", re.I)


# "(he said) the attack was in solidarity with ...", "The strike was a response to ...": why an event told was done;
# "The attack was the third on aid workers this month": where it stands in a series
_PURPOSE_AFTER = re.compile(r"\s+(?:was|were|is|are)\s+(?:(?:carried\s+out|launched|conducted)\s+)?(?:in\s+(?:solidarity|response|retaliation|revenge|reprisal)|"
                            r"an?\s+(?:response|message|warning|reprisal|retaliation|act\s+of\s+(?:revenge|retaliation|solidarity))|"
                            r"aimed\s+at|intended\s+to|meant\s+to|designed\s+to|revenge|retaliation|"
                            # "The attack was the third on aid workers this month": where it stands in a series
                            r"the\s+(?:first|second|third|fourth|fifth|sixth|latest|deadliest|worst|biggest|largest|bloodiest|most\s+\w+))\b", re.I)
_DEFINITE_SAID = re.compile(r"(?:^\W*|\b(?:said|says|added|stated|claimed|insisted)\s+(?:that\s+)?)(?:the|this|that|these|those|its|their|"
                            r"\w+day's|last\s+\w+'s)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _dates_event_told(s: Sentence, t: Trigger, candidates: list[Candidate], pub: date | None) -> bool:
    """'... five villagers were beheaded, local sources said on Friday. The attack happened on Wednesday
    night': the sentence dates the event just told, which had no day of its own. True when it did."""
    dexpr = _select_date(s, t, clause_of(s, t.start), pub)
    if dexpr is None or dexpr.day is None or _said_on(s, dexpr) or dexpr.is_background(pub):
        return False
    prior = [c for c in _recent(candidates, s, 3) if c.sentence.index < s.index and (
        c.sub_event_type in VIOLENT_TYPES or c.sub_event_type in ("Sexual violence", "Abduction/forced disappearance"))]
    if not prior or prior[-1].date_explicit:
        return False
    prior[-1].day, prior[-1].precision, prior[-1].date_explicit = dexpr.day, dexpr.precision, True
    return True


def _told_again(s: Sentence, t: Trigger) -> bool:
    """'The strikes came as ...', 'The attack followed ...': an event already told, named to frame it;
    'the governor condemned the attack': a reaction to it; 'he said the attack was in solidarity with
    ...': why it was done."""
    return (_EVENT_NOUN_COMES.match(s.text, t.end) is not None and _DEFINITE_START.match(s.text[:t.start]) is not None) \
        or (t.weak and _REACTION_BEFORE.search(s.text, max(0, t.start - 60), t.start) is not None) \
        or (s.index > 0 and _PURPOSE_AFTER.match(s.text, t.end) is not None
            and _DEFINITE_SAID.search(s.text, max(0, t.start - 60), t.start) is not None)


def _adjective_trigger(s: Sentence, t: Trigger) -> bool:
    """'the occupied West Bank', 'the besieged town': a word of an event that describes a place."""
    return _ADJECTIVE_TRIGGER.match(t.text) is not None and (
        _ARTICLE_BEFORE.search(s.text[max(0, t.start - 5):t.start]) is not None
        or _PLACE_NOUN_AFTER.match(s.text[t.end:t.end + 16]) is not None
        or (t.text.lower() in _HELD_WORDS and _HELD_PERSON_AFTER.match(s.text, t.end, t.end + 40) is not None))


def _no_deed_here(s: Sentence, t: Trigger) -> bool:
    """A trigger that tells what goes on at a place, or people displaced: no event, and no stronger word
    that would hide a weak one beside it."""
    if "where" in s.text and _WHERE_ONGOING_BEFORE.search(s.text, max(0, t.start - 90), t.start):
        return True   # "the Savien area, where the gang has been expanding its control over rice fields": what goes on there
    return t.type == "territory" and _PEOPLE_DRIVEN.search(t.text) is not None
    #   ("attacks have forced thousands of people from their homes": people displaced, no place taken)


# "about 170 kilometers (105 miles) southeast of the capital, Khartoum": a town that only measures where the
# story's place is; "the city" after it is still the story's place
_DISTANCE_FROM_BEFORE = WordGuard(re.compile(r"\b(?:\d[\d,.]*|[a-z]+)[\s-]*(?:km|kms|kilomet(?:re|er)s?|miles?)\b(?:\s*\([^)]{0,30}\))?"
                                             r"\s+(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?"
                                             r"(?:of|from)\s+(?:the\s+(?:[\w-]+\s+){0,2}?(?:capital|city|town|village|port)\s*,?\s+(?:of\s+)?)?$", re.I), ("km", "kilomet", "mile"))


_FLED_BEFORE = re.compile(r"\b(?:have|has|had)\s+(?:\w+\s+)?(?:fled|been\s+fleeing|escaped)\s+"
                          r"(?:the\s+|renewed\s+|recent\s+|ongoing\s+|heavy\s+)?$", re.I)
_ACCUSED_OF_BEFORE = re.compile(r"\baccus(?:e|es|ed|ing)\s+(?:[\w'\u2019-]+\s+){0,5}?of\s+(?:[\w'\u2019-]+\s+){0,5}?(?:and\s+)?(?:[\w-]+\s+)?$", re.I)


_CROWD_NOUN = re.compile(r"protesters|protestors|demonstrators|marchers", re.I)
_UNREST = re.compile(r"(?:(?:nights?|days?)\s+of\s+)?unrest", re.I)
_BLAST_NOUN = re.compile(r"(?:loud\s+|heavy\s+|several\s+|large\s+)?(?:blasts?|explosions?|bangs?)", re.I)
# ("gunfire and explosions echoed across the town", "blasts rang out": the sound of a fight, not a hit)
_HEARD_AFTER = re.compile(r"\s+(?:(?:(?:were|was|have\s+been|had\s+been|could\s+be)\s+)?heard|echoed|echoing|rang\s+out|ringing\s+out|"
                          r"reverberated|reverberating)\b", re.I)
_HEARD_BEFORE = re.compile(r"\b(?:heard|hear|hearing|sounds?\s+of|reported(?:\s+hearing)?)\s+(?:(?:a|the|several|loud|heavy|multiple|a\s+series\s+of)\s+)*$", re.I)
_PRESENT_BE_BEFORE = re.compile(r"\b(?:say|says|said|insist|insists|claim|claims|vow|vowed)\s+(?:that\s+)?(?:they|it|he|she|we)\s+(?:are|is|'re|am)\s+$", re.I)
_FOR_A_CAUSE_AFTER = re.compile(r"\s+(?:to\s+(?!the\b|a\b)[a-z]+|for\s+(?!control\b)(?:the\s+|their\s+|our\s+|its\s+)?[a-z]+)", re.I)
_SUPERLATIVE_BEFORE = re.compile(r"\b(?:worst|hardest|most\s+badly)[\s-](?:(?:hit|affected)\s+by\s+(?:the\s+)?(?:[\w-]+\s+)?)?$", re.I)
_AS_BEFORE = re.compile(r"\bas\s+(?:the\s+)?(?:[\w-]+\s+)?$")
_SPREAD_ACROSS_AFTER = re.compile(r"[^.;:]*?\b(?:spread|spreads|spreading|raged|rages|escalated|escalates|intensified|intensifies|widened|widens|"
                                  r"continued|continues|persisted|persists|worsened|worsens)\s+(?:[\w-]+\s+){0,2}?(?:across|throughout|to\s+other|into\s+other|beyond)\b")
_LIVE_FIRE = re.compile(r"live\s+(?:rounds|ammunition|fire)", re.I)
_MARCH_NOUN = re.compile(r"\bmarch(?:es)?\b")       # (lower case: not the month)
_CROWD_AS_OBJECT_BEFORE = re.compile(r"\b(?:among|amongst|infiltrated|against|with|between|by)\s+(?:the\s+|some\s+|several\s+|two\s+|rival\s+)?$", re.I)


# a sentence that only says the event just told hurt no one
# (after who said it: "Police said no one was killed in the blast."; and before what else it says of the
# wounded: "..., and the injured were taken to hospital")
_NONE_HURT = WordGuard(re.compile(r"(?:(?:[\w'\u2019-]+\s+){1,3}(?:said|says|added|confirmed)\s+(?:that\s+)?)?"
                                  r"(?:There\s+were\s+|There\s+was\s+)?(?:no\s+(?:casualties|deaths|fatalities|injuries|one\s+was\s+(?:killed|hurt|injured))"
                                  r"|nobody\s+was\s+(?:killed|hurt|injured))(?:\s+(?:were|was|have\s+been|had\s+been)\s+(?:immediately\s+)?reported)?"
                                  r"(?:\s+in\s+the\s+(?:[\w-]+\s+)?(?:attack|blast|explosion|incident|shelling|strike|bombing|fire|raid|ambush))?"
                                  r"(?:,?\s+(?:police|officials?|witnesses|residents|he|she|they|the\s+\w+|a\s+\w+(?:\s+\w+)?)\s+(?:said|says|added|reported))?"
                                  r"(?:\.?$|,?\s+(?:and|but|while)\s+(?!.*\b(?:killed|dead|died)\b))", re.I))


_DENIED_REPORT_BEFORE = re.compile(r"\b(?:dismissed|denied|rejected|refuted|debunked)\b[^.;]{0,60}?\b(?:reports?|claims?|rumou?rs?|allegations?)\s+"
                                   r"(?:that|of)\b[^.;]{0,90}$", re.I)
_REPORT_WORDS = ("report", "claim", "rumo", "allegation")      # one of which every match of it holds (as written)


_ATTACK_NOUN = re.compile(r"attacks?|assaults?|bombings?", re.I)
_MEANT_FOR_BEFORE = re.compile(r"\b(?:rigged|meant|intended|destined|prepared|used|readied|planned|stockpiled|stored|kept|ready)\s+(?:\w+\s+){0,2}?"
                               r"for\s+(?:an?\s+|the\s+|future\s+|further\s+|possible\s+|planned\s+)?(?:\w+\s+)?$", re.I)
# "busted a module of the LeT with the arrest of three associates": the noun, as the state's announcements word
# its arrests (the group named before it is whose men were taken, not who took them)
_ARREST_NOUN_OF = re.compile(r"arrests?\s+of\b", re.I)
# "... set on fire before the attackers withdrew", "The gunmen then retreated into the bush": how an attack ended
_ATTACKERS_LEFT_BEFORE = re.compile(r"(?:\b(?:before|after|as|then|and)\s+(?:the\s+)?(?:attackers|assailants|gunmen|raiders|insurgents|jihadists|"
                                    r"militants|bandits|fighters|rebels|they)|\bthe\s+(?:attackers|assailants|gunmen|raiders)(?:\s+(?:later|then|eventually|finally))?)\s+$", re.I)
_LEAVING = re.compile(r"withdr(?:ew|awn)|retreated|pulled\s+(?:back|out)", re.I)


def _dismissed(s: Sentence, t: Trigger, clause: Span, pub: date | None, snippet: bool) -> bool:
    """True when the trigger, read in its sentence, does not report an event that happened."""
    surface = s.text[t.start:t.end]
    if t.weak and _ATTACK_NOUN.fullmatch(surface) and _MEANT_FOR_BEFORE.search(s.text, max(0, t.start - 50), t.start):
        return True   # "a motorcycle rigged for an attack", "explosives meant for attacks": what it was for, no attack
    if t.type == "Change to group/activity" and _LEAVING.match(surface) \
            and _ATTACKERS_LEFT_BEFORE.search(s.text, max(0, t.start - 40), t.start):
        return True   # "before the attackers withdrew": the end of the attack, no change of the group's activity
    if " " in surface and t.start > 0 and all(w[:1].isupper() for w in surface.split()) \
            and not surface.isupper():
        return True   # "Organisation for the Prohibition of Chemical Weapons": a name, not an event
    if surface.endswith("ing") and not s.text[clause.start:t.start].strip(" \"'\u201c") and _MODAL_BE_AFTER.match(s.text[t.end:t.end + 60]):
        return True   # "Capturing the whole city would be a major prize": what a thing would be, not done
    if _AIRCRAFT_NOUN.fullmatch(surface) and _ONLY_FLYING_AFTER.match(s.text[t.end:t.end + 40]):
        return True   # "warplanes were heard over Raqqa", "jets flew over the city": a flight, not a strike
    if holds_any(s.text, _REPORT_WORDS) and _DENIED_REPORT_BEFORE.search(s.text, max(0, t.start - 160), t.start):
        return True   # "Police dismissed as fake news reports that a school had been attacked": denied, not told
    if _no_deed_here(s, t):
        return True
    if surface in ("March", "MARCH") and (t.start > 0 or _DIGIT_AFTER.match(s.text[t.end:t.end + 3])):
        return True   # "On March 17", "In March": the month, not a protest march
    if " " not in surface and surface[:1].isupper() and not surface.isupper() and t.start > 0 \
            and _NAME_WORD_BEFORE.search(s.text[max(0, t.start - 30):t.start]):
        return True   # "Royal Dutch Shell": a capitalised word after another, mid-sentence, ends a name
    if context_filter(s, t, clause, pub):
        return True   # negated, planned, background or a total
    if t.type in ("Looting/property destruction", "Violent demonstration") and _ARSON.match(t.text) \
            and (_SYMBOL_BURNED.match(s.text, t.end) or _BODIES.search(t.text)
                 or (t.type == "Looting/property destruction" and _TYRES.search(t.text))):
        return True   # "set fire to their bills", "burned an effigy of the president": a protest's gesture, no destruction
    if t.type == "Excessive force against protesters" and _LIVE_FIRE.fullmatch(t.text) \
            and not _PROTEST_WORDS.search(s.text) and not _CROWD_WORDS.search(s.text) and not _MARCH_NOUN.search(s.text):
        return True   # "settlers entered the village, firing live ammunition": shooting, with no crowd that protests
    if t.type == "Violent demonstration" and _UNREST.fullmatch(t.text) \
            and any(o is not t and o.type in PROTEST_FAMILY for o in s.triggers):
        return True   # "Manipur saw another day of unrest as hundreds of students marched": the word for the mood; the
        #   protest the sentence tells is coded by what the crowd and the police did
    if _BLAST_NOUN.fullmatch(t.text) and (_HEARD_AFTER.match(s.text, t.end) or _HEARD_BEFORE.search(s.text, max(0, t.start - 40), t.start)):
        return True   # "Explosions heard in Kyiv", "residents reported hearing loud explosions in Taiz": a sound, no hit told
    if t.text.lower() == "fighting" and _PRESENT_BE_BEFORE.search(s.text, max(0, t.start - 40), t.start) \
            and _FOR_A_CAUSE_AFTER.match(s.text, t.end):
        return True   # "Fano's leaders say they are fighting to defend Amhara lands": why they fight, no fight told
    if _SUPERLATIVE_BEFORE.search(s.text, max(0, t.start - 40), t.start):
        return True   # "one of the states worst hit by banditry", "the hardest-hit areas": how a place fared, no event
    if _AS_BEFORE.search(s.text, max(0, t.start - 20), t.start) and _SPREAD_ACROSS_AFTER.match(s.text, t.end, min(len(s.text), t.end + 140)):
        return True   # "... killing 26, as fighting between the military and a local militia spread across the region": the
        #   war's backdrop to the event told, not one fight
    if _STOPPED_AFTER.match(s.text, t.end):
        return True   # "The attacks largely stopped after the truce", "fighting has subsided": the end of a series, no event
    if not _VERB_FORM_END.search(t.text) and _KNOWN_FOR_BEFORE.search(s.text, max(0, t.start - 60), t.start):
        return True   # "the Abu Sayyaf, notorious for kidnappings and beheadings, has been weakened by years of military
        #   offensives and surrenders": what a group is known for, or years of it, not an event
    if t.type == "Peaceful protest" and _CROWD_NOUN.fullmatch(t.text) and _CROWD_AS_OBJECT_BEFORE.search(s.text, max(0, t.start - 30), t.start):
        return True   # "criminals infiltrated among the protesters", "an attack by protesters": the crowd named in
        #   another deed, not a protest reported by this word
    if t.text.endswith("s") and not _VERB_FORM_END.search(t.text) and not s.dates \
            and _ACCUSED_OF_BEFORE.search(s.text, max(0, t.start - 90), t.start):
        return True   # "accused federal forces of extrajudicial killings and mass arrests in Oromia": a pattern alleged, no one event
    if t.text[:1].islower() and not s.dates and _FLED_BEFORE.search(s.text, max(0, t.start - 40), t.start):
        return True   # "Tens of thousands have fled the fighting in Rakhine": the fighting as what people escape, no event told
        #   (not "Residents fled clashes between the army and rebels in Sittwe on Tuesday", "were hit as they were fleeing
        #   fighting in Al-Tukhar": a day's clash)
    if _UNTIL_GOAL.search(s.text, max(0, t.start - 170), t.start):
        return True   # "would continue operations until Kyaukphyu and Sittwe were 'liberated'": a goal, not done
    if not _VERB_FORM_END.search(t.text) and ((_TREND_AFTER.match(s.text, t.end, t.end + 80)
                                               and not _TOLL_OF_BEFORE.search(s.text, max(0, t.start - 40), t.start))
                                              or _HIT_REPEATEDLY_BEFORE.search(s.text, max(0, t.start - 60), t.start)):
        return True   # "jihadist attacks have intensified", "has since been hit by several suicide bombings": a trend, no one event
    if _SUPPORT_BEFORE.search(s.text[max(0, t.start - 50):t.start]) \
            and not _VERB_FORM_END.search(t.text) and t.type not in ("territory", "advance"):
        return True   # "backed by Russian airstrikes": support for the event the sentence reports
    if _WORDS_HIT.match(t.text) and _WORDS_OBJECT.match(s.text[t.end:t.end + 60]):
        return True   # "blasted the plan", "pounded the proposal in an interview": words, not weapons
    if not _VERB_FORM_END.search(t.text) and _REFERENCED_BEFORE.search(s.text[max(0, t.start - 40):t.start]):
        return True   # "firearms ... related to a murder", "suspects linked to the bombing": an event referred to, not reported
    if surface[:6].lower() == "after " and _SPAN_BEFORE_AFTER.search(s.text, max(0, t.start - 25), t.start):
        return True   # "a day after U.S. troops withdrew": what happened before the news told, not a new event
    if _DEMONSTRATED.fullmatch(surface) and _SHOWN_AFTER.match(s.text[t.end:t.end + 30]):
        return True   # "as they demonstrated repeatedly against the Thunder", "demonstrated that ...": showed, not a protest
    if _UNDER_FIRE.match(t.text) and _CRITICISED_FOR.match(s.text[t.end:t.end + 80]):
        return True   # "came under fire from lawmakers over his remarks", "came under attack for": criticism
    if _ATTACK_NOUN.fullmatch(t.text) and _ABSTRACT_TARGET.match(s.text[t.end:t.end + 60]):
        return True   # "an attack on Samsung's market share", "attacks on press freedom": a figure of speech
    if _TAKEN_ADJECTIVE.fullmatch(t.text) and _DETERMINER_BEFORE.search(s.text[max(0, t.start - 20):t.start]) \
            and _PERSON_OBJECT.match(s.text[t.end:t.end + 60]):
        return True   # "two kidnapped teachers", "the abducted girls": people taken before, not a new abduction
    if t.type == "Non-violent transfer of territory" and _HANDED_TO.match(t.text):
        before = s.text[max(0, t.start - 120):t.start]
        if not _PLACE_HANDED.search(before):
            # "the two professors were handed over to US forces": people released; "information handed over
            # to the Reconciliation Center": a thing given; no place changes hands
            return True
    if t.type == "Peaceful protest" and _PROTEST_ADJUNCT.fullmatch(surface) and _THING_OF_PROTEST_AFTER.match(s.text[t.end:t.end + 16]):
        return True   # "drops pipeline protest laws", "the protest movement", "protest songs": a kind of thing, not a protest held
    if _DESCRIBING_PARTICIPLE.fullmatch(surface) and any(0 <= t.start - a.end <= 1 and a.role == "main" for a in s.actors) \
            and any(a.start >= t.end and a.role == "main" for a in s.actors):
        return True   # "a US-led coalition fighting Daesh": who the coalition is, not a battle told here
    if t.type == "Peaceful protest" and _RALLY_WORD.fullmatch(surface) \
            and _SPEAKER_RALLY_BEFORE.search(s.text[max(0, t.start - 70):t.start]):
        return True   # "Trump said at a rally in Louisiana", "a campaign rally": a politician's meeting, not a protest
    if _VICTIMS_AFTER.match(s.text[t.end:t.end + 12]):
        return True   # "the kidnap victims", "bomb survivors": people named by an event told elsewhere, not a report of it
    if t.needs_place_object:
        after = s.text[t.end:t.end + 80]
        if _ENTERED.fullmatch(t.text) and (_BUILDING_OBJECT.match(after) or _RAID_AFTER.search(s.text, t.end, clause.end)
                                           or _SEARCHING_AFTER.search(s.text, t.end, min(clause.end, t.end + 90))):
            return True   # "entered the bar", "entered the village, burned homes", "entered the village in search of
            #   fighters": a raid or a search, not a place taken
        if t.type == "territory" and any(a.actor.inter in (5, 6) and a.role == "main" and clause.start <= a.start and 0 <= t.start - a.end <= 40
                                         and not _BE_WORD.search(s.text, a.end, t.start) and not _BY_WORD.search(s.text, a.end, t.start)
                                         for a in s.actors):
            return True   # "demonstrators occupied the state broadcaster", "protesters seized the square": the crowd's deed
            #   in its demonstration, no territory changing hands between armed sides
        if t.type == "territory" and _PRISON_WORD.search(s.text, clause.start, t.end + 50):
            return True   # "police regained control of the prison": order restored in a building, no territory
        if _FREEING.match(t.text) and (_PERSON_OBJECT.match(after) or _CAPTIVES_OBJECT.match(after)
                                       or _PEOPLE_TAKEN_BEFORE.search(s.text, max(0, t.start - 60), t.start)):
            return True   # "freed the hostages", "eight soldiers were freed": people released, not a place retaken
        if _WEAPON_OBJECT.match(after) or _WEAPON_BEFORE.search(s.text[max(clause.start, t.start - 60):t.start]):
            return True     # "seized weapons", "the firearms troops seized": arms taken, not a place
        # "killed or captured dozens of regime troops": people, not a place, change hands
        if _PEOPLE_OBJECT.match(after) \
                or _KILLED_OR_BEFORE.search(s.text[max(0, t.start - 15):t.start]):
            return True
        obj_actor = next((a for a in s.actors if 0 <= a.start - t.end <= 12 and a.role == "main" and a.actor.inter != 7
                          and not _BY_WORD.search(s.text[t.end:a.start])), None)
        if obj_actor is not None and not _OUT_OF_END.search(t.text) and \
                not _PLACE_OBJECT.match(_POSSESSIVE_LEAD.sub("", s.text[obj_actor.end:obj_actor.end + 60])):
            return True
    if _BARE_FIGHT.fullmatch(t.text) and _RIVALRY_AFTER.match(s.text, t.end) \
            and not _TO_OR_THE_BEFORE.search(s.text, max(0, t.start - 12), t.start):
        return True   # "as two cartels fight over drug routes": what they do for years, not a fight told
    if _violent_trigger(t) and _REMEMBRANCE.search(s.text) \
            and not any(d.start >= t.end - 40 and d.precision == 1 for d in s.dates if d.day is not None):
        return True   # "laid wreaths at a memorial to the victims, who died when warplanes dropped gas": an event remembered
    if t.type == "Abduction/forced disappearance" and _RESCUED_BEFORE.search(s.text, max(0, t.start - 60), t.start):
        return True   # "troops rescued 20 passengers kidnapped by bandits": people freed, taken before
    if _PROTEST_NOUN.fullmatch(t.text) and _BANNED_BEFORE.search(s.text, max(0, t.start - 40), t.start):
        return True   # "despite a ban on demonstrations": a rule about protests, not one held
    if _PROTEST_NOUN.fullmatch(t.text) and _AMID_BEFORE.search(s.text, max(0, t.start - 40), t.start):
        return True   # "stocks fell amid worsening protests in the city": the protests as a backdrop, not one held
    if "alleged" in s.text and _OVER_ALLEGED.search(s.text, max(0, t.start - 60), t.start):
        return True   # "summoned over alleged assaults on its men and destruction of its property": a charge, not an event told
    if ("'s" in s.text or "\u2019s" in s.text) and _EARLIER_PERIODS.search(s.text, max(0, t.start - 30), t.start):
        return True   # "killed during last month's crackdown": an event of an earlier period, named, not told
    if _CAMPAIGN_AFTER.match(s.text[t.end:t.end + 15]):
        return True   # a campaign is the frame of many events, not one
    if _told_again(s, t):
        return True   # "The strikes came as ...": the strikes already told, not new ones
    if t.type == "Disrupted weapons use" and _SEIZED.match(t.text) and _AFTER_THE_FIGHT.search(s.text):
        return True   # "Soldiers recovered rifles at the site after the firefight": the fight's, already told
    if t.type == "Agreement" and _BUSINESS_DEAL.search(t.text) and not _CONFLICT_DEAL.search(t.text):
        return True   # "signed a trade agreement", "struck an arms deal": state business, not a conflict's deal
    if t.type == "Agreement" and not _AGREEMENT_VERB.search(t.text) and _AGREEMENT_AS_TIME.search(s.text, max(0, t.start - 40), t.start) \
            and not _AGREEMENT_MADE_AFTER.match(s.text, t.end):
        return True   # "stopped after the truce", "despite the ceasefire": an agreement in force named as a time, not made
    if _adjective_trigger(s, t):
        return True   # "the occupied West Bank", "the besieged town", "the Western Sahara occupied city": an adjective
    if t.type == "territory" and not snippet and _PASSIVE_BEFORE.search(s.text[max(0, t.start - 8):t.start]) \
            and not _BY_AFTER.match(s.text[t.end:t.end + 30]):
        return True   # "the positions were overrun": who took them is not said
    return False


_RAIDS = re.compile(r"raids?$")
_TAKING = re.compile(r"(?:re)?(?:seiz|captur|took|tak|grabb)")
_TAKING_OR_ROUNDING = re.compile(r"(?:re)?(?:seiz|captur|took|tak|grabb|round)")
_SAME_PLACE_START = re.compile(r"^\W*(?:in|at|near)\s+the\s+same\s+(?:town|village|city|district|area|province|region|neighbou?rhood)\b", re.I)
_PLACE_ANAPHOR_AFTER = WordGuard(re.compile(r"^\s*(?:\S+\s+){0,3}?(?:(?:in|on|at|inside|around)\s+)?(?:the\s+(?:\w+\s+)?(?:town|village|city|hamlet)\b(?!\s+of\b)|there\b|its\s+outskirts)", re.I),
                                 ("town", "village", "city", "hamlet", "there", "outskirts"))
_TOWN_BEFORE = re.compile(r"\bthe\s+(?:town|village|city)\s+(?:\S+\s+){0,2}$", re.I)
_ITS_OUTSKIRTS = re.compile(r"\bits\s+outskirts\b")
_CITY_WORD = re.compile(r"\bcity\b", re.I)
_PLACES_OF_START = re.compile(r"\s*(?:The|Both)\s+(?:\w+\s+)?(?:villages|towns|areas|districts|neighbou?rhoods)\s+(?:of|are|were)\b")
_DEFINITE_ATTACK = WordGuard(re.compile(r"\b(?:the|these|those)\s+(?:\S+\s+)?(?:strikes|raids|attacks?|bombings?|shelling|blasts?|explosions?)\b", re.I),
                             ("strikes", "raids", "attack", "bombing", "shelling", "blast", "explosion"))
_DEATH_WORD = re.compile(r"\b(?:killed|dead|died|martyred|neutrali[sz]ed|paid\s+the\s+(?:supreme|ultimate)\s+price)\b")
_KILLED_IN_GAP = re.compile(r"\s+(?:\w+\s+)?(?:in|near|at)\s+(?:the\s+(?:\w+\s+){0,2}?(?:city|town|village)\s+of\s+)?")
# a sentence that opens on the event noun with a definite article ("The attack was ...", "That strike")
# protesters counted among the dead: "two protesters died of their injuries", "a demonstrator was killed"
_PROTESTERS_DIED = WordGuard(re.compile(r"\b(?:protesters?|demonstrators?|marchers?|students?|activists?)\s+(?:\w+\s+){0,2}?(?:died|were\s+killed|was\s+killed|"
                                        r"were\s+shot\s+dead|was\s+shot\s+dead|succumbed|lost\s+their\s+lives)\b", re.I))
_DEATHS_THAT_CAUSED = re.compile(r"\b(?:after|following|in\s+(?:retaliation|revenge|response)\s+(?:for|to))\s+(?:the\s+)?(?:(?:killings?|deaths?|murders?)\s+of\b"
                                 r"|(?:\S+\s+){1,4}?(?:was|were|had\s+been|have\s+been)\s+(?:shot\s+dead|killed|murdered|stabbed\s+to\s+death)\b)", re.I)
# "The assailants ...", "The gunmen then ...": a subject that refers back to who did the event just told
_RETOLD_SUBJECT = re.compile(r"\W*(?:The|These|Those)\s+(?:attackers|assailants|gunmen|militants|jihadists|insurgents|raiders|bandits)$")
# (captured soldiers executed are an Attack in ACLED's coding: no longer a side in a fight)
_EXECUTION = re.compile(r"execut|behead|massacr|slaughter|lynch|tortur", re.I)
_PASSIVE_AFTER_ACTOR = re.compile(r"(?:\s+[\w'-]+){0,3}?\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?", re.I)
_EVENT_AS_SUBJECT = re.compile(r"\W*(?:The|That|This|These|Those|Its|Their)\s+(?:[\w-]+\s+)?(?:blasts?|explosions?|bombings?|bombs?|strikes?|"
                               r"air\s*strikes?|airstrikes?|raids?|shelling|bombardment|attacks?|assault|fire|fighting|clashes|missiles?|"
                               r"rockets?|shells?)\s+(?:also\s+|had\s+|has\s+|have\s+|reportedly\s+|completely\s+|partially\s+)*$")
_DURING_THE = re.compile(r"\b(?:during|in\s+the\s+course\s+of)\s+(?:the|that|this)\s+(?:[\w-]+\s+)?$", re.I)
_BACK_REFERENCE = re.compile(r"^\W*(?:The|This|That|These|Those)\s+(?:[\w-]+\s+)?$")
_SAID_THE = re.compile(r"\b(?:said|says|added|reported|confirmed|told\s+\w+)\s+(?:that\s+)?(?:the|these|those)\s+(?:[\w-]+\s+)?$")
_HAPPENED_AFTER = re.compile(r"\s+(?:took\s+place|happened|occurred|were\s+carried\s+out|was\s+carried\s+out)\b")


# (the story-frame word lists are searched in the lower-cased lead, with the character before each word:
# a pattern that starts with a character class lets the engine skip, in C, the positions no word starts
# at; about four times faster than a re.I search with \b, on every article)
_SPORT = re.compile(
    r"[^\w](?:nfl|nba|nhl|mlb|mls|fifa|uefa|premier\s+league|champions\s+league|quarterbacks?|touchdowns?|linebackers?|"
    r"pass\s+rushers?|playoffs?|postseason|preseason|tournaments?|championships?|grand\s+slam|super\s+bowl|world\s+cup|"
    r"olympics?|goalkeepers?|midfielders?|innings|doubles\s+match|semi-?finals?|quarter-?finals?|head\s+coach|hat-trick|"
    r"free\s+agents?|rookies?|teammates?|halftime|(?:\d{1,2}-){1,2}\d{1,2}\s+(?:start|skid|run|streak|win|loss|victory|defeat))(?!\w)")


def _distinct_terms(pattern: re.Pattern, lead: str) -> int:
    """How many different words of a story-frame list (`_SPORT`, `_CRIME_STORY`) the lead holds."""
    return len({m.group(0)[1:] for m in pattern.finditer(" " + lead.lower())})
SPORT_TERMS = 3     # distinct sports terms that make a story a sports story
SPORT_LEAD = 5000   # in its title and lead: the frame a story sets early (and a 5 MB page is not read twice)
# the words for armed, organised sides: a story with none of them and no armed actor has no battle
# ("the fight broke out on a train", "took over Washington" in a coach's quote)
_ARMED_SIDE_WORDS = re.compile(r"\b(?:troops|soldiers?|army|armed|military|militar(?:y|ies)|forces|militants?|rebels?|insurgents?|"
                               r"fighters|gunmen|militias?|militiamen|jihadists?|terrorists?|guerrillas?|paramilitar(?:y|ies)|"
                               r"combatants|insurgency|warplanes|jets|artillery|shelling)\b", re.I)


_CRIME_STORY = re.compile(r"[^\w](?:robber(?:y|ies)|burglar(?:y|ies)|theft|thefts|steal|stealing|stole|stolen|shoplift\w*|carjack\w*|"
                          r"mugg(?:ed|ing)|homicide|murder\s+charges?|charged\s+with|911|suspect|suspects|domestic\s+(?:dispute|violence)|"
                          r"drug\s+deal\w*|police\s+chief|sheriff|detectives?|custody\s+battle|ransom\s+demand|sentenced|convicted|"
                          r"prosecutors?|prison|confessed|jury|fbi)(?!\w)")
CRIME_TERMS = 3       # distinct crime terms in the title and lead that make a story a crime story
_ARMED_WITH = re.compile(r"\barmed\s+(?:robbery|robber|with)\b", re.I)
_POLITICAL_WORDS = re.compile(r"\b(?:protest\w*|demonstrat\w*|riot\w*|rall(?:y|ies)|terror\w*|extremis\w*|jihad\w*|insurg\w*|"
                              r"sectarian|ethnic|militia\w*|rebel\w*|cartel|gang\s+war|political|opposition|election)\b", re.I)


def _crime_story(lead: str) -> bool:
    """A crime story ("tried to steal another rider's shoes", "the suspect was arrested", "911 calls"):
    its stabbings, fights and kidnappings by no named side are common crime, which ACLED does not code."""
    return _distinct_terms(_CRIME_STORY, lead) >= CRIME_TERMS \
        and not _ARMED_SIDE_WORDS.search(_ARMED_WITH.sub("", lead)) and not _POLITICAL_WORDS.search(lead)


def _names_armed_side(sentences: list[Sentence], text: str) -> bool:
    """The story names an armed, organised side: an armed actor (police aside) or a word for one."""
    return any(a.actor.inter in (2, 3, 4, 8) or (a.actor.inter == 1 and not a.actor.name.startswith("Police"))
               for s in sentences for a in s.actors) or _ARMED_SIDE_WORDS.search(text) is not None


def extract(text: str, published: str | None = None, title: str | None = None,
            deadline: Deadline = NO_DEADLINE) -> list[Candidate]:
    """Event candidates of the article, merged to one per (sub-event type, place, day).

    `deadline.check` runs between sentences: past the article's time budget it raises
    ExtractionBudgetExceeded (budget.py).
    """
    sentences, pub = analyse(text, published, title, deadline)
    snippet = len(sentences) <= 3
    # a sports story ("pass rusher", "playoffs", "doubles match"): its fights, battles, rallies and
    # takeovers are games; only a word that names violence outright (weight >= 0.9) is an event there
    lead = (title or "") + "\n" + text[:SPORT_LEAD]
    sport = _distinct_terms(_SPORT, lead) >= SPORT_TERMS
    crime = None       # whether it is a crime story: read once, when a killing or a kidnapping by no named side needs it
    armed_story = None       # whether the story names an armed side: read once, when a battle with no side needs it
    if snippet:
        # a snippet is one story: a disaster or crime word anywhere frames all of it
        shared = {}
        for s in sentences:
            shared.update({k: b for k, b in s.blocked.items() if k in ("disaster", "crime", "diplomacy")})
        for s in sentences:
            if s.triggers:
                s.blocked = {**shared, **s.blocked}
    default_day, default_precision = default_date(pub)
    article_home: list[Place | None] | None = None     # the one country the article is about, found when first needed
    candidates: list[Candidate] = []
    last_place: Place | None = None
    last_place_at = -1
    last_group: list[Place] = []
    header: Place | None = None      # the place a section heading named ("CALI (Valle del Cauca)."), until the next one
    dateline_town: list[Place | None] | None = None      # the dateline's town, found when "here" first needs it
    headline_town: list[Place | None] | None = None      # the one town the headline names, found when first needed
    for s in sentences:
        deadline.check("events", s.index, len(sentences))
        first_here = len(candidates)
        if not s.triggers and s.index > 0 and text[max(0, s.span.start - 1):s.span.start] == "\n" and _is_place_heading(s):
            header = next((m.place for m in s.places if m.place.kind != "country" and m.place.latitude is not None), header)
        elif not s.triggers and not s.places and len(s.text) <= 30 and len(s.text.split()) <= 3:
            header = None      # another heading ("Context."): the place heading's section is over
        if not s.triggers and s.index > 0 and _FORCES_DEAD.search(s.text):
            _toll_of_the_fight_told(candidates, s, pub)
        neighbours = None     # the sentences around this one, joined once for all its triggers
        town_mentions = [m for m in s.places if m.place.kind == "town" and m.role in ("locative", "near")
                         and not _DISTANCE_FROM_BEFORE.search(s.text, max(0, m.start - 90), m.start)]
        # a weak word ("attacks", "blast") is an event of its own only when no stronger word of its
        # family reports it: an arrest does not explain "attacks on police stations" in its sentence
        # (not a word that only describes a place: "killed three Palestinians in the occupied West Bank"; nor
        # an event told again: "The strikes came days after raids killed 30 people")
        strong = [t for t in s.triggers if not t.weak and not _adjective_trigger(s, t) and not _told_again(s, t)
                  and not _no_deed_here(s, t)]
        strong_violent = any(_violent_trigger(t) for t in strong)
        strong_other = any(not _violent_trigger(t) for t in strong)
        for t in s.triggers:
            if sport and t.weight < 0.9:
                continue
            if t.weak and _HAPPENED_AFTER.match(s.text, t.end) and _BACK_REFERENCE.match(s.text[:t.start]) \
                    and _dates_event_told(s, t, candidates, pub):
                continue
            if t.weak and (strong_violent if _violent_trigger(t) else strong_other) \
                    and not _own_place_in_list(s, t):
                continue
            if t.weak and _RAIDS.match(t.text) and any(x.type in ("Arrests", "Abduction/forced disappearance", "Sexual violence")
                                                               for x in s.triggers if not x.weak):
                continue      # "arrested ... in a series of raids", "raped ... during a raid": how the event was done
            if t.type == "Attack" and _IN_BATTLE_AFTER.match(s.text, t.end) \
                    and any(x.type == "Armed clash" and x.start > t.end for x in s.triggers):
                continue      # "a rebel was shot dead in an exchange of fire with police": the battle's dead, not an attack
            if t.weak and not snippet and t.type in _NON_VIOLENT_WEAK:
                continue      # troop movements and the like: background in a longer article
            if t.type == "attack" and any(_weapon_trigger(x) and 0 <= t.start - x.end <= 1 for x in s.triggers):
                continue      # "artillery fire on the town", "mortar fire on": the weapon's fire, its event already
            if t.type == "Violent demonstration" and _ARSON.match(t.text) and any(
                    x.type in REMOTE and x.end <= t.start for x in s.triggers):
                continue      # "The blast also wounded 30 people and set several shops ablaze": the blast's damage
            if t.type == "bombard" and any(_weapon_trigger(x) and 0 <= x.start - t.end <= 12 and x.type != "bombard"
                                           and (x.type != "Remote explosive/landmine/IED" or _PLANTED_DEVICE.search(x.text))
                                           for x in s.triggers):
                continue      # "was hit by a roadside bomb", "struck by an artillery shell": the weapon's event
                # (not "hit by a vacuum bomb attack aerially dropped": a bomb of no planted kind)
            if t.type == "bombard" and any(x.type in _HAND_PLACED and not x.weak and 0 <= t.start - x.end <= 60
                                           and not _SENTENCE_BREAK.search(s.text, x.end, t.start) for x in s.triggers):
                continue      # "an explosive device planted by militants targeted their vehicle": the weapon's event, told by what it hit
            if t.type in REMOTE and any(x.type in ("Armed clash", "attack") and not x.weak and x.end <= t.start
                                        and _IN_WHICH.match(s.text, x.end, t.start) for x in s.triggers):
                continue      # "the fighting, in which mortars were used, erupted": the fight's weapons, not an event of their own
            if _MASSACRE.fullmatch(t.text) and any(_weapon_trigger(x) for x in s.triggers):
                continue      # "a massacre ... in a barrel bomb attack": the killing the weapon did, not a second event
            if t.weak and t.type == "Remote explosive/landmine/IED" and any(
                    x.type == "Protest with intervention" and _CROWD_MUNITION.search(x.text) and 0 <= t.start - x.end <= 25
                    for x in s.triggers):
                continue      # "as sound grenades detonated", "tear gas canisters exploded": crowd control, not a bomb
            if t.type not in PROTEST_FAMILY and any(x.type == "Protest with intervention" and (
                    (0 <= x.start - t.end <= 40 and _BY_A_BEFORE.search(s.text, max(t.start, x.start - 12), x.start))
                    or (0 <= t.start - x.end <= 12 and _CROWD_MUNITION.search(x.text))) for x in s.triggers):
                continue      # "struck in the head by a tear gas canister", "hit by rubber bullets", "a tear-gas canister
                #   fired at close range": crowd control's munition
            if s.actors and _SAID_IT_DID.search(s.text[max(0, t.start - 50):t.start + 1]) \
                    and any(c.sub_event_type in VIOLENT_TYPES for c in _recent(candidates, s) if c.sentence.index < s.index):
                continue      # "Al-Shabaab said it carried out the bombing": the event just reported, owned (see below)
            clause = clause_of(s, t.start)
            if t.type == "territory" and _TAKING.match(t.text) and _WANTED_OBJECT.match(s.text, t.end, t.end + 80) \
                    and not _BY_AFTER.match(s.text[t.end:t.end + 30]):
                # "the police captured alias 'El Flaco'", "troops captured the group's commander": a man taken, by
                # the state an arrest, by others an abduction (not a place taken)
                state = any(a.actor.inter == 1 and a.role == "main" and clause.start <= a.start < t.start for a in s.actors)
                t = replace(t, type="Arrests" if state else "Abduction/forced disappearance", needs_place_object=False)
            elif t.type == "territory" and _TAKING.match(t.text) \
                    and (_PERSON_OBJECT.match(s.text[t.end:t.end + 80]) or _FROM_HOME_AFTER.match(s.text, t.end, t.end + 60)):
                t = replace(t, type="Abduction/forced disappearance", needs_place_object=False)
            elif t.type == "territory" and _TAKING.match(t.text) and _PEOPLE_TAKEN_BEFORE.search(s.text, max(0, t.start - 60), t.start):
                # "Seven Afghan nationals were captured": people taken, not a place; by whom, only "by" says
                if not _BY_AFTER.match(s.text[t.end:t.end + 30]):
                    continue
                t = replace(t, type="Abduction/forced disappearance", needs_place_object=False)
            if _dismissed(s, t, clause, pub, snippet):
                continue
            if t.type == "Looting/property destruction" and _EVENT_AS_SUBJECT.match(s.text, clause.start, t.start) \
                    and not _DEATH_WORD.search(s.text, t.end, clause.end):
                continue      # "The blast destroyed several shops": the damage of an event told, not one of its own
            actor1, actor2, assoc1 = pick_actors(s, t, clause)
            downed = t.type == "Disrupted weapons use" and _SHOT_DOWN.search(t.text) is not None
            if downed and actor1 is not None and actor1.start >= t.end and actor2 is None and actor1.actor.aerial:
                actor1, actor2 = None, actor1      # "downed 40 Russian drones": whose drones, not who downed them
            if downed and actor1 is not None and actor2 is None:
                # "Air defences downed 40 Russian drones": a country's aircraft downed are the other side, whoever
                # the downing force's country is not said to be
                actor2 = next((a for a in s.actors if a.role == "main" and a.start >= t.end and a.actor.aerial and a.country_code
                               and a.country_code != actor1.country_code), None)
            if actor1 is None and actor2 is None and _UNDER_FIRE.match(t.text):
                continue      # "the district also came under fire": who fired and who was hit, the sentence does not say
            if t.type == "territory" and actor1 is not None and actor1.actor.inter in (5, 6, 7) and actor1.end <= t.start:
                continue      # "5,000 people entered the Statehouse", "protesters took over the square": no armed side took it
            if ((t.type in ("attack", "Attack", "Armed clash") and (actor1 is None or actor1.actor.inter in (3, 5, 7)))
                    or (t.type == "Abduction/forced disappearance" and (actor1 is None or actor1.actor.inter not in (2, 4, 8)))):
                if crime is None:
                    crime = _crime_story(lead)
                if crime:
                    continue      # a stabbing, a brawl, a kidnapping in a crime story, by no named side (the police who
                                  # "rescued" a kidnapped child are not its kidnappers)
            if t.needs_armed_actor and (actor1 is None or actor1.actor.inter not in (1, 2, 3, 4, 8)
                                        or (actor1.start > t.start and not _BY_AFTER.match(s.text[t.end:actor1.start]))):
                # "five soldiers killed" is a toll; "troops killed five militants", "five militants were
                # killed by troops" are a fight (an agent after the trigger only with "by")
                continue
            if t.needs_armed_story:
                if _violent_told_before(candidates, s):
                    continue      # "Gunmen raided X. Nine people were killed in the village": the raid's toll, told again
                if armed_story is None:
                    armed_story = _names_armed_side(sentences, text)
                if not armed_story:
                    continue      # "14 people were killed" in a story with no armed side: an accident, a disaster
            if neighbours is None:
                neighbours = " ".join(x.text for x in sentences[max(0, s.index - 2):s.index + 3])
            sub = _resolve_type(t.type, s, t, clause, actor1, actor2, neighbours)
            if sub == "Protest with intervention" and _BARE_DISPERSAL.fullmatch(t.text) \
                    and not (_names(_PROTEST_FRAME, neighbours) or _CROWD_WORDS.search(neighbours)):
                continue      # "limits its dispersal", "the convoy dispersed": no crowd, no protest broken up
            sub = _riot_frame(sub, s, clause, neighbours, sentences, t)
            if sub == "Attack" and actor1 is not None and actor1.actor.inter == 1 and actor1.end <= t.start \
                    and not _PASSIVE_BETWEEN.search(s.text, actor1.end, t.start) and _CROWD_AT_IT.match(s.text, t.end):
                # "security forces shot dead seven people as tens of thousands marched against military rule": the
                # state's force against a demonstration
                sub = "Excessive force against protesters"
            if sub == "Violent demonstration" and _RIOT_WORD.match(t.text) and _PRISON.search(s.text):
                sub = "Mob violence"      # "a riot at a prison": inmates' violence, no demonstration
            if sub in BATTLE_LIKE and actor1 is None and actor2 is None and not snippet \
                    and not COMMUNITIES.search(s.text, clause.start, clause.end) \
                    and not IDENTITY_CLASH.search(s.text, clause.start, clause.end):
                # (the militias of two communities are armed sides: "members of the Pokot and Turkana communities fought")
                if armed_story is None:
                    armed_story = _names_armed_side(sentences, text)
                if not armed_story:
                    # a fight or a takeover in a story with no armed side: a brawl, a game, a figure of
                    # speech (a snippet of one or two sentences has no story to tell it by)
                    continue
            if sub == "Abduction/forced disappearance" and actor1 is not None and actor1.actor.inter == 1 \
                    and _TAKING_OR_ROUNDING.match(t.text):
                sub = "Arrests"     # state forces taking people is an arrest in ACLED's coding
            elif sub == "Arrests" and actor1 is not None and actor1.actor.inter in (2, 3, 4) and not actor1.actor.governs \
                    and actor1.actor.name not in load_lexicon().rulers \
                    and actor1.end <= t.start and not _PASSIVE_BETWEEN.search(s.text, actor1.end, t.start) \
                    and not _ARREST_NOUN_OF.match(s.text, t.start):
                sub = "Abduction/forced disappearance"     # "RSF troops rounded up young men": an armed group that does not
                #   govern (nor ever took its country's government: the Taliban's arrests are a state's) takes people;
                #   ACLED codes it an abduction, not an arrest
            # the arrest of a political figure is news whatever the charge ("arrested the former prime minister
            # ... on corruption charges", "hours after a court sentenced him"): the crime and court words do not make it common crime
            notable = sub == "Arrests" and _NOTABLE_ARRESTED.match(s.text, t.end, t.end + 80) is not None
            if sub is None or blocked_by_context(s, sub, t, ("crime", "court") if notable else ()):
                continue
            if sub == "Violent demonstration" and _BARRICADES.search(t.text) and actor1 is not None \
                    and actor1.actor.inter in (1, 2, 3, 4, 8):
                continue      # "police set up roadblocks": checkpoints, not a demonstration's barricades
            if sub == "Peaceful protest" and actor1 is not None and actor1.end <= t.start and actor1.actor.inter in (1, 2, 3, 8) and \
                    not any(a.actor.inter in (5, 6) for a in s.actors if a.role == "main"):
                continue      # armed men at a rally or parade are not protesters
            mention = _select_place(s, t, clause, snippet, first=not candidates or candidates[0].sentence.index == s.index)
            anaphor = _SAME_PLACE_START.match(s.text) \
                or _PLACE_ANAPHOR_AFTER.match(s.text[t.end:t.end + 40]) \
                or _TOWN_BEFORE.search(s.text[max(0, t.start - 30):t.start])
            if anaphor and (mention is None or mention.role != "locative" or abs(mention.start - t.start) > 60):
                # "its outskirts", and "In Aleppo, barrel bombs ... targeted neighborhoods of the city": the
                # place this sentence has already named, not the one the previous sentence ended on ("the
                # town" after "Speaking to ARA News in Damascus, ..." still means the town before)
                its = _ITS_OUTSKIRTS.search(s.text[t.end:t.end + 40])
                own = its or _CITY_WORD.search(anaphor.group(0))
                earlier = [m for m in s.places if m.end <= t.start and m.role == "locative" and m.place.kind == "town"] if own else []
                if earlier:
                    mention = earlier[-1]
                elif _focus(candidates, s, last_place) is not None:
                    mention = Mention(_focus(candidates, s, last_place), t.start, t.start, "", "locative")
            place = mention.place if mention else None
            if t.needs_armed_story and (mention is None or mention.role not in ("locative", "near") or place.kind == "country"):
                continue      # a toll told without its own place ("34 people were killed") counts the event told before it
            if mention is not None and mention.role == "near" and place.geo_precision == 1:
                place = replace(place, geo_precision=2)      # "north of the capital": near the town
            place_explicit = mention is not None
            extra: list[Place] = []
            if mention is not None and mention.role == "locative" and not t.weak:
                # "Birmingham, Liverpool and Nottingham also suffered a night of disorder": one event a town
                extra = [m.place for m in _listed_with(s, mention)]
            # "captured two villages ... The villages of Flita and Ras al-Maara": forward/back reference
            if t.type in ("territory", "Armed clash", "advance") and (place is None or place.kind == "country" or mention.role != "locative"):
                obj = s.text[t.start:t.end + 60]   # the trigger may hold the object ("took the town")
                nxt = sentences[s.index + 1] if s.index + 1 < len(sentences) else None
                if _ANAPHOR_PLURAL.search(obj) or _ANAPHOR_PLURAL.search(s.text[clause.start:clause.end]):
                    group = []
                    if nxt and _PLACES_OF_START.match(nxt.text):
                        group = _enumeration(nxt)
                    group = group or last_group
                    if group:
                        place, extra, place_explicit = group[0], group[1:], True
                elif _ANAPHOR_SINGULAR.search(obj) and last_place is not None and place is None:
                    place, place_explicit = _focus(candidates, s, last_place), True
            if t.needs_place_object and place is None and not _PLACE_OBJECT.match(s.text[t.end:t.end + 80]):
                continue
            if place is not None and place.kind == "country" and sub in _CROWD_TYPES \
                    and (capital := load_gazetteer().capital_of.get(place.country_code)) is not None \
                    and _TO_THE_SEAT.search(s.text):
                # "students marching to Parliament", "a sit-in outside the presidential palace": the capital
                place, place_explicit = replace(capital, geo_precision=1), True
            detail = None     # the lead's detail sentence, when it gives the lead event's place
            if (place is None or place.kind == "country") and not snippet:
                # "... killed in a car bomb attack. The attack targeted a police station in Inkhil ...",
                # "... signed a cease-fire. The agreement was reached in Khartoum": the next sentence,
                # speaking of the same event by its noun, says where
                family = _FOLLOW_UP_NOUNS.get(sub, _FOLLOW_UP_NOUNS["Armed clash"] if sub in VIOLENT_TYPES else None)
                for nxt in sentences[s.index + 1:s.index + 2] if family else []:
                    if (named := re.match(r"\s*\W?(?:The|That|This|These|Those)\s+(?:\S+\s+)?(?:" + family + r")\b", nxt.text)):
                        near = [m for m in nxt.places if m.role in ("locative", "near") and m.place.kind != "country"]
                        # (not "The attack came a day after a bomb went off in Da'el" when the story has named its town:
                        # the place of the event it follows)
                        if near and not (_EVENT_NOUN_COMES.match(nxt.text, named.end()) and last_place is not None
                                         and last_place.kind != "country"):
                            place, place_explicit = near[0].place, True
                        break
                    # "A guerrilla leader has been killed in a clash ... . Officials say X was killed Monday in
                    # the jungles of Caqueta state.": the lead's detail, a death with no event word of its own
                    if s.index == 0 and sub in VIOLENT_TYPES and not _tells_event(nxt) and _KILLED_IN.search(nxt.text) \
                            and count_deaths(nxt.text) == count_deaths(s.text):     # the same dead, told again
                        near = {m.place.key: m.place for m in nxt.places if m.role == "locative" and m.place.kind != "country"}
                        if len(near) == 1:      # one place: several would be several events
                            place, place_explicit, detail = next(iter(near.values())), True, nxt
                    # "... beheaded a fisherman, the military said. The man's body was found on Saturday in the
                    # town of Patikul in Sulu province": where the victim of the lede was found
                    if s.index == 0 and sub in VIOLENT_TYPES and (found := _victims_found_at(nxt, None)) is not None:
                        place, place_explicit = found, True
            if s.index == 0 and sub in VIOLENT_TYPES and place is not None and place.geo_precision == 3 and place.kind != "country" \
                    and len(sentences) > 1 and (found := _victims_found_at(sentences[1], place)) is not None:
                # "Two journalists were shot dead in the state of Michoacan ... The bodies were found near the town of
                # Zitacuaro": where, in the lede's region, the victims were found
                place = found
            carried, nearby = False, None
            if (place is None or place.kind == "country") and not snippet and sub in PROTEST_FAMILY \
                    and (before := next((c for c in reversed(candidates) if c.sentence.index < s.index), None)) is not None \
                    and before.sentence.index == s.index - 1 and before.sub_event_type in PROTEST_FAMILY \
                    and before.place is not None and before.place.kind != "country" and not _ELSEWHERE.search(s.text) \
                    and not any(m.place.kind == "country" for m in s.places if m.role in ("locative", "near")):
                # "A crowd marched to the city hall. Some protesters threw stones at the building": the same crowd,
                # where the sentence before put it
                place, carried = before.place, True
            if (place is None or place.kind in ("country", "province")) and (
                    _HERE.search(s.text, clause.start, clause.end)
                    or _REGIONAL_CAPITAL.search(s.text, clause.start, clause.end)):
                # "hurled a grenade at a store here on Monday": where the dateline says the reporter is; "In the
                # provincial capital, police baton-charged ..." under a "LAHORE:" dateline: the capital is the dateline's town
                if dateline_town is None:
                    dateline_town = [next((m.place for x in sentences[:2] for m in x.places if m.role == "dateline"
                                           and m.place.kind == "town" and m.place.latitude is not None), None)]
                if dateline_town[0] is not None and (place is None or place.country_code == dateline_town[0].country_code) \
                        and (place is None or place.kind == "country" or place.admin1 == dateline_town[0].admin1):
                    place, carried = dateline_town[0], False      # the text says where: not carried over
            if (place is None or place.kind == "country") and header is not None \
                    and (place is None or place.country_code == header.country_code):
                # a report under a place heading ("BOGOTA. On Tuesday, tens of thousands marched ..."), as a
                # bulletin or a live report writes it: the heading's place, as a dateline's
                place = header
            if (place is None or place.kind == "country") and not snippet and last_place is not None and s.index - last_place_at <= 3 \
                    and not t.weak and (_LOCAL_SITE.search(s.text[clause.start:clause.end])
                                        or (nearby := _NEARBY_SITE.search(s.text, clause.start, clause.end)) is not None) \
                    and not OTHER_EVENT.search(s.text[:max(0, t.start)]) \
                    and not any(m.place.kind == "country" and m.place.country_code != last_place.country_code
                                for m in s.places if m.role in ("locative", "near")) \
                    and not (says_the_capital(s.text) and last_place.geonameid not in load_gazetteer().capitals):
                # news keeps to the place it last named until it names another ("Part of the market was
                # looted" after the paragraph on the capital): the event is there, as far as we can tell
                # (not where it says "in the capital" and the place before is another town: the country's capital, below)
                place, carried = _focus(candidates, s, last_place), True
                if nearby is not None and place is not None and place.geo_precision == 1:
                    place = replace(place, geo_precision=2)      # around the town, not in it
            dexpr = _select_date(s, t, clause, pub)
            if dexpr is None and detail is not None:
                dexpr = next(iter(find_dates(detail.text, pub)), None)     # "... was killed Monday in ...": its day too
            if dexpr is not None and dexpr.is_background(pub):
                continue
            if dexpr is not None and dexpr.day is not None and pub is not None and (pub - dexpr.day).days > 7 \
                    and _RECAP_BEFORE.search(s.text, 0, t.start):
                continue      # "The protests had already left 28 dead in December, including 10 ... on Dec. 15, when": a recap
            lede_day = _lede_dated(candidates, s, 2) if dexpr is not None and dexpr.kind == "today" and s.index > 0 \
                and _OVERNIGHT.fullmatch(s.text[dexpr.start:dexpr.end]) else None
            if lede_day is not None and lede_day.day != dexpr.day:
                # "recaptured the town on Friday ... The militants had withdrawn overnight": the night of the story's day
                day, precision, explicit = lede_day.day, lede_day.precision, False
            elif dexpr is not None and dexpr.day is not None:
                # the day of a statement stands, but a mention that dates the event itself overrides it in the merge
                day, precision, explicit = dexpr.day, dexpr.precision, not _said_on(s, dexpr)
            else:
                # no day of its own: the day the lede's dated event set, a few sentences back (news tells
                # one day's events: "... in Caracas on Monday. Protesters blocked roads in Valencia."), else
                # the publication date
                # (only the first sentences' candidates: a look at the article's opening, not at all it holds)
                dated = _lede_dated(candidates, s, _STORY_DAY_SPAN, pub) if s.index <= 2 + _STORY_DAY_SPAN else None
                if dated is None and s.index <= 2 + _STORY_DAY_HOLDS:
                    # ... and further on while no other day is named: the story's day holds until the text
                    # moves to another ("On Wednesday the government ordered ...")
                    dated = _lede_dated(candidates, s, _STORY_DAY_HOLDS, pub)
                    if dated is not None and any(d.day is not None and d.day != dated.day for x in sentences[dated.sentence.index + 1:s.index + 1]
                                                 for d in x.dates):
                        dated = None
                told = _day_told_before(sentences, s, pub)
                if told is not None and (dated is None or told.day != dated.day):
                    # "Unrest also spread on Wednesday. In Girona, ... In Lleida, protesters threw stones": the
                    # day the sentences just before named, until another is named
                    day, precision, explicit = told.day, max(told.precision, 2), False
                else:
                    day, precision, explicit = (dated.day, max(dated.precision, 2), False) if dated is not None \
                        else (default_day, default_precision, False)
            clause_text = s.text[clause.start:clause.end]
            # "attacked the village ... after two Israelis were shot dead nearby": the dead that caused it are
            # another event's; the toll is read before them
            cause = _DEATHS_THAT_CAUSED.search(s.text, t.end)
            toll_end = cause.start() if cause is not None else len(s.text)
            deaths = subset_toll(s.text[clause.start:t.start])
            if deaths is None:
                deaths = count_deaths(s.text[clause.start:min(clause.end, toll_end)])
            if deaths is None and len(s.triggers) == 1:
                deaths = count_deaths(s.text[:toll_end])
            if deaths is None and sub in VIOLENT_TYPES and _KILLED_ONE.match(s.text, t.start, t.end + 30):
                deaths = 1      # "gunmen killed a mayoral candidate": the one person the trigger names
            if deaths is None and sub in VIOLENT_TYPES and "killed" in clause_text:
                # "The civilians were killed when ...": the group the sentences before counted
                group = group_toll(clause_text, [x.text for x in sentences[max(0, s.index - 2):s.index]])
                if group is not None:
                    deaths, back, part = group
                    if part:      # "ten dead, including five civilians": those five died here, not there
                        _move_deaths(candidates, s.index - back, sub, deaths)
            if sub == "Protest with intervention" and deaths is None and _PROTESTERS_DIED.search(s.text, 0, toll_end):
                deaths = count_deaths(s.text[:toll_end])     # "A protester died after being struck by a tear gas canister"
            if sub == "Protest with intervention" and deaths and not _ARMED_VICTIMS.search(clause_text) \
                    and not _FORCE_DEAD.search(clause_text):
                # "A student died after being hit by a tear-gas canister fired by the National Guard": force that
                # killed at a demonstration is ACLED's excessive force (the codebook: lethal force against protesters)
                sub = "Excessive force against protesters"
            if sub not in VIOLENT_TYPES or (t.type == "Looting/property destruction"
                                            and not _HARMED_BEFORE_CAUSE.match(s.text, t.end, clause.end)):
                # a truce or an arrest has no death toll of its own; nor has a burning told with the death
                # that angered the crowd ("set fire to a police station after a man died in custody")
                deaths = None
            if place is None:
                # no place named: the country the sentence names ("Sudanese protesters rallied in the
                # capital"), never the home of forces that struck from afar ("Israeli jets struck")
                # (nor a group's home: "the Lebanese Hezbollah fighters" fight in Syria; nor who tells it: "Thai police said";
                # nor a force that backs the side: "officers backed by the Kenyan force")
                place = country_fallback(s.text, load_gazetteer(),
                                         actor1.country_code if actor1 is not None and sub in REMOTE else None,
                                         [(a.start, a.end) for a in s.actors if a.actor.home or a.role == "assoc"]
                                         + [m.span(1) for m in _BACKED_BY_WORD.finditer(s.text)],
                                         {a.actor.country for a in s.actors if a.actor.country and a.role == "main"},
                                         [(a.start, a.end) for a in s.actors if a.role == "source"])
                if place is None and not countries_worded(s.text) and not any(a.actor.country for a in s.actors if a.role == "main"):
                    # the sentence names no country at all ("Gunmen killed four civilians in an attack on a
                    # market" under a "Kaya, 21 November -" dateline): the one country the article is about
                    if article_home is None:
                        article_home = [article_country([m for x in sentences for m in x.places], title)]
                    place = capital_if_named(s.text, article_home[0], load_gazetteer())     # "in parts of the capital"
                elif place is not None and place.kind == "country":
                    place = capital_if_named(s.text, place, load_gazetteer())     # "Sudanese protesters rallied in the capital"
            if (place is None or place.kind == "country") and title and s.index == 0:
                # the one town the headline names ("Second night of protests in Tbilisi"), in the article's country:
                # where the lede that names no place of its own happened
                if headline_town is None:
                    main_countries, _ = article_countries([m for x in sentences for m in x.places], load_gazetteer(),
                                                          title + "\n" + text, headline=title)
                    towns = {m.place.name: m.place for m in find_places(title, load_gazetteer())
                             if m.place.kind == "town" and m.place.latitude is not None and m.role in ("locative", "dateline")
                             and m.cued and m.place.country_code in main_countries}
                    headline_town = [next(iter(towns.values())) if len(towns) == 1 else None]
                if headline_town[0] is not None and (place is None or place.country_code == headline_town[0].country_code):
                    place = headline_town[0]
            if t.weak and actor1 is None and place is not None and (place.kind == "town" or place.level == 2) \
                    and _HAPPENED_AFTER.match(s.text, t.end) \
                    and (_BACK_REFERENCE.match(s.text[:t.start]) or _SAID_THE.search(s.text, max(0, t.start - 40), t.start)):
                prior = [c for c in _recent(candidates, s, 3) if c.sentence.index < s.index and (
                    c.sub_event_type in VIOLENT_TYPES or c.sub_event_type in ("Sexual violence", "Abduction/forced disappearance"))]
                # (or it had only its region: "... in Narathiwat province ... The attack happened in the Rueso district")
                if prior and (prior[-1].place is None or prior[-1].place.kind == "country"
                              or (prior[-1].place.geo_precision == 3 and place.geo_precision < 3 or place.level == 2 and prior[-1].place.level == 1)
                              and prior[-1].place.admin1 == place.admin1 and prior[-1].place.country_code == place.country_code):
                    # "Soldiers raped 15 women in South Sudan ... The UN said the attacks took place near the town of
                    # Leer": where the event just told happened (each mention of it in its sentence)
                    told = prior[-1]
                    for c in prior:
                        if c.sentence is told.sentence and place_key(c.place) == place_key(told.place):
                            c.place, c.place_explicit = place, True
                    continue
            if sub in PROTEST_FAMILY and _PROTEST_NOUN.fullmatch(t.text) and _DEFINITE_BEFORE.search(s.text, max(0, t.start - 40), t.start) \
                    and any(c.sub_event_type in PROTEST_FAMILY for c in (
                        candidates if _DAYS_BEFORE.search(s.text, max(0, t.start - 40), t.start) else _recent(candidates, s, 4))
                        if c.sentence.index < s.index):
                continue    # "The union-organized rally drew ...", "teachers left at dawn for the rally": the protest told
                # (and "Thursday's protests came four years after ...", however far on: the day's protests the article told)
            if t.weak and actor1 is None and (actor2 is None or actor2.actor.inter == 7) and (place is None or place.kind != "town") \
                    and (_BACK_REFERENCE.match(s.text[:t.start]) or _DURING_THE.search(s.text, max(0, t.start - 40), t.start)):
                prior = [c for c in _recent(candidates, s, 3) if c.sentence.index < s.index
                         and (c.sub_event_type in VIOLENT_TYPES or c.sub_event_type == "Abduction/forced disappearance")]
                if prior:
                    # "The attack was on rebel-held areas", "A teacher was killed during the raid": the event just
                    # reported, told again (a town it names may be that event's finer place: kept, for the merge
                    # to weigh); a toll it gives is that event's when it had none
                    if deaths is not None and prior[-1].fatalities is None and not place_explicit:
                        prior[-1].fatalities = deaths
                    continue
            if actor1 is not None and actor1.actor.name in GENERIC_ARMED and not explicit \
                    and _RETOLD_SUBJECT.match(s.text[clause.start:actor1.end]):
                prior = [c for c in _recent(candidates, s) if c.sentence.index < s.index and c.sub_event_type in VIOLENT_TYPES]
                if prior and place is not None and place.kind == "town" and prior[-1].place is not None \
                        and prior[-1].place.geo_precision == 3 and prior[-1].place.kind != "country" \
                        and place.admin1 == prior[-1].place.admin1 and place.country_code == prior[-1].place.country_code:
                    # "Al-Shabaab stormed a base in Middle Shabelle region ... The militants first detonated a car
                    # bomb at the gate of the base in Biyo Adde village": how the event told unfolded, and where
                    prior[-1].place, prior[-1].place_explicit = place, True
                    if deaths is not None and prior[-1].fatalities is None:
                        prior[-1].fatalities = deaths
                    continue
                if prior and (place is None or prior[-1].place is None or place.key == prior[-1].place.key
                              or place.kind == "country"):
                    # "The assailants targeted residents digging trenches": those who did the event just told,
                    # telling more of it, in no new place and on no new day
                    if deaths is not None and prior[-1].fatalities is None:
                        prior[-1].fatalities = deaths
                    continue
            place_cc = place.country_code if place else None
            parties_cc = place_cc
            if sub == "Government regains territory" and actor1 is not None and "{country}" in actor1.actor.name \
                    and actor1.country_code and place_cc and not same_camp(actor1.country_code, place_cc):
                # ACLED: a foreign state's forces that take a place abroad overtake it, as a non-state actor does
                # ("Russian forces captured a village in the Kharkiv region"); an ally helping the government regains it
                sub = "Non-state actor overtakes territory"
            if sub == "Agreement":
                # a deal signed abroad ("the government and the ELN signed a peace deal in Havana") is between
                # the armed group's country and that group, not the host's government
                home = next((a.actor.country for a in (actor1, actor2) if a is not None and a.actor.country), None)
                parties_cc = home or place_cc
            a1, a2 = default_actors(sub, actor1, actor2, parties_cc, clause_text, s.text,
                                    downed=downed and actor1 is None and actor2 is not None and actor2.actor.aerial)
            if sub == "Agreement" and a1 is not None and a2 is None:
                # "Israel and Hamas exchanged hostages for prisoners": a country named as a party is its government
                party = next((m for m in s.places if m.place.kind == "country" and clause.start <= m.start and m.end <= t.start
                              and _AND_AFTER.match(s.text, m.end) and country_name(m.place.country_code)
                              and country_name(m.place.country_code) not in a1["name"]), None)
                if party is not None:
                    a2 = {"name": f"Government of {country_name(party.place.country_code)}", "inter": 1}
            definite = _DEFINITE_ATTACK.search(s.text[max(0, t.start - 30):t.end + 30])
            if actor1 is None and definite:
                # "The strikes also targeted ...": the same attackers as the event just reported
                prior = [c for c in _recent(candidates, s) if 0 < s.index - c.sentence.index <= 2 and c.sub_event_type == sub]
                if prior:
                    a1, a2 = prior[-1].actor1, prior[-1].actor2
            assoc_names = []
            for a in assoc1:
                n = actor_dict(a, place_cc)["name"]
                if n not in assoc_names and (a1 is None or n != a1["name"]):
                    assoc_names.append(n)
            conf = t.weight + (0.08 if place_explicit and place and place.kind != "country" else 0.0) \
                + (0.04 if actor1 else 0.0) + (0.03 if explicit else 0.0) - (0.2 if t.weak else 0.0) \
                - (min(0.3, 0.1 * s.index) if snippet else min(0.2, 0.03 * s.index)) \
                - 0.04 * (t.start / max(1, len(s.text)))
            if t.type in ("territory",) and actor1 is None:
                conf -= 0.05
            if actor1 is None and actor2 is None:
                conf -= 0.1       # nobody named: the sides are ACLED's defaults, a guess
            if carried:
                conf -= 0.1
            candidates.append(Candidate(sub, s, t, place, place_explicit, day, precision, explicit, a1,
                                        assoc_names, a2, [], deaths, round(max(0.05, min(0.99, conf)), 3),
                                        extra_places=extra, place_carried=carried))
        if town_mentions:
            last_place, last_place_at = town_mentions[-1].place, s.index
            group = _enumeration(s)
            if len(group) >= 2:
                last_group = group
        if s.index > 0 and all(c.sub_event_type == "Peaceful protest" for c in candidates[first_here:]) \
                and _PROTESTERS_DIED.search(s.text):
            # "At least two protesters died of their injuries in hospital": the demonstration just told met
            # lethal force (ACLED's Excessive force against protesters); the dead are its toll
            broken = [c for c in _recent(candidates, s) if c.sentence.index < s.index
                      and c.sub_event_type in ("Protest with intervention", "Excessive force against protesters")]
            dead = count_deaths(s.text) if broken else None
            if dead:
                broken[-1].sub_event_type = "Excessive force against protesters"
                if broken[-1].fatalities is None:
                    broken[-1].fatalities = dead
        if s.index > 0 and _NONE_HURT.match(s.text.strip()):
            # "Shells landed near the market. No casualties were reported.": the event just told killed no one
            # (a sentence that is only this statement: "no one was killed in the blast" names it again)
            told = [c for c in _recent(candidates, s, back=1) if s.index - c.sentence.index == 1
                    and c.sub_event_type in VIOLENT_TYPES and c.fatalities is None]
            for c in told:
                c.fatalities = 0
        if len(candidates) == first_here and s.index > 0 and more_dead(s.text) and not OTHER_EVENT.search(s.text) \
                and not any(m.role in ("locative", "near") and m.place.kind != "country" for m in s.places):
            # "One soldier was also killed.": more dead of the event just told, besides those it counted (not
            # "in another town", nor where a place of their own is named)
            told = [c for c in _recent(candidates, s) if c.sentence.index < s.index and c.sub_event_type in VIOLENT_TYPES
                    and c.fatalities is not None]
            more = count_deaths(s.text) if told else None
            if more:
                told[-1].fatalities += more
        here = candidates[first_here:]      # this sentence's candidates: the merges look at no others
        if len(here) > 1:      # (each merge folds one of them into another: a sentence's only candidate stays as it is)
            prefer_air_over_shelling(here, s)
            chemical_absorbs_delivery(here, s)
            one_protest_per_place(here, s)
            protest_absorbs_killing(here, s)
            territory_absorbs_clash(here, s)
            toll_joins_its_attack(here, s)
            violence_absorbs_destruction(here, s)
            abduction_absorbs_assault(here, s)
            seizure_absorbs_weapons(here, s)
            battle_absorbs_arrests_and_arms(here, s)
            protest_absorbs_arrests(here, s)
            fight_absorbs_killing(here, s)
            interception_absorbs_launch(here, s)
            attack_absorbs_blast(here, s)
            attack_absorbs_raid(here, s)
            weapon_absorbs_blast(here, s)
            weapon_absorbs_attack(here, s)
            transfer_absorbs_withdrawal(here, s)
            candidates[first_here:] = here
        owned = _SAID_IT_DID.search(s.text) if s.actors and "attribution" not in s.blocked else None
        if "attribution" in s.blocked or owned:
            # "The Islamic State group claimed responsibility for the attack.", "IS said it carried out the
            # attack": who did the event just reported (never an armed group's claim on an air strike: it
            # has no aircraft)
            claim = s.blocked.get("attribution") or Span(owned.start(), owned.end())
            claimant = next((a for a in s.actors if a.role == "main" and a.actor.inter in (2, 3, 4, 8)
                             and a.start < claim.start), None)
            if claimant is None and s.text[claim.start:claim.end].endswith(("by", " on")):
                # "The blast was claimed by the Islamic State group", "blamed the attack on anti-balaka
                # militiamen": the claimant after "by" or "on"
                claimant = next((a for a in s.actors if a.role == "main" and a.actor.inter in (2, 3, 4, 8)
                                 and a.start >= claim.end), None)
            # (a claim may come a few sentences after the event: "... The explosion tore through the mosque at
            # 1:30 p.m. A spokesman said the toll would rise. ISKP claimed the attack")
            recent = [c for c in _recent(candidates, s, _CLAIM_SPAN) if 0 < s.index - c.sentence.index <= _CLAIM_SPAN and c.sub_event_type in VIOLENT_TYPES
                      and not (c.sub_event_type == "Air/drone strike" and claimant is not None and claimant.actor.inter != 8)]
            if claimant is not None and claimant.actor.name == "Unidentified armed group":
                claimant = None      # "the suicide bomber responsible for the bombing": no one named
            for c in recent if claimant is not None else ():
                if (c.actor1 or {}).get("name") in GENERIC_ARMED and (c is recent[-1] or c.sub_event_type == recent[-1].sub_event_type):
                    # "Militants attacked ... The Pakistani Taliban claimed responsibility": the group the claim
                    # names, for each mention of the event it claims
                    c.actor1 = actor_dict(claimant, c.place.country_code if c.place else None)
        if not _tells_event(s) and "toll" in s.text and (higher := toll_update(s.text)) is not None:
            # "The toll was later raised to 14": the latest figure for the event just told (ACLED keeps the latest)
            recent = _violent_told_before(candidates, s, 3)
            for c in recent:
                if c.sub_event_type == recent[-1].sub_event_type and (c.fatalities is None or c.fatalities < higher):
                    c.fatalities = higher      # (each mention of that event: the lede's first figure too)
            continue
        if _tells_event(s) and not any(c.sub_event_type in VIOLENT_TYPES for c in candidates[first_here:]) \
                and _DEATH_WORD.search(s.text) and not OTHER_EVENT.search(s.text) and not more_dead(s.text) \
                and (others := fighters_toll(s.text)) and not any(d.is_background(pub) for d in s.dates):
            # "'Several dozen terrorists' were killed by ground units and by aircraft called in as reinforcements": no
            # violence of its own (its event words were no event), the other side's dead of the battle just told
            recent = _violent_told_before(candidates, s)
            if recent:
                add_other_sides_dead(recent[-1], s, others)
        if not _tells_event(s) and not (candidates and candidates[-1].sentence is s) and _DEATH_WORD.search(s.text):
            deaths = count_deaths(s.text)
            if deaths and not OTHER_EVENT.search(s.text):
                # "Two soldiers were killed and 12 wounded.": the toll of the event just reported
                # (not "Thirteen people were killed in other incidents")
                recent = _violent_told_before(candidates, s)
                if _ARMED_VICTIMS.search(s.text):
                    # "They said five soldiers were killed.": the assault, not the pipeline they blew up
                    recent = [c for c in recent if c.sub_event_type in _ASSAULTS] or recent
                word = _DEATH_WORD.search(s.text)
                town = next((m.place for m in s.places if m.role == "locative" and m.place.kind == "town" and m.place.latitude is not None
                             and _KILLED_IN_GAP.fullmatch(s.text, word.end(), m.start)), None)
                if recent and town is not None and recent[-1].place is not None and more_dead(s.text):
                    if place_key(town) != place_key(recent[-1].place) and town.country_code == recent[-1].place.country_code:
                        # "In the Kherson region, two people were killed when shells hit the city ... Three more were
                        # killed in Nikopol": the same kind of attack, by the same side, in another town
                        candidates.append(replace(recent[-1], sentence=s, place=town, place_explicit=True, fatalities=deaths,
                                                  trigger=replace(recent[-1].trigger, start=word.start(), end=word.end(), text=word.group()),
                                                  extra_places=[], place_carried=False, mentions=set()))
                        continue
                if recent and recent[-1].fatalities is None:
                    recent[-1].fatalities = deaths
                elif recent and not more_dead(s.text):
                    add_other_sides_dead(recent[-1], s, deaths)     # "... killing four soldiers. Six attackers were killed": both sides' dead
    return consolidate(candidates, snippet, sentences)


# "said it carried out the attack": a group owning the event just reported (the sentence may report it too)
_SAID_IT_DID = WordGuard(re.compile(r"\bsaid\s+(?:it|they)\s+(?:had\s+)?(?:carried\s+out|was\s+behind|were\s+behind|conducted|staged)"
                                    r"\s+(?:the|that|this|(?:\w+day|\w+'s)\b)", re.I), ("said",))
_CLAIM_SPAN = 4       # sentences after an event within which a claim names who did it
_CLAIM_WORDS = WordGuard(re.compile(r"claim|credit|responsib|behind|carried\s+out", re.I), ("claim", "credit", "responsib", "behind", "carried"))
_HARMED_BEFORE_CAUSE = re.compile(r"(?:(?!\b(?:after|following|over|because)\b).)*?\b(?:killing|killed|leaving\s+(?:\S+\s+){1,3}dead)\b", re.I)
def _day_told_before(sentences: list[Sentence], s: Sentence, pub: date | None) -> DateExpr | None:
    """The one day the last of the three sentences before `s` that names a day names, when it is a day of the week
    before publication and not the day of a statement (None otherwise)."""
    for x in reversed(sentences[max(0, s.index - 3):s.index]):
        days = [d for d in x.dates if d.day is not None and d.precision == 1]
        if not days:
            continue
        told = [d for d in days if not _said_on(x, d) and not d.is_background(pub)]
        if len({d.day for d in told}) != 1 or pub is None or not 0 <= (pub - told[0].day).days <= 7:
            return None
        return told[0]
    return None


def _lede_dated(candidates: list[Candidate], s: Sentence, span: int, pub: date | None = None) -> Candidate | None:
    """The first event the article's opening sentences dated, told at most `span` sentences before `s` (and,
    with `pub`, in the week before publication): the story's day.

    Only the head of the list, which stays in sentence order (_recent), is read: not the whole article."""
    return next((c for c in takewhile(lambda c: c.sentence.index <= 2, candidates)
                 if c.date_explicit and 0 < s.index - c.sentence.index <= span and (pub is None or 0 <= (pub - c.day).days <= 7)), None)


def _victims_found_at(nxt: Sentence, region: Place | None) -> Place | None:
    """The one town where the sentence after a lede says its victims' bodies were found ("The man's body was
    found in the town of Patikul"); within `region` when the lede named one, and then also "near" a town
    (precision 2). None when it names no such town, or several."""
    if _tells_event(nxt) or not _BODY_FOUND.search(nxt.text):
        return None
    roles = ("locative",) if region is None else ("locative", "near")
    towns = {m.place.key: m for m in nxt.places if m.role in roles and m.place.kind == "town"
             and (region is None or (m.place.admin1 == region.admin1 and m.place.country_code == region.country_code))}
    if len(towns) != 1:
        return None
    found = next(iter(towns.values()))
    return replace(found.place, geo_precision=2) if found.role == "near" and found.place.geo_precision == 1 else found.place


_BODY_FOUND = re.compile(r"\b(?:body|bodies|remains)\b[^.;]{0,80}?\b(?:was|were|had\s+been|have\s+been)\s+(?:found|discovered|recovered|dumped)\b", re.I)
_KILLED_IN = re.compile(r"\b(?:was|were|has\s+been|have\s+been)\s+killed\b", re.I)
_PLACE_RIGHT_AFTER = re.compile(r"\s+(?:in|near|outside)\s+(?:the\s+)?$")


def _place_right_after(s: Sentence, t: Trigger) -> Mention | None:
    """The place named right after the trigger ("an explosion in Diyala province"), if any."""
    return next((m for m in s.places if 0 < m.start - t.end <= 16 and m.role == "locative"
                 and _PLACE_RIGHT_AFTER.fullmatch(s.text[t.end:m.start])), None)


def _own_place_in_list(s: Sentence, t: Trigger) -> bool:
    """A weak trigger with a place of its own in a list of incidents ("a soldier in an explosion in
    Diyala province, and a Marine in combat in Anbar province"): each item is an event, so the
    strong word of another item does not explain this one."""
    own = _place_right_after(s, t)
    if own is None or ("," not in s.text and " and " not in s.text):
        return False
    others = [_place_right_after(s, x) for x in s.triggers if not x.weak and x is not t]
    return all(o is not None and o.place.key != own.place.key for o in others)


def _move_deaths(candidates: list[Candidate], index: int, sub: str, deaths: int) -> None:
    """Take `deaths` out of the toll the other events told in sentence `index` share (one death, one event)."""
    for c in reversed(candidates):
        if c.sentence.index < index:
            return
        if c.sentence.index == index and c.sub_event_type != sub and c.fatalities and c.fatalities > deaths:
            c.fatalities -= deaths


def _tells_event(s: Sentence) -> bool:
    """Whether the sentence has an event word of its own: a toll told with no agent ("nine people were
    killed in the village") is one only where no event before it is the one it counts."""
    return any(not t.needs_armed_story for t in s.triggers)


def _violent_told_before(candidates: list[Candidate], s: Sentence, back: int = 2) -> list[Candidate]:
    """The violent events told in the `back` sentences before `s` (not in it), in order."""
    return [c for c in _recent(candidates, s, back) if 0 < s.index - c.sentence.index <= back and c.sub_event_type in VIOLENT_TYPES]


# a count of fighters dead: "At least 31 Burkinabe soldiers were killed", "Two police officers were killed", "23 militants died"
_FORCES_DEAD = WordGuard(re.compile(r"\b(?:\d+|[A-Za-z]+(?:-[a-z]+)?)\s+(?:[\w-]+\s+){0,2}?(?:soldiers|troops|policemen|police\s+officers|officers|gendarmes|"
                          r"servicemen|militants|fighters|insurgents|rebels|jihadists|terrorists|attackers|assailants)\s+(?:were|had\s+been|have\s+been)\s+"
                          r"(?:\w+ly\s+)?(?:killed|martyred|neutrali[sz]ed|shot\s+dead)\b", re.I),
                         ("killed", "martyred", "neutrali", "shot"))      # (tested on every sentence with no trigger)


def _toll_of_the_fight_told(candidates: list[Candidate], s: Sentence, pub: date | None) -> None:
    """'Fighters of JNIM opened fire from both sides of the road. At least 31 Burkinabe soldiers were killed, the
    army said': a sentence that reports no event of its own, only fighters' dead, gives the toll of the armed
    violence told in the two sentences before, when that had none (not a toll of another day, nor a total)."""
    told = [c for c in _recent(candidates, s) if c.sentence.index < s.index and c.sub_event_type in VIOLENT_TYPES]
    if not told:
        return
    told = [c for c in told if c.sentence is told[-1].sentence]
    if any(c.fatalities is not None for c in told):
        return      # (its toll already given: "They said four soldiers were killed" went to the assault, not the sabotage)
    host = next((c for c in reversed(told) if c.sub_event_type in BATTLE_LIKE), told[-1])
    if any(d.precision == 1 and d.day is not None and d.day != host.day for d in find_dates(s.text, pub)):
        return      # a toll of another day (a sentence with no trigger has no dates found yet)
    deaths = count_deaths(s.text)
    if deaths:
        host.fatalities = deaths


def _recent(candidates: list[Candidate], s: Sentence, back: int = 2) -> list[Candidate]:
    """The candidates of `s` and the `back` sentences before it: a tail of the list, which stays in
    sentence order, so finding them does not walk the whole article (linear time in text length)."""
    i = len(candidates)
    while i > 0 and s.index - candidates[i - 1].sentence.index <= back:
        i -= 1
    return candidates[i:]


_PART_WORD_AFTER = re.compile(r"\s+(?:suburbs?|countryside|province|governorate|district|area|region|outskirts|city\s+cent)", re.I)
# "A, B and C"; "A and the capital B", "A, the port city of B and C": each named as a place of its own
_LIST_JOIN = re.compile(r"\s*(?:,|and|,\s*and)\s*(?:the\s+(?:[a-z]+\s+){0,2}?(?:capital|city|town|village|port)(?:\s+of)?\s+)?")


_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+)?(?:(?:towns|villages|cities|areas|localities)\s+of\s+)?$", re.I)


def _listed_with(s: Sentence, mention: Mention) -> list[Mention]:
    """The other towns of a list ("A, B and C") that `mention` belongs to, in its sentence."""
    towns = [m for m in s.places if m.place.kind == "town" and m.role == "locative" and m.place.latitude is not None
             and not _PART_WORD_AFTER.match(s.text[m.end:m.end + 20])]     # "Damascus suburb" names a part, not the city
    if mention not in towns:
        return []
    i = towns.index(mention)
    joined = [_LIST_JOIN.fullmatch(s.text[a.end:b.start]) is not None
              for a, b in zip(towns, towns[1:])]
    lo = i
    while lo > 0 and joined[lo - 1]:
        lo -= 1
    hi = i
    while hi < len(joined) and joined[hi]:
        hi += 1
    if hi == lo + 1 and _BETWEEN_BEFORE.search(s.text, max(0, towns[lo].start - 40), towns[lo].start):
        return []      # "on the road between the towns of Nawa and al-Sheikh Saad": one place between two, not both
    seen = {mention.place.key}
    out = []
    for m in towns[lo:hi + 1]:
        if m.place.key not in seen:
            seen.add(m.place.key)
            out.append(m)
    return out


def _enumeration(s: Sentence) -> list[Place]:
    """The first list of towns joined by 'and' / commas in a sentence ("Flita and Ras al-Maara")."""
    towns = [m for m in s.places if m.place.kind == "town" and m.role in ("locative", "near")]
    for i, first in enumerate(towns):
        group = [first]
        for m in towns[i + 1:]:
            if _LIST_JOIN.fullmatch(s.text[group[-1].end:m.start]):
                group.append(m)
            else:
                break
        if len(group) >= 2:
            return [m.place for m in group]
    return []
