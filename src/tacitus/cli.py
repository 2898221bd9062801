"""The ``tacitus`` command: a thin layer over the pipeline, the store and the evaluations.

Problems with input are reported as one line each (``tacitus: <input>: <reason> [E...]``) and never as a
traceback; the exit status is 1 when anything failed, 2 for a usage error.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tacitus.config import STAGES, Settings
from tacitus.errors import TacitusError, one_line
from tacitus.ingest import ReadOptions, count_articles, read_inputs
from tacitus.run import Tally, code_items, print_failure

app = typer.Typer(
    name="tacitus",
    help="Turn news articles into structured event data: who did what to whom, when and where, and who said what.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

Paths = Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for standard input.")]
Published = Annotated[
    str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
]
Model = Annotated[str | None, typer.Option("--model", help="spaCy pipeline to parse with [env TACITUS_MODEL].")]
Db = Annotated[
    str | None,
    typer.Option("--db", help="Store: a DuckDB file, or postgresql://... [env TACITUS_DB; default tacitus.duckdb]"),
]
MaxBytes = Annotated[
    int | None,
    typer.Option("--max-bytes", help="Largest article text accepted [env TACITUS_MAX_BYTES; 1000000]."),
]
Encoding = Annotated[str, typer.Option("--encoding", help="Encoding of text and HTML inputs.")]
BatchSize = Annotated[
    int | None, typer.Option("--batch-size", help="Articles per spaCy batch [env TACITUS_BATCH_SIZE].")
]
Stages = Annotated[
    str | None, typer.Option("--stages", help=f"Comma-separated stages to run [default: {','.join(STAGES)}].")
]
ShowProgress = Annotated[
    bool | None,
    typer.Option("--progress/--no-progress", help="Progress bar [default: when stderr is a terminal]."),
]
Workers = Annotated[
    int | None,
    typer.Option("--workers", "-w", help="Code in N local worker processes (each loads the model once)."),
]
Scheduler = Annotated[
    str | None,
    typer.Option("--scheduler", help="Code on an existing Dask cluster: its scheduler's tcp://HOST:PORT."),
]


def settings_from(model: str | None = None, db: str | None = None, max_bytes: int | None = None,
                  batch_size: int | None = None, stages: str | None = None) -> Settings:  # fmt: skip
    chosen = tuple(s.strip() for s in stages.split(",") if s.strip()) if stages else None
    return Settings().with_(model=model, db=db, max_bytes=max_bytes, batch_size=batch_size, stages=chosen)


def read_options(settings: Settings, published: str | None, encoding: str) -> ReadOptions:
    if published is not None:
        from tacitus.ingest.article import normalise_date

        try:
            published = normalise_date(published, "--published")
        except TacitusError:
            raise TacitusError("E004", value=published) from None
    return ReadOptions(published=published, max_bytes=settings.max_bytes, encoding=encoding)


def make_pipeline(settings: Settings):
    from tacitus.pipeline import Pipeline

    return Pipeline(settings)


def make_executor(settings: Settings, workers: int | None, scheduler: str | None):
    """This process, ``--workers N`` local processes, or the Dask cluster at ``--scheduler``."""
    from tacitus.scale.executors import make_executor as make

    return make(settings, workers=workers, scheduler=scheduler)


def finish(tally: Tally, quiet_when_single: bool = False) -> None:
    if tally.failed or not quiet_when_single:
        print(f"tacitus: {tally.summary()}", file=sys.stderr)
    if tally.failed:
        raise typer.Exit(1)


@app.command()
def code(
    paths: Paths,
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="Write JSON Lines here [default: stdout].")
    ] = None,
    published: Published = None,
    model: Model = None,
    max_bytes: MaxBytes = None,
    encoding: Encoding = "utf-8",
    batch_size: BatchSize = None,
    stages: Stages = None,
    progress: ShowProgress = None,
    workers: Workers = None,
    scheduler: Scheduler = None,
) -> None:
    """Code articles and write their tacitus/1 records as JSON Lines."""
    settings = settings_from(model, max_bytes=max_bytes, batch_size=batch_size, stages=stages)
    options = read_options(settings, published, encoding)
    show = sys.stderr.isatty() if progress is None else progress
    with make_executor(settings, workers, scheduler) as executor:
        stream = sys.stdout if output in (None, "-") else open(output, "w", encoding="utf-8")  # noqa: SIM115
        try:
            tally = code_items(
                read_inputs(paths, options),
                executor=executor,
                on_record=lambda record: stream.write(json.dumps(record, ensure_ascii=False) + "\n"),
                on_failure=print_failure,
                total=count_articles(paths) if show else None,
                show_progress=show,
            )
        finally:
            if stream is not sys.stdout:
                stream.close()
    finish(tally, quiet_when_single=True)


@app.command()
def ingest(
    paths: Paths,
    db: Db = None,
    published: Published = None,
    model: Model = None,
    max_bytes: MaxBytes = None,
    encoding: Encoding = "utf-8",
    batch_size: BatchSize = None,
    stages: Stages = None,
    progress: ShowProgress = None,
    workers: Workers = None,
    scheduler: Scheduler = None,
    parquet: Annotated[
        Path | None,
        typer.Option("--parquet", help="Also write what is stored as a Parquet dataset here (DIR/table/month=...)."),
    ] = None,
) -> None:
    """Code articles into the store, skipping those already stored; link reprints; merge events across articles.

    Interrupted (even killed), the same command run again resumes: it ends with exactly the records of an
    uninterrupted run.
    """
    from dataclasses import replace

    from tacitus.store import open_store

    settings = settings_from(model, db, max_bytes, batch_size, stages)
    options = read_options(settings, published, encoding)
    show = sys.stderr.isatty() if progress is None else progress
    with open_store(settings.db) as store, make_executor(settings, workers, scheduler) as executor:
        sink = None
        if parquet is not None:
            from tacitus.scale.parquet import ParquetSink

            sink = ParquetSink(parquet)
        tally = code_items(
            read_inputs(paths, replace(options, known_ids=store.existing_ids)),
            executor=executor,
            store=store,
            parquet=sink,
            on_failure=print_failure,
            total=count_articles(paths) if show else None,
            show_progress=show,
        )
    finish(tally)


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs.")],
    every: Annotated[str, typer.Option("--every", help="Interval between polls: 90s, 15m, 1h ...")] = "15m",
    polls: Annotated[int | None, typer.Option("--polls", help="Stop after N polls [default: never].")] = None,
    db: Db = None,
    model: Model = None,
    max_bytes: MaxBytes = None,
    batch_size: BatchSize = None,
    stages: Stages = None,
    workers: Workers = None,
    scheduler: Scheduler = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for a server.")] = 10.0,
) -> None:
    """Poll feeds on an interval and code their new articles into the store, one log line per poll.

    Conditional requests (ETag, Last-Modified); articles stored already are not fetched again; what each feed
    answered is kept in the store, so a restarted watcher goes on where it stopped.
    """
    from tacitus.ingest.urls import Fetcher
    from tacitus.scale.watch import parse_interval
    from tacitus.scale.watch import watch as watch_feeds
    from tacitus.store import open_store

    seconds = parse_interval(every)
    settings = settings_from(model, db, max_bytes, batch_size, stages)
    options = read_options(settings, None, "utf-8")
    fetcher = Fetcher(timeout=timeout)
    with open_store(settings.db) as store, make_executor(settings, workers, scheduler) as executor:
        watch_feeds(feeds, store, executor, every=seconds, polls=polls, fetcher=fetcher, options=options)


@app.command()
def merge(
    db: Db = None,
    window_days: Annotated[
        int, typer.Option("--window-days", help="Days apart two mentions of one event may be dated.")
    ] = 1,
    radius_km: Annotated[
        float, typer.Option("--radius-km", help="Kilometres apart two mentions' places may be.")
    ] = 50.0,
) -> None:
    """Recompute the events merged across articles with the given rules (ingest merges as it goes)."""
    from tacitus.scale.merge import MergeRules, merge_all
    from tacitus.store import open_store

    settings = settings_from(db=db)
    with open_store(settings.db) as store:
        count = merge_all(store, MergeRules(window_days=window_days, radius_km=radius_km))
        mentions = store.counts()["event_mentions"]
    print(f"tacitus: {mentions} event mentions merged into {count} events", file=sys.stderr)


@app.command()
def export(
    format: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="jsonl (records), csv, parquet (a table), gdelt (GDELT 2.0 Events), polecat."
        ),
    ] = "jsonl",
    output: Annotated[str | None, typer.Option("-o", "--output", help="Output file [default: stdout].")] = None,
    table: Annotated[str, typer.Option("--table", help="Table for csv and parquet.")] = "events",
    db: Db = None,
) -> None:
    """Write the store's records (jsonl), one of its tables (csv, parquet), or its events as GDELT or POLECAT."""
    from tacitus.export import EXPORTERS
    from tacitus.export import output as open_output
    from tacitus.store import open_store

    if format not in EXPORTERS:
        raise TacitusError("E007", what="format", value=format, known=", ".join(EXPORTERS))
    if format == "parquet" and output in (None, "-"):
        raise TacitusError("E007", what="output", value="stdout", known="a file path (-o OUT) for parquet")
    settings = settings_from(db=db)
    with open_store(settings.db, read_only=True) as store, open_output(output) as stream:
        count = EXPORTERS[format](store, stream, table)
    if output not in (None, "-"):
        what = "records" if format == "jsonl" else "events" if format in ("gdelt", "polecat") else "rows"
        print(f"tacitus: wrote {count} {what} to {output}", file=sys.stderr)


