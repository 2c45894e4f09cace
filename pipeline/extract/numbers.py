"""Numbers in words and digits, and the death count an event sentence gives.

Conflict reporting states casualties loosely ("at least 4", "dozens", "killed or captured"),
so this module turns them into ACLED's conservative figures and keeps deaths apart from the rest.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.extract.patterns import TailPattern, WordGuard, without_quotes

UNITS = {"zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4,
         "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
         "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "twin": 2, "both": 2}
# ACLED's conservative reading of vague quantities.
VAGUE = {"dozens": 12, "scores": 12, "hundreds": 100, "thousands": 1000, "tens": 10, "several": 10,
         "many": 10, "dozen": 12, "half-dozen": 6, "handful": 3, "few": 3, "numerous": 10, "couple": 2}

_NUM_WORD = "(?:" + "|".join(sorted(set(UNITS) | set(VAGUE), key=len, reverse=True)) + ")"
NUMBER = re.compile(
    r"(?<![\w.])(?:(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?![\w.]\d)|(?P<words>(?:" + _NUM_WORD + r")(?:[\s-](?:" +
    _NUM_WORD + r"))*))(?![\w-])")       # runs on lower-cased text

DEATH = r"(?:killed|killing|kills|kill|dead|died|die|dies|deaths?|lives|bodies|perished|slain|massacred|executed|fatalities|fatally|death\s+toll|lost\s+their\s+lives|shot\s+dead|gunned\s+down|beheaded|lynched|burn(?:ed|t)\s+alive|" \
    r"martyred|embraced\s+martyrdom|neutrali[sz]ed|paid\s+the\s+(?:supreme|ultimate)\s+price|" \
    r"lost(?=\s+(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+|nearly\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|dozens|scores|hundreds|several)\b))"
# ("the army lost 17 soldiers": a side's dead, told by their loss; only with a count after it, not "lost ground")
INJURY = r"(?:wounded|wounding|injured|injuring|injury|injuries|injures|hurt|casualties|wounds|maimed)"
CAPTURE = r"(?:captured|capturing|abducted|abducting|kidnapped|kidnapping|arrested|arresting|detained|detaining|missing|taken\s+hostage)"
# these run on lower-cased text (faster than re.I)
_CASUALTY = re.compile(r"\b(?:(?P<death>" + DEATH + r")|(?P<injury>" + INJURY + r")|(?P<capture>" + CAPTURE + r"))\b")
_COMBINED = re.compile(r"\b" + DEATH + r"\s+(?:and|or|and/or|&)\s+(?:" + INJURY + "|" + CAPTURE + r")\b|\b(?:" + INJURY + r")\s+(?:and|or)\s+" + DEATH + r"\b|\bcasualties\b")
PERSON = re.compile(
    r"^(?:\d{1,3}-year-old\s+)?(?:[A-Za-z'\u2019-]+(?:\.[A-Za-z]+)*\.?\s+){0,4}?(?:people|persons?|civilians?|fighters?|soldiers?|troops|members?|militants?|rebels?|insurgents?|"
    r"policem[ae]n|police(?:\s+officers)?|officers?|children|child|women|woman|men|man|others|forces|personnel|terrorists?|"
    r"jihadists?|protesters?|demonstrators?|students?|workers?|guards?|pilgrims|worshippers|passengers|victims|residents|"
    r"villagers|gunmen|militiamen|combatants|recruits|trainees|servicemen|army|fighters|members|refugees|tourists?|"
    r"journalists?|farmers?|girls?|boys?|babies|infants|teenagers?|youths?|individuals|staff|crew|rangers|attackers|bombers?|"
    r"detainees|prisoners|inmates|mourners|guests|bystanders|pedestrians|hostages|migrants|combatants|jihadists|"
    r"assailants|policeman|commanders?|leaders?|officials?|employees|nationals|citizens|patients?|doctors?|teachers?|nurses?|"
    r"drivers?|traders?|herders?|shepherds?|fisherm[ae]n|vendors?|shopkeepers?|pupils?|priests?|imams?|pastors?|"
    r"Naxal(?:ite)?s?|Maoists?|cadres|guerrillas|jawans|khwarij|khawarij|kharijis?|"
    r"Palestinians|Kurds|Yazidis|Christians|Shiites|Sunnis|Alawites|Israelis|Americans|Afghans|Iraqis|Syrians|"
    # who else news counts among the dead: the security forces of many countries, trades, and the
    # sides a count is told by ("killing 30 Taliban", "12 Houthis were killed")
    r"gendarmes?|peacekeepers?|paramilitar(?:y|ies)|cadets|conscripts|marines|sailors|pilots|troopers|bodyguards|guardsm[ae]n|"
    r"servicemembers|service\s+members|sappers|deputies|agents|wardens|"
    r"tribesmen|herders|herdsmen|miners|traders|fishermen|drivers|motorists|commuters|shoppers|volunteers|medics|"
    r"paramedics?|medics?|nurses?|firefighters|settlers|monks|clerics|elders|lawmakers|supporters|activists|contractors|engineers|"
    r"labou?rers|evacuees|displaced\s+(?:people|persons|civilians|families)|IDPs|returnees|shopkeepers|schoolchildren|"
    r"schoolgirls|schoolboys|churchgoers|congregants|spectators|voters|pupils|vendors|bandits|kidnappers|smugglers|pirates|vigilantes|separatists|loyalists|Islamists|extremists|jihadis|"
    r"robbers|gangsters|criminals|suspects|thieves|"
    r"Taliban|Houthis|sons|daughters|brothers|sisters|wives|husbands|parents|fathers|mothers|grandchildren|nephews|"
    # (one person named by the role: "killed a village chief and his two sons", "a driver")
    r"chiefs?|elder|suspect|thief|robber|bandit|kidnapper|criminal|gangster|smuggler|imams?|priests?|pastors?|mayors?|councillors?|headm[ae]n|judges?|lawyers?|driver|trader|herder|shepherds?|"
    r"fisherman|businessm[ae]n|politicians?|governors?|son|daughter|husband|wife|brother|sister|father|mother|"
    r"employee|engineer|contractor|clerk|staffer|shopkeeper|vendor|labou?rer|aides|associates|companions|relatives|"
    r"cousins|siblings|family\s+members|suspects|criminals|gang\s+members|cartel\s+members)\b(?!-)", re.I)
_NOT_PEOPLE_AFTER = re.compile(    # (one describing word may stand before: "two roadside bombs", "three car bombs")
    r"^[\s-]*(?:(?!(?:people|civilians|soldiers|men|women|children)\b)[a-z][\w-]*\s+)?(?:km|kms|kilomet|miles?|met(?:er|re)s?|hours?|days?|weeks?|months?|years?|percent|per\s+cent|%|times|"
    r"villages?|towns?|districts?|provinces?|homes?|houses?|buildings?|missiles?|rockets?|shells?|bombs?|grenades?|"
    r"airstrikes|air\s+strikes|strikes|raids|vehicles?|tanks?|cars?|trucks?|points?|posts?|bases?|positions|"
    r"checkpoints|camps?|[ap]\.?m\.?|o'clock|rounds?|sorties|explosives?|mines|devices?|ieds?|hills?|hilltops|"
    r"neighbou?rhoods?|areas?|barrel|mortar|grad|katyusha|attacks?|hospitals?|schools?|precision|crude)\b", re.I)
_SUBSET_BEFORE = TailPattern(re.compile(r"\b(?:including|includes|include|among\s+them|among\s+whom|among|of\s+whom|of\s+them|"
                                        r"mostly|mainly|incl\.|such\s+as|plus)\s+(?:at\s+least\s+|some\s+|about\s+)?$", re.I),
                             ("including", "includes", "include", "them", "whom", "among", "mostly", "mainly", "incl.", "as",
                              "plus", "least", "some", "about"), max_words=4, fold=True)     # "among them at least"
_NO_DEATHS = WordGuard(re.compile(r"\bno\s+(?:reported\s+|immediate\s+reports?\s+of\s+)?(?:casualties|deaths|fatalities|injuries|one\s+was\s+(?:killed|hurt|injured))\b|\bno\s+one\s+was\s+(?:killed|hurt|injured)\b|\bwithout\s+casualties\b", re.I))
_AGGREGATE = WordGuard(re.compile(r"\bsince\s+(?:the\s+)?(?:beginning|start|outbreak|war|conflict|uprising|crisis|revolution|(?:19|20)\d\d|it\s+(?:broke\s+out|began|started)"
                                   # "killed by the regime since the takeover", "since the coup", "since the invasion"
                                   r"|(?:\w+\s+)?(?:coup|takeover|invasion|junta|insurgency|occupation|siege|protests\s+began|unrest\s+began)\b"
                                   # "since the offensive began": a campaign's toll, not an event's
                                   r"|(?:\w+\s+)?(?:offensive|assault|operation|campaign|siege|fighting|battle|escalation|clashes|"
                                   r"violence|war|conflict|unrest|crisis|hostilities)\s+(?:began|started|erupted|broke\s+out|was\s+launched))|\bnationwide\s+death\s+toll|\bso\s+far\s+this\s+year|\bin\s+total\b|\bsince\s+\w+\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d\d|\bsince\s+\d{1,2}(?:st|nd|rd|th)?\s+\w+\.?,?\s+(?:19|20)\d\d|\bover\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years|months)\b"
                                   # a war's toll: "the civil war has killed hundreds of thousands of people"
                                   r"|\b(?:war|conflict|uprising|insurgency|crisis)\s+(?:that\s+)?(?:has|have|had)\s+(?:so\s+far\s+|now\s+|already\s+)?(?:killed|claimed|left)\b"
                                   # (a death toll of tens of thousands; not "as tens of thousands marched")
                                   r"|\b(?:killed|claimed|left|killing|claiming|leaving)\s+(?:\S+\s+){0,2}?(?:hundreds|tens)\s+of\s+thousands\b"
                                   r"|\b(?:hundreds|tens)\s+of\s+thousands\s+(?:of\s+)?(?:\S+\s+)?(?:have\s+been\s+|were\s+|had\s+been\s+)?"
                                   r"(?:killed|dead|died|lives)\b", re.I),
                       ("since", "nationwide", "far", "total", "over", "war", "conflict", "uprising", "insurgency", "crisis", "thousands"))


_NUMBER_WORD_SPLIT = re.compile(r"[\s-]+")


def parse_number(text: str) -> int | None:
    """'4', '1,200', 'four', 'twenty-one', 'dozens', 'a dozen', 'tens' -> int; None when not a number."""
    s = text.strip().lower().replace(",", "")
    if s.isdigit():
        return int(s)
    words = _NUMBER_WORD_SPLIT.split(s)
    if len(words) == 2 and words[0] in ("a", "an") and words[1] in VAGUE:
        return VAGUE[words[1]]
    if len(words) == 1 and words[0] in VAGUE:
        return VAGUE[words[0]]
    if 2 <= len(words) <= 3 and words[-2] in ("several", "few", "many") and words[-1] in ("dozen", "hundred", "thousand"):
        return VAGUE[words[-1] + "s"]      # "several dozen", "a few hundred": dozens, hundreds
    total, current = 0, 0
    seen = False
    for w in words:
        if w in ("a", "an") and not seen:
            current = 1
            seen = True
            continue
        if w in VAGUE and not seen:
            return VAGUE[w]
        if w == "dozen" and current:
            current *= 12       # "two dozen", "three dozen"
            continue
        if w not in UNITS:
            return None
        v = UNITS[w]
        seen = True
        if v == 100:
            current = max(current, 1) * 100
        elif v == 1000:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += v
    return total + current if seen else None


_PEOPLE_AFTER_YEAR = re.compile(r"\s+(?:people|civilians|persons|soldiers|fighters|troops|militants|rebels|members|others)\b", re.I)
_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_MONTH_BEFORE_DAY = re.compile(r"\b" + _MONTHS + r"\.?\s+$", re.I)
_MONTH_AFTER_DAY = re.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r"\b", re.I)
_BY_BEFORE = re.compile(r"\bby\s+(?:some\s+|about\s+|around\s+)?$", re.I)
_TARGET_PREP_BEFORE = re.compile(r"\b(?:on|at|upon|against|into|toward|towards)\s+$", re.I)
_DATE_BEFORE_YEAR = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2}\s+)?$|\d{1,2}\s+$|\b(?:in|since|of|by)\s+$", re.I)
_PEOPLE_OF_AFTER = re.compile(r"^\s+(?:of\s+)?(?:the\s+)?(?:people|civilians|them)", re.I)
_PART_OF_COUNT = re.compile(r"^\s*(?:of|out\s+of)\s+(?:the|these|those|them)\b", re.I)
_CASUALTY_AFTER_COUNT = re.compile(r"^\s*(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)?(?:others?\s+)?(?:(?:confirmed|reported|known|civilian|military|further|more|additional|new)\s+)?(?:" + DEATH + "|" + INJURY + "|" + CAPTURE + r")\b", re.I)
_OF_THEM_AFTER = re.compile(r"^\s+of\s+(?:the\s+|them|those)", re.I)
# "the death toll from the bombing rose to 30", "the toll stood at 12": the number is of the dead
_TOLL_ROSE_BEFORE = re.compile(r"\bdeath\s+toll\b(?:\s+[\w'-]+){0,12}?\s+(?:rose|has\s+risen|had\s+risen|risen|climbed|jumped|increased|reached|"
                               r"hit|stood|stands|now\s+stands)\s+(?:to|at)\s+(?:at\s+least\s+|more\s+than\s+|nearly\s+|about\s+|some\s+|over\s+)?$", re.I)
_KILLING_BEFORE = re.compile(r"\b(?:killing|killed|kills?|left|leaving)\s+(?:at\s+least\s+|more\s+than\s+|some\s+|nearly\s+|about\s+|around\s+|over\s+|up\s+to\s+)?$", re.I)
_BOTH_AND = re.compile(r"\s+(?:[\w'\u2019-]+\s+){1,2}?(?:and|&)\s", re.I)
# people counted, then taken for treatment: "several others were taken to the hospital", "12 were rushed to"
_TREATED_AFTER = re.compile(r"\s+(?:(?:others|people|persons|passengers|civilians|victims)\s+)?(?:were|was|have\s+been|had\s+been)\s+"
                            r"(?:(?:also|later|then)\s+)?(?:taken|rushed|admitted|treated|hospitali[sz]ed|evacuated|airlifted|receiving\s+treatment)\b", re.I)
_ACTIVE_KILLING_BEFORE = re.compile(r"(?<!\bwere\s)(?<!\bwas\s)(?<!\bbeen\s)(?<!\bbeing\s)(?<!\bare\s)(?<!\bis\s)\b(?:killing|killed|kills?)\s+"
                                    r"(?:at\s+least\s+|more\s+than\s+|some\s+|nearly\s+|about\s+|around\s+|over\s+|up\s+to\s+)?$", re.I)
_TOLL_END_AFTER = re.compile(r"^\s*(?:[,.;)]|and\b|$|dead\b|injur|wound)", re.I)
# "shot two of them dead", "shot three of the passengers dead": the shooting's own dead, a part of those named before
_SHOT_BEFORE = re.compile(r"\b(?:shot|shooting|shoot)\s+(?:at\s+least\s+)?$", re.I)
_OF_THEM_DEAD_AFTER = re.compile(r"^\s*of\s+(?:them|those|the\s+[\w-]+)\s+dead\b", re.I)


def _count_mentions(text: str) -> list[tuple[int, int, int]]:
    """(start, end, value) of every number that counts people in `text`."""
    out = []
    for m in NUMBER.finditer(text.lower()):
        raw = m.group(0)
        low = raw.lower()
        if low == "one" and _OF_THEM_AFTER.match(text[m.end():m.end() + 12]) and _KILLING_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
            out.append((m.start(), m.end(), 1))      # "fired on students ..., killing one of them"
            continue
        if low in ("a", "an", "no", "both", "single", "twin", "one") and not _person_follows(text, m.end(), tight=low != "both"):
            continue      # ("both men", "both victims": two people, plural)
        if low == "one" and m.start() >= 3 and text[m.start() - 3:m.start()].lower() == "no ":
            continue      # "no one was killed": nobody
        if low == "both" and _BOTH_AND.match(text, m.end()):
            continue      # "seven people, both militants and civilians": a pair of kinds, not two people
        if m.group("digits"):
            if m.start() > 1 and text[m.start() - 1] == "-" and text[m.start() - 2].isalpha():
                continue      # "MS-13", "Su-24", "AK-47": a name, not a count
            val = int(m.group("digits").replace(",", ""))
            if val <= 31 and (_MONTH_BEFORE_DAY.search(text[max(0, m.start() - 11):m.start()])
                              or _MONTH_AFTER_DAY.match(text[m.end():m.end() + 12])):
                continue      # "on the night of March 8 killed 15", "on 8 March": a day of the month
            if 1900 <= val <= 2100 and (
                    not _PEOPLE_AFTER_YEAR.match(text[m.end():m.end() + 20])
                    or _DATE_BEFORE_YEAR.search(text[max(0, m.start() - 16):m.start()])):
                continue      # a year, not a number of people
        else:
            val = parse_number(raw)
            if val is None:
                continue
        if val > 100000:
            continue
        if low in ("a", "an") and _RANGE_END_BEFORE.search(text, max(0, m.start() - 14), m.start()):
            continue      # "11 people, ranging from a baby girl to a 25-year-old man": the ends of a range, not more dead
        if _BY_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue      # "an attack by hundreds of jihadists", "shot dead ... by two men on a motorcycle": those who did it, not the dead
        if _CROWD_OF_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue      # "fired at a march of several hundred people": the crowd's size, not its dead
        if _KILLED_BY_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue      # "was shot dead by a soldier", "killed by two gunmen": who killed, not more dead
        after = text[m.end():m.end() + 40]
        if _NOT_PEOPLE_AFTER.match(after) and not _PEOPLE_OF_AFTER.match(after) and not _PERSON_OF_PLACE.match(after):
            continue      # (but "a village chief", "a town mayor": one person, named by the place they serve)
        if _TREATED_AFTER.match(after):
            continue      # "several others were taken to hospital": the wounded
        if _PART_OF_COUNT.match(after) and low not in VAGUE and not _ACTIVE_KILLING_BEFORE.search(text[max(0, m.start() - 40):m.start()]) \
                and not (_OF_THEM_DEAD_AFTER.match(after) and _SHOT_BEFORE.search(text, max(0, m.start() - 24), m.start())):
            # "Fifteen of the victims", "17 people were killed two of them medics": a part of another count
            # (not "troops killed three of the attackers", "killing 3 of them": the active verb's own dead)
            continue
        if not (_person_follows(text, m.end()) or _CASUALTY_AFTER_COUNT.match(after) or _MORE_KILLED_AFTER.match(after)
                or _OF_THEM_AFTER.match(after) or _TOLL_ROSE_BEFORE.search(text[max(0, m.start() - 150):m.start()])
                or (_KILLING_BEFORE.search(text[max(0, m.start() - 30):m.start()])
                    and _TOLL_END_AFTER.match(after))):
            continue      # "killing at least 20, including ...": the verb names what is counted
        out.append((m.start(), m.end(), val))
    if "him" in text or "her" in text or "them" in text:
        # "opened fire on the commander, killing him", "shot her dead": one person, named by the pronoun; the
        # person counted before it is the same one ("shot a police officer, killing him": one dead, counted here);
        # "caught two men and beat them to death": the men counted before, dead
        for m in _KILLED_PRONOUN.finditer(text):
            g = 1 if m.group(1) else 2
            before = [c for c in out if c[0] < m.start(g)]
            if m.group(g).lower() == "them":
                if not before or before[-1][2] < 2:
                    continue
                out.remove(before[-1])
                out.append((m.start(g), m.end(g), before[-1][2]))
                continue
            same = [c for c in before if c[2] == 1 and text[c[0]:c[1]].lower() in ("a", "an", "one")]
            if same:
                out.remove(same[-1])
            out.append((m.start(g), m.end(g), 1))
        out.sort()
    return out


_KILLED_PRONOUN = re.compile(r"\b(?:(?:killing|killed|kills)\s+(him|her|them)\b|"
                             r"(?:shooting|shot|stabbing|stabbed|beating|beat|hacking|hacked|burning|burned|burnt|stoning|stoned|clubbing|clubbed)"
                             r"\s+(him|her|them)\s+(?:dead|to\s+death|alive)\b)", re.I)


# the armed men a count is of ("six of the attackers", "seven terrorists"); not a state's ("regime fighters") nor
# both sides at once ("70 regime and rebel fighters")
_FIGHTERS_COUNTED = re.compile(r"\s+(?:of\s+(?:the\s+|their\s+)?)?(?:(?!(?:regime|government|pro-\S+|army|loyalist|allied|and)\b)[\w'\u2019-]+\s+){0,2}?"
                               r"(?:attackers?|assailants?|militants?|terrorists?|jihadists?|insurgents?|fighters?|gunm[ae]n|bandits?|"
                               r"rebels?|separatists?|kidnappers?|extremists?|islamists?|raiders?|khwarij|khawarij|kharijis?)\b", re.I)


def fighters_toll(text: str) -> int | None:
    """The deaths `text` counts when every count in it is of the armed men who attacked or fought ("killing six
    of the attackers", "seven terrorists were neutralised"); None when it counts none, or others too ("two
    soldiers and one assailant")."""
    total = fatalities(text)
    if not total or _PART_OR_HURT.search(text):
        return None      # "the dead also included several rebels": a part of a toll; "25 killed, injured": not all dead
    plain = without_quotes(text)
    counts = _count_mentions(plain)
    return total if counts and all(_FIGHTERS_COUNTED.match(plain, end) for _, end, _ in counts) else None


def counts_fighters(text: str) -> bool:
    """Whether `text` counts armed men who attacked or fought, dead or alive ("killed six Nusra Front fighters")."""
    plain = without_quotes(text)
    return any(_FIGHTERS_COUNTED.match(plain, end) for _, end, _ in _count_mentions(plain))


_PART_OR_HURT = re.compile(r"\b(?:includ\w*|among)\b|" + INJURY, re.I)


# a toll told again, higher: "The toll was later raised to 14", "officials had raised the toll to seven"
_TOLL_UPDATE = re.compile(r"\b(?:death\s+)?toll\b(?:\s+[\w'-]+){0,8}?\s+(?:was\s+|has\s+been\s+|had\s+been\s+|has\s+|had\s+)?(?:later\s+|since\s+|now\s+|further\s+)?"
                          r"(?:rose|risen|raised|revised|climbed|jumped|increased|reached|hit)\s+(?:up\s+)?to\s+"
                          r"|\b(?:raised|revised|updated)\s+(?:the|its|their)\s+(?:death\s+)?toll\s+(?:up\s+)?to\s+", re.I)
_UPDATED_COUNT = re.compile(r"(?:at\s+least\s+|more\s+than\s+|nearly\s+|about\s+|some\s+|over\s+)?(?P<n>\d[\d,]*|" + _NUM_WORD + r")\b", re.I)


_WIDE_TOLL = re.compile(r"\b(?:nationwide|national|overall|total|combined|cumulative|countrywide)\b|\bacross\s+the\s+(?:country|island|region|nation)\b", re.I)


def toll_update(text: str) -> int | None:
    """The higher toll a sentence gives for an event told before it ("the toll was later raised to 14"), or None."""
    m = _TOLL_UPDATE.search(text)
    if m is None or _AGGREGATE.search(text) or _WIDE_TOLL.search(text, max(0, m.start() - 40), m.end()):
        return None      # "the nationwide death toll from the violence had risen to eight": all the day's events together
    n = _UPDATED_COUNT.match(text, m.end())
    return parse_number(n["n"].lower()) if n else None


# one person named by role, then a count of those with them, under one death verb
_ONE_AND_COUNT_KILLED = re.compile(r"^\W*(?:The|A|An)\s+(?:[\w'\u2019-]+\s+){0,6}?(?:governor|commander|mayor|chief|leader|head|official|minister|"
                                   r"imam|general|colonel|officer|driver|judge|lawmaker|MP|deputy|director|editor|journalist)\b[^;:]{0,60}?\s+and\s+"
                                   r"(?P<n>\d+|" + _NUM_WORD + r")\s+(?:of\s+(?:his|her|their)\s+|other\s+|more\s+)?(?:[\w-]+\s+){0,2}?"
                                   r"(?:were|have\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:killed|shot\s+dead)\b")
# "Three more were killed in Nikopol", "two others died": a count of people the verb names
_MORE_KILLED_AFTER = re.compile(r"\s+(?:more|others)\s+(?:(?:were|have\s+been|had\s+been)\s+(?:also\s+)?(?:killed|shot\s+dead)|(?:also\s+)?died)\b", re.I)
_PASSIVE_AUX = re.compile(r"\b(?:were|was)\b", re.I)
_CROWD_DEEDS = frozenset(("set", "threw", "hurled", "marched", "gathered", "blocked", "stormed", "burned", "burnt", "torched",
                          "chanted", "rallied", "protested", "demonstrated", "looted", "took", "poured", "occupied", "staged"))
# "clashed with about 15 Abu Sayyaf fighters, killing two": those fought, not the dead
_ENGAGED_BEFORE = re.compile(r"\b(?:clash(?:ed|es)?\s+with|fought|battled|engaged|confronted|surrounded|ambushed)\s+(?:a\s+group\s+of\s+)?"
                             r"(?:about\s+|some\s+|around\s+|nearly\s+|more\s+than\s+|at\s+least\s+|up\s+to\s+|over\s+)?$", re.I)
_RANGE_END_BEFORE = re.compile(r"\b(?:from|to)\s+$", re.I)
_CROWD_OF_BEFORE = re.compile(r"\b(?:march|crowd|rally|protest|demonstration|gathering|procession|sit-in|convoy|column)\s+of\s+"
                              r"(?:some\s+|about\s+|around\s+|nearly\s+|at\s+least\s+|more\s+than\s+|over\s+|up\s+to\s+)?$", re.I)
_KILLED_BY_BEFORE = re.compile(r"\b(?:killed|shot\s+dead|shot|murdered|stabbed(?:\s+to\s+death)?|beaten\s+to\s+death|gunned\s+down)\s+by\s+(?:the\s+)?$", re.I)
_PERSON_OF_PLACE = re.compile(r"\s+(?:village|town|city|district|local|community|tribal|clan|camp|market|school|mosque|church)\s+"
                              r"(?:chief|head|elder|leader|headman|mayor|official|imam|priest|pastor|teacher|guard|trader|"
                              # "two village volunteers", "three village guards": people the place names
                              r"volunteers|guards|elders|chiefs|heads|leaders|officials|defence\s+volunteers|defense\s+volunteers|"
                              r"councillors|teachers|traders|residents)\b", re.I)
_PERSON_TIGHT = re.compile(r"^\s+(?:(?:senior|top|prominent|local|former|high-ranking|key|leading|notorious)\s+)?(?:[\w'\u2019-]+\s+){0,2}?(?:fighter(?![\s-]+(?:jets?|planes?|aircraft|bombers?|pilots?)\b)|soldier|civilian|man|woman|child|person|policeman|officer|member|militant|rebel|boy|girl|student|worker|journalist|doctor|guard|pilgrim|protester|demonstrator|farmer|teacher|commander|leader|official|resident|villager|passenger|tourist|army\s+soldier|peacekeeper|gendarme|"
                           r"policewoman|medic|paramedic|nurse|chief|elder|imam|priest|pastor|monk|mayor|councillor|headman|judge|trader|herder|driver|"
                           r"shepherd|fisherman|miner|businessman|activist|politician|lawmaker|governor|son|daughter|husband|wife|"
                           r"brother|sister|father|mother|employee|engineer|contractor|clerk|staffer|shopkeeper|vendor|labou?rer|teenager|teen|youth|pupil|baby|infant|toddler|schoolboy|schoolgirl|suspect|thief|robber|bandit|kidnapper|criminal|gangster|smuggler|gunman|militiaman|jawan|evacuee|"
                           # (words that are also adjectives, "a jihadist assault", "a Maoist group": only as the subject of a verb)
                           r"(?:jihadist|insurgent|guerrilla|Maoist|Naxal(?:ite)?|cadre)(?=\s+(?:was|is|had|has|who|died)\b|\s*[,;.]))\b(?!-)", re.I)


def _person_follows(text: str, pos: int, tight: bool = False) -> bool:
    window = text[pos:pos + 60]
    if tight:
        return bool(_PERSON_TIGHT.match(window))
    return bool(PERSON.match(window.lstrip(" ")))


_CASUALTY_HINT = re.compile(r"kill|dead|die|death|live|bodies|perish|slain|massacr|execut|fatal|shot|gunned|behead|casualt|lost|lynch|alive|martyr|neutrali|supreme\s+price|ultimate\s+price"
                            r"|no\s+injur|(?:no\s+one|nobody)\s+was\s+(?:hurt|injured)", re.I)     # "causing no injuries": no one died
_CASUALTY_HINT_LOWER = re.compile(_CASUALTY_HINT.pattern)


_SUBSET_TOLL = WordGuard(re.compile(r"\b(?:including|among\s+them|of\s+whom|of\s+them)\s+(?:at\s+least\s+)?(?P<n>\d+|" + _NUM_WORD +
                          r")\s+(?:[\w'\u2019-]+\s+){0,2}?(?:(?:who\s+(?:were|was)\s+)?(?:killed\s+)?(?:in|by|from)\s+)(?:a|an|the)\s+(?:[\w'\u2019-]+\s+){0,2}$", re.I),
                         ("including", "among", "whom", "them"))


_GROUP_KILLED = re.compile(
    r"\b(?:the|those|these)\s+(?P<noun>civilians|soldiers|troops|policemen|officers|fighters|militants|rebels|villagers|"
    r"passengers|workers|students|children|women|men|worshippers|miners|farmers|pilgrims)\s+(?:were|had\s+been|have\s+been)\s+"
    r"(?:all\s+)?(?:killed|shot\s+dead)\b", re.I)


_INCLUDING_BEFORE = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom)\s+(?:at\s+least\s+)?$")


