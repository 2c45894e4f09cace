"""Who acts in a sentence: actor mentions with ACLED inter codes, sides and roles.

A mention is a main participant, an associated force ("backed by Hezbollah") or only a source
("a government official said"); the dictionary lives in data/actors.yaml, data/armed_groups.yaml and data/nationalities.csv.
"""

from __future__ import annotations

import re
from datetime import date
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from pipeline.extract.datafiles import DATA, data_rows
from pipeline.extract.patterns import holds_any, literal_prefixes, required_literals, top_alternatives, trie_regex

ACTOR_FILES = ("actors.yaml", "armed_groups.yaml")     # in order: an alias in an earlier file wins


@dataclass(frozen=True)
class Actor:
    name: str
    inter: int
    side: str = "none"            # government | opposition | none
    foreign_inter: int | None = None
    aerial: bool = False
    home: str | None = None           # ISO code of the country a group comes from (Hezbollah: LB)
    home_inter: int | None = None     # its inter code at home (Hezbollah in Lebanon: 3, abroad: 8)
    allies: tuple = ()                # countries whose forces it fights beside (Hezbollah: SY, IR, RU, LB)
    needs_country: bool = False       # a title ("President") names a state only with its country word
    country: str | None = None        # the one country whose war it fights (Haftar forces: LY): a country vote
    governs: bool = False             # a de facto authority over territory (SDF, Houthis): it makes arrests
    named_in: str | None = None       # the one country its name belongs to (NDF: SY) ...
    name_elsewhere: str | None = None  # ... and what its generic aliases name in another ("Pro-Government Militia ({country})")

    def named(self, country: str | None) -> str:
        if "{country}" in self.name:
            if country:
                return self.name.replace("{country}", country)
            return self.name.replace(" of {country}", "").replace(" ({country})", "").replace("{country}", "")
        return self.name


@dataclass(frozen=True)
class ActorMention:
    actor: Actor
    start: int
    end: int
    text: str
    country_code: str | None = None
    role: str = "main"            # main | assoc | source

    @property
    def is_state(self) -> bool:
        return self.actor.inter == 1 or (self.actor.foreign_inter is not None and "{country}" in self.actor.name)


@dataclass
class ActorLexicon:
    pattern: re.Pattern
    cased: re.Pattern | None
    by_alias: dict[str, Actor]
    nationalities: dict[str, str]
    cues: dict
    country_names: dict[str, str]          # ISO code -> the name used in actor names ("Myanmar")
    country_agent: re.Pattern | None       # "Israel launched", "Russia bombed": a state acting
    state: Actor | None                    # the generic state forces entry
    state_air: Actor | None                # ... and its air arm
    national_strike: re.Pattern | None     # "Israeli airstrikes", "Russian shelling": a state's fire
    country_by: re.Pattern | None          # "a drone strike by Turkey": the state as passive agent
    cased_heads: tuple[str, ...] = ()      # the first two characters of the cased aliases: one starts every match of `cased`
    coalitions: tuple[frozenset, ...] = ()  # countries whose forces fight on one side (data/coalitions.yaml)
    coordinated_nat: re.Pattern | None = None   # "Indian and ": a nationality coordinated with the next mention's
    wars: frozenset = frozenset()           # pairs of countries whose forces fight each other (data/coalitions.yaml)
    fronts: dict = field(default_factory=dict)   # a war's front state -> the state it fights there
    # a group that took power: its name -> (the day it did, its state forces' name, its country)
    rulers: dict = field(default_factory=dict)
    national_site: re.Pattern | None = None     # "Iranian targets", "Turkish positions": a state's sites, hit


_COUNTRY_AGENT_VERBS = (r"(?:launch(?:ed|es)|carried\s+out|carries\s+out|conducted|conducts|struck|strikes|bombed|bombs|"
                        r"shelled|shells|attacked|attacks|fired|fires|pounded|pounds|raided|raids|invaded|invades|"
                        r"targeted|targets|hit|hits|retaliated|retaliates|responded\s+with|stormed|deployed|mounted|sent\s+(?:troops|forces|jets|warplanes))")


