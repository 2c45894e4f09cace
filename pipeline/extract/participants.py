"""Who did what to whom: actor1, actor2 and associates of one event, with ACLED's defaults.

Mentions come from actors.py; here they are assigned to roles around a trigger (subject, object,
passive agent, "pitting A against B") and the sides a text leaves implicit are filled in.
"""

from __future__ import annotations

import re

from .actors import CLAUSE_AND_END, ActorMention, at_war, front_enemy, load_lexicon, rival_states, same_actor, same_camp
from .document import BATTLE_LIKE, REMOTE, Sentence
from .patterns import TailPattern, WordGuard, holds_any
from .places import load_gazetteer
from .sentences import Span
from .triggers import Trigger


def country_name(cc: str | None) -> str | None:
    """The country's name as actor names carry it ("Military Forces of Myanmar", "Protesters (Myanmar)")."""
    if not cc:
        return None
    name = load_lexicon().country_names.get(cc)
    if name:
        return name
    c = load_gazetteer().countries.get(cc)
    return c.name if c else None


def actor_dict(a: ActorMention, event_cc: str | None) -> dict:
    """ACLED name and inter code of a mention at an event in country `event_cc`.

    A state's forces abroad are external forces (8); a group with a home country (Hezbollah) takes
    its home code there and its foreign code elsewhere."""
    cc = a.country_code
    inter = a.actor.inter
    if a.actor.foreign_inter and cc and event_cc and cc != event_cc:
        inter = a.actor.foreign_inter
    if a.actor.home and event_cc:
        if event_cc == a.actor.home and a.actor.home_inter:
            inter = a.actor.home_inter
        elif event_cc != a.actor.home and a.actor.foreign_inter:
            inter = a.actor.foreign_inter
    if a.actor.name in _CROWDS:
        return crowd(a.actor.name, country_name(cc or event_cc), inter)
    where = cc or event_cc
    if a.actor.name_elsewhere and where and where != a.actor.named_in:
        # "Sudan's paramilitaries", "a pro-government militia" in Mali: not Syria's National Defence Forces
        return {"name": a.actor.name_elsewhere.replace("{country}", country_name(where) or where), "inter": inter}
    return {"name": a.actor.named(country_name(where)), "inter": inter}


_CROWDS = ("Protesters", "Rioters", "Civilians")


def crowd(kind: str, country: str | None, inter: int) -> dict:
    """Protesters, rioters and civilians in ACLED's style: the country in parentheses."""
    return {"name": f"{kind} ({country})" if country else kind, "inter": inter}


def side_of(a: ActorMention | None) -> str:
    return a.actor.side if a else "none"


_OBJECT_BEFORE = TailPattern(re.compile(
    r"\b(?:against|with|from|on|at|of|targeting|targeted|flushed|pushed|drove|chased|expelled|killed|killing|kill|"
    r"attacked|attacking|captured|seized|defeated|repelled|besieged|ambushed|wounded|injured|abducted|kidnapped|"
    r"arrested|detained|shot|hit|struck|pounded|bombed|shelled|fought|fighting|clashed|engaged|between|and|"
    r"beheaded|beheading|executed|executing|massacred|massacring|slaughtered|slaughtering|lynched|tortured|raped|"
    r"exhorting|urging|by|victory\s+over|win\s+over|"
    # (a crowd's captives: "residents caught two men and beat them", "pulled out two passengers")
    r"caught|catching|grabbed|dragged|dragging|pulled\s+out|pulling\s+out)\s+(?:the\s+|a\s+|an\s+)?"
    # (not across a time phrase's comma: "On Monday, angry protesters stormed": the subject)
    r"(?:(?!\S*(?:day|night|morning|evening|afternoon),)\S+\s+){0,2}$", re.I), None, max_words=5, fold=True)   # a word or two, an article, two words


def allied(a: ActorMention, b: ActorMention) -> bool:
    """Two actors on the government's side of the same war: the Syrian army and Hezbollah, not Israeli
    jets and Hezbollah. A group's `allies` (country codes) says whose forces it fights beside; a state
    force of a known country outside that list is not its ally."""
    if not (a.actor.side == b.actor.side == "government") or rival_states(a, b):
        return False
    for group, other in ((a, b), (b, a)):
        if group.actor.allies and other.country_code and "{country}" in other.actor.name \
                and other.country_code not in group.actor.allies:
            return False
    return True


# "raids by the army", "an air strike on Tuesday by a US-led coalition": the agent after a day too
_BY_AGENT_GAP = re.compile(r"\s+(?:(?:on|late|early|last)\s+(?:\w+day|night|morning|evening)\s+|overnight\s+|yesterday\s+)?"
                           r"(?:(?:carried\s+out\s+|\S+\s+)?by|(?:attributed|blamed)\s+on|attributed\s+to)\s+(?:the\s+|a\s+|an\s+)?(?:\S+\s+){0,3}$", re.I)
# ("an attack attributed to ADF rebels", "a bombing blamed on the Pakistani Taliban": whom the text names as its agent)
_ARTICLE_END = re.compile(r"\b(?:an?|the)\s+$")
_PITTING = re.compile(r"\b(?:pitt(?:ing|ed)|between)\b")
_FELL = re.compile(r"\bfell\b")
_OF_AGAINST_BEFORE = re.compile(r"\b(?:of|against|from)\s+(?:the\s+)?(?:\S+\s+){0,2}$")
_COMMA_END = re.compile(r",\s*$")
_AGAINST = re.compile(r"\bagainst\b")
_BETWEEN_AND = re.compile(r"^\s+and\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$")
# "against members of the Kurdish People's Protection Units (YPG": the target, named after the trigger
_TARGET_BEFORE = re.compile(r"\b(?:against|targeting|targeted\s+at|aimed\s+at)\s+(?:the\s+)?(?:\S+\s+){0,7}\(?$", re.I)
# "On Tuesday, hundreds of protesters stormed", "A group of gunmen attacked": the "of" of a quantity that opens
# the clause is no object's (not "killed a number of fighters"; not "Dozens of civilians have been killed")
_QUANTITY_OF_END = re.compile(r"(?:^|[,;:]\s+|^(?:On|on|Late|late|Early|early)\s+\w+\s+)(?:(?:a|an|the|About|about|Some|some|Several|several)\s+)?"
                              r"(?:[Hh]undreds|[Tt]housands|[Dd]ozens|[Ss]cores|[Tt]ens|[Mm]illions|[Gg]roups?|[Cc]rowds?|[Bb]and|[Gg]ang)\s+of\s+"
                              r"(?:(?:angry|armed|unknown|suspected)\s+)?$")
