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


# --- round 2: the khamenei article, speakers after quotations, attribution and marks ---------------------


def actor_named(record, name: str) -> str:
    return next(a.id for a in record.actors if a.name == name)


def test_pronoun_after_a_quotation_is_the_previous_speaker_not_a_name_inside_it(pipeline):
    # khamenei-article: "he" is Khamenei, although Trump is named inside the quotation and in the lead.
    text = (
        "Iran's Supreme Leader Ayatollah Ali Khamenei on Monday threatened former US president Donald Trump.\n\n"
        "Speaking at a ceremony, Khamenei said the killers would pay. "
        '"Trump and his accomplices must be punished for this crime, and they will be," he told the crowd.'
    )
    record = pipeline.code_one(Article(id="q", text=text))
    direct = next(q for q in record.quotes if q.kind == "direct")
    assert direct.speaker_text == "he"
    assert direct.speaker == actor_named(record, "Ali Khamenei")


def test_pronoun_after_a_quotation_follows_a_titled_speaker(pipeline):
    # wikinews-meantime-39951: "he" is Mr MacFarlane, the speaker of the sentence before, not Mr Howard.
    text = (
        "Prime Minister John Howard announced the funding on Friday. Mr Howard said that the project would "
        "involve a research centre. Mr MacFarlane said that the research facility was exciting for Australia. "
        '"The funding has helped Ford Australia secure the largest project ever undertaken in Australia" he said.'
    )
    record = pipeline.code_one(Article(id="q", text=text))
    direct = next(q for q in record.quotes if q.kind == "direct")
    speakers = [q.speaker for q in record.quotes if q.speaker_text == "Mr MacFarlane"]
    assert direct.speaker == speakers[0]
    assert direct.speaker != actor_named(record, "John Howard")


def test_a_later_pronoun_subject_in_the_narration_keeps_its_own_antecedent(pipeline):
    text = 'Smith said the plan would fail. Later, Mary Jones arrived at the meeting. "We will win," she said.'
    record = pipeline.code_one(Article(id="q", text=text))
    direct = next(q for q in record.quotes if q.kind == "direct")
    assert direct.speaker == actor_named(record, "Mary Jones")


def test_surname_speaker_without_a_mention_takes_the_named_person(pipeline):
    # wikinews-meantime-87805
    text = (
        "Indonesian Transport Minister Jusman Syafii Djamal announced the decision in Jakarta. "
        "Djamal told reporters that he felt the best option was the lifting of the ban."
    )
    record = pipeline.code_one(Article(id="q", text=text))
    reported = next(q for q in record.quotes if q.cue == "told")
    assert reported.speaker_text == "Djamal"
    assert reported.speaker == actor_named(record, "Jusman Syafii Djamal")


def test_sentence_final_according_to_attributes_the_whole_sentence(pipeline):
    # khamenei-article: state media reports that the officials said it; the officials' words stop at the comma.
    text = "Iraqi officials said they did not expect attacks on US forces, according to state media."
    found = quotes(pipeline, text)
    by_cue = {q.cue: q for q in found}
    assert by_cue["said"].text == "they did not expect attacks on US forces"
    assert by_cue["said"].speaker_text == "Iraqi officials"
    assert by_cue["according to"].text == "Iraqi officials said they did not expect attacks on US forces"
    assert by_cue["according to"].speaker_text == "state media"


def test_described_as_a_quoted_phrase_is_mixed(pipeline):
    # khamenei-article
    found = quotes(pipeline, 'The IRGC described Soleimani as a "martyr of the nation".')
    assert [(q.kind, q.speaker_text, q.cue) for q in found] == [("mixed", "The IRGC", "described")]
    assert [f.text for f in found[0].fragments] == ["martyr of the nation"]


def test_nearest_subject_and_no_time_noun_as_speaker(pipeline):
    # wikinews-meantime-71426 and -127227: parser errors give the cue a second subject.
    text = (
        "As well as new routes to the US, Mannion stated that there was a possibility of routes elsewhere. "
        'He stated that he expected the restructured GM to make "high quality, safe, and fuel-efficient cars of '
        'tomorrow," and several times described what he anticipated as "better" and "fuel-efficient" cars, after '
        "a streamlining of GM's brands."
    )
    found = quotes(pipeline, text)
    assert found[0].speaker_text == "Mannion"
    described = next(q for q in found if q.cue == "described")
    assert described.speaker_text == "He"