@lru_cache(maxsize=1)
def load_lexicon() -> ActorLexicon:
    entries = []
    for name in ACTOR_FILES:
        with open(DATA / name, encoding="utf-8") as fh:
            entries += yaml.safe_load(fh)["actors"]
    with open(DATA / "cues.yaml", encoding="utf-8") as fh:
        cues = _compile_cues(yaml.safe_load(fh))
    nationalities: dict[str, str] = {}
    country_names: dict[str, str] = {}
    names: list[str] = []
    for row in data_rows(DATA / "nationalities.csv"):
        nationalities[row["word"].lower()] = row["country_code"]
        if row.get("form") == "name":
            country_names.setdefault(row["country_code"], row["word"])
            names.append(row["word"])
    by_alias: dict[str, Actor] = {}
    cased_aliases: list[str] = []
    state = state_air = None
    rulers = {e["name"]: (date.fromisoformat(str(e["in_power"]["since"])), e["in_power"]["name"], e["country"])
              for e in entries if e.get("in_power")}
    for e in entries:
        actor = Actor(e["name"], int(e["inter"]), e.get("side", "none"), e.get("foreign_inter"), bool(e.get("aerial", False)),
                      e.get("home"), e.get("home_inter"), tuple(e.get("allies", ())), bool(e.get("needs_country", False)),
                      e.get("country"), bool(e.get("governs", False)), e.get("named_in"), e.get("name_elsewhere"))
        if actor.name == "Military Forces of {country}":
            if actor.aerial and state_air is None:
                state_air = actor
            elif not actor.aerial and state is None:
                state = actor
        for alias in e["aliases"]:
            alias = str(alias)
            if e.get("cased"):
                cased_aliases.append(alias)
                by_alias["\x00" + alias] = actor
            else:
                by_alias.setdefault(alias.lower(), actor)
    nat = trie_regex(nationalities)
    with open(DATA / "coalitions.yaml", encoding="utf-8") as fh:
        camps = yaml.safe_load(fh)
    coalitions = tuple(frozenset(c["members"]) for c in camps["coalitions"])
    wars = frozenset(frozenset(w["states"]) for w in camps.get("wars", ()))
    fronts = {w["front"]: next(c for c in w["states"] if c != w["front"]) for w in camps.get("wars", ()) if w.get("front")}
    alias_rx = trie_regex(a for a in by_alias if not a.startswith("\x00"))
    # "Russia's", and "Russias" where the feed lost the apostrophe
    prefix = r"(?:(?P<nat>(?:pro-)?(?:" + nat + r"))(?:'s|\u2019s|s(?=\s))?(?:\s+|-)(?:(?:shia|sunni|islamist|jihadist|regime|government|state|army|armed|security|special|elite|militia|enemy|occupation|\w+-backed)\s+)?)?"
    # matched against lower-cased text (faster than re.I), with one character before it (a space before
    # the text's start): a pattern that starts with a character class lets the engine skip, in C, the
    # positions no name can start at, instead of trying the lookbehind (?<![\w-]) and both tries at each
    pattern = re.compile(r"[^\w-]" + prefix + r"(?P<alias>" + alias_rx + r")(?![\w])")
    cased = None
    if cased_aliases:
        # an acronym that names a document format or a gadget is not a group ("a PDF file")
        cased = re.compile(r"(?<![\w-])(?P<alias>" + "|".join(re.escape(a) for a in cased_aliases) + r")(?![\w-])"
                           r"(?!\s+(?:file|files|document|documents|format|version|copy|copies)\b)")
    # (country_agent and national_strike too take the character before a match, as `pattern` does)
    # A country's name as the subject of a military verb is its armed forces ("Israel launched an air
    # strike", "Russia bombed"); the country code rides on the mention.
    country_by = re.compile(r"(?:air\s*strikes?|airstrikes?|strikes?|attacks?|raids?|shelling|bombardments?|bombings?|offensive|"
                            r"operations?|incursions?|invasion)\s+(?:\w+\s+)?by\s+(?P<nat>" + trie_regex(names) + r")(?![\w-])") if names else None
    country_agent = re.compile(r"[^\w-](?P<nat>" + trie_regex(names) + r")(?:\s+(?:has|have|had|also|again|then|reportedly|"
                               r"allegedly|on\s+\w+day))*\s+" + _COUNTRY_AGENT_VERBS + r"\b") if names else None
    # A nationality before the name of a state's kind of fire: "Israeli airstrikes", "Russian shelling".
    # (Not rockets or mortars: armed groups fire those too.)
    national_strike = re.compile(r"[^\w-](?P<nat>" + nat + r")(?:-led)?\s+(?:(?P<air>air\s*strikes?|airstrikes?|air\s+raids?|"
                                 r"warplanes?|drone\s+strikes?|bombing\s+raids?)|shelling|bombardments?|artillery|military\s+strikes?|"
                                 r"strikes|strike(?=\s+(?:on|against|targeting)\s)|raids|(?:gun)?fire(?!\s+(?:brigades?|fighters?|departments?|services?|trucks?|engines?|stations?|crews?)))\b")
    # "struck Iranian targets near Damascus": the sites of a state's forces, which the strike hit (participants._targeted_force)
    national_site = re.compile(r"[^\w-](?P<nat>" + nat + r")\s+(?:military\s+|border\s+|army\s+)?(?:targets|positions|bases|sites|installations|facilities|outposts|assets|posts|checkpoints|bunkers|pickets)\b")
    coordinated_nat = re.compile(r"[^\w-](?P<nat>" + nat + r")\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)$")
    return ActorLexicon(pattern, cased, by_alias, nationalities, cues, country_names, country_agent, state, state_air,
                        national_strike, country_by, tuple(sorted({a[:2] for a in cased_aliases})), coalitions,
                        coordinated_nat, wars, fronts, rulers, national_site)


def as_of(actor: dict | None, day: date | None, event_cc: str | None) -> dict | None:
    """A group that had taken power by `day` is its country's state forces (data/armed_groups.yaml
    `in_power`: the Taliban from 15 August 2021): inter 1 at home, 8 abroad. An unknown day changes nothing."""
    ruler = load_lexicon().rulers.get(actor["name"]) if actor is not None and day is not None else None
    if ruler is None or day < ruler[0]:
        return actor
    return {"name": ruler[1], "inter": 1 if event_cc in (None, ruler[2]) else 8}


def same_camp(cc1: str, cc2: str) -> bool:
    """Whether the forces of two countries fight on one side (a coalition of data/coalitions.yaml holds both)."""
    return cc1 == cc2 or any(cc1 in c and cc2 in c for c in load_lexicon().coalitions)