def group_toll(text: str, earlier: list[str]) -> tuple[int, int, bool] | None:
    """"The civilians were killed when their vehicle hit a mine": the count the sentences just before
    gave that group ("ten people dead, including five civilians"), as (count, how many sentences
    back, whether it was part of a larger toll there); None when they gave none."""
    m = _GROUP_KILLED.search(text)
    if m is None:
        return None
    counted = re.compile(r"(?<![\w.])(?P<n>\d+|" + _NUM_WORD + r")\s+(?:[a-z'-]+\s+)?" + m.group("noun").lower() + r"\b")
    for back, prev in enumerate(reversed(earlier), 1):
        low = prev.lower()
        found = [(parse_number(c.group("n")), c.start()) for c in counted.finditer(low)]
        found = [(n, at) for n, at in found if n]
        if found:
            n, at = found[-1]
            return n, back, _INCLUDING_BEFORE.search(low[max(0, at - 30):at]) is not None
    return None


def subset_toll(before: str) -> int | None:
    """'seven troops died, including four in a roadside bombing': the part of a toll that is this event's.

    `before` is the text just before the event's trigger word.
    """
    m = _SUBSET_TOLL.search(before[-90:])
    return parse_number(m["n"]) if m else None


# a later item of the same list of parts: "including a Canadian tourist and at least four police officers"
_SUBSET_LIST_BEFORE = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom)\s+(?:(?!killed|wounded|injured|dead|died|were|was)[^;.:])*?"
                                 r"\s+and\s+(?:at\s+least\s+|some\s+|about\s+)?$", re.I)
