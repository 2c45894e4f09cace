"""The fast paths of extraction find exactly what the plain scans find: triggers and blockers tried
only where their words can start, cues matched without re.I on lower-cased ASCII text.

Sentences written for these tests.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from pipeline.extract.actors import _AGENT_VERB_START, _COUNTRY_BY_WORDS, _NATIONAL_STRIKE_WORDS, Cue, load_lexicon
from pipeline.extract.dates import _NEEDS, _PATTERNS, text_facts
from pipeline.extract.events import (_AERIAL, _DEFINITE_ATTACK, _FOLDED_FRAMES, _GROUND_FIRE, _PERSON, _PLACE_ANAPHOR_AFTER,
                                     _SUPPORT_BEFORE, _folded, _names, _says)
from pipeline.extract.numbers import _AGGREGATE, _SUBSET_BEFORE, _SUBSET_TOLL
from pipeline.extract.document import OTHER_EVENT
from pipeline.extract.participants import _ARMED_TARGET, _HIT_BEFORE, _OBJECT_BEFORE, _PITTING
from pipeline.extract.patterns import BranchScan, TailPattern, holds_any, required_literals, top_alternatives, trie_regex
from pipeline.extract.places import (_BORDER_BEFORE, _DIRECTION, _LOCATIVE, _NEAR_BEFORE, _NEAR_WORDS, _PART_AFTER_HOST,
                                     _PART_STEMS, _PREP_BEFORE, _SEAT_BEFORE, _SETTLEMENT_OF, _SOURCE_BEFORE, _TYPE_AFTER, _TYPE_AFTER_GUARD,
                                     _TYPE_BEFORE, _TYPE_STEMS, _UNKNOWN_TOPONYM, _UNKNOWN_TOPONYM_NO_PART, _demonyms,
                                     _may_frame_toponym, _renamed, find_places, load_gazetteer, unknown_toponyms)
from pipeline.extract.sentences import _BOUNDARY, clause_scan, split_clauses, split_sentences
from pipeline.extract.triggers import (_blockers_by_head, _head_index, _matches_at, _rules_by_head, _starts_by_pattern,
                                      active_blockers, find_triggers, load_rules)

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


@pytest.mark.parametrize("window", [
    " since the war began", " in 2014 and", " SINCE THE START of", " began two weeks ago and have grown",
    "-backed rebels", "-Backed", " said on Monday", " in 2014 ſince", " on Tuesday",
])
def test_cue_matches_at_the_start_as_before(window):
    cues = load_lexicon().cues
    for cue in [cues["background"]["after"], cues["assoc_after"], cues["source_after"]]:
        fast, plain = cue.match(window), cue.regex.match(window)
        assert (fast is None) == (plain is None), (cue.regex.pattern[:60], window)
        if fast is not None:
            assert fast.span() == plain.span()


BACKGROUND_WINDOWS = [
    "Khan Sheikhun, site of a ", "the town, the scene of an ", "in 1988 the ", "which the rebels had ",
    "a town that was ", "an area whose residents fled after the ", "after years of ", "in retaliation for the ",
    "the men involved in the ", "regularly ", "one of the first towns to ", "KHAN SHEIKHUN, SITE OF A ",
    "nothing of the kind here ", "the site of the ", "", "it was what it waſ ",
]


@pytest.mark.parametrize("window", BACKGROUND_WINDOWS)
def test_a_cue_searched_branch_by_branch_finds_the_whole_patterns_match(window):
    cue = load_lexicon().cues["background"]["before"]
    assert cue.parts is not None          # no literal starts every branch: searched branch by branch
    whole = cue.regex.search(window)
    fast = cue.search(window)
    assert (fast is None) == (whole is None), window
    if fast is not None:
        assert fast.span() == whole.span()


def test_the_leftmost_branch_match_wins_and_the_earlier_branch_on_a_tie():
    cue = Cue(r"(?:\bzz\w*\s+$|(?-i:[A-Z])\w*\s+zz\w*\s+$|\bbb\s+\w+\s+zz\w*\s+$)")
    assert cue.parts is not None and len(cue.parts) == 3
    for window in ("aa bb Cc zzz ", "bb Cc zzz ", "Cc zzz ", "zzz ", "bb cc zz ", "nothing"):
        whole, fast = cue.regex.search(window), cue.search(window)
        assert (None if whole is None else whole.span()) == (None if fast is None else fast.span()), window


def test_required_literals_are_held_by_every_match():
    assert set(required_literals(r"(?:\b(?:is|was)\s+the\s+|(?-i:[A-Z])\w*,?\s+)(?:site|scene)\s+of\s+$", 2)) <= {"site", "scene", "ite", "cene"}
    assert required_literals(r"\b(?:19|20)\d\d\s+$", 2) in (("19", "20"),)
    assert required_literals(r"\w+\s+$", 2) is None          # no literal: always searched
    assert required_literals(r"\bhad\s+(?:been\s+)?$", 3) == ("had",)


def test_top_alternatives_split_only_the_top_level():
    assert top_alternatives(r"(?:a|b(?:c|d))") == ["a", "b(?:c|d)"]
    assert top_alternatives(r"a[|]b|c") == ["a[|]b", "c"]
    assert top_alternatives(r"(?:a|b)c") == ["(?:a|b)c"]          # the group does not wrap the whole pattern
    assert top_alternatives(r"a\|b") == ["a\|b"]
    assert top_alternatives(r"(?:a|b)|c") == ["a", "b", "c"]      # a group that is a whole alternative
    assert top_alternatives(r"(?:a)|(?:b)c") == ["(?:a)", "(?:b)c"]


def test_branch_scan_finds_what_the_whole_pattern_finds():
    texts = ["Fighters entered the village of Handarat and the town of Kafr Hamra, near Aleppo, on Monday.",
             "Aleppo's Sakhour district, the Qadam district of Damascus and the camp in Yarmouk were shelled.",
             "Qadam, a district of Damascus, was hit; 3 km from Eringeti, in village Kot Addu, Barangay Ganta too.",
             "No place is framed here.", ""]
    for regex in (_UNKNOWN_TOPONYM, _UNKNOWN_TOPONYM_NO_PART):
        scan = BranchScan(regex)
        for text in texts + [" ".join(texts)]:
            assert [(m.span(), {k: v for k, v in m.groupdict().items() if v}) for m in scan.finditer(text)] \
                == [(m.span(), {k: v for k, v in m.groupdict().items() if v}) for m in regex.finditer(text)]


def test_non_ascii_window_is_matched_case_insensitively():
    # lower-cased, "WİLL" would not read "will": such text keeps the re.I pattern
    assert Cue(r"\bwill\s+$").search("they will say they WİLL ") is not None
    assert Cue(r"\bwas\s+$").search("it was what it waſ ") is not None


def test_cue_with_capitals_keeps_case_insensitive_matching():
    cue = Cue(r"\bTV\s+said\b")
    assert cue.folded is None
    assert cue.search("the tv said") is not None


# --- prefix tries, tail patterns and the necessary-word checks (sentences written for these tests)

MORE_SENTENCES = [
    "Two soldiers died in combat near Idlib as dock workers were on strike and marched to the port.",
    "Rebels handed over control of the town without a fight, as the army's troops withdrew from the area after talks.",
    "The Syrian army, backed by Russian warplanes, attacked the village of Kafr Nabl; Israel launched air strikes.",
    "On 12 March 2016 the strike by Turkey hit the district of Afrin, officials said - no one was hurt.",
    "It rained all day in the capital; the market reopened at noon, whereas the school stayed shut.",
    "The UN's envoy, a Swedish diplomat, said tonight that the talks in Geneva would resume last week.",
    "Tanks shelled Aleppo's Sakhour district and the Jobar neighbourhood of Damascus yesterday morning.",
    "Shells hit the town,\tand the observatory said ten people died, which saw the market burn.",
    "Jets struck while troops advanced \u2014 a spokesman confirmed it,\nas expected; residents fled.",
    "",
]


def test_exact_trie_is_a_longest_first_alternation():
    words = ["South Sudanese", "Sudanese", "Sudan", "US", "U.S.", "Iraqi", "Iraq"]
    rx = re.compile(r"(?<![\w-])(?:" + trie_regex(words, exact=True) + r")(?![\w-])")
    plain = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])")
    text = "South Sudanese and Sudanese troops left Sudan; U.S. and US jets, Iraqi forces in Iraq, south  Sudanese, SUDAN."
    assert rx.findall(text) == plain.findall(text)
    assert rx.findall(text) == ["South Sudanese", "Sudanese", "Sudan", "U.S.", "US", "Iraqi", "Iraq", "Sudanese"]


def test_demonyms_match_as_their_alternation():
    rx, words = _demonyms()
    plain = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])")
    for text in MORE_SENTENCES + SENTENCES:
        assert rx.findall(text) == plain.findall(text)


@pytest.mark.parametrize("window", [
    "fighting in the ", "fighting in the town of ", "clashes in\n", "shelled ", "near the village", "a man from ",
    "rebels took the city of ", "to the north of the capital ", "in northern ", "In The ", "IN ", "seized the ",
    "in the  ", "the province of ", "the governorate of the ", "the border with ", "fighting IN Ünal ",
    "fighting ınto ", "waſ in ", "", " ", "government in ", "officials in the ",
    "reports say that fighting raged in the border town of ", "in    the    town    of   ", "(in the ",
    "x-in ", "clashes erupted in northern ", "the local government area of the ", "the municipal district of ",
    "close to the road near the capital city of ", "rebels who seized the strategic village of ",
    "the Turkish government in the ", "along the border with the ", "in the eastern Aleppo countryside of ",
])
def test_tail_patterns_find_what_a_search_finds(window):
    for tail in (_LOCATIVE, _DIRECTION, _TYPE_BEFORE, _SETTLEMENT_OF, _PREP_BEFORE, _SEAT_BEFORE, _BORDER_BEFORE):
        fast, plain = tail.search(window), tail.regex.search(window)
        assert (fast is None) == (plain is None), (tail.regex.pattern[:50], window)
        if fast is not None:
            assert fast.span() == plain.span()


def test_tail_pattern_skips_windows_not_ending_in_its_words():
    tail = TailPattern(re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.I), ("in", "at", "the"))
    assert tail.search("fighting in the ") is not None
    assert tail.search("fighting IN ") is not None
    assert tail.search("fighting in the") is None         # no whitespace after the word
    assert tail.search("fighting within ") is None        # ends in "in", but the regex says no
    assert tail.search("fighting near ") is None


def test_tail_pattern_with_a_word_limit_refuses_a_lookbehind():
    with pytest.raises(ValueError):
        TailPattern(re.compile(r"(?<!x)\bin\s+$"), ("in",), max_words=1)
    tail = TailPattern(re.compile(r"\b(?:in|at)\s+(?:the\s+)?$"), ("in", "at", "the"), max_words=2)
    assert tail.search("fighting within the ") is None          # \b still sees the "w" before "in"
    assert tail.search("a b c d e fighting at the ").span() == (19, 26)


def test_two_letter_starts_are_indexed():
    heads = _head_index([("in", "is"), ("clash",), ("-led",), None, ("a",)])
    assert heads.indexed == frozenset({0, 1, 2})
    text = "in combat, is it? clashes -led x-in in"
    starts = _starts_by_pattern(text, heads)
    assert starts[0] == [0, 11, 36]         # "in", "is", the last "in" (not "x-in": no word starts there)
    assert starts[1] == [18]
    assert starts[2] == [26]



def _lookbehind_starts(text, heads):
    """Word starts with a head found as the scan used to: a lookbehind tried at every position."""
    rx = re.compile(r"(?<![\w-])" + heads.first.pattern)
    starts = {}
    for w in rx.finditer(text):
        for i in heads.ids[w.group(1)]:
            starts.setdefault(i, []).append(w.start())
    return starts


@pytest.mark.parametrize("text", [
    "in combat, is it? clashes -led x-in in",
    "clashes\nin\tin\r\nis-in (in) \"in\" in.in,in;in--in -in",
    "in", "", " ", "x", "-led", "  -led in", "in\u2019in \u00e9in in\u00e9 \u0130n in",
])
def test_scan_finds_the_word_starts_of_a_lookbehind_scan(text):
    heads = _head_index([("in", "is"), ("clash",), ("-led",), None, ("a",)])
    assert _starts_by_pattern(text, heads) == _lookbehind_starts(text, heads)


@pytest.mark.parametrize("sentence", MORE_SENTENCES + SENTENCES)
def test_rule_and_blocker_starts_are_those_of_a_lookbehind_scan(sentence):
    for heads in (_rules_by_head(), _blockers_by_head()):
        for text in (sentence.lower(), "\n" + sentence.lower(), "-" + sentence.lower().replace(" ", "\n")):
            assert _starts_by_pattern(text, heads) == _lookbehind_starts(text, heads)

@pytest.mark.parametrize("sentence", MORE_SENTENCES)
def test_more_triggers_are_those_of_a_full_scan(sentence):
    test_triggers_are_those_of_a_full_scan(sentence)
    test_blockers_are_those_of_a_search(sentence)


def test_two_letter_rule_is_found():
    found = {(t.type, t.text) for t in find_triggers("Two soldiers died in combat on Monday.")}
    assert ("Armed clash", "in combat") in found


@pytest.mark.parametrize("sentence", MORE_SENTENCES + SENTENCES)
def test_necessary_words_hold_wherever_a_pattern_matches(sentence):
    lex = load_lexicon()
    low = sentence.lower()
    if lex.country_by.search(low):
        assert "by" in low and holds_any(low, _COUNTRY_BY_WORDS)
    if lex.country_agent.search(" " + low):       # the lexicon's patterns take the character before a name
        assert _AGENT_VERB_START.search(" " + low)
    if lex.national_strike.search(low):
        assert holds_any(low, _NATIONAL_STRIKE_WORDS)
    for text in (sentence, sentence.upper(), "The IS and ISIS, Fano and LeT, " + sentence):
        if lex.cased.search(text):
            assert holds_any(text, lex.cased_heads)
    if _PITTING.search(sentence):
        assert "pitt" in sentence or "between" in sentence
    if _UNKNOWN_TOPONYM.search(sentence) or _PART_AFTER_HOST.search(sentence):
        assert _may_frame_toponym(sentence)
    month, digit = text_facts(sentence)
    for kind, rx in _PATTERNS:
        if rx.search(sentence) and kind in _NEEDS:
            assert _NEEDS[kind](low, month, digit), kind
    # a sentence the clause check passes over has no clause boundary
    assert split_clauses(sentence, 7) == clause_scan(sentence, 7)
    # the place-role windows: every prefix of the lower-cased sentence, as _role reads it
    for k in range(len(low) + 1):
        window = low[max(0, k - 40):k]
        if _NEAR_BEFORE.search(window):
            assert holds_any(window, _NEAR_WORDS), window
        if _SOURCE_BEFORE.search(window):
            assert "from" in window or "to" in window, window
    # the windows after a place name, as _TYPE_AFTER_GUARD reads them
    for k in range(len(sentence) + 1):
        after = sentence[k:k + 40]
        assert (_TYPE_AFTER_GUARD.match(after) is None) == (_TYPE_AFTER.match(after) is None), after
        if _TYPE_AFTER.match(after):
            assert holds_any(after.lower(), _TYPE_STEMS), after


def test_toponym_check_rules_out_plain_sentences():
    assert not _may_frame_toponym("Rebels fired rockets at Aleppo on Monday.")
    assert _may_frame_toponym("Rebels fired rockets at the village of Kafr Nabl.")
    assert _may_frame_toponym("Rebels entered the outskirts of Kafr Nabl.")
    assert _may_frame_toponym("Rebels shelled the mountain of Jabal Zawiya.")     # each type word of the frame counts
    assert unknown_toponyms("Rebels shelled the mountain of Jabal Zawiya.", [], [], None)
    assert unknown_toponyms("Rebels fired rockets at Aleppo on Monday.", [], [], None) == []


def test_date_checks_let_exotic_letters_through():
    # "ı" reads as "i" to re.I: such text is searched whatever the checks say
    low = "they came last nıght"
    assert _NEEDS["yesterday"](low, False, False)
    assert _NEEDS["today"]("tonıght", False, False)
    assert not _NEEDS["today"]("rebels fired rockets", False, False)


@pytest.mark.parametrize("frame", ["the {} of Kafr Nabl", "Kafr Nabl {}", "Aleppo's {} Sakhour", "Qadam, a {} of Damascus"])
@pytest.mark.parametrize("word", ["town", "towns", "village", "villages", "city", "hamlet", "district", "neighbourhood",
                                  "neighborhood", "suburb", "camp", "area", "locality", "region", "border crossing",
                                  "crossing", "hill", "mount", "mountain", "airport", "air base", "airbase", "outskirts",
                                  "countryside", "quarter"])
def test_toponym_check_passes_every_frame(frame, word):
    sentence = "Fighting raged in " + frame.format(word) + " on Monday."
    if _UNKNOWN_TOPONYM.search(sentence) or _PART_AFTER_HOST.search(sentence):
        assert _may_frame_toponym(sentence)


def test_a_head_inside_a_longer_head_is_found_there_too():
    # "in" (pattern 0) and "invad" (pattern 1) both stand at the start of "invaded": the scan reports
    # the longer head, and both patterns are tried there
    heads = _head_index([("in",), ("invaded", "invades")])
    starts = _starts_by_pattern("invaded in inv", heads)
    assert starts[0] == [0, 8, 11]
    assert starts[1] == [0]


@pytest.mark.parametrize("window", MORE_SENTENCES + SENTENCES + [
    "PROTESTERS marched. Riot police fired. A car BOMB went off. Warplanes and Tanks were seen.",
    "the rıoters looted shops",        # dotless i: not ASCII, searched with re.I as it is
    "Mobs of looters roamed; the unrest spread to three towns after the IEDs exploded.",
])
def test_frame_words_are_found_as_by_a_search(window):
    for rx in _FOLDED_FRAMES:
        assert _names(rx, window) == (rx.search(window) is not None), rx.pattern[:40]


def test_folded_only_for_lower_case_patterns_without_flags():
    assert _folded(re.compile(r"\briots?\b", re.I)) is not None
    assert _folded(re.compile(r"\bTV\b", re.I)) is None
    assert _folded(re.compile(r"\bno\S+\b", re.I)) is None         # \S is not \s
    assert _folded(re.compile(r"\b(?-i:x)riot", re.I)) is None
    assert _folded(re.compile(r"riot")) is None                      # case-sensitive already


ROLE_SENTENCES = [
    "Shells fell near the town of Kafr Nabl and 3 km north of Saraqib, close to Maarat al-Numan.",
    "Fighters came from the city of Homs to Hama and crossed between Idlib and Aleppo.",
    "Clashes erupted outside Deir ez-Zor, 20 kilometres east of Palmyra, on Monday.",
]


@pytest.mark.parametrize("sentence", ROLE_SENTENCES)
def test_role_windows_hold_their_necessary_words(sentence):
    low = sentence.lower()
    hits = 0
    for k in range(len(low) + 1):
        window = low[max(0, k - 40):k]
        if _NEAR_BEFORE.search(window):
            hits += 1
            assert holds_any(window, _NEAR_WORDS), window
        if _SOURCE_BEFORE.search(window):
            hits += 1
            assert "from" in window or "to" in window, window
    assert hits        # each sentence has a "near" or "from" window


def test_region_named_with_its_type_word_is_still_found():
    # "Wakhan" and "Nimruz" are in the gazetteer only as a district / a province named with its type
    # word: the type-word patterns (run only for such names) find them, and only with the type word
    for sentence, name in (("Taliban fighters attacked a checkpoint in Wakhan district on Sunday.", "Wakhan"),
                           ("Gunmen struck a market in Nimruz province.", "Nimruz")):
        assert [(m.surface, m.place.kind) for m in find_places(sentence)] == [(name, "province")]
        assert find_places(sentence.replace(" district", "").replace(" province", "")) == []


def test_holds_any_is_a_substring_test():
    assert holds_any("rebels shelled the outskirts", ("shell", "strike"))
    assert not holds_any("rebels met the envoy", ("shell", "strike"))
    assert not holds_any("", ("a",))


def test_renamed_place_equals_dataclasses_replace():
    gz = load_gazetteer()
    for key in ("aleppo", "idlib", "syria"):
        place = gz.exact[key][0]
        for changes in ({"name": "Halab"}, {"name": "Halab", "canonical": place.name}, {}):
            made = _renamed(place, **changes)
            assert made == replace(place, **changes) and hash(made) == hash(replace(place, **changes))
            assert made.name == changes.get("name", place.name) and place.name != "Halab"     # the original untouched
    with pytest.raises(TypeError):
        _renamed(gz.exact["aleppo"][0], spelling="Halab")


# the person pattern as it was: \b before the first name, Abu/Abdel/Abdul as alternatives of their own
_PERSON_PLAIN = re.compile(_PERSON.pattern.replace(r"[A-Z](?<!\w[A-Z])[a-z]+[ -]", r"\b(?:[A-Z][a-z]+|Abu|Abdel|Abdul)[ -]", 1))


@pytest.mark.parametrize("text", [
    "Qazi Hussein said the town was shelled. Zahran Alloush, the head of the group, denied it.",
    "Abu Mohammed al-Golani told reporters; Abdel-Rahman Mustafa said; Abdul Qader Saleh, a spokesman said.",
    "Rami Abdel Rahman said so.Hassan Nasrallah said it",      # a name right after a full stop
    "xQazi Hussein said; 3Qazi Hussein said; _Qazi Hussein said; \u00e9Qazi Hussein said; -Qazi Hussein said",
    "Qazi Hussein said",                                       # at the very start
    "ABU Bakr Baghdadi said; Abu Bakr al-Baghdadi, the leader of IS; Mr Ali Omar noted",
])
def test_person_pattern_finds_what_the_plain_pattern_finds(text):
    assert _PERSON.pattern != _PERSON_PLAIN.pattern
    assert [(m.span(), m.groups()) for m in _PERSON.finditer(text)] == \
        [(m.span(), m.groups()) for m in _PERSON_PLAIN.finditer(text)]
    assert _PERSON.search(text) is not None       # every text names someone


# the sentence-end pattern as it was: each group starting at the stop character, "glued" behind a lookbehind
_BOUNDARY_PLAIN = re.compile(
    r"""(?P<end>[.!?]+["'\u201d\u2019)\]]*)(?=\s+["'\u201c\u2018(]?[A-Z0-9\u201c])"""
    r"""|(?P<glued>(?<=[a-z]{2})[.!?]["'\u201d\u2019)]*(?=[A-Z][a-z]))""")
BOUNDARY_TEXTS = [
    "Rebels seized the town. The army withdrew! Was it over? \u201cNo,\u201d he said. 12 died.",
    "The base was overrun.In the morning, shells fell.Hama was calm...Then (again) it wasn't.) Yes.",
    "He said \"enough.\" Then left.'' Later it ended.\u2019 Okay. U.S. troops left. Gen. Ali said. a.B c",
    "x.Ab ab.Ab abc.AB .A !!! ?! A. B. C.D",
]


@pytest.mark.parametrize("text", BOUNDARY_TEXTS)
def test_sentence_ends_are_those_of_the_plain_pattern(text):
    def ends(rx, *bounds):
        return [(m.start(), m.end(), m.group("end") is not None, m.group("glued") is not None)
                for m in rx.finditer(text, *bounds)]
    assert ends(_BOUNDARY)
    for bounds in ((), (0, len(text)), (3, len(text) - 2), (len(text) // 2, len(text))):
        assert ends(_BOUNDARY, *bounds) == ends(_BOUNDARY_PLAIN, *bounds)


def test_glued_and_spaced_sentence_ends_split():
    spans = split_sentences("The base was overrun.In the morning, shells fell. Hama was calm.")
    assert [sp.end - sp.start for sp in spans] == [len("The base was overrun."), len("In the morning, shells fell."),
                                                   len("Hama was calm.")]


PART_SENTENCES = [
    "Shells hit Qadam, a district of Damascus, and Jobar, the eastern neighbourhood in Damascus.",
    "Rebels held Sakhour, a rebel-held quarter of Aleppo, and the village of Handarat.",
    "Clashes hit Sheikh Maqsoud, one of the suburbs of the city; Deraa's Tal Jammou fell.",
    "Fighting in the town of Kafr Nabl and Tal Rifaat village, where a district office burned.",
    "The army entered Hamouriyeh, a town near Douma, while Jobar, a district, stayed calm.",
]


@pytest.mark.parametrize("sentence", PART_SENTENCES + SENTENCES + MORE_SENTENCES)
def test_toponym_frames_without_a_part_word_are_those_of_the_full_pattern(sentence):
    assert _UNKNOWN_TOPONYM.groupindex == _UNKNOWN_TOPONYM_NO_PART.groupindex
    full = [(m.span(), m.groupdict()) for m in _UNKNOWN_TOPONYM.finditer(sentence)]
    if any(m.group("d") for m in _UNKNOWN_TOPONYM.finditer(sentence)):
        assert "," in sentence and holds_any(sentence, _PART_STEMS)      # the check lets it through
    for text in (sentence.replace(",", ";"), re.sub("district|neighbo|quarter|suburb", "area", sentence)):
        # without a comma or a part word the last alternative cannot match: both patterns agree
        assert [(m.span(), m.groupdict()) for m in _UNKNOWN_TOPONYM.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in _UNKNOWN_TOPONYM_NO_PART.finditer(text)]
    assert full == [(m.span(), m.groupdict()) for m in _UNKNOWN_TOPONYM.finditer(sentence)]


def test_part_frame_is_found():
    found = [m.group("d") for m in _UNKNOWN_TOPONYM.finditer(PART_SENTENCES[0]) if m.group("d")]
    assert found == ["Qadam", "Jobar"]


@pytest.mark.parametrize("window", [
    "an ambush against the ", "fighting against the Syrian army ", "clashed with ", "pushed back by a few ",
    "they attacked the  regime  ", "the rebels ", "re-attacked the town's ", "AGAINST THE ", "killed\n",
    "killed four including ", "among them at least ", "the dead included, among whom some ", "such as about ",
    "of them ", "incl. ", "mostly ", "x-plus ", "ınclude ", "amonğ them ", "", " ", "no match here",
    "dozens of people, among them at least ", "Shells killed 12 people, including at least ",
])
def test_object_and_subset_windows_find_what_a_search_finds(window):
    for tail in (_OBJECT_BEFORE, _SUBSET_BEFORE):
        fast, plain = tail.search(window), tail.regex.search(window)
        assert (fast is None) == (plain is None), (tail.regex.pattern[:50], window)
        if fast is not None:
            assert fast.span() == plain.span()


def test_tail_pattern_without_last_words_checks_only_the_end():
    tail = TailPattern(re.compile(r"\bby\s+(?:\S+\s+){0,2}$"), None, max_words=3)
    assert tail.search("seized by the army ").span() == (7, 19)
    assert tail.search("seized by the army") is None             # no whitespace at the end
    assert tail.search("by the army and ") is None               # four words from "by"


GUARDED_SENTENCES = [
    "Backed by Russian air power and supported by Iranian militias, the army attacked the town there.",
    "The death toll since the start of the war has passed 300,000, and 40 died in total over the past two years.",
    "Five people were killed, including two children in a car bomb, and the strikes hit the village of Kafr.",
    "Under the cover of darkness, with the help of local guides, they raided its outskirts, killing at least three soldiers.",
    "Of them, four were killed by the blast in the hamlet; those explosions wounded several local police officers.",
    "So far this year, nationwide death toll figures rose; under the protection of the UN, aid reached the city.",
    "NOTHING HERE: THE ATTACKS AND THE SHELLING, KILLING TWO, WITH THE SUPPORT OF ALLIES, SINCE 2014.",
    "In all, other attacks elsewhere killed soldiers at a checkpoint; separately, an army patrol and a convoy were hit.",
    "It waſ ſince the ſtart of the war",     # long s: 's' under re.I, so such text is always searched
]


@pytest.mark.parametrize("sentence", GUARDED_SENTENCES + SENTENCES + MORE_SENTENCES)
def test_word_guards_find_what_their_patterns_find(sentence):
    windows = [sentence[i:j] for i in range(0, len(sentence) + 1, 3) for j in range(i, len(sentence) + 1, 7)] + [sentence]
    for guard in (_AGGREGATE, _SUBSET_TOLL, _HIT_BEFORE, _SUPPORT_BEFORE, _PLACE_ANAPHOR_AFTER, _DEFINITE_ATTACK, OTHER_EVENT,
                  _ARMED_TARGET):
        for w in windows:
            for fast, plain in ((guard.search(w), guard.regex.search(w)), (guard.match(w), guard.regex.match(w))):
                assert (fast is None) == (plain is None), (guard.regex.pattern[:50], w)
                if plain is not None:
                    assert fast.span() == plain.span()
                    if w.isascii():
                        assert holds_any(w.lower(), guard.words), (guard.regex.pattern[:50], w)


def test_word_guards_are_exercised():
    assert _AGGREGATE.search(GUARDED_SENTENCES[1]) is not None
    assert _SUPPORT_BEFORE.search("Backed by Russian ") is not None
    assert _DEFINITE_ATTACK.search(GUARDED_SENTENCES[4]) is not None
    assert _AGGREGATE.search(GUARDED_SENTENCES[-1]) is not None


def test_frame_words_in_windows_are_found_folded_or_not():
    for w in ("the WARPLANES struck", "artillery fire", "the AIRPORT", "nothing", "Ünal's jets", "mortar ſhells"):
        for rx in (_AERIAL, _GROUND_FIRE):
            assert _says(rx, w) == (rx.search(w) is not None), w
