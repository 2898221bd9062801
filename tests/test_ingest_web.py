"""Web inputs against a real HTTP server on 127.0.0.1: pages, feeds, robots.txt, WARC archives."""

from __future__ import annotations

import pytest

from tacitus.errors import TacitusError
from tacitus.ingest import ReadOptions, Skipped, read_inputs
from tacitus.ingest.feeds import read_feed_bytes
from tacitus.ingest.urls import Fetcher, url_id
from tacitus.record import Article

from .conftest import assert_valid_record, jsonl, run_cli
from .webserver import Site, atom, corpus_articles, page_html, rfc822, rss, warc_bytes


@pytest.fixture
def site():
    site = Site()
    yield site
    site.close()


def options(**fetch) -> ReadOptions:
    return ReadOptions(fetcher=Fetcher(timeout=2.0, backoff=0.01, **fetch))


def test_page_by_url_has_text_metadata_and_url_id(site):
    [article] = corpus_articles(1)
    url = site.add("/world/airtanker", page_html(article))
    [item] = list(read_inputs([url], options()))
    assert isinstance(item, Article), item
    assert item.id == url_id(url) and item.url == url
    assert item.title == article["title"] and item.published == article["published"]
    assert "Northrop Grumman" in item.text and "Privacy" not in item.text and "Home" not in item.text


def test_robots_txt_is_obeyed(site):
    [article] = corpus_articles(1)
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    allowed = site.add("/news/a", page_html(article))
    forbidden = site.add("/private/a", page_html(article))
    items = list(read_inputs([allowed, forbidden], options()))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], TacitusError) and items[1].code == "E122" and items[1].where == forbidden
    assert site.hits["/private/a"] == 0 and site.hits["/robots.txt"] == 1  # asked once per site


def test_robots_txt_server_error_closes_the_site(site):
    [article] = corpus_articles(1)
    site.add("/robots.txt", "oops", status=500, content_type="text/plain")
    url = site.add("/news/a", page_html(article))
    [item] = list(read_inputs([url], options(retries=0)))
    assert isinstance(item, TacitusError) and item.code == "E127"
    assert site.hits["/news/a"] == 0


def test_retries_after_server_errors(site):
    [article] = corpus_articles(1)
    url = site.add("/busy", page_html(article), fail_times=2)
    [item] = list(read_inputs([url], options(retries=2)))
    assert isinstance(item, Article)
    assert site.hits["/busy"] == 3


def test_gives_up_after_retries_and_timeouts(site):
    [article] = corpus_articles(1)
    busy = site.add("/busy", page_html(article), fail_times=5)
    slow = site.add("/slow", page_html(article), delay=1.0)
    fetcher = Fetcher(timeout=0.3, retries=1, backoff=0.01)
    busy_item, slow_item = read_inputs([busy, slow], ReadOptions(fetcher=fetcher))
    assert busy_item.code == "E120" and "503" in busy_item.reason and site.hits["/busy"] == 2
    assert slow_item.code == "E121" and site.hits["/slow"] == 2


def test_size_limit_with_and_without_content_length(site):
    big = "<html><body><p>" + "Troops advanced. " * 5000 + "</p></body></html>"
    declared = site.add("/big", big)
    undeclared = site.add("/big-stream", big, declare_length=False)
    items = list(read_inputs([declared, undeclared], options(max_bytes=20_000)))
    assert [i.code for i in items] == ["E123", "E123"]


def test_http_errors_and_other_content_are_one_line_failures(site):
    site.add("/image", b"\x89PNG" + bytes(100), content_type="image/png")
    missing, image = read_inputs([site.url("/missing"), site.url("/image")], options())
    assert missing.code == "E120" and missing.message.endswith("HTTP status 404 [E120]")
    assert image.code == "E126"


def feed_site(site: Site, articles: list[dict], kind: str = "rss") -> str:
    items = []
    for number, article in enumerate(articles):
        link = site.add(f"/story/{number}", page_html(article, with_date=False))
        date = rfc822(article["published"]) if kind == "rss" else article["published"] + "T12:00:00Z"
        items.append((link, article["title"], date))
    return site.add(f"/{kind}.xml", (rss if kind == "rss" else atom)(items), content_type=f"application/{kind}+xml")


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_url_gives_entry_pages_with_entry_dates(site, kind):
    articles = corpus_articles(3)
    feed = feed_site(site, articles, kind)
    items = list(read_inputs([feed], options()))
    assert [type(i) for i in items] == [Article] * 3
    assert [i.title for i in items] == [a["title"] for a in articles]
    # The pages carry no date: the entry's date is the publication date.
    assert [i.published for i in items] == [a["published"] for a in articles]
    assert [i.id for i in items] == [url_id(site.url(f"/story/{n}")) for n in range(3)]


