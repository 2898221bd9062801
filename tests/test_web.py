"""The dashboard in a real headless Chromium (Debian's, driven by Playwright), against a real server over a
DuckDB store of SYNTHETIC records (tacitus.store.synthetic) and real coded text. Screenshots of the main views
are saved (to $TACITUS_SCREENSHOTS, else the test's temporary folder) and checked: not blank, the expected
elements drawn."""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path

import httpx
import pytest

from tacitus.api import create_app
from tacitus.store import open_store
from tacitus.store.synthetic import synthetic_records

from .serving import running

CHROMIUM = os.environ.get("TACITUS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not os.environ.get("CI"),
    reason="no Chromium: apt-get install chromium (bash .ci/run does)",
)

HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1"> Hostile title'


def shifted(record: dict, prefix: str) -> dict:
    """The record with ``prefix`` put before its text and every offset moved by its length in code points."""
    record = copy.deepcopy(record)
    n = len(prefix)
    record["article"]["text"] = prefix + record["article"]["text"]
    for section in ("actors", "places"):
        for item in record[section]:
            for m in item["mentions"]:
                m["start"] += n
                m["end"] += n
    for e in record["events"]:
        e["evidence"]["start"] += n
        e["evidence"]["end"] += n
    for q in record["quotes"]:
        q["start"] += n
        q["end"] += n
    return record


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    records = synthetic_records(300, seed=4)
    # Characters outside the Basic Multilingual Plane count 1 in Python offsets but 2 in JavaScript strings.
    special = shifted(
        next(r for r in records if r["quotes"] and len(r["events"]) >= 2), "💣🕊 <script>window.__pwned=1</script> "
    )
    special["article"]["id"] = "special"
    special["article"]["title"] = HOSTILE_TITLE
    records.append(special)
    path = str(tmp_path_factory.mktemp("web") / "web.duckdb")
    with open_store(path) as store:
        store.add_records(records)
    store = open_store(path, read_only=True)
    with running(create_app(store)) as url:
        yield url, special
    store.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site):
    url, _ = site
    context = browser.new_context(viewport={"width": 1400, "height": 1200})
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()
    assert not page.errors, page.errors
    outside = [u for u in page.requests if not u.startswith(url) and not u.startswith("data:")]
    assert not outside, f"the page reached outside its server: {outside}"


