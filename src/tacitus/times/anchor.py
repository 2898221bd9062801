"""When an event happened: the time expression attached to its clause, else the nearest in its sentence,
else the article's publication date.

The events stage calls :func:`event_date` for each event it codes. Only expressions that name a calendar
date count (``2020-01-03``, ``2020-01``, ``2020``; a clock time gives its day; "now" the publication date);
durations, sets and vague references ("recently") do not date an event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from tacitus.document import facts, index

_CALENDAR = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


@dataclass(frozen=True)
class DateAnchor:
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    time_id: str | None  # the time expression it came from, if any
    how: str  # "clause", "sentence", "article" or "none"


def calendar_part(value: str | None) -> str | None:
    """The calendar date at the start of a TIMEX3 value (``2020-01-03T10:00`` -> ``2020-01-03``), if any. A
    week is dated by the month its Thursday falls in, as ISO 8601 assigns weeks to years (``2024-W40`` ->
    ``2024-10``)."""
    week = _WEEK.match(value or "")
    if week:
        try:
            thursday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 4)
        except ValueError:
            return week.group(1)
        return f"{thursday.year:04d}-{thursday.month:02d}"
    match = _CALENDAR.match(value or "")
    return match.group(0) if match else None


def _date_of(time, published: str | None) -> str | None:
    if time.type in ("DURATION", "SET"):
        return None
    if time.value == "PRESENT_REF":
        return published
    return calendar_part(time.value)


def event_date(doc: Doc, clause: Iterable[Token], sentence: Span, *, use_article: bool = True) -> DateAnchor:
    """The date of an event expressed by ``clause`` (its tokens) in ``sentence``.

    ``use_article``: fall back on the publication date (right for asserted events in the present; not for
    historical, future or hypothetical ones, which then get no date rather than a wrong one).
    """
    token_time = index(doc, "token_time")
    times = {t.id: t for t in facts(doc, "times")}
    article = doc._.article
    published = article.published if article is not None else None
    clause = list(clause)
    in_clause: dict[str, tuple] = {}  # time id -> (time, its date), in clause order
    for token in clause:
        time = times.get(token_time.get(token.i, ""))
        if time is None or time.id in in_clause or _bounds_a_span(token):
            continue
        value = _date_of(time, published)
        if value:
            in_clause[time.id] = (time, value)
    if in_clause:
        dated = list(in_clause.values())
        first, value = dated[0]
        return DateAnchor(_joined_day(dated) or value, first.id, "clause")
    # The sentence's dated expression nearest the clause, unless it dates a clause below this one.
    centre = clause[0].i if clause else sentence.start
    members = {t.i for t in clause}
    nearest = None
    for token in sentence:
        time = times.get(token_time.get(token.i, ""))
        if (
            time is not None
            and _date_of(time, published)
            and not _in_subordinate_clause(token, members)
            and not _in_other_relative_clause(token, members)
            and not _bounds_a_span(token)
        ):
            distance = abs(token.i - centre)
            if nearest is None or distance < nearest[0]:
                nearest = (distance, time)
    if nearest is not None:
        return DateAnchor(_date_of(nearest[1], published), nearest[1].id, "sentence")
    if use_article and published:
        return DateAnchor(published, None, "article")
    return DateAnchor(None, None, "none")


def _joined_day(dated: list[tuple]) -> str | None:
    """ "Last year, Russia invaded Ukraine on February 24": a day written without its year takes the year the
    clause states (2022-02-24), rather than the year the publication date lent it. ``dated``: (time, date)."""
    years = {value for _time, value in dated if len(value) == 4}
    days = [value for time, value in dated if time.rule == "month-day" and len(value) == 10]
    if len(years) == 1 and days:
        return years.pop() + days[0][4:]
    return None


SPAN_BOUNDS = frozenset({"since", "until", "till"})


def _bounds_a_span(token: Token) -> bool:
    """ "has rejected talks since the collapse of a 2019 summit": a time that opens or closes a span over which
    something goes on does not date the event."""
    current = token
    for _ in range(6):
        if current.head.i == current.i or current.pos_ in ("VERB", "AUX"):
            return False
        if current.dep_ == "pobj" and current.head.lower_ in SPAN_BOUNDS:
            return True
        current = current.head
    return False


def _in_other_relative_clause(token: Token, members: set[int]) -> bool:
    """ "González, who claims to have won July's election, has left for Spain, where he has been granted asylum":
    a time inside a relative clause that does not hold the event describes someone, and dates nothing else."""
    current = token
    while current.head.i != current.i:
        if current.i in members:
            return False
        if current.dep_ in ("relcl", "acl") and not any(t.i in members for t in current.subtree):
            return True
        current = current.head
    return False


def _in_subordinate_clause(token: Token, members: set[int]) -> bool:
    """Whether ``token`` hangs from the clause through a verb of its own: "criticised the decision to delay
    elections until 2025" does not date the criticism. A time in a governing clause ("said on Tuesday that
    ...") still dates what it reports, as the nearest evidence there is."""
    through_verb = False
    while token.head.i != token.i:
        token = token.head
        if token.i in members:
            return through_verb
        through_verb = through_verb or token.pos_ in ("VERB", "AUX")
    return False
