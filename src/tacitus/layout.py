"""Text layout as sentence boundaries, set before spaCy's parser runs.

News text carries structure that a sentence splitter trained on running prose misses: a headline on its
own line, a wire dateline ("TEHRAN, Jan 3 (Reuters) - "), paragraphs. Left alone, the parser joins the
headline, the dateline and the first sentence into one "sentence", and every later stage then links words
that have nothing to do with each other. The parser respects boundaries set before it, so this component
marks a sentence start after a blank line, after a line that ends a sentence or is too short to be a wrapped
line of running text (a headline), and after a dateline. A line break inside hard-wrapped prose is left to
the parser.
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, IS_QUOTE, IS_RIGHT_PUNCT, IS_SPACE, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from tacitus.document import document_text

# A dateline: a place in capitals (or two, "BEIJING/TAIPEI"), optionally a date and an agency, then a dash; at the
# start of a paragraph.
DATELINE = re.compile(
    r"(?:^|\n)[ \t]*[A-Z][A-Z.'\- /]{1,40}(?:,[ \t]*[A-Z][A-Za-z.'\- ]{1,40})?"
    r"(?:,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?)?"
    r"(?:[ \t]*\([A-Za-z .&]{2,30}\))?[ \t]*(?:-{1,2}|–|—)[ \t]+"
)


def datelines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each dateline: end is where the text after it begins."""
    return [(match.start() + len(match.group()) - len(match.group().lstrip()), match.end())
            for match in DATELINE.finditer(text)]  # fmt: skip


# Wrapped prose fills its lines; a shorter line that ends without punctuation is a headline or a label.
WRAPPED_LINE_MIN = 60
LINE_END = re.compile(r"[.!?:;\"”’')\]]$")


def breaks_line(text: str, newline_at: int, newlines: int) -> bool:
    """Whether a line break at ``newline_at`` (``newlines`` line feeds) ends a sentence."""
    if newlines >= 2:
        return True
    line_start = text.rfind("\n", 0, newline_at) + 1
    line = text[line_start:newline_at].rstrip()
    return bool(LINE_END.search(line)) or len(line) < WRAPPED_LINE_MIN


def headline_end(text: str) -> int:
    """Where the article's headline ends: its first line when that line is a title (no sentence-ending
    punctuation; a title may end on a quoted word, 'minister blames "vandals"') followed by more text, or
    when a wire dateline opens the text below it, whatever ends the line; 0 when the article does not open
    with one."""
    newline_at = text.find("\n")
    if newline_at <= 0 or not text[newline_at:].strip():
        return 0
    line = text[:newline_at].rstrip()
    ending = line.rstrip("\"”’')]")
    if ending and not LINE_END.search(ending):
        return len(line)
    below = datelines(text[: newline_at + 400])
    return newline_at if line and below and not text[newline_at : below[0][0]].strip() else 0


@Language.component("news_layout")
def mark_layout(doc: Doc) -> Doc:
    if len(doc) < 2:
        return doc
    text = document_text(doc)
    spans = datelines(text)
    starts = {end for _, end in spans}
    # Token attributes as one array: only the few tokens that can change a boundary become Token objects.
    idx, space, punct, quote, right, trailing = doc.to_array(
        [IDX, IS_SPACE, IS_PUNCT, IS_QUOTE, IS_RIGHT_PUNCT, SPACY]
    ).T
    after_break = np.flatnonzero(space[:-1] == 1) + 1
    closing = np.flatnonzero((punct[1:] == 1) & ((quote[1:] == 1) | (right[1:] == 1))) + 1
    in_dateline = [i for start, end in spans for i in np.flatnonzero((idx > start) & (idx < end)).tolist()]
    at_start = np.flatnonzero(np.isin(idx, list(starts))).tolist() if starts else []
    for i in sorted({*after_break.tolist(), *closing.tolist(), *in_dateline, *at_start}):
        if i == 0 or space[i]:
            continue
        previous = i - 1
        start_previous = int(idx[previous])
        newlines = text.count("\n", start_previous, start_previous + len(doc[previous])) if space[previous] else 0
        if (newlines and breaks_line(text, start_previous, newlines)) or idx[i] in starts:
            doc[i].is_sent_start = True
        elif any(start < idx[i] < end for start, end in spans):
            doc[i].is_sent_start = False  # a dateline is one unit: "TEHRAN, Jan 3 (Reuters) -"
        elif punct[i] and not space[previous] and not trailing[previous] and (quote[i] or right[i]):
            doc[i].is_sent_start = False  # a closing mark stays with its sentence: 'basis."' before a break
    return doc
