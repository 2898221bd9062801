"""tacitus's own time grammar: the common English time expressions of news, normalised to TIMEX3 values.

Each :class:`Rule` is a regular expression over an expression's text with a function that values a match
relative to a reference date (the publication date) and the tense of the clause the expression sits in
("Thursday" in "said on Thursday" is the last Thursday; in "will meet on Thursday" the next one).

The same rules serve twice: :func:`normalise` values a whole expression (e.g. one spaCy found), and
:func:`scan` finds expressions in raw text that spaCy's model misses or merges ("June 17, two days").
Whatever the grammar cannot value goes to dateparser (see :mod:`tacitus.times.valuer`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter

from tacitus.times.calendar import (
    SEASON_START,
    SEASONS,
    month_near,
    period_near,
    shift,
    value_at,
    weekday_near,
)


@dataclass(frozen=True)
class Normal:
    """A valued time expression. ``value`` is None when it needs a reference date that is missing."""

    type: str  # DATE, TIME, DURATION, SET
    value: str | None
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, LESS_THAN, MORE_THAN
    rule: str = ""  # the grammar rule that valued it
    day_from_context: bool = False  # a clock time whose day is the reference only for want of a better one


# --- lexicon -------------------------------------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
SMALL_NUMBERS = {
    word: n
    for n, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS = {
    word: n
    for n, word in enumerate(
        [
            "zeroth",
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ]
    )
}
ORDINALS.update(
    {
        "thirtieth": 30,
        "fortieth": 40,
        "fiftieth": 50,
        "sixtieth": 60,
        "seventieth": 70,
        "seventy-fifth": 75,
        "eightieth": 80,
        "ninetieth": 90,
        "hundredth": 100,
        "final": 4,
        "last": 4,
    }
)
VAGUE_NUMBERS = (
    "a few",
    "a couple of",
    "a couple",
    "few",
    "several",
    "some",
    "many",
    "numerous",
    "dozens of",
    "hundreds of",
    "countless",
)
UNITS = {
    "second": "second",
    "sec": "second",
    "minute": "minute",
    "min": "minute",
    "hour": "hour",
    "hr": "hour",
    "day": "day",
    "night": "day",
    "week": "week",
    "fortnight": "fortnight",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "yr": "year",
    "decade": "decade",
    "century": "century",
    "centurie": "century",
    "weekend": "weekend",
}
# TIMEX3 duration letters; clock units go after a "T".
DURATION_LETTER = {
    "second": "TS",
    "minute": "TM",
    "hour": "TH",
    "day": "D",
    "week": "W",
    "fortnight": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "weekend": "WE",
}
# How finely "three weeks ago" is known: a date to the day, "two years ago" to the year.
AGO_GRANULARITY = {
    "second": "day",
    "minute": "day",
    "hour": "day",
    "day": "day",
    "week": "day",
    "fortnight": "day",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "decade": "year",
    "century": "year",
    "weekend": "weekend",
}
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
    "overnight": "NI",
    "midday": "MI",
    "noon": "MI",
    "dawn": "MO",
    "dusk": "EV",
}
MOD_WORDS = {
    "early": "START",
    "beginning": "START",
    "start": "START",
    "late": "END",
    "end": "END",
    "mid": "MID",
    "middle": "MID",
    "about": "APPROX",
    "around": "APPROX",
    "almost": "APPROX",
    "nearly": "APPROX",
    "roughly": "APPROX",
    "some": "APPROX",
    "approximately": "APPROX",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "less than": "LESS_THAN",
    "under": "LESS_THAN",
    "up to": "EQUAL_OR_LESS",
    "just": None,
    "only": None,
}
REFERENCE_WORDS = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "at the moment": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "current": "PRESENT_REF",
    "present": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "the time being": "PRESENT_REF",
    "recently": "PAST_REF",
    "recent": "PAST_REF",
    "lately": "PAST_REF",
    "in the past": "PAST_REF",
    "the past": "PAST_REF",
    "formerly": "PAST_REF",
    "previously": "PAST_REF",
    "once": "PAST_REF",
    "soon": "FUTURE_REF",
    "very soon": "FUTURE_REF",
    "in the future": "FUTURE_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "in the coming days": "FUTURE_REF",
    "in the coming weeks": "FUTURE_REF",
    "in the coming months": "FUTURE_REF",
    "in the coming years": "FUTURE_REF",
}
SET_ADVERBS = {
    "annual": "P1Y",
    "annually": "P1Y",
    "yearly": "P1Y",
    "biannual": "P6M",
    "biennial": "P2Y",
    "quarterly": "P3M",
    "monthly": "P1M",
    "weekly": "P1W",
    "biweekly": "P2W",
    "daily": "P1D",
    "nightly": "P1D",
    "hourly": "PT1H",
}


def _holiday(name: str, year: int) -> date:
    fixed = {
        "christmas": (12, 25),
        "christmas day": (12, 25),
        "christmas eve": (12, 24),
        "boxing day": (12, 26),
        "new year's day": (1, 1),
        "new year's eve": (12, 31),
        "halloween": (10, 31),
        "valentine's day": (2, 14),
        "bastille day": (7, 14),
        "may day": (5, 1),
    }
    if name in fixed:
        return date(year, *fixed[name])
    sunday = easter(year)
    return {
        "easter": sunday,
        "easter sunday": sunday,
        "good friday": sunday - timedelta(days=2),
        "easter monday": sunday + timedelta(days=1),
    }[name]


HOLIDAYS = (
    "christmas day",
    "christmas eve",
    "christmas",
    "boxing day",
    "new year's day",
    "new year's eve",
    "halloween",
    "valentine's day",
    "bastille day",
    "may day",
    "easter sunday",
    "easter monday",
    "easter",
    "good friday",
)


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


MONTH = rf"(?P<month>{_alternation(MONTHS)})\.?"
WEEKDAY = rf"(?P<weekday>{_alternation(WEEKDAYS)})\.?"
LEAD_WEEKDAY = rf"(?:(?:{_alternation(WEEKDAYS)})\.?,? )?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1[0-9]\d\d|20\d\d)"
_WORD_NUMBER = (
    rf"(?:(?:{_alternation(TENS)})(?:[- ](?:{_alternation(k for k, v in SMALL_NUMBERS.items() if 0 < v < 10)}))?"
    rf"|{_alternation(SMALL_NUMBERS)})"
)
NUMBER = rf"(?P<number>\d+(?:[.,]\d+)?|{_WORD_NUMBER}|an?|{_alternation(VAGUE_NUMBERS)})(?P<half> and a half)?"
UNIT = rf"(?P<unit>{_alternation(UNITS)})s?"
PART = rf"(?P<part>{_alternation(PARTS_OF_DAY)})"
MOD = rf"(?:(?P<mod>{_alternation(MOD_WORDS)})[- ]?)"
RELATIVE = (
    r"(?P<rel>this|last|next|coming|past|previous|current|following"
    r"|the following|the previous|the past|the coming|the next)"
)


def number_value(text: str | None) -> float | None:
    """``"twenty-five"`` -> 25, ``"an"`` -> 1, ``"2.5"`` -> 2.5; vague amounts ("several") -> None."""
    if text is None:
        return None
    text = text.lower().replace(",", "")
    if text in ("a", "an"):
        return 1
    if text in VAGUE_NUMBERS:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text) if "." in text else int(text)
    if text in SMALL_NUMBERS:
        return SMALL_NUMBERS[text]
    parts = re.split(r"[- ]", text)
    if parts[0] in TENS:
        return TENS[parts[0]] + (SMALL_NUMBERS.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


def _amount(match: re.Match) -> float | None:
    amount = number_value(match.group("number"))
    if amount is not None and match.groupdict().get("half"):
        amount += 0.5
    return amount


def _format_amount(amount: float | None) -> str:
    if amount is None:
        return "X"
    return f"{amount:g}"


def _unit(match: re.Match) -> str:
    return UNITS[match.group("unit").lower().rstrip(".")]


def _mod(match: re.Match) -> str | None:
    word = (match.groupdict().get("mod") or "").lower()
    return MOD_WORDS.get(word)


def duration_value(amount: float | None, unit: str) -> str:
    """``P10D``, ``PT30M``, ``P2.5Y``, ``PXY`` (an unknown number of years); decades in years, as MEANTIME."""
    letter = DURATION_LETTER[unit]
    factor = {"fortnight": 2, "decade": 10, "century": 100}.get(unit)
    if factor and amount is not None:
        amount *= factor
        letter = {"fortnight": "W"}.get(unit, "Y")
    if letter.startswith("T"):
        return f"PT{_format_amount(amount)}{letter[1:]}"
    return f"P{_format_amount(amount)}{letter}"


# --- rules ---------------------------------------------------------------------------------------------

Handler = Callable[[re.Match, date | None, str | None], Normal | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    handle: Handler
    # May the scanner look for this rule in raw text? Rules whose words are also ordinary words
    # ("may", "march", "fall", "now") only value expressions spaCy found.
    scan: bool = True


RULES: list[Rule] = []


def rule(name: str, pattern: str, scan: bool = True) -> Callable[[Handler], Handler]:
    def register(handle: Handler) -> Handler:
        RULES.append(Rule(name, re.compile(pattern, re.IGNORECASE), handle, scan))
        return handle

    return register


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@rule("iso-date", r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
def _iso(m, ref, tense):
    day = _date(int(m["year"]), int(m["month"]), int(m["day"]))
    return Normal("DATE", day.isoformat()) if day else None


@rule("month-day-year", rf"{LEAD_WEEKDAY}(?:the )?{MONTH} {DAY},? {YEAR}")
@rule("day-month-year", rf"{LEAD_WEEKDAY}(?:the )?{DAY} (?:of )?{MONTH},? {YEAR}")
def _full_date(m, ref, tense):
    day = _date(int(m["year"]), MONTHS[m["month"].lower()], int(m["day"]))
    return Normal("DATE", day.isoformat()) if day else None


@rule("numeric-date", r"(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<year>\d{4}|\d{2})")
def _numeric_date(m, ref, tense):
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    if year < 100:
        year += 2000 if year <= (ref.year % 100 if ref else 30) + 1 else 1900
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless the first number cannot be a month
    found = _date(year, month, day)
    return Normal("DATE", found.isoformat()) if found else None


@rule("month-year", rf"{MOD}?{MONTH},? (?:of )?{YEAR}")
def _month_year(m, ref, tense):
    return Normal("DATE", f"{m['year']}-{MONTHS[m['month'].lower()]:02d}", _mod(m))


@rule("month-day", rf"{LEAD_WEEKDAY}(?:the )?{MONTH} {DAY}(?![\d:])")
@rule("day-month", rf"{LEAD_WEEKDAY}(?:the )?{DAY} (?:of )?{MONTH}")
def _month_day(m, ref, tense):
    day, month = int(m["day"]), MONTHS[m["month"].lower()]
    if not 1 <= day <= 31:
        return None
    if ref is None:
        return Normal("DATE", f"XXXX-{month:02d}-{day:02d}")
    found = month_near(ref, month, day, tense)
    return Normal("DATE", found.isoformat())


@rule("month", rf"{MOD}?(?:(?P<rel>this|last|next|early|late) )?{MONTH}", scan=False)
def _month(m, ref, tense):
    month = MONTHS[m["month"].lower()]
    if m["month"].lower() in ("may", "march", "mar", "jan", "sun", "dec", "sep") and m["month"].islower():
        return None
    if ref is None:
        return Normal("DATE", f"XXXX-{month:02d}", _mod(m))
    rel = (m["rel"] or "").lower()
    if rel in ("early", "late"):
        mod, rel = MOD_WORDS[rel], ""
    else:
        mod = _mod(m)
    direction = {"last": "past", "next": "future"}.get(rel, tense)
    if rel == "this":
        direction = None
    found = month_near(ref, month, None, direction)
    if rel == "last" and (found.year, found.month) == (ref.year, ref.month):
        found = found.replace(year=found.year - 1)
    return Normal("DATE", value_at(found, "month"), mod)


@rule(
    "year",
    rf"(?:{MOD}|the (?P<edge>end|beginning|start|middle) of )?(?:the year |fiscal year |FY ?)?{YEAR}(?![\d,.]\d)",
)
def _year(m, ref, tense):
    mod = _mod(m) or (MOD_WORDS[m["edge"].lower()] if m["edge"] else None)
    return Normal("DATE", m["year"], mod)


@rule("short-year", r"'(?P<short>\d\d)(?!s)")
def _short_year(m, ref, tense):
    short = int(m["short"])
    # The century that puts the year no more than ten years after the reference ("'11" in 2010 is 2011).
    year = 2000 + short if 2000 + short <= (ref.year if ref else 2000) + 10 else 1900 + short
    return Normal("DATE", str(year))


@rule("decade", r"(?:the )?(?:(?P<mod>early|late|mid)[- ]?)?'?(?P<century>1\d|20)?(?P<decade>\d)0'?s")
def _decade(m, ref, tense):
    century = m["century"] or ("19" if not ref or int(m["decade"]) * 10 > ref.year % 100 else "20")
    return Normal("DATE", f"{century}{m['decade']}", _mod(m))


@rule(
    "quarter",
    r"(?:the )?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th|q[1-4])[- ](?:fiscal )?quarter"
    r"(?: of (?:(?P<rel>this|last|next) year|the year|(?:fiscal )?(?P<year>\d{4})|(?P<prev>the previous year)))?"
    r"|(?P<q>q[1-4]) (?P<qyear>\d{4})",
)
def _quarter(m, ref, tense):
    if m["q"]:
        return Normal("DATE", f"{m['qyear']}-Q{m['q'][1]}")
    ordinal = m["ord"].lower()
    if ordinal.startswith("q"):
        index = int(ordinal[1])
    elif ordinal[0].isdigit():
        index = int(ordinal[0])
    elif ordinal == "last" and not (m["year"] or m["rel"]):
        # "the last quarter": the quarter before the reference's
        if ref is None:
            return None
        return Normal("DATE", value_at(shift(ref, -1, "quarter"), "quarter"))
    else:
        index = ORDINALS[ordinal]
    if m["year"]:
        return Normal("DATE", f"{m['year']}-Q{index}")
    if ref is None:
        return Normal("DATE", f"XXXX-Q{index}")
    if m["rel"] or m["prev"]:
        year = ref.year + {"this": 0, "last": -1, "next": 1}.get((m["rel"] or "last").lower(), -1)
    else:
        year = period_near(ref, index, 4, tense)
    return Normal("DATE", f"{year}-Q{index}")


@rule(
    "season",
    r"(?:(?P<rel>this|last|next|the|early|late) )?(?P<season>spring|summer|autumn|fall|winter)"
    r"(?: (?:of )?(?P<year>\d{4}))?",
    scan=False,
)
def _season(m, ref, tense):
    code = SEASONS[m["season"].lower()]
    rel = (m["rel"] or "").lower()
    mod = MOD_WORDS.get(rel) if rel in ("early", "late") else None
    if m["year"]:
        return Normal("DATE", f"{m['year']}-{code}", mod)
    if ref is None:
        return Normal("DATE", f"XXXX-{code}", mod)
    index = list(SEASON_START).index(code) + 1
    if rel == "last":
        year = period_near(ref, index, 4, "past")
        if year == ref.year and (ref.month - 3) % 12 // 3 + 1 == index:
            year -= 1
    elif rel == "next":
        year = period_near(ref, index, 4, "future")
    elif rel == "this":
        year = ref.year
    else:
        year = period_near(ref, index, 4, tense)
    return Normal("DATE", f"{year}-{code}", mod)


@rule("holiday", rf"(?P<holiday>{_alternation(HOLIDAYS)})(?: (?:of )?(?P<year>\d{{4}}))?", scan=False)
def _holiday_rule(m, ref, tense):
    name = m["holiday"].lower()
    if m["year"]:
        return Normal("DATE", _holiday(name, int(m["year"])).isoformat())
    if ref is None:
        return None
    options = [_holiday(name, y) for y in (ref.year - 1, ref.year, ref.year + 1)]
    if tense == "past":
        chosen = max(d for d in options if d <= ref)
    elif tense == "future":
        chosen = min(d for d in options if d >= ref)
    else:
        chosen = min(options, key=lambda d: abs(d - ref))
    return Normal("DATE", chosen.isoformat())


@rule(
    "day-word",
    rf"(?:(?P<edge>earlier|later|late|early) )?(?P<word>today|tonight|yesterday|tomorrow)"
    rf"(?:'s)?(?: {PART})?|(?P<dby>the day before yesterday|the day after tomorrow)",
)
def _day_word(m, ref, tense):
    if ref is None:
        return None
    if m["dby"]:
        return Normal("DATE", (ref + timedelta(days=-2 if "before" in m["dby"].lower() else 2)).isoformat())
    word = m["word"].lower()
    day = ref + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
    part = "NI" if word == "tonight" else PARTS_OF_DAY.get((m["part"] or "").lower())
    if part:
        return Normal("TIME", f"{day.isoformat()}T{part}")
    return Normal("DATE", day.isoformat())


@rule("part-of-day", rf"(?:(?P<rel>this|last|yesterday|tomorrow) ){PART}|last night|overnight")
def _part_of_day(m, ref, tense):
    if ref is None:
        return None
    text = m.group(0).lower()
    rel = "last" if text in ("last night", "overnight") else (m["rel"] or "").lower()
    part = "NI" if text in ("last night", "overnight") else PARTS_OF_DAY[m["part"].lower()]
    day = ref + timedelta(days={"last": -1 if part == "NI" else 0, "yesterday": -1, "tomorrow": 1}.get(rel, 0))
    return Normal("TIME", f"{day.isoformat()}T{part}")


@rule("bare-part-of-day", PART, scan=False)
def _bare_part_of_day(m, ref, tense):
    if ref is None:
        return None
    # On the day the sentence names, else the publication date (the stage moves it).
    return Normal("TIME", f"{ref.isoformat()}T{PARTS_OF_DAY[m['part'].lower()]}", day_from_context=True)


@rule("narrative-day", r"(?:the|that) (?:same |very )?(?:day|date)|that time|(?:the )?same day", scan=False)
def _narrative_day(m, ref, tense):
    # The day the text was last talking about; the stage finds it, the publication date stands in.
    return Normal("DATE", ref.isoformat() if ref else None, day_from_context=True)


@rule("weekday", rf"(?:(?P<rel>last|next|this|coming|past|previous) )?{WEEKDAY}(?:'s)?(?: {PART})?")
def _weekday(m, ref, tense):
    if m["weekday"][0].islower() and len(m["weekday"]) <= 4:
        return None  # "sun", "sat", "wed" are words before they are days
    weekday = WEEKDAYS[m["weekday"].lower().rstrip(".")]
    if ref is None:
        return Normal("DATE", f"XXXX-WXX-{weekday + 1}")
    rel = (m["rel"] or "").lower()
    direction = {
        "last": "last",
        "past": "last",
        "previous": "last",
        "next": "next",
        "coming": "future",
        "this": "this",
    }.get(rel, "future" if tense == "future" else "past")
    day = weekday_near(ref, weekday, direction)
    part = PARTS_OF_DAY.get((m["part"] or "").lower())
    if part:
        return Normal("TIME", f"{day.isoformat()}T{part}")
    return Normal("DATE", day.isoformat())


_CLOCK = (
    r"(?P<hour>[01]?\d|2[0-3])(?::|\.(?=\d\d ?[ap]\.?m))(?P<minute>[0-5]\d)(?: ?(?P<ampm>[ap])\.?m\.?)?"
    r"|(?P<hour2>1[0-2]|0?[1-9]) ?(?P<ampm2>[ap])\.?m\.?"
    r"|(?P<hhmm>[01]\d|2[0-3])(?P<mm>[0-5]\d) (?=UTC|GMT|hours|hrs)"
    r"|(?P<noon>noon|midnight)"
)
_ZONES = (
    "UTC|GMT|Z|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|EET|EEST|IST|JST|KST|AEST|AEDT|MSK|EAT|WAT|CAT|SAST"
    "|HKT|SGT|PKT"
)
_ZONE = rf"(?: ?\(?(?-i:(?P<zone>{_ZONES}))(?: ?[+-] ?\d{{1,2}})?\)?)?"
_DAY_WORD = rf"(?:on )?(?P<dayword>today|yesterday|tomorrow|{_alternation(WEEKDAYS)})"


@rule(
    "clock",
    rf"(?:(?P<before>{_DAY_WORD.replace('dayword', 'dayword1')})(?:,? at)? )?(?:{_CLOCK}){_ZONE}"
    rf"(?:(?: hours| hrs)?,?(?: on)? {_DAY_WORD})?",
)
def _clock(m, ref, tense):
    if m["noon"]:
        hour, minute = (12 if m["noon"].lower() == "noon" else 0), 0
    elif m["hhmm"]:
        hour, minute = int(m["hhmm"]), int(m["mm"])
    else:
        hour = int(m["hour"] or m["hour2"])
        minute = int(m["minute"] or 0)
        ampm = (m["ampm"] or m["ampm2"] or "").lower()
        if ampm == "p" and hour < 12:
            hour += 12
        elif ampm == "a" and hour == 12:
            hour = 0
    zone = "Z" if (m["zone"] or "").upper() in ("UTC", "GMT", "Z") else ""
    dayword = (m["dayword"] or m["dayword1"] or "").lower()
    if ref is None:
        return Normal("TIME", f"XXXX-XX-XXT{hour:02d}:{minute:02d}{zone}")
    if dayword in ("today", "yesterday", "tomorrow"):
        day = ref + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(dayword, 0))
    elif dayword:
        day = weekday_near(ref, WEEKDAYS[dayword], "future" if tense == "future" else "past")
    else:
        day = ref
    return Normal("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}{zone}", day_from_context=not dayword)


@rule(
    "relative-unit",
    rf"(?:(?P<edge>earlier|later|early|late|the end of|the beginning of|the start of|the middle of|the rest of)"
    rf" )?{RELATIVE} (?P<unit>week|weekend|month|year|quarter|decade|century)(?:'s)?",
)
def _relative_unit(m, ref, tense):
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    if rel in ("past", "the past", "the following", "following", "the coming", "the next") and not m["edge"]:
        # "the past year" is a stretch of time ending now, not a calendar year
        return Normal("DURATION", duration_value(1, UNITS[unit]))
    if ref is None:
        return None
    step = {
        "last": -1,
        "previous": -1,
        "the previous": -1,
        "next": 1,
        "coming": 1,
        "following": 1,
        "the following": 1,
        "past": -1,
    }.get(rel, 0)
    day = shift(ref, step, unit)
    edge = (m["edge"] or "").lower()
    mod = {"earlier": None, "later": None, "the rest of": None}.get(
        edge, MOD_WORDS.get(edge.split()[1] if " " in edge else edge)
    )
    return Normal("DATE", value_at(day, unit), mod)


@rule("bare-unit", r"(?:the )?(?P<edge>end|beginning|start|middle) of the (?P<unit>week|month|year|day)")
def _bare_unit(m, ref, tense):
    if ref is None:
        return None
    return Normal("DATE", value_at(ref, m["unit"].lower()), MOD_WORDS[m["edge"].lower()])


@rule("ago", rf"{MOD}?{NUMBER} {UNIT} (?P<dir>ago|earlier|before|later|from now|hence)")
def _ago(m, ref, tense):
    amount, unit = _amount(m), _unit(m)
    direction = m["dir"].lower()
    if direction in ("earlier", "later", "before"):
        return None  # relative to another time in the text, not to publication: the anchoring pass values these
    if ref is None or amount is None:
        return Normal("DATE", "PAST_REF" if direction == "ago" else "FUTURE_REF")
    day = shift(ref, -amount if direction == "ago" else amount, unit)
    granularity = AGO_GRANULARITY[unit]
    if granularity == "day" and unit in ("second", "minute", "hour"):
        return Normal("TIME", day.isoformat(), _mod(m))
    return Normal("DATE", value_at(day, granularity), _mod(m))


@rule("in-units", rf"(?:with)?in (?:the next )?{NUMBER} {UNIT}(?:'s? time)?")
def _in_units(m, ref, tense):
    amount, unit = _amount(m), _unit(m)
    if m.group(0).lower().startswith("within"):
        return Normal("DURATION", duration_value(amount, unit), "EQUAL_OR_LESS")
    if tense != "future":
        return Normal("DURATION", duration_value(amount, unit))  # "for the first time in six years"
    if ref is None or amount is None:
        return Normal("DATE", "FUTURE_REF")
    return Normal("DATE", value_at(shift(ref, amount, unit), AGO_GRANULARITY[unit]))


@rule("age", rf"(?:the age of |aged )(?P<number>\d+)|(?P<number2>\d+|{_WORD_NUMBER})[- ]years?[- ]old")
def _age(m, ref, tense):
    return Normal("DURATION", f"P{number_value(m['number'] or m['number2']):g}Y")


@rule(
    "duration",
    rf"(?:(?:the|a|an|over the|in the|during the|for the) )?"
    rf"(?:(?P<span>past|last|next|coming|first|following|previous|final|same|entire|whole) )?"
    rf"{MOD}?{NUMBER}[- ](?:(?:trading|business|working|consecutive|straight|calendar|full|long|short)[- ])*{UNIT}"
    rf"(?:[- ](?:long|period|span|stretch|history|run))?",
)
def _duration(m, ref, tense):
    amount, unit = _amount(m), _unit(m)
    return Normal("DURATION", duration_value(amount, unit), _mod(m))


@rule(
    "vague-duration",
    r"(?:for |over |in )?(?:the )?(?:(?P<span>past|last|next|coming|recent|many|several|few) )?"
    r"(?P<unit>second|minute|hour|day|week|month|year|decade|centurie)s(?:-long)?",
    scan=False,
)
def _vague_duration(m, ref, tense):
    return Normal("DURATION", duration_value(None, UNITS[m["unit"].lower()]))


@rule(
    "unit-duration",
    r"(?:(?:the|a|an|one) )?(?:(?:past|last|next|coming|full|entire|whole) )?"
    r"(?P<unit>decade|century|fortnight)",
)
def _unit_duration(m, ref, tense):
    return Normal("DURATION", duration_value(1, UNITS[m["unit"].lower()]))


@rule(
    "set-every",
    rf"(?:every|each) (?:(?P<other>other|second) )?(?:(?P<unit>day|week|weekend|month|year|quarter|hour|"
    rf"decade|morning|afternoon|evening|night)|{WEEKDAY})|once a (?P<unit2>day|week|month|year)",
)
def _set_every(m, ref, tense):
    if m["weekday"]:
        return Normal("SET", f"XXXX-WXX-{WEEKDAYS[m['weekday'].lower().rstrip('.')] + 1}")
    unit = (m["unit"] or m["unit2"]).lower()
    if unit in PARTS_OF_DAY:
        return Normal("SET", f"TXX{PARTS_OF_DAY[unit]}".replace("TXX", "XXXX-XX-XXT"))
    return Normal("SET", duration_value(2 if m["other"] else 1, UNITS[unit]))


@rule("set-adverb", rf"(?P<adverb>{_alternation(SET_ADVERBS)})|(?:a|per) (?P<unit>day|week|month|year)", scan=False)
def _set_adverb(m, ref, tense):
    if m["adverb"]:
        return Normal("SET", SET_ADVERBS[m["adverb"].lower()])
    return Normal("SET", duration_value(1, UNITS[m["unit"].lower()]))


@rule(
    "rate",
    rf"(?:(?P<qty>[$€£]?[\d.,]+%?|once|twice|thrice|{_WORD_NUMBER} times) )?(?:a|per|each) "
    r"(?P<unit>day|week|month|year)",
)
def _rate(m, ref, tense):
    return Normal("SET", duration_value(1, UNITS[m["unit"].lower()]))


@rule("reference", rf"(?P<ref>{_alternation(REFERENCE_WORDS)})")
def _reference(m, ref, tense):
    return Normal("DATE", REFERENCE_WORDS[m["ref"].lower()])


# --- using the rules -----------------------------------------------------------------------------------

_STRIP = re.compile(r"^(?:(?:on|in|at|by|since|until|till|from|of|during|for|about|around|the)\s+)+", re.IGNORECASE)


def clean(text: str) -> str:
    """An expression's text as the rules read it: one space between words, no trailing punctuation."""
    return " ".join(text.replace("’", "'").split()).strip(" ,.;:")