_PASSIVE_NEXT = re.compile(r"\s+(?:(?:have|has|had)\s+(?:\w+ly\s+)?been|were|was)\b")


def _quantity_subject(text: str, a: ActorMention) -> bool:
    """Whether the actor is named after a quantity that opens its clause, and acts ("Hundreds of protesters stormed")."""
    return _QUANTITY_OF_END.search(text, max(0, a.start - 40), a.start) is not None and not _PASSIVE_NEXT.match(text, a.end)


_ALLIED_GAP = re.compile(r"\s*(?:and|,|&|along\s+with|as\s+well\s+as)\s*(?:the\s+|its\s+|their\s+)?(?:\S+\s+){0,2}")


# "a police general was stabbed to death during protests": the force is the one harmed, by the crowd
FORCE_PATIENT = re.compile(r"\b(?:police(?:man|men|woman)?|officers?|soldiers?|gendarmes?|troopers?|guards?)\b[^.;]{0,40}?\b(?:was|were|had\s+been|have\s+been)\s+"
                           r"(?:\w+ly\s+)?(?:killed|stabbed|shot|beaten|lynched|burned|burnt|hacked|injured|wounded)\b", re.I)
# who is arrested as a suspect of armed violence: not "civilians" (ACLED names their group, or no one)
_ARMED_SUSPECTS = re.compile(r"\bsuspect(?:s|ed)?\b|\bmilitants?\b|\bgunmen\b|\bfighters?\b|\bterrorists?\b|\binsurgents?\b|"
                            r"\brebels?\b|\bgangs?\b|\bgang\s+members\b|\bcommanders?\b|\bweapons?\b|\brifles?\b|\bexplosives?\b", re.I)
_TOLL_ASIDE = re.compile(r"\b(?:people|persons|civilians|villagers|residents|passengers|worshippers|others|victims)\s*,\s*"
                         r"(?:including|among\s+them|among\s+whom)\s+[^,;.]*$", re.I)


