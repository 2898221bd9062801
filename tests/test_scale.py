"""Corpus scale, end to end with real processes: the same records from one process, ``--workers 2`` and a real
Dask ``LocalCluster``; a run killed with SIGKILL and restarted ends with exactly the records of an unbroken
one; ``tacitus watch`` against a local feed server whose content changes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tacitus.errors import TacitusError
from tacitus.ingest.article import ReadOptions
from tacitus.ingest.urls import Fetcher, url_id
from tacitus.scale.executors import InProcess
from tacitus.scale.watch import parse_interval, watch
from tacitus.store import open_store

from .conftest import TACITUS, run_cli
from .webserver import Site, corpus_articles, page_html, rfc822, rss, warc_bytes

BATCH = "2"  # spaCy batch size: batches of 4 articles to workers, 16 in one process: many batches, small corpus


@pytest.fixture(scope="module")
def site():
    site = Site()
    yield site
    site.close()


@pytest.fixture(scope="module")
def inputs(site, tmp_path_factory) -> list[str]:
    """A directory (text, HTML, JSON Lines and a bad file), a WARC and a feed URL, with reprints among them."""
    root = tmp_path_factory.mktemp("inputs")
    articles = corpus_articles(14)
    folder = root / "dir"
    folder.mkdir()
    for n, article in enumerate(articles[:3]):
        (folder / f"{n:02d}.txt").write_text(article["text"], encoding="utf-8")
    (folder / "03.html").write_text(page_html(articles[3]), encoding="utf-8")
    (folder / "04.jsonl").write_text(
        "".join(
            json.dumps({k: a[k] for k in ("id", "title", "text", "published", "source")}) + "\n" for a in articles[4:6]
        ),
        encoding="utf-8",
    )
    (folder / "05.txt").write_bytes(os.urandom(3000))  # binary: one failure, the rest goes on
    # A wire copy of a text file's article, under another name: a near-duplicate, not counted twice.
    (folder / "06.txt").write_text("By a staff reporter\n\n" + articles[0]["text"], encoding="utf-8")
    pages = [
        (f"http://archive.example.org/{n}", page_html(a), f"2024-01-0{n + 1}T08:00:00Z")
        for n, a in enumerate(articles[6:9])
    ]
    pages.append(("http://archive.example.org/reprint", page_html(articles[1], byline="Syndicated"), None))
    warc = root / "crawl.warc.gz"
    warc.write_bytes(warc_bytes(pages))
    items = []
    for n, article in enumerate(articles[9:14]):
        link = site.add(f"/scale/story/{n}", page_html(article))
        items.append((link, article["title"], rfc822(article["published"])))
    items.append((site.url("/scale/story/missing"), "A page that is gone", rfc822("2024-01-05")))
    feed = site.add("/scale/feed.xml", rss(items), content_type="application/rss+xml")
    return [str(folder), str(warc), feed]


def ingest(db: Path, inputs: list[str], *options: str, **popen):
    return run_cli("ingest", *inputs, "--db", str(db), "--batch-size", BATCH, *options, timeout=600)


def snapshot(db: Path) -> dict:
    """Everything a run leaves that must not depend on how it ran."""
    with open_store(str(db), read_only=True) as store:
        records = list(store.records())
        failures = sorted((r["input"], r["code"], r["reason"]) for r in store.table("failures").to_pylist())
        duplicates = sorted(tuple(r.values()) for r in store.table("duplicates").to_pylist())
        merged = store.table("merged_events").to_pylist()
        mentions = sorted(tuple(r.values()) for r in store.table("event_mentions").to_pylist())
        counts = store.counts()
        signatures = sorted(store.signatures())
    return {"records": records, "failures": failures, "duplicates": duplicates, "merged": merged,
            "mentions": mentions, "counts": counts, "signatures": signatures}  # fmt: skip


@pytest.fixture(scope="module")
def single(inputs, tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("single") / "single.duckdb"
    proc = ingest(db, inputs)
    assert proc.returncode == 1, proc.stderr  # the binary file and the dead link failed
    err = proc.stderr.decode()
    assert "05.txt: binary data" in err and "/scale/story/missing: HTTP status 404" in err
    return snapshot(db)


def test_single_process_run(single):
    ids = [r["article"]["id"] for r in single["records"]]
    assert len(ids) == 3 + 1 + 2 + 1 + 4 + 5 and len(set(ids)) == len(ids)
    assert len(single["failures"]) == 2
    # The wire copy in the folder and the syndicated page in the WARC are linked to their originals.
    by_id = {r["article"]["id"]: r for r in single["records"]}
    links = {(by_id[d[0]]["article"]["text"][:40], d[2]) for d in single["duplicates"]}
    assert len(single["duplicates"]) == 2, links
    canonical = {d[1] for d in single["duplicates"]}
    assert all(by_id[c]["article"]["url"] is None for c in canonical)  # both originals are folder files


def test_two_local_workers_give_the_same_records(inputs, single, tmp_path):
    db = tmp_path / "workers.duckdb"
    proc = ingest(db, inputs, "--workers", "2")
    assert proc.returncode == 1, proc.stderr
    assert snapshot(db) == single


def test_local_dask_cluster_gives_the_same_records(inputs, single, tmp_path):
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        db = tmp_path / "dask.duckdb"
        proc = ingest(db, inputs, "--scheduler", cluster.scheduler_address)
        assert proc.returncode == 1, proc.stderr
        assert snapshot(db) == single
        with Client(cluster) as client:
            # The worker plugin loaded the pipeline once on each worker, and it stays there.
            loaded = client.run(
                lambda dask_worker: [
                    name for name, plugin in dask_worker.plugins.items()
                    if name.startswith("tacitus-pipeline-") and plugin.pipeline is not None
                ]
            )  # fmt: skip
            assert len(loaded) == 2 and all(len(names) == 1 for names in loaded.values())


def test_unreachable_scheduler_is_one_line():
    proc = run_cli("ingest", "x.txt", "--scheduler", "tcp://127.0.0.1:9", timeout=120)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "Traceback" not in err and "[E602]" in err and len(err.strip().splitlines()) == 1


def test_workers_must_be_positive():
    proc = run_cli("ingest", "x.txt", "--workers", "0")
    assert proc.returncode == 1 and "[E601]" in proc.stderr.decode()


def start_ingest(db: Path, inputs: list[str], *options: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "TACITUS_DB"}
    return subprocess.Popen(
        [str(TACITUS), "ingest", *inputs, "--db", str(db), "--batch-size", BATCH, *options],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True,
    )  # fmt: skip


def kill_after_commits(proc: subprocess.Popen, db: Path, commits: int, extra_delay: float) -> bool:
    """SIGKILL the run (and its worker processes) after it has committed ``commits`` more times (DuckDB's
    write-ahead log grows at each commit), plus ``extra_delay`` seconds; False when it finished first."""
    wal = Path(str(db) + ".wal")
    seen, last_size = 0, wal.stat().st_size if wal.exists() else 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        size = wal.stat().st_size if wal.exists() else 0
        if size != last_size:
            seen, last_size = seen + 1, size
            if seen >= commits:
                break
        time.sleep(0.02)
    time.sleep(extra_delay)
    if proc.poll() is not None:
        return False
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return True


def test_killed_runs_resume_to_exactly_the_records_of_an_unbroken_run(inputs, single, tmp_path):
    db = tmp_path / "killed.duckdb"
    dataset = tmp_path / "parquet"
    kills = 0
    # Killed just after its first commit, then mid-way with two workers, then a run that is left to finish.
    for commits, delay, options in ((1, 0.0, ()), (1, 0.7, ("--workers", "2"))):
        proc = start_ingest(db, inputs, "--parquet", str(dataset), *options)
        kills += kill_after_commits(proc, db, commits, delay)
        assert proc.returncode in (-signal.SIGKILL, 1), proc.stderr.read()
    assert kills >= 1
    with open_store(str(db), read_only=True) as store:
        partial = store.counts()["articles"]
    assert partial < len(single["records"])  # the killing happened mid-run
    proc = ingest(db, inputs, "--parquet", str(dataset))
    assert proc.returncode == 1, proc.stderr
    assert f"skipped {partial} already stored" in proc.stderr.decode()
    result = snapshot(db)
    assert result == single
    # The Parquet dataset beside the store holds every stored article, and each row, exactly once.
    import duckdb

    con = duckdb.connect()
    for table in ("articles", "actors", "places", "times", "duplicates"):
        query = f"SELECT count(*) FROM read_parquet('{dataset}/{table}/*/*.parquet', hive_partitioning=true)"
        assert con.execute(query).fetchone()[0] == result["counts"][table], table
    ids = con.execute(f"SELECT id FROM read_parquet('{dataset}/articles/*/*.parquet') ORDER BY id").fetchall()
    assert [i for (i,) in ids] == sorted(r["article"]["id"] for r in result["records"])


@pytest.fixture
def feed_site():
    site = Site()
    yield site
    site.close()


def test_watch_conditional_polls_only_new_items_and_restarts(pipeline, feed_site, tmp_path):
    articles = corpus_articles(4, offset=20)
    links = [feed_site.add(f"/w/{n}", page_html(a)) for n, a in enumerate(articles)]
    items = [(link, a["title"], rfc822(a["published"])) for link, a in zip(links, articles, strict=True)]
    feed = feed_site.add("/w/feed.xml", rss(items[:2]), content_type="application/rss+xml", etag='"v1"')
    lines: list[str] = []
    db = str(tmp_path / "watch.duckdb")
    fetcher = Fetcher(timeout=5)
    with open_store(db) as store:
        polls = watch([feed], store, InProcess(pipeline), every=0, polls=2, fetcher=fetcher, log=lines.append)
        assert [(p.new, p.skipped, p.failed) for p in polls] == [(2, 0, 0), (0, 0, 0)]
        assert "(1 not modified, 0 unreachable): new 0" in lines[1]
        # The feed changes: one item more, and one gone.
        feed_site.add("/w/feed.xml", rss(items[1:4]), content_type="application/rss+xml", etag='"v2"')
        [poll] = watch([feed], store, InProcess(pipeline), every=0, polls=1, fetcher=fetcher, log=lines.append)
        assert (poll.new, poll.skipped, poll.failed) == (2, 1, 0)
        assert [feed_site.hits[f"/w/{n}"] for n in range(4)] == [1, 1, 1, 1]  # no page fetched twice
        assert store.existing_ids([url_id(link) for link in links]) == {url_id(link) for link in links}
    assert len(lines) == 3 and all(" poll " in line and "new " in line for line in lines)
    # A new watcher (a restart) asks conditionally with what the store remembers.
    before = feed_site.conditional_hits["/w/feed.xml"]
    with open_store(db) as store:
        [poll] = watch([feed], store, InProcess(pipeline), every=0, polls=1, fetcher=Fetcher(), log=lines.append)
        assert poll.feeds[0].status == 304 and poll.new == 0
        assert store.feed_state(feed).etag == '"v2"'
    assert feed_site.conditional_hits["/w/feed.xml"] == before + 1


def test_watch_without_validators_skips_stored_items_and_logs_failures(pipeline, feed_site, tmp_path):
    [article] = corpus_articles(1, offset=30)
    good = feed_site.add("/n/ok", page_html(article))
    feed = feed_site.add(
        "/n/feed.xml",
        rss([(good, "ok", rfc822("2024-02-01")), (feed_site.url("/n/dead"), "dead", rfc822("2024-02-01"))]),
        content_type="application/rss+xml",
    )
    lines: list[str] = []
    with open_store(str(tmp_path / "w.duckdb")) as store:
        polls = watch([feed, feed_site.url("/n/no-feed")], store, InProcess(pipeline), every=0, polls=2,
                      fetcher=Fetcher(timeout=5, retries=0), log=lines.append)  # fmt: skip
        assert [(p.new, p.skipped, p.failed) for p in polls] == [(1, 0, 2), (0, 1, 2)]
        assert feed_site.hits["/n/ok"] == 1
        failures = {(r["input"], r["code"]) for r in store.table("failures").to_pylist()}
        assert (feed_site.url("/n/dead"), "E120") in failures
    assert "(0 not modified, 1 unreachable): new 1, skipped 0, failed 2" in lines[0]


def test_watch_command(feed_site, tmp_path):
    articles = corpus_articles(2, offset=40)
    items = [(feed_site.add(f"/c/{n}", page_html(a)), a["title"], rfc822(a["published"]))
             for n, a in enumerate(articles)]  # fmt: skip
    feed = feed_site.add("/c/feed.xml", rss(items), content_type="application/rss+xml",
                         last_modified="Mon, 01 Jan 2024 00:00:00 GMT")  # fmt: skip
    db = str(tmp_path / "cli.duckdb")
    proc = run_cli("watch", feed, "--every", "1s", "--polls", "2", "--db", db)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 2 and "new 2" in lines[0] and "1 not modified" in lines[1]
    again = run_cli("watch", feed, "--polls", "1", "--db", db)
    assert "1 not modified" in again.stderr.decode() and "new 0" in again.stderr.decode()
    bad = run_cli("watch", feed, "--every", "soon", "--db", db)
    assert bad.returncode == 1 and "[E604]" in bad.stderr.decode()


@pytest.mark.parametrize(("text", "seconds"), [("90s", 90), ("15m", 900), ("1h30m", 5400), ("2", 2), ("1.5h", 5400)])
def test_intervals(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "0s", "15x", "-5m"])
def test_bad_intervals(text):
    with pytest.raises(TacitusError):
        parse_interval(text)


def test_feed_options_are_picklable():
    import pickle

    options = ReadOptions(fetcher=Fetcher(timeout=3))
    assert pickle.loads(pickle.dumps(options)).fetcher.timeout == 3


def test_watch_links_a_reprint_that_comes_in_a_later_poll(pipeline, feed_site, tmp_path):
    [article] = corpus_articles(1, offset=50)
    original = feed_site.add("/r/original", page_html(article))
    reprint = feed_site.add("/r/reprint", page_html(article, byline="Distributed by a wire service"))
    entry = (original, article["title"], rfc822(article["published"]))
    feed = feed_site.add("/r/feed.xml", rss([entry]), content_type="application/rss+xml")
    with open_store(str(tmp_path / "r.duckdb")) as store:
        watch([feed], store, InProcess(pipeline), every=0, polls=1, log=lambda line: None)
        feed_site.add("/r/feed.xml", rss([entry, (reprint, article["title"], entry[2])]),
                      content_type="application/rss+xml")  # fmt: skip
        [poll] = watch([feed], store, InProcess(pipeline), every=0, polls=1, log=lambda line: None)
        assert (poll.new, poll.skipped) == (1, 1)
        assert store.duplicate_links() == {url_id(reprint): url_id(original)}
