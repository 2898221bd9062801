"""Where batches of articles are coded: in this process, in local worker processes, or on a Dask cluster.

Every executor codes a batch with :func:`code_batch` (the pipeline, then each article's MinHash signature)
and hands back a :class:`BatchResult` through a future. The run (:func:`tacitus.run.code_items`) keeps a few
batches in flight, takes their results in the order it sent them and writes them itself: one writer, and the
same records in the same order whatever the executor.

- :class:`InProcess`: the calling process (``tacitus ingest`` without options).
- :class:`LocalProcesses`: ``--workers N`` processes of this machine, each loading the pipeline once.
- :class:`DaskCluster`: ``--scheduler tcp://HOST:PORT``, an existing ``distributed`` cluster; a worker plugin
  loads the pipeline once per worker when it joins.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import resource
import sys
import threading
import time
from abc import ABC, abstractmethod
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from tacitus.config import Settings
from tacitus.errors import TacitusError, one_line
from tacitus.record import Article
from tacitus.scale.dedup import signature


@dataclass
class Coded:
    """One article of a batch, coded: its record (a ``tacitus/1`` dict) or the error, and its signature."""

    article: Article
    record: dict | None = None
    error: TacitusError | None = None
    signature: bytes | None = None


@dataclass
class BatchResult:
    coded: list[Coded]
    worker: str  # which process coded it
    peak_rss: int  # that process's peak resident memory so far, bytes
    seconds: float


def peak_rss() -> int:
    """This process's peak resident memory in bytes (Linux reports kilobytes, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def code_batch(pipeline, articles: list[Article], worker: str) -> BatchResult:
    """Code a batch with ``pipeline`` (a :class:`tacitus.pipeline.Pipeline`): the work every executor does."""
    started = time.perf_counter()
    coded = []
    for outcome in pipeline.code(articles):
        if outcome.ok:
            coded.append(Coded(outcome.article, outcome.record.to_dict(), signature=signature(outcome.article.text)))
        else:
            coded.append(Coded(outcome.article, error=outcome.error))
    return BatchResult(coded, worker, peak_rss(), time.perf_counter() - started)


class Executor(ABC):
    """Codes batches of articles, a few at a time; results come back through futures."""

    #: How many articles travel together: enough to keep spaCy's batching efficient, few enough to balance work
    #: (set from the spaCy batch size, ``--batch-size``: half of one to a worker, so the last batches of a run
    #: spread over the workers; 8 in this process, where balance does not matter).
    batch_size: int = 64
    #: How many batches may be in flight: a little more than the workers, so none waits for the next batch.
    capacity: int = 1
    workers: int = 1

    @abstractmethod
    def submit(self, articles: list[Article]) -> Future: ...

    def close(self) -> None:  # noqa: B027 - most executors hold nothing
        pass

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class InProcess(Executor):
    """Codes each batch when it is submitted, in this process."""

    def __init__(self, pipeline) -> None:
        self.pipeline = pipeline
        self.batch_size = pipeline.settings.batch_size * 8

    def submit(self, articles: list[Article]) -> Future:
        future: Future = Future()
        try:
            future.set_result(code_batch(self.pipeline, articles, f"pid-{os.getpid()}"))
        except BaseException as error:
            future.set_exception(error)
        return future


# The pipeline of a worker process, loaded once by the process initializer.
_worker_pipeline = None


def _load_worker_pipeline(settings: Settings) -> None:
    global _worker_pipeline
    from tacitus.pipeline import Pipeline

    _worker_pipeline = Pipeline(settings)


def _code_in_worker_process(articles: list[Article]) -> BatchResult:
    return code_batch(_worker_pipeline, articles, f"pid-{os.getpid()}")


class LocalProcesses(Executor):
    """``workers`` processes of this machine (started fresh, not forked, so no state leaks into them)."""

    def __init__(self, settings: Settings, workers: int) -> None:
        if workers < 1:
            raise TacitusError("E601", value=workers)
        self.workers = workers
        self.capacity = workers * 2
        self.batch_size = max(1, settings.batch_size // 2)
        self.pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_load_worker_pipeline,
            initargs=(settings,),
        )

    def submit(self, articles: list[Article]) -> Future:
        return self.pool.submit(_code_in_worker_process, articles)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def plugin_name(settings: Settings) -> str:
    """One plugin (so one loaded pipeline) per distinct settings on a worker."""
    return "tacitus-pipeline-" + hashlib.sha256(repr(settings).encode()).hexdigest()[:12]


class PipelinePlugin:
    """A Dask worker plugin that loads the tacitus pipeline once, when the worker starts or joins.

    (It follows ``distributed.WorkerPlugin``'s protocol; the base class is imported lazily with distributed.)
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.name = plugin_name(settings)
        self.pipeline = None
        self.lock = None

    def setup(self, worker) -> None:
        from tacitus.pipeline import Pipeline

        self.pipeline = Pipeline(self.settings)
        # A worker with several threads runs tasks at once; one spaCy pipeline codes one batch at a time.
        self.lock = threading.Lock()

    def teardown(self, worker) -> None:
        self.pipeline = None

    def __getstate__(self) -> dict:
        return {"settings": self.settings, "name": self.name, "pipeline": None, "lock": None}


def _code_on_dask_worker(articles: list[Article], name: str) -> BatchResult:
    from distributed import get_worker

    worker = get_worker()
    plugin = worker.plugins[name]
    with plugin.lock:
        return code_batch(plugin.pipeline, articles, str(worker.address))


def _plugin_class():
    from distributed.diagnostics.plugin import WorkerPlugin

    return type("TacitusPipelinePlugin", (PipelinePlugin, WorkerPlugin), {})


@dataclass
class DaskCluster(Executor):
    """A Dask ``distributed`` cluster, reached at ``address`` (``tcp://HOST:PORT``) or through ``client``."""

    settings: Settings
    address: str | None = None
    client: object = None
    timeout: float = 30.0
    _own_client: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        from distributed import Client

        if self.client is None:
            try:
                self.client = Client(self.address, timeout=self.timeout)
            except (OSError, TimeoutError) as error:
                raise TacitusError("E602", address=self.address, reason=one_line(error) or "timed out") from None
            self._own_client = True
        plugin = _plugin_class()(self.settings)
        self.name = plugin.name
        self.client.register_plugin(plugin, name=plugin.name)
        threads = sum(w["nthreads"] for w in self.client.scheduler_info()["workers"].values()) or 1
        self.workers = threads
        self.capacity = threads * 2
        self.batch_size = max(1, self.settings.batch_size // 2)

    def submit(self, articles: list[Article]) -> Future:
        return self.client.submit(_code_on_dask_worker, articles, self.name, pure=False)

    def close(self) -> None:
        if self._own_client:
            self.client.close()


def make_executor(settings: Settings, *, workers: int | None = None, scheduler: str | None = None, pipeline=None):
    """The executor the options ask for: a Dask cluster, local processes, or this process."""
    if workers is not None and scheduler is not None:
        raise TacitusError("E605")
    if scheduler:
        return DaskCluster(settings, address=scheduler)
    if workers is not None and workers < 1:
        raise TacitusError("E601", value=workers)
    if workers and workers > 1:
        return LocalProcesses(settings, workers)
    if pipeline is None:
        from tacitus.pipeline import Pipeline

        pipeline = Pipeline(settings)
    return InProcess(pipeline)
