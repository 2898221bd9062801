"""Pull quotes: a quotation set off in its own paragraph with its speaker's name after it and no quotation
marks, as pages flatten a pull-quote box or block quotation into text:

    I was basically hauled in and told that I needed to disconnect from her. Valeska Paris
    Today's announcement is an affront to the State of Texas. John Cornyn, U.S. Senator (R-Texas)

The signal is the paragraph's end: after a finished sentence comes a person's name (with a title after a
comma) and no final punctuation, which no sentence of the writer's ends like. A paragraph with quotation
marks is left to the marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from tacitus.quotes.marks import DOUBLE_MARKS, paragraphs
from tacitus.quotes.speakers import Speaker

SENTENCE_BREAK = re.compile(r"[.!?] +$")
MIN_QUOTE_WORDS = 4
MAX_TITLE_CHARS = 80


@dataclass
class PullQuote:
    start: int  # characters of what was said
    end: int
    speaker: Speaker


def find_pull_quotes(doc: Doc) -> list[PullQuote]:
    text = doc.text
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
        found.append(PullQuote(start, said_end, Speaker(name.root, name.start, name.end)))
    return found


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
    return name if SENTENCE_BREAK.search(doc.text[start : name.start_char]) else None


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
