"""When an event happened: temporal expressions resolved against the publication date.

"on Sunday" is the most recent Sunday on or before publication, "last week" and "earlier this
month" give coarser precision, and expressions far before publication mark background.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12})
_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_NUMWORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "a": 1, "an": 1, "several": 3, "few": 3}

# Ordered: the first pattern that matches at a position wins.
_PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    # "on 12.04.2025", "on 13/04/2025" (press notes, police statements): read day first or month first, whichever
    # is the nearer day not after publication (only after "on": a bare "16.05.2017" heads a page as its stamp)
    ("numeric", re.compile(r"\b(?:[Oo]n|ON)\s+(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[01]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)(?!\d)(?![./]\d)")),
    # "on the night of 14 to 15 March": the night began on the first day
    ("nightof", re.compile(r"\bnight\s+of\s+(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+(?:to|and)\s+|\s*[-\u2013]\s*)[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?"
                           + _MON + r"(?:,?\s+(?P<y>(?:19|20)\d\d))?\b")),
    ("dmy", re.compile(r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?:,?\s+(?P<y>(?:19|20)\d\d))?\b")),
    ("mdy", re.compile(r"\b" + _MON + r"(?:\s+|(?<=\.))(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:[,.]?\s+(?P<y>(?:19|20)\d\d))?")),
    ("my", re.compile(r"\b(?i:in|since|during|of|from|until|by|early|late|last|mid-?)\s+(?:early\s+|late\s+|mid-?)?" + _MON + r"(?:\s+(?P<y>(?:19|20)\d\d))?\b")),
    ("year", re.compile(r"\b(?i:in|since|during|of|from|until|by|early|late)\s+(?P<y>(?:19|20)\d\d)\b")),
    # "the 2019 protest movement", "Iraq's 2003 invasion", "the 1994 genocide": a year that names a past event;
    # it dates only what is told as part of it (events._select_date: "during the 2019 protests, ...", "..., when")
    ("yearname", re.compile(r"(?:\b(?i:the|its|their|this|that)|['\u2019]s)\s+(?P<y>(?:19|20)\d\d)\s+(?:[\w-]+\s+){0,2}?"
                            r"(?i:protest\s+movement|protests?|uprising|revolution|revolt|war|genocide|massacre|coup|invasion|offensive|"
                            r"crackdown|riots?|unrest|insurgency|rebellion|conflict|crisis|elections?|bombings?|attacks?|siege|"
                            r"occupation|intifada)\b")),
    ("weekday", re.compile(r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s|\u2019s)?\b")),
    ("today", re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|earlier\s+today|on\s+the\s+day|in\s+the\s+(?:last|past)\s+24\s+hours|overnight)\b", re.I)),
    ("yesterday", re.compile(r"\b(?:yesterday|last\s+night|the\s+previous\s+day|the\s+day\s+before)\b", re.I)),
    ("weekend", re.compile(r"\b(?:over|during|at)\s+the\s+weekend\b|\bthis\s+weekend\b", re.I)),
    ("week", re.compile(r"\b(?:last|this|past|previous)\s+week\b|\bearlier\s+this\s+week\b|\bin\s+recent\s+days\b|\b(?:last|past)\s+(?:few|several|two|three)\s+days\b|\bin\s+the\s+(?:last|past)\s+(?:48|72)\s+hours\b", re.I)),
    ("month", re.compile(r"\b(?:earlier|later)\s+this\s+month\b|\bthis\s+month\b", re.I)),
    ("lastmonth", re.compile(r"\blast\s+month\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|several|few)\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", re.I)),
    ("lastyear", re.compile(r"\blast\s+year\b|\bprevious\s+year\b", re.I)),
]


_FOLDED = {kind: re.compile(rx.pattern) for kind, rx in _PATTERNS
           if rx.flags & re.I and re.sub(r"\\.", "", rx.pattern) == re.sub(r"\\.", "", rx.pattern).lower()
           and not re.search(r"\(\?[aiLmsux-]", rx.pattern)}


@dataclass(frozen=True)
class DateExpr:
    start: int
    end: int
    day: date | None
    precision: int
    kind: str

    def is_background(self, published: date | None) -> bool:
        """Too long before publication to be the news of the day."""
        if self.kind in ("lastyear",):
            return True
        if published is None or self.day is None:
            return False
        if self.precision == 3 and (self.day.year, self.day.month) < (published.year, published.month) and published.day > 7:
            return True       # "lost its last territory at Baghouz in March", in an April story: a month gone by, background
        limit = 45 if self.precision == 3 else 31
        return (published - self.day).days > limit


def parse_published(published: str | None) -> date | None:
    if not published:
        return None
    s = str(published).strip()
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        pass
    try:
        from dateutil import parser as du
        return du.parse(s).date()
    except (ValueError, OverflowError, ImportError):
        return None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, published: date | None) -> int:
    """A date without a year is the latest such date not after publication (allowing a few days)."""
    if published is None:
        return datetime.utcnow().year
    y = published.year
    cand = _safe_date(y, month, min(day, 28) if day > 28 else day)
    if cand and (cand - published).days > 7:
        y -= 1
    return y


# every month name of _MON starts so (the patterns that name a month match it case-sensitively)
_MONTH_HINT = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_DIGIT = re.compile(r"\d")


def text_facts(text: str) -> tuple[bool, bool]:
    """Whether `text` may name a month (`month`) and whether it holds a digit (`digit`)."""
    return _MONTH_HINT.search(text) is not None, _DIGIT.search(text) is not None


# cheap tests that a pattern kind could match at all, on the lower-cased text (`low`) and the
# text_facts: each is implied by every match
_NEEDS = {
    "iso": lambda low, month, digit: digit and "-" in low,
    "numeric": lambda low, month, digit: digit and ("." in low or "/" in low),
    "nightof": lambda low, month, digit: month and digit and "night" in low,
    "dmy": lambda low, month, digit: month and digit,
    "mdy": lambda low, month, digit: month and digit,
    "my": lambda low, month, digit: month,
    "year": lambda low, month, digit: "19" in low or "20" in low,
    "yearname": lambda low, month, digit: "19" in low or "20" in low,
    "weekday": lambda low, month, digit: "day" in low,
    # (re.I reads "ı", "ſ" as "i", "s": text with such letters is always searched)
    "today": lambda low, month, digit: not low.isascii() or any(w in low for w in ("day", "tonight", "morning", "afternoon",
                                                                                   "evening", "hours", "overnight")),
    "yesterday": lambda low, month, digit: not low.isascii() or "day" in low or "night" in low,
    "weekend": lambda low, month, digit: "weekend" in low,
    "week": lambda low, month, digit: "week" in low or "days" in low or "hours" in low,
    "month": lambda low, month, digit: "month" in low,
    "lastmonth": lambda low, month, digit: "month" in low,
    "ago": lambda low, month, digit: " ago" in low,
    "lastyear": lambda low, month, digit: "year" in low,
}


def find_dates(text: str, published: date | None) -> list[DateExpr]:
    """Every temporal expression in `text` resolved against `published` (offsets into `text`)."""
    out: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    low = text.lower()
    ascii_text = text.isascii()
    month, digit = text_facts(text)
    for kind, rx in _PATTERNS:
        need = _NEEDS.get(kind)
        if need is not None and not need(low, month, digit):
            continue
        # a case-insensitive pattern (all in lower case) runs faster without re.I on the lower-cased
        # ASCII text, with the same spans; what _resolve reads of such a match it lower-cases anyway
        folded = _FOLDED.get(kind) if ascii_text else None
        for m in (folded.finditer(low) if folded is not None else rx.finditer(text)):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            expr = _resolve(kind, m, published)
            if expr is not None:
                out.append(expr)
                taken.append((m.start(), m.end()))
    out.sort(key=lambda e: e.start)
    if len(out) > 1 and "overnight" in low:
        # "in overnight raids on Friday", "overnight on Saturday": the night of the day named right after
        out = [e for k, e in enumerate(out) if not (e.kind == "today" and low[e.start:e.end] == "overnight" and k + 1 < len(out)
                                                     and out[k + 1].kind in ("weekday", "dmy", "mdy")
                                                     and out[k + 1].start - e.end <= 20)]
    return out


def _resolve(kind: str, m: re.Match, pub: date | None) -> DateExpr | None:
    s, e = m.start(), m.end()
    if kind == "iso":
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        return DateExpr(s, e, d, 1, kind) if d else None
    if kind == "numeric":
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        days = [d for d in (_safe_date(y, b, a), _safe_date(y, a, b)) if d is not None]
        if pub is not None:
            days.sort(key=lambda d: (d > pub + timedelta(days=7), abs((pub - d).days)))
        return DateExpr(s, e, days[0], 1, kind) if days else None
    if kind in ("dmy", "mdy", "nightof"):
        mon = MONTHS[m["mon"].lower().rstrip(".")]
        day = int(m["d"])
        if not 1 <= day <= 31:
            return None
        y = int(m["y"]) if m["y"] else _year_for(mon, day, pub)
        d = _safe_date(y, mon, day)
        return DateExpr(s, e, d, 1, kind) if d else None
    if kind == "my":
        mon = MONTHS[m["mon"].lower().rstrip(".")]
        if m["mon"] == "May" and not m["y"]:
            return None  # "may" as a verb is filtered by capitalisation, but "in May" without year is fine below
        y = int(m["y"]) if m["y"] else _year_for(mon, 15, pub)
        mid = 15
        if pub and y == pub.year and mon == pub.month:
            mid = max(1, pub.day // 2)
        d = _safe_date(y, mon, mid)
        return DateExpr(s, e, d, 3, kind)
    if kind in ("year", "yearname"):
        y = int(m["y"])
        if pub and y == pub.year:
            return DateExpr(s, e, pub, 3, kind)
        return DateExpr(s, e, _safe_date(y, 7, 1), 3, kind)
    if pub is None:
        return DateExpr(s, e, None, 2, kind)
    if kind == "weekday":
        wd = WEEKDAYS.index(m["wd"].lower())
        back = (pub.weekday() - wd) % 7
        if back == 0 and re.search(r"\b(?:last|previous)\s+$", m.string[max(0, s - 10):s], re.I):
            back = 7      # "last Sunday" written on a Sunday
        return DateExpr(s, e, pub - timedelta(days=back), 1, kind)
    if kind == "today":
        return DateExpr(s, e, pub, 1, kind)
    if kind == "yesterday":
        return DateExpr(s, e, pub - timedelta(days=1), 1, kind)
    if kind == "weekend":
        back = (pub.weekday() - 6) % 7
        return DateExpr(s, e, pub - timedelta(days=back), 2, kind)
    if kind == "week":
        text = m.group(0).lower()
        days = 7 if text.startswith(("last week", "previous week")) else 2
        return DateExpr(s, e, pub - timedelta(days=days), 2, kind)
    if kind == "month":
        return DateExpr(s, e, pub.replace(day=max(1, pub.day // 2)), 3 if pub.day > 14 else 2, kind)
    if kind == "lastmonth":
        first = pub.replace(day=1) - timedelta(days=1)
        return DateExpr(s, e, first.replace(day=15), 3, kind)
    if kind == "ago":
        n = m["n"].lower()
        n = int(n) if n.isdigit() else _NUMWORDS.get(n, 1)
        unit = m["unit"].lower().rstrip("s")
        days = n * {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
        return DateExpr(s, e, pub - timedelta(days=days), 1 if unit == "day" else (2 if unit == "week" else 3), kind)
    if kind == "lastyear":
        return DateExpr(s, e, _safe_date(pub.year - 1, 7, 1), 3, kind)
    return None


def default_date(published: date | None) -> tuple[date, int]:
    """No date in the text: the publication date at week precision (today when unknown)."""
    if published is None:
        return datetime.utcnow().date(), 3
    return published, 2
