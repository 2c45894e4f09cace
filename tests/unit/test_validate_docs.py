"""The offline Data Docs: a cycle's validations become static pages that load nothing from outside
the docs folder (issue 12: GX's own site was blank offline), name the run (never "__none__"), and
show each rejected row with the expectations it failed."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.validate import docs
from pipeline.validate.articles import validate_articles
from pipeline.validate.events import validate_events
from tests.unit.test_validate_verdicts import ARTICLES, EVENTS, PUBLISHED, TEXT, TODAY

pytestmark = pytest.mark.unit

RUN = "scheduled__2026-11-30T03:00:00+00:00"
# Attributes through which a page makes the browser fetch or navigate.
URL_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "data", "poster", "background", "cite",
                  "manifest", "xlink:href"}


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.tags: set[str] = set()
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                self.urls.append(value)
            if name == "style" and value:
                self.styles.append(value)

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)

    def handle_endtag(self, tag):
        self._in_style = False


def _refs(page: Path) -> _Refs:
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def cycle():
    """One cycle's two validations (with rejected rows of every kind), as validate_batch makes them."""
    return [validate_articles(ARTICLES, today=TODAY), validate_events(EVENTS, {1: TEXT, 2: TEXT, 3: TEXT}, PUBLISHED)]


def test_pages_load_nothing_from_outside_the_docs_folder(tmp_path, cycle):
    index = docs.publish(tmp_path, RUN, cycle)

    pages = sorted(tmp_path.rglob("*.html"))
    assert index == tmp_path / "index.html" and len(pages) == 2
    for page in pages:
        refs = _refs(page)
        assert not refs.tags & {"script", "link", "img", "iframe", "object", "embed", "base"}, page
        assert not any("url(" in s or "@import" in s for s in refs.styles), page
        for url in refs.urls:
            assert "://" not in url and not url.startswith("//") and not url.startswith("/"), (page, url)
            target = (page.parent / url.split("#")[0]).resolve()
            assert target.is_file() and target.is_relative_to(tmp_path.resolve()), (page, url)
    assert "http://" not in " ".join(r for p in pages for r in _refs(p).urls)


def test_run_name_is_the_run_id_on_the_pages_and_in_gx_results(tmp_path, cycle):
    docs.publish(tmp_path, RUN, cycle)

    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    (run_page,) = (tmp_path / "runs").glob("*/index.html")
    page = run_page.read_text(encoding="utf-8")
    assert f'data-run-name="{RUN}"' in index and f'<span id="run-name">{RUN}</span>' in page
    gx_files = sorted(run_page.parent.glob("*.gx.json"))
    assert len(gx_files) == 2
    for path in gx_files:
        meta = json.loads(path.read_text(encoding="utf-8"))["meta"]
        assert meta["run_id"]["run_name"] == RUN
    assert "__none__" not in index + page + "".join(p.read_text() for p in gx_files)


def test_run_page_shows_each_rejected_row_with_its_failed_expectations(tmp_path, cycle):
    articles, events = cycle
    docs.publish(tmp_path, RUN, cycle)

    (run_page,) = (tmp_path / "runs").glob("*/index.html")
    page = run_page.read_text(encoding="utf-8")
    assert page.count("<h2 ") == 2
    assert f"{len(EVENTS)} rows in, 2 valid, " in page
    rejected_rows = page.split('id="rejected-eventwire.events"')[1].split("</table>")[0].count("<tr>") - 1
    assert rejected_rows == len(events.rejected) == 12
    assert "fatalities_low &gt; fatalities_best: fatalities_low=9, fatalities_best=5" in page
    assert "url is not http(s): url=&#x27;ftp://example.org/a&#x27;" in page
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "expect_column_values_to_match_regex (url)" in index  # failed expectations, per suite, on the index


def test_index_lists_runs_newest_first_and_a_rerun_adds_to_its_page(tmp_path, cycle):
    first = datetime(2026, 11, 30, 3, 0, tzinfo=timezone.utc)
    docs.publish(tmp_path, "manual__one", cycle, validated_at=first)
    docs.publish(tmp_path, RUN, cycle[:1], validated_at=first + timedelta(minutes=5))
    docs.publish(tmp_path, "manual__one", cycle[1:], validated_at=first + timedelta(minutes=1))

    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert index.index(f'data-run-name="{RUN}"') < index.index('data-run-name="manual__one"')
    run_one = tmp_path / "runs" / docs.run_folder("manual__one") / "index.html"
    assert run_one.read_text(encoding="utf-8").count("<h2 ") == 3
    assert docs.links(tmp_path) == {"validations": "index.html",
                                    "latest run": f"runs/{docs.run_folder(RUN)}/index.html"}


def test_only_the_newest_runs_are_kept(tmp_path, cycle, monkeypatch):
    monkeypatch.setattr(docs, "KEEP_RUNS", 2)
    start = datetime(2026, 11, 30, tzinfo=timezone.utc)
    for i in range(4):
        docs.publish(tmp_path, f"run-{i}", cycle[:1], validated_at=start + timedelta(minutes=i))

    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == sorted(docs.run_folder(f"run-{i}") for i in (2, 3))
    assert "run-0" not in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_nothing_to_link_before_the_first_validation(tmp_path):
    assert docs.index_page(tmp_path) is None and docs.links(tmp_path) == {}


def test_validate_events_can_publish_on_its_own(tmp_path):
    result = validate_events(EVENTS[:2], {1: TEXT}, PUBLISHED, data_docs_dir=tmp_path, run_name=RUN)

    assert result.stats["data_docs"] == (tmp_path / "index.html").resolve().as_uri()
    assert RUN in (tmp_path / "index.html").read_text(encoding="utf-8")
