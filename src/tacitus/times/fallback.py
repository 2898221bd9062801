"""dateparser, for the absolute dates tacitus's grammar does not read ("3rd of Jan. 2021", "2021.01.03").

dateparser is thorough but slow: a parser with a relative base (the publication date) compiles its
patterns anew for each base, which would cost tens of milliseconds per article. So it sees only what the
grammar left *and* names a year (absolute dates, which need no base), through one parser per process, and
each text is parsed once. Relative expressions the grammar cannot read stay unvalued rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from dateparser.date import DateDataParser

from tacitus.times.grammar import MONTHS, WEEKDAYS, Normal

_LOOKS_LIKE_A_DATE = re.compile(
    r"\d|\b(?:" + "|".join(sorted((*MONTHS, *WEEKDAYS), key=len, reverse=True)) + r")\b"
    r"|\b(?:today|yesterday|tomorrow|ago|week|month|year|day)s?\b",
    re.IGNORECASE,
)
_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False}


_YEAR = re.compile(r"\b(?:1[0-9]|20)\d\d\b")


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    return DateDataParser(languages=["en"], settings=_SETTINGS)


def warm_up_dateparser() -> None:
    """Have dateparser build what it builds on first use (its time-zone and locale patterns, some 0.15 s)
    now, when the pipeline is loaded, rather than inside the first article that needs it."""
    _parser().get_date_data("3rd of Jan. 2021")


@lru_cache(maxsize=4096)
def dateparser_value(text: str, reference: date | None, label: str) -> Normal | None:
    """What dateparser makes of ``text`` at the granularity it reports, or None.

    ``reference`` is accepted for symmetry with the grammar; only absolute dates (with a year) are parsed.
    """
    if len(text) > 60 or not _YEAR.search(text) or not _LOOKS_LIKE_A_DATE.search(text):
        return None
    try:
        data = _parser().get_date_data(text)
    except (ValueError, OverflowError):  # dateparser raises on some odd inputs rather than returning nothing
        return None
    if data is None or data.date_obj is None:
        return None
    moment, period = data.date_obj, data.period or "day"
    if label == "TIME" and period in ("time", "day") and (moment.hour or moment.minute):
        return Normal("TIME", moment.strftime("%Y-%m-%dT%H:%M"), rule="dateparser")
    value = {"year": "%Y", "month": "%Y-%m", "week": "%G-W%V"}.get(period, "%Y-%m-%d")
    return Normal("DATE", moment.strftime(value), rule="dateparser")
