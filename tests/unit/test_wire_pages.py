"""The local wire renders seeds as a valid RSS feed and as article pages with real-site furniture."""

import pytest

from pipeline.config import REPO_ROOT
from pipeline.fetch.feeds import parse_feed_bytes
from pipeline.fetch.wire import load_seed_articles, render_article_page, render_feed

pytestmark = pytest.mark.unit

SEEDS_DIR = REPO_ROOT / "seeds"


def test_seeds_load_in_index_order_with_dates_and_sources():
    articles = load_seed_articles(SEEDS_DIR)
    assert [a.published for a in articles] == ["2015-07-05", "2015-06-15", "2014-06-15", "2014-03-31", "2013-06-04"]
    assert articles[1].source == "ARA News"


def test_headline_is_the_seed_first_line_when_it_has_one():
    articles = {a.stem: a for a in load_seed_articles(SEEDS_DIR)}
    assert articles["000_90c3093f887c66ca"].headline == \
        "Syrian government forces advance on last opposition-held town in Qalamoun"
    assert articles["002_370900b5029b4f02"].headline.startswith("Government forces flushed opposition fighters")


def test_feed_lists_every_article_with_its_date():
    articles = load_seed_articles(SEEDS_DIR)
    result = parse_feed_bytes(render_feed(articles, "http://wire.test").encode("utf-8"))
    assert result.status == "ok"
    assert [i.url for i in result.items] == [f"http://wire.test/articles/{a.stem}.html" for a in articles]
    assert [i.published[:10] for i in result.items] == [a.published for a in articles]
    assert all(i.title and i.summary and i.guid for i in result.items)


def test_article_page_wraps_the_seed_in_site_furniture():
    article = load_seed_articles(SEEDS_DIR)[1]
    page = render_article_page(article, "http://wire.test")
    for furniture in ("Skip to main content", "Share on Facebook", "Leave a comment", "Related stories",
                      "All rights reserved", "Sign up", '<nav class="main-menu"'):
        assert furniture in page
    # the residue that is in the seed text itself is kept on the page
    for residue in ("Reporting by: Adel Hassan", "Source: ARA News", "fourteen − three ="):
        assert residue in page
    assert '<meta property="article:published_time" content="2015-06-15' in page
