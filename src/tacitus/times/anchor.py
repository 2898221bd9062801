"""When an event happened: the time expression attached to its clause, else its sentence, else the article.

The events stage calls :func:`event_date` for each event it codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from tacitus.document import facts, index

_CALENDAR = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class DateAnchor:
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    time_id: str | None  # the time expression it came from, if any
    how: str  # "clause", "sentence", "article" or "none"


def calendar_part(value: str | None) -> str | None:
    """The calendar date at the start of a TIMEX3 value (``2020-01-03T10:00`` -> ``2020-01-03``), if any."""
    match = _CALENDAR.match(value or "")
    return match.group(0) if match else None


def event_date(doc: Doc, clause: Iterable[Token], sentence: Span, *, use_article: bool = True) -> DateAnchor:
    """The date of an event expressed by ``clause`` (its tokens) in ``sentence``.

    ``use_article``: fall back on the publication date (right for asserted events in the present; not for
    historical, future or hypothetical ones, which then get no date rather than a wrong one).
    """
    token_time = index(doc, "token_time")
    times = {t.id: t for t in facts(doc, "times")}
    for how, tokens in (("clause", clause), ("sentence", sentence)):
        for token in tokens:
            time = times.get(token_time.get(token.i, ""))
            if time is not None and time.type == "DATE" and calendar_part(time.value):
                return DateAnchor(calendar_part(time.value), time.id, how)
    article = doc._.article
    if use_article and article is not None and article.published:
        return DateAnchor(article.published, None, "article")
    return DateAnchor(None, None, "none")