# Rules whose value depends on the tense of the clause (which way "Thursday" or "October 12" points).
TENSE_RULES = frozenset({"month-day", "day-month", "month", "quarter", "season", "holiday", "weekday", "clock",
                         "in-units"})  # fmt: skip


# Rules are pure functions of the text, the reference date and the tense, and Normal is frozen: an expression
# found both by spaCy and by the scanner, or valued again with its tense, is read once.
@lru_cache(maxsize=16384)
def normalise(text: str, reference: date | None, tense: str | None = None) -> Normal | None:
    """The TIMEX3 value of the whole expression ``text``, or None when no rule reads all of it."""
    text = clean(text)
    for candidate in dict.fromkeys((text, _STRIP.sub("", text))):
        for r in RULES:
            match = r.pattern.fullmatch(candidate)
            if match:
                normal = r.handle(match, reference, tense)
                if normal is not None:
                    return Normal(normal.type, normal.value, normal.mod, r.name, normal.day_from_context)
    return None


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    rule: str


def _scanner(lower_case: bool = False) -> re.Pattern:
    # One pattern over all scannable rules, longest alternatives first within each rule, each rule a group.
    # ``lower_case``: the same pattern with its letters lower-cased, matched case-sensitively, for lower-cased
    # text (the bodies hold no escapes an upper-case letter would change: only \d, \w and punctuation).
    parts = []
    for index, r in enumerate(RULES):
        if r.scan:
            body = re.sub(r"\(\?P<\w+>", "(?:", r.pattern.pattern)
            parts.append(rf"(?P<r{index}>{body.lower() if lower_case else body})")
    flags = 0 if lower_case else re.IGNORECASE
    return re.compile(r"(?<![\w'-])(?:" + "|".join(parts) + r")(?![\w-])", flags)