def at_war(cc1: str | None, cc2: str | None) -> bool:
    """Whether the forces of two countries fight each other (a war of data/coalitions.yaml)."""
    return bool(cc1) and bool(cc2) and frozenset((cc1, cc2)) in load_lexicon().wars


def front_enemy(cc: str | None) -> str | None:
    """The state whose forces fight on `cc`'s land, where `cc`'s forces fight no one else there."""
    return load_lexicon().fronts.get(cc) if cc else None


def rival_states(a: ActorMention, b: ActorMention) -> bool:
    """Two states' forces of known, different countries that no coalition joins: "Indian and Pakistani
    troops exchanged fire", "US cruise missiles struck a Syrian government airbase"."""
    return "{country}" in a.actor.name and "{country}" in b.actor.name and bool(a.country_code) \
        and bool(b.country_code) and not same_camp(a.country_code, b.country_code)


def same_actor(a: ActorMention, b: ActorMention) -> bool:
    """One actor named twice: the same name and, for a state's forces, not two countries' ("Military
    Forces of {country}" names every state's army)."""
    return a.actor.name == b.actor.name and (a.country_code == b.country_code or not a.country_code or not b.country_code)


def _folds(pattern: str) -> bool:
    """Whether `pattern` has no upper-case letter (outside escapes) and no inline flags: matched without
    re.I on lower-cased ASCII text, it finds what re.I finds on the text (same spans; ASCII keeps its
    length) and runs faster; the match's text is then lower-cased."""
    letters = re.sub(r"\\.", "", pattern)
    return letters == letters.lower() and not re.search(r"\(\?[aiLmsux-]", pattern)


class Cue:
    """A cue pattern with a cheap literal pre-check (most windows hold none of its key words)."""

    def __init__(self, pattern: str):
        self.regex = re.compile(pattern, re.I)
        prefixes = literal_prefixes(pattern, min_len=2)
        self.pre = re.compile(trie_regex({p.lower() for p in prefixes})) if prefixes else None
        # Without an upper-case letter (outside escapes) or inline flags, the pattern matched without
        # re.I on lower-cased ASCII text finds what re.I finds (same spans; ASCII keeps its length)
        # and runs faster; the match's text is then lower-cased.
        self.folded = re.compile(pattern) if _folds(pattern) else None
        # A long alternation ("which had been", "since", "X, site of"...) searched whole tries every
        # branch at every place in the window; each branch is searched alone, and only where the words
        # every match of it holds stand in the window. The leftmost match, the earlier branch on a tie,
        # is the one the whole pattern finds.
        # (only a pattern with no literal start: where the pre-check already sifts, the pieces cost more)
        alternatives = top_alternatives(pattern) if self.regex.groups == 0 and self.pre is None else [pattern]
        self.parts = None
        if len(alternatives) > 1:
            # (each branch folds on its own: one with an inline flag, "(?-i:[A-Z])", does not stop the others)
            self.parts = [(re.compile(a, re.I), re.compile(a) if _folds(a) else None, required_literals(a, min_len=2))
                          for a in alternatives]
            # One scan of the window for the words of all the branches, not a substring test per word of
            # each branch: at each place it tells the longest word there, and the shorter words there are
            # its prefixes; so a branch is in play where one of its words, or a word that starts with
            # one, is found (what a test of each of its words finds)
            words = sorted({w for _, _, ws in self.parts if ws for w in ws})
            self.word_scan = re.compile("(?=(" + trie_regex(words, exact=True) + "))") if words else None
            self.parts_of = {w: frozenset(k for k, (_, _, ws) in enumerate(self.parts) if ws and any(w.startswith(x) for x in ws))
                             for w in words}
            self.always = frozenset(k for k, (_, _, ws) in enumerate(self.parts) if ws is None)
        # the words one of which every match holds ("was", "were", "been" ... after a negated trigger): an ASCII
        # window with none of them is not matched (the pre-check, where there is one, already sifts; a word of
        # two letters, "in", stands in most windows: the test would cost more than it saves)
        self.words = required_literals(pattern, min_len=3) if self.pre is None else None

    def search(self, text: str):
        low = text.lower()
        ascii_text = text.isascii()
        start = 0
        if self.pre is not None:
            first = self.pre.search(low)
            if first is None:
                return None
            if ascii_text:
                # every match starts with one of the literals: none before the first of them (the scan
                # starts there; \b and lookbehinds still see the characters before it)
                start = first.start()
        if self.parts is not None:
            best = None
            if ascii_text and self.word_scan is not None:
                active = set(self.always)
                for w in set(self.word_scan.findall(low)):
                    active |= self.parts_of[w]
                parts = [self.parts[k] for k in sorted(active)]
            else:
                parts = self.parts      # (text with other characters is always searched: re.I reads "ſ" as "s", str.lower does not)
            for regex, folded, words in parts:
                m = folded.search(low) if folded is not None and ascii_text else regex.search(text)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            return best
        if ascii_text and self.words is not None and not holds_any(low, self.words):
            return None
        if self.folded is not None and ascii_text:
            return self.folded.search(low, start)
        return self.regex.search(text, start)

    def match(self, text: str):
        if text.isascii() and (self.folded is not None or self.words is not None):
            low = text.lower()
            if self.words is not None and not holds_any(low, self.words):
                return None
            if self.folded is not None:
                return self.folded.match(low)       # as in `search`: the same span, lower-cased text
        return self.regex.match(text)


