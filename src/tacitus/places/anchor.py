"""Where an event happened: the place attached to its clause, else the nearest in its sentence, else the
article's dateline place.

The events stage calls :func:`event_place` for each event it codes. Toponyms inside names ("the U.S.
Department of State", "Volgograd Arena") say what an actor or a building is, not where the event was, so
they do not place events.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from tacitus.document import facts, index


def literal_place_tokens(doc: Doc) -> dict[int, str]:
    """token index -> place id, for tokens of place mentions that are not part of a longer name: toponyms
    inside names ("Volgograd Arena") say what something is, not where an event was."""
    token_place = index(doc, "token_place")
    in_name = set()
    for place in facts(doc, "places"):
        for mention in place.mentions:
            if getattr(mention, "in_name", False):
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None:
                    in_name.update(t.i for t in span)
    return {i: p for i, p in token_place.items() if i not in in_name}


def dateline(doc: Doc):
    """The place fact of the article's dateline ("NIAMEY, March 4 (Reuters) -"), or None."""
    return next((p for p in facts(doc, "places") if getattr(p, "dateline", False)), None)


def dateline_place(doc: Doc) -> str | None:
    place = dateline(doc)
    return place.id if place is not None else None


def event_place(doc: Doc, clause: Iterable[Token], sentence: Span, *, use_article: bool = True) -> str | None:
    """The place id for an event expressed by ``clause`` (its tokens) in ``sentence``, or None.

    ``use_article``: fall back on the dateline place when neither the clause nor the sentence names one.
    """
    token_place = literal_place_tokens(doc)
    clause = list(clause)
    for token in clause:
        if token.i in token_place:
            return token_place[token.i]
    centre = clause[0].i if clause else sentence.start
    in_sentence = [(abs(token.i - centre), token.i) for token in sentence if token.i in token_place]
    if in_sentence:
        return token_place[min(in_sentence)[1]]
    return dateline_place(doc) if use_article else None
