"""Sentence and clause splitting with character offsets into the original text.

Evidence offsets must point into the caller's text, so nothing here rewrites the text: hard line
wraps, glued sentences ("overrun.In") and headline lines are handled while keeping every offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "capt", "cpt", "sgt", "maj", "brig", "adm", "gov",
    "sen", "rep", "st", "mt", "no", "vs", "u.s", "u.n", "u.k", "jan", "feb", "mar", "apr", "aug",
    "sept", "sep", "oct", "nov", "dec", "inc", "corp", "co", "ltd", "jr", "sr", "prof", "rev", "e.g", "i.e",
}

# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space and an upper-case
# letter/quote/digit ("end"), or glued to a capitalised word ("overrun.In", "glued"). The first stop
# character is matched before the groups, so the pattern starts with a character class and the
# engine skips in C every character that is no stop (with the lookbehind of "glued" first it tried
# every position); a group holds what follows that character, and which group took part (is not
# None) tells the kind.
_BOUNDARY = re.compile(
    r"""[.!?](?:(?P<end>[.!?]*["'\u201d\u2019)\]]*)(?=\s+["'\u201c\u2018(]?[A-Z0-9\u201c])"""
    r"""|(?P<glued>(?<=[a-z]{2}[.!?])["'\u201d\u2019)]*(?=[A-Z][a-z])))"""
)
_PARAGRAPH = re.compile(r"\n[ \t\u00a0]*\n+|\n[ \t]*[\u2022|]\s*")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


_NON_SPACE = re.compile(r"\S")


_LINE_END = re.compile(r"[.!?:|]$|[.!?][\"'\u201d\u2019)]+$")      # a line that ends a sentence


def _line_breaks(text: str, start: int, end: int) -> list[int]:
    """Single newlines that end a line on their own (headline, dateline, list item), not a wrap."""
    cuts = []
    pos = text.find("\n", start, end)
    while pos != -1:
        line_start = text.rfind("\n", start, pos) + 1
        if line_start < start:
            line_start = start
        prev_line = text[line_start:pos].strip()
        first = _NON_SPACE.search(text, pos + 1, end)      # not text[pos + 1:end].lstrip(): quadratic
        nxt = text[first.start()] if first else ""
        ends_sentence = _LINE_END.search(prev_line) is not None
        headline = (line_start == start and 0 < len(prev_line) < 70 and prev_line[-1] not in ",;-"
                    and nxt[:1].isupper() and _looks_like_heading(prev_line))
        if ends_sentence or headline:
            cuts.append(pos)
        pos = text.find("\n", pos + 1, end)
    return cuts


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    if len(words) > 12:
        return False
    caps = sum(1 for w in words if w[:1].isupper())
    return caps >= max(1, len(words) // 2)


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < 2:
        return None
    return Span(start, end)


# No news sentence is this long (the longest in FA-KES and the eval sets is ~620 characters): a
# longer "sentence" is run-on text (no full stops, a page of lists) and is cut into pieces of at
# most this size, so the work per sentence stays bounded and extraction linear in text length.
MAX_SENTENCE_CHARS = 1000
_MIN_PIECE_CHARS = MAX_SENTENCE_CHARS // 3
_RUN_ON_CUTS = (re.compile(r"[;:]\s|\s[-\u2013\u2014]\s"), re.compile(r",\s"), re.compile(r"\s"))


def _bounded(text: str, span: Span) -> list[Span]:
    """`span` cut at clause boundaries, else commas, else spaces, into pieces of at most MAX_SENTENCE_CHARS."""
    out: list[Span] = []
    start, end = span.start, span.end
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = limit
        for rx in _RUN_ON_CUTS:
            last = None
            for m in rx.finditer(text, start + _MIN_PIECE_CHARS, limit):
                last = m
            if last is not None:
                cut = last.start() + (1 if last.group()[0] in ",;:" else 0)
                break
        piece = _trim(text, start, cut)
        if piece:
            out.append(piece)
        start = cut
    piece = _trim(text, start, end)
    if piece:
        out.append(piece)
    return out


def split_sentences(text: str) -> list[Span]:
    """Sentences of `text` as spans; text[span.start:span.end] is the sentence verbatim.

    Run-on stretches longer than MAX_SENTENCE_CHARS are cut into several spans (see `_bounded`).
    """
    spans = _split_sentences(text)
    if any(sp.end - sp.start > MAX_SENTENCE_CHARS for sp in spans):
        spans = [piece for sp in spans for piece in _bounded(text, sp)]
    return spans


# an abbreviation or an initial before a full stop does not end a sentence (_split_sentences)
_WORD_BEFORE_DOT = re.compile(r"([A-Za-z.]+)\.+$")
_INITIAL = re.compile(r"[A-Z]")


def _split_sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    blocks, last = [], 0
    for m in _PARAGRAPH.finditer(text):
        blocks.append((last, m.start()))
        last = m.end()
    blocks.append((last, len(text)))
    for b_start, b_end in blocks:
        pieces, last = [], b_start
        for cut in _line_breaks(text, b_start, b_end):
            pieces.append((last, cut))
            last = cut + 1
        pieces.append((last, b_end))
        for p_start, p_end in pieces:
            last = p_start
            for m in _BOUNDARY.finditer(text, p_start, p_end):
                stop = m.end()
                if m.group("end") is not None:
                    word = _WORD_BEFORE_DOT.search(text[max(p_start, m.start() - 12):m.start() + 1])
                    if word and (word.group(1).lower().rstrip(".") in _ABBREVIATIONS
                                 or _INITIAL.fullmatch(word.group(1).rstrip("."))):
                        continue
                span = _trim(text, last, stop)
                if span:
                    spans.append(span)
                last = stop
            span = _trim(text, last, p_end)
            if span:
                spans.append(span)
    return spans


_CLAUSE = re.compile(
    r",?\s+while\s+|;\s+|,\s+which\s+(?=saw|see|has\s+seen|witnessed)|,\s+as\s+(?!well|part|a |an |the )|,\s+but\s+|\s+but\s+also\s+|,\s+whereas\s+"
    r"|,\s+and\s+(?=(?:the|a|an|[A-Z]\w+)\s+(?:\w+\s+){0,3}(?:said|reported|added)\b)|\s+—\s+|\s+-\s+"
    # "a roadside bombing that killed a police officer, and a mortar attack that killed one person": a second event
    r"|,\s+and\s+(?=(?:a|an|another)\s+(?:\S+\s+){0,2}(?:attack|bombing|blast|explosion|strike|airstrike|raid|ambush|shelling)s?\b)"
    # "air strikes killed 20 people in Gaza ..., after Hamas fired rockets at Jerusalem": the event it came after
    r"|,\s+after\s+(?=(?:[\w'-]+\s+){1,3}(?:fired|launched|attacked|shelled|struck|bombed|stormed|seized|captured|killed)\b)"
    # "shot dead four farmers near Gao on Friday, a day after a suicide bomber hit a camp in Menaka": another event
    # (the next clause keeps its words: how long after says whether its event is news or background)
    r"|,\s+(?=(?:just\s+|only\s+)?(?:a|one|two|three|four|five|six|several|\d+)\s+(?:hours?|days?|weeks?)\s+after\s)"
)


# every match of _CLAUSE holds one of these words, a comma before "as", "whereas", "and" or "a day after", or a
# spaced hyphen: a sentence with none is one clause (most sentences; the scan is the costly part)
_CLAUSE_WORDS = ("while", ";", "which", "but", "\u2014")
_CLAUSE_COMMA = re.compile(r",\s+(?:as|whereas|and|after)\s|,\s+(?:just\s+|only\s+)?\w+\s+(?:hours?|days?|weeks?)\s+after\s")
_SPACED_HYPHEN = re.compile(r"\s-\s")


def _may_split(sentence: str) -> bool:
    return any(w in sentence for w in _CLAUSE_WORDS) or ("," in sentence and _CLAUSE_COMMA.search(sentence) is not None) \
        or ("-" in sentence and _SPACED_HYPHEN.search(sentence) is not None)


def split_clauses(sentence: str, offset: int = 0) -> list[Span]:
    """Rough clause spans (contrastive/concurrent connectives), offsets shifted by `offset`."""
    if not _may_split(sentence):
        return [Span(offset, offset + len(sentence))] if sentence else []
    return clause_scan(sentence, offset)


def clause_scan(sentence: str, offset: int = 0) -> list[Span]:
    """`split_clauses` by a scan of the whole sentence (what it does when a connective may be there)."""
    out, last = [], 0
    for m in _CLAUSE.finditer(sentence):
        if m.start() > last:
            out.append(Span(offset + last, offset + m.start()))
        last = m.end()
    out.append(Span(offset + last, offset + len(sentence)))
    return [s for s in out if s.end > s.start]
