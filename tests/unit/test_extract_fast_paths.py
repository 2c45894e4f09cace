"""The fast paths of extraction find exactly what the plain scans find: triggers and blockers tried
only where their words can start, cues matched without re.I on lower-cased ASCII text.

Sentences written for these tests.
"""

from __future__ import annotations

import re

import pytest

from pipeline.extract.actors import Cue, load_lexicon
from pipeline.extract.triggers import _head_index, _matches_at, _starts_by_pattern, active_blockers, find_triggers, load_rules

pytestmark = pytest.mark.unit

SENTENCES = [
    "Warplanes carried out air-strikes on the town, and a counter-attack by rebels re-captured the hill on Monday.",
    "Rebels seized,captured and retook three villages; the army's shelling killed 12 people in the re-shelling.",
    "A car bomb exploded near a checkpoint, killing four soldiers, while mortar shells struck the old city.",
    "The earthquake and the floods killed 30 people, officials said, after protesters rallied in the square.",
    "SUICIDE BOMBER blew himself up at the market; Police fired tear-gas at demonstrators who threw stones.",
    "Non-attacks, pre-raids and self-detonated devices: nothing here starts a word where the rules start.",
    "Gunmen kidnapped two aid workers, then ambushed a patrol and clashed with troops near the border crossing.",
    "The group claimed responsibility for the attack, which the government denied, and accused its rivals.",
    "",
]


def _plain_triggers(text: str):
    """find_triggers as a scan of every rule over the whole sentence."""
    rules, _ = load_rules()
    low = text.lower()
    found = []
    for rule in rules:
        found += [(rule.type, m.start(), m.end()) for m in rule.regex.finditer(low) if m.end() > m.start()]
    return found


@pytest.mark.parametrize("sentence", SENTENCES)
def test_triggers_are_those_of_a_full_scan(sentence):
    kept = {(t.type, t.start, t.end) for t in find_triggers(sentence)}
    assert kept <= set(_plain_triggers(sentence))
    # and nothing a full scan finds is missing: every scanned match overlaps one kept
    for typ, start, end in _plain_triggers(sentence):
        assert any(s < end and start < e for _, s, e in kept)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_blockers_are_those_of_a_search(sentence):
    _, blockers = load_rules()
    low = sentence.lower()
    plain = [(b.name, m.start()) for b in blockers if (m := b.regex.search(low))]
    assert [(b.name, b.start) for b in active_blockers(sentence)] == plain


def test_matches_at_word_starts_equal_finditer():
    rx = re.compile(r"(?<![\w-])(?:ab|abc|b|cab)(?![\w])")
    text = "ab abc cab-ab xab b ab"
    starts = [m.start() for m in re.finditer(r"[\w-]+", text)]
    assert [m.span() for m in _matches_at(rx, text, starts)] == [m.span() for m in rx.finditer(text)]


def test_matches_at_resumes_after_a_match():
    rx = re.compile(r"(?<![\w-])(?:one two|two three)(?![\w])")
    text = "one two three"
    # "two three" would start inside the first match: finditer does not find it, nor may the fast path
    assert [m.span() for m in _matches_at(rx, text, [0, 4, 8])] == [m.span() for m in rx.finditer(text)] == [(0, 7)]


def _old_search(cue: Cue, window: str):
    """Cue.search before the fast path: the literal pre-check on the lower-cased text, then re.I."""
    if cue.pre is not None and cue.pre.search(window.lower()) is None:
        return None
    return cue.regex.search(window)


@pytest.mark.parametrize("window", [
    "the rebels said they would ", "THE REBELS WILL ", "they plan to ", "which had been ", "a town that was ",
    "they will say they WİLL ",    # capital dotted I: 'i' under re.I, but two characters once lower-cased
    "they will say they wıll ",    # dotless i: the same
    "it was what it waſ ",         # long s: 's' under re.I
    "Ünal said they will ",
    "nothing to see here",
])
def test_cues_match_as_before(window):
    cues = load_lexicon().cues
    for cue in [cues["hypothetical"]["before"], cues["background"]["before"], cues["negation"]["before"],
                Cue(r"\bwill\s+$"), Cue(r"\bwas\s+$")]:
        fast, plain = cue.search(window), _old_search(cue, window)
        assert (fast is None) == (plain is None), (cue.regex.pattern[:60], window)
        if fast is not None:
            assert fast.span() == plain.span()


def test_non_ascii_window_is_matched_case_insensitively():
    # lower-cased, "WİLL" would not read "will": such text keeps the re.I pattern
    assert Cue(r"\bwill\s+$").search("they will say they WİLL ") is not None
    assert Cue(r"\bwas\s+$").search("it was what it waſ ") is not None


def test_cue_with_capitals_keeps_case_insensitive_matching():
    cue = Cue(r"\bTV\s+said\b")
    assert cue.folded is None
    assert cue.search("the tv said") is not None