_SCANNER = _scanner()
# Python's regex engine skips an alternative on its first character only when it matches case-sensitively:
# over lower-cased text this pattern runs some three times faster than _SCANNER. It matches wherever _SCANNER
# does (the letters compare lower-cased either way), and also at time zones _SCANNER wants in capitals
# ("18:00 UTC", not "utc"); so each of its matches is checked against _SCANNER (see scan).
_LOWER_CASE_SCANNER = _scanner(lower_case=True)
# The only characters for which str.lower and the case-insensitive engine disagree (checked over all of
# Unicode, for the ASCII letters, \w, \d and \s): "İ" lower-cases to two characters, "ı" and "ſ" match "i"
# and "s".
_FOLDED_APART = re.compile("[\u0130\u0131\u017f]")


def lower_cases_alike(text: str) -> bool:
    """Whether a pattern whose letters are lower-case ASCII matches ``text.lower()`` case-sensitively exactly
    where it matches ``text`` case-insensitively, at the same offsets (the faster way: see
    _LOWER_CASE_SCANNER)."""
    return _FOLDED_APART.search(text) is None


# A match must say something about time in a way no ordinary phrase does: a digit, a month or weekday
# written with its capital, or one of the rules whose words are time words.
_CAPITALISED = re.compile(rf"\b(?:{_alternation(w.capitalize() for w in (*MONTHS, *WEEKDAYS))})\b")
_YEAR_CONTEXT = re.compile(
    r"\b(?:in|since|until|till|by|before|after|during|from|through|to|of|and|or|early|late|mid|year|season)[ -]$",
    re.IGNORECASE,
)
# Reference words found without spaCy: the unambiguous ones ("now" and "current" are too often not times).
_SCANNED_REFERENCES = {
    "currently",
    "recently",
    "more recently",
    "nowadays",
    "at present",
    "in the future",
    "the future",
    "in the past",
    "the near future",
    "the near term",
    "the long term",
    "the short term",
    "the time being",
    "very soon",
    "lately",
}
_TIME_WORDS = {
    "reference",
    "rate",
    "day-word",
    "part-of-day",
    "relative-unit",
    "bare-unit",
    "ago",
    "in-units",
    "set-every",
    "age",
    "quarter",
    "duration",
}


