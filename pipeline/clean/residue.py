"""The residual pass: remove what a main-text extractor leaves around an article, keep every sentence.

Extractors (and copy-pasted wire text) keep menu labels, share and comment widgets, captchas,
bylines and credits, and break lines in the middle of sentences. The rules here are generic
line-level patterns, each conservative enough never to match a sentence of reporting.
"""

from __future__ import annotations

import re
import statistics
import unicodedata

# ---------------------------------------------------------------- residue lines

_NUM_WORDS = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
              r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
              r"sixty|seventy|eighty|ninety|hundred|\d{1,3})")
_CAPTCHA = re.compile(
    rf"^(?:{_NUM_WORDS}(?:[\s-]+{_NUM_WORDS})*|_+|□|\[\s*\])\s*[−–\-+×x*÷/]\s*"
    rf"(?:{_NUM_WORDS}(?:[\s-]+{_NUM_WORDS})*|_+|□|\[\s*\])\s*=\s*(?:\d+|\?|_+|□)?\s*\.?$",
    re.IGNORECASE)

# whole-line widget labels (matched against the line without bullets and trailing ":"/"…")
_WIDGET_LINES = re.compile(r"""^(?:
      skip\ to\ (?:the\ )?(?:main\ )?(?:content|navigation|article)|jump\ to\ (?:main\ )?content
    | (?:main\ )?menu|navigation|toggle\ navigation|open\ menu|close\ menu|search|home
    | leave\ a\ (?:comment|reply)|post\ a\ comment|add\ (?:a\ )?comment|write\ a\ comment
    | no\ comments(?:\ yet)?(?:[.!]?\ be\ the\ first\ to\ comment)?|be\ the\ first\ to\ comment
    | (?:\d+\ )?comments?|(?:show|view|load|hide|read|see)\ (?:all\ )?(?:\d+\ )?comments
    | comments\ are\ closed|join\ the\ (?:conversation|discussion)|tell\ us\ what\ you\ think
    | you\ must\ be\ logged\ in\ to\ post\ a\ comment|cancel\ reply|reply
    | share(?:\ (?:this|the)\ (?:article|story|post|page))?(?:\ on\ \w+)?|tweet|pin\ it|email|e-mail|print
    | share\ (?:via|by)\ \w+|whatsapp|facebook|twitter|linkedin|reddit|telegram|copy\ link|copied
    | like\ this\ (?:story|article)\??\ share\ it\ with\ a\ friend!?
    | short\ ?link|permalink|enable\ read(?:ing)?\ mode|read\ mode|reader\ mode
    | (?:\d{2,3}%\ )?(?:font|text)\ size|(?:increase|decrease|reset)\ (?:font|text)\ size|a\+?\ a-?
    | (?:published|updated|last\ updated|posted|modified)(?:\ ?:)?(?:\ (?:published|updated|last\ updated)(?:\ ?:)?)*
    | top\ content(?:\ trending)?|trending(?:\ now|\ stories)?|most\ (?:read|popular|viewed|shared)(?:\ in\ [\w\ ]{1,25})?
    | (?:you\ (?:may|might)\ also\ like|recommended(?:\ for\ you)?|related(?:\ (?:articles?|stories|posts?|news|content|coverage|topics))?|more\ (?:on\ this\ story|stories|news|from\ \w+)|read\ (?:more|also|next)|see\ also|also\ read|don'?t\ miss|more)
    | (?:tags?|topics?|categories|filed\ under)
    | advertisement|advertising|sponsored(?:\ content)?|ad|continue\ reading(?:\ (?:the\ )?(?:main\ )?story)?|story\ continues\ below(?:\ advertisement)?
    | sign\ up(?:\ for\ (?:our|the)\ [\w\ ]{1,30}newsletter)?|subscribe(?:\ now)?|newsletter|sign\ in|log\ ?in|register
    | (?:\d+\ )?min(?:ute)?s?\ read|reading\ time:?\ .{1,20}|tempo\ de\ leitura:?\ .{1,20}|lesezeit:?\ .{1,20}
    | image|photo|video|audio|gallery|listen|watch|close|back\ to\ top|top|next|previous|prev|print\ this\ (?:article|page)
    | all\ rights\ reserved
    )[.!]?$""", re.IGNORECASE | re.VERBOSE)

