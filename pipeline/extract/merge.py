"""One record per event: mentions of the same event in an article become one EventRecord.

Also settles overlaps inside a sentence (an air strike coded once even if artillery joined it,
a takeover absorbing its fighting, one protest type per place) and attaches follow-up death tolls.
"""

from __future__ import annotations

import math
import re
from datetime import timedelta
from dataclasses import replace

from .document import BATTLE_LIKE, OTHER_EVENT, PROTEST_FAMILY, VIOLENT_TYPES, Candidate, Sentence, clause_of, place_key
from .numbers import SIDE_NOUNS, counts_fighters, fatalities as count_deaths, fighters_toll
from .participants import country_name
from .patterns import holds_any, without_quotes


def _fold_into(host: Candidate, part: Candidate, cands: list[Candidate]) -> None:
    """`part` told the same event as `host`: the host keeps what only the part gave (its dead, its
    place), and the part leaves `cands`."""
    if host.fatalities is None:
        host.fatalities = part.fatalities
    if host.place is None and part.place is not None:
        host.place, host.place_explicit = part.place, part.place_explicit
    cands[:] = [c for c in cands if c is not part]


def prefer_air_over_shelling(cands: list[Candidate], s: Sentence) -> None:
    """'aircraft and artillery pounded X': one bombardment, coded as the air strike."""
    here = [c for c in cands if c.sentence is s]
    for air in [c for c in here if c.sub_event_type == "Air/drone strike"]:
        clause = clause_of(s, air.trigger.start)
        for sh in [c for c in here if c.sub_event_type == "Shelling/artillery/missile attack"]:
            if clause_of(s, sh.trigger.start) != clause or place_key(sh.place) != place_key(air.place):
                continue
            if (sh.actor1 or {}).get("inter") != (air.actor1 or {}).get("inter") and sh.actor1 and air.actor1 \
                    and sh.actor1.get("inter") != 3 and air.actor1.get("inter") != 3:
                continue
            if air.actor1 and air.actor1.get("inter") == 3 and sh.actor1:
                air.actor1, air.actor2 = sh.actor1, sh.actor2
            _fold_into(air, sh, cands)
            here = [c for c in here if c is not sh]


_BARE_BLAST = re.compile(r"(?:blasts?|explosions?)", re.I)
_WEAPON_TYPES = ("Shelling/artillery/missile attack", "Air/drone strike", "Suicide bomb", "Grenade", "Chemical weapon")
_ANY_WEAPON = _WEAPON_TYPES + ("Remote explosive/landmine/IED",)      # what an event word like "attack" does not name


def attack_absorbs_blast(cands: list[Candidate], s: Sentence) -> None:
    """'Gunmen opened fire and detonated explosives at a church, killing dozens of worshippers': one attack
    on civilians, its explosives a means (the same attackers, the same place, one sentence)."""
    here = [c for c in cands if c.sentence is s]
    attacks = [c for c in here if c.sub_event_type == "Attack"]
    for blast in [c for c in here if c.sub_event_type == "Remote explosive/landmine/IED" and (c.actor2 or {}).get("inter") == 7]:
        owner = next((a for a in attacks if a.actor1 == blast.actor1 and place_key(a.place) == place_key(blast.place)), None)
        if owner is not None:
            _fold_into(owner, blast, cands)


_RAID_VERB = re.compile(r"storm(?:ed|ing)|raid(?:ed|ing)|overr(?:an|un)|attack(?:ed|ing)|invad(?:ed|ing)", re.I)


def attack_absorbs_raid(cands: list[Candidate], s: Sentence) -> None:
    """'The gunmen stormed Koui and opened fire on residents': one attack on civilians; the storming, a battle
    only by default (its other side named nowhere in the sentence), is how it was done (same attackers, same place)."""
    here = [c for c in cands if c.sentence is s]
    attacks = [c for c in here if c.sub_event_type == "Attack" and (c.actor2 or {}).get("inter") == 7]
    for raid in [c for c in here if _default_raid(c, s)]:
        owner = next((a for a in attacks if a.actor1 == raid.actor1 and place_key(a.place) == place_key(raid.place)), None)
        if owner is not None:
            _fold_into(owner, raid, cands)


def battle_absorbs_arrests_and_arms(cands: list[Candidate], s: Sentence) -> None:
    """'Special forces killed three militants and detained two others in a raid', 'troops neutralised two
    terrorists, while one was apprehended', '... killed two militants in Sopore, adding that two rifles were
    recovered': one operation of the state's forces, coded as its fight; the men and the arms taken in it are
    not an arrest or a seizure of their own (same sentence, same place)."""
    here = [c for c in cands if c.sentence is s]
    battles = [c for c in here if c.sub_event_type == "Armed clash"
               and 1 in ((c.actor1 or {}).get("inter"), (c.actor2 or {}).get("inter"))]
    taken = [c for c in here if (c.sub_event_type == "Arrests" and (c.actor1 or {}).get("inter") == 1)
             or (c.sub_event_type == "Disrupted weapons use" and _SEIZURE_WORD.search(c.trigger.text))]
    for part in taken:
        owner = next((b for b in battles if place_key(b.place) == place_key(part.place)), None)
        if owner is not None:
            _fold_into(owner, part, cands)


def protest_absorbs_arrests(cands: list[Candidate], s: Sentence) -> None:
    """'Police broke up a protest by opposition supporters and arrested at least 40 workers': the arrests are how the
    state's force intervened in the demonstration, one event coded as the protest with intervention, not an arrest
    of their own (same sentence, same place; arrests during a riot stay their own event)."""
    here = [c for c in cands if c.sentence is s]
    protests = [c for c in here if c.sub_event_type in ("Peaceful protest", "Protest with intervention")]
    for arrest in [c for c in here if c.sub_event_type == "Arrests" and (c.actor1 or {}).get("inter") == 1]:
        owner = next((p for p in protests if place_key(p.place) == place_key(arrest.place)), None)
        if owner is not None:
            if owner.sub_event_type == "Peaceful protest":
                owner.sub_event_type, owner.actor2 = "Protest with intervention", arrest.actor1
            _fold_into(owner, arrest, cands)


def seizure_absorbs_weapons(cands: list[Candidate], s: Sentence) -> None:
    """'recovered a cache of arms, including AK-47 rifles and grenades': the weapons named after a seizure
    are what was seized, not a grenade attack (the same sentence, after the seizure's word)."""
    here = [c for c in cands if c.sentence is s]
    seized = [c for c in here if c.sub_event_type == "Disrupted weapons use"]
    for w in [c for c in here if c.sub_event_type in _ANY_WEAPON]:
        owner = next((d for d in seized if d.trigger.start < w.trigger.start and _WEAPON_NOUN.fullmatch(w.trigger.text)
                      and _SEIZURE_WORD.search(d.trigger.text)), None)
        if owner is not None:
            _fold_into(owner, w, cands)


def _default_raid(c: Candidate, s: Sentence) -> bool:
    """A storming or raid coded as a battle only by default: the state's or a foreign force's side is named
    nowhere in the sentence."""
    return c.sub_event_type == "Armed clash" and (c.actor2 or {}).get("inter") in (1, 8) \
        and _RAID_VERB.match(c.trigger.text) is not None and not {a.actor.inter for a in s.actors if a.role == "main"} & {1, 8}


def weapon_absorbs_blast(cands: list[Candidate], s: Sentence) -> None:
    """'an explosion due to a rocket', 'the blast was caused by a mortar shell': one event, coded by the
    weapon the sentence names, not also a bomb of unknown kind (same clause, same place); and 'a suicide
    bomber detonated an explosive belt': the suicide bombing, whatever word names its explosives."""
    here = [c for c in cands if c.sentence is s]
    weapons = [c for c in here if c.sub_event_type in _WEAPON_TYPES]
    for blast in [c for c in here if c.sub_event_type == "Remote explosive/landmine/IED"]:
        bare = _BARE_BLAST.fullmatch(blast.trigger.text) is not None
        owner = next((w for w in weapons if (bare or w.sub_event_type == "Suicide bomb")
                      and clause_of(s, w.trigger.start) == clause_of(s, blast.trigger.start)
                      and (w.place is None or blast.place is None or place_key(w.place) == place_key(blast.place))), None)
        if owner is not None:
            if (owner.actor1 or {}).get("inter") == 3 and blast.actor1 and blast.actor1.get("inter") != 3:
                owner.actor1, owner.actor2 = blast.actor1, blast.actor2
            _fold_into(owner, blast, cands)