_HAS_NUMBER = re.compile(rf"\d|\b(?:{_WORD_NUMBER})\b", re.IGNORECASE)
_RATE_LEAD = re.compile(r"(?:once|twice|thrice|\S+ times|[$€£]?[\d.,]+%?) ", re.IGNORECASE)
_LEAD = re.compile(r"(?:on|at) ", re.IGNORECASE)
_TRAIL = re.compile(r"(?:(?<=[a-z]{5})\.|'s)$", re.IGNORECASE)
# Words without which no rule can match: the scanner reads only the text around them.
_TRIGGER = re.compile(
    r"\b(?:1\d|20)\d\d\b|\d[:/.]\d|\d0'?s\b|'\d\d\b|\d ?[ap]\.?m\b"
    rf"|\b(?:{_alternation((*MONTHS, *WEEKDAYS, *UNITS, *PARTS_OF_DAY, *SEASONS, *SET_ADVERBS))})s?\b"
    r"|\b(?:today|tonight|yesterday|tomorrow|ago|now|currently|recently|nowadays|present|future|past|term|"
    r"lately|soon|noon|midnight|christmas|easter|halloween|new year|valentine|bastille|every|each)",
    re.IGNORECASE,
)
# Characters before and after a trigger: longer than any expression's lead-in ("almost two and a half")
# and tail ("of last year").
WINDOW_BEFORE, WINDOW_AFTER = 40, 25