def pick_actors(s: Sentence, t: Trigger, clause: Span):
    """actor1 (agent), actor2 (other side / target) and their associates for one trigger."""
    # a drone with no country word is no side: states, rebels, militias and cartels all fly them
    mains = [a for a in s.actors if a.role == "main" and not (a.country_code is None and _BARE_DRONE.fullmatch(a.text))]
    # (the dead listed in a toll's aside are its victims, not a side: "20 people, including 12 children and a
    # police officer, were killed in an attack")
    # (every match holds "including" or "among": an ASCII sentence with neither has no such aside)
    low = s.text.lower()
    if not s.text.isascii() or "including" in low or "among" in low:
        mains = [a for a in mains if not _TOLL_ASIDE.search(s.text, max(0, a.start - 80), a.start)]
    assocs = [a for a in s.actors if a.role == "assoc"]
    in_clause = [a for a in mains if clause.start <= a.start < clause.end]
    pool = in_clause or mains
    text = s.text
    actor1 = actor2 = None
    listed: list[ActorMention] = []      # allies named with actor1 as one subject ("soldiers and the VDP")
    # passive agent: "was seized by the insurgents", "raids by the army's choppers" (the "by" right after the trigger)
    by = [a for a in pool if a.start > t.end and _BY_AGENT_GAP.match(text[t.end:a.start])
          and not _ARTICLE_END.search(text[t.end:t.end + 5])]
    if not by and (t.text.startswith(("came under", "come under", "comes under", "coming under"))
                   or _UNDER_FIRE_BEFORE.search(text, max(0, t.start - 50), t.start)):
        by = [a for a in pool if a.start > t.end and _FROM_AGENT_GAP.match(text[t.end:a.start])]
    pitting = None
    in_clause_text = text[clause.start:clause.end]
    # every match holds "pitt" or "between": most clauses hold neither, and the scan costs more than the test
    for m in (_PITTING.finditer(in_clause_text) if holds_any(in_clause_text, ("pitt", "between")) else ()):
        if 0 <= m.start() + clause.start - t.end <= 60:
            pitting = m
    inside = [a for a in pool if a.start <= t.start < a.end and a.actor.inter not in (5, 6, 7)]
    # an actor's name right before a trigger that is a noun ("terrorist attacks", "rebel shelling")
    adjacent = [a for a in s.actors if 0 < t.start - a.end <= 1 and text[a.end:t.start] == " " and a.actor.inter not in (5, 6, 7)
                and clause.start <= a.start] if not t.text[:1].isupper() and _NOUN_TRIGGER.fullmatch(t.text) else []
    # the subject of a passive verb is the one acted on: "three policemen were killed by a roadside bomb"
    patients = [a for a in pool if a.end <= t.start + len(t.text) and _PASSIVE_AFTER.match(text[a.end:a.end + 60])]
    if by and not pitting and t.start < by[0].start:
        actor1 = by[0]
    elif (inside or adjacent) and not pitting:
        # "a suicide bomber blew himself up": the trigger names its own agent; "in terrorist attacks",
        # "rebel shelling": the word before the noun names who did it; of "Russian and Syrian strikes"
        # and "U.S. and British warplanes", the first named
        actor1 = inside[0] if inside else adjacent[-1]
        for a in sorted((a for a in s.actors if a.end <= actor1.start), key=lambda a: -a.end):
            if not _COORDINATED_GAP.fullmatch(text[a.end:actor1.start]) or a.actor.inter in (5, 6, 7):
                break
            if allied(a, actor1):
                listed.append(actor1)      # "Syrian and Russian air strikes": Russia beside Syria
            actor1 = a
    elif t.type == "territory" and _FELL.search(t.text):
        after = [a for a in pool if a.start >= t.end and not _OF_AGAINST_BEFORE.search(text[max(0, a.start - 30):a.start])]
        actor1 = after[0] if after else None
    else:
        if (_COMMA_END.search(text[max(0, t.start - 3):t.start]) or _SUBORDINATE_ING_BEFORE.search(text, max(0, t.start - 8), t.start)) \
                and t.text.lower().endswith("ing"):
            # (and "declared victory over the group after capturing its last pocket": the same subject)
            # ", seizing the town": the participle shares the main clause's subject
            subj = [a for a in mains if a.end <= t.start and not _OBJECT_BEFORE.search(text[max(0, a.start - 40):a.start])]
            if subj:
                actor1 = subj[0]
        if actor1 is None:
            # neither the subject of a passive verb nor one just named as killed or hit ("a bombing that
            # killed a police officer, and a mortar attack ...") is the agent of a later trigger
            before = [a for a in pool if a.end <= t.start and a not in patients and not _named_as_hit(a, text)]
            subjects = [a for a in before if not _OBJECT_BEFORE.search(text[max(clause.start, a.start - 40):a.start])
                        or CLAUSE_AND_END.search(text[max(clause.start, a.start - 8):a.start])
                        or _SUBORDINATOR_END.search(text, max(clause.start, a.start - 12), a.start)
                        or _quantity_subject(text, a)]
            if subjects:
                actor1 = subjects[-1]
                # "Burkinabe soldiers and volunteer fighters (VDP) repelled ...": allies named together act
                # together; the first named leads, the others are its associates
                for a in reversed(subjects[:-1]):
                    if not _ALLIES_LISTED_GAP.fullmatch(text[a.end:actor1.start]) or not allied(a, actor1):
                        break
                    listed.append(actor1)
                    actor1 = a
                last = listed[0] if listed else actor1
                for a in before[before.index(last) + 1:]:
                    if not _ALLIES_LISTED_GAP.fullmatch(text[last.end:a.start]) or not allied(a, actor1):
                        break
                    listed.append(a)
                    last = a
            elif before:
                actor1 = before[-1]
    if pitting:
        after = [a for a in pool if a.start > pitting.start() + clause.start]
        if after:
            actor1 = after[0]
            # "pitting X against Y"; "fighting between X and Y": the two sides (not two allies of one)
            gap = _AGAINST if pitting.group() != "between" else _BETWEEN_AND
            against = [a for a in after[1:] if gap.search(text[after[0].end:a.start])
                       and (a.actor.side != after[0].actor.side or a.actor.side == "none" or rival_states(a, after[0]))]
            actor2 = against[0] if against else None
    if actor2 is None and actor1 is not None and _RECIPROCAL.search(t.text):
        # "Indian and Pakistani troops exchanged fire": the rival army named beside the subject is the other side
        rival = next((a for a in pool if a is not actor1 and rival_states(a, actor1)
                      and _COORDINATED_GAP.fullmatch(text[min(a.end, actor1.end):max(a.start, actor1.start)])), None)
        if rival is not None:
            actor1, actor2 = (rival, actor1) if rival.start < actor1.start else (actor1, rival)
    if actor2 is None:
        others = [a for a in pool if a is not actor1 and a.start >= t.start and (actor1 is None or a.start > actor1.start)]
        if actor1 is not None:
            others = [a for a in others if not allied(a, actor1)
                      and not same_actor(a, actor1)
                      and not (a.actor.aerial and _INSTRUMENT_BEFORE.search(text[max(0, a.start - 14):a.start]))
                      and not _ALLIED_GAP.fullmatch(text[actor1.end:a.start])]
            actor2 = others[0] if others else None
            if actor2 is None:
                objects = [a for a in pool if a is not actor1 and a.start > actor1.end and a.end <= t.start
                           and _OBJECT_BEFORE.search(text[max(clause.start, a.start - 40):a.start])
                           and not allied(a, actor1) and not same_actor(a, actor1)
                           # "when Nusra terrorists and other groups targeted ...": one subject of several, not an object
                           and not (_SUBORDINATE_SUBJECT_END.search(text, max(clause.start, actor1.start - 40), actor1.start)
                                    and _ALLIES_LISTED_GAP.fullmatch(_PARENTHESIS.sub("", text[actor1.end:a.start])))]
                actor2 = objects[-1] if objects else None
        elif others:
            actor2 = others[0]
    # ("40 people were killed in clashes between the army and the RSF": the two sides the text names fought)
    # (not when the dead are named as civilians: "58 people including women and children were killed in mutual
    # shelling between ...": the shelling hit them)
    sides_named = pitting is not None and actor1 is not None and actor2 is not None \
        and not (patients and _NAMED_CIVILIANS.search(text, patients[0].start, t.start))
    if patients and patients[0] is not actor1 and (actor2 is None or actor2.start > t.end) and not sides_named \
            and not (actor2 is not None and actor2.actor.inter != 7 and _GENERIC_PEOPLE.fullmatch(patients[0].text.lower())
                     and "civilian" not in text[patients[0].start:t.start].lower()
                     and _TARGET_BEFORE.search(text[max(t.end, actor2.start - 80):actor2.start])):
        # the passive subject is hit more directly than those named after the trigger, unless they are
        # only "people" and the text names the target ("people were killed in an attack by X against
        # members of the YPG"; civilians killed in strikes against a group stay the civilians)
        actor2 = patients[0]
    if actor1 is None:
        rest = [a for a in pool if a is not actor2 and a.actor.inter != 7 and a not in patients
                and not (a.start > t.end and _OWNED_BY.search(text[max(t.end, a.start - 40):a.start]))
                # an armed group named after an air strike is not who flew it ("struck a position where
                # Hezbollah is fighting Daesh")
                and not (t.type == "Air/drone strike" and a.start > t.end and a.actor.inter in (2, 3, 4))]
        if rest and _named_as_hit(rest[0], text):
            if rest[0].start > t.start:
                actor2 = actor2 or rest[0]      # "a bombing that killed a police officer": the one hit, not the bomber
        elif rest:
            actor1 = rest[0]
    if actor1 is None and actor2 is not None and t.type == "Armed clash" and patients and patients[0] is not actor2 \
            and patients[0].actor.inter not in (5, 6, 7) and patients[0].start < t.start:
        # "Six gunmen were killed in a shootout with troops": the armed dead are the other side of the fight
        actor1 = patients[0]
    if actor1 is not None and actor2 is not None and actor1.actor.name == actor2.actor.name \
            and actor1.actor.inter == actor2.actor.inter and not rival_states(actor1, actor2):
        actor2 = None
    site = _targeted_force(s, t, clause)
    if site is not None and actor1 is not None and same_actor(actor1, site) and site.start > t.end \
            and actor1.country_code == site.country_code:      # ("An Israeli missile strike hit a military position": two states)
        actor1 = None       # "police arrested 90 people during attacks on three police stations": not the attackers
    if site is not None and (actor2 is None or (actor2.actor.inter == 7 and _GENERIC_PEOPLE.fullmatch(actor2.text.lower()))) \
            and (actor1 is None or not actor1.is_state or rival_states(actor1, site)):
        # "a car bomb exploded outside a police headquarters, wounding 19 people": the police were the target
        actor2 = site
    assoc1 = [a for a in listed if a is not actor1 and a is not actor2] \
        + [a for a in assocs if actor1 is None or abs(a.start - actor1.start) < 120]
    return actor1, actor2, assoc1


