from tacitus.layout import datelines, headline_end
from tacitus.record import Article


def sentences(pipeline, text):
    return [s.text.strip() for s in pipeline.nlp(pipeline.make_doc(Article(id="x", text=text))).sents]


def test_headline_dateline_and_paragraphs_are_boundaries(pipeline):
    text = (
        "Khamenei vows revenge on Trump at Soleimani anniversary\n\n"
        "TEHRAN, Jan 3 (Reuters) - Iran's Supreme Leader threatened Donald Trump on Monday.\n\n"
        "The crowd chanted slogans."
    )
    assert sentences(pipeline, text) == [
        "Khamenei vows revenge on Trump at Soleimani anniversary",
        "TEHRAN, Jan 3 (Reuters) -",
        "Iran's Supreme Leader threatened Donald Trump on Monday.",
        "The crowd chanted slogans.",
    ]


def test_hard_wrapped_prose_is_not_cut(pipeline):
    text = (
        "Police said the protesters had gathered outside the ministry on Monday and\n"
        "stayed there until late in the evening, when officers moved in.\n"
    )
    assert len(sentences(pipeline, text)) == 1


def test_dateline_forms():
    for text in ("BEIRUT (AP) — Israeli jets struck", "KYIV, Ukraine -- Officials said", "GENEVA, March 4 - Talks"):
        assert datelines(text), text
    assert not datelines("The US-led coalition - which includes Britain - said")


def test_headline_end():
    assert headline_end("Khamenei vows revenge\n\nTEHRAN, Jan 3 - He spoke.") == len("Khamenei vows revenge")
    assert headline_end("He spoke on Monday.\nThen he left.") == 0
    assert headline_end("A single line without an end") == 0
    title = 'Minister blames "vandals"'
    assert headline_end(title + "\n\nBOGOTA - The minister spoke.") == len(title)
    assert headline_end('He said: "We will stay."\nThen he left.') == 0
    wire = "Iran vows revenge.\nTEHRAN, Jan 3 (Reuters) - Iran's leader spoke."
    assert headline_end(wire) == len("Iran vows revenge."), "a first line above a dateline is the headline"