def weapon_absorbs_attack(cands: list[Candidate], s: Sentence) -> None:
    """'a suicide bomber blew himself up and gunmen stormed a restaurant', 'militants attacked the village with
    guns and drone-dropped bombs': one complex attack, coded by the weapon that makes it remote violence, not
    also an attack of its own (one sentence, one place, the same attackers or attackers left unnamed)."""
    here = [c for c in cands if c.sentence is s]
    weapons = [c for c in here if c.sub_event_type in _WEAPON_TYPES]
    for attack in [c for c in here if c.place is not None and c.sub_event_type in ("Attack", "Armed clash")]:
        # (a battle only when the attack names its weapon after it: "attacked an army post with mortars")
        owner = next((w for w in weapons if w.place is not None and place_key(w.place) == place_key(attack.place)
                      and w.day == attack.day and _same_or_unnamed(w.actor1, attack.actor1)
                      and (attack.sub_event_type == "Attack" or _default_raid(attack, s) or _done_with(s, attack, w))), None)
        if owner is not None:
            if _unnamed(owner.actor1) and not _unnamed(attack.actor1):
                owner.actor1, owner.actor2 = attack.actor1, attack.actor2
            _fold_into(owner, attack, cands)


_WITH_END = re.compile(r"\bwith\s+(?:[\w-]+\s+){0,3}$")


def _done_with(s: Sentence, attack: Candidate, weapon: Candidate) -> bool:
    """'attacked an army post with mortars': the weapon named after the attack, in its clause, as its means."""
    return attack.trigger.end <= weapon.trigger.start and clause_of(s, attack.trigger.start) == clause_of(s, weapon.trigger.start) \
        and _WITH_END.search(s.text, max(attack.trigger.end, weapon.trigger.start - 40), weapon.trigger.start) is not None


def _same_or_unnamed(a: dict | None, b: dict | None) -> bool:
    return a == b or _unnamed(a) or _unnamed(b)


def _unnamed(actor: dict | None) -> bool:
    return actor is None or actor.get("name", "").startswith("Unidentified")


_SEIZURE_WORD = re.compile(r"seiz|recover|found|discover|confiscat|cache|uncover|stockpile|depot", re.I)
_WEAPON_NOUN = re.compile(r"(?:hand\s+|rocket-propelled\s+)?grenades?|(?:land)?mines?|rockets?|mortars?(?:\s+shells?)?|shells|"
                          r"explosives?|IEDs?|improvised\s+explosive\s+devices?|bombs?|explosive\s+devices?|missiles?", re.I)
_LIST_GAP = re.compile(r"\band\b|[,;]")
# what joins a weapon and the agent it carried: "filled with", "loaded with", "pounded by", "carried out by"
_CARRIED_GAP = re.compile(r"\b(?:filled|loaded|laden|contain(?:ing|ed)|carrying|with|by|using)\b|-filled\b")


def chemical_absorbs_delivery(cands: list[Candidate], s: Sentence) -> None:
    """'barrel bombs filled with chlorine', 'pounded by chemical weapons': the bombs or shells carried the
    agent, so the event is the chemical attack (the codebook's chemical weapon takes precedence over
    how it was delivered); 'airstrikes and a chemical attack' stay two."""
    here = [c for c in cands if c.sentence is s]
    for chem in [c for c in here if c.sub_event_type == "Chemical weapon"]:
        for other in [c for c in here if c.sub_event_type in ("Air/drone strike", "Shelling/artillery/missile attack")]:
            a, b = sorted((chem.trigger, other.trigger), key=lambda t: t.start)
            gap = s.text[a.end:b.start]
            if b.start < a.end or len(gap) > 60 or _LIST_GAP.search(gap) or not _CARRIED_GAP.search(gap):
                continue
            if (chem.actor1 or {}).get("inter") in (None, 3) and other.actor1:
                chem.actor1, chem.actor2 = other.actor1, other.actor2 or chem.actor2
            _fold_into(chem, other, cands)
            here = [c for c in here if c is not other]


_INTERCEPT_WORD = re.compile(r"intercept|shot\s+down|shooting\s+down|downed", re.I)
# "intercepted most of the rockets", "three of the drones", "the rest hit": some got through, an attack of their own
_PART_GOT_THROUGH = re.compile(r"\b(?:most|some|several|many|part|majority|all\s+but|rest|remaining|others?)\b|\b\w+\s+of\s+(?:the|them|its)\b", re.I)
_LAUNCHED_TYPES = ("Shelling/artillery/missile attack", "Air/drone strike")


def interception_absorbs_launch(cands: list[Candidate], s: Sentence) -> None:
    """'Houthi rebels fired a ballistic missile at Jizan, but it was intercepted by Saudi air defences': the
    codebook's disrupted weapons use (air defence shoots down a missile), not also a missile attack that
    never landed; the interceptor is its first actor and the launcher the second. When part of a salvo got
    through ('intercepted most of the 20 rockets') or the attack killed people, both stay."""
    here = [c for c in cands if c.sentence is s]
    caught_ones = [c for c in here if c.sub_event_type == "Disrupted weapons use" and _INTERCEPT_WORD.search(c.trigger.text)]
    if not caught_ones or _PART_GOT_THROUGH.search(s.text):
        return
    for caught in caught_ones:
        fired = next((c for c in here if c.sub_event_type in _LAUNCHED_TYPES and not c.fatalities
                      and (c.place is None or caught.place is None or place_key(c.place) == place_key(caught.place))), None)
        if fired is None:
            continue
        launcher = fired.actor1
        if launcher and caught.actor1 and launcher.get("inter") == caught.actor1.get("inter") and caught.actor2:
            caught.actor1 = caught.actor2      # "fired ..., but it was intercepted by Saudi air defences": the interceptor
        if launcher and launcher.get("inter") != 3 and launcher != caught.actor1:
            caught.actor2 = launcher
        _fold_into(caught, fired, cands)
        here = [c for c in here if c is not fired]


def territory_absorbs_clash(cands: list[Candidate], s: Sentence) -> None:
    """'retaking the district after heavy street fighting': the fighting is part of the takeover."""
    here = [c for c in cands if c.sentence is s]
    taken = {place_key(c.place) for c in here if c.sub_event_type in ("Government regains territory", "Non-state actor overtakes territory") and c.place}
    drop = [c for c in here if c.sub_event_type == "Armed clash" and c.place and place_key(c.place) in taken]
    for c in drop:
        _fold_into(next(x for x in here if x.sub_event_type != "Armed clash" and place_key(x.place) == place_key(c.place)), c, cands)


_FIREFIGHT = re.compile(r"(?:during|in)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:shoot-?out|gunfight|gun\s+battle|firefight|exchange\s+of\s+fire|clash(?:es)?|encounter)\b", re.I)


def fight_absorbs_killing(cands: list[Candidate], s: Sentence) -> None:
    """'Soldiers shot dead three gang members during a shootout': the men killed in the fight are its dead,
    not an attack on civilians of its own (same sentence, same side shooting, same place)."""
    here = [c for c in cands if c.sentence is s]
    fights = [c for c in here if c.sub_event_type == "Armed clash" and _FIREFIGHT.search(s.text)]
    for killing in [c for c in here if c.sub_event_type == "Attack" and (c.actor2 or {}).get("inter") == 7]:
        shooter = (killing.actor1 or {}).get("name")
        owner = next((f for f in fights if shooter in ((f.actor1 or {}).get("name"), (f.actor2 or {}).get("name"))
                      and place_key(f.place) == place_key(killing.place)), None)
        if owner is not None:
            _fold_into(owner, killing, cands)      # (its dead become the fight's when the fight counted none)