# the count of a whole that a breakdown may follow ("6 fatalities, 4 soldiers and 2 fighters"; not "two soldiers, a
# policeman and a civilian", a list of four dead)
_WHOLE_NOUN_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:people|persons|fatalities|deaths|dead|casualties|civilians|lives|bodies|victims|"
                               r"individuals|others)\b", re.I)
# a count of people, then a comma, then a pair of kin: the pair is who they were ("two civilians, a farmer and his daughter")
_KIN_PAIR_AFTER = re.compile(r"\s+(?:[\w-]+\s+){1,2}?and\s+(?:his|her|their)\s+", re.I)
_APPOSITION_BEFORE = re.compile(r"\b(?:\d+|" + _NUM_WORD + r")\s+(?:[\w-]+\s+){0,2}?(?:people|persons|civilians|villagers|residents|"
                                r"relatives)"      # (a kind of people, not a list: "two soldiers, a policeman and a civilian" are four)
                                r",\s+$", re.I)
_WHOLE_AMONG_BEFORE = re.compile(r"\b(?:were|was|are|is)\s+(?:also\s+)?among\s+(?:at\s+least\s+|some\s+|about\s+)?$", re.I)
# "Two medics were among at least 31 people killed": the part before a whole that is counted (not
# "six children were among those killed", where the part is all the text counts)
_AMONG_AFTER = re.compile(r"\s+(?:[\w'\u2019-]+\s+){0,6}?(?:were|was|are|is)\s+(?:also\s+)?among\s+(?:the\s+)?"
                          r"(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+|nearly\s+|over\s+)?(?:\d|(?:" + _NUM_WORD + r")\b)", re.I)
