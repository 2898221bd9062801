"""The quotes stage on real sentences: direct, indirect and mixed speech, speakers, and what is not speech."""

from __future__ import annotations

import pytest

from tacitus.quotes.marks import find_stretches
from tacitus.record import Article


def quotes(pipeline, text: str):
    return pipeline.code_one(Article(id="q", text=text)).quotes


def outermost(text: str) -> list[str]:
    return [text[s.content_start : s.content_end(text)] for s in find_stretches(text) if s.depth == 0]


# --- quotation marks ------------------------------------------------------------------------------------


def test_marks_straight_curly_nested_and_apostrophes():
    assert outermost("He said: “We will fight the ‘martyrs’ of war.” Then he left.") == [
        "We will fight the ‘martyrs’ of war."
    ]
    # Apostrophes and 'n' are not quotation marks that swallow the rest of the text.
    assert outermost("The Afghans' team won in the '90s. 'Hello,' he said.")[-1] == "Hello,"


def test_marks_continue_over_paragraphs_opened_without_closing():
    text = '"First paragraph.\n\n"Second paragraph.\n\n"Third," she said.\n\nNot quoted.'
    assert outermost(text) == ['First paragraph.\n\n"Second paragraph.\n\n"Third,']


def test_marks_a_paragraph_that_only_closes_continues_the_quotation():
    # GUM_news_soccer: a paragraph break inside a quotation, no opening mark after it.
    text = 'Gomez said, "I think we learned a lot.\n\nIt was a very emotional day." After the match'
    assert outermost(text) == ["I think we learned a lot.\n\nIt was a very emotional day."]


def test_unclosed_quotation_ends_with_its_paragraph():
    text = '"This will be an American tanker, flown by American airmen.\n\nA new paragraph.'
    assert outermost(text) == ["This will be an American tanker, flown by American airmen."]


# --- direct quotations and speakers ---------------------------------------------------------------------


def test_inverted_cue_and_split_quotation(pipeline):
    text = (
        '"Seventeen years ago, this would not have been possible at all," said Ambassador Mohib. '
        '"We are so interested," team member Rodaba Noori told the press, "to show that Afghan women can make robots."'
    )
    found = quotes(pipeline, text)
    assert [(q.kind, q.speaker_text, q.cue) for q in found] == [
        ("direct", "Ambassador Mohib", "said"),
        ("direct", "team member Rodaba Noori", "told"),
        ("direct", "team member Rodaba Noori", "told"),
    ]
    assert found[0].text == "Seventeen years ago, this would not have been possible at all"
    assert found[0].speaker is not None and found[0].attribution == "cue"


def test_speaker_named_in_neighbouring_sentence_and_continuing(pipeline):
    # GUM_news_iodine: the speaker is named in the sentence before; the next paragraph continues with him.
    text = (
        "Professor Cres Eastman said he is alarmed by what they found. "
        '"Pregnant women in Australia are getting about half as much as what they require on a daily basis."'
        '\n\n"If iodine deficiency is serious you lose 15 IQ points, on average."'
    )
    direct = [q for q in quotes(pipeline, text) if q.kind == "direct"]
    assert len(direct) == 2
    assert all(q.speaker_text == "Professor Cres Eastman" and q.attribution == "neighbour" for q in direct)


def test_statement_and_quoted_as_saying_speakers(pipeline):
    text = (
        'The UAW issued a statement saying "The impacted workers find themselves facing uncertain futures." '
        '"We do not need to buy aircraft from Europe," Detik.com quoted Djamal as saying.'
    )
    assert [q.speaker_text for q in quotes(pipeline, text)] == ["The UAW", "Djamal"]


def test_cue_after_a_finished_sentence_is_not_taken_from_the_next_one(pipeline):
    # wikinews-meantime-87805: "he went on to say" belongs to the next, reported sentence.
    text = (
        'Djamal spoke to reporters. "Because of that we recommend not buying planes from Europe." '
        "However, he went on to say that he did not object to the purchase."
    )
    direct = next(q for q in quotes(pipeline, text) if q.kind == "direct")
    assert direct.cue != "say"


# --- indirect and mixed speech --------------------------------------------------------------------------


def test_indirect_speech_and_according_to(pipeline):
    text = (
        "Iran's foreign minister insisted that the country would not negotiate. "
        "According to Afghan Ambassador Hamdullah Mohib, the participation of this team shows progress."
    )
    found = quotes(pipeline, text)
    assert [(q.kind, q.text, q.cue) for q in found] == [
        ("indirect", "the country would not negotiate", "insisted"),
        ("indirect", "the participation of this team shows progress", "According to"),
    ]
    assert found[0].speaker_text == "Iran's foreign minister" and found[0].reported_clause
    assert found[1].speaker_text == "Afghan Ambassador Hamdullah Mohib"


def test_mixed_speech_keeps_its_quoted_fragments(pipeline):
    text = 'Khamenei described him as a "martyr" and warned that the US would pay a heavy price.'
    found = quotes(pipeline, text)
    assert [(q.kind, q.text) for q in found] == [
        ("mixed", 'him as a "martyr"'),
        ("indirect", "the US would pay a heavy price"),
    ]
    assert [f.text for f in found[0].fragments] == ["martyr"]
    assert all(q.speaker_text == "Khamenei" for q in found)


def test_reported_clause_that_is_all_quotation_is_direct(pipeline):
    text = 'Speaking to the public he said that "The GM that let you down is history," and left.'
    assert [(q.kind, q.text) for q in quotes(pipeline, text)] == [("direct", "The GM that let you down is history")]


def test_negated_cue_reports_nothing(pipeline):
    assert quotes(pipeline, "He didn't say where the cuts were going to take place.") == []


def test_writer_note_without_speaker_is_not_reported_speech(pipeline):
    text = "It is interesting to note that Intel has recently added DRM to its latest processors."
    assert quotes(pipeline, text) == []


# --- not speech -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'The song "Bella Ciao" was played as protesters chanted.',
        'The so-called "Resistance" has grown across the region.',
        'They named their robot "Robogee."',
        'Sources: "Document found on street not secret, say feds" — The Canadian Press, August 15, 2008',
        'The team was awarded a silver medal for "courageous achievement" on Tuesday.',
        "North Korea puts military in 'quasi-state of war'",
    ],
)
def test_titles_and_scare_quotes_are_not_speech(pipeline, text):
    assert quotes(pipeline, text) == []


def test_record_carries_offsets_for_the_events_stage(pipeline):
    text = 'Iran warned that it would retaliate. "We will respond," the minister said.'
    for quote in quotes(pipeline, text):
        if quote.speaker_start is not None:
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_text
        assert text[quote.cue_start : quote.cue_end] == quote.cue
        assert quote.sentence in (0, 1)


def test_linking_words_before_a_quotation_keep_it_direct(pipeline):
    # GUM_news_korea
    text = (
        '"Foolhardy provocation deserves harsh punishment", it added; and, later, "Kim Jong-un issued an order '
        'that the front-line units should enter a wartime state".'
    )
    assert [q.kind for q in quotes(pipeline, text)] == ["direct", "direct"]
