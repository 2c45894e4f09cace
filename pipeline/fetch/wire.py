"""A local news wire: the seed articles served as an RSS feed plus one realistic HTML page each.

It lets the whole fetch → clean → extract path run offline, in tests and demos, against pages
that carry the menus, share buttons and comment boxes a real news site wraps around its text.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

FEED_PATH = "/feed.xml"
ARTICLE_PREFIX = "/articles/"
_HEADLINE_MAX_WORDS = 16
_RESIDUE_BEFORE_HEADLINE = re.compile(r"^(skip to (main )?content|menu|home)$", re.IGNORECASE)


@dataclass
class WireArticle:
    """One seed as the wire publishes it."""

    stem: str
    headline: str
    published: str  # YYYY-MM-DD
    source: str
    text: str
    blocks: list[list[str]]  # paragraphs as the seed has them: blank-line separated, lines kept
    headline_block: int | None  # index in `blocks` of the seed's own headline, if it has one

    @property
    def path(self) -> str:
        return f"{ARTICLE_PREFIX}{self.stem}.html"


def load_seed_articles(seeds_dir: str | Path) -> list[WireArticle]:
    """Read `seeds.json` (file, published, source) and the text files it names, in its order."""
    seeds_dir = Path(seeds_dir)
    index_path = seeds_dir / "seeds.json"
    if index_path.exists():
        index = json.loads(index_path.read_text(encoding="utf-8"))
    else:
        index = [{"file": p.name, "published": None, "source": None} for p in sorted(seeds_dir.glob("*.txt"))]
    articles = []
    for entry in index:
        text = (seeds_dir / entry["file"]).read_text(encoding="utf-8")
        blocks = _blocks(text)
        headline_block = _find_headline(blocks)
        if headline_block is not None:
            headline = blocks[headline_block][0].strip()
        else:
            headline = _headline_from_text(text)
        articles.append(WireArticle(
            stem=Path(entry["file"]).stem,
            headline=headline,
            published=entry.get("published") or "1970-01-01",
            source=entry.get("source") or "eventwire local wire",
            text=text,
            blocks=blocks,
            headline_block=headline_block,
        ))
    return articles


def _blocks(text: str) -> list[list[str]]:
    blocks, current = [], []
    for line in text.splitlines():
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _find_headline(blocks: list[list[str]]) -> int | None:
    """The seed's headline: the first short one-line block that does not end like a sentence."""
    for index, block in enumerate(blocks[:3]):
        line = block[0].strip()
        if len(block) == 1 and _RESIDUE_BEFORE_HEADLINE.match(line):
            continue
        if len(block) == 1 and len(line.split()) <= _HEADLINE_MAX_WORDS and not line.endswith((".", ":", "”", '"')):
            return index
        return None
    return None


def _headline_from_text(text: str) -> str:
    first = " ".join(text.split())
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    sentence = re.sub(r"^[A-Z ]+:\s*", "", sentence)  # dateline "BEIRUT: "
    words = sentence.split()
    return " ".join(words[:12]).rstrip(",;:") + ("…" if len(words) > 12 else "")


# ---------------------------------------------------------------- rendering

_NAV = ["Home", "World", "Middle East", "Syria", "Politics", "Opinion", "Video", "Podcasts", "Newsletters"]
_RELATED = [
    "UN envoy calls for ceasefire talks to resume in Geneva",
    "Aid convoy reaches besieged district after months of delays",
    "Analysis: what the latest offensive means for the border region",
    "Refugee numbers in neighbouring countries pass new record",
]
_TRENDING = ["Oil prices slide as markets weigh supply", "Football: cup final ends in penalties",
             "Weather: heatwave expected across the region"]


def _render_block(block: list[str], tag: str = "p") -> str:
    # hard-wrapped seed lines stay separate lines (<br>), as in the blog and wire copy they come from
    inner = "<br>\n".join(html.escape(line.strip()) for line in block)
    return f"<{tag}>{inner}</{tag}>"


def render_article_page(article: WireArticle, base_url: str = "") -> str:
    """One article page: site furniture around the seed text (whose own residue is kept)."""
    date = datetime.strptime(article.published, "%Y-%m-%d")
    nice_date = f"{date.day} {date.strftime('%B %Y')}"
    title = html.escape(article.headline)
    source = html.escape(article.source)
    url = html.escape(f"{base_url}{article.path}")
    nav = "\n".join(f'<li><a href="/section/{n.lower().replace(" ", "-")}">{n}</a></li>' for n in _NAV)
    related = "\n".join(f'<li><a href="/articles/related-{i}.html">{html.escape(t)}</a></li>'
                        for i, t in enumerate(_RELATED))
    trending = "\n".join(f'<li><a href="/articles/trending-{i}.html">{html.escape(t)}</a></li>'
                         for i, t in enumerate(_TRENDING))
    body_parts = []
    for index, block in enumerate(article.blocks):
        if index == article.headline_block:
            body_parts.append(f'<h1 class="headline">{html.escape(block[0].strip())}</h1>')
            body_parts.append(
                f'<div class="byline">By <span class="author">{source} staff</span> · '
                f'<time datetime="{article.published}">{nice_date}</time></div>')
        else:
            body_parts.append(_render_block(block))
    if article.headline_block is None:
        body_parts.insert(0, f'<h1 class="headline">{title}</h1>\n'
                             f'<div class="byline">By <span class="author">{source} staff</span> · '
                             f'<time datetime="{article.published}">{nice_date}</time></div>')
    body = "\n".join(body_parts)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | {source}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{title}">
