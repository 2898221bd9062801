"""A real HTTP server on 127.0.0.1 for the web-ingestion tests: pages, feeds, robots.txt, WARC files.

Routes can answer conditionally (ETag / Last-Modified), fail a few times first, answer slowly, or change
between requests; every request is counted, so tests can check what was (not) fetched.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "wikinews"


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    fail_times: int = 0  # answer 503 this many times first
    delay: float = 0.0
    declare_length: bool = True


class Site:
    """``site.add(path, body, ...)``; ``site.url(path)``; ``site.hits[path]``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.conditional_hits: Counter[str] = Counter()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                path = self.path.split("#")[0]
                site.hits[path] += 1
                route = site.routes.get(path)
                if route is None:
                    self._answer(404, b"not found", "text/plain")
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.fail_times > 0:
                    route.fail_times -= 1
                    self._answer(503, b"busy", "text/plain", {"Retry-After": "0"})
                    return
                headers = {}
                if route.etag:
                    headers["ETag"] = route.etag
                if route.last_modified:
                    headers["Last-Modified"] = route.last_modified
                inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
                if inm or ims:
                    site.conditional_hits[path] += 1
                if (route.etag and inm == route.etag) or (
                    not route.etag and route.last_modified and ims == route.last_modified
                ):
                    self._answer(304, b"", None, headers)
                    return
                self._answer(route.status, route.body, route.content_type, headers, route.declare_length)

            def _answer(self, status, body, content_type, headers=None, declare_length=True) -> None:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                if declare_length:
                    self.send_header("Content-Length", str(len(body)))
                else:
                    self.send_header("Connection", "close")
                self.end_headers()
                if body:
                    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                        self.wfile.write(body)
                if not declare_length:
                    self.close_connection = True

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str, **options: object) -> str:
        self.routes[path] = Route(body.encode("utf-8") if isinstance(body, str) else body, **options)
        return self.url(path)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def corpus_articles(count: int, offset: int = 0) -> list[dict]:
    """Real Wikinews articles of the bundled sample corpus (CC BY)."""
    lines = (CORPUS / "wikinews-meantime.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[offset : offset + count]]


def page_html(article: dict, *, byline: str | None = None, with_date: bool = True) -> str:
    """A news page as a site would serve it: navigation, the article, a footer."""
    paragraphs = [p for p in article["text"].split("\n") if p.strip()][1:]  # the first line repeats the title
    if not with_date:
        paragraphs = paragraphs[1:]  # Wikinews texts start with their dateline
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    if byline:
        body = f"<p>{html.escape(byline)}</p>\n" + body
    date_meta = (
        f'<meta property="article:published_time" content="{article["published"]}T09:00:00Z">' if with_date else ""
    )
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(article['title'])}</title>"
        f"{date_meta}</head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{html.escape(article['title'])}</h1>\n{body}\n</article>"
        "<footer>Copyright the publisher. Terms. Privacy.</footer></body></html>"
    )


def rss(items: list[tuple[str, str, str]], title: str = "World news") -> str:
    """An RSS 2.0 feed of (link, title, RFC 822 date) items."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link><pubDate>{d}</pubDate></item>"
        for link, t, d in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title><link>http://example.org/</link><description>news</description>"
        f"{entries}</channel></rss>"
    )


def atom(items: list[tuple[str, str, str]], title: str = "World news") -> str:
    """An Atom feed of (link, title, RFC 3339 date) entries."""
    entries = "".join(
        f"<entry><title>{html.escape(t)}</title><link href='{html.escape(link)}'/><id>{html.escape(link)}</id>"
        f"<updated>{d}</updated></entry>"
        for link, t, d in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{html.escape(title)}</title><id>urn:test</id><updated>2024-01-01T00:00:00Z</updated>{entries}</feed>"
    )


def rfc822(day: str) -> str:
    from datetime import UTC, datetime

    return format_datetime(datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC), usegmt=True)


def warc_bytes(pages: list[tuple[str, str, str | None]], *, gzip: bool = True, extras: bool = True) -> bytes:
    """A WARC of (url, html, WARC-Date) responses, each after its request record; with ``extras``, also an image,
    a 404 and a redirect, which are not articles."""
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=gzip)

    def response(url: str, status: str, content_type: str, body: bytes, date: str | None, extra=()) -> None:
        request = writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example.org")], is_http_request=True),
        )  # fmt: skip
        writer.write_record(request)
        headers = StatusAndHeaders(status, [("Content-Type", content_type), *extra], protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": date} if date else None
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict=warc_headers
        )
        writer.write_record(record)

    for url, page, date in pages:
        response(url, "200 OK", "text/html; charset=utf-8", page.encode("utf-8"), date)
    if extras:
        response("http://example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64), None)
        response("http://example.org/gone", "404 Not Found", "text/html", b"<html>gone</html>", None)
        response("http://example.org/old", "301 Moved Permanently", "text/html", b"", None,
                 [("Location", "http://example.org/new")])  # fmt: skip
    return stream.getvalue()