def _compile_cues(raw: dict) -> dict:
    """Cue patterns compiled once (case-insensitive); windows stay integers."""
    out = {}
    for key, val in raw.items():
        if isinstance(val, dict):
            out[key] = {k: (Cue(v) if isinstance(v, str) else v) for k, v in val.items()}
        else:
            out[key] = Cue(val)
    return out


# Words one of which every match of these patterns holds (load_lexicon): most sentences hold none,
# and a scan of the text by the pattern costs far more than these substring tests.
_COUNTRY_BY_WORDS = ("strike", "attack", "raid", "shelling", "bombard", "bombing", "offensive", "operation", "incursion",
                     "invasion")
# ... and one of these verbs at a word start (after the country's name and a space) every match of country_agent
# (searched with the character before it, in " " + the lower-cased text, as the lexicon's patterns are)
_AGENT_VERB_START = re.compile(r"[^\w-](?:launch|carrie|conduct|struck|strikes|bomb|shell|attack|fire|pound|raid|invade|"
                               r"target|hits?\b|retaliat|responded\s+with|stormed|deployed|mounted|sent\s)")
_NATIONAL_SITE_WORDS = ("targets", "positions", "bases", "sites", "installations", "facilities", "outposts", "assets", "posts",
                        "checkpoints", "bunkers", "pickets")
_NATIONAL_STRIKE_WORDS = ("air", "warplane", "drone", "bombing", "shelling", "bombardment", "artillery", "military",
                          "strike", "raids", "fire")


_PREPOSITION_BEFORE = re.compile(r"\b(?:in|of|from|to|into|at|across|inside|near|and|with|against)\s+(?:the\s+)?$", re.I)
_SPACE_ONLY = re.compile(r"\s*")
# where a clause's subject starts: the text's start, after a sentence or a comma, or "the"
_SUBJECT_START = re.compile(r"(?:^|[.;:,]\s*|\b[Tt]he\s+)$")
# ", and Israel responded": a name after ", and" starts a new clause (its subject: no object, no place)
CLAUSE_AND_END = re.compile(r",\s+and\s+$")
# "(JNIM) fighters": the generic word after a group's acronym in parentheses is that group
_PAREN_CLOSE_GAP = re.compile(r"\)\s*")
# "volunteer fighters (VDP)", "militants (ISWAP)": the generic word before a group's name in parentheses is that group
_PAREN_OPEN_GAP = re.compile(r"\s*\(")
# (and what news calls the group first: "militants of the proscribed Lashkar-e-Toiba", "fighters of the banned ...")
_FROM_GROUP_GAP = re.compile(r"\s+(?:from|of)\s+(?:the\s+)?(?:(?:so-called|self-(?:styled|proclaimed)|proscribed|banned|outlawed|militant|armed|"
                             r"jihadist|extremist|separatist|rebel|insurgent|terrorist|notorious|feared|dreaded)\s+){0,2}"
                             r"(?:[A-Z][\w'\u2019-]*\s+|international\s+){0,3}")
# what stands after an actor and makes it a source or a thing rather than a participant (_with_role)
_AND_SOURCE_SAID = re.compile(r"^\s+and\s+(?:\S+\s+){1,3}(?:said|say|says|reported|told)\b", re.I)
_SAID_THAT = re.compile(r"^\s+(?:said|say|says|told\s+\S+|reported|claimed|stated)\s+(?:that\s+)?(?:the|a|an|several|many|\d+|"
                        r"at\s+least|more\s+than|nearly|about|around|some|dozens|scores|hundreds|thousands|"
                        # "Police said members of two communities fought", "said gunmen attacked": others' deeds
                        r"(?!(?:they|its|theirs|us|his|hers|yes|this|was|is|has)\b)[a-z]+(?:s|men)\s+(?:of|from|had|have|were|[a-z]+ed))\b", re.I)
# "said Friday that officers had killed ...": who tells it (not "said that they had captured": its own deed)
_SAID_DAY_THAT = re.compile(r"^\s+(?:said|says|say|reported|stated)\s+(?:on\s+)?(?:\w+day\s+)?that\s+(?!(?:they|it|its|their|we|he|she)\b)", re.I)
_AND_OFFICIALS_SAID = re.compile(r"^\s+and\s+(?:\S+\s+){0,2}(?:sources|officials|witnesses|residents|activists|doctors|medics)\s+(?:said|say|says|told|reported)\b", re.I)
_SPEAKER_WORD_AFTER = re.compile(r"^[\s\u2019']*(?:s\s+)?(?:official|officials|source|sources|spokes|media|TV|television|news|agency|statement|ministry|monitor|-run|run|press)", re.I)
_STATE_THING_AFTER = re.compile(r"^\s+(?:post|posts|base|bases|positions?|checkpoints?|check\s*-?\s*posts?|camps?|airport|air\s+base|barracks|"
                                r"convoy|vehicles?|headquarters|installations?|targets?|sites?|facility|facilities|hospital|"
                                r"court|operations?|campaign|offensive|leadership|command|intelligence|spokesman|uniforms?|"
                                r"academy|college|helicopter|plane|aircraft|jets?|station|stations|sub-?stations?|outposts?|checkpoint|compound|"
                                r"building|chief|officer|officers|source|sources|"
                                r"area|areas|council|councils|chairman|chairmen|elections?|"
                                # "stones at government offices", "government critics", "government jobs": things and people of the state
                                r"offices?|buildings|property|properties|jobs|institutions|employees|workers|critics|opponents|"
                                r"supporters|ministers?|polic(?:y|ies)|subsidies|decisions?|plans?)\b", re.I)   # "Gusau local government area"
