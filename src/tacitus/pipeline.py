"""Parse each article once with spaCy, then run the tacitus stages in order.

The stages are spaCy components registered as ``tacitus_<stage>`` factories (one registry: spaCy's), added
after the model's own components. ``Pipeline.code`` streams articles through ``nlp.pipe`` in batches, so the
expensive part, the parse, happens once per article.

    >>> pipeline = Pipeline()
    >>> for outcome in pipeline.code([Article(id="a1", text="Kenyan police fired tear gas.")]):
    ...     print(outcome.record.to_json() if outcome.ok else outcome.error)
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import tacitus.layout  # noqa: F401 - registers the news_layout component
from tacitus.config import STAGES, Settings
from tacitus.document import register_extensions, to_record
from tacitus.errors import TacitusError
from tacitus.record import Article, Record

STAGE_PREFIX = "tacitus_"


@dataclass
class Outcome:
    """The result of coding one article: a record, or the error that stopped it."""

    article: Article
    record: Record | None = None
    error: TacitusError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def register_stages() -> None:
    """Import each stage's package, which registers its spaCy factory."""
    for stage in STAGES:
        importlib.import_module(f"tacitus.{stage}")


def load_model(model: str) -> Language:
    """A fresh copy of the spaCy pipeline ``model``, checked to have what tacitus needs."""
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise TacitusError("E001", model=model) from error
    if "parser" not in nlp.pipe_names:
        raise TacitusError("E002", model=model, pipes=", ".join(nlp.pipe_names))
    nlp.add_pipe("news_layout", before="parser")
    return nlp


@contextmanager
def objects_held_out_of_gc() -> Iterator[None]:
    """Leave the objects alive now out of the garbage collector's passes until the block ends.

    When coding starts, the process holds some 300,000 long-lived objects (the model, the actor dictionaries,
    the gazetteer, the lexicons), and the stages make enough short-lived ones that Python's full collection
    runs every hundred articles or so, each time walking all of them: about 1 ms per article, three quarters
    of the collector's time. Frozen (``gc.freeze``), they are skipped; the new objects are collected as
    usual, and at the end everything is handed back to the collector (``gc.unfreeze``), so nothing that
    becomes garbage later is kept. When the application has frozen objects itself, its choice is left alone.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


# Python's default thresholds: a young collection every 700 allocations (net of frees), the older
# generations' every 10 of the one below.
DEFAULT_GC_THRESHOLD = (700, 10, 10)
CODING_GC_THRESHOLD = (10_000, 10, 10)


@contextmanager
def fewer_young_collections() -> Iterator[None]:
    """Collect the youngest generation every 10,000 allocations instead of every 700 until the block ends.

    An article's working objects (tokens, spans, mentions, the record's models) live until it is coded, so
    with the default threshold the young collections, one or two per article, each walked hundreds of them
    and set off the older generations' in turn: about 0.2 ms per article in all, against 0.05 ms at 10,000.
    Most objects are freed by their reference counts anyway; the threshold only says how often the collector
    looks for cycles. An application that set its own thresholds keeps them.
    """
    if gc.get_threshold() != DEFAULT_GC_THRESHOLD:
        yield
        return
    gc.set_threshold(*CODING_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*DEFAULT_GC_THRESHOLD)


def release(doc: Doc) -> None:
    """Drop what the stages left on a coded ``doc`` (its record holds what it needs).

    The stages' working data refers back to the document (the shared sentence spans, the events stage's
    codings), so a finished ``Doc`` sits in reference cycles: it was freed only when the garbage collector
    next reached it, mostly in a full collection, with its some 600 objects and the token
    arrays per article kept alive meanwhile. Without the cycles, it is freed as soon as coding moves on.
    """
    doc.user_data.clear()


class Pipeline:
    """spaCy's parse plus the tacitus stages, configured by :class:`~tacitus.config.Settings`."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        register_extensions()
        register_stages()
        for name in self.settings.stages:
            if name not in STAGES:
                raise TacitusError("E003", name=name, known=", ".join(STAGES))
        # A fresh copy per Pipeline so that stages configured differently never share state.
        self.nlp = load_model(self.settings.model)
        for stage in STAGES:
            if stage in self.settings.stages:
                self.nlp.add_pipe(STAGE_PREFIX + stage, config=self.settings.stage_config.get(stage, {}))

    @property
    def stage_names(self) -> list[str]:
        """The tacitus stages in this pipeline, in the order they run."""
        names = [name.removeprefix(STAGE_PREFIX) for name in self.nlp.pipe_names]
        return [name for name in names if name in STAGES]

    def make_doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(article.text)
        doc._.article = article
        return doc

    def code(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        """Code articles in batches, yielding one :class:`Outcome` per article, in input order."""
        docs = (self.make_doc(article) for article in articles)
        with objects_held_out_of_gc(), fewer_young_collections():
            for doc in self.nlp.pipe(docs, batch_size=self.settings.batch_size):
                article = doc._.article
                if doc._.failed is not None:
                    doc._.failed.where = article.origin
                    outcome = Outcome(article, error=doc._.failed)
                else:
                    outcome = Outcome(article, record=to_record(doc))
                release(doc)
                yield outcome

    def code_one(self, article: Article) -> Record:
        outcome = next(self.code([article]))
        if outcome.error:
            raise outcome.error
        return outcome.record