def test_marks_paragraph_continuation_is_decided_by_double_marks_only():
    # GUM_news_soccer: the apostrophe of "I've" in the continuing paragraph is not its first mark.
    text = 'Gomez said, "I think we learned a lot.\n\nThis is the fifth time I\'ve been here." After the match'
    assert outermost(text) == ["I think we learned a lot.\n\nThis is the fifth time I've been here."]


def test_marks_opening_curly_mark_typed_as_closing():
    # GUM_news_nasa: 'decision.“ However' closes the quotation.
    text = 'Cornyn said, "I am deeply disappointed with the decision.“ However, the JSC will get seats.'
    assert outermost(text) == ["I am deeply disappointed with the decision."]


def test_pull_quote_paragraph_ending_with_its_speakers_name(pipeline):
    # GUM_news_imprisoned and GUM_news_nasa: a pull-quote box flattened into text, without marks.
    text = (
        "Paris also claims that her passport was taken away from her.\n\n"
        "I was basically hauled in and told that my mum had attacked the church and that I needed to disconnect "
        "from her because she was suppressive. Valeska Paris\n\n"
        "Today's announcement is an affront to the thousands of dedicated men and women at Johnson Space Center. "
        "John Cornyn, U.S. Senator (R-Texas)\n\n"
        "The ship is seen in Bonaire. Image: NASA."
    )
    found = quotes(pipeline, text)
    pull = [q for q in found if q.attribution == "pull_quote"]
    assert [(q.kind, q.speaker_text) for q in pull] == [("direct", "Valeska Paris"), ("direct", "John Cornyn")]
    assert pull[0].text.startswith("I was basically hauled in") and pull[0].text.endswith("suppressive.")
    # The cue inside the pull quote ("told that ...") is the speaker's own words, not a report of the writer's.
    assert not any(q.cue == "told" for q in found)


def test_body_sentence_repeating_a_pull_quote_is_the_same_speakers_quotation(pipeline):
    # A pull quote is copied from the article; the body sentence it copies lost its marks on the page.
    said = "We were told to stay below deck for weeks and nobody would explain why."
    text = (
        f"{said} Maria Lopez\n\n"
        "Lopez joined the crew in 2003 and left the ship two years later.\n\n"
        f"{said} She says the crew was never given a reason for the order."
    )
    found = quotes(pipeline, text)
    repeated = [q for q in found if q.start > text.index("Lopez joined") and q.kind == "direct"]
    assert [(q.text, q.speaker_text, q.attribution) for q in repeated] == [(said, "Maria Lopez", "pull_quote")]
    assert repeated[0].speaker == found[0].speaker


def test_newspaper_named_times_is_a_speaker(pipeline):
    # GUM_news_clock: "Times" is not a stretch of time.
    text = 'The Straits Times noted that the messages had grown into a "support movement".'
    assert quotes(pipeline, text)[0].speaker_text == "The Straits Times"


def test_phrase_quoted_after_an_agentless_passive_cue_is_a_scare_quote(pipeline):
    # GUM_news_korea: <q>, no one is named as saying it.
    text = 'The army has been placed on high alert and has been told to prepare a "quasi-state of war".'
    assert quotes(pipeline, text) == []


def test_block_quotation_after_a_cue_and_colon(pipeline):
    # GUM_news_imprisoned: the paragraph after "denied these allegations:" is the Church's words, up to where
    # the writer reports speech again.
    text = (
        "In a statement to the Australian Broadcasting Corporation, the Church denied these allegations:\n\n"
        "She certainly wasn't 'forced' to be there. She was also never forced to perform labour in the engine "
        "room. They also claimed Paris was a volunteer."
    )
    direct = [q for q in quotes(pipeline, text) if q.kind == "direct"]
    assert [(q.text, q.cue, q.speaker_text, q.attribution) for q in direct] == [
        (
            "She certainly wasn't 'forced' to be there. "
            "She was also never forced to perform labour in the engine room.",
            "denied",
            "the Church",
            "cue",
        )
    ]


