"""dateparser, for the expressions tacitus's grammar does not read ("the 3rd of Jan.", "in a fortnight").

dateparser is thorough but slow (milliseconds a call), so it only sees what the grammar left, only when the
text looks like a date at all, and each (text, reference) pair is parsed once per process.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from dateparser.date import DateDataParser

from tacitus.times.grammar import MONTHS, WEEKDAYS, Normal

_LOOKS_LIKE_A_DATE = re.compile(
    r"\d|\b(?:" + "|".join(sorted((*MONTHS, *WEEKDAYS), key=len, reverse=True)) + r")\b"
    r"|\b(?:today|yesterday|tomorrow|ago|week|month|year|day)s?\b",
    re.IGNORECASE,
)
_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False}


@lru_cache(maxsize=64)
def _parser(reference: date | None) -> DateDataParser:
    settings = dict(_SETTINGS)
    if reference is not None:
        settings["RELATIVE_BASE"] = datetime(reference.year, reference.month, reference.day)
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def dateparser_value(text: str, reference: date | None, label: str) -> Normal | None:
    """What dateparser makes of ``text`` at the granularity it reports, or None."""
    if not _LOOKS_LIKE_A_DATE.search(text) or len(text) > 60:
        return None
    if reference is None and not re.search(r"\b\d{4}\b", text):
        return None  # relative to what? dateparser would take today's date, which is never the article's
    try:
        data = _parser(reference).get_date_data(text)
    except (ValueError, OverflowError):  # dateparser raises on some odd inputs rather than returning nothing
        return None
    if data is None or data.date_obj is None:
        return None
    moment, period = data.date_obj, data.period or "day"
    if label == "TIME" and period in ("time", "day") and (moment.hour or moment.minute):
        return Normal("TIME", moment.strftime("%Y-%m-%dT%H:%M"), rule="dateparser")
    value = {"year": "%Y", "month": "%Y-%m", "week": "%G-W%V"}.get(period, "%Y-%m-%d")
    return Normal("DATE", moment.strftime(value), rule="dateparser")
