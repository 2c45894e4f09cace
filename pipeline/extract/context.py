"""Whether a trigger reports an event that happened: negation, plans, background, totals.

The cue words live in data/cues.yaml (blockers for disasters, diplomacy, crime and claims in
data/triggers.yaml); this module applies them to the text around one trigger.
"""

from __future__ import annotations

import re
from datetime import date

from .actors import load_lexicon
from .document import Sentence
from .sentences import Span
from .patterns import without_quotes
from .triggers import Trigger


def loaded_cues() -> dict:
    return load_lexicon().cues


# what stands at the end of the text before a trigger (compiled once, not looked up per call)
_PERIOD_PREP_END = re.compile(r"\b(?:over|in|during)\s+the\s+$", re.I)
_TOLL_WORD = re.compile(r"\b(?:killed|dead|died|deaths|lives)\b", re.I)
_RELATIVE_PAST = re.compile(r"\b(?:who|which|that|whom|they|he|she|it|we)\s+(?:had|has|have)\s+(?:been\s+)?(?:\w+ly\s+)?\w+(?:ed|en|ld|wn|ght)\b", re.I)
_TO_END = re.compile(r"\bto\s+(?:\S+\s+)?$")
_USED_TO_END = re.compile(r"\b(?:used|using|fired|firing|deployed|employed|sent|moved\s+in|intervened|rushed)\b(?:\s+\S+){0,5}\s+to\s+(?:\S+\s+)?$", re.I)
_MODAL = re.compile(r"\b(?:will|would|could|plan\w*|intend\w*)\b", re.I)
_YEAR_IN = re.compile(r"\bin\s+(?:(?:early|late|mid-?)\s*)?(?:january|february|march|april|may|june|july|august|september|october|"
                      r"november|december)\s+((?:19|20)\d\d)\s*$", re.I)


def _month_of_this_year(cue: str, pub: date | None) -> bool:
    """The background cue after the trigger is a month of the publication's own year ("killed ... in March 2022" in
    a story of March 2022): the news of the year, not history (a bare year stays the cue it was)."""
    year = _YEAR_IN.search(cue)
    return year is not None and pub is not None and int(year.group(1)) >= pub.year


_YEAR_END = re.compile(r"\b((?:19|20)\d\d)\s+(?:\S+\s+)?$")
_HAD_END = re.compile(r"\bhad\s+(?:been\s+)?(?:\w+ly\s+)?$")
_SAID_HAD_END = re.compile(r"\b(?:said|says|say|reported|announced|claimed|told|stated|added)\s+(?:that\s+)?(?:\S+\s+){0,8}had\s+(?:been\s+)?(?:\w+ly\s+)?$", re.I)
_SAID_AND_THAT_END = re.compile(r"\b(?:said|says|say|reported|announced|told\s+\w+|stated|added|confirmed)\s+(?:[^.;]{0,80}?\band\s+)?that\s+"
                                r"(?:\S+\s+){0,4}(?:was|were)\s+(?:\w+ly\s+)?$", re.I)
_WHERE_HAVE_END = re.compile(r"\bwhere\s+(?:\S+\s+){0,6}(?:has|have)\s+been\s+(?:\w+ly\s+)?$", re.I)
_BY_TIME_OF_DAY = re.compile(r"\W*(?:by|before|until)\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?:morning|midday|noon|afternoon|evening|"
                             r"nightfall|night|dusk|dawn|sunset|sunrise|lunchtime|\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?))\b", re.I)
_HAVE_END = re.compile(r"\b(?:has|have)\s+(?:been\s+)?$", re.I)
_TO_WORD_END = re.compile(r"\bto\s+(?:\w+\s+)?$")
# the main verb right after an aside set off by commas ("..., demanding an end to the raids, stormed and set fire to")
_MAIN_VERB_AFTER_ASIDE = re.compile(r",\s+(?:[a-z]+\s+and\s+)?$")
_PAST_VERB = re.compile(r"(?:[a-z]+ed|set|threw|burnt|shot|fought|hit|struck|overran|took|stole|broke|beat)\b")
_AND_END = re.compile(r"\band\s+$")
_ACCUSED = re.compile(r"\baccused\b")
_PROTESTERS_TO_END = re.compile(r"\b(?:streets|rallied|gathered|marched|staged|protest(?:ed|ers)?|demonstrators|came|work|shops|businesses|"
                                r"classes|strike|home|boycotted|blocked)\s+(?:\w+\s+){0,6}to\s+(?:\w+\s+)?$", re.I)