# "the police department's Third Precinct station": a building of the force, not the force acting
_POSSESSED_SITE_AFTER = re.compile(r"^(?:\s+department|\s+force)?['\u2019]s\s+(?:[\w-]+\s+){0,3}(?:station|headquarters|building|precinct|"
                                   r"office|offices|post|base|compound|barracks|vehicles?|cars?)\b", re.I)
_NAVY = re.compile(r"\b(?:navy|naval)\b")
_HELD_AFTER = re.compile(r"^\s*(?:-|\s)?(?:held|controlled|run)\b", re.I)
# "the al-Qaeda-linked al-Shabaab", "an IS-affiliated group": a trait of the group named next, not a participant
_LINKED_AFTER = re.compile(r"^-(?:linked|affiliated|allied|aligned|inspired|leaning)\b", re.I)
_FORMER_END = re.compile(r"\b(?:former|late|ex-)\s*$", re.I)
_PRO_ANTI_END = re.compile(r"\b(?:pro|anti)-$")


# the words many groups' names start with after their land's name ("West Papua National Liberation Army", "Sudan
# People's Liberation Army"): an alias that starts with one, right after a capitalised word, is part of a longer name
_GENERIC_HEAD = re.compile(r"(?:national|people['\u2019]?s|popular|democratic|revolutionary|liberation|united|patriotic|federal)\b", re.I)
_TITLE_WORD_BEFORE = re.compile(r"\b(?!(?:The|A|An|Its|Their|His|Her|Our|On|In|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\s)([A-Z][a-z][\w'\u2019-]*)\s+$")


def find_actors(text: str) -> list[ActorMention]:
    """Actor mentions in a sentence, each with its role (main participant, associate, source)."""
    lex = load_lexicon()
    found: list[ActorMention] = []
    low = text.lower()
    # every name and nationality starts with a word character, so the character the lexicon's patterns
    # take before a match is never one an earlier match ends with: the same matches as a lookbehind
    spaced = " " + low         # offsets one past those of `text`
    for m in lex.pattern.finditer(spaced):
        alias = m.group("alias")
        actor = lex.by_alias.get(" ".join(alias.lower().split()))     # runs of whitespace as one space (a name has none at its ends)
        if actor is None:
            continue
        nat = m.group("nat")
        cc = None
        if nat and m.end("nat") == m.start("alias") - 1:
            # "Pakistani Taliban" is a name of its own (TTP), not the Taliban with a country word
            whole = lex.by_alias.get(" ".join(spaced[m.start("nat"):m.end("alias")].split()))
            if whole is not None:
                actor, nat = whole, None
        if nat:
            cc = lex.nationalities.get(" ".join(nat.lower().removeprefix("pro-").split()))
        if actor.needs_country and cc is None:
            continue
        if not nat and _GENERIC_HEAD.match(alias) and m.start("alias") > 1 and text[m.start("alias") - 1:m.start("alias")].isupper() \
                and (before := _TITLE_WORD_BEFORE.search(text, max(0, m.start("alias") - 31), m.start("alias") - 1)) is not None \
                and before.group(1).lower() not in lex.nationalities:
            continue      # "the West Papua National Liberation Army": a longer name, another group's (not the ELN's; but
            #   "the Ethiopian National Defense Force" is Ethiopia's)
        start = (m.start("nat") if nat else m.start("alias")) - 1
        end = m.end() - 1
        if cc and "{country}" in actor.name:
            # "Indian and Pakistani troops": two armies when no coalition joins them; "U.S. and British
            # warplanes": two allied forces, the first named leading (participants.pick_actors)
            other = _coordinated_country(lex, text, spaced, start)
            if other is not None and other[0] != cc:
                occ, o_start, o_end = other
                found.append(ActorMention(actor, o_start, o_end, text[o_start:o_end], occ))
        found.append(ActorMention(actor, start, end, text[start:end], cc))
    if lex.country_by is not None and lex.state is not None and "by" in low and holds_any(low, _COUNTRY_BY_WORDS):
        for m in lex.country_by.finditer(low):
            start, end = m.span("nat")
            if not any(a.start <= start < a.end for a in found) and text[start].isupper():
                found.append(ActorMention(lex.state, start, end, text[start:end], lex.nationalities.get(" ".join(m.group("nat").split()))))
    if lex.country_agent is not None and lex.state is not None and _AGENT_VERB_START.search(spaced):
        for m in lex.country_agent.finditer(spaced):
            start, end = m.start("nat") - 1, m.end("nat") - 1
            if any(a.start <= start < a.end for a in found) or not text[start].isupper():
                continue
            cc = lex.nationalities.get(" ".join(m.group("nat").split()))
            if _PREPOSITION_BEFORE.search(text[max(0, start - 12):start]) and not CLAUSE_AND_END.search(text[max(0, start - 8):start]):
                # "The United States and Britain launched strikes": two states, the first named leading
                other = _coordinated_country(lex, text, spaced, start)
                if other is None or other[0] == cc or not _SUBJECT_START.search(text[max(0, other[1] - 12):other[1]]) \
                        or any(a.start <= other[1] < a.end for a in found):
                    continue      # "fighting in Syria hit ...": a place, not the state (", and Israel responded": a new clause)
                occ, o_start, o_end = other
                found.append(ActorMention(lex.state, o_start, o_end, text[o_start:o_end], occ))
            found.append(ActorMention(lex.state, start, end, text[start:end], cc))
    if lex.national_strike is not None and lex.state is not None and holds_any(low, _NATIONAL_STRIKE_WORDS):
        for m in lex.national_strike.finditer(spaced):
            start, end = m.start("nat") - 1, m.end("nat") - 1
            if any(a.start <= start < a.end for a in found) or not text[start].isupper():
                continue
            actor = lex.state_air if m.group("air") and lex.state_air is not None else lex.state
            cc = lex.nationalities.get(" ".join(m.group("nat").split()))
            # "Syrian and Russian air strikes": the allies' fire, the first named leading (participants.pick_actors)
            other = _coordinated_country(lex, text, spaced, start) if cc else None
            if other is not None and other[0] != cc and same_camp(other[0], cc) \
                    and not any(a.start <= other[1] < a.end for a in found):
                occ, o_start, o_end = other
                found.append(ActorMention(actor, o_start, o_end, text[o_start:o_end], occ))
            found.append(ActorMention(actor, start, end, text[start:end], cc))
    if lex.national_site is not None and lex.state is not None and holds_any(low, _NATIONAL_SITE_WORDS):
        for m in lex.national_site.finditer(spaced):
            start, end = m.start("nat") - 1, m.end("nat") - 1
            if not any(a.start <= start < a.end for a in found) and text[start].isupper():
                found.append(ActorMention(lex.state, start, end, text[start:end], lex.nationalities.get(" ".join(m.group("nat").split()))))
    if lex.cased and holds_any(text, lex.cased_heads):
        for m in lex.cased.finditer(text):
            if any(a.start <= m.start() < a.end for a in found):
                continue
            found.append(ActorMention(lex.by_alias["\x00" + m.group("alias")], m.start(), m.end(), m.group(0)))
    found.sort(key=lambda a: a.start)
    if " loyal to " in low:
        found = _loyal_to_a_side(text, found, lex)
    found = _merge_appositives(text, found)
    found = _share_nationality(text, found)
    if "its " in low or "their " in low:
        found = _possessor_country(text, found, lex)
    if lex.state is not None and "sailor" in low and _NAVY.search(low):
        # "attacked a navy base, killing 14 sailors": a navy's sailors are its state's forces, not a ship's crew
        found = [ActorMention(lex.state, a.start, a.end, a.text, a.country_code) if a.text.lower() in ("sailor", "sailors") else a
                 for a in found]
    return [_with_role(text, a, lex.cues) for a in found]


