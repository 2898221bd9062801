"""Calendar arithmetic in TIMEX3 terms: a date at a granularity (day, week, month ...) and its TIMEX3 value.

TIMEX3 writes a time at the granularity the text gives it: ``2020-01-03`` (day), ``2020-W02`` (ISO week),
``2020-W02-WE`` (weekend), ``2020-01`` (month), ``2020-Q1`` (quarter), ``2020-SU`` (season), ``2020``
(year), ``202`` (decade), ``20`` (century).
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# The month each season starts in (northern hemisphere, as TIMEX3 assumes).
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def value_at(day: date, granularity: str) -> str:
    """The TIMEX3 value of the period of ``granularity`` that contains ``day``."""
    if granularity == "day":
        return day.isoformat()
    if granularity in ("week", "weekend"):
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}" + ("-WE" if granularity == "weekend" else "")
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    raise ValueError(granularity)


def shift(day: date, amount: float, unit: str) -> date:
    """``day`` moved by ``amount`` units (negative: back); fractions of months and years go to days."""
    if unit in ("second", "minute", "hour"):
        return day + timedelta(**{unit + "s": amount})
    if unit == "day":
        return day + timedelta(days=amount)
    if unit in ("week", "weekend"):
        return day + timedelta(weeks=amount)
    if unit == "fortnight":
        return day + timedelta(weeks=2 * amount)
    whole = int(amount)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    moved = day + relativedelta(months=whole * months)
    if amount != whole:
        moved += timedelta(days=round((amount - whole) * months * 30.44))
    return moved


def weekday_near(reference: date, weekday: int, direction: str) -> date:
    """The ``weekday`` (0 = Monday) nearest ``reference`` in ``direction``.

    ``past``: the latest on or before the reference (a Thursday story's "on Thursday" is that day);
    ``future``: the first after it; ``this``: the one in the reference's ISO week;
    ``last``/``next``: strictly before/after the reference.
    """
    delta = weekday - reference.weekday()
    if direction == "this":
        return reference + timedelta(days=delta)
    if direction == "past":
        return reference + timedelta(days=delta if delta <= 0 else delta - 7)
    if direction == "last":
        return reference + timedelta(days=delta if delta < 0 else delta - 7)
    # future, next
    return reference + timedelta(days=delta if delta > 0 else delta + 7)


def month_near(reference: date, month: int, day: int | None, direction: str | None) -> date:
    """The date with ``month`` (and ``day``) nearest ``reference``: before it, after it, or closest."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(date(year, month, day or 1))
        except ValueError:  # 29 February of a common year
            continue
    if day is None:
        # A month is "on or before" the reference when it starts before the reference's month ends.
        def before(d: date) -> bool:
            return (d.year, d.month) <= (reference.year, reference.month)
    else:

        def before(d: date) -> bool:
            return d <= reference

    if direction == "past":
        pool = [d for d in candidates if before(d)]
        return max(pool) if pool else min(candidates, key=lambda d: abs(d - reference))
    if direction == "future":
        pool = [
            d
            for d in candidates
            if not before(d) or (day is None and (d.year, d.month) == (reference.year, reference.month))
        ]
        return min(pool) if pool else min(candidates, key=lambda d: abs(d - reference))
    return min(candidates, key=lambda d: (abs(d - reference), d > reference))


def period_near(reference: date, index: int, per_year: int, direction: str | None) -> int:
    """The year of quarter/season ``index`` (1-based, ``per_year`` in a year) nearest ``reference``."""
    current = (reference.month - 1) * per_year // 12 + 1
    if direction == "future":
        return reference.year if index >= current else reference.year + 1
    if direction == "past":
        return reference.year if index <= current else reference.year - 1
    # No tense: the nearest, counting in periods around the year.
    ahead = (index - current) % per_year
    return (
        reference.year + (1 if index < current else 0)
        if ahead <= per_year // 2
        else (reference.year if index <= current else reference.year - 1)
    )