# "attacked a tanker with drones": the weapon the agent used, not a side it hit
_INSTRUMENT_BEFORE = re.compile(r"\b(?:with|using)\s+(?:its\s+|their\s+|armed\s+|explosive-laden\s+)?$", re.I)
_BARE_DRONE = re.compile(r"(?:armed\s+|attack\s+|suicide\s+|kamikaze\s+)?drones?", re.I)
_SUBORDINATE_ING_BEFORE = re.compile(r"\b(?:after|before|while|upon|since)\s+$", re.I)
_COORDINATED_GAP = re.compile(r"\s+and\s+|,\s+")       # "Assad regime and Russian (airstrikes)"
_RECIPROCAL = re.compile(r"exchang|clash|fought|fight|battl|skirmish|gun\s*battle|firefight|shoot-?out", re.I)
# "soldiers and volunteer fighters", "troops, the police and allied militiamen": one subject of several
_ALLIES_LISTED_GAP = re.compile(r",?\s+(?:and|as\s+well\s+as)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}|,\s+(?:the\s+)?")
# a trigger that is a noun ("attacks", "shelling", "air strikes"), which an actor's name before it can modify
_NOUN_TRIGGER = re.compile(r"(?:\S+\s+)?(?:attacks?|raids?|assaults?|shelling|bombardments?|strikes?|airstrikes?|bombings?|ambush(?:es)?|offensive)", re.I)


# "were killed on Tuesday when regime forces shelled the town": a subordinate clause's subject, no object of the verb before
_SUBORDINATOR_END = re.compile(r"\b(?:when|as|while|because|after|before|once|until)\s+(?:the\s+)?$", re.I)
_SUBORDINATE_SUBJECT_END = re.compile(r"\b(?:when|as|while|because|after|before|once|until)\s+(?:[\w-]+\s+){0,3}$", re.I)   # "when terrorists from"
_PARENTHESIS = re.compile(r"\s*\([^()]*\)")
_SUBORDINATOR = re.compile(r"\b(?:after|before|when|while|since|because)\b", re.I)
_FORCE_SITE = re.compile(r"^\s*(?:-|\s)?(?:(?:military\s+)?(?:targets|sites|installations|facilities|assets)|post|posts|base|bases|positions?|checkpoints?|check\s*-?\s*posts?|camps?|barracks|convoy|vehicles?|"
                         r"headquarters|station|stations|compound|patrol|patrols|outpost|outposts)\b", re.I)
_AT_SITE = re.compile(r"\b(?:outside|at|near|on|against|targeting|targeted|hit|hitting|struck|striking|attacked|attacking|"
                      r"ambushed|ambushing|bombed|bombing|shelled|shelling|pounded|pounding|raided|raiding|into|inside)\s+(?:an?\s+|the\s+|their\s+|its\s+|\S+\s+){0,3}$", re.I)


_PASSIVE_AFTER = re.compile(r"(?:\s+[\w'-]+){0,3}?\s+(?:(?:was|were|has\s+been|have\s+been|had\s+been|being|got)\s+"
                            r"(?:(?:\w+ly|also|all|both|later|then|again|since|reportedly|allegedly)\s+){0,2}"
                            r"(?:killed|wounded|injured|attacked|targeted|ambushed|hit|shot|abducted|kidnapped|seized|arrested|"
                            r"detained|captured|executed|beheaded|massacred|bombed|shelled|struck|repulsed|repelled|routed|defeated|"
                            r"pushed\s+back|driven\s+(?:out|back)|expelled|surrounded|besieged|overrun|lynched|stoned|"
                            r"(?:beaten|burned|burnt|hacked|stabbed)(?:\s+(?:to\s+death|alive))?)\b"
                            # "troops came under fire", "the convoy came under heavy artillery fire": hit, as a passive is
                            r"|(?:came|come|comes|coming)\s+under\s+(?:\S+\s+){0,3}?(?:fire|attacks?|shelling|bombardment|assault)\b)", re.I)
# "came under fire from Azerbaijani forces": the agent after "from", as after "by"
_UNDER_FIRE_BEFORE = re.compile(r"\b(?:came|come|comes|coming)\s+under\s+(?:\S+\s+){0,3}$", re.I)
_FROM_AGENT_GAP = re.compile(r"\s+(?:\S+\s+){0,2}?from\s+(?:the\s+|an?\s+)?(?:\S+\s+){0,2}$", re.I)


# "a stronghold of the regime", "a city held by": an actor named after the trigger as an owner, not an agent
_OWNED_BY = re.compile(r"\b(?:of|in|from|to|for|(?:held|controlled|used|run|manned|patrolled|guarded|operated|owned|frequented)\s+by)"
                       r"\s+(?:the\s+)?(?:\S+\s+){0,2}$", re.I)
_GENERIC_PEOPLE = re.compile(r"people|persons|others|passers-by")


def _targeted_force(s: Sentence, t: Trigger, clause: Span) -> ActorMention | None:
    """The security force whose post, convoy or station an attack hit ("a car bomb exploded outside a
    police headquarters"): ACLED codes the force as the target."""
    for a in s.actors:
        if a.role != "attributive" or not a.is_state or not (clause.start <= a.start < clause.end) \
                or not _FORCE_SITE.match(s.text[a.end:a.end + 20]):
            continue
        if (a.start >= t.end - 1 and _AT_SITE.search(s.text[max(t.start, a.start - 50):a.start])
                # (the site of this trigger, not of another event word between: "were repulsed by troops after
                # they attacked a military base")
                and not any(x.start >= t.end and x.end <= a.start and not x.weak and _SUBORDINATOR.search(s.text, t.end, x.start)
                            for x in s.triggers)) \
                or (a.end <= t.start and _PASSIVE_AFTER.match(s.text[a.end:a.end + 60])):
            return ActorMention(a.actor, a.start, a.end, a.text, a.country_code, "main")
    return None