@app.command()
def serve(
    db: Db = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="TACITUS_API_TOKEN",
            show_envvar=False,
            help="Bearer token that allows POST /code?store=true to store [env TACITUS_API_TOKEN; "
            "default: none, and nothing can be stored].",
        ),
    ] = None,
    model: Model = None,
    max_bytes: MaxBytes = None,
) -> None:
    """Serve the store: the dashboard at /, the JSON API (OpenAPI at /openapi.json, docs at /docs)."""
    import uvicorn

    from tacitus.api import create_app
    from tacitus.store import open_store

    settings = settings_from(model, db, max_bytes)
    if token is not None and len(token) < 16:
        raise TacitusError("E007", what="token", value="(hidden)", known="a token of at least 16 characters")
    # Without a token nothing may be written, so the store is opened read-only.
    store = open_store(settings.db, read_only=token is None)
    application = create_app(store, token=token, settings=settings)
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    print(
        f"tacitus: serving {settings.db} at http://{shown}:{port}/ (API docs /docs, OpenAPI /openapi.json); "
        f"storing {'on: POST /code?store=true with the bearer token' if token else 'off (no --token)'}",
        file=sys.stderr,
    )
    try:
        uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)
    finally:
        store.close()


@app.command()
def stats(
    db: Db = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Count what the store holds, by section."""
    from tacitus.store import open_store

    settings = settings_from(db=db)
    with open_store(settings.db, read_only=True) as store:
        counts = store.counts()
    if "duplicates" in counts:  # reprints are stored and linked, but not counted twice
        counts["distinct_articles"] = counts["articles"] - counts["duplicates"]
    if as_json:
        print(json.dumps(counts))
        return
    table = Table(caption=f"store: {settings.db}", caption_justify="left")
    table.add_column("section")
    table.add_column("rows", justify="right")
    for name, count in counts.items():
        table.add_row(name, f"{count:,}")
    Console().print(table)


@app.command(name="eval")
def evaluate(
    name: Annotated[str, typer.Argument(help="What to evaluate: actors, events, quotes, times or places.")],
    gold: Annotated[Path, typer.Option("--gold", help="Folder of the gold sets.")] = Path("../shared/gold"),
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the report here [default: eval/NAME.json].")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N gold documents.")] = None,
    model: Model = None,
) -> None:
    """Score tacitus against gold data, beside a baseline; print a table and write JSON."""
    from tacitus.evaluate import run_evaluation

    report = run_evaluation(name, gold, settings_from(model), limit=limit)
    report.print()
    path = json_out or Path("eval") / f"{name}.json"
    report.write_json(path)
    print(f"tacitus: wrote {path}", file=sys.stderr)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the tacitus/1 record."""
    from tacitus.record import shipped_schema

    print(json.dumps(shipped_schema(), indent=2))


def main() -> None:
    try:
        app()
    except TacitusError as error:
        print(f"tacitus: {error.message}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("tacitus: interrupted; run the same command again to resume", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except Exception as error:
        if os.environ.get("TACITUS_DEBUG"):
            raise
        print(
            f"tacitus: internal error: {one_line(error)} (set TACITUS_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