_DEATH_WORD = re.compile(r"\b(?:killed|dead|died)\b", re.I)
_SPEAKER_AFTER_COUNT = re.compile(r"\s+(?:[\w'-]+\s+){0,2}?(?:officials?|spokes(?:man|men|woman|women|person)|sources?|witness(?:es)?|officers?|commanders?|"
                                  r"doctors?|medics?|activists?|residents?|correspondents?|journalists?|reporters?|monitors?|workers?|nurses?|leaders?|"
                                  r"elders?|chiefs?|members?|lawmakers?|governors?|mayors?|administrators?|villagers?|survivors?|"
                                  r"relatives?|representatives?|diplomats?|analysts?)\s+(?:(?:of|from|with)\s+(?:[\w'\u2019-]+\s+){1,5}?)?"
                                  # ("a local official and a relative of one of the victims said": two tellers)
                                  r"(?:and\s+(?:an?|the|two|three|several)\s+(?:[\w'\u2019-]+\s+){1,6}?)?"
                                  r"(?:told|said|says|added|confirmed|stated)\b", re.I)
_SOURCE_BEFORE_COUNT = re.compile(r"\b(?:according\s+to|told|quoted|quoting|citing|cited|reported\s+by)\s+$", re.I)
_ATTACKERS = re.compile(r"\b(?:bombers?|attackers|assailants|gunmen)\b", re.I)
# "20 soldiers were killed along with dozens of assailants": the attackers among the dead (the codebook's "along with")
_DEAD_ALONG_WITH_BEFORE = re.compile(r"\b(?:killed|died|dead|slain)\s+(?:\S+\s+){0,2}?(?:along|together)\s+with\s+"
                                     r"(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+)?$", re.I)