# "Forces loyal to Tigray's former ruling party", "fighters loyal to a local warlord": armed men named by whom they
# follow; not the state's unless that is the government, its president or its army
_LOYAL_TO_AFTER = re.compile(r"\s+loyal\s+to\s+(?!(?:the\s+)?(?:[\w'\u2019-]+\s+){0,3}?(?:government|president|regime|state|army|"
                             r"military|authorities|king|crown|junta|dictator|ruler|prime\s+minister)\b)", re.I)
_BARE_FORCE = re.compile(r"(?:forces|troops|fighters|soldiers|men|gunmen|militiamen)", re.I)


def _loyal_to_a_side(text: str, found: list[ActorMention], lex: ActorLexicon) -> list[ActorMention]:
    """State forces named only as 'forces loyal to' someone other than the state are a non-state side: the
    name that follows (a group in the lexicon) decides, else they are rebels."""
    rebels = lex.by_alias.get("rebels")
    out = []
    for a in found:
        if a.actor.inter == 1 and a.country_code is None and _BARE_FORCE.fullmatch(a.text) and rebels is not None \
                and _LOYAL_TO_AFTER.match(text, a.end):
            named = next((b for b in found if b.start > a.end and b.start - a.end <= 60 and b.actor.inter in (2, 3, 4)), None)
            if named is None:
                a = ActorMention(rebels, a.start, a.end, a.text, None)
        out.append(a)
    return out


def _coordinated_country(lex: ActorLexicon, text: str, spaced: str, start: int) -> tuple[str, int, int] | None:
    """The country of a capitalised nationality coordinated just before the mention at `start`
    ("Indian and ", "Syrian and "), with its span in `text`; None when there is none."""
    if lex.coordinated_nat is None:
        return None
    other = lex.coordinated_nat.search(spaced, max(0, start - 40), start + 1)
    occ = lex.nationalities.get(" ".join(other.group("nat").split())) if other else None
    if not occ or not text[other.start("nat") - 1].isupper():
        return None
    return occ, other.start("nat") - 1, other.end("nat") - 1


