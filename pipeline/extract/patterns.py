"""Regular-expression building blocks the dictionaries share: many phrases as one prefix-factored
pattern, and the literal words that must start a pattern's match (a cheap pre-check). Actors, triggers
and cues all use both, so they live here rather than in one of them."""

from __future__ import annotations

import re


def trie_regex(words, exact: bool = False) -> str:
    """One regular expression for many phrases, factored by common prefixes (fast in `re`).

    Longer phrases are tried before their prefixes, as in a longest-first alternation; spaces
    inside a phrase match any run of whitespace. `exact`: the phrases as they are (case kept, a
    space matches one space), what an alternation of the escaped phrases matches.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in (w if exact else " ".join(w.lower().split())):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = []
        end = "" in node
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " and not exact else re.escape(ch)
            alts.append(piece + emit(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if end else body

    return emit(trie)


def literal_prefixes(pattern: str, min_len: int = 3) -> tuple[str, ...] | None:
    """Literal strings one of which starts every match of `pattern` (None when they cannot be told).

    Walks the standard library's parse of the pattern; optional parts branch the prefix set.
    """
    from re import _constants as C, _parser as P  # the stdlib's own regex parser

    limit = 400

    def seq(items: list, i: int) -> list[tuple[str, bool]]:
        if i == len(items):
            return [("", True)]
        op, av = items[i]
        if op is C.LITERAL:
            return [(chr(av) + s, c) for s, c in seq(items, i + 1)]
        if op is C.IN and all(o is C.LITERAL for o, _ in av):
            rest = seq(items, i + 1)
            return [(chr(v) + s, c) for _, v in av for s, c in rest]
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return seq(items, i + 1)
        if op is C.SUBPATTERN:
            return join(seq(list(av[-1]), 0), items, i)
        if op is C.BRANCH:
            return join([x for b in av[1] for x in seq(list(b), 0)], items, i)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, body = av
            once = join(seq(list(body), 0), items, i) if hi == 1 else [(s, False) for s, _ in seq(list(body), 0)]
            return once + (seq(items, i + 1) if lo == 0 else [])
        return [("", False)]

    def join(heads: list[tuple[str, bool]], items: list, i: int) -> list[tuple[str, bool]]:
        out = []
        rest = None
        for h, complete in heads:
            if complete:
                rest = rest if rest is not None else seq(items, i + 1)
                out.extend((h + s, c) for s, c in rest)
            else:
                out.append((h, False))
            if len(out) > limit:
                raise OverflowError
        return out

    try:
        found = {s for s, _ in seq(list(P.parse(pattern)), 0)}
    except (OverflowError, RecursionError, Exception):  # noqa: BLE001 - no pre-check then
        return None
    if not found or any(len(p) < min_len for p in found):
        return None
    return tuple(sorted(found))


def required_literals(pattern: str, min_len: int = 3) -> tuple[str, ...] | None:
    """Literal strings (lower-cased) one of which every match of `pattern` holds somewhere (None when
    they cannot be told): a literal run, or the literals of a part every match must pass through.
    Unlike `literal_prefixes`, the literal need not start the match ("X, site of the attack": "site")."""
    from re import _constants as C, _parser as P  # the stdlib's own regex parser

    def best(options: list[tuple[str, ...]]) -> tuple[str, ...] | None:
        # the set whose shortest string is longest tests fewest windows in vain
        options = [o for o in options if o and min(len(x) for x in o) >= min_len and len(o) <= 64]
        return max(options, key=lambda o: (min(len(x) for x in o), -len(o)), default=None)

    def seq(items) -> tuple[str, ...] | None:
        options: list[tuple[str, ...]] = []
        run = ""
        for op, av in items:
            if op is C.LITERAL:
                run += chr(av).lower()
                continue
            if op is C.IN and len(av) == 1 and av[0][0] is C.LITERAL:
                run += chr(av[0][1]).lower()
                continue
            if op is C.AT:
                continue              # zero-width: the run goes on ("\bthe" holds "the")
            if run:
                options.append((run,))
                run = ""
            if op is C.SUBPATTERN:
                options.append(seq(av[-1]))
            elif op is C.BRANCH:
                parts = [seq(b) for b in av[1]]
                if all(parts):
                    options.append(tuple(sorted({x for p in parts for x in p})))
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
                options.append(seq(av[2]))
        if run:
            options.append((run,))
        return best([o for o in options if o])

    try:
        return seq(P.parse(pattern))
    except (RecursionError, Exception):  # noqa: BLE001 - no pre-check then
        return None


def top_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of `pattern` (a non-capturing group that wraps the whole pattern, or
    a whole alternative, unwrapped: "(?:a|b)|c" is a, b, c, in that order): the pattern itself when
    it has none. Character classes, escapes and other nested groups are not split."""
    def split(p: str) -> list[str]:
        parts, depth, start, i, in_class = [], 0, 0, 0, False
        while i < len(p):
            ch = p[i]
            if ch == "\\":
                i += 2
                continue
            if in_class:
                in_class = ch != "]"
            elif ch == "[":
                in_class = True
                if p[i + 1:i + 2] == "]" or p[i + 1:i + 3] == "^]":
                    i += 2 if p[i + 1] == "]" else 3
                    continue
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            elif ch == "|" and depth == 0:
                parts.append(p[start:i])
                start = i + 1
            i += 1
        parts.append(p[start:])
        return parts

    def unwrapped(p: str) -> list[str]:
        if p.startswith("(?:") and p.endswith(")") and len(split(p[3:-1])) > 1:
            inner = p[3:-1]
            try:      # the outer group wraps the whole of `p` only if its inside is a pattern by itself
                re.compile(inner)
            except re.error:
                return [p]
            return [q for part in split(inner) for q in unwrapped(part)]
        return [p]

    return [q for part in split(pattern) for q in unwrapped(part)]