_LINE_PATTERNS = [
    # follow-us lines: "For the latest on X, follow us on Twitter :", "Follow X on Twitter and Facebook..."
    re.compile(r"\bfollow (?:us|\w+(?: \w+){0,3}) on (?:twitter|facebook|instagram|telegram|linkedin|youtube|x)\b", re.I),
    re.compile(r"^(?:like us on facebook|join us on (?:telegram|facebook|twitter))\b", re.I),
    # calls to action: newsletters, apps, "click here"
    re.compile(r"^(?:sign up|subscribe|get the latest)\b.{0,120}\b(?:newsletters?|inbox|alerts|updates)\b.{0,80}$", re.I),
    re.compile(r"^(?:keep an eye on your inbox|thanks for signing up|get (?:\w+ ){0,3}(?:on the go|app)\b)", re.I),
    re.compile(r"\b(?:click(?:ing)? here|tap here)\b.{0,60}$", re.I),
    # credits at the foot of wire copy: "Keith Bradsher contributed reporting from Hong Kong."
    re.compile(r"\bcontributed (?:reporting|to this (?:report|story|article))\b", re.I),
    # bylines and production credits as their own line
    re.compile(r"^(?:additional )?(?:reporting|writing|editing|compiled|written|edited|translated|reported|"
               r"translation|research(?:ed)?) (?:by)\b[:\s]", re.I),
    re.compile(r"^(?:additional )?(?:reporting|editing|writing) by\b", re.I),
    # source lines: "Source: ARA News", "SOURCE: News agencies"
    re.compile(r"^sources?\s*:\s*\S.{0,60}$", re.I),
    # subscribe / newsletter calls
    re.compile(r"^(?:subscribe|sign up) (?:to|for) (?:our|the) .{0,50}newsletter\b.{0,40}$", re.I),
    re.compile(r"^(?:related|related post|related article|read more|read also|also read|see also|more|watch|"
               r"listen|download|itunes|you may also like)\s*:\s*.{0,120}$", re.I),
    re.compile(r"^filed under\s*:.{0,120}$", re.I),
    # copyright lines
    re.compile(r"^(?:copyright|©|\(c\))\s*.{0,100}$", re.I),
    re.compile(r"^.{0,80}all rights reserved\.?$", re.I),
]

# a trailing photo/agency credit on a caption line: "... in the Qalamoun region (AFP)"
_TRAILING_CREDIT = re.compile(
    r"\s*\((?:AFP|AP|Reuters|EPA|EPA-EFE|Getty(?: Images)?|AFP/Getty Images|Anadolu(?: Agency)?|"
    r"SANA|Xinhua|UPI|DPA|Sputnik|TASS|Shutterstock|File|File photo|"
    r"(?:AFP|AP|Reuters|EPA|Getty|Photo|Image|Credit|Picture)(?: Photo)?\s*[/:][^()]{1,60})\)\s*$")
_ONLY_SEPARATORS = re.compile(r"^[\s|•·*\-–—_=~/\\>»«<]*$")
_BULLET = re.compile(r"^[\s•·*\-–—»>]+")

_TERMINAL = tuple(".!?…:")
_CLOSERS = "\"”’)]»'"
_FUNCTION_WORDS = frozenset("""a an the of and or but nor to in on at by for with from into onto upon
that which who whom whose as its their his her our your my than then also not was were is are be been
has have had will would could should may might must can this these those said says""".split())


_DATE_TOKEN = re.compile(
    r"^(?:\d{1,4}(?:[:/.\-]\d{1,4}){0,2}(?:st|nd|rd|th|h)?|[ap]\.?m\.?|"
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?|[ecmp][sd]t|utc|gmt|cet|cest|bst|eet|eest|msk|amt|ast|ist|jst|aest|z|at|on|the|of|-|–|\|)$", re.I)
_DATE_LABEL = re.compile(
    r"^(?:(?:first |last )?(?:published|updated|posted|modified|created)(?: on| at)?\s*:?\s*)", re.I)


def _is_date_line(core: str) -> bool:
    """A line that is only a timestamp, optionally labelled ("Updated at 1:23 p.m.", "June 4, 2013")."""
    rest = core
    while True:
        stripped = _DATE_LABEL.sub("", rest, count=1)
        if stripped == rest:
            break
        rest = stripped
    tokens = [t.strip(",.()") for t in rest.split()]
    tokens = [t for t in tokens if t]
    if not tokens:
        return rest != core  # only labels: "Published: Updated:"
    return (len(tokens) <= 10 and any(any(ch.isdigit() for ch in t) for t in tokens)
            and all(_DATE_TOKEN.match(t) for t in tokens))


_LINE_END_JUNK = " \t:|•·…>»"


def is_residue_line(line: str) -> bool:
    """True when the whole line is page furniture (widget label, captcha, credit, separator...)."""
    stripped = line.strip()
    if stripped.count(" ") > 30:  # long lines are prose; keep the common case cheap
        return False
    if _ONLY_SEPARATORS.match(stripped):
        return True
    core = _BULLET.sub("", stripped, count=1).rstrip(_LINE_END_JUNK)
    if core[:1] in "[(" and core[-1:] in "])":  # "[Related: ...]", "(Reporting by ...)"
        core = core[1:-1].strip().rstrip(_LINE_END_JUNK)
    if not core:
        return True
    if _CAPTCHA.match(core) or _WIDGET_LINES.match(core) or _is_date_line(core):
        return True
    return any(p.search(core) for p in _LINE_PATTERNS)