def toll_joins_its_attack(cands: list[Candidate], s: Sentence) -> None:
    """'25 civilians were killed in US Air Force attacks on a village': the dead are the attack's,
    not an Attack of their own, even when the word for the attack is as weak as the toll's."""
    here = [c for c in cands if c.sentence is s and c.sub_event_type in VIOLENT_TYPES]
    tolls = [c for c in here if c.trigger.weak and c.trigger.type == "Attack" and c.sub_event_type == "Attack"]
    for toll in tolls:
        clause = clause_of(s, toll.trigger.start)
        owner = next((c for c in here if c not in tolls and c.sub_event_type != "Armed clash" and clause_of(s, c.trigger.start) == clause
                      and (c.place is None or toll.place is None or place_key(c.place) == place_key(toll.place))), None)
        if owner is not None:
            _fold_into(owner, toll, cands)


def violence_absorbs_destruction(cands: list[Candidate], s: Sentence) -> None:
    """'Gunmen stormed a village, killing 12 farmers and burning homes', '... burned homes and abducted
    several women': ACLED codes property destroyed in the course of violence as that violence, not as Looting/property destruction of its own (the same
    side, the same place, one sentence)."""
    here = [c for c in cands if c.sentence is s]
    for c in [c for c in here if c.sub_event_type == "Looting/property destruction"]:
        # (a destruction whose agent came out as the victims named before it, "killed 20 people, including women and
        # children, and burned dozens of homes", is the killers')
        owner = next((x for x in here if (x.sub_event_type in VIOLENT_TYPES or x.sub_event_type == "Abduction/forced disappearance")
                      and x.sub_event_type != "Looting/property destruction" and (x.actor1 == c.actor1 or (c.actor1 or {}).get("inter") == 7) and (x.place is None or c.place is None or place_key(x.place) == place_key(c.place))), None)
        if owner is not None:
            _fold_into(owner, c, cands)


def abduction_absorbs_assault(cands: list[Candidate], s: Sentence) -> None:
    """'Gunmen stormed a school and kidnapped 20 students': one abduction, the storming its means (the
    same side, the same place, one sentence). With dead ('killed two and abducted 20') ACLED codes the
    attack, and the abduction is part of it."""
    here = [c for c in cands if c.sentence is s]
    for taken in [c for c in here if c.sub_event_type == "Abduction/forced disappearance"]:
        assault = next((x for x in here if x.sub_event_type == "Attack" and x.actor1 == taken.actor1
                        and (x.place is None or taken.place is None or place_key(x.place) == place_key(taken.place))), None)
        if assault is None:
            continue
        host, part = (assault, taken) if assault.fatalities else (taken, assault)
        _fold_into(host, part, cands)
        here = [c for c in here if c is not part]


def transfer_absorbs_withdrawal(cands: list[Candidate], s: Sentence) -> None:
    """'troops withdrew from Kidal without a fight, handing control to ...': one transfer, not also a
    change to the group's activity; 'advanced on Al-Asaba and entered without fighting': not also a
    clash or a takeover by force."""
    here = [c for c in cands if c.sentence is s]
    moved = {place_key(c.place) for c in here if c.sub_event_type == "Non-violent transfer of territory"}
    drop = {id(c) for c in here if c.sub_event_type in ("Change to group/activity", "Armed clash", "Non-state actor overtakes territory",
                                                       "Government regains territory") and place_key(c.place) in moved}
    if drop:
        cands[:] = [c for c in cands if id(c) not in drop]


_CAUSE_WORD = re.compile(r"\b(?:after|following|over|in\s+(?:retaliation|revenge|response|protest))\b", re.I)
# (and "youths who had marched", "stone-throwing youths": a crowd told by its deeds; "March" the month is none)
_CROWD_TOLD = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|marchers|rioters|riot|(?-i:march(?:ed|ing|es)?)|"
                         r"stone[\s-]*(?:throw|pelt)\w*)\b", re.I)


# the crowd an attack is aimed at, named in its words ("fired into a crowd of protesters", "opened fire on a group of demonstrators")
CROWD_TARGET_IN = re.compile(r"\b(?:into|at|on|upon)\s+(?:a\s+(?:crowd|group|column|procession|gathering)\s+of\s+|the\s+)?(?:[\w-]+\s+)?"
                             r"(?:protesters|demonstrators|marchers)\b", re.I)
_CROWD_OBJECT = re.compile(r"\s+(?:the\s+|a\s+group\s+of\s+|a\s+crowd\s+of\s+)?(?:[\w-]+\s+)?(?:protesters|demonstrators|marchers)\b", re.I)


def protest_absorbs_killing(cands: list[Candidate], s: Sentence) -> None:
    """'One man was shot dead in Conakry as security forces clashed with protesters': the death at a
    demonstration is its toll, not an attack of its own (the same place, one sentence, no attacker named
    but the force the crowd met)."""
    here = [c for c in cands if c.sentence is s]
    crowds = [c for c in here if c.sub_event_type in PROTEST_FAMILY]
    if not crowds or not _CROWD_TOLD.search(s.text):
        return
    for c in [c for c in here if c.sub_event_type == "Attack" and ((c.actor1 or {}).get("name") in GENERIC_ARMED + (None,)
                                                                    or (c.actor1 or {}).get("inter") == 1)]:
        if (c.actor1 or {}).get("inter") != 1 and (_CROWD_OBJECT.match(s.text, c.trigger.end) or CROWD_TARGET_IN.search(c.trigger.text)):
            continue      # "a group of thugs attacked protesters", "men on motorcycles opened fire on a group of
            #   demonstrators": an attack on the crowd, by men the text names
        owner = next((x for x in crowds if place_key(x.place) == place_key(c.place)), None)
        if owner is not None and not (owner.trigger.end <= c.trigger.start
                                      and _CAUSE_WORD.search(s.text, owner.trigger.end, c.trigger.start)):
            # (not the killing that set it off: "protesters set fire to offices after a young man was shot dead")
            if owner.actor2 is None and (c.actor1 or {}).get("inter") == 1:
                owner.actor2 = c.actor1      # the force that fired on the crowd is the demonstration's other side
            if (c.actor1 or {}).get("inter") == 1 and c.fatalities and owner.sub_event_type in ("Peaceful protest", "Protest with intervention"):
                # the state's forces killed at it: a riot when the crowd threw stones, else excessive force
                owner.sub_event_type = "Violent demonstration" if _CROWD_HURLED.search(s.text) else "Excessive force against protesters"
                owner.actor1 = _crowd_as(owner.sub_event_type, owner.actor1)
            _fold_into(owner, c, cands)


_CROWD_HURLED = re.compile(r"\bstone[\s-]*(?:throw|pelt)\w*|\b(?:pelted|hurl(?:ed|ing)|threw|throwing)\s+(?:\S+\s+){0,2}?(?:stones|rocks|bricks|"
                           r"petrol\s+bombs|molotov)|\brioters\b|\brioting\b", re.I)


def _crowd_as(sub: str, actor: dict | None) -> dict | None:
    """The crowd of a demonstration named as ACLED names it by what happened: rioters in a violent
    demonstration, protesters in the other protest types ("Rioters (Guinea)" met excessive force: protesters)."""
    if actor is None or sub not in PROTEST_FAMILY or actor.get("inter") not in (5, 6):
        return actor
    if sub == "Violent demonstration":
        return {"name": actor["name"].replace("Protesters", "Rioters", 1), "inter": 5}
    return {"name": actor["name"].replace("Rioters", "Protesters", 1), "inter": 6}


