"""Deduplication (MinHash LSH) and event merging across articles, on records whose events are built here."""

from __future__ import annotations

import pytest

from tacitus.record import Actor, Article, Event, Place, PlaceMention, Record, Span
from tacitus.run import code_items
from tacitus.scale.dedup import Deduplicator, signature
from tacitus.scale.merge import MergeRules, merge, merge_pending, places_compatible
from tacitus.store import Batch, Duplicate, open_store

from .webserver import corpus_articles

WIRE = (
    "Kenyan police fired tear gas at protesters in Nairobi on Monday, witnesses said. The protesters had "
    "gathered outside parliament to oppose a new finance bill that raises taxes on fuel and bread. Police said "
    "30 people were arrested after the clashes, which lasted into the evening. Opposition leaders called for "
    "further demonstrations on Thursday and accused the government of using force against peaceful citizens. "
    "The interior minister said officers had acted with restraint and that the protest had not been authorised. "
    "Several shops in the city centre stayed closed, and public transport was suspended on the main roads "
    "leading to the parliament buildings, according to the transport authority."
)
# Another outlet's own report of the same clash.
STANDARD = (
    "Anti-tax protesters were dispersed with tear gas by police in Nairobi, the capital, on Monday afternoon. "
    "Hundreds had marched towards parliament chanting against the finance bill. Officers arrested dozens."
)
REPRINT = WIRE.replace("witnesses said", "witnesses told Reuters") + " (Reporting by John Smith; editing by Ann Lee)"
OTHER = (
    "Russian and Ukrainian negotiators met in Geneva on Friday to discuss a prisoner exchange, officials said. "
    "The talks, the first in months, ended without agreement but both sides said they would meet again."
)


def check(dedup: Deduplicator, article_id: str, text: str, content_hash: str | None = None):
    return dedup.check(article_id, content_hash, signature(text))


def test_exact_and_near_duplicates_link_to_the_first():
    dedup = Deduplicator()
    assert check(dedup, "wire", WIRE, "h1") is None
    assert check(dedup, "other", OTHER, "h2") is None
    exact = check(dedup, "copy", WIRE, "h1")
    assert exact == Duplicate("copy", "wire", "exact", 1.0)
    near = check(dedup, "reprint", REPRINT, "h3")
    assert near.canonical_id == "wire" and near.kind == "near" and 0.7 <= near.similarity < 1.0
    # A reprint of a reprint still points at the original: duplicates are never canonical.
    assert check(dedup, "reprint2", REPRINT + " Updated.", "h4").canonical_id == "wire"


def test_different_stories_on_the_same_topic_are_not_duplicates():
    dedup = Deduplicator()
    for number, article in enumerate(corpus_articles(30)):
        assert check(dedup, str(number), article["text"]) is None, article["title"]


def test_window_forgets_the_oldest():
    dedup = Deduplicator(window=2)
    check(dedup, "wire", WIRE, "h1")
    check(dedup, "a", OTHER, "h2")
    check(dedup, "b", corpus_articles(1)[0]["text"], "h3")
    assert check(dedup, "late-copy", WIRE, "h1") is None  # the original left the window


def mention(article_id, event_id, date, *, key="KENPOL|KENCVL|18", cameo="180", place=None, outlet=None, seq=1):
    row = {
        "merge_key": key, "article_id": article_id, "event_id": event_id, "cameo": cameo, "cameo_root": cameo[:2],
        "quad_class": 4, "goldstein": -9.0, "date": date, "seq": seq, "outlet": outlet, "url": None,
        "source_code": key.split("|")[0] or None, "target_code": key.split("|")[1] if "|" in key else None,
        "place_name": None, "place_geonames_id": None, "place_country": None, "place_lat": None, "place_lon": None,
        "place_feature": None,
    }  # fmt: skip
    if place:
        row.update(place)
    return row


NAIROBI = {"place_name": "Nairobi", "place_geonames_id": 184745, "place_country": "KEN",
           "place_lat": -1.283, "place_lon": 36.817, "place_feature": "P.PPLC"}  # fmt: skip
KISUMU = {"place_name": "Kisumu", "place_geonames_id": 191245, "place_country": "KEN",
          "place_lat": -0.102, "place_lon": 34.762, "place_feature": "P.PPLA"}  # fmt: skip
KENYA = {"place_name": "Kenya", "place_geonames_id": 192950, "place_country": "KEN",
         "place_lat": 1.0, "place_lon": 38.0, "place_feature": "A.PCLI"}  # fmt: skip
KAMPALA = {"place_name": "Kampala", "place_geonames_id": 232422, "place_country": "UGA",
           "place_lat": 0.316, "place_lon": 32.583, "place_feature": "P.PPLC"}  # fmt: skip


