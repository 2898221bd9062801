"""The analysis of docs/analysis.md, as one script: run it on a store and compare with the page.

.venv/bin/python scripts/analysis_walkthrough.py tacitus.duckdb
"""

from __future__ import annotations

import sys

import pandas as pd

import tacitus

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 12)
pd.set_option("display.max_colwidth", 40)


def main(db: str) -> None:
    data = tacitus.open(db)
    print("# What the store holds\n", data.counts(), "\n")

    actors = data.actors(sort="-articles", limit=10)
    print("# Who appears most\n", actors[["name", "code", "country", "type", "articles", "events"]], "\n")

    dyads = data.dyads(limit=10)
    print("# The heaviest dyads\n", dyads[["source", "target", "events", "goldstein", "cooperation", "conflict"]], "\n")
    if dyads.empty:
        print("No events with both a source and a target: nothing to follow over time yet.")
        return
    top = dyads.iloc[0]
    a, b = top["source"], top["target"]

    # Both directions of the dyad, month by month: cooperation (QuadClass 1-2), conflict (3-4), Goldstein sum.
    both = pd.concat([data.timeline(source=a, target=b, interval="month"),
                      data.timeline(source=b, target=a, interval="month")])  # fmt: skip
    both["side"] = both["quad_class"].map(lambda q: "cooperation" if q <= 2 else "conflict")
    series = both.pivot_table(index="period", columns="side", values="events", aggfunc="sum", fill_value=0)
    series = series.reindex(columns=["cooperation", "conflict"], fill_value=0)
    series["goldstein"] = both.groupby("period")["goldstein"].sum()
    print(f"# {a} <-> {b}, by month\n", series, "\n")

    # Its network: every dyad that involves either actor.
    around = pd.concat([data.dyads(actor=a), data.dyads(actor=b)]).drop_duplicates(["source", "target"])
    print(f"# The network around {a} and {b}\n", around[["source", "target", "events", "goldstein"]], "\n")

    # Check one event against its article: the evidence is a span of the text.
    event = data.events(source=a, target=b, limit=1).iloc[0]
    record = data.record(event["article_id"])
    start, end = int(event["evidence_start"]), int(event["evidence_end"])
    print(f"# Evidence of {event['article_id']}/{event['id']} ({event['cameo']}, {event['date']})")
    print("  ", record["article"]["text"][start:end])
    assert record["article"]["text"][start:end] == event["evidence_text"]


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tacitus.duckdb")