def one_protest_per_place(cands: list[Candidate], s: Sentence) -> None:
    """A demonstration is coded once, by what happened at it: excessive force > riot > intervention > peaceful."""
    here = [c for c in cands if c.sentence is s and c.sub_event_type in PROTEST_FAMILY]
    if len(here) < 2:
        return
    keep = {}
    for c in here:
        k = place_key(c.place)
        if k not in keep or _crowd_rank(c, PROTEST_FAMILY) < _crowd_rank(keep[k], PROTEST_FAMILY):
            keep[k] = c
    drop = {id(c) for c in here if keep[place_key(c.place)] is not c}
    for c in here:
        if id(c) not in drop and keep[place_key(c.place)] is c:
            same = [x for x in here if place_key(x.place) == place_key(c.place)]
            c.confidence = max(x.confidence for x in same)
            # the force the crowd met, as another mention names it ("security forces clashed with opposition
            # supporters"), not a bystander told beside it ("one person was shot dead")
            if (c.actor2 or {}).get("inter") in (None, 7):
                force = next((a for x in same for a in (x.actor2, x.actor1) if (a or {}).get("inter") == 1), None)
                if force is not None:
                    c.actor2 = force
            if c.fatalities is None:
                c.fatalities = next((x.fatalities for x in same if x.fatalities is not None), None)
    cands[:] = [c for c in cands if id(c) not in drop]


# a sentence that opens on the count of more dead: "At least three other rebels were killed in the clash"
# (not "his son and 12 other militants were killed", where "other" is besides the son)
# (also after who tells it: "A military spokesman said two soldiers were also killed in the clashes")
_TOLD_BY = r"^(?:[^.;:]{0,80}?\b(?:said|says|told\s+\w+|reported|added|confirmed)\s+(?:that\s+)?)?\W*"
MORE_DEAD = re.compile(_TOLD_BY + r"(?:at\s+least\s+|some\s+)?(?:\d+|[a-z]+(?:-[a-z]+)?)\s+(?:other|more|additional|further)\s+"
                        r"(?:[\w-]+\s+){0,2}(?:(?:were|was|have\s+been|had\s+been)\s+killed|died)\b"
                        # "One soldier was also killed": besides those told
                        r"|" + _TOLD_BY + r"(?:at\s+least\s+|some\s+)?(?:\d+|[a-z]+(?:-[a-z]+)?)\s+(?:[\w-]+\s+){0,2}"
                        r"(?:(?:were|was|have\s+been|had\s+been)\s+also\s+killed|also\s+died)\b", re.I)


# a death of no violence: "a soldier also died in a non-combat related incident", "in a road accident"
_NON_COMBAT = re.compile(r"\bnon-?combat|\baccident|\billness|natural\s+causes|heart\s+attack|\bdrown", re.I)


def more_dead(text: str) -> bool:
    """The sentence opens (after who tells it) on the count of more dead of the event just told."""
    low = text.lower()
    if ("killed" not in low and "died" not in low) or not holds_any(low, _MORE_WORDS):
        return False      # every match holds one of each (a sentence seldom does: the search costs more)
    text = without_quotes(text)     # ('"Dozens of terrorists" were also killed')
    return MORE_DEAD.search(text) is not None and _NON_COMBAT.search(text) is None


_MORE_WORDS = ("other", "more", "additional", "further", "also")


def consolidate(cands: list[Candidate], snippet: bool, sentences: list[Sentence]) -> list[Candidate]:
    """Merge mentions of one event, attach death counts of follow-up sentences, drop place-less ones."""
    # expand multi-place events ("the villages of Flita and Ras al-Maara")
    expanded: list[Candidate] = []
    for c in cands:
        if not c.extra_places or c.sub_event_type == "Agreement":
            # (one agreement covers the towns it names: "evacuations from Arbin, Zamalka and Ein Tarma")
            expanded.append(replace(c, extra_places=[]) if c.extra_places else c)
            continue
        # one event a place; a toll is not split among them: it stays with the place it names
        # ("... with three confirmed fatalities in Birmingham"), else with the first
        places = [c.place] + list(c.extra_places)
        toll_at = _toll_place(c.sentence.text, places) if c.fatalities is not None else None
        for i, p in enumerate(places):
            keep = p is toll_at if toll_at is not None else i == 0
            expanded.append(replace(c, place=p, extra_places=[], fatalities=c.fatalities if keep else None))
    events: list[Candidate] = []
    # indexes of `events` so that each candidate looks only at its own kind of event and at events
    # mentioned in the last sentences, not at the whole article (linear time in text length)
    same_kind: dict[tuple[str, str], list[Candidate]] = {}
    by_last_mention: dict[int, list[Candidate]] = {}
    position: dict[int, int] = {}
    by_sentence: dict[int, list[Candidate]] = {}
    for c in expanded:
        by_sentence.setdefault(c.sentence.index, []).append(c)
    merged_into: dict[int, Candidate] = {}      # a mention merged into an event -> that event

    def event_of(x: Candidate) -> Candidate:
        # (what joins a mention already merged joins the event it was merged into, not the lost mention)
        while id(x) in merged_into:
            x = merged_into[id(x)]
        return x
    for c in expanded:
        located = c.place is not None and c.place.kind != "country"
        if c.place_carried:
            host = _same_event_located(c, by_sentence)
            if host is not None:
                _join_unlocated(event_of(host), c)
                continue
        if not located:
            # a follow-up sentence ("10 rebels were killed in the attack"): its deaths go to the event it continues
            target = _recent_event(events, c, lookback=10, index=(by_last_mention, position)) \
                if c.sub_event_type in VIOLENT_TYPES else None
            related = target is not None and (
                target.sub_event_type == c.sub_event_type
                or (target.sub_event_type in BATTLE_LIKE and c.sub_event_type in BATTLE_LIKE)
                or re.match(r"(?:fighting|clash\w*|battle\w*|attacks?|assault|raids?)$", c.trigger.text, re.I))
            if related and (not c.date_explicit or c.day == target.day) and c.sentence.index > min(target.mentions):
                _who_flew(target, c)
                if target.fatalities is None and c.fatalities:
                    target.fatalities = c.fatalities
                elif target.fatalities is not None:
                    _join_toll(target, c, more=True)   # "three other rebels were killed in the clash": besides those told
                continue
            host = _same_event_located(c, by_sentence)
            if host is not None or not snippet:
                if host is not None:
                    _join_unlocated(event_of(host), c)
                continue
            before = [e for e in events if e.place is not None and e.place.kind != "country" and e.sentence.index < c.sentence.index]
            if before and (c.place is None or c.place.kind == "country" and c.place.country_code == before[-1].place.country_code):
                # a brief of two or three sentences keeps to the place it named ("... protesters outside parliament
                # in Tbilisi. The interior ministry said 43 people were detained."): the event is there
                c.place = before[-1].place
                c.actor1, c.actor2 = _of_country(c.actor1, c.place), _of_country(c.actor2, c.place)
        merged = False
        key = (_merge_kind(c.sub_event_type), place_key(c.place))
        pool = list(same_kind.get(key, ()))
        if c.sub_event_type in _TERRITORY_TYPES:
            # "M23 captured the town after heavy fighting" and "the rebels entered the town after the soldiers
            # withdrew": one change of hands, told as taken and as handed over
            pool += [e for other in _TERRITORY_TYPES if other != c.sub_event_type and _PEACEFUL_TRANSFER in (other, c.sub_event_type)
                     for e in same_kind.get((other, key[1]), ())]
        retold = [e for i in range(c.sentence.index - 2, c.sentence.index + 1) for e in by_last_mention.get(i, ())
                  if _merge_kind(e.sub_event_type) == key[0] and place_key(e.place) != key[1] and _same_spot_retold(e, c)]
        for e in pool + retold:
            if e.day == c.day or not c.date_explicit or not e.date_explicit:
                if e.sub_event_type != c.sub_event_type and e.sub_event_type in _CROWD_ORDER and \
                        _crowd_rank(c, _CROWD_ORDER, e) < _crowd_rank(e, _CROWD_ORDER, c):
                    e.sub_event_type = c.sub_event_type    # one demonstration or riot, coded by what happened at it
                    e.crowd_violence = _crowd_rank(c, _CROWD_ORDER) < 0
                    e.actor1 = _crowd_as(e.sub_event_type, e.actor1)
                    if c.sub_event_type == "Mob violence" and (c.actor2 or {}).get("inter") == 6:
                        e.actor1, e.actor2 = c.actor1, c.actor2     # a mob attacked the demonstration: its marchers the victims
                    elif e.actor2 is None and c.actor2 is not None:
                        e.actor2 = c.actor2      # who intervened, as the mention that tells it names them
                elif e.sub_event_type in _CROWD_ORDER and e.actor2 is None and (c.actor2 or {}).get("inter") == 1:
                    e.actor2 = c.actor2      # the force that met the riot, as a lesser mention of it tells ("police fired tear gas")
                if e.sub_event_type == _PEACEFUL_TRANSFER and c.sub_event_type != _PEACEFUL_TRANSFER:
                    e.sub_event_type, e.actor1, e.actor2 = c.sub_event_type, c.actor1, c.actor2     # taken by force, as another mention says
                if place_key(e.place) != key[1]:
                    unlisted = not e.place.population and not e.place.curated     # a settlement the gazetteer lacks
                    if not unlisted and (c.place.population and (not e.place.population or c.place.population < e.place.population)
                                         or not c.place.population and e.place.population):
                        # "a market in Baghdad" then "the bombing in the Hurriyah district"; a settlement the
                        # gazetteer lacks is the finer place, whichever mention names it first
                        e.place = c.place
                    same_kind.setdefault(key, []).append(e)
                if c.date_explicit and not e.date_explicit:
                    e.day, e.precision, e.date_explicit = c.day, c.precision, True
                _join_toll(e, c)
                if (e.actor1 or {}).get("name") == "Unidentified armed group" and c.actor1 and \
                        c.actor1.get("name") != "Unidentified armed group":
                    e.actor1, e.actor2 = c.actor1, c.actor2      # a later mention names who did it
                if e.place and c.place and (e.place.geo_precision > c.place.geo_precision
                                            or _part_of(c.place, e.place)):
                    e.place = c.place       # the finest place any mention gives
                for n in c.assoc1:
                    if n not in e.assoc1 and n != (e.actor1 or {}).get("name"):
                        e.assoc1.append(n)
                e.confidence = max(e.confidence, c.confidence)
                e.mentions.add(c.sentence.index)
                by_last_mention.setdefault(c.sentence.index, []).append(e)
                merged_into[id(c)] = e
                merged = True
                break
        if not merged:
            c.mentions = {c.sentence.index}
            position[id(c)] = len(events)
            events.append(c)
            same_kind.setdefault(key, []).append(c)
            by_last_mention.setdefault(c.sentence.index, []).append(c)
    # a lede's region-level summary of an event the body gives precisely
    out = []
    for e in events:
        if e.place is not None and e.place.geo_precision == 3 and max(e.mentions) <= 3:
            # (or the weapon the body names for the lede's "attack": "an attack by ELN rebels on a patrol in
            # Arauca ... The rebels detonated explosives near Saravena")
            finer = [x for x in events if x is not e and x.place is not None
                     and (x.sub_event_type == e.sub_event_type
                          or (_names_more(x, e) and _GENERIC_EVENT_WORD.fullmatch(e.trigger.text) is not None
                              and 0 < min(x.mentions) - min(e.mentions) <= 2)
                          or _victims_told_before(e, x))
                     and (x.place.geo_precision < 3 or (x.place.level == 2 and e.place.level == 1 and e.place.kind == "province"))
                     and x.place.admin1 == e.place.admin1
                     and (abs((x.day - e.day).days) <= (7 if max(x.precision, e.precision) >= 2 else 1)
                          or not e.date_explicit)]     # an undated lede, or one of the week the body names
            if finer:
                target = finer[0]
                if _victims_told_before(e, target):
                    # "an attack on a displacement camp ... killed 40. CODECO fighters raided the Plaine Savo camp":
                    # the lede says whom it hit
                    target.sub_event_type, target.actor2 = e.sub_event_type, e.actor2
                if target.fatalities is None:
                    target.fatalities = e.fatalities
                elif e.fatalities:
                    # "... killing 79 assailants" in the lede, "17 soldiers were killed" in the body: ACLED's
                    # fatalities are the event's, both sides' dead
                    lede_sides, body_sides = _counted_sides(e.sentence.text), _counted_sides(target.sentence.text)
                    if lede_sides and body_sides and lede_sides.isdisjoint(body_sides):
                        target.fatalities += e.fatalities
                if target.actor1 and e.actor1 and (target.actor1.get("inter") == 3 or (
                        target.actor1.get("name") in GENERIC_ARMED and e.actor1.get("name") not in GENERIC_ARMED
                        and e.actor1.get("inter") in (2, 3, 4))
                        # ("The clashes broke out in the village of X": the body names no side, the lede does)
                        or not any(a.role == "main" for a in target.sentence.actors)
                        # ("... killed in the ensuing gunbattle": the state's forces by default, the lede names which)
                        or (_unnamed_state(target) and target.actor2 in (e.actor1, e.actor2))):
                    target.actor1, target.actor2 = e.actor1, e.actor2     # the group the lede names
                continue
        out.append(e)
    _retold_by_noun(out)
    _missiles_of_the_strike(out)
    _fighting_for_the_town(out)
    _damage_of_the_attack(out)
    return _without_moves_and_roundups(out)


