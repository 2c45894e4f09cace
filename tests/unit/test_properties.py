"""Property tests (Hypothesis) over the readers that face hostile input: feed items, dates, URLs and
JSON lines. Arbitrary input never raises out of them, and what they hand on is safe to store
(no character PostgreSQL or UTF-8 refuses, no date out of bounds). Issue 11."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from types import SimpleNamespace
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import cli, safety
from pipeline.fetch import feeds as feedmod
from pipeline.fetch.pages import canonical_url, page_canonical_url

pytestmark = pytest.mark.unit

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# text including the characters that broke runs: NUL, controls, surrogates, non-characters
HOSTILE = st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF), max_size=300)
DATES = st.one_of(HOSTILE, st.sampled_from([
    "0000-00-00T00:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "Sun, 06 Nov 2016 10:00:00 +0000",
    "Mon, 31 Feb 2020 25:61:00 +9900", "-0001-01-01", "2020-02-30", "1970-01-01T00:00:00Z"]))


def _storable(value) -> bool:
    return value is None or (isinstance(value, str) and safety.clean_str(value) == value.strip()
                             and value.encode("utf-8"))


def _xml_text(value: str) -> str:
    # what a feed can carry: XML 1.0 characters, escaped; NUL and friends arrive as &#0; references
    out = []
    for ch in value:
        code = ord(ch)
        if code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code > 0xFFFF:
            out.append(escape(ch))
        else:
            out.append(f"&#{code};")
    return "".join(out)


@FAST
@given(title=HOSTILE, link=HOSTILE, guid=HOSTILE, pub=DATES)
def test_any_feed_item_parses_without_raising_and_yields_storable_fields(title, link, guid, pub):
    body = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>t</title>"
            f"<item><title>{_xml_text(title)}</title><link>http://news.example/{_xml_text(link)}</link>"
            f"<guid>{_xml_text(guid)}</guid><pubDate>{_xml_text(pub)}</pubDate></item></channel></rss>").encode()
    result = feedmod.parse_feed_bytes(body)
    for item in result.items:
        assert all(_storable(v) for v in (item.url, item.title, item.guid, item.summary, item.source))
        if item.published:
            day = datetime.fromisoformat(item.published).date()
            earliest, latest = safety.sane_date_bounds()
            assert earliest <= day <= latest


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes_as_a_feed_never_raise(data):
    assert feedmod.parse_feed_bytes(data).status in ("ok", "failed")


@FAST
@given(raw=DATES, parsed=st.one_of(st.none(), st.tuples(*[st.integers(-5, 100_000)] * 9)))
def test_entry_dates_never_raise(raw, parsed):
    published, note = feedmod._entry_date({"published": raw, "published_parsed": parsed})
    assert published is None or isinstance(published, str)
    day, note = safety.sane_date(raw)
    assert day is None or isinstance(day, date)


@FAST
@given(HOSTILE)
def test_url_readers_never_raise(url):
    problem = safety.url_problem(url)
    assert problem is None or isinstance(problem, str)
    assert isinstance(canonical_url(url), str)
    html = f'<html><head><link rel="canonical" href="{url}"><meta property="og:url" content="{url}"></head></html>'
    assert isinstance(page_canonical_url(html, "http://news.example/a/1.html"), str)
    assert safety.redact_url(url) is not None or not url


@FAST
@given(lines=st.lists(st.one_of(st.binary(max_size=200), HOSTILE.map(lambda s: s.encode("utf-8", "surrogatepass")),
                          st.builds(lambda i, t: json.dumps({"id": i, "text": t}).encode(),
                                    st.integers(), HOSTILE)), max_size=12))
def test_the_json_line_reader_writes_one_valid_line_per_input_line(lines, tmp_path_factory):
    lines = [line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines]
    src = tmp_path_factory.mktemp("jl") / "in.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    out = io.StringIO()

    class Out:
        def __enter__(self):
            return out

        def __exit__(self, *exc):
            return False

    original = cli._open
    cli._open = lambda path, mode: Out() if path == "OUT" else original(path, mode)
    try:
        code = cli._jsonl_command(SimpleNamespace(input=str(src), output="OUT", command="extract"),
                                  lambda rec: {"id": rec["id"], "n": len(str(rec.get("text")))})
    finally:
        cli._open = original
    written = out.getvalue().splitlines()
    # the reader splits on \n only; a blank (whitespace) line is skipped
    expected = [line for line in b"\n".join(lines).split(b"\n") if line.strip()]
    assert len(written) == len(expected)
    for row in map(json.loads, written):
        assert set(row) in ({"id", "n"}, {"id", "error"})
    assert code in (0, 1)