def test_places_compatible():
    assert places_compatible(NAIROBI, NAIROBI, 50)
    assert places_compatible(NAIROBI, KENYA, 50)  # a city and its country
    assert places_compatible(NAIROBI, {"place_name": None}, 50)  # one report does not say where
    assert not places_compatible(NAIROBI, KISUMU, 50)  # 265 km apart
    assert not places_compatible(NAIROBI, KAMPALA, 5000)  # never two countries


def test_merge_rules_and_counts():
    mentions = [
        mention("a1", "e1", "2024-03-04", place=NAIROBI, outlet="Daily Nation", seq=1),
        mention("a2", "e1", "2024-03-05", place=KENYA, outlet="The Standard", seq=2),  # next day, in the country
        mention("a2", "e2", "2024-03-05", outlet="The Standard", seq=2),  # the same article says it again
        mention("a3", "e1", "2024-03-04", cameo="183", outlet="daily nation", seq=3),  # same outlet, other case
        mention("a4", "e1", "2024-03-04", place=KISUMU, seq=4),  # elsewhere
        mention("a5", "e1", "2024-03-09", seq=5),  # five days later
        mention("a6", "e1", "2024-03-04", key="KENPOL|KENCVL|14", cameo="145", seq=6),  # other CAMEO root
        mention("a7", "e1", "2024-03", seq=7),  # known only to the month
        mention("a8", "e1", "2024-03", seq=8),
        mention("a9", "e1", None, seq=9),  # no date: alone
        mention("a9", "e2", None, seq=9),
    ]
    merged, links = merge(mentions, MergeRules(window_days=1, radius_km=50))
    by_first = {row["id"]: row for row in merged}
    groups = {}
    for link in links:
        groups.setdefault(link["merged_id"], []).append((link["article_id"], link["event_id"]))
    assert sorted(sorted(g) for g in groups.values()) == sorted(
        [
            [("a1", "e1"), ("a2", "e1"), ("a2", "e2"), ("a3", "e1")],
            [("a4", "e1")],
            [("a5", "e1")],
            [("a6", "e1")],
            [("a7", "e1"), ("a8", "e1")],
            [("a9", "e1")],
            [("a9", "e2")],
        ]
    )
    big = next(by_first[m] for m, g in groups.items() if len(g) == 4)
    assert (big["num_mentions"], big["num_articles"], big["num_sources"]) == (4, 3, 2)
    assert big["cameo"] == "180" and big["date"] == "2024-03-04" and big["last_date"] == "2024-03-05"
    assert big["place_name"] == "Nairobi"
    assert len(links) == len(mentions)  # every mention in exactly one merged event


def test_merge_does_not_depend_on_input_order():
    mentions = [mention(f"a{n}", "e1", f"2024-03-0{1 + n % 3}", seq=n) for n in range(9)]
    first = merge(mentions)
    second = merge(list(reversed(mentions)))
    assert first == (first[0], first[1]) and sorted(map(str, first[0])) == sorted(map(str, second[0]))


def event_record(article_id: str, text: str, published: str, outlet: str, events: list[tuple[str, str]]) -> Record:
    """A record whose actors, place and events are stated here (as the events stage would write them)."""
    police = text.index("police")
    protesters = text.index("protesters")
    nairobi = text.index("Nairobi")
    actors = [
        Actor(id="a1", name="Kenyan police", code="KENCOP", country="KEN", sectors=["COP"], type="organization",
              mentions=[Span(start=police, end=police + 6, text="police")]),
        Actor(id="a2", name="protesters", code="KENCVL", country="KEN", sectors=["CVL"], type="group",
              mentions=[Span(start=protesters, end=protesters + 10, text="protesters")]),
    ]  # fmt: skip
    in_nairobi = PlaceMention(start=nairobi, end=nairobi + 7, text="Nairobi")
    places = [Place(id="p1", name="Nairobi", geonames_id=184745, country="KEN", lat=-1.283, lon=36.817,
                    feature="P.PPLC", mentions=[in_nairobi])]  # fmt: skip
    sentence_end = text.index(".") + 1
    built = [
        Event(id=f"e{n}", source="a1", target="a2", cameo=cameo, cameo_root=cameo[:2], quad_class=4,
              goldstein=-9.0, date=date, place="p1", sentence=0,
              evidence=Span(start=0, end=sentence_end, text=text[:sentence_end]), confidence=0.9)
        for n, (cameo, date) in enumerate(events, start=1)
    ]  # fmt: skip
    article = Article(id=article_id, text=text, published=published, source=outlet, content_hash=None)
    return Record(article=article, actors=actors, places=places, events=built)


