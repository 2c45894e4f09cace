"""The seed articles clean to the gold must-keep / must-drop strings, as text and as wire pages."""

import json
import os
import re
from pathlib import Path

import pytest

from pipeline.clean import clean_html, clean_text
from pipeline.config import REPO_ROOT
from pipeline.fetch.wire import load_seed_articles, render_article_page

pytestmark = pytest.mark.unit

SEEDS_DIR = REPO_ROOT / "seeds"
SHARED = Path(os.environ.get("EVENTWIRE_SHARED_DIR", REPO_ROOT.parent / "shared"))
GOLD_FILE = SHARED / "eval" / "seeds-gold.json"


def _gold_articles():
    if not GOLD_FILE.exists():
        return []
    return json.loads(GOLD_FILE.read_text(encoding="utf-8"))["articles"]


GOLD = _gold_articles()
needs_gold = pytest.mark.skipif(not GOLD, reason=f"shared eval material not found at {GOLD_FILE}")
ARTICLES = {article.stem + ".txt": article for article in load_seed_articles(SEEDS_DIR)}


@needs_gold
@pytest.mark.parametrize("gold", GOLD, ids=lambda g: g["file"])
def test_clean_text_of_seed_keeps_and_drops_gold_strings(gold):
    cleaned = clean_text(ARTICLES[gold["file"]].text)
    for keep in gold["clean"]["with"]:
        assert keep in cleaned
    for drop in gold["clean"]["without"]:
        assert drop not in cleaned


@needs_gold
@pytest.mark.parametrize("gold", GOLD, ids=lambda g: g["file"])
def test_clean_html_of_wire_page_keeps_and_drops_gold_strings(gold):
    article = ARTICLES[gold["file"]]
    result = clean_html(render_article_page(article, "http://127.0.0.1:8765"))
    for keep in gold["clean"]["with"]:
        assert keep in result["text"]
    for drop in gold["clean"]["without"]:
        assert drop not in result["text"]
    assert result["published"] == gold["published"]
    assert result["language"] == "en"
    assert result["title"] == article.headline


@pytest.mark.parametrize("stem", sorted(ARTICLES))
def test_clean_text_is_idempotent_on_seeds(stem):
    once = clean_text(ARTICLES[stem].text)
    assert clean_text(once) == once


@pytest.mark.parametrize("stem", sorted(ARTICLES))
def test_cleaning_keeps_every_sentence_of_the_seed(stem):
    """Every line of the seed that reads like prose survives word for word (spacing may be repaired)."""
    text = ARTICLES[stem].text
    cleaned_words = " ".join(re.findall(r"\w+", clean_text(text)))
    for line in text.splitlines():
        if len(line.split()) >= 12 and line.rstrip().endswith((".", "”", '"')):
            assert " ".join(re.findall(r"\w+", line)) in cleaned_words