def _as_government(a: dict | None, mention: ActorMention | None) -> dict | None:
    """"The Colombian government signed a ceasefire": a party to a deal named as the government is the
    Government of the country, not its armed forces."""
    if a is None or mention is None or not a["name"].startswith("Military Forces of ") or "government" not in mention.text.lower():
        return a
    return {**a, "name": "Government of " + a["name"].removeprefix("Military Forces of ")}


_ELDERS = re.compile(r"\b(?:elders|community\s+leaders|clan\s+leaders|traditional\s+leaders|chiefs)\b", re.I)


def default_actors(sub: str, actor1: ActorMention | None, actor2: ActorMention | None, place_cc: str | None,
                    clause_text: str, sentence_text: str, downed: bool = False):
    """Fill in the side the text leaves implicit, following ACLED habits for each sub-event type.

    `downed`: an aircraft or drone (actor2) shot down by no one named."""
    a1 = actor_dict(actor1, place_cc) if actor1 else None
    a2 = actor_dict(actor2, place_cc) if actor2 else None
    if sub == "Agreement":
        a1, a2 = _as_government(a1, actor1), _as_government(a2, actor2)
        if actor1 is not None and actor1.actor.inter == 7 and _ELDERS.search(actor1.text) and (a2 is None or a2["inter"] == 7):
            # "Borana and Gabra elders signed a cessation of hostilities": a truce between communities, each side's
            # militia a party to it (ACLED: identity militias), their elders speaking for them
            return {"name": "Identity militia", "inter": 4}, {"name": "Identity militia", "inter": 4}
    country = country_name(place_cc)
    state = {"name": f"Military Forces of {country}" if country else "State forces", "inter": 1}
    police = {"name": f"Police Forces of {country}" if country else "Police Forces", "inter": 1}
    rebels = {"name": "Opposition rebels", "inter": 2}
    civilians = crowd("Civilians", country, 7)
    protesters = crowd("Protesters", country, 6)
    rioters = crowd("Rioters", country, 5)
    unidentified = {"name": "Unidentified armed group", "inter": 3}
    identity = {"name": "Identity militia", "inter": 4}
    # "gunmen believed to be from the Murle community": a people's militia
    if a1 is not None and a1["name"] == "Unidentified armed group" and _FROM_A_COMMUNITY.match(sentence_text, actor1.end):
        a1 = dict(identity)
    if a2 is not None and a2["name"] == "Unidentified armed group" and _FROM_A_COMMUNITY.match(sentence_text, actor2.end):
        a2 = dict(identity)
    # a state's forces abroad, in a state they are at war with ("Russian forces captured a village in the
    # Kharkiv region"): the side the text leaves unnamed is that state's forces, not rebels
    invader = next((a for a in (actor1, actor2) if a is not None and "{country}" in a.actor.name
                    and at_war(a.country_code, place_cc)), None)
    # ... and on a war's front, the unnamed opponent of the state's own forces is the invader's ("Ukrainian
    # troops recaptured the village": from Russia's forces)
    enemy = front_enemy(place_cc)
    own = [a for a in (actor1, actor2) if a is not None and "{country}" in a.actor.name and a.country_code in (None, place_cc)]
    # (bystanders named first are no side: "Three people died when a drone struck a minibus")
    agent = actor1 if actor1 is not None and actor1.actor.inter != 7 else None
    if invader is None and enemy and (agent in own if agent is not None
                                      else actor2 is None or actor2 in own or actor2.actor.inter == 7):
        enemy_forces = {"name": f"Military Forces of {country_name(enemy)}", "inter": 8}
    else:
        enemy_forces = None
    if sub in BATTLE_LIKE:
        if a1 is not None and a1["inter"] == 7:
            a1, actor1 = None, None      # bystanders ("civilians displaced by the fighting") are never a side
        unnamed1 = a1 is None or (actor1 is not None and a1["name"] in ("Unidentified armed group", "Opposition rebels")
                                  and not _REBEL_WORD.search(actor1.text))
        if unnamed1 and (a2 is None or a2["inter"] == 7 or a2["name"] == "Unidentified armed group") and sub == "Armed clash" \
                and (IDENTITY_CLASH.search(clause_text) or COMMUNITIES.search(clause_text)):
            # "ethnic clashes", "tribal fighting", "clan fighting", "armed men from the Kuki and Meitei communities
            # exchanged fire": militias of communities on both sides
            return identity, dict(identity)
        rival = RIVAL_GROUPS.search(sentence_text) if sub == "Armed clash" else None
        # ("Rival gangs fought ... before police and soldiers regained control": the gangs are the sides)
        rivals_first = rival is not None and actor1 is not None and rival.start() < actor1.start and rival.group() in clause_text
        if rival is not None and actor1 is not None and rival.start() <= actor1.start < rival.end() and a1["inter"] in (3, 4) \
                and (a2 is None or a2["inter"] == 7 or a2["name"] == a1["name"]):
            # "a gunbattle between the two criminal groups": the groups the text names are both sides
            return a1, dict(a1)
        if (unnamed1 or a1["inter"] == 1) and (a2 is None or a2["inter"] == 7 or (a1 is not None and a2["name"] == a1["name"]) or rivals_first) \
                and sub == "Armed clash" and (RIVAL_GROUPS.search(clause_text) or _BETWEEN_ONE_KIND.search(clause_text)) \
                and not _REBEL_WORD.search(clause_text):
            # "clashes between rival cult groups", "rival gangs fought", "an exchange of fire between armed
            # miscreants": two armed groups, neither named
            return dict(unidentified), dict(unidentified)
        if a1 is None and a2 is None:
            other = enemy_forces or rebels
            a1, a2 = (other, state) if sub == "Non-state actor overtakes territory" else (state, other)
        elif a1 is None and a2["inter"] == 8 and enemy_forces is None and invader is not actor2 and side_of(actor2) != "government":
            a1 = dict(unidentified)     # "peacekeepers were killed when their convoy was ambushed": by no one named
        elif a1 is None:
            a1 = state if invader is actor2 else enemy_forces or (rebels if a2["inter"] == 1 or side_of(actor2) == "government" else state)
        if (a2 is None or a2["inter"] == 7) and a1["inter"] in (2, 3, 4) and _INFIGHTING.search(clause_text):
            # "infighting among rebel groups", "rival militias clashed": both sides are of one camp
            return a1, (rebels if a1["inter"] == 2 else dict(unidentified, inter=a1["inter"]))
        if a1["inter"] == 4 and (a2 is None or a2["inter"] == 7) and (actor1 is None or actor1.actor.side == "none"):
            # "clashes between Fulani herders and farmers": communities fighting, a militia on each side
            return a1, dict(identity)
        if a2 is None or a2["inter"] == 7:
            # the other side of a battle is the opposing camp, never the bystanders
            government_side = (actor1 is not None and actor1.actor.side == "government") or a1["inter"] == 1
            a2 = state if invader is not None and invader is actor1 else enemy_forces or (rebels if government_side else state)
    elif sub in REMOTE:
        if a1 is not None and a1["inter"] in (5, 6, 7):
            a1 = None
        if sub in ("Remote explosive/landmine/IED", "Suicide bomb", "Grenade") and actor1 is not None \
                and _victim(actor1, sentence_text):
            a1, a2 = None, a1      # "a car bomb ... killing two policemen": the police are the target
        if a1 is None and enemy_forces is not None and sub in ("Air/drone strike", "Shelling/artillery/missile attack"):
            a1 = enemy_forces      # on a war's front, unclaimed shelling and air strikes are the invader's
        if a1 is None:
            a1 = unidentified
        if a2 is None and a1["inter"] in (2, 3, 4) and _ARMED_TARGET.search(clause_text) and not _CIVILIAN_WORDS.search(clause_text):
            a2 = state
        if (a2 is None or a2["inter"] == 7) and a1["inter"] in (1, 8) and actor1 is not None and actor1.country_code and place_cc \
                and actor1.country_code != place_cc and _MILITARY_SITE.search(clause_text) and not _NAMED_CIVILIANS.search(clause_text):
            a2 = state      # "Israeli missiles struck an air base near Homs": a foreign state's strike on the state's forces
        if a2 is None and a1["inter"] in (1, 2, 3, 4, 8) and _INFRASTRUCTURE.search(clause_text) \
                and not _CIVILIAN_WORDS.search(clause_text) and not _HARMED.search(clause_text):
            return a1, None         # "blew up pipelines": a sabotage with no one named as harmed
        if a2 is None:
            if _CIVILIAN_WORDS.search(clause_text) or a1["inter"] in (2, 3, 4) \
                    or (_CIVILIAN_SITE.search(sentence_text) and not _MILITARY_SITE.search(clause_text)):
                # (or civilian buildings and vehicles hit: "drones struck a warehouse and a residential building",
                # "an FPV drone struck a private car": the civilians there, not the state's forces)
                a2 = civilians
            elif a1["inter"] == 8 and actor1 is not None and actor1.actor.home and place_cc \
                    and place_cc not in actor1.actor.allies and place_cc != actor1.actor.home:
                # "Hezbollah fired rockets at northern Israel": a foreign armed group's fire on a state it does not fight
                # beside falls on that state's forces (in Syria, where it fights for the government, on the rebels)
                a2 = state
            elif a1["inter"] in (1, 8):
                a2 = state if invader is not None and invader is actor1 or a1 is enemy_forces else enemy_forces or rebels
    elif sub in ("Attack", "Abduction/forced disappearance", "Sexual violence"):
        if a1 is None and a2 is not None and a2["inter"] in (2, 3, 4) and actor2 is not None \
                and _BY_BEFORE.search(sentence_text, max(0, actor2.start - 12), actor2.start):
            a1, a2 = a2, None      # "was ambushed on Tuesday near the town of Pibor by gunmen": the passive's agent
        if sub == "Attack" and a1 is not None and a1["inter"] in (5, 6):
            a1, a2 = unidentified, protesters      # "someone fired into a crowd of protesters": the crowd is who was attacked
        if a1 is None or a1["inter"] == 7:
            a1 = unidentified
        # "five soldiers were captured by al-Shabaab", "abducted two policemen": the state's men taken stay the other side
        state_taken = sub == "Abduction/forced disappearance" and a2 is not None and a2["inter"] == 1 and a1["inter"] != 1 \
            and (_TAKEN_AFTER.match(sentence_text, actor2.end) or _TAKING_BEFORE.search(sentence_text[max(0, actor2.start - 40):actor2.start]))
        if sub == "Attack" and a2 is not None and a2["inter"] in (5, 6) and a1["inter"] != 1:
            a2 = protesters      # "thugs attacked protesters": the crowd attacked, as ACLED names it (36)
        elif not state_taken and (a2 is None or a2["inter"] != 7):
            a2 = civilians
    elif sub == "Peaceful protest":
        a1 = a1 if a1 and a1["inter"] == 6 else protesters
        a2 = None
    elif sub in ("Protest with intervention", "Excessive force against protesters"):
        # who broke it up: the state's forces, or an armed group acting as one ("Taliban fighters beat protesters")
        forces = next((a for a in (a1, a2) if a and a["inter"] == 1), None) \
            or next((a for a in (a1, a2) if a and a["inter"] in (2, 3, 4, 8)), None) or police
        a1, a2 = (a1 if a1 and a1["inter"] == 6 else a2 if a2 and a2["inter"] == 6 else protesters), forces
    elif sub == "Violent demonstration":
        # the force the crowd met before a bystander hurt ("security forces clashed with protesters; one man was shot dead")
        opponent = next((a for a in (a2, a1) if a and a["inter"] == 1), None) or (a2 if a2 and a2["inter"] == 7 else None)
        if opponent is None and (_CLASH.search(clause_text) and not _RIVALS.search(clause_text) or FORCE_PATIENT.search(sentence_text)):
            opponent = police       # protesters who clash with no one named clash with the police (or harm its officers)
        a1, a2 = (a1 if a1 and a1["inter"] == 5 else rioters), opponent
    elif sub == "Mob violence":
        # protesters named as the only side of a crowd's violence are its victims ("party supporters attacked protesters")
        victims = a1 if a1 and a1["inter"] == 6 and a2 is None and not _CROWD_WORD.search(actor1.text) else None
        a1 = a1 if a1 and a1["inter"] == 5 else rioters
        if (a2 is None or a2["inter"] in (6, 7)) and _CLASH.search(clause_text) \
                and (_RIVALS.search(clause_text) or PARTISANS.search(clause_text)):
            return a1, dict(rioters)      # rival crowds, party supporters that clash: rioters on both sides
        a2 = a2 if a2 and a2["inter"] != 5 else victims or civilians
    elif sub == "Arrests":
        # (a group that governs where it acts arrests as a state does: "the SDF arrested five IS suspects")
        if (a1 is None or a1["inter"] not in (1, 8)) and not (actor1 is not None and actor1.actor.governs and a1["name"] == actor1.actor.name):
            a2 = a2 or (a1 if a1 and a1["inter"] != 1 else None)
            a1 = police
        if a2 is None and a1["inter"] in (1, 8) and not _ARMED_SUSPECTS.search(clause_text):
            a2 = civilians      # "detained the leader of the party", "arrested four activists": people, as ACLED names them (17)
    elif sub == "Disrupted weapons use" and a1 is not None and a1["inter"] == 7:
        a1, a2 = state, None      # bombs defused, found by fishermen: the state's forces deal with them
    elif downed and a1 is None and a2 is not None and a2["inter"] == 8:
        # "Ukraine says it downed 40 Russian drones": the state's air defence, against the other's drones; a
        # government's ally's aircraft shot down ("a Russian helicopter was shot down near Saraqeb") fell to its rebels
        ally = actor2 is not None and actor2.country_code and place_cc and same_camp(actor2.country_code, place_cc)
        a1 = rebels if ally else state
    elif downed and a1 is None and a2 is not None and a2["inter"] == 1:
        a1 = rebels               # "shot down a regime MiG warplane": the state's own aircraft fell to its opponents
    elif a1 is None and sub == "Looting/property destruction" and _CROWD_LOOTERS.search(clause_text):
        a1, a2 = rioters, None      # "Picketers set fire to three buses", "locals went on a looting spree": a crowd's, not the state's
    elif a1 is None:
        a1, a2 = (a2, None) if a2 else (state, None)
    elif sub in ("Headquarters or base established", "Change to group/activity"):
        a2 = None       # one side sets up a post or changes itself; a force named near it ("posts surrounded by ...") is no party
    elif sub == "Looting/property destruction" and a2 is None and a1["inter"] in (1, 2, 3, 4, 8) \
            and _CIVILIAN_PROPERTY.search(clause_text):
        a2 = civilians      # "Israeli forces demolished homes", "militiamen looted shops": the civilians whose property it was
    if a2 is not None and a2 == a1:
        a2 = None
    return a1, a2