# "shot dead U Than Htay, 52, the administrator", "shot dead local chief Musa Ibrahim on Tuesday": one person, named
# (not after a bare "killed": "killed Boko Haram fighters" names a group)
_NAMED_ONE_KILLED = re.compile(r"\b(?:shot\s+dead|gunned\s+down|assassinated|murdered|beheaded|stabbed\s+to\s+death|hacked\s+to\s+death)\s+"
                               r"(?:(?:the\s+)?(?-i:[a-z][\w-]*)\s+){0,3}?(?-i:[A-Z][\w'.\u2019-]*)(?:\s+(?-i:[A-Z][\w'.\u2019-]+)){1,3}"
                               r"(?=,|\s+(?:in|on|at|near|outside|while|as|late|early|last)\b)", re.I)
# (passive or "died": in "ten gunmen killed four soldiers" the gunmen are who killed)
_ATTACKERS_DIED = re.compile(r"\b(?:attackers|bombers|gunmen|assailants)\s+(?:(?:were|was|have\s+been|had\s+been)\s+(?:also\s+|all\s+)?(?:killed|shot\s+dead|neutrali[sz]ed)|(?:also\s+|all\s+)?(?:died|dead)|"
                             r"(?:were|was)\s+(?:also\s+|all\s+)?dead)", re.I)
