"""From a fetched page to article text and metadata: trafilatura first, then the residual pass.

The trafilatura options were chosen by measurement on the article-extraction benchmark (AEB):
comments excluded, `fast` mode (its recall is the best, and the residual pass restores precision),
a recall run only when that finds (almost) nothing; metadata from meta tags, JSON-LD, quick htmldate.
"""

from __future__ import annotations

import re
from datetime import datetime

import trafilatura
from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title
from trafilatura.utils import load_html, trim

from pipeline.clean.residue import clean_text

# below this many characters the first run probably missed the article; retry favouring recall
_MIN_TEXT_CHARS = 250
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", re.I)
_META_LANG = re.compile(
    r"<meta\b[^>]*?(?:http-equiv\s*=\s*[\"']?content-language|property\s*=\s*[\"']?og:locale)[^>]*?"
    r"content\s*=\s*[\"']?\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", re.I)
_META_LANG_REVERSED = re.compile(
    r"<meta\b[^>]*?content\s*=\s*[\"']?\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?[\"']?[^>]*?"
    r"(?:http-equiv\s*=\s*[\"']?content-language|property\s*=\s*[\"']?og:locale)", re.I)

_EXTRACT_MODE = dict(fast=True)
_EXTRACT_OPTIONS = dict(include_comments=False, include_tables=True, include_images=False,
                        include_links=False, deduplicate=False)


def _empty() -> dict:
    return {"text": "", "title": None, "author": None, "published": None, "language": None}


def clean_html(html: str | bytes, url: str | None = None) -> dict:
    """Main text (cleaned) and metadata of one page: dict text, title, author, published, language.

    Unknown metadata is None; `text` is "" when no article text could be found.
    """
    if isinstance(html, bytes):
        from pipeline.fetch.pages import decode_html
        html = decode_html(html)
    if not html or not html.strip():
        return _empty()
    tree = load_html(html)
    if tree is None:
        return _empty()
    # bare_extraction works on its own copy of a parsed tree, so one parse serves every step
    doc = trafilatura.bare_extraction(tree, url=url, **_EXTRACT_MODE, **_EXTRACT_OPTIONS)
    text = (doc.text or "") if doc is not None else ""
    if len(text) < _MIN_TEXT_CHARS:
        fallback = trafilatura.bare_extraction(tree, url=url, favor_recall=True, **_EXTRACT_OPTIONS)
        if fallback is not None and len(fallback.text or "") > len(text):
            text = fallback.text or ""
    result = page_metadata(tree, url)
    result["text"] = _drop_leading_headline(clean_text(text), result["title"])
    if result["language"] is None:
        result["language"] = page_language(html)
    return result


# native XPath only (no regex callbacks): people first, then whole byline blocks
_AUTHOR_XPATHS = [XPath(
    "//*[@rel='author' or @itemprop='author' or @class='author' or @id='author'"
    " or contains(@class, 'author-name') or contains(@class, 'byline__name')][not(ancestor::*["
    "contains(@class, 'comment') or self::footer or self::aside])]"),
    XPath("//*[@class='byline' or contains(@class, 'article-byline')][not(ancestor::*[self::footer or self::aside])]"),
]
_BYLINE_NOISE = re.compile(r"^(?:by|von|par|por|di)\s+|\s*[·|•–—]\s*.*$", re.I)


def page_metadata(tree: HtmlElement, url: str | None = None) -> dict:
    """Title, author, publication date and declared language of a parsed page (None where unknown).

    Reads meta tags and JSON-LD first (cheap and usually right), then the <title>/<h1>, a byline
    element for the author, and htmldate's quick (non-extensive) search for the date.
    """
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # single tokens are usually site handles, not people
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # trafilatura's JSON-LD reader can trip on odd markup; meta tags still count
        pass
    title = meta.title or extract_title(tree)
    author = meta.author or _byline_author(tree)
    try:
        published = find_date(tree, url=url or meta.url, original_date=True, extensive_search=False,
                              max_date=datetime.now().strftime("%Y-%m-%d"))
    except Exception:  # htmldate on a malformed page: no date rather than no article
        published = None
    result = _empty()
    result.update(title=_none_if_blank(title), author=_none_if_blank(author),
                  published=_none_if_blank(published), language=_none_if_blank(getattr(meta, "language", None)))
    return result


def _byline_author(tree: HtmlElement) -> str | None:
    for xpath in _AUTHOR_XPATHS:
        for node in xpath(tree)[:3]:
            text = trim(" ".join(node.itertext()) or node.get("content") or "")
            text = _BYLINE_NOISE.sub("", text).strip()
            if 2 < len(text) <= 80:
                return normalize_authors(None, text)
    return None


_WORDS = re.compile(r"\w+")


def _drop_leading_headline(text: str, title: str | None) -> str:
    """The headline is metadata (`title`), not body text: drop it when the text starts with it."""
    if not title or not text:
        return text
    first, _, rest = text.partition("\n\n")
    first_words = _WORDS.findall(first.casefold())
    title_words = _WORDS.findall(title.casefold())
    if rest and first_words and (first_words == title_words or
                                 (len(first_words) >= 4 and title_words[:len(first_words)] == first_words)):
        return rest
    return text


def page_language(html: str) -> str | None:
    """The language the page declares (<html lang>, Content-Language, og:locale), lower-case ISO 639."""
    head = html[:20_000]
    for pattern in (_HTML_LANG, _META_LANG, _META_LANG_REVERSED):
        match = pattern.search(head)
        if match:
            return match.group(1).lower()
    return None


def _none_if_blank(value: object) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None