def test_feed_skips_stored_entries_without_fetching_them(site):
    articles = corpus_articles(3)
    feed = feed_site(site, articles)
    stored = {url_id(site.url("/story/1"))}
    opts = ReadOptions(fetcher=Fetcher(timeout=2.0), known_ids=lambda ids: stored & set(ids))
    items = list(read_inputs([feed], opts))
    assert isinstance(items[1], Skipped) and items[1].id in stored
    assert isinstance(items[0], Article) and isinstance(items[2], Article)
    assert site.hits["/story/1"] == 0 and site.hits["/story/0"] == 1


def test_feed_entry_with_a_dead_link_fails_alone(site):
    [article] = corpus_articles(1)
    good = site.add("/story/ok", page_html(article))
    data = rss([(good, "ok", rfc822("2024-01-02")), (site.url("/story/dead"), "dead", rfc822("2024-01-02"))])
    items = list(read_feed_bytes(data.encode(), "feed.xml", options()))
    assert isinstance(items[0], Article) and items[1].code == "E120" and items[1].where.endswith("/story/dead")


def test_feed_file_and_broken_feed(site, tmp_path):
    articles = corpus_articles(2)
    feed = feed_site(site, articles)
    (tmp_path / "world.rss").write_bytes(site.routes["/rss.xml"].body)
    (tmp_path / "broken.rss").write_text("<rss><channel><item>no closing")
    del feed
    items = list(read_inputs([str(tmp_path / "world.rss"), str(tmp_path / "broken.rss")], options()))
    assert [type(i) for i in items[:2]] == [Article, Article]
    assert isinstance(items[2], TacitusError) and items[2].code == "E125"


def test_warc_pages_with_url_and_capture_date(tmp_path):
    articles = corpus_articles(3)
    pages = [
        ("http://news.example.org/a", page_html(articles[0]), "2024-02-01T10:00:00Z"),
        ("http://news.example.org/b", page_html(articles[1], with_date=False), "2024-02-02T10:00:00Z"),
        ("http://news.example.org/c", "<html><body><script>var x = 1;</script></body></html>", "2024-02-03T10:00:00Z"),
    ]
    (tmp_path / "crawl.warc.gz").write_bytes(warc_bytes(pages))
    (tmp_path / "plain.warc").write_bytes(warc_bytes(pages[:1], gzip=False, extras=False))
    (tmp_path / "sniffed").write_bytes(warc_bytes(pages[:1]))
    items = list(read_inputs([str(tmp_path / "crawl.warc.gz"), str(tmp_path / "plain.warc"),
                              str(tmp_path / "sniffed")], ReadOptions()))  # fmt: skip
    a, b, c, plain, sniffed = items
    assert a.url == "http://news.example.org/a" and a.id == url_id(a.url)
    assert a.published == articles[0]["published"]  # the page's own date
    assert b.published == "2024-02-02"  # no date on the page: the capture date
    assert isinstance(c, TacitusError) and c.code == "E106" and c.where.endswith("#http://news.example.org/c")
    assert plain.id == a.id and sniffed.id == a.id
    assert (tmp_path / "crawl.warc.gz").exists()


def test_not_a_warc(tmp_path):
    (tmp_path / "fake.warc").write_text("this is not an archive\n")
    [item] = list(read_inputs([str(tmp_path / "fake.warc")], ReadOptions()))
    assert isinstance(item, TacitusError) and item.code == "E124"


def test_cli_codes_a_feed_url_and_a_warc(site, tmp_path):
    articles = corpus_articles(2)
    feed = feed_site(site, articles)
    (tmp_path / "crawl.warc.gz").write_bytes(
        warc_bytes([("http://news.example.org/x", page_html(corpus_articles(1, offset=5)[0]), "2024-02-01T00:00:00Z")])
    )
    out = tmp_path / "out.jsonl"
    proc = run_cli("code", feed, str(tmp_path / "crawl.warc.gz"), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    records = jsonl(out)
    assert [r["article"]["url"] for r in records] == [site.url("/story/0"), site.url("/story/1"),
                                                      "http://news.example.org/x"]  # fmt: skip
    for record in records:
        assert_valid_record(record)
