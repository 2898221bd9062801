"""Load on the HTTP API: p50/p95/p99 latency of the event query and the aggregate endpoints over 1 million
events, with concurrent clients on 127.0.0.1. Target: p99 < 200 ms.

The events are SYNTHETIC (tacitus.store.synthetic: generated rows, not news), loaded straight into a fresh
store; the server is the real ``tacitus serve`` in its own process; the clients are httpx in threads. The run
is bounded: at most ``--requests`` per endpoint group and ``--seconds`` per group, whichever comes first.

    .venv/bin/python benchmarks/api_load.py                       # DuckDB, 1,000,000 events
    .venv/bin/python benchmarks/api_load.py --db postgresql://... # PostgreSQL (an empty database)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pyarrow as pa

from tacitus.store import open_store
from tacitus.store.synthetic import ACTORS, PLACES, synthetic_article_table, synthetic_event_table

ROOT = Path(__file__).resolve().parent.parent
TACITUS = Path(sys.executable).parent / "tacitus"


def event_queries(rng: random.Random) -> tuple[str, dict]:
    """A mix of what the dashboard's table and an analyst's script ask for."""
    actor = rng.choice(ACTORS)[0]
    year = rng.randint(2019, 2023)
    choice = rng.randrange(6)
    if choice == 0:
        return "/events", {"limit": 50}
    if choice == 1:
        return "/events", {"actor": actor, "limit": 50}
    if choice == 2:
        return "/events", {"country": rng.choice(ACTORS)[2] or "KEN", "quad_class": "3,4", "limit": 50}
    if choice == 3:
        return "/events", {"date_from": f"{year}-03-01", "date_to": f"{year}-05-31", "sort": "goldstein", "limit": 100}
    if choice == 4:
        return "/events", {"source": actor, "cameo": "19", "sort": "-date", "limit": 50, "offset": 200}
    return "/events", {"place": rng.choice(PLACES)[0], "plover": "ASSAULT", "limit": 50}


def aggregate_queries(rng: random.Random) -> tuple[str, dict]:
    """What the dashboard's timeline, network and map ask for, with and without filters."""
    actor = rng.choice(ACTORS)[0]
    choice = rng.randrange(6)
    if choice == 0:
        return "/aggregates/timeline", {"interval": "month"}
    if choice == 1:
        return "/aggregates/timeline", {"interval": "week", "actor": actor}
    if choice == 2:
        return "/aggregates/dyads", {"limit": 60}
    if choice == 3:
        return "/aggregates/dyads", {"limit": 60, "quad_class": "4", "date_from": "2022-01-01"}
    if choice == 4:
        return "/aggregates/places", {"limit": 500, "country": "UKR"}
    return "/aggregates/quad_class", {"source": actor}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(db: str, events: int) -> float:
    started = time.perf_counter()
    articles = max(1, events // 10)
    with open_store(db) as store:
        if store.counts()["events"]:
            raise SystemExit(f"{db} already holds events: give an empty store")
        for first in range(0, events, 250_000):
            size = min(250_000, events - first)
            part = synthetic_event_table(size, articles=articles, seed=first)
            ids = [f"e{first + i}" for i in range(size)]
            store.add_table("events", part.set_column(1, "id", pa.array(ids)))
        store.add_table("articles", synthetic_article_table(articles))
    return time.perf_counter() - started


def drive(base: str, make, requests: int, seconds: float, clients: int, seed: int) -> dict:
    latencies: dict[str, list[float]] = {}
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    budget = iter(range(requests))

    def client(number: int) -> None:
        rng = random.Random(seed * 100 + number)
        with httpx.Client(base_url=base, timeout=30) as http:
            while time.monotonic() < deadline:
                with lock:
                    if next(budget, None) is None:
                        return
                path, params = make(rng)
                begin = time.perf_counter()
                answer = http.get(path, params=params)
                elapsed = time.perf_counter() - begin
                with lock:
                    if answer.status_code != 200:
                        errors.append(f"{answer.status_code} {path} {params}")
                    latencies.setdefault(path, []).append(elapsed)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    begin = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - begin
    every = [x for values in latencies.values() for x in values]
    return {
        "all": summary(every, wall),
        "by_path": {p: summary(v, None) for p, v in latencies.items()},
        "errors": errors,
    }


def summary(values: list[float], wall: float | None) -> dict:
    if not values:
        return {"requests": 0}
    ordered = sorted(values)

    def pct(p: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1)

    result = {"requests": len(values), "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99),
              "max_ms": round(1000 * ordered[-1], 1), "mean_ms": round(1000 * statistics.fmean(values), 1)}  # fmt: skip
    if wall:
        result["requests_per_s"] = round(len(values) / wall, 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="an empty store URL [default: a new DuckDB file in a temporary folder]")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=600, help="requests per group (events, aggregates)")
    parser.add_argument("--seconds", type=float, default=90, help="time limit per group")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument(
        "--cache-mb",
        type=int,
        default=None,
        help="the server's answer cache (TACITUS_API_CACHE_MB; 0: none, every request queries)",
    )
    parser.add_argument("--json", type=Path, default=ROOT / "eval" / "api_load.json")
    args = parser.parse_args()

    folder = tempfile.TemporaryDirectory(prefix="tacitus-load-")
    db = args.db or os.path.join(folder.name, "load.duckdb")
    print(f"loading {args.events:,} synthetic events into {db} ...", flush=True)
    loaded = load(db, args.events)
    print(f"loaded in {loaded:.1f} s", flush=True)

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "TACITUS_API_TOKEN"}
    if args.cache_mb is not None:
        env["TACITUS_API_CACHE_MB"] = str(args.cache_mb)
    server = subprocess.Popen([str(TACITUS), "serve", "--db", db, "--port", str(port)], env=env,
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(base + "/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise SystemExit("the server did not start: " + server.stderr.read().decode()[-2000:])
        # Warm up: the first queries read the file into memory; measure the steady state.
        for path, params in (("/events", {"limit": 10}), ("/aggregates/timeline", {}), ("/aggregates/dyads", {})):
            httpx.get(base + path, params=params, timeout=120)
        backend = "postgresql" if db.startswith("postgres") else "duckdb"
        results = {
            "events": args.events, "clients": args.clients, "store": backend,
            "cache_mb": env.get("TACITUS_API_CACHE_MB", "default"),
            "event_query": drive(base, event_queries, args.requests, args.seconds, args.clients, seed=1),
            "aggregates": drive(base, aggregate_queries, args.requests, args.seconds, args.clients, seed=2),
        }  # fmt: skip
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        folder.cleanup()

    print(f"\nAPI latency on {args.events:,} events ({results['store']}), {args.clients} concurrent clients, "
          f"answer cache {results['cache_mb']} MB")  # fmt: skip
    print(f"{'group / endpoint':<28}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>8}")
    for group in ("event_query", "aggregates"):
        s = results[group]["all"]
        print(f"{group:<28}{s['requests']:>9}{s['p50_ms']:>9}{s['p95_ms']:>9}{s['p99_ms']:>9}{s['requests_per_s']:>8}")
        for path, p in sorted(results[group]["by_path"].items()):
            print(f"  {path:<26}{p['requests']:>9}{p['p50_ms']:>9}{p['p95_ms']:>9}{p['p99_ms']:>9}")
        if results[group]["errors"]:
            print(f"  errors: {len(results[group]['errors'])}, first: {results[group]['errors'][0]}")
    worst = max(results[g]["all"]["p99_ms"] for g in ("event_query", "aggregates"))
    print(f"\nworst p99 {worst} ms; target < 200 ms: {'met' if worst < 200 else 'NOT met'}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