def _retold_by_noun(out: list[Candidate]) -> None:
    """"Five Maoists were killed in an encounter in Bijapur district ... The gunfight broke out near Pidia
    village": the event named again by its noun, at the start of one of the next two sentences, is where
    the body places it (the earlier mention is dropped)."""
    for x in [x for x in out if x.place is not None and _DEFINITE_START.match(x.sentence.text[:x.trigger.start])]:
        e = next((e for e in out if e is not x and e.sub_event_type == x.sub_event_type and e.place is not None
                  and 0 < min(x.mentions) - max(e.mentions) <= 2 and place_key(e.place) != place_key(x.place)
                  and e.place.admin1 == x.place.admin1 and e.place.country_code == x.place.country_code
                  and (e.day == x.day or not x.date_explicit)), None)
        if e is None or x not in out:
            continue
        x.fatalities = x.fatalities if x.fatalities is not None else e.fatalities
        if not any(a.role == "main" for a in x.sentence.actors) or _unnamed_state(x):
            x.actor1, x.actor2 = e.actor1, e.actor2
        if e.date_explicit:
            x.day, x.precision, x.date_explicit = e.day, e.precision, e.date_explicit
        out.remove(e)


def _missiles_of_the_strike(out: list[Candidate]) -> None:
    """"Israeli warplanes fired missiles at targets near Damascus ... four soldiers were killed when missiles
    hit air defence positions near al-Kiswah": the missiles of the air strike just told, by no one else named."""
    for sh in [c for c in out if c.sub_event_type == "Shelling/artillery/missile attack" and (c.actor1 or {}).get("inter") == 3
               and c.place is not None and _MISSILE_WORD.search(c.trigger.text)]:
        air = next((a for a in out if a.sub_event_type == "Air/drone strike" and a.place is not None and _MISSILE_WORD.search(a.sentence.text)
                    and 0 < min(sh.mentions) - max(a.mentions) <= 3 and a.place.country_code == sh.place.country_code
                    and (a.place.admin1 == sh.place.admin1 or _km(a.place, sh.place) < 30)
                    and (sh.day == a.day or not sh.date_explicit)), None)
        if air is None:
            continue
        if sh.place.kind == "town" and (air.place.kind != "town" or (sh.place.population or 0) < (air.place.population or 0)):
            air.place = sh.place      # the finer place the later sentence names
        air.fatalities = air.fatalities if air.fatalities is not None else sh.fatalities
        if (sh.actor2 or {}).get("inter") in (1, 2, 3, 8) and (air.actor2 or {}).get("name") in GENERIC_ARMED + (None,):
            air.actor2 = sh.actor2     # "hit air defence positions": whose positions
        out.remove(sh)