_VERB_BEFORE_COUNT = re.compile(r"\b(?P<verb>\w+)\s+(?:at\s+least\s+|more\s+than\s+|some\s+|nearly\s+|about\s+|around\s+|over\s+)?$")
# (a year is not a count: "Jun 24 2016 Daesh kidnapped 900 ...")
_COUNT_BEFORE_VERB = re.compile(r"(?:(?<!\d)(?!(?:19|20)\d\d\b)\d+|\b(?:" + _NUM_WORD + r"))\s+(?:[a-z'\u2019-]+\s+){0,2}(?:were\s+|was\s+)?$")
# a headline's subject: "Civilian killed 3 injured", "Girl child killed two others injured" (the verb is the
# subject's, the count after it belongs to the next verb)
_SUBJECT_NOUN = (r"\b(?:civilian|child|girl|boy|man|woman|soldier|policeman|officer|journalist|student|farmer|"
                 r"resident|villager|worker|doctor|teacher|activist|fighter|militant|rebel|commander)")
_PERSON_BEFORE_VERB = re.compile(_SUBJECT_NOUN + r"\s+$", re.I)
# ... but "A soldier killed two fishermen": a subject with its article is prose, and the verb with its object active
_DETERMINED_SUBJECT_BEFORE = re.compile(r"\b(?:a|an|the)\s+(?:[\w-]+\s+)?" + _SUBJECT_NOUN + r"\s+$", re.I)
# "A soldier shot dead two fishermen", "Two policemen killed a suspect": the counted people did the killing;
# the verb takes an object right after it (not "killed two days ago", "killed the next day")
_ACTIVE_KILLING_OBJECT_AFTER = re.compile(
    r"\s+(?:[\w'-]+\s+){0,2}?(?:soldiers?|troops|policem[ae]n|police\s+officers?|officers?|gendarmes?|guards?|gunm[ae]n|m[ae]n|"
    r"wom[ae]n|boys?|youths?|teenagers?|attackers?|assailants?|militants?|fighters?|rebels?|militiam[ae]n|bandits?|robbers?|"
    r"suspects?|bombers?|snipers?)"
    r"\s+(?:killed|shot\s+dead|shot|gunned\s+down|murdered|stabbed|hacked|beheaded|executed)\s+"
    r"(?:(?:at\s+least|more\s+than|some|about|nearly|around)\s+)?(?:his|her|their|a|an|the|\d+|" + _NUM_WORD + r")\b"
    r"(?!\s+(?:days?|weeks?|months?|years?|hours?|nights?|day|previous|next|same|following|other|morning|evening)\b)"
    r"(?!\s+(?:others?\s+|more\s+)?(?:injured|wounded|hurt|missing)\b)", re.I)
# the headline's "Civilian killed", "Girl child killed 2 injured": one person, with no article before the noun
_ONE_SUBJECT_KILLED = re.compile(r"^\W*(?:(?:[a-z]{3,9}\.?,?\s+|\d{1,2},?\s+){1,4}\d{4}\s+|\d{1,2}[-./]\d{1,2}[-./]\d{4}\s+)?"
                                 r"(?:[A-Za-z]+\s+)?" + _SUBJECT_NOUN + r"\s+(?:was\s+)?(?:killed|shot\s+dead)\b", re.I)
_VERB_AFTER_COUNT = re.compile(r"^\s*(?:others?\s+|more\s+|people\s+|persons\s+)?(?P<verb>\w+)")
# (an aside between commas is skipped: "nine others, including a policeman, were injured")
_PASSIVE_VERB_AFTER = re.compile(r"^(?:\s+(?:of\s+)?[\w'\u2019-]+|\s*\([^)]{0,40}\)"
                                 r"|,\s+(?:including|among\s+them|most(?:ly|\s+of\s+them)|many\s+of\s+them|some\s+of\s+them|"
                                 r"all\s+of\s+them|both|one\s+of\s+them|among\s+whom)\b[^,;.]{0,50},){0,8}?\s+(?:were|was|have\s+been|had\s+been|are|is|has\s+been|remain|remains|remained)\s+(?:also\s+|still\s+|reportedly\s+|confirmed\s+|believed\s+to\s+have\s+been\s+)?(?P<verb>\w+)")