# The same words, for callers that have the text's tokens (the stage): a set lookup per token.
TRIGGER_WORDS = frozenset(
    w.lower()
    for w in (
        *MONTHS,
        *WEEKDAYS,
        *UNITS,
        *(u + "s" for u in UNITS),
        *PARTS_OF_DAY,
        *SEASONS,
        *SET_ADVERBS,
        "today",
        "tonight",
        "yesterday",
        "tomorrow",
        "ago",
        "now",
        "currently",
        "recently",
        "nowadays",
        "present",
        "future",
        "past",
        "term",
        "lately",
        "soon",
        "noon",
        "midnight",
        "christmas",
        "easter",
        "halloween",
        "new",
        "valentine",
        "bastille",
        "every",
        "each",
        "centuries",
    )
)


_NUMERIC_TRIGGER = re.compile(r"^(?:(?:1\d|20)\d\d|.*\d[:/.]\d.*|\d+0'?s|'\d\d|\d{1,2}(?:[ap]\.?m\.?)?|\d{4})$")


def is_trigger(word: str) -> bool:
    """Is this token a reason to look for a time expression around it? Time words and date-like numbers
    ("2009", "18:00", "7/8/07", "1980s", a day of the month) are; amounts ("$4.6", "60,000") are not."""
    return word.lower() in TRIGGER_WORDS or (
        any(c.isdigit() for c in word) and _NUMERIC_TRIGGER.match(word) is not None
    )