def test_title_before_a_name_gives_the_named_persons_actor(pipeline):
    # wikinews-meantime-79240
    text = (
        "The vice president of Dacia, Constantin Stroe, said that the price Ford offers is not important. "
        '"It\'s important to have the factory working as soon as possible", he added.'
    )
    record = pipeline.code_one(Article(id="q", text=text))
    stroe = actor_named(record, "Constantin Stroe")
    assert [q.speaker for q in record.quotes] == [stroe, stroe]


def test_pronoun_after_a_quote_ignores_a_pronoun_resolved_elsewhere(pipeline):
    # wikinews-meantime-87805: "he" after the quotation is Djamal, the speaker of the sentence before.
    text = (
        "Indonesian Transport Minister Jusman Syafii Djamal spoke on Monday. The announcement was made at a joint "
        "press conference with Indonesian Vice President Jusuf Kalla in Jakarta. Djamal told reporters that he "
        'felt the best option was the lifting of the ban. "The easiest way is to lift the ban, because the ban '
        'goes against the principle of open sky policy," he said.'
    )
    record = pipeline.code_one(Article(id="q", text=text))
    direct = next(q for q in record.quotes if q.kind == "direct")
    assert direct.speaker == actor_named(record, "Jusman Syafii Djamal")


def test_pronoun_after_a_described_speaker_keeps_its_resolution(pipeline):
    # wikinews-meantime-131162: "the bank chief" has no actor; "He" is still Ben Bernanke.
    text = (
        "US bank chief Ben Bernanke said that the US economy was starting to recover from the recession. "
        'According to the bank chief, "the prospects for a return to growth in the near term appear good." '
        'He added, however, that "the economic recovery is likely to be relatively slow at first."'
    )
    record = pipeline.code_one(Article(id="q", text=text))
    last = [q for q in record.quotes if q.speaker_text == "He"]
    assert last and last[0].speaker == actor_named(record, "Ben Bernanke")


def test_inverted_name_the_parser_hung_on_a_later_verb(pipeline):
    # wikinews-meantime-123881: the parser runs "said William Clay Ford Jr., executive chairman of Ford Motor
    # Co.." on into the next sentence and gives "Jr." to a later verb.
    text = (
        "Betty Sutton, Ohio's Congresswoman put forward the CARS act which provides a US$ 3,000 to 5,000 incentive "
        'for those who trade in their vehicle for a fuel-efficient car. "It clearly stimulates the economy, and it '
        "gets the consumer into the showroom and gets them buying again. But importantly -- and this is what I "
        'particularly like about it -- it really helps the environment quite a bit in two respects." said William '
        "Clay Ford Jr., executive chairman of Ford Motor Co.. Ford Motor Company has not come forward with requests "
        "for assistance. Since December GM and Chrysler have received US$ 17.4 billion government loans."
    )
    assert [q.speaker_text for q in quotes(pipeline, text)] == ["William Clay Ford Jr."]


def test_sentence_initial_surname_tagged_as_a_noun_takes_the_named_person(pipeline):
    # wikinews-meantime-10450: "Jobs" at a sentence's start is tagged a common noun and gets no actor.
    text = (
        "Apple Computer CEO Steve Jobs opened the Worldwide Developers Conference in San Francisco, California on "
        "Monday. He announced a seamless integration of podcasting with iTunes. Jobs welcomed everyone to the "
        "event and said that there were 3,800 attendees."
    )
    record = pipeline.code_one(Article(id="q", text=text))
    reported = next(q for q in record.quotes if q.speaker_text == "Jobs")
    assert reported.speaker == actor_named(record, "Steve Jobs")