_REDUCED_VERB_AFTER = re.compile(r"\s+(?:were\s+|was\s+|(?:sustained|suffered|received)\s+(?:serious\s+|minor\s+|severe\s+|critical\s+)?)?(?:[a-z]+ly\s+)?(?P<verb>\w+)")
_NEW_CLAUSE = re.compile(r"\b(?:when|as|after|before|because|while|whereas)\b", re.I)
_GAP_BREAK = re.compile(r"\b(?:and\s+(?:wounding|injuring)|while|but)\b|;")
_ONE_KILLED = re.compile(r"\b(?:a|an|one)\s+(?:[\w'\u2019-]+\s+){0,3}?(?:fighter|soldier|civilian|man|woman|child|person|policeman|officer|member|militant|rebel|boy|girl|student|worker|journalist|reporter|photographer|cameraman|doctor|nurse|guard|protester|demonstrator|marcher|activist|commander|leader|official|politician|general|colonel|major|captain|lieutenant|sergeant|brigadier|lawmaker|judge|cleric|imam|priest|mayor|governor|driver|engineer|trader|shopkeeper|businessman|resident|villager|farmer|teacher|"
                         r"gendarme|peacekeeper|marine|sailor|pilot|cadet|conscript|bodyguard|tribesman|herder|herdsman|miner|fisherman|"
                         r"motorist|commuter|volunteer|medic|paramedic|firefighter|settler|monk|elder|contractor|labou?rer|bandit|"
                         r"teenager|youth|baby|infant|toddler|pupil|schoolboy|schoolgirl|pilgrim|worshipper|shepherd|"
                         # "A Palestinian was killed", "an Israeli was killed": a person named by nationality
                         r"(?-i:[A-Z][a-z]+(?:ian|an|i|ese)))"
                         r"\s+(?:\([^)]{0,60}\)\s+|,[^,]{0,60},\s+)?(?:was|were|has\s+been|had\s+been)\s+(?:also\s+)?(?:killed|shot\s+dead|gunned\s+down|beheaded|executed|stabbed\s+to\s+death|beaten\s+to\s+death)\b", re.I)


_ONE_AND_KIN = re.compile(r"\b(?:a|an|one)\s+(?:(?!(?:was|were|is|are|has|had|have|been|killed|dead|died|wounded|injured)\b)[\w'\u2019-]+\s+){1,4}?"
                          r"and\s+(?:his|her)\s+(?:[\w-]+\s+)?"
                          r"(?:wife|husband|son|daughter|brother|sister|father|mother|child|grandson|granddaughter|nephew|niece|"
                          r"cousin|uncle|aunt|fianc[eé]e?)\b", re.I)
_AGENT_BY_BEFORE = re.compile(r"\bby\s+(?:a\s+(?:group|gang|band|mob|crowd|unit|squad|column)\s+of\s+)?(?:(?:around|about|some|nearly|at\s+least|"
                              r"more\s+than|over|up\s+to|roughly|an\s+estimated|approximately)\s+)?$", re.I)
_VAGUE_COUNTS = frozenset(("several", "many", "some", "few", "a few", "dozens", "scores", "hundreds", "numerous"))
_MORE_AFTER_COUNT = re.compile(r"\s+more\b(?!\s+than\b)", re.I)
_SPELLED_AGAIN = re.compile(r"\b(\d+)\s+\((?:[a-z]+(?:[\s-][a-z]+)?)\)")


# Whose dead a count names: a state's forces, armed men, civilians
SIDE_NOUNS = {
    "state": r"soldiers|troops|policemen|police\s+officers|officers|gendarmes|servicemen|security\s+personnel|guards",
    "armed": r"militants|assailants|jihadists|attackers|insurgents|rebels|fighters|terrorists|gunmen|bandits|extremists|"
             r"guerrillas|militiamen|Taliban|Houthis|Shabaab|Daesh",      # (groups counted by name: "four Taliban were also killed")
    # ("people" is no side: "killing 10 people" may count the soldiers a later sentence names)
    "civilian": r"civilians|villagers|residents|children|women|worshippers|passengers",
}
_AND_WORD = re.compile(r"\band\b")
_PART_WORD = re.compile(r"\b(?:among|including|of\s+whom|of\s+them)\b|[:;(]", re.I)
# the side of the people a count names, right after it ("six soldiers", "20 suspected terrorists")
_SIDE_AFTER_COUNT = {side: re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:" + nouns + r")\b", re.I) for side, nouns in SIDE_NOUNS.items()}