_CROWD_WORD = re.compile(r"crowd|mob|throng", re.I)
_CROWD_LOOTERS = re.compile(r"\b(?:picketers|protesters|demonstrators|rioters|looters|crowds?|mobs?|locals|youths|residents|"
                            r"supporters|hartal|unrest)\b", re.I)
_TAKEN_AFTER = re.compile(r"(?:\s+[\w-]+){0,4}?\s+(?:were|was|have\s+been|had\s+been)\s+(?:\w+ly\s+)?"
                          r"(?:abducted|kidnapped|captured|seized|taken|held)\b", re.I)
_TAKING_BEFORE = re.compile(r"\b(?:abducted|abducting|kidnapped|kidnapping|captured|capturing|seized|seizing)\s+(?:\S+\s+){0,3}$", re.I)
# "between armed miscreants", "between two groups of gunmen": one kind of unnamed armed men on both sides
_BETWEEN_ONE_KIND = re.compile(r"\bbetween\s+(?:two\s+)?(?:groups\s+of\s+)?(?:armed\s+|unidentified\s+|unknown\s+)?"
                               r"(?:miscreants|gunmen|armed\s+men|bandits|gangs|gangsters)\b(?!\s+(?:and|&)\b)", re.I)
RIVAL_GROUPS = re.compile(r"\b(?:between|among)\s+(?:two\s+)?rival\s+(?:\S+\s+){0,2}?(?:groups|gangs|cults|factions|militias|clans)\b"
                          r"|\bbetween\s+(?:the\s+)?two\s+(?:\S+\s+){0,2}?(?:groups|gangs|cults|factions|militias|clans|cartels)\b"
                           r"|\brival\s+(?:\S+\s+)?(?:gangs|cults|cult\s+groups)\s+(?:\S+\s+){0,2}?(?:clashed|fought|battled)\b", re.I)