def test_store_merges_across_articles_and_ignores_reprints(store_url):
    from tacitus.ingest.article import content_hash

    records = [
        event_record("nation", WIRE, "2024-03-04", "Daily Nation", [("180", "2024-03-04")]),
        event_record("standard", STANDARD, "2024-03-05", "The Standard", [("183", "2024-03-04")]),
        event_record("reprint", REPRINT, "2024-03-05", "Reprints Weekly", [("180", "2024-03-04")]),
    ]
    for record in records:
        record.article.content_hash = content_hash(record.article.text)
    with open_store(store_url) as store:
        dedup = Deduplicator.from_store(store)
        batch = Batch(records=[r.to_dict() for r in records])
        for r in records:
            sig = signature(r.article.text)
            batch.signatures[r.article.id] = sig
            if duplicate := dedup.check(r.article.id, r.article.content_hash, sig):
                batch.duplicates.append(duplicate)
        assert store.add_batch(batch) == 3
        assert store.duplicate_links() == {"reprint": "nation"}
        assert merge_pending(store) == 1
        [row] = store.table("merged_events").to_pylist()
        assert (row["num_mentions"], row["num_articles"], row["num_sources"]) == (2, 2, 2)
        assert store.counts()["event_mentions"] == 2  # the reprint's event is not counted
        assert merge_pending(store) == 0 and store.counts()["merged_events"] == 1  # nothing new: unchanged
        # A later report of the same event joins it; the merged id stays.
        late = event_record("star", WIRE.replace("Monday", "Monday night"), "2024-03-05", "The Star",
                            [("180", "2024-03-05")])  # fmt: skip
        store.add_batch(Batch(records=[late.to_dict()]))
        assert merge_pending(store) == 1
        [again] = store.table("merged_events").to_pylist()
        assert again["id"] == row["id"] and again["num_articles"] == 3
        # The deduplicator of a later run is rebuilt from the store: the reprint is not canonical.
        rebuilt = Deduplicator.from_store(store)
        assert set(rebuilt.canonicals) == {"nation", "standard"}  # "star" came without a signature
        assert rebuilt.match("again", None, signature(REPRINT)).canonical_id == "nation"


def test_feed_state_round_trip(store_url):
    from datetime import datetime

    from tacitus.store import FeedState

    with open_store(store_url) as store:
        assert store.feed_state("http://x/feed") is None
        state = FeedState("http://x/feed", etag='"v1"', last_modified=None, polled_at=datetime(2024, 1, 2, 3, 4),
                          status=200, new_count=3, skipped_count=1, failed_count=0)  # fmt: skip
        store.save_feed_state(state)
        store.save_feed_state(state)
        assert store.feed_state("http://x/feed") == state


def test_run_links_reprints_of_real_articles(pipeline, tmp_path):
    [first, second] = corpus_articles(2)
    copy = dict(first, id="copy", text=first["text"] + "\n\n(Distributed by a news agency.)")
    articles = [Article(id=a["id"], text=a["text"], published=a["published"]) for a in (first, second, copy)]
    for article in articles:
        from tacitus.ingest.article import content_hash

        article.content_hash = content_hash(article.text)
    with open_store(str(tmp_path / "r.duckdb")) as store:
        tally = code_items(articles, pipeline, store=store)
        assert (tally.stored, tally.duplicates) == (3, 1)
        assert store.duplicate_links() == {"copy": first["id"]}
        again = code_items(articles, pipeline, store=store)
        assert (again.stored, again.skipped, again.duplicates) == (0, 3, 0)


@pytest.mark.parametrize("window", [1, 3])
def test_merge_window(window):
    mentions = [mention("a1", "e1", "2024-03-01"), mention("a2", "e1", "2024-03-03", seq=2)]
    merged, _ = merge(mentions, MergeRules(window_days=window))
    assert len(merged) == (2 if window == 1 else 1)


def test_parquet_catch_up_drops_unfinished_parts_and_fills_gaps(pipeline, store_url, tmp_path):
    import pyarrow.parquet as pq

    from tacitus.scale.parquet import ParquetSink

    articles = [Article(id=a["id"], text=a["text"], published=a["published"]) for a in corpus_articles(3, offset=60)]
    with open_store(store_url) as store:
        sink = ParquetSink(tmp_path / "ds")
        code_items(articles[:2], pipeline, store=store, parquet=sink)
        assert sink.written_ids() == {a.id for a in articles[:2]}
        # A run killed after its commit and while writing its files: the store has the third article, the
        # dataset a stray file of it and no "done" mark.
        record = pipeline.code_one(articles[2]).to_dict()
        store.add_records([record])
        stray = tmp_path / "ds" / "times" / "month=2000-01" / "part-unfinished.parquet"
        stray.parent.mkdir(parents=True)
        pq.write_table(pq.read_table(next((tmp_path / "ds" / "times").glob("*/*.parquet"))), stray)
        assert sink.catch_up(store) == 1
        assert not stray.exists()
        assert sink.written_ids() == {a.id for a in articles}
        assert sink.catch_up(store) == 0
