"""Where an event happened: the place attached to its clause, else its sentence, else the article's dateline.

The events stage calls :func:`event_place` for each event it codes.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from tacitus.document import index


def event_place(doc: Doc, clause: Iterable[Token], sentence: Span) -> str | None:
    """The place id for an event expressed by ``clause`` (its tokens) in ``sentence``, or None."""
    token_place = index(doc, "token_place")
    for tokens in (clause, sentence):
        for token in tokens:
            if token.i in token_place:
                return token_place[token.i]
    return None
