"""Web pages by URL: fetched politely with httpx (timeouts, retries, a size limit, robots.txt), then read as
HTML with trafilatura or, when the URL serves a feed, as a feed.

An article read from a URL gets an id made from the URL (:func:`url_id`), so the same page fetched again is
recognised as stored before it is fetched (feeds and ``tacitus watch`` rely on this), whatever its text.
"""

from __future__ import annotations

import hashlib
import threading
import time
import urllib.robotparser
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urldefrag, urlsplit

import httpx

from tacitus import __version__
from tacitus.errors import TacitusError, one_line
from tacitus.ingest.article import ReadOptions
from tacitus.ingest.html import read_html
from tacitus.record import Article

USER_AGENT = f"tacitus/{__version__} (news event coder; +https://github.com/tacitus-events/tacitus)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")


def is_url(spec: str) -> bool:
    return spec.startswith(("http://", "https://"))


def canonical_url(url: str) -> str:
    """The URL that identifies a page: without its #fragment and surrounding space."""
    return urldefrag(url.strip())[0]


def url_id(url: str) -> str:
    """The article id of a page: a hash of its canonical URL (16 hex digits, like content-hash ids)."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:16]


@dataclass
class Response:
    url: str  # after redirects
    status: int
    headers: httpx.Headers
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"').lower()
        return None


@dataclass
class Fetcher:
    """An HTTP client that waits, retries and stops reading as a polite crawler should.

    ``timeout``: seconds to connect and between bytes; ``retries``: further tries after a network error or a
    429/5xx answer (waiting ``backoff`` x 2^n seconds, or the server's Retry-After up to ``max_wait``);
    ``max_bytes``: the largest body read; ``robots``: obey each site's robots.txt for ``user_agent``.
    """

    timeout: float = 10.0
    retries: int = 2
    backoff: float = 0.5
    max_wait: float = 10.0
    max_bytes: int = 10_000_000
    robots: bool = True
    user_agent: str = USER_AGENT
    _client: httpx.Client | None = field(default=None, repr=False)
    _robots: dict[str, urllib.robotparser.RobotFileParser | TacitusError] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def client(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                self._client = httpx.Client(
                    timeout=httpx.Timeout(self.timeout),
                    follow_redirects=True,
                    headers={"User-Agent": self.user_agent},
                )
            return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __getstate__(self) -> dict:
        # A fetcher travels to worker processes as its settings; each process opens its own connections.
        return {k: v for k, v in self.__dict__.items() if k not in ("_client", "_robots", "_lock")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._client, self._robots, self._lock = None, {}, threading.Lock()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` (conditionally when ``etag``/``last_modified`` are given); raise TacitusError on failure.

        A 304 Not Modified answer is returned, not raised; other statuses of 400 and over raise E120.
        """
        if self.robots:
            self.check_robots(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        response = self._get_with_retries(url, headers)
        if response.status >= 400:
            raise TacitusError("E120", url, status=response.status)
        return response

    def _get_with_retries(self, url: str, headers: dict[str, str]) -> Response:
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self._get_once(url, headers)
            except httpx.TransportError as error:
                if last:
                    raise TacitusError("E121", url, reason=one_line(error) or type(error).__name__) from error
                time.sleep(self._wait(attempt, None))
                continue
            except httpx.HTTPError as error:  # an invalid URL, too many redirects ...
                raise TacitusError("E121", url, reason=one_line(error) or type(error).__name__) from error
            if response.status in RETRY_STATUSES and not last:
                time.sleep(self._wait(attempt, response.headers.get("retry-after")))
                continue
            return response
        raise AssertionError("unreachable")

    def _get_once(self, url: str, headers: dict[str, str]) -> Response:
        with self.client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise TacitusError("E123", url, limit=self.max_bytes)
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > self.max_bytes:  # the server may not say how much it sends, or say less
                    raise TacitusError("E123", url, limit=self.max_bytes)
            return Response(str(response.url), response.status_code, response.headers, bytes(body))

    def _wait(self, attempt: int, retry_after: str | None) -> float:
        if retry_after:
            try:
                seconds = float(retry_after)
            except ValueError:
                try:
                    seconds = parsedate_to_datetime(retry_after).timestamp() - time.time()
                except (TypeError, ValueError):
                    seconds = 0.0
            if seconds > 0:
                return min(seconds, self.max_wait)
        return min(self.backoff * 2**attempt, self.max_wait)

    def check_robots(self, url: str) -> None:
        """Raise E122 when the site's robots.txt forbids ``url`` to our user agent (E127 when it fails)."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            rules = self._robots.get(site)
        if rules is None:
            rules = self._read_robots(site)
            with self._lock:
                self._robots[site] = rules
        if isinstance(rules, TacitusError):
            raise TacitusError("E127", url, status=rules.reason.removeprefix("HTTP status "))
        if not rules.can_fetch(self.user_agent, url):
            raise TacitusError("E122", url)

    def _read_robots(self, site: str) -> urllib.robotparser.RobotFileParser | TacitusError:
        rules = urllib.robotparser.RobotFileParser(site + "/robots.txt")
        try:
            response = self._get_with_retries(site + "/robots.txt", {})
        except TacitusError:
            # The site cannot be reached: the page fetch will say so with its own reason.
            rules.parse([])
            return rules
        if response.status >= 500:
            # RFC 9309: a server error on robots.txt means the crawler must assume it may fetch nothing.
            return TacitusError("E120", site + "/robots.txt", status=response.status)
        if response.status >= 400:
            rules.parse([])  # no robots.txt: everything is allowed
        else:
            rules.parse(response.body.decode("utf-8", errors="replace").splitlines())
        return rules


_default_fetcher: Fetcher | None = None


def default_fetcher() -> Fetcher:
    """One fetcher per process, so that connections and robots.txt answers are reused."""
    global _default_fetcher
    if _default_fetcher is None:
        _default_fetcher = Fetcher()
    return _default_fetcher


def fetcher_of(options: ReadOptions) -> Fetcher:
    return options.fetcher if options.fetcher is not None else default_fetcher()


def looks_like_feed(response: Response) -> bool:
    if response.content_type in FEED_TYPES[:3]:
        return True
    head = response.body[:1024].lstrip().lower()
    return response.content_type in (*FEED_TYPES[3:], "") and any(
        tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf")
    )


def html_article(response: Response, where: str, options: ReadOptions, **fields: object) -> Article:
    """The article of an HTML page, decoded with the charset the server declared (else UTF-8)."""
    charset = response.charset or "utf-8"
    try:
        return read_html(response.body, where, _with_encoding(options, charset), url=response.url, **fields)
    except TacitusError as error:
        if error.code not in ("E103", "E111") or charset == "utf-8":
            raise
        return read_html(response.body, where, _with_encoding(options, "utf-8"), url=response.url, **fields)


def _with_encoding(options: ReadOptions, encoding: str) -> ReadOptions:
    from dataclasses import replace

    return replace(options, encoding=encoding)


def read_url(url: str, options: ReadOptions) -> Iterator[Article | TacitusError]:
    """The article at ``url``, or every article of the feed it serves."""
    from tacitus.ingest.feeds import read_feed_bytes

    url = canonical_url(url)
    try:
        response = fetcher_of(options).get(url)
    except TacitusError as error:
        yield error
        return
    if looks_like_feed(response):
        yield from read_feed_bytes(response.body, url, options)
        return
    if response.content_type and response.content_type not in HTML_TYPES:
        yield TacitusError("E126", url, content_type=response.content_type)
        return
    try:
        yield html_article(response, url, options, id=url_id(url))
    except TacitusError as error:
        yield error