@pytest.fixture
def screenshots(tmp_path):
    folder = Path(os.environ.get("TACITUS_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def ready(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)


def assert_not_blank(png: Path, minimum_colours: int = 20) -> None:
    from PIL import Image

    with Image.open(png) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is not None and len(colours) >= minimum_colours, f"{png} looks blank"
        most = max(count for count, _ in colours)
        assert most < 0.97 * image.width * image.height, f"{png} is nearly one colour"


def api(url, path, **params):
    return httpx.get(url + path, params=params, timeout=30).json()


def test_overview_draws_timeline_network_map_and_table(page, site, screenshots):
    url, _ = site
    ready(page, url + "/")
    timeline = api(url, "/aggregates/timeline", interval="month")["rows"]
    assert page.locator("#timeline .bars rect").count() == len(timeline)
    assert page.locator("#timeline path.goldstein").count() == 1
    dyads = api(url, "/aggregates/dyads", limit=60)["rows"]
    actors = {r["source"] for r in dyads} | {r["target"] for r in dyads}
    assert page.locator("#network .node").count() == len(actors)
    assert page.locator("#network path.edge").count() == len(dyads)
    assert page.locator("#map path.country").count() > 100
    assert page.locator("#map circle.place").count() == len(api(url, "/aggregates/places", limit=500)["rows"])
    total = api(url, "/events", limit=1)["total"]
    assert page.locator("#events tbody tr").count() == 50
    assert page.locator("#event-count").inner_text() == f"{total:,} events"
    shot = screenshots / "overview.png"
    page.screenshot(path=shot, full_page=True)
    assert_not_blank(shot, minimum_colours=60)
    for panel in ("timeline", "network", "map", "table"):
        element = screenshots / f"{panel}.png"
        page.locator(f"#{panel}-panel").screenshot(path=element)
        assert_not_blank(element)


def test_filters_reach_every_view(page, site):
    url, _ = site
    ready(page, url + "/")
    page.fill("input[name=country]", "UKR")
    page.select_option("select[name=quad_class]", "4")
    page.evaluate("document.body.dataset.ready = 'false'")
    page.click("button[type=submit]")
    page.wait_for_selector("body[data-ready=true]")
    assert "country=UKR" in page.url and "quad_class=4" in page.url
    expected = api(url, "/events", country="UKR", quad_class="4", limit=1)["total"]
    assert page.locator("#event-count").inner_text() == f"{expected:,} events"
    badges = page.locator("#events tbody .q").all_inner_texts()
    assert badges and set(badges) == {"4"}
    timeline = api(url, "/aggregates/timeline", country="UKR", quad_class="4")["rows"]
    assert page.locator("#timeline .bars rect").count() == len(timeline)


def test_clicking_an_actor_filters_by_it(page, site):
    url, _ = site
    ready(page, url + "/")
    node = page.locator("#network .node").first
    name = node.locator("text").text_content()
    page.evaluate("document.body.dataset.ready = 'false'")
    node.locator("circle").click()
    page.wait_for_selector("body[data-ready=true]")
    rows = page.locator("#events tbody tr")
    assert rows.count() > 0
    for i in range(min(rows.count(), 10)):
        cells = rows.nth(i).locator("td").all_inner_texts()
        assert name in (cells[1], cells[3])


def test_sorting_and_paging_the_table(page, site):
    url, _ = site
    ready(page, url + "/")
    page.click("th[data-sort=goldstein]")  # first click: descending
    page.wait_for_function("document.querySelector('th[data-sort=goldstein]').classList.contains('sorted-desc')")
    page.wait_for_timeout(300)
    values = [float(v) for v in page.locator("#events tbody td:nth-child(6)").all_inner_texts()]
    assert values == sorted(values, reverse=True)
    first = page.locator("#events tbody tr").first.inner_text()
    page.click("#next")
    page.wait_for_function("document.querySelector('#page-info').textContent.startsWith('51')")
    assert page.locator("#events tbody tr").first.inner_text() != first


def test_article_view_highlights_evidence_and_quotes(page, site, screenshots):
    url, special = site
    ready(page, url + "/#article=special&event=e2")
    assert page.locator("#article-title").inner_text() == HOSTILE_TITLE  # shown as text, not markup
    assert page.evaluate("window.__pwned") is None
    text = page.locator("#article-text").inner_text()
    assert text == special["article"]["text"]
    for event in special["events"]:
        marked = page.evaluate(
            "id => [...document.querySelectorAll('#article-text mark')]"
            ".filter(m => m.dataset.ids.split(' ').includes(id)).map(m => m.textContent).join('')",
            event["id"],
        )
        assert marked == event["evidence"]["text"]
    for quote in special["quotes"]:
        marked = page.evaluate(
            "id => [...document.querySelectorAll('#article-text mark.quote')]"
            ".filter(m => m.dataset.ids.split(' ').includes(id)).map(m => m.textContent).join('')",
            quote["id"],
        )
        assert marked == quote["text"]
    assert page.locator("#article-events li").count() == len(special["events"])
    assert page.locator("#article-quotes li").count() == len(special["quotes"])
    assert page.locator("#article-text mark.flash").count() >= 1  # the event asked for in the URL
    shot = screenshots / "article.png"
    page.screenshot(path=shot, full_page=True)
    assert_not_blank(shot)


def test_table_row_opens_its_article(page, site):
    url, _ = site
    ready(page, url + "/")
    row = page.locator("#events tbody tr").first
    article_id = row.get_attribute("data-article")
    evidence = row.locator("td.evidence").inner_text()
    page.evaluate("document.body.dataset.ready = 'false'")
    row.click()
    page.wait_for_selector("body[data-ready=true]")
    assert f"article={article_id}" in page.url
    assert evidence in page.locator("#article-text mark.flash").all_inner_texts()[0] or evidence in "".join(
        page.locator("#article-text mark.flash").all_inner_texts()
    )


def test_bad_filter_shows_the_api_error(page, site):
    url, _ = site
    ready(page, url + "/#?country=Kenya")
    assert "alpha-3" in page.locator("#error").inner_text()
