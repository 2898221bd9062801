"""tacitus's time grammar on its own: expressions valued relative to a publication date and a tense."""

from datetime import date

import pytest

from tacitus.times.grammar import normalise, scan

THURSDAY = date(2009, 6, 18)


@pytest.mark.parametrize(
    ("text", "tense", "kind", "value"),
    [
        ("January 3, 2020", None, "DATE", "2020-01-03"),
        ("3 January 2020", None, "DATE", "2020-01-03"),
        ("January 2020", None, "DATE", "2020-01"),
        ("2019", None, "DATE", "2019"),
        ("7/8/07", None, "DATE", "2007-07-08"),
        ("Thursday", "past", "DATE", "2009-06-18"),
        ("Tuesday", "past", "DATE", "2009-06-16"),
        ("Tuesday", "future", "DATE", "2009-06-23"),
        ("last week", None, "DATE", "2009-W24"),
        ("this weekend", None, "DATE", "2009-W25-WE"),
        ("two years ago", None, "DATE", "2007"),
        ("a week ago", None, "DATE", "2009-06-11"),
        ("earlier this month", None, "DATE", "2009-06"),
        ("next year", None, "DATE", "2010"),
        ("the end of last year", None, "DATE", "2008"),
        ("yesterday", None, "DATE", "2009-06-17"),
        ("this morning", None, "TIME", "2009-06-18TMO"),
        ("Friday morning", "past", "TIME", "2009-06-12TMO"),
        ("12:00 UTC Monday", "past", "TIME", "2009-06-15T12:00Z"),
        ("6:40 p.m.", None, "TIME", "2009-06-18T18:40"),
        ("the first quarter of 2009", None, "DATE", "2009-Q1"),
        ("the fourth quarter", "past", "DATE", "2008-Q4"),
        ("the fourth quarter", None, "DATE", "2009-Q4"),
        ("mid-2011", None, "DATE", "2011"),
        ("the 1980s", None, "DATE", "198"),
        ("'82", None, "DATE", "1982"),
        ("ten days", None, "DURATION", "P10D"),
        ("thirty minutes", None, "DURATION", "PT30M"),
        ("almost two and a half years", None, "DURATION", "P2.5Y"),
        ("27-year", None, "DURATION", "P27Y"),
        ("several years", None, "DURATION", "PXY"),
        ("the past decade", None, "DURATION", "P10Y"),
        ("every year", None, "SET", "P1Y"),
        ("every Monday", None, "SET", "XXXX-WXX-1"),
        ("annual", None, "SET", "P1Y"),
        ("weekly", None, "SET", "P1W"),
        ("currently", None, "DATE", "PRESENT_REF"),
        ("Christmas", "past", "DATE", "2008-12-25"),
    ],
)
def test_values(text, tense, kind, value):
    normal = normalise(text, THURSDAY, tense)
    assert normal is not None, text
    assert (normal.type, normal.value) == (kind, value)


def test_a_year_in_the_next_decade_is_read_as_such():
    # "'11" in a 2010 story is 2011, not 1911
    assert normalise("'11", date(2010, 10, 23)).value == "2011"


def test_in_units_points_forward_only_in_the_future():
    assert normalise("in six years", date(2009, 2, 20), "past").value == "P6Y"
    assert normalise("in two weeks", date(2009, 2, 20), "future").value == "2009-03-06"


def test_without_a_reference_relative_times_have_no_value_but_absolute_ones_do():
    assert normalise("January 3, 2020", None).value == "2020-01-03"
    assert normalise("yesterday", None) is None


def test_scan_splits_what_a_model_merges_and_drops_sentence_stops():
    text = "It opened on June 17, two days later. Sales rose on Wednesday. 2000 troops left in 2009."
    found = [text[f.start : f.end] for f in scan(text)]
    assert found == ["June 17", "two days later", "Wednesday", "2009"]


def test_scan_finds_clock_times_and_rates():
    text = "The launch is at 18:00 UTC; tickets cost $15 a year and the shuttle flies twice a week."
    assert [text[f.start : f.end] for f in scan(text)] == ["18:00 UTC", "$15 a year", "twice a week"]


def _scan_case_insensitively(text: str):
    """The scan as it ran before the lower-case fast path: the case-insensitive scanner over every window."""
    from tacitus.times import grammar

    for start, end in grammar._windows(text, None):
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        for match in grammar._SCANNER.finditer(text, start, end):
            found = grammar._accept(match, text)
            if found is not None:
                yield found


@pytest.mark.parametrize(
    "text",
    [
        "The talks resumed at 18:00 UTC on Monday, 3 June 2009, and ended on Tuesday.",
        "THE TALKS RESUMED AT 18:00 UTC ON MONDAY, 3 JUNE 2009",
        "The Talks Resumed At 1800 Gmt On Monday, 3 June 2009",
        "at 18:00 utc on monday",
        "from 2 to 3 p.m. (PST) last week; in the 1990s; FY2009 Q3",
        "İstanbul on 3 June 2009, in ıanuary 2010, on ſunday the 5th",
        "Kelvin 5 K 2009 — on Wednesday’s “summit” since January",
    ],
)
def test_the_lower_case_fast_scan_finds_what_the_case_insensitive_scan_finds(text):
    """The scanner runs a lower-cased copy of its pattern over lower-cased text (faster), re-checking each match
    with the original and falling back to it for the characters lower-casing changes apart (İ, ı, ſ)."""
    assert list(scan(text)) == list(_scan_case_insensitively(text))