def _windows(text: str, triggers: list[tuple[int, int]] | None = None) -> Iterator[tuple[int, int]]:
    start = end = None
    found = triggers if triggers is not None else ((m.start(), m.end()) for m in _TRIGGER.finditer(text))
    for trigger_start, trigger_end in found:
        lo, hi = max(0, trigger_start - WINDOW_BEFORE), min(len(text), trigger_end + WINDOW_AFTER)
        if end is not None and lo <= end:
            end = hi
            continue
        if end is not None:
            yield start, end
        start, end = lo, hi
    if end is not None:
        yield start, end


def scan(text: str, triggers: list[tuple[int, int]] | None = None) -> Iterator[Found]:
    """Time expressions in raw ``text`` that the grammar can value, leftmost-longest, not overlapping.

    The big pattern runs only on windows around trigger words (found in ``text``, or given as the sorted
    character spans of the tokens that are :data:`TRIGGER_WORDS` or hold a digit), so text without a time
    in it costs little.
    """
    for window_start, window_end in _windows(text, triggers):
        # Start where a word starts, so the scanner never begins inside a word the window cut.
        while window_start > 0 and text[window_start - 1].isalnum():
            window_start -= 1
        matches = _matches_in_lower_case(text, window_start, window_end)
        if matches is None:
            matches = _SCANNER.finditer(text, window_start, window_end)
        for match in matches:
            found = _accept(match, text)
            if found is not None:
                yield found