def context_filter(s: Sentence, t: Trigger, clause: Span, pub: date | None = None) -> str | None:
    """Why this trigger is not a current event ('negated', 'hypothetical', 'background', ...) or None."""
    cues = loaded_cues()
    text = s.text
    # (quotation marks stand for nothing here: 'vowed to "liberate every inch"' is a vow to liberate)
    before_all = without_quotes(text[clause.start:t.start])
    for kind in ("negation", "hypothetical", "background"):
        if kind == "background" and "after" in cues[kind]:
            # what follows the trigger dates it to the past or makes it a long state ("since 2012", "for
            # two years"), whatever stands before it ("have been trying to capture ... for two years")
            after = text[t.end:min(clause.end, t.end + 120)]
            m = cues[kind]["after"].match(after)
            if m and not _RELATIVE_PAST.search(after, 0, m.end()) and not _month_of_this_year(m.group(0), pub):
                return kind
            # ("beheaded a sailor they had held hostage for months": the months are the relative clause's)
        if kind != "background" and "after" in cues[kind] \
                and cues[kind]["after"].match(text[t.end:min(clause.end, t.end + 120)]):
            return kind       # "A sit-in planned for Saturday did not take place": negated or still to come, after the word
        window = cues[kind]["window"]
        before = before_all[-window:]
        cue = cues[kind]["before"].search(before)
        if cue:
            if kind == "hypothetical" and cues["attempt"]["before"].search(before[-cues["attempt"]["window"]:]):
                continue
            if kind == "hypothetical" and _TO_END.search(before) and _USED_TO_END.search(before) and not _MODAL.search(before):
                continue      # "used tear gas to disperse": purpose of something done
            if kind == "background":
                year = _YEAR_END.search(before)
                if year and pub is not None and int(year.group(1)) >= pub.year:
                    continue
                if _HAD_END.search(before) and _SAID_HAD_END.search(before):
                    continue      # "said it had seized": reported speech, not background
                if _SAID_AND_THAT_END.search(before_all[-120:]):
                    continue      # "Police said ... and that 15 people were arrested": what was said, not a relative clause
            if kind == "background" and _AND_END.search(before) and _PAST_VERB.match(t.text) \
                    and _ACCUSED.search(cue.group(0)):
                continue      # "caught two men they accused of theft and stoned them": a verb of its own, coordinated
            if kind == "background" and _HAD_END.search(before) and _BY_TIME_OF_DAY.match(text):
                continue      # "By mid-morning, youths had broken into the park": the story's day, told in order
            if kind == "background" and _HAD_END.search(before) and pub is not None \
                    and any(d.day is not None and d.precision == 1 and 0 <= (pub - d.day).days <= 7 for d in s.dates):
                continue      # "On Saturday, the monks had marched ...": a pluperfect dated this week is news
            if kind == "background" and _HAVE_END.search(before) and t.type not in ("territory",) \
                    and not _WHERE_HAVE_END.search(before):
                # (but a place described by what goes on there, "a town where the cartel has been fighting
                # local gangs", tells no event of the day)
                continue      # present perfect of an ongoing event ("have been pounding") is current
            if kind == "hypothetical" and _MAIN_VERB_AFTER_ASIDE.search(before) and _PAST_VERB.match(t.text) \
                    and "," in before[cue.start():]:
                continue      # "protesters, demanding action against the attackers, stormed ...": the aside's
                #               comma closes the demand; the verb after it is what they did
            if kind == "hypothetical" and t.type in ("Peaceful protest", "Arrests") and _TO_WORD_END.search(before):
                # "took to the streets to protest" is still a protest
                if _PROTESTERS_TO_END.search(before):
                    continue
            return kind
    clause_text = text[clause.start:clause.end]
    if cues["aggregate"].search(clause_text):
        return "aggregate"
    period = cues["aggregate_period"].search(clause_text)
    if period and _PERIOD_PREP_END.search(clause_text, max(0, period.start() - 14), period.start()) \
            and _TOLL_WORD.search(clause_text):
        return "aggregate"      # "has killed more than 60 people over the past week": a total over a period
    if _iterative(s, t, clause, clause_text, cues["iterative"]):
        return "aggregate"      # "has been repeatedly targeted by JNIM", "has launched dozens of attacks since November"
    return None


_COORDINATION = re.compile(r",\s+and\s+|;\s*")


def _iterative(s: Sentence, t: Trigger, clause: Span, clause_text: str, cue: dict) -> bool:
    """The trigger is told as a habit or a series in the present perfect (cues.yaml `iterative`), with no day named."""
    # (within the clause, from the last coordination before the trigger: "devices have been found since
    # September, and four children have died in an explosion" tells the explosion)
    start = max((m.end() for m in _COORDINATION.finditer(clause_text, 0, max(0, t.start - clause.start))), default=0)
    segment = clause_text[start:]
    if not cue["marker"].search(segment):
        return False
    perfect = cue["perfect"].search(segment)
    if perfect is None or clause.start + start + perfect.start() > t.start:
        return False
    # (a day or a week named is the news: "has stepped up air attacks in recent days ... at the weekend")
    return not any(clause.start <= d.start < clause.end and d.precision <= 2 for d in s.dates)


def attempted(s: Sentence, t: Trigger, clause: Span) -> bool:
    before = s.text[max(clause.start, t.start - loaded_cues()["attempt"]["window"]):t.start]
    return bool(loaded_cues()["attempt"]["before"].search(before))


# ", Algeria's foreign ministry said.": who tells the news, not a diplomatic story
_SPEAKS_AFTER = re.compile(r"\s*(?:[\w'\u2019-]+\s+){0,3}?(?:said|says|told|announced|reported|confirmed|stated)\b")
_ATTRIBUTION_START = re.compile(r",\s*(?:(?:the|a|an)\s+)?(?:[\w'\u2019-]+\s+){0,3}$")


def blocked_by_context(s: Sentence, sub: str, t: Trigger, ignore: tuple[str, ...] = ()) -> bool:
    """Whether a blocker of the sentence (a disaster, crime, diplomacy word; `ignore`: those that do
    not apply here) makes this trigger no event."""
    for b in s.blocked.values():
        if b.name in ignore:
            continue
        if b.name == "diplomacy" and b.start > t.end and _SPEAKS_AFTER.match(s.text, b.end) \
                and _ATTRIBUTION_START.search(s.text, max(0, b.start - 40), b.start):
            continue      # the ministry or the envoy as the source of the news
        if b.scope == "after" and t.start < b.start:
            continue
        if "*" in b.blocks:
            return True
        if sub in b.blocks and (t.weak or not b.blocks_weak or b.name in ("disaster", "crime", "diplomacy") and t.weight < 0.9):
            return True
    return False