@lru_cache(maxsize=4096)
def fatalities(text: str) -> int | None:
    """Deaths that `text` (one clause or sentence about one event) reports, or None if it gives none.

    Counts attach to the nearest casualty word; deaths named for several sides are summed, parts
    ("including six civilians") are not, and "killed or captured dozens" gives no count.
    """
    # on ASCII text the lower-cased match without re.I is the re.I match, and faster
    if not (_CASUALTY_HINT_LOWER.search(text.lower()) if text.isascii() else _CASUALTY_HINT.search(text)):
        return None
    text = without_quotes(text)      # '"Dozens of terrorists" were also killed': the words, not the quotes
    if "(" in text:
        text = _SPELLED_AGAIN.sub(r"\1", text)      # "the bodies of 8 (eight) Maoists": one count, written twice
    if _NO_DEATHS.search(text) and not _DEATH_WORD.search(_NO_DEATHS.regex.sub(" ", text)):
        return 0      # ("no one was killed" holds a word of death of its own)
    if _AGGREGATE.search(text):
        return None
    casualty = [(m.start(), m.end(), "death" if m.group("death") else ("injury" if m.group("injury") else "capture"))
                for m in _CASUALTY.finditer(text.lower())]
    if not casualty:
        return None
    combined = [(m.start(), m.end()) for m in _COMBINED.finditer(text.lower())]
    by_verb: dict[int, int] = {}     # counts summed per casualty word they belong to
    more: dict[int, int] = {}        # ... of them, the counts of further dead ("and three more died")
    parts: dict[int, list[int]] = {}     # ... and each count, in order
    counted_at: dict[int, list[tuple[int, int]]] = {}     # ... and where each count stands
    for start, end, val in _count_mentions(text):
        before = text[max(0, start - 30):start]
        if (_SUBSET_BEFORE.search(before) and not _WHOLE_AMONG_BEFORE.search(before)) \
                or (" and " in before and _SUBSET_LIST_BEFORE.search(text[max(0, start - 80):start])):
            continue      # "including six civilians": a part; not "were among 31 people killed", the whole toll
        if _AMONG_AFTER.match(text[end:end + 50]):
            continue      # a part of the toll counted after it
        if _SOURCE_BEFORE_COUNT.search(text[max(0, start - 25):start]) \
                or (text[start:end].lower() in ("a", "an") and _SPEAKER_AFTER_COUNT.match(text[end:end + 90])):
            continue      # "killed in the fighting, according to a health official", "an official told": who tells it, not one more dead
        if text[start:end].lower() in ("a", "an") and _APPOSITION_BEFORE.search(text, max(0, start - 50), start) \
                and _KIN_PAIR_AFTER.match(text, end):
            continue      # "killing two civilians, a farmer and his teenage daughter": the two, named, not a third dead
        if _AGENT_BY_BEFORE.search(text, max(0, start - 40), start):
            continue      # "were beheaded by a group of around 15 armed men": who did it, counted, not dead
        if _ATTACKERS.search(text[end:end + 25]) and not _ATTACKERS_DIED.search(text[end:end + 40]) \
                and not _KILLING_BEFORE.search(text[max(0, start - 30):start]) \
                and not _DEAD_ALONG_WITH_BEFORE.search(text, max(0, start - 40), start):
            # the attackers themselves: counted only when the text says they died ("three gunmen were
            # killed", "troops killed five gunmen")
            continue
        if _ACTIVE_KILLING_OBJECT_AFTER.match(text, end, end + 90):
            continue      # "A soldier shot dead two fishermen": the one who shot, not one of the dead
        best, best_d = None, 10**9
        object_of = _VERB_BEFORE_COUNT.search(text[max(0, start - 30):start])
        verb_start = max(0, start - 30) + object_of.start("verb") if object_of else 0
        # "Child killed 9 Civilians Injured": a headline's subject owns the verb, the count is the next verb's
        own_subject = object_of is not None and _PERSON_BEFORE_VERB.search(text[max(0, verb_start - 30):verb_start]) is not None \
            and not _DETERMINED_SUBJECT_BEFORE.search(text[max(0, verb_start - 40):verb_start])
        counted_before = object_of is not None and (own_subject or _COUNT_BEFORE_VERB.search(text[max(0, verb_start - 30):verb_start].lower()))
        if object_of and not counted_before and _CASUALTY.fullmatch(object_of["verb"].lower()):
            # "killing 12 ...", "Kills Two Injures Three": the verb before the number governs it
            vs = max(0, start - 30) + object_of.start("verb")
            best = next(((cs, ce, kind) for cs, ce, kind in casualty if cs == vs), None)
            best_d = 0 if best else best_d
        direct = None if best is not None else _VERB_AFTER_COUNT.match(text[end:end + 30])
        if best is None and direct and _CASUALTY.fullmatch(direct["verb"].lower()):
            vs = end + direct.start("verb")
            best = next(((cs, ce, kind) for cs, ce, kind in casualty if cs == vs), None)
            best_d = 0 if best else best_d
        if best is None:
            # "left a child dead and a woman injured": the word right after the counted people is theirs
            after = text[end:end + 60]
            person = PERSON.match(after[1:]) if after[:1] == " " else None
            verb = _REDUCED_VERB_AFTER.match(after, 1 + person.end()) if person is not None else None
            if verb is not None and _CASUALTY.fullmatch(verb["verb"].lower()):
                vs = end + verb.start("verb")
                best = next(((cs, ce, kind) for cs, ce, kind in casualty if cs == vs), None)
                best_d = 0 if best else best_d
            elif verb is not None and verb["verb"].lower() in _CROWD_DEEDS and not _PASSIVE_AUX.search(verb.group(0)):
                continue      # "Hundreds of protesters set fire to offices after a man was shot dead": the count did something else
        passive = None if best is not None else _PASSIVE_VERB_AFTER.match(text[end:end + 80])
        if best is None and passive and _CASUALTY.fullmatch(passive["verb"].lower()):
            vs = end + passive.start("verb")
            best = next(((cs, ce, kind) for cs, ce, kind in casualty if cs == vs), None)
            best_d = 0 if best else best_d
        targeted = best is None and (_TARGET_PREP_BEFORE.search(text[max(0, start - 12):start]) is not None
                                     or _ENGAGED_BEFORE.search(text, max(0, start - 40), start) is not None)
        for cs, ce, kind in casualty if best is None else ():
            if own_subject and cs == verb_start:
                continue
            if targeted and cs >= end:
                continue      # "opened fire on thousands of protesters, killing 19": those fired on, not the dead
            d = cs - end if cs >= end else start - ce
            if cs >= end:
                gap = text[end:cs]
            else:
                gap = text[ce:start]
            if cs < start and _NEW_CLAUSE.search(gap):
                continue      # "were killed when about 30 armed men ambushed a patrol": the count is the next clause's subject
            if _GAP_BREAK.search(gap) and kind == "death":
                d += 40
            if d < best_d:
                best, best_d = (cs, ce, kind), d
        if best is None or best_d > 120:
            continue
        cs, ce, kind = best
        if kind != "death":
            continue
        if any(a <= cs < b for a, b in combined):
            continue
        by_verb[cs] = by_verb.get(cs, 0) + val
        parts.setdefault(cs, []).append(val)
        counted_at.setdefault(cs, []).append((start, end))
        if _MORE_AFTER_COUNT.match(text, end) and text[start:end].lower() not in _VAGUE_COUNTS:
            more[cs] = more.get(cs, 0) + val      # "three more died in hospital": besides those counted first
    for cs, vals in parts.items():
        if len(vals) >= 3 and sum(vals[1:]) == vals[0] and _WHOLE_NOUN_AFTER.match(text, counted_at[cs][0][1]):
            by_verb[cs] = vals[0]      # "6 fatalities in the clashes, 4 soldiers and 2 fighters": a total, then its breakdown
    if not by_verb:
        # "a Hezbollah fighter was killed", "A man was killed"
        m = _ONE_KILLED.search(text) or _ONE_SUBJECT_KILLED.match(text) or _NAMED_ONE_KILLED.search(text)
        if m:
            return 1
        return None
    # sides named with one verb are summed ("9 soldiers and 4 rebels were killed"); separate
    # statements of a toll (a headline and its lede) are the same deaths told twice
    toll = max(by_verb.values())
    if len(by_verb) == 2:
        # "Six soldiers were killed and 20 terrorists were neutralised": two sides' dead, each told with a verb of its
        # own and joined by "and", are the event's dead together (not a part: "ten children were among 48 killed")
        # (whose dead each count names: found only here, where it can matter)
        sides = [{side for start, end in counts for side, rx in _SIDE_AFTER_COUNT.items() if rx.match(text, end, end + 40)}
                 for counts in counted_at.values()]
        if all(len(found) == 1 for found in sides) and len(sides[0] | sides[1]) == 2:
            a, b = sorted(counts[0][0] for counts in counted_at.values())
            if _AND_WORD.search(text, a, b) and not _PART_WORD.search(text, a, b):
                toll = sum(by_verb.values())
    if more:
        # "Six people died at the scene and three more died in hospital": the further dead told with a verb of
        # their own are added to the largest count of the others
        base = max(by_verb, key=lambda cs: (by_verb[cs] - more.get(cs, 0), by_verb[cs]))
        if by_verb[base] > more.get(base, 0):
            toll = max(toll, by_verb[base] + sum(n for cs, n in more.items() if cs != base))
    if toll == 1 and _ONE_AND_KIN.search(text):
        return 2      # "shot dead a rubber tapper and his wife": the one counted, and one more named
    lead = _ONE_AND_COUNT_KILLED.search(text)
    if lead is not None and parse_number(lead.group("n").lower()) == toll:
        return toll + 1      # "The governor of Aden and six of his bodyguards were killed": the governor too
    return toll
