"""Coding a batch of inputs: read, skip what is stored, code, write, count; one bad article never stops it.

The CLI's ``code`` and ``ingest`` and the Python API all go through :func:`code_items`. Articles travel in
chunks; with a store, each chunk is written in one transaction after the store is asked which of its
articles it already has, so a re-run adds nothing and an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from tacitus.errors import TacitusError
from tacitus.pipeline import Pipeline
from tacitus.record import Article, Record
from tacitus.store import Failure, Store

Item = Article | TacitusError


@dataclass
class Tally:
    coded: int = 0
    stored: int = 0
    skipped: int = 0
    failures: list[TacitusError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        parts = [f"coded {self.coded} article{'s' if self.coded != 1 else ''}"]
        if self.stored or self.skipped:
            parts.append(f"stored {self.stored}")
            parts.append(f"skipped {self.skipped} already stored")
        parts.append(f"{self.failed} failed")
        return ", ".join(parts)


class RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} articles/s" if speed else "- articles/s", style="progress.data.speed")


def progress_bar(console: Console | None = None) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console or Console(stderr=True),
        transient=False,
    )


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def failure_of(error: TacitusError) -> Failure:
    return Failure(input=error.where or "", code=error.code, reason=error.reason)


def code_items(
    items: Iterable[Item],
    pipeline: Pipeline,
    *,
    store: Store | None = None,
    on_record: Callable[[Record], None] | None = None,
    on_failure: Callable[[TacitusError], None] | None = None,
    total: int | None = None,
    show_progress: bool = False,
    chunk_size: int = 256,
) -> Tally:
    """Code every article among ``items``; store records or hand them to ``on_record``; report failures."""
    tally = Tally()
    progress = progress_bar() if show_progress else None
    task = progress.add_task("coding", total=total) if progress else None

    def fail(error: TacitusError) -> None:
        tally.failures.append(error)
        if on_failure:
            on_failure(error)

    if progress:
        progress.start()
    try:
        for chunk in chunks(items, chunk_size):
            articles = [item for item in chunk if isinstance(item, Article)]
            failures = [item for item in chunk if isinstance(item, TacitusError)]
            for error in failures:
                fail(error)
            if store is not None:
                stored = store.existing_ids([a.id for a in articles])
                tally.skipped += sum(1 for a in articles if a.id in stored)
                articles = [a for a in articles if a.id not in stored]
            records = []
            for outcome in pipeline.code(articles):
                if outcome.ok:
                    tally.coded += 1
                    records.append(outcome.record)
                    if on_record:
                        on_record(outcome.record)
                else:
                    fail(outcome.error)
                    failures.append(outcome.error)
                if progress:
                    progress.advance(task)
            if progress:  # what was not coded (failed to read, or already stored) counts as done too
                progress.advance(task, len(chunk) - len(articles))
            if store is not None:
                tally.stored += store.add_records(records)
                store.add_failures([failure_of(error) for error in failures])
    finally:
        if progress:
            progress.stop()
    return tally


def print_failure(error: TacitusError) -> None:
    print(f"tacitus: {error.message}", file=sys.stderr, flush=True)