_INFIGHTING = re.compile(r"\binfighting\b|\brival\s+(?:\S+\s+)?(?:groups|factions|militias|gangs|clans)\b"
                         r"|\b(?:clash(?:es|ed)?|fighting|battles?)\s+(?:among|between)\s+(?:the\s+)?(?:\S+\s+){0,8}?"
                         r"(?:opposition|rebel|jihadist|militant|terrorist|armed|insurgent|Islamist)\s+(?:groups|factions|militias)\b", re.I)
# "(armed men) from the Kuki and Meitei communities": the fighters of named communities
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?$", re.I)
_FROM_A_COMMUNITY = re.compile(r"\s+(?:(?:believed|thought|said|suspected)\s+to\s+(?:be|have\s+been)\s+)?(?:from|of)\s+the\s+"
                               r"(?:[A-Z][\w'\u2019-]*\s+){1,2}(?:community|communities|clan|tribe|ethnic\s+group)\b")
COMMUNITIES = re.compile(r"\b(?:from|of|between)\s+(?:the\s+)?(?:rival\s+)?(?:[A-Z][\w'\u2019-]*\s+(?:and\s+)?){1,4}communities\b"
                          # "pitted Zande and Balanda militias against each other": two peoples' militias
                          r"|\b[A-Z][\w'\u2019-]*\s+and\s+[A-Z][\w'\u2019-]*\s+(?:militias|militiamen|clans|tribes|clansmen|tribesmen)\b"
                          # "clashes between herders and farmers": the two livelihoods' communities
                          r"|\b(?:herders?|herdsmen|pastoralists|farmers)\s+and\s+(?:local\s+|sedentary\s+)?(?:farmers|herders?|herdsmen|pastoralists)\b")