def _strip_line_residue(line: str) -> str:
    """Remove residue inside a line that also carries text: trailing credits, stray separators."""
    if line.endswith(")"):
        head, tail = line[:-120], line[-120:]  # credits are short; spare the regex the long prefix
        line = head + _TRAILING_CREDIT.sub("", tail)
    if "|" in line:
        line = re.sub(r"\s+\|\s*$", "", line)     # "... text |"
        line = re.sub(r"^\s*\|\s+", "", line)     # "| text ..."
    return line


# ---------------------------------------------------------------- normalisation

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# a sentence end glued to the next sentence: "overrun.In", "“terrorists.”The", "(ISIS).The"
_GLUED_SENTENCE = re.compile(r"(?<=[a-z]{2}|[A-Za-z][)\]]|\d[)\]]|[a-z]%)([.!?]+[\"”’]?)(?=[\"“‘]?[A-Z][a-z])")
_URLISH = re.compile(r"(?:https?://|www\.|@|\.(?:com|org|net|gov|edu|io|co|uk|de|fr)\b)", re.I)
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[^\s\d]) +(?=[,;](?:\s|$))")


def _normalise_chars(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _SPACES.sub(" ", _INVISIBLE.sub("", text))
    return "\n".join(line.strip() for line in text.split("\n"))


def repair_sentence_spacing(line: str) -> str:
    """Insert the missing space after a sentence end, leaving abbreviations, decimals and URLs alone."""
    def fix(match: re.Match) -> str:
        start = line.rfind(" ", 0, match.start()) + 1
        end = line.find(" ", match.end())
        token = line[start:end if end >= 0 else len(line)]
        return match.group(0) if _URLISH.search(token) else match.group(1) + " "
    line = _GLUED_SENTENCE.sub(fix, line)
    return _SPACE_BEFORE_PUNCT.sub("", line)


# ---------------------------------------------------------------- paragraphs

def _ends_sentence(line: str) -> bool:
    """Ends like a sentence or a dateline; a closing quote or bracket after a comma does not."""
    core = line.rstrip()
    bare = core.rstrip(_CLOSERS)
    return not bare or bare.endswith(_TERMINAL)


def _is_hard_wrapped(lines: list[str]) -> bool:
    """A run of lines broken at a fixed width: several mid-sentence breaks at similar lengths."""
    breaks = [len(line) for line, nxt in zip(lines, lines[1:])
              if not _ends_sentence(line) and nxt[:1].islower()]
    if len(breaks) < 3:
        return False
    median = statistics.median(breaks)
    similar = sum(1 for n in breaks if abs(n - median) <= 20)
    return median >= 35 and similar >= 0.6 * len(breaks)


def _should_join(line: str, nxt: str, hard_wrapped: bool) -> bool:
    if _ends_sentence(line):
        return False
    if hard_wrapped:
        return True
    first = nxt[:1]
    if first.islower() or first in ",;)":
        return True
    last_word = re.sub(r"\W+$", "", line.rsplit(" ", 1)[-1])
    return line.endswith((",", "-", "–")) or last_word in _FUNCTION_WORDS


def _paragraphs(block: list[str]) -> list[str]:
    """Rejoin the lines of one blank-line-separated block where they were broken mid-sentence."""
    hard_wrapped = _is_hard_wrapped(block)
    paragraphs: list[str] = []
    for line in block:
        if paragraphs and _should_join(paragraphs[-1], line, hard_wrapped):
            # a break after a hyphen is a compound split at the hyphen: keep the hyphen, drop the break
            glued = paragraphs[-1].endswith("-") and not paragraphs[-1].endswith(" -")
            paragraphs[-1] = paragraphs[-1] + ("" if glued else " ") + line
        else:
            paragraphs.append(line)
    return paragraphs


def clean_text(text: str) -> str:
    """Residual clean-up of extracted article text; idempotent, never drops an article sentence.

    Paragraphs come back separated by one blank line, single spaces inside them.
    """
    if not text:
        return ""
    lines = _normalise_chars(text).split("\n")
    blocks: list[list[str]] = [[]]
    for line in lines:
        if not line:
            if blocks[-1]:
                blocks.append([])
            continue
        if is_residue_line(line):
            continue
        stripped = _strip_line_residue(line).strip()
        if stripped != line and (not stripped or is_residue_line(stripped)):
            continue
        line = stripped
        blocks[-1].append(line)
    paragraphs: list[str] = []
    for block in blocks:
        if block:
            paragraphs.extend(_paragraphs(block))
    cleaned = [repair_sentence_spacing(_strip_line_residue(p).strip()) for p in paragraphs]
    return "\n\n".join(p for p in cleaned if p)
