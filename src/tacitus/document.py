"""What the stages write on a parsed spaCy ``Doc``, and how a finished ``Doc`` becomes a record.

Each stage is a spaCy component that adds one kind of fact to ``doc._``:

| extension          | written by | what                                                        |
|--------------------|------------|-------------------------------------------------------------|
| ``article``        | pipeline   | the :class:`~tacitus.record.Article` being coded            |
| ``times``          | times      | :class:`~tacitus.record.Time` list                          |
| ``places``         | places     | :class:`~tacitus.record.Place` list                         |
| ``actors``         | actors     | :class:`~tacitus.record.Actor` list                         |
| ``quotes``         | quotes     | :class:`~tacitus.record.Quote` list                         |
| ``events``         | events     | :class:`~tacitus.record.Event` list                         |
| ``event_codings``  | events     | every coded event, any dictionary's codes (events.Coding)    |
| ``token_time``     | times      | token index -> time id, for tokens inside a time expression |
| ``token_place``    | places     | token index -> place id, for tokens inside a place mention  |
| ``token_actor``    | actors     | token index -> actor id, for tokens inside an actor mention |
| ``head_actors``    | actors     | token index -> actor ids, for a head naming several actors  |
| ``failed``         | pipeline   | the reason a stage failed on this document, else None       |

Later stages read what earlier ones wrote (the order is :data:`tacitus.config.STAGES`).
"""

from __future__ import annotations

from bisect import bisect_right

import numpy as np
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span

from tacitus.record import Article, Record

FACT_SECTIONS = ("actors", "events", "quotes", "places", "times")
INDEXES = ("token_time", "token_place", "token_actor", "head_actors")
# Working data a stage leaves for evaluation and debugging; not part of the record.
WORKING = ("event_codings",)


def register_extensions() -> None:
    """Declare the ``doc._`` attributes; safe to call more than once."""
    for name in ("article", "failed", *FACT_SECTIONS, *INDEXES, *WORKING):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def facts(doc: Doc, section: str) -> list:
    """The facts of one section on ``doc``, an empty list when its stage has not run."""
    return getattr(doc._, section) or []


def index(doc: Doc, name: str) -> dict[int, str]:
    """A token index of ``doc`` (``token_actor`` ...), an empty dict when its stage has not run."""
    return getattr(doc._, name) or {}


def document_text(doc: Doc) -> str:
    """The article's text, which is the Doc's: reading ``Doc.text`` joins every token each time."""
    article = doc._.article
    if article is not None and len(doc):
        last = doc[-1]
        if len(article.text) == last.idx + len(last.text_with_ws):
            return article.text
    return doc.text


def sentences(doc: Doc) -> list[Span]:
    """The document's sentences, found once and shared by the stages.

    ``doc.sents`` builds a Token object for every word each time it is read; with five stages reading it,
    that was a fifth of the events stage's time. The boundaries are read from one array instead.
    """
    found = doc.user_data.get("tacitus_sentences")
    if found is None:
        if not len(doc):
            found = []
        else:
            starts = np.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
            if not starts or starts[0] != 0:
                starts.insert(0, 0)
            found = [doc[start:end] for start, end in zip(starts, [*starts[1:], len(doc)], strict=True)]
        doc.user_data["tacitus_sentences"] = found
    return found


def sentence_at(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i``: ``Token.sent`` re-reads the sentence marks on every call."""
    found = sentences(doc)
    starts = doc.user_data.get("tacitus_sentence_starts")
    if starts is None:
        starts = doc.user_data["tacitus_sentence_starts"] = [sentence.start for sentence in found]
    return found[bisect_right(starts, i) - 1]


def to_record(doc: Doc) -> Record:
    article: Article = doc._.article
    return Record(article=article, **{section: facts(doc, section) for section in FACT_SECTIONS})


register_extensions()