def _merge_appositives(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """'militia Hezbollah', 'Hezbollah militia', 'fighters from Hezbollah': one actor, the specific name."""
    out: list[ActorMention] = []
    for a in found:
        if out:
            prev = out[-1]
            gap = text[prev.end:a.start]
            generic_prev = prev.actor.name in ("Opposition rebels", "Unidentified armed group") or "{country}" in prev.actor.name
            generic_cur = a.actor.name in ("Opposition rebels", "Unidentified armed group") or \
                ("{country}" in a.actor.name and "{country}" not in prev.actor.name)
            if _SPACE_ONLY.fullmatch(gap) or (_FROM_GROUP_GAP.fullmatch(gap) and generic_prev) \
                    or (_PAREN_CLOSE_GAP.fullmatch(gap) and generic_cur and not generic_prev) \
                    or (_PAREN_OPEN_GAP.fullmatch(gap) and generic_prev and not generic_cur):
                if generic_cur and not generic_prev:
                    out[-1] = ActorMention(prev.actor, prev.start, a.end, text[prev.start:a.end], prev.country_code)
                else:
                    out[-1] = ActorMention(a.actor, prev.start, a.end, text[prev.start:a.end], a.country_code or prev.country_code)
                continue
        out.append(a)
    return out


def _share_nationality(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """'Russian aircraft including helicopter gunships', 'Israeli tanks and bulldozers': a state force
    listed right after one with a country word belongs to the same country."""
    out: list[ActorMention] = []
    for a in found:
        prev = out[-1] if out else None
        if prev is not None and a.country_code is None and prev.country_code and "{country}" in a.actor.name \
                and "{country}" in prev.actor.name and _LISTED.fullmatch(text[prev.end:a.start]):
            a = ActorMention(a.actor, a.start, a.end, a.text, prev.country_code, a.role)
        out.append(a)
    return out


def _possessor_country(text: str, found: list[ActorMention], lex: ActorLexicon) -> list[ActorMention]:
    """"Russia's Defense Ministry claimed its forces had captured ...": a state's forces named by "its" or
    "their" belong to the country that the sentence's subject names."""
    out = []
    for a in found:
        if a.country_code is None and "{country}" in a.actor.name and (
                owner := _POSSESSOR_SUBJECT.search(text, max(0, a.start - 90), a.start)) is not None:
            words = [w.removesuffix("'s").removesuffix("\u2019s") for w in owner.group("subject").split()]
            cc = next((lex.nationalities[k] for n in (2, 1) for i in range(len(words) - n + 1)
                       if (k := " ".join(words[i:i + n]).lower()) in lex.nationalities), None)
            if cc:
                a = ActorMention(a.actor, a.start, a.end, a.text, cc, a.role)
        out.append(a)
    return out


# a subject of capitalised words (a country's ministry, army or office), a verb of saying, then "its"/"their"
_POSSESSOR_SUBJECT = re.compile(r"(?<![\w'\u2019-])(?P<subject>(?:[A-Z][\w.'\u2019-]*\s+){1,5})"
                                r"(?:said|says|claimed|claims|announced|reported|stated|added)\s+(?:(?:on\s+)?\w+day\s+)?(?:that\s+)?(?:its|their)\s+$")


_LISTED = re.compile(r"\s*(?:,\s*)?(?:including|and|as\s+well\s+as|along\s+with|with|or)?\s*(?:its\s+|their\s+|the\s+)?", re.I)


def _with_role(text: str, a: ActorMention, cues: dict) -> ActorMention:
    before = text[max(0, a.start - 60):a.start]
    after = text[a.end:a.end + 40]
    role = "main"
    if a.actor.needs_country and _TITLE_SPEAKS.match(after):
        role = "source"          # "South Sudanese President Salva Kiir said": a speaker
    elif _RANK_NAME_SPEAKS.match(after) or (_RANK_END.search(a.text) and _NAME_SPEAKS.match(after)):
        role = "source"          # "police officer Abdullahi Ahmed told Reuters", "army spokesman Col. X said": a speaker
    elif a.actor.inter in (6, 7) and _AND_SOURCE_SAID.match(after):
        role = "source"
    elif (_SAID_THAT.match(after) or _SAID_DAY_THAT.match(after)) and not _CLAIMED_DEED.match(after):
        role = "source"      # "The rebels said the strikes hit ...", "Police said Friday that officers ...": the speaker
    elif _AND_OFFICIALS_SAID.match(after):
        role = "source"
    elif ("," in before or "\u2014" in before) and _ATTRIBUTION_TAIL.search(before) and _SAID_AT_END.match(after):
        role = "source"          # "..., the military said." / "..., police said Thursday": who reports it
    elif cues["source_after"].match(after) or cues["source_before"].search(before):
        # "rebels said they captured": a fighting group that speaks about its own action stays main
        if a.actor.inter in (6, 7) or _SPEAKER_WORD_AFTER.match(after) or cues["source_before"].search(before):
            role = "source"
    elif cues["assoc_before"].search(before) or cues["assoc_after"].match(after):
        role = "assoc"
    if role == "main" and a.actor.needs_country and _FORMER_END.search(before):
        role = "attributive"     # "the son of former German President X": a person described, not the government acting
    if role == "main" and "{country}" in a.actor.name and (_STATE_THING_AFTER.match(after) or _POSSESSED_SITE_AFTER.match(after)):
        role = "attributive"     # "a military post", "a military operation": a thing, not a participant
    if role == "main" and (_HELD_AFTER.match(after) or _LINKED_AFTER.match(after)):
        role = "attributive"     # "regime-held neighbourhoods", "rebel-held town": a place, not a participant
    if role == "main" and before.endswith(("-", "-\n")) and _PRO_ANTI_END.search(before):
        role = "attributive"
    if role == a.role:
        return a        # an equal mention (frozen): no new one to build
    return ActorMention(a.actor, a.start, a.end, a.text, a.country_code, role)


# a title, a name, a verb of speech: "Syrian President Bashar al-Assad told ..."
_TITLE_SPEAKS = re.compile(r"^\s+(?:(?:[A-Z][\w.'\u2019-]*|[a-z]{1,3}-[A-Z][\w'\u2019-]*|bin|ibn|de|da|van|von|al|el)\s+){1,5}(?:has\s+|had\s+)?(?:said|says|told|tells|announced|stated|added|"
                           r"warned|accused|called|urged|condemned|vowed|declared|insisted|denied|claimed|described|blamed)\b")
# a rank or office in lower case, a capitalised name, a verb of speech: "police officer Abdullahi Ahmed told"
_RANK_NAME_SPEAKS = re.compile(r"^\s+(?:officer|official|spokesman|spokeswoman|spokesperson|commander|chief|captain|colonel|"
                               r"general|major|sergeant|inspector|superintendent|commissioner|lieutenant)\s+(?:[A-Z][\w.'\u2019-]*\s+){1,4}"
                               r"(?:has\s+|had\s+)?(?:said|says|told|tells|stated|added|confirmed|explained)\b")
_RANK_END = re.compile(r"\b(?:officer|official|spokesman|spokeswoman|spokesperson|commander|chief)$", re.I)
_NAME_SPEAKS = re.compile(r"^\s+(?:[A-Z][\w.'\u2019-]*\s+){1,4}(?:has\s+|had\s+)?(?:said|says|told|tells|stated|added|confirmed|explained)\b")
_ATTRIBUTION_TAIL = re.compile(r"[,\u2014]\s*(?:the\s+|a\s+|an\s+)?(?:[\w.'-]+\s+){0,3}$")
_SAID_AT_END = re.compile(r"^\s+(?:said|says|reported|reports|added|claimed|announced|stated)\b(?:\s+(?:on\s+)?\w+day)?"
                          r"(?:\s+(?:morning|afternoon|evening|night))?\s*(?:[.,;]|$)")
# "X claimed an attack", "X claimed the bombing": X did it (a claim of responsibility, not a report)
_CLAIMED_DEED = re.compile(r"^\s+claimed\s+(?:responsibility|credit|(?:an?|the)\s+(?:\w+\s+){0,2}?(?:attacks?|bombings?|"
                           r"assault|raid|ambush|killings?|strikes?|blasts?|explosions?|abductions?|kidnappings?))\b", re.I)
_PRONOUN_SUBJECT = re.compile(r"\s*(?:(?:But|And|Then|Later|Meanwhile|Earlier),?\s+)?(?P<pro>They|The\s+group)\s+"
                              r"(?:(?:also|then|later|reportedly|allegedly|had|have|have\s+also|had\s+also)\s+)*(?=[a-z]+ed\b|[a-z]+ew\b|set\b|hit\b|shot\b|struck\b|fought\b|took\b|seized\b)")
_DEFINITE = re.compile(r"\b(?:the|this|that|these|those)\s+(?:\S+\s+)?$", re.I)


def resolve_references(sentences) -> None:
    """Actors a sentence names only by reference, resolved from the sentences before it (in place).

    "They also attacked the terminal": the armed actor the previous sentences named. "The aircraft
    fired two missiles" after "a US drone strike": the unqualified aircraft are that country's.
    """
    lex = load_lexicon()
    last_armed: ActorMention | None = None
    aerial_cc: str | None = None
    for s in sentences:
        if s.triggers:
            m = _PRONOUN_SUBJECT.match(s.text)
            if m and last_armed is not None and not any(a.start <= m.start("pro") < a.end for a in s.actors):
                ref = ActorMention(last_armed.actor, m.start("pro"), m.end("pro"), m.group("pro"), last_armed.country_code)
                s.actors = sorted(s.actors + [_with_role(s.text, ref, lex.cues)], key=lambda a: a.start)
            for i, a in enumerate(s.actors):
                if a.actor.aerial and a.country_code is None and aerial_cc and _DEFINITE.search(s.text[max(0, a.start - 30):a.start]):
                    s.actors[i] = ActorMention(a.actor, a.start, a.end, a.text, aerial_cc, a.role)
        mentions = s.actors if s.triggers else (find_actors(s.text) if _PRONOUN_SUBJECT.match(_next_text(sentences, s)) else [])
        armed = [a for a in mentions if a.role == "main" and a.actor.inter in (1, 2, 3, 4, 8)]
        if armed:
            last_armed = armed[0]
        elif mentions or s.triggers:
            last_armed = None if any(a.role == "main" for a in mentions) else last_armed
        qualified = {a.country_code for a in s.actors if a.actor.aerial and a.country_code}
        if len(qualified) == 1:
            aerial_cc = qualified.pop()
        elif len(qualified) > 1:
            aerial_cc = None


def _next_text(sentences, s) -> str:
    i = s.index + 1
    return sentences[i].text if i < len(sentences) else ""
