"""The times stage in the pipeline: real parses, relative and event-anchored times, which path valued what."""

from tacitus.config import Settings
from tacitus.evaluate.times import evaluate
from tacitus.record import Article
from tests.conftest import GOLD, needs_gold

SOLEIMANI = (
    "Qasem Soleimani was killed on January 3, 2020, in a US drone strike near Baghdad airport. "
    "Thousands marched in Tehran on the second anniversary of his death. "
    "Two years after Soleimani's death, Iran's president vowed revenge on Thursday."
)


def times(pipeline, text, published="2022-01-06"):
    return pipeline.code_one(Article(id="t", text=text, published=published)).times


def by_text(items):
    return {t.text: t for t in items}


def test_absolute_relative_and_event_anchored_dates(pipeline):
    found = by_text(times(pipeline, SOLEIMANI))
    assert found["January 3, 2020"].value == "2020-01-03"
    anniversary = found["the second anniversary of his death"]
    assert (anniversary.type, anniversary.value, anniversary.valued_by) == ("DATE", "2022-01-03", "anchor")
    assert anniversary.anchor == found["January 3, 2020"].id
    after = found["Two years after Soleimani's death"]
    assert (after.value, after.found_by) == ("2022-01-03", "anchor")
    # published on a Thursday: "vowed ... on Thursday" is that day
    assert found["Thursday"].value == "2022-01-06"


def test_an_anchor_event_not_dated_in_the_text_leaves_a_duration(pipeline):
    found = by_text(times(pipeline, "Two years after the war, the city is still in ruins."))
    assert found["Two years after the war"].type == "DURATION"
    assert found["Two years after the war"].value == "P2Y"


def test_tense_decides_which_weekday_is_meant(pipeline):
    found = by_text(times(pipeline, "The talks ended on Tuesday. Negotiators will meet again on Monday.",
                          published="2023-05-03"))  # fmt: skip
    assert found["Tuesday"].value == "2023-05-02"
    assert found["Monday"].value == "2023-05-08"


def test_planned_events_point_forward(pipeline):
    text = "Apple announced today another special event to be held on October 12."
    assert by_text(times(pipeline, text, "2005-10-04"))["October 12"].value == "2005-10-12"


def test_narrative_times_count_from_the_last_date(pipeline):
    text = "The ship left Lagos on March 2, 2021. Three days later, at 18:00 UTC, it reached Accra."
    found = by_text(times(pipeline, text, "2021-03-20"))
    assert (found["Three days later"].value, found["Three days later"].valued_by) == ("2021-03-05", "anchor")
    assert found["18:00 UTC"].value == "2021-03-05T18:00Z"  # the day its sentence names


def test_a_clock_time_takes_the_day_its_sentence_names(pipeline):
    text = "The polls closed at 18:00 UTC on Sunday."
    found = by_text(times(pipeline, text, "2023-05-03"))
    assert [t.value for t in found.values() if t.type == "TIME"] == ["2023-04-30T18:00Z"]


def test_dateline_gives_the_reference_when_the_article_has_no_date(pipeline):
    text = "Stocks fall\n\nSeptember 1, 2007\n\nShares fell sharply today on Wall Street."
    found = by_text(times(pipeline, text, published=None))
    assert found["today"].value == "2007-09-01"


def test_no_reference_no_invented_date(pipeline):
    found = by_text(times(pipeline, "Shares fell sharply yesterday.", published=None))
    assert found["yesterday"].value is None


def test_ages_are_not_times(pipeline):
    assert not times(pipeline, "The former minister, aged 56, died in hospital.")


def test_every_token_of_an_expression_is_indexed(pipeline):
    doc = pipeline.nlp(pipeline.make_doc(Article(id="x", text=SOLEIMANI, published="2022-01-06")))
    for time in doc._.times:
        span = doc.char_span(time.start, time.end)
        assert {doc._.token_time[t.i] for t in span} == {time.id}


def test_paths_are_reported(pipeline):
    found = by_text(times(pipeline, "Fighting resumed on the 3rd of Jan. 2021 and again last week."))
    assert found["last week"].valued_by == "rules" and found["last week"].rule == "relative-unit"
    assert all(t.found_by in ("spacy", "rules", "spacy+rules", "anchor") for t in found.values())


@needs_gold
def test_meantime_value_accuracy():
    report = evaluate(GOLD, Settings(), limit=40)
    assert report.row("value accuracy (of relaxed matches)", "tacitus").headline >= 0.8
    assert report.row("extraction relaxed", "tacitus").headline > report.row(
        "extraction relaxed", "dateparser search_dates").headline  # fmt: skip


def test_a_year_after_an_amount_is_a_rate(pipeline):
    text = (
        "Air India says the new fuel-efficient airliner will save US$ 300 million in fuel a year. He served for a year."
    )
    found = times(pipeline, text)
    assert [(t.text, t.type, t.value) for t in found] == [("a year", "SET", "P1Y"), ("a year", "DURATION", "P1Y")]


def test_an_anniversary_of_an_event_dated_in_its_own_phrase(pipeline):
    text = (
        "Stocks fell on Monday. Traders are responding to the 20th anniversary of the October 1987 stock market "
        "crash. Markets crashed on Monday."
    )
    found = by_text(times(pipeline, text, published="2007-10-20"))
    assert found["the 20th anniversary of the October 1987 stock market crash"].value == "2007-10"


def test_a_time_in_a_clause_below_the_event_does_not_date_it(pipeline):
    """ "criticised the decision to delay elections until 2025": 2025 dates the delay, not the criticism."""
    record = pipeline.code_one(
        Article(
            id="t",
            text="France criticised the junta's decision to delay elections until 2025.",
            published="2022-01-31",
        )
    )
    criticism = [e for e in record.events if e.trigger.text == "criticised"]
    assert criticism, [(e.cameo, e.trigger.text) for e in record.events]
    assert criticism[0].date == "2022-01-31"


def test_a_date_spacy_cuts_at_its_comma_is_one_expression(pipeline):
    found = by_text(times(pipeline, "BAMAKO, Jan 31, 2022 (Reuters) - The junta met on Monday.", None))
    assert found["Jan 31, 2022"].value == "2022-01-31"
    assert "2022" not in found and found["Monday"].value == "2022-01-31"


def test_an_amount_after_an_event_does_not_count_from_the_clause_it_dates(pipeline):
    """ "struck targets on Thursday, a day after an attack": Thursday dates the strikes, which come a day after
    the attack; the attack is not dated a day after Thursday."""
    text = "Turkish warplanes struck targets on Thursday, a day after an attack near Ankara killed five people."
    record = pipeline.code_one(Article(id="t", text=text, published="2024-10-24"))
    values = {t.text: t.value for t in record.times}
    assert values["Thursday"] == "2024-10-24"
    assert values["a day after an attack near Ankara"] != "2024-10-25"