def _fighting_for_the_town(out: list[Candidate]) -> None:
    """"... recaptured the town of Busra al-Harir. At least nine rebels and six soldiers were killed": the
    fighting for a town taken, told in the next two sentences, is the takeover's (other sides' dead added)."""
    for e in [e for e in out if e.sub_event_type == "Armed clash" and e.place is not None]:
        owner = next((x for x in out if x.sub_event_type in _TERRITORY_TYPES[:2] and x.place is not None
                      and place_key(x.place) == place_key(e.place) and x.day == e.day
                      and 0 < min(e.mentions) - max(x.mentions) <= 2), None)
        if owner is None:
            continue
        if e.fatalities:
            owner.fatalities = (owner.fatalities or 0) + e.fatalities if _counted_sides(e.sentence.text) - _counted_sides(owner.sentence.text) \
                else max(owner.fatalities or 0, e.fatalities)
        out.remove(e)


# the side of the event just told, named again by its role: "the attackers", "the assailants", "the gunmen"
_THE_ATTACKERS = re.compile(r"\bthe\s+(?:attackers|assailants|gunmen|raiders|insurgents|jihadists|militants|bandits)\b", re.I)


def _damage_of_the_attack(out: list[Candidate]) -> None:
    """"Jihadists attacked an army post in Niono ... A local official said the attackers arrived on motorcycles
    and set fire to two military vehicles": what the attackers of the event just told burned or looted there
    that day is that event's damage (ACLED codes Looting/property destruction only when it is all that
    happened), told within the next three sentences."""
    for d in [d for d in out if d.sub_event_type == "Looting/property destruction" and d.place is not None
              and _THE_ATTACKERS.search(d.sentence.text)]:
        owner = next((x for x in out if x is not d and x.sub_event_type in VIOLENT_TYPES and x.sub_event_type != d.sub_event_type
                      and x.place is not None and place_key(x.place) == place_key(d.place) and x.day == d.day
                      and 0 < min(d.mentions) - max(x.mentions) <= 3), None)
        if owner is not None:
            owner.mentions |= d.mentions
            out.remove(d)


def _without_moves_and_roundups(out: list[Candidate]) -> list[Candidate]:
    """Drop what another event of the article already is: the side that withdrew from a town another event
    says changed hands ("The militants had withdrawn from the town overnight, and troops entered"), within two
    days; and arrests of people the same side then killed there ("rounded up men near the market and shot them")."""
    taken = {(place_key(e.place), e.day) for e in out if e.sub_event_type in _TERRITORY_TYPES and e.place is not None}
    killed_by = {(place_key(e.place), e.day, _side(e.actor1)) for e in out if e.sub_event_type == "Attack" and e.place is not None}
    return [e for e in out if not (e.sub_event_type == "Change to group/activity" and e.place is not None
                                   and _WITHDRAWAL.search(e.trigger.text)
                                   and any((place_key(e.place), e.day + timedelta(days=d)) in taken for d in (-2, -1, 0, 1, 2)))
            and not (e.sub_event_type == "Arrests" and e.place is not None and _KILLED_AFTER_TAKEN.search(e.sentence.text, e.trigger.end)
                     and (place_key(e.place), e.day, _side(e.actor1)) in killed_by)]


_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|[a-z]+ty|dozens|scores|hundreds)"
_SIDE_COUNTS = {side: re.compile(r"\b" + _COUNT + r"\s+(?:[\w-]+\s+){0,2}?(?:" + nouns + r")\b", re.I) for side, nouns in SIDE_NOUNS.items()}


def _counted_sides(text: str) -> set[str]:
    """Whose dead a sentence counts: state forces, armed men, civilians ("killing 79 assailants": armed)."""
    return {side for side, rx in _SIDE_COUNTS.items() if rx.search(text)}


# what "gunmen", "militants", "fighters" stand for when no group is named: a mention that names one says more
GENERIC_ARMED = ("Unidentified armed group", "Opposition rebels")


# A demonstration or riot is one event a place and day, coded by the most serious thing that happened
_CROWD_ORDER = ["Excessive force against protesters", "Violent demonstration", "Mob violence",
                "Protest with intervention", "Peaceful protest"]
# what demonstrators themselves did that makes a demonstration violent ("torched the town hall", "pelted police
# with stones"): ACLED codes it a violent demonstration even where the police then fired on it
_CROWD_VIOLENCE = re.compile(r"torch|set\s+(?:fire|(?:\S+\s+){1,5}?(?:ablaze|alight|on\s+fire))|burn|pelt|threw|throwing|hurl|stone|loot|storm|cart(?:ed|ing)\s+(?:away|off)|"
                             r"smash|vandal|ransack|barricad|petrol\s+bomb|molotov", re.I)


def _crowd_rank(c: Candidate, order: list[str], other: Candidate | None = None) -> float:
    """Where a mention stands among a demonstration's codings (lower wins): a riot the crowd's own deeds make
    comes before excessive force; one named only as unrest or clashes after it. A mob that attacked people
    comes first in its own sentence ("A mob beat a trader to death and set his shop ablaze": mob violence,
    the burning part of it)."""
    if c.sub_event_type == "Mob violence" and other is not None and other.sentence is c.sentence \
            and (c.actor2 or {}).get("inter") == 7 and c.fatalities:
        return -2
    if c.sub_event_type == "Violent demonstration" and (c.crowd_violence or _CROWD_VIOLENCE.search(c.trigger.text)):
        return -1
    return order.index(c.sub_event_type)


_PEACEFUL_TRANSFER = "Non-violent transfer of territory"
_MISSILE_WORD = re.compile(r"missile|rocket", re.I)


def _km(a, b) -> float:
    """Rough distance between two places (a flat approximation: good for tens of kilometres); far when unknown."""
    if a.latitude is None or b.latitude is None:
        return float("inf")
    dlat = (a.latitude - b.latitude) * 111.0
    dlon = (a.longitude - b.longitude) * 111.0 * math.cos(math.radians(a.latitude))
    return math.hypot(dlat, dlon)


def _side(actor: dict | None) -> str | None:
    """An actor's side, a state's police and army as one ("Police Forces of Mali", "Military Forces of Mali")."""
    name = (actor or {}).get("name")
    return re.sub(r"^(?:Police|Military) Forces of ", "State forces of ", name) if name else None


_KILLED_AFTER_TAKEN = re.compile(r"\b(?:and|before|then)\s+(?:\S+\s+){0,3}?(?:shot|killed|executed|summarily)\b", re.I)
_WITHDRAWAL = re.compile(r"withdr|pull(?:ed|ing|s)?\s+out|retreat|abandon|evacuat", re.I)
_TERRITORY_TYPES = ("Non-state actor overtakes territory", "Government regains territory", _PEACEFUL_TRANSFER)


def _merge_kind(sub: str) -> str:
    """Sub-event types that mentions of one event may carry: the crowd types are one kind."""
    return "crowd" if sub in _CROWD_ORDER else sub


def _toll_place(text: str, places: list) -> object | None:
    """The place a death toll names ("three fatalities in Birmingham"), among `places`."""
    m = re.search(r"\b(?:killed|dead|deaths?|died|fatalities|lives)\b(?:\s+\S+){0,3}?\s+in\s+(?:the\s+)?(?P<name>[A-Z][\w'-]+)", text)
    if not m:
        return None
    return next((p for p in places if p is not None and (p.name or "").split()[0] == m["name"]), None)


def add_other_sides_dead(host: Candidate, s: Sentence, deaths: int) -> None:
    """Add `deaths` to the toll of the battle `host` when sentence `s` counts the other side's dead of it and
    the battle's own sentence counted one side's: "Militants killed four soldiers at the post ... The troops
    repelled the assault, killing six of the attackers" (ACLED sums both sides); never a count of the same
    men again, nor one sentence twice."""
    if host.sub_event_type != "Armed clash" or host.fatalities is None or s.index in host.summed \
            or count_deaths(host.sentence.text) != host.fatalities:
        return
    if (fighters_toll(s.text) == deaths and not counts_fighters(host.sentence.text)) \
            or (fighters_toll(host.sentence.text) == host.fatalities and not counts_fighters(s.text)
                and _FORCES_COUNTED.search(s.text)):
        # (and the other way round: "troops killed 11 insurgents in a firefight ... One soldier was killed in the exchange")
        host.fatalities += deaths
        host.summed.add(s.index)