def test_speaker_words_of_nasa_statements(pipeline):
    # GUM_news_nasa: a prepositional tail after an inverted name, a statement's owner, a title before a name.
    text = (
        "NASA Administrator Charles Bolden announced the decision on Tuesday.\n\n"
        '"We want to thank all of the locations that expressed an interest," said Bolden to the gathered crowd '
        "which contained many KSC employees.\n\n"
        "Senator John Cornyn of Texas issued a statement.\n\n"
        'Cornyn\'s statement added, "There is no question Houston should have been selected."\n\n'
        'In a statement, Governor of Washington Chris Gregoire said, "Seattle would have been a perfect fit."'
    )
    record = pipeline.code_one(Article(id="q", text=text))
    direct = [q for q in record.quotes if q.kind == "direct"]
    assert [q.speaker_text for q in direct] == ["Bolden", "Cornyn", "Governor of Washington Chris Gregoire"]
    assert direct[1].speaker == actor_named(record, "John Cornyn")
    assert direct[2].speaker == actor_named(record, "Chris Gregoire")


def test_quotation_after_a_statement_is_its_issuers(pipeline):
    # GUM_news_nasa: no cue, the sentence before says who issued the statement.
    text = (
        "Not all were pleased with the final choice of locations. U.S. Senator John Cornyn, Republican from Texas, "
        "issued a statement regarding the rejection of Johnson Space Center (JSC) in Houston, Texas as a location. "
        '"Like many Texans, I am disappointed with NASA\'s decision to slight the Johnson Space Center."'
    )
    record = pipeline.code_one(Article(id="q", text=text))
    direct = next(q for q in record.quotes if q.kind == "direct")
    assert (direct.speaker_text, direct.attribution) == ("U.S. Senator John Cornyn", "neighbour")
    assert direct.speaker == actor_named(record, "John Cornyn")


def test_reported_clause_cut_before_another_quotation_drops_the_joining_word(pipeline):
    # wikinews-meantime-100911: the clause stops before "with UBS analyst David Strauss saying", not after "with".
    text = (
        "USAF officials said that the contract had been awarded based on competence, track record and competitive "
        'pricing, with UBS analyst David Strauss saying "The key decision was the amount of fuel the bigger plane '
        'could carry."'
    )
    reported = next(q for q in quotes(pipeline, text) if q.kind == "indirect")
    assert reported.text == "the contract had been awarded based on competence, track record and competitive pricing"


def test_second_of_two_conjoined_participles_shares_the_subject(pipeline):
    # The parser hangs "and merely saying" on the first "saying" as its complement.
    text = (
        'He refused to predict when the bank would be sold, saying that that was a question "better addressed to '
        'the regulator", and merely saying that he expected a sale to be "years, not months" away.'
    )
    record = pipeline.code_one(Article(id="q", text=text))
    second = next(q for q in record.quotes if q.text.startswith("he expected"))
    assert (second.speaker_text, second.attribution) == ("He", "cue")


def test_organisation_after_a_persons_title_does_not_take_the_speech(pipeline):
    # "Name, title of Unit, Organisation said": the parser makes the organisation a second subject.
    text = (
        'Whitey MacDonald, chairperson of Local 1520, Canadian Auto Workers union said "There is a lot of anger '
        'here today."'
    )
    record = pipeline.code_one(Article(id="q", text=text))
    direct = next(q for q in record.quotes if q.kind == "direct")
    assert direct.speaker_text == "Whitey MacDonald"
    assert direct.speaker == actor_named(record, "Whitey MacDonald")


def test_according_to_a_source_the_parser_made_a_subject(pipeline):
    # "according to X believes that ...": the parser makes X the subject of "believes", "to" has no object.
    text = 'On the contrary, according to industry analyst Dennis DesRosier believes the mill is "likely" to close.'
    reported = next(q for q in quotes(pipeline, text) if q.cue == "according")
    assert reported.speaker_text == "industry analyst Dennis DesRosier"


def test_a_cue_the_parser_took_for_an_object_predicate_shares_the_subject(pipeline):
    # A typo ("called say") makes the parser take the cue for an object predicate of the verb before it.
    text = 'The union president Ron Gettelfinger called say the plan is "extremely disappointing."'
    reported = next(q for q in quotes(pipeline, text) if q.kind != "direct")
    assert reported.speaker_text == "The union president Ron Gettelfinger"