class BranchScan:
    """`finditer` of a case-sensitive alternation, each top-level branch searched alone and only in a
    text that holds one of the words every match of it holds (most texts hold few): the same matches
    as `regex.finditer(text)`, with only the groups of the branch that matched.

    At each step the leftmost next match of the branches, the earlier branch on a tie, is the one the
    whole pattern finds there; the next step searches from its end. (No branch may match the empty
    string: the whole pattern's scan steps on after an empty match, which this one does not copy.)
    The word test on the lower-cased text is a necessary condition: the literal of a case-sensitive
    pattern, where it stands in the text, stands lower-cased in the lower-cased text."""

    def __init__(self, regex: re.Pattern):
        if regex.flags & re.I:
            raise ValueError("only a case-sensitive pattern: re.I reads some other characters as ASCII letters")
        self.regex = regex
        self.branches = [(re.compile(a, regex.flags), required_literals(a, min_len=2)) for a in top_alternatives(regex.pattern)]

    def finditer(self, text: str):
        low = text.lower()
        active = [rx for rx, words in self.branches if words is None or holds_any(low, words)]
        nexts = [rx.search(text) for rx in active]
        pos = 0
        while True:
            best = None
            for k, m in enumerate(nexts):
                if m is not None and m.start() < pos:
                    m = nexts[k] = active[k].search(text, pos)      # overlapped by the last match: the next one after it
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            yield best
            pos = best.end()


class TailPattern:
    """A pattern for the text just before a word ("in the town of X"): every match ends at the end of
    the window, with whitespace after one of `last_words`. `search` skips the costly scan of a window
    that does not so end (most do not): the same result as `regex.search(window)`.

    On ASCII text the last word is compared lower-cased, which is what re.I compares there; a window
    with other characters is always searched ("ſ" is "s" to re.I, not to str.lower). With
    `max_words` (no match spans more whitespace-separated words) the search starts that many words
    from the end: no match starts before, so it finds the same match. Not for a pattern with a
    lookbehind, which does not see the text before where a search starts. `last_words` None: the
    pattern's last word may be any word (only the whitespace at the end and `max_words` are used).

    `fold`: for a re.I pattern whose letters are all lower-case, an ASCII window is searched lower-cased
    by the pattern without re.I: the same spans, about twice as fast, but the match's text is then
    lower-case; only for callers that use the span, test for a match or compare case-insensitively.
    """

    def __init__(self, regex: re.Pattern, last_words: tuple[str, ...] | None, max_words: int | None = None,
                 fold: bool = False):
        if max_words is not None and "(?<" in regex.pattern:
            raise ValueError("a lookbehind does not see before the start of the search")
        self.regex = regex
        self.last_words = last_words
        self.max_words = max_words
        self.folded = None
        if fold:
            letters = re.sub(r"\\.|\(\?P<\w+>", "", regex.pattern)      # escapes and group names are no text
            if not regex.flags & re.I or letters != letters.lower() or re.search(r"\(\?[aiLmsux-]", regex.pattern):
                raise ValueError("only a re.I pattern with lower-case letters and no inline flags folds")
            self.folded = re.compile(regex.pattern, regex.flags & ~re.I)

    def search(self, window: str) -> re.Match | None:
        if not window[-1:].isspace():
            return None
        regex = self.regex
        if window.isascii():
            if self.last_words is not None and not window.rstrip().lower().endswith(self.last_words):
                return None
            if self.folded is not None:
                regex, window = self.folded, window.lower()
        if self.max_words is None:
            return regex.search(window)
        head = window.rsplit(None, self.max_words)
        # \b at that place still sees the character before it
        return regex.search(window, len(head[0]) if len(head) > self.max_words else 0)


class WordGuard:
    """A pattern every match of which holds one of `words` (lower case): an ASCII text that holds none
    is not searched; the same result as the pattern's own search or match. Text with other characters
    is always searched (re.I reads some of them as ASCII letters: "ſ" as "s").

    Without `words`, the pattern's own: the literals one of which every match holds (`required_literals`).
    `pos` and `endpos` bound the search as the pattern's own do; only that window is tested for the words."""

    def __init__(self, regex: re.Pattern, words: tuple[str, ...] | None = None):
        if words is None:
            words = required_literals(regex.pattern)
            if words is None:
                raise ValueError(f"no word stands in every match of {regex.pattern[:60]!r}")
        self.regex = regex
        self.words = words

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        window = text[pos:endpos]
        if window.isascii() and not holds_any(window.lower(), self.words):
            return None
        return self.regex.search(text, pos) if endpos is None else self.regex.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        window = text[pos:endpos]
        if window.isascii() and not holds_any(window.lower(), self.words):
            return None
        return self.regex.match(text, pos) if endpos is None else self.regex.match(text, pos, endpos)


def holds_any(low: str, words: tuple[str, ...]) -> bool:
    """Whether `low` holds one of `words` as a substring: the cheap necessary-word check before a
    pattern every match of which holds one of them."""
    for w in words:       # a loop, not any() over a generator: half the cost (it runs ~3 times a sentence)
        if w in low:
            return True
    return False


# quotation marks stand for nothing in the rules' patterns ('vowed to "liberate"', '"Dozens of terrorists" were
# also killed'): replaced by spaces, the text keeps its length and its offsets
QUOTES_AS_SPACES = str.maketrans({q: " " for q in "\"\u201c\u201d\u2018"})


def without_quotes(text: str) -> str:
    """`text` with its quotation marks (not its apostrophes) turned into spaces, the same length."""
    return text.translate(QUOTES_AS_SPACES) if '"' in text or "\u201c" in text or "\u2018" in text else text