# the state's own men counted: "one Rwandan soldier was killed", "two policemen died"
_FORCES_COUNTED = re.compile(r"\b(?:soldiers?|troops|servicem[ae]n|policem[ae]n|police\s+officers?|officers?|gendarmes?|"
                             r"peacekeepers?|marines|sailors|pilots?|guards?|jawans?|commandos?)\b", re.I)


def _join_toll(host: Candidate, c: Candidate, more: bool = False) -> None:
    """The toll another mention of the same event tells: the host's when it has none; added to it when that
    mention counts only the other side's dead ("... killing four soldiers. The troops repelled the assault,
    killing six of the attackers": ACLED sums both sides), or (`more`) dead besides those told ("... said two
    soldiers were also killed in the clashes on Tuesday")."""
    if host.fatalities is None and c.fatalities is not None:
        host.fatalities = c.fatalities
    elif more and host.fatalities and c.fatalities and c.sentence is not host.sentence and more_dead(c.sentence.text):
        host.fatalities += c.fatalities
    elif c.fatalities and c.sentence is not host.sentence:
        add_other_sides_dead(host, c.sentence, c.fatalities)


def _who_flew(host: Candidate, c: Candidate) -> None:
    """'Air strikes on a market killed nine ... Russian jets struck the market': the state whose aircraft the
    other mention names flew the strike that named no one (its forces abroad are external forces)."""
    if host.sub_event_type != "Air/drone strike" or c.sub_event_type != "Air/drone strike" or c.actor1 is None \
            or c.actor1.get("inter") not in (1, 8) or (host.actor1 is not None and host.actor1.get("name") not in GENERIC_ARMED):
        return
    flew = _of_country(c.actor1, host.place)
    home = country_name(host.place.country_code) if host.place is not None else None
    if flew.get("inter") == 1 and home and flew["name"].startswith("Military Forces of ") and flew["name"] != f"Military Forces of {home}":
        flew = {**flew, "inter": 8}
    if flew["name"] != (host.actor2 or {}).get("name"):      # (not the side it struck: "strikes by Syrian jets ... on the Syrian army")
        host.actor1 = flew


def _join_unlocated(host: Candidate, c: Candidate) -> None:
    """What a mention that does not say where adds to the located mention of the same event.

    "The group says the police made the arrests on Friday": the date; a toll; the police side of
    a demonstration; the most specific protest type.
    """
    if c.date_explicit and not host.date_explicit:
        host.day, host.precision, host.date_explicit = c.day, c.precision, True
    _who_flew(host, c)
    if c.sub_event_type == "Armed clash" and host.sub_event_type == "Attack" and _fire_exchanged(c, host):
        # "Israeli forces killed three Palestinians in a raid ... troops came under fire and returned fire": a fight
        other = next((a for a in (c.actor1, c.actor2) if a and a.get("name") != (host.actor1 or {}).get("name")), None)
        host.sub_event_type = "Armed clash"
        host.actor2 = _of_country(other, host.place) if other else host.actor2
    if _names_more(c, host) and _generic_reference(host):
        # "The attack ... hit Let Yet Kone village": the airstrike the lede told, with the sides it named
        host.sub_event_type = c.sub_event_type
        host.actor1 = _of_country(c.actor1, host.place) if c.actor1 else host.actor1
        host.actor2 = _of_country(c.actor2, host.place) if c.actor2 else host.actor2
    _join_toll(host, c, more=True)
    if c.sub_event_type in PROTEST_FAMILY and host.sub_event_type in PROTEST_FAMILY and \
            _crowd_rank(c, PROTEST_FAMILY) < _crowd_rank(host, PROTEST_FAMILY):
        host.sub_event_type = c.sub_event_type      # a demonstration is coded by what happened at it
        host.crowd_violence = _crowd_rank(c, PROTEST_FAMILY) < 0
        host.actor1 = _crowd_as(host.sub_event_type, host.actor1)
    host.confidence = max(host.confidence, c.confidence)
    if host.actor1 and c.actor1 and host.actor1.get("name") in GENERIC_ARMED and c.actor1.get("name") not in GENERIC_ARMED \
            and c.actor1.get("inter") in (2, 3, 4) and host.actor1.get("inter") in (2, 3) and host.sub_event_type != "Air/drone strike":
        # "Al Shabaab militants attacked a base in central Somalia ... The fighters stormed the base in El Dher":
        # the group the other mention names
        host.actor1 = c.actor1
    if (host.actor2 is None or host.actor2.get("inter") == 7) and (host.actor1 or {}).get("inter") in (5, 6):
        # the police that broke up the demonstration ("Police opened fire on the crowd": the second side there)
        police = next((a for a in (c.actor1, c.actor2) if a and a != host.actor1 and a.get("inter") == 1), None)
        if police is not None or host.actor2 is None:
            host.actor2 = _of_country(police, host.place)      # (a bystander named there gives way to it)


_COUNTRYLESS_STATE = {"Police Forces": "Police Forces of {}", "Military Forces": "Military Forces of {}",
                      "State forces": "Military Forces of {}"}


_COUNTRYLESS_CROWD = ("Civilians", "Protesters", "Rioters")


def _of_country(actor: dict | None, place) -> dict | None:
    """A state force or a crowd named where no place was known ("Police Forces", "Civilians"), in the
    country of the place it joins."""
    country = country_name(place.country_code) if place is not None else None
    if actor is None or not country:
        return actor
    if actor["name"] in _COUNTRYLESS_STATE:
        return {**actor, "name": _COUNTRYLESS_STATE[actor["name"]].format(country)}
    if actor["name"] in _COUNTRYLESS_CROWD:
        return {**actor, "name": f"{actor['name']} ({country})"}
    return actor


# an undated mention stands for the days around publication: one dated further off is another event
# ("police arrested 27 people during a march" today; "the military ... detained Suu Kyi on Feb. 1")
_UNDATED_SPAN = 6


_ALSO_ELSEWHERE = re.compile(r"\b(?:also|too|as\s+well)\b", re.I)


def _same_event_located(c: Candidate, by_sentence: dict[int, list[Candidate]]) -> Candidate | None:
    """The located candidate of the article that reports the same event as the unlocated `c`.

    Same sub-event type (a demonstration: any protest type), within three sentences, and not on
    another day (an undated mention: not more than _UNDATED_SPAN days from the dated one); the nearest
    one wins.
    """
    def same_kind(x: Candidate) -> bool:
        if c.sub_event_type in PROTEST_FAMILY or c.sub_event_type in ("Violent demonstration", "Mob violence"):
            return x.sub_event_type in PROTEST_FAMILY or x.sub_event_type in ("Violent demonstration", "Mob violence")
        # "An airstrike on a village ... killed 20. The attack on Thursday hit Let Yet Kone village": the event
        # named again by a generic word after it
        if c.sub_event_type == "Armed clash" and x.sub_event_type == "Attack" and _fire_exchanged(c, x):
            return True
        return x.sub_event_type == c.sub_event_type or (
            _names_more(c, x) and c.sentence.index <= 1 and 0 < x.sentence.index - c.sentence.index <= 2 and _generic_reference(x))

    if OTHER_EVENT.search(c.sentence.text):
        return None
    near = [x for i in range(c.sentence.index - 3, c.sentence.index + 4) for x in by_sentence.get(i, ())]
    # (not a demonstration told as another place's, after: "Demonstrations also took place in Mombasa" is not where
    # the lede's protest in the capital was)
    pool = [x for x in near if x is not c and x.place is not None and x.place.kind != "country" and same_kind(x)
            and not x.place_carried
            and not (x.sentence.index > c.sentence.index and x.sub_event_type in PROTEST_FAMILY
                     and _ALSO_ELSEWHERE.search(x.sentence.text))
            # (nor a demonstration reported from a place, told as such after it: "... barricades remained in the capital.
            # 17:55 - In Jeremie, police fired on a march")
            and not (x.sentence.index > c.sentence.index and _merge_kind(c.sub_event_type) == "crowd"
                     and _IN_PLACE_LEAD.match(x.sentence.text))
            and abs(x.sentence.index - c.sentence.index) <= 3
            and (not c.date_explicit or x.day == c.day or (not x.date_explicit and abs((x.day - c.day).days) <= _UNDATED_SPAN)
                 or (x.precision >= 2 and abs((x.day - c.day).days) <= 7))]     # "last week", then "on Wednesday"
    if not pool:
        return None
    best = min(pool, key=lambda x: abs(x.sentence.index - c.sentence.index))
    if best.sentence.index > c.sentence.index and not c.date_explicit and not c.place_carried and c.sub_event_type in VIOLENT_TYPES and any(
            y.place is not None and y.place.kind != "country" and y.sub_event_type in VIOLENT_TYPES
            and 0 <= c.sentence.index - y.sentence.index < best.sentence.index - c.sentence.index
            for i in range(c.sentence.index - 3, c.sentence.index + 1) for y in by_sentence.get(i, ()) if y is not c):
        return None      # news keeps to the event it last told: "fought with the cattle keepers" after the lede's raid is
        #                  not the army's clash told two paragraphs later
    return best


