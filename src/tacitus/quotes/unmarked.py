"""Quotations without quotation marks, as pages flatten a pull-quote box or a block quotation into text.

A *pull quote* is set off in its own paragraph with its speaker's name after it:

    I was basically hauled in and told that I needed to disconnect from her. Valeska Paris
    Today's announcement is an affront to the State of Texas. John Cornyn, U.S. Senator (R-Texas)

The signal is the paragraph's end: after a finished sentence comes a person's name (with a title after a
comma) and no final punctuation, which no sentence of the writer's ends like. A paragraph with quotation
marks is left to the marks. A pull quote is copied from the article: a body sentence that repeats one of its
sentences word for word is that speaker's quotation too, though the page lost its marks.

A *block quotation* is the paragraph after one that ends with a cue and a colon ("In a statement, the Church
denied these allegations:"). It runs to the end of its paragraph, or to the first sentence in which the writer
reports speech again ("They also claimed ..."), where the flattened page ran the next paragraph into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from tacitus.document import document_text
from tacitus.quotes.lexicon import CueLexicon
from tacitus.quotes.marks import DOUBLE_MARKS, paragraphs
from tacitus.quotes.speakers import PRONOUNS, Speaker, speaker_of_cue

SENTENCE_BREAK = re.compile(r"[.!?] +$")
PULL_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
MIN_QUOTE_WORDS = 4
MAX_TITLE_CHARS = 80


@dataclass
class PullQuote:
    start: int  # characters of what was said
    end: int
    speaker: Speaker | None
    cue: Token | None = None


def find_block_quotes(doc: Doc, lexicon: CueLexicon) -> list[PullQuote]:
    text = document_text(doc)
    found = []
    spans = paragraphs(text)
    for (start, end), (next_start, next_end) in pairwise(spans):
        if not text[start:end].rstrip().endswith(":") or DOUBLE_MARKS.search(text, next_start, next_end):
            continue
        introduction = doc.char_span(start, end, alignment_mode="expand")
        quotation = doc.char_span(next_start, next_end, alignment_mode="expand")
        if introduction is None or quotation is None:
            continue
        cue = next((t for t in reversed(introduction) if _speech_cue(t, lexicon)), None)
        if cue is None:
            continue
        stop = quotation.end
        for sentence in list(quotation.sents)[1:]:
            if any(_speech_cue(t, lexicon) and _reported_by_writer(t) for t in sentence):
                stop = sentence.start
                break
        tokens = doc[quotation.start : stop]
        if len(tokens) >= MIN_QUOTE_WORDS:
            found.append(PullQuote(tokens.start_char, tokens.end_char, speaker_of_cue(cue), cue))
    return found


def _speech_cue(token: Token, lexicon: CueLexicon) -> bool:
    return token.pos_ in ("VERB", "AUX") and lexicon.introduces_quote(token.lemma_)


def _reported_by_writer(cue: Token) -> bool:
    """A cue whose speaker is named in the third person: the writer reporting, not the quoted voice."""
    speaker = speaker_of_cue(cue)
    return (
        speaker is not None
        and speaker.head.lower_ not in {"i", "we"}
        and (speaker.head.lower_ in PRONOUNS or speaker.head.pos_ in ("PROPN", "NOUN"))
    )


def find_pull_quotes(doc: Doc) -> list[PullQuote]:
    text = document_text(doc)
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    found = []
    for start, end in paragraphs(text):
        paragraph = text[start:end].rstrip()
        end = start + len(paragraph)
        if DOUBLE_MARKS.search(paragraph) or paragraph[-1:] in ".!?:;":
            continue
        name = _closing_name(text, start, end, people) or _bare_name(doc, start, end)
        if name is None:
            continue
        said_end = name.start_char
        while text[said_end - 1] == " ":
            said_end -= 1
        if len(text[start:said_end].split()) < MIN_QUOTE_WORDS:
            continue
        name_end = name.end
        while name_end > name.start + 1 and name.doc[name_end - 1].is_space:
            name_end -= 1  # the model may end a name with the paragraph break after it
        found.append(PullQuote(start, said_end, Speaker(name.root, name.start, name_end)))
    return found


def find_repeated_pull_quotes(text: str, pulls: list[PullQuote]) -> list[PullQuote]:
    """The body sentences that repeat a pull quote's words verbatim: a pull quote is copied from the article,
    so where the body has its sentence (without marks, the page having lost them) that is the same speaker's
    quotation."""
    repeats = []
    for pull in pulls:
        if pull.cue is not None:
            continue
        for sentence in PULL_SENTENCE_END.split(text[pull.start : pull.end]):
            sentence = sentence.strip()
            if len(sentence.split()) < MIN_QUOTE_WORDS:
                continue
            at = text.find(sentence)
            while at != -1:
                if not pull.start <= at < pull.end:
                    repeats.append(PullQuote(at, at + len(sentence), pull.speaker))
                at = text.find(sentence, at + len(sentence))
    return repeats


def _bare_name(doc: Doc, start: int, end: int) -> Span | None:
    """Two to four capitalised proper nouns closing the paragraph after a finished sentence, for a name the
    entity recogniser did not take for a person ("... she was suppressive. Valeska Paris")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tail = []
    for token in reversed(span):
        if token.pos_ != "PROPN" or not token.text[:1].isupper() or not token.is_alpha:
            break
        tail.append(token)
    if not 2 <= len(tail) <= 4:
        return None
    name = doc[tail[-1].i : tail[0].i + 1]
    return name if SENTENCE_BREAK.search(document_text(doc)[start : name.start_char]) else None


def _closing_name(text: str, start: int, end: int, people: list[Span]) -> Span | None:
    """The person's name after the paragraph's last finished sentence, followed by nothing or by a title."""
    for name in people:
        if not start < name.start_char < end:
            continue
        if not SENTENCE_BREAK.search(text[start : name.start_char]):
            continue
        rest = text[name.end_char : end]
        if not rest or (
            rest.startswith(",") and len(rest) <= MAX_TITLE_CHARS and not re.search(r"[a-z]{2}[.!?]\s", rest)
        ):
            return name
    return None