<meta property="og:title" content="{title}">
<meta property="og:type" content="article">
<meta property="og:url" content="{url}">
<meta property="og:site_name" content="{source}">
<meta property="article:published_time" content="{article.published}T00:00:00+00:00">
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body class="article-page">
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <div class="topbar"><span>{nice_date}</span> <a href="/login">Sign in</a> <a href="/subscribe">Subscribe</a></div>
  <div class="logo"><a href="/">{source}</a></div>
  <nav class="main-menu" aria-label="Main menu"><ul>
{nav}
  </ul></nav>
  <form class="search" action="/search"><input type="search" name="q" placeholder="Search"><button>Search</button></form>
</header>
<div class="breaking">Breaking: <a href="/live">Follow our live coverage</a></div>
<main id="main">
<article class="story">
  <div class="share-bar top">
    <span>Share this article</span>
    <a class="share facebook" href="https://www.facebook.com/sharer.php?u={url}">Facebook</a>
    <a class="share twitter" href="https://twitter.com/intent/tweet?url={url}">Twitter</a>
    <a class="share whatsapp" href="whatsapp://send?text={url}">WhatsApp</a>
    <a class="share email" href="mailto:?subject={title}">Email</a>
  </div>
  <figure class="lead-image"><img src="/static/lead.jpg" alt="">
    <figcaption>Image: archive photo. Credit: Reuters</figcaption></figure>
  <div class="article-body">
{body}
  </div>
  <div class="tags">Topics: <a href="/tags/syria">Syria</a> <a href="/tags/conflict">Conflict</a> <a href="/tags/middle-east">Middle East</a></div>
  <div class="share-bar bottom">
    <a class="share facebook" href="https://www.facebook.com/sharer.php?u={url}">Share on Facebook</a>
    <a class="share twitter" href="https://twitter.com/intent/tweet?url={url}">Share on Twitter</a>
    <a class="share print" href="javascript:window.print()">Print</a>
  </div>
  <p class="follow">Follow {source} on Twitter and Facebook for the latest updates.</p>
</article>
<section class="newsletter"><h3>Get the morning briefing</h3>
  <form action="/newsletter"><input type="email" placeholder="Your email address"><button>Sign up</button></form>
  <p>We will never share your email address.</p></section>
<section class="comments" id="comments"><h3>Comments</h3>
  <p>No comments yet. Be the first to comment.</p>
  <form class="comment-form" action="/comments">
    <h4>Leave a comment</h4>
    <label>Name <input name="name"></label>
    <label>Email <input name="email"></label>
    <textarea name="comment" placeholder="Write your comment"></textarea>
    <p class="captcha">five + 3 = <input name="captcha"></p>
    <button>Post Comment</button>
  </form></section>
<aside class="related"><h3>Related stories</h3><ul>
{related}
</ul></aside>
<aside class="trending"><h3>Most read</h3><ol>
{trending}
</ol></aside>
</main>
<footer class="site-footer">
  <ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li>
  <li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li></ul>
  <p>© {date.year} {source}. All rights reserved.</p>
  <p>Follow us: <a href="https://twitter.com/">Twitter</a> | <a href="https://facebook.com/">Facebook</a> | <a href="/rss">RSS</a></p>
</footer>
<script src="/static/app.js"></script>
</body>
</html>
"""


def render_feed(articles: list[WireArticle], base_url: str, extra_items: list[str] = ()) -> str:
    """An RSS 2.0 feed listing every article (and any extra item paths) with its pubDate."""
    items = []
    for article in articles:
        date = datetime.strptime(article.published, "%Y-%m-%d").replace(tzinfo=timezone.utc)
        link = f"{base_url}{article.path}"
        summary = " ".join(article.text.split())[:280]
        items.append(f"""  <item>
    <title>{xml_escape(article.headline)}</title>
    <link>{xml_escape(link)}</link>
    <guid isPermaLink="false">eventwire-wire:{article.stem}</guid>
    <pubDate>{format_datetime(date)}</pubDate>
    <source url="{xml_escape(base_url + FEED_PATH)}">{xml_escape(article.source)}</source>
    <description>{xml_escape(summary)}</description>
  </item>""")
    for path in extra_items:
        items.append(f"""  <item>
    <title>{xml_escape(path)}</title>
    <link>{xml_escape(base_url + path)}</link>
    <guid isPermaLink="false">eventwire-wire:{xml_escape(path)}</guid>
  </item>""")
    newest = max((a.published for a in articles), default="1970-01-01")
    build = format_datetime(datetime.strptime(newest, "%Y-%m-%d").replace(tzinfo=timezone.utc))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>eventwire local wire</title>
  <link>{xml_escape(base_url)}/</link>
  <description>Seed conflict-news articles served locally for the eventwire pipeline</description>
  <language>en</language>
  <lastBuildDate>{build}</lastBuildDate>
{chr(10).join(items)}
</channel>
</rss>
"""