_REBEL_WORD = re.compile(r"\brebel|\binsurgen|\bjihad|\bopposition\b", re.I)
IDENTITY_CLASH = re.compile(r"\b(?:ethnic|tribal|clan|inter-?clan|inter-?ethnic|inter-?tribal)\s+(?:\S+\s+)?(?:clash(?:es)?|fighting|violence|feud|battles?)\b"
                            # "clashes between two tribes over a land dispute": the tribes' militias on both sides
                            r"|\b(?:clash(?:es)?|fighting|battles?|feud)\s+between\s+(?:the\s+)?(?:two\s+)?(?:rival\s+)?(?:\S+\s+)?"
                            r"(?:tribes|clans|sub-?clans|ethnic\s+groups)\b", re.I)
_CLASH = re.compile(r"\bclash(?:es|ed|ing)?\b|\bskirmish(?:es|ed)?\b|\bscuffle[sd]?\b", re.I)
_RIVALS = re.compile(r"\bbetween\b|\brival\b|\bamong\s+themselves\b|\beach\s+other\b", re.I)
# the supporters of political parties ("supporters of rival political parties clashed", "party activists")
PARTISANS = re.compile(r"\b(?:supporters|activists|members|workers|cadres|loyalists)\s+of\s+(?:the\s+)?(?:\S+\s+){0,3}?part(?:y|ies)\b"
                       r"|\bparty\s+(?:supporters|activists|workers|cadres|loyalists)\b"
                       # "supporters of rival candidates": an election's camps
                       r"|\b(?:supporters|activists|loyalists|followers)\s+of\s+(?:the\s+)?(?:two\s+|rival\s+|opposing\s+|competing\s+)+(?:\S+\s+)?(?:candidates|politicians|camps|factions|leaders)\b"
                       # "supporters of the ruling Awami League and the opposition BNP": of two named movements
                       r"|\b(?:supporters|activists|cadres|loyalists|followers)\s+of\s+(?:the\s+)?(?:ruling\s+|opposition\s+|rival\s+|main\s+)?"
                       r"(?-i:[A-Z])[\w'\u2019-]*(?:\s+(?-i:[A-Z])[\w'\u2019-]*){0,3}\s+(?:and|or)\s+(?:the\s+|its\s+)?"
                       r"(?:ruling\s+|opposition\s+|rival\s+|main\s+)?(?-i:[A-Z])", re.I)
_INFRASTRUCTURE = WordGuard(re.compile(r"\b(?:pipelines?|oil\s+(?:wells?|facilit(?:y|ies)|installations?|terminals?|depots?)|refiner(?:y|ies)|fuel\s+depots?|"
                                       r"energy\s+(?:facilit(?:y|ies)|infrastructure)|power\s+grid|substations?|power\s+(?:lines?|pylons?|"
                                       r"stations?|plants?)|pylons?|electricity\s+towers?|telecom\w*\s+(?:towers?|masts?)|railway\s+lines?|rail\s+lines?|"
                                       r"railways?|bridges?|gas\s+lines?)\b", re.I))
_HARMED = re.compile(r"\b(?:killed|killing|dead|died|wounded|wounding|injured|injuring|casualties)\b", re.I)
_ARMED_TARGET = WordGuard(re.compile(r"\b(?:soldiers|troops|army|police(?:men)?|security\s+forces|checkpoints?|military|forces|base|convoy|patrol)\b", re.I),
                          ("soldiers", "troops", "army", "police", "security", "checkpoint", "military", "forces", "base", "convoy", "patrol"))
_CIVILIAN_PROPERTY = re.compile(r"\b(?:homes?|houses?|huts|shops?|stores|markets?|crops|granaries|livestock|cattle|farms?|villages?|"
                                r"property|properties|belongings|businesses|churches|church|mosques?|schools?)\b", re.I)
_MILITARY_SITE = re.compile(r"\b(?:air\s*bases?|airbases?|military\s+(?:bases?|airports?|airfields?|positions?|posts?|sites?|facilit(?:y|ies)|"
                            r"headquarters|compounds?|installations?)|army\s+(?:bases?|posts?|barracks|headquarters|positions?)|barracks|garrisons?)\b", re.I)
_NAMED_CIVILIANS = re.compile(r"\bcivilians?\b|\bchildren\b|\bwomen\b", re.I)
_CIVILIAN_SITE = re.compile(r"\b(?:residential|apartment\s+(?:block|building)s?|high-rise|homes?|houses?|private\s+(?:houses?|homes?|cars?|vehicles?)|"
                            r"hospitals?|clinics?|schools?|kindergartens?|markets?|supermarkets?|shopping\s+(?:centre|center|mall)|"
                            r"warehouses?|churche?s?|mosques?|civilian\s+(?:infrastructure|cars?|vehicles?|buses|bus|targets?)|"
                            r"minibus(?:es)?|passenger\s+(?:bus|train)|playgrounds?|cafes?|restaurants?|hotels?)\b", re.I)
_CIVILIAN_WORDS = re.compile(r"\bcivilians?\b|\bchildren\b|\bwomen\b|\bresidents\b|\bpeople\b", re.I)


_HIT_BEFORE = WordGuard(re.compile(r"\b(?:killing|killed|kill|wounding|wounded|injuring|injured|targeting|targeted|hitting)\s+"
                         r"(?:(?:at\s+least|more\s+than|some|about|nearly|up\s+to|a|an|the|one|two|three|four|five|six|"
                         r"seven|eight|nine|ten|\d+|several|dozens|scores|of|other|off-duty|local|senior)\s+){0,4}$", re.I),
                        ("kill", "wound", "injur", "target", "hitting"))


def _named_as_hit(actor: ActorMention, text: str) -> bool:
    """An actor named as the object of a killing or targeting verb ("killed at least one police officer")."""
    return bool(_HIT_BEFORE.search(text[max(0, actor.start - 60):actor.start]))


_VICTIM_BEFORE = re.compile(r"\b(?:killing|killed|wounding|wounded|injuring|injured|targeting|targeted|hit|against|near)\s+"
                            r"(?:(?!(?:in|by|from|during|after|when|while|as|because|since)\b)\S+\s+){0,3}$", re.I)


def _victim(actor: ActorMention, sentence_text: str) -> bool:
    """An actor named as the target of a bombing ("killing two policemen", "targeting soldiers")."""
    return bool(_VICTIM_BEFORE.search(sentence_text[max(0, actor.start - 60):actor.start]))
