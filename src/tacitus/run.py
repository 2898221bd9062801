"""Coding a batch of inputs: read, skip what is stored, code, write, count; one bad article never stops it.

The CLI's ``code``, ``ingest`` and ``watch`` all go through :func:`code_items`. Articles travel in batches to
an executor (this process, local worker processes or a Dask cluster: :mod:`tacitus.scale.executors`), a few
batches in flight; results are taken back in the order sent and written by this process alone.

With a store, each batch is written in one transaction (records, failures, signatures, duplicate links)
after the store is asked which of its articles it already has. So a run killed at any point, even with
SIGKILL, has stored whole batches in input order and nothing else, and the same command run again codes only
what is missing and ends with exactly the records of an uninterrupted run. Near-duplicates are decided in
input order by the writer (:mod:`tacitus.scale.dedup`), and events are merged across articles at the end
(:mod:`tacitus.scale.merge`), for whatever is not merged yet, including what a killed run left.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import asdict, dataclass, field
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

from tacitus.errors import TacitusError, one_line
from tacitus.ingest.article import Skipped
from tacitus.record import Article
from tacitus.store import Batch, Failure, Store

Item = Article | TacitusError | Skipped


@dataclass
class Tally:
    coded: int = 0
    stored: int = 0
    skipped: int = 0
    duplicates: int = 0
    merged: int = 0  # merged events written at the end of the run
    failures: list[TacitusError] = field(default_factory=list)
    peak_rss: dict[str, int] = field(default_factory=dict)  # worker -> peak resident memory, bytes
    busy_seconds: float = 0.0  # time the executor's workers spent coding, summed over workers

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        parts = [f"coded {self.coded} article{'s' if self.coded != 1 else ''}"]
        if self.stored or self.skipped:
            parts.append(f"stored {self.stored}")
            parts.append(f"skipped {self.skipped} already stored")
        if self.duplicates:
            parts.append(f"{self.duplicates} duplicate{'s' if self.duplicates != 1 else ''} linked")
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


@dataclass
class Step:
    """One batch on its way: what was read, and the future of what the executor makes of it."""

    size: int  # items read, for the progress bar
    failures: list[TacitusError]
    articles: list[Article]
    future: Future | None


def submit(executor, articles: list[Article]) -> Future:
    try:
        return executor.submit(articles)
    except TacitusError:
        raise
    except Exception as error:  # the pool broke, the cluster went away: stop; a re-run resumes
        raise TacitusError("E603", count=len(articles), reason=one_line(error)) from error


def code_items(
    items: Iterable[Item],
    pipeline=None,
    *,
    executor=None,
    store: Store | None = None,
    on_record: Callable[[dict], None] | None = None,
    on_failure: Callable[[TacitusError], None] | None = None,
    total: int | None = None,
    show_progress: bool = False,
    chunk_size: int | None = None,
    deduplicate: bool = True,
    deduplicator=None,
    merge: bool = True,
    parquet=None,
) -> Tally:
    """Code every article among ``items``; store records or hand them (``tacitus/1`` dicts) to ``on_record``.

    ``pipeline`` codes in this process; ``executor`` (:mod:`tacitus.scale.executors`) elsewhere. With a store,
    articles it holds are skipped, near-duplicates are linked (``deduplicate``) and events merged across
    articles at the end (``merge``). A caller that runs many times against one store it alone writes (``tacitus
    watch``) passes its ``deduplicator`` (:class:`tacitus.scale.dedup.Deduplicator`), built once. ``parquet``
    (:class:`tacitus.scale.parquet.ParquetSink`) also writes what is stored as a partitioned Parquet dataset.
    """
    from tacitus.scale.executors import InProcess

    if executor is None:
        if pipeline is None:
            raise ValueError("code_items needs a pipeline or an executor")
        executor = InProcess(pipeline)
    size = chunk_size or executor.batch_size
    tally = Tally()
    dedup = deduplicator
    if dedup is None and store is not None and deduplicate:
        from tacitus.scale.dedup import Deduplicator

        dedup = Deduplicator.from_store(store)
    if parquet is not None and store is not None:
        parquet.catch_up(store)
    progress = progress_bar() if show_progress else None
    task = progress.add_task("coding", total=total) if progress else None

    def fail(error: TacitusError) -> None:
        tally.failures.append(error)
        if on_failure:
            on_failure(error)

    def finish(step: Step) -> None:
        failures = list(step.failures)
        for error in failures:
            fail(error)
        coded = []
        if step.future is not None:
            try:
                result = step.future.result()
            except TacitusError:
                raise
            except Exception as error:  # a worker died, or the cluster went away: stop; a re-run resumes
                raise TacitusError("E603", count=len(step.articles), reason=one_line(error)) from error
            tally.peak_rss[result.worker] = max(result.peak_rss, tally.peak_rss.get(result.worker, 0))
            tally.busy_seconds += result.seconds
            coded = result.coded
        batch = Batch(failures=[failure_of(error) for error in failures])
        # Another batch in flight may have held the same article (an input listed twice): it was stored first.
        stored = store.existing_ids([c.article.id for c in coded]) if store is not None else set()
        for item in coded:
            if item.error is not None:
                fail(item.error)
                batch.failures.append(failure_of(item.error))
                continue
            tally.coded += 1
            if on_record:
                on_record(item.record)
            if item.article.id in stored:
                continue
            batch.records.append(item.record)
            if dedup is not None and item.signature is not None:
                batch.signatures[item.article.id] = item.signature
                duplicate = dedup.check(item.article.id, item.article.content_hash, item.signature)
                if duplicate is not None:
                    batch.duplicates.append(duplicate)
        if store is not None:
            tally.stored += store.add_batch(batch)
            tally.duplicates += len(batch.duplicates)
            if parquet is not None:
                parquet.write(batch.records, [asdict(d) for d in batch.duplicates])
        if progress:
            progress.advance(task, step.size)

    pending: deque[Step] = deque()
    if progress:
        progress.start()
    try:
        for chunk in chunks(items, size):
            articles = [item for item in chunk if isinstance(item, Article)]
            failures = [item for item in chunk if isinstance(item, TacitusError)]
            tally.skipped += sum(1 for item in chunk if isinstance(item, Skipped))
            if store is not None:
                stored = store.existing_ids([a.id for a in articles])
                tally.skipped += sum(1 for a in articles if a.id in stored)
                articles = [a for a in articles if a.id not in stored]
            pending.append(Step(len(chunk), failures, articles, submit(executor, articles) if articles else None))
            while len(pending) >= executor.capacity:
                finish(pending.popleft())
        while pending:
            finish(pending.popleft())
    finally:
        for step in pending:  # interrupted: what is in flight is not waited for
            if step.future is not None:
                step.future.cancel()
        if progress:
            progress.stop()
    if store is not None and merge:
        from tacitus.scale.merge import merge_pending

        tally.merged = merge_pending(store)
    return tally


def print_failure(error: TacitusError) -> None:
    print(f"tacitus: {error.message}", file=sys.stderr, flush=True)