# ---------------------------------------------------------------- serving

class _Handler(BaseHTTPRequestHandler):
    server: "_WireHTTPServer"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        path = urlsplit(self.path).path
        route = self.server.routes.get(path)
        if route is None:
            route = (404, "text/html; charset=utf-8", b"<html><body><h1>Not found</h1></body></html>", {})
        status, content_type, body, headers = route
        etag, modified = headers.get("ETag"), headers.get("Last-Modified")
        if status == 200 and self._not_modified(etag, modified):
            self.send_response(304)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _not_modified(self, etag: str | None, modified: str | None) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:  # ETag wins over the date, as RFC 9110 says
            return bool(etag) and etag in [t.strip() for t in if_none_match.split(",")]
        return bool(modified) and self.headers.get("If-Modified-Since") == modified

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        if self.server.verbose:
            super().log_message(format, *args)


class _WireHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, tuple[int, str, bytes, dict]]
    verbose: bool = False

    def handle_error(self, request, client_address) -> None:
        """A client that hangs up early (timeouts, size limits, keep-alive closes) is normal here."""
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class WireServer:
    """A running wire: `.base_url`, `.feed_url`, `.articles`; `.close()` or use as a context manager."""

    def __init__(self, httpd: _WireHTTPServer, articles: list[WireArticle]):
        self._httpd = httpd
        self.articles = articles
        host, port = httpd.server_address[:2]
        self.base_url = f"http://{host}:{port}"
        self.feed_url = self.base_url + FEED_PATH
        self._thread = threading.Thread(target=httpd.serve_forever, name="eventwire-wire", daemon=True)
        self._thread.start()

    def article_url(self, stem: str) -> str:
        return f"{self.base_url}{ARTICLE_PREFIX}{stem}.html"

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> "WireServer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:16] + '"'


def serve_wire(seeds_dir: str | Path, host: str = "127.0.0.1", port: int = 0,
               extra_pages: dict[str, tuple] | None = None, verbose: bool = False) -> WireServer:
    """Start the wire in a daemon thread and return it (port 0 = any free port).

    `extra_pages` maps a path to (status, content_type, body[, headers]); paths under
    `/articles/` are also listed in the feed, so tests can slip bad or odd items into it.
    """
    articles = load_seed_articles(seeds_dir)
    httpd = _WireHTTPServer((host, port), _Handler)
    httpd.verbose = verbose
    bound_host, bound_port = httpd.server_address[:2]
    base_url = f"http://{bound_host}:{bound_port}"
    routes: dict[str, tuple[int, str, bytes, dict]] = {}
    modified = format_datetime(datetime.now(timezone.utc).replace(microsecond=0), usegmt=True)
    for article in articles:
        body = render_article_page(article, base_url).encode("utf-8")
        routes[article.path] = (200, "text/html; charset=utf-8", body,
                                {"ETag": _etag(body), "Last-Modified": modified})
    extra_pages = dict(extra_pages or {})
    extra_items = [p for p in extra_pages if p.startswith(ARTICLE_PREFIX)]
    feed = render_feed(articles, base_url, extra_items).encode("utf-8")
    routes[FEED_PATH] = (200, "application/rss+xml; charset=utf-8", feed,
                         {"ETag": _etag(feed), "Last-Modified": modified})
    index = "".join(f'<li><a href="{a.path}">{html.escape(a.headline)}</a></li>' for a in articles)
    routes["/"] = (200, "text/html; charset=utf-8",
                   f'<html><body><h1>eventwire local wire</h1><p><a href="{FEED_PATH}">RSS</a></p>'
                   f"<ul>{index}</ul></body></html>".encode("utf-8"), {})
    for path, spec in extra_pages.items():
        status, content_type, body, *rest = spec
        if isinstance(body, str):
            body = body.encode("utf-8")
        routes[path] = (int(status), content_type, body, dict(rest[0]) if rest else {})
    httpd.routes = routes
    return WireServer(httpd, articles)


def main(argv: list[str] | None = None) -> int:
    """`eventwire wire`: serve the seeds until interrupted."""
    from pipeline.config import REPO_ROOT

    parser = argparse.ArgumentParser(description="Serve the seed articles as a local news wire (RSS + HTML).")
    parser.add_argument("--seeds", default=str(REPO_ROOT / "seeds"), help="directory with *.txt and seeds.json")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    wire = serve_wire(args.seeds, args.host, args.port, verbose=args.verbose)
    print(f"eventwire wire: {len(wire.articles)} articles; feed at {wire.feed_url}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        wire.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