def _matches_in_lower_case(text: str, start: int, end: int) -> list[re.Match] | None:
    """``_SCANNER.finditer(text, start, end)`` found faster with :data:`_LOWER_CASE_SCANNER`, or None when the
    window holds a character lower-casing changes apart or the fast scanner went where _SCANNER does not
    (then the caller scans again).

    Where _SCANNER matches, the fast one does too; so when each fast match starts a _SCANNER match that ends
    at the same place, the two found the same matches, and _SCANNER's (re-matched where the fast one
    started) are returned.
    """
    lookbehind_from = max(0, start - 1)  # the scanner looks at the character before a match
    window = text[lookbehind_from:end]
    if not lower_cases_alike(window):
        return None
    matches = []
    for fast in _LOWER_CASE_SCANNER.finditer(window.lower(), start - lookbehind_from):
        match = _SCANNER.match(text, lookbehind_from + fast.start(), end)
        if match is None or match.end() != lookbehind_from + fast.end():
            return None
        matches.append(match)
    return matches


def _accept(match: re.Match, text: str) -> Found | None:
    name = RULES[int(match.lastgroup[1:])].name if match.lastgroup else None
    if name is None:
        return None
    found = match.group(0)
    if not (name in _TIME_WORDS or _CAPITALISED.search(found) or any(c.isdigit() for c in found)):
        return None
    if (
        name == "year"
        and found.isdigit()
        and not _YEAR_CONTEXT.search(text[max(0, match.start() - 12) : match.start()])
    ):
        return None  # a bare number is a year only after a word that takes one: "in 2009", not "2009 troops"
    if name == "duration" and not _HAS_NUMBER.search(found):
        return None  # "a day" alone is too often not a time expression to take without spaCy
    if name == "reference" and found.lower() not in _SCANNED_REFERENCES:
        return None
    if name == "rate" and not _RATE_LEAD.match(found):
        return None  # "a day" alone is not a rate; "twice a day", "$15 a year" are
    lead = _LEAD.match(found)
    # "Wednesday." ends a sentence: the full stop belongs to abbreviations only ("Jan.", "p.m.").
    trail = _TRAIL.search(found)
    return Found(match.start() + (lead.end() if lead else 0), match.end() - (len(trail.group(0)) if trail else 0), name)