# a word that names any violent event, said of one already told ("The attack", "Thursday's assault")
_GENERIC_EVENT_WORD = re.compile(r"(?:attack|assault|strike|raid|incident|bombing)", re.I)
_DEFINITE_START = re.compile(r"^\W*(?:The|This|That|\w+day['\u2019]s|Yesterday['\u2019]s)\s+$")


_GENERIC_EVENT_VERB = re.compile(r"(?:attacked|ambushed|targeted|hit|struck)", re.I)
_DEFINITE_PASSIVE_START = re.compile(r"^\W*The\s+(?:[\w-]+\s+){1,2}(?:was|were|had\s+been|has\s+been)\s+$")


def _generic_reference(x: Candidate) -> bool:
    """The mention's trigger is a generic event word that starts its sentence with a definite determiner
    ("The attack on Thursday hit ...") or says what a definite subject suffered ("The convoy was attacked
    near Djibo"): an event told before."""
    t = x.trigger
    before = x.sentence.text[:t.start]
    return (_GENERIC_EVENT_WORD.fullmatch(t.text) is not None and _DEFINITE_START.match(before) is not None) \
        or (_GENERIC_EVENT_VERB.fullmatch(t.text) is not None and _DEFINITE_PASSIVE_START.match(before) is not None)


_FIRE_EXCHANGED = re.compile(r"\b(?:came\s+under\s+(?:\w+\s+)?fire|returned\s+fire|exchanged?\s+(?:of\s+)?fire|exchanges\s+of\s+fire|"
                             r"gun\s*battles?|gunfights?|firefights?|shoot-?outs?)\b", re.I)


def _fire_exchanged(c: Candidate, x: Candidate) -> bool:
    """`c`, a sentence or two after `x`'s killing by state forces, tells that the forces were fired on or fired back."""
    return (x.actor1 or {}).get("inter") in (1, 8) and 0 < c.sentence.index - x.sentence.index <= 2 \
        and _FIRE_EXCHANGED.search(c.sentence.text) is not None


def _unnamed_state(x: Candidate) -> bool:
    """`x`'s first side is a state's forces that its sentence does not name (a default of its type)."""
    return (x.actor1 or {}).get("inter") == 1 and not any(a.role == "main" and a.actor.inter == 1 for a in x.sentence.actors)


_RAIDED = re.compile(r"(?:raided|attacked|stormed|assaulted|overran)", re.I)


def _victims_told_before(e: Candidate, x: Candidate) -> bool:
    """The lede `e` tells an attack on civilians; the body's `x`, within two sentences, tells it as a raid by
    a side it names on a place it names, with no other side in its sentence (an armed clash by default)."""
    return e.sub_event_type == "Attack" and (e.actor2 or {}).get("inter") == 7 and x.sub_event_type == "Armed clash" \
        and _RAIDED.fullmatch(x.trigger.text) is not None and 0 < min(x.mentions) - min(e.mentions) <= 2 \
        and sum(1 for a in x.sentence.actors if a.role == "main" and a.actor.inter != 7) <= 1


def _names_more(c: Candidate, x: Candidate) -> bool:
    """`c`'s type says more than `x`'s generic one: a weapon where "the attack" names none, a battle
    where "the convoy was attacked" leaves the sides unsaid."""
    return (c.sub_event_type in _ANY_WEAPON and x.sub_event_type in ("Attack", "Armed clash")) \
        or (c.sub_event_type == "Armed clash" and x.sub_event_type == "Attack")


_IN_PLACE_LEAD = re.compile(r"\W*(?:\d{1,2}[:.h]\d{2}\s*(?:GMT|UTC|local\s+time)?\s*[-\u2013\u2014:|]?\s*)?"    # (a live report's time stamp: "15:10 - In ...")
                            r"In\s+(?:the\s+)?(?:\w+\s+)?[A-Z]")


def _same_spot_retold(e: Candidate, c: Candidate) -> bool:
    """The same event told again a sentence or two later with a finer or coarser place name.

    Two mentions of one type, within two sentences, in a city and a place less than 15 km from it,
    one of them undated: "a car bomb ... at a market in Baghdad" and "Tuesday's bombing in the Hurriyah district".
    """
    a, b = e.place, c.place
    if a is None or b is None or a.latitude is None or b.latitude is None or a.kind != "town" or b.kind != "town":
        return False
    if a.country_code != b.country_code or c.sentence.index - max(e.mentions) > 2:
        return False
    if max(a.population, b.population) < 100_000:
        return False        # only a city has districts that news names instead of the city
    if c.date_explicit and e.date_explicit and c.day != e.day:
        return False
    if OTHER_EVENT.search(c.sentence.text):
        return False
    if _IN_PLACE_LEAD.match(c.sentence.text) and b.name.lower() in c.sentence.text[:60].lower() \
            and a.geonameid != b.geonameid and min(a.population, b.population) >= 100_000:
        return False        # "In Omdurman, across the Nile, police fired ...": a report from another city, told as such
    if _opposed(e, c):
        return False        # "rebels shelled Hamdaniya ... Army units responded, shelling Kafr Hamra": two sides' fire
    return _km(a, b) < 15.0


def _opposed(e: Candidate, c: Candidate) -> bool:
    """The two mentions name different first sides, a state's forces and a non-state side: one side's fire
    and the other's reply, not one event told twice."""
    a, b = e.actor1 or {}, c.actor1 or {}
    return bool(a.get("name") and b.get("name")) and a.get("name") not in GENERIC_ARMED and b.get("name") not in GENERIC_ARMED \
        and (a.get("inter") in (1, 8)) != (b.get("inter") in (1, 8))


def _part_of(part, city) -> bool:
    """A named district ("Jobar") of the city another mention gives ("Damascus"), located as precisely."""
    return bool(part.parent) and not city.parent and city.kind == "town" and part.kind == "town" \
        and part.geo_precision <= city.geo_precision \
        and place_key(part) == place_key(city)


def _recent_event(events: list[Candidate], c: Candidate, lookback: int, index=None) -> Candidate | None:
    if index is None:
        pool = [e for e in events if 0 <= c.sentence.index - max(e.mentions) <= lookback and e.sub_event_type in VIOLENT_TYPES]
        pool.sort(key=lambda e: max(e.mentions))
    else:
        # the same pool from consolidate's index: events by the sentence of their latest mention,
        # in the order of `events` among equals (what the stable sort above gives)
        by_last_mention, position = index
        found = {id(e): e for i in range(c.sentence.index - lookback, c.sentence.index + 1)
                 for e in by_last_mention.get(i, ()) if max(e.mentions) == i and e.sub_event_type in VIOLENT_TYPES}
        pool = sorted(found.values(), key=lambda e: (max(e.mentions), position[id(e)]))
    if not pool:
        return None
    same = [e for e in pool if e.sub_event_type == c.sub_event_type or
            (e.sub_event_type in BATTLE_LIKE and c.sub_event_type in BATTLE_LIKE)]
    return (same or pool)[-1]
