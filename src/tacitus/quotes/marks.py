"""Quotation marks: pair them into quoted stretches of text, before any grammar is looked at.

News uses straight and curly marks, double and single ones, nests one inside the other, splits a quotation
around its cue, and runs one over several paragraphs by opening each paragraph with a mark and closing only
the last (the convention of English-language news style guides). Apostrophes look like single closing
marks (``don't``, ``Afghans'``, ``'90s``). :func:`find_stretches` pairs the marks of a whole text in one
pass and returns every quoted stretch, outermost first, each knowing whether it is nested in another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Marks that can only open or only close; the straight marks and the right single mark are decided by context.
DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
DOUBLE_EITHER = '"'
SINGLE_OPEN = "‘‚"
SINGLE_EITHER = "'’"
MARKS = re.compile(r"[\"“”„«»‘’‚']")
DOUBLE_MARKS = re.compile(r"[\"“”„«»]")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")
# Characters after which a mark opens a quotation (start of text, space, opening bracket, dash ...).
OPENING_CONTEXT = set(" \t\n([{—–-/:;") | set(DOUBLE_OPEN) | set(SINGLE_OPEN) | {'"', "'"}
# Characters before which a mark closes one (end of text, space, punctuation).
CLOSING_CONTEXT = set(" \t\n)]}.,;:!?—–-/…") | set(DOUBLE_CLOSE) | {'"', "'", "’"}


@dataclass
class Stretch:
    """Text between a pair of quotation marks: ``open_at`` is the opening mark, ``close_at`` the closing one
    (``None`` when the quotation runs to the end of its paragraph unclosed)."""

    open_at: int
    close_at: int | None
    double: bool
    depth: int = 0  # 0 for an outermost quotation, 1 for one nested in it ...
    # Opening marks of the paragraphs that continue this quotation (their closing mark is ``close_at``).
    continued_at: tuple[int, ...] = ()

    @property
    def content_start(self) -> int:
        return self.open_at + 1

    def content_end(self, text: str) -> int:
        if self.close_at is not None:
            return self.close_at
        return paragraph_end(text, self.continued_at[-1] if self.continued_at else self.open_at)

    @property
    def outer_end(self) -> int | None:
        """The end of the closing mark, or None when unclosed."""
        return None if self.close_at is None else self.close_at + 1


def paragraph_end(text: str, position: int) -> int:
    """The end of the paragraph holding ``position`` (trailing spaces excluded)."""
    found = PARAGRAPH_BREAK.search(text, position)
    end = found.start() if found else len(text)
    while end > position and text[end - 1].isspace():
        end -= 1
    return end


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in OPENING_CONTEXT and not after.isspace()


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after in CLOSING_CONTEXT or not after.isalnum())


def paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for found in PARAGRAPH_BREAK.finditer(text):
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def find_stretches(text: str) -> list[Stretch]:
    """Every quoted stretch of ``text``, in order of their opening marks."""
    stretches: list[Stretch] = []
    carried: Stretch | None = None  # an outermost double quotation left open at the end of the last paragraph
    for start, end in paragraphs(text):
        stack: list[Stretch] = []
        # Only a double mark can open or close the carried quotation: an apostrophe ("I've") is not one.
        first_mark = DOUBLE_MARKS.search(text, start, end)
        lead = start + len(text[start:end]) - len(text[start:end].lstrip())
        if carried is not None:
            if first_mark and first_mark.start() == lead and text[lead] in DOUBLE_OPEN + DOUBLE_EITHER:
                # "An opening quote mark at the start of each paragraph without a closing one continues the quote."
                carried.continued_at = (*carried.continued_at, lead)
                stack.append(carried)
            elif first_mark and _closing_double(text, first_mark.start()):
                # The paragraph closes a quotation it never opened: the break fell inside the quotation.
                stack.append(carried)
            else:
                stretches.append(carried)  # unclosed: it ends with its paragraph
            carried = None
        for found in MARKS.finditer(text, start, end):
            i, mark = found.start(), found.group()
            if stack and stack[0].continued_at and i == stack[0].continued_at[-1]:
                continue  # the continuation mark itself
            if mark in DOUBLE_OPEN and _double_open(stack) and _closes(text, i) and not _opens(text, i):
                _close_double(stack, stretches, i)  # an opening mark typed where the closing one belongs ('.“ ')
            elif mark in DOUBLE_OPEN or (mark in DOUBLE_EITHER and not _double_open(stack)):
                if mark in DOUBLE_EITHER and not _opens(text, i) and _closes(text, i):
                    continue  # a stray closing mark with nothing open
                stack.append(Stretch(i, None, double=True))
            elif mark in DOUBLE_CLOSE or mark in DOUBLE_EITHER:
                if mark in DOUBLE_EITHER and _opens(text, i) and not _closes(text, i):
                    # An opening-looking mark while a quotation is open: the earlier one was left unclosed.
                    _close_double(stack, stretches, None)
                    stack.append(Stretch(i, None, double=True))
                else:
                    _close_double(stack, stretches, i)
            elif mark in SINGLE_OPEN or (mark in SINGLE_EITHER and _opens(text, i)):
                stack.append(Stretch(i, None, double=False))
            elif mark in SINGLE_EITHER and _closes(text, i) and stack and not stack[-1].double:
                closed = stack.pop()
                closed.close_at = i
                stretches.append(closed)
            # else: an apostrophe
        # Unclosed single marks were apostrophes ('90s, rock 'n' roll): drop them. An unclosed double one
        # either continues into the next paragraph or ends here.
        doubles = [s for s in stack if s.double]
        if doubles:
            outer = doubles[0]
            for inner in doubles[1:]:
                stretches.append(inner)
            carried = outer
    if carried is not None:
        stretches.append(carried)
    stretches.sort(key=lambda s: s.open_at)
    _set_depths(text, stretches)
    return stretches


def _set_depths(text: str, stretches: list[Stretch]) -> None:
    # Depth by containment among the marks that paired: an apostrophe left on the stack does not count.
    open_ends: list[int] = []
    for stretch in stretches:
        while open_ends and open_ends[-1] <= stretch.open_at:
            open_ends.pop()
        stretch.depth = len(open_ends)
        open_ends.append(stretch.content_end(text))


def _closing_double(text: str, i: int) -> bool:
    mark = text[i]
    return mark in DOUBLE_CLOSE or (mark in DOUBLE_EITHER and _closes(text, i) and not _opens(text, i))


def _double_open(stack: list[Stretch]) -> bool:
    return any(s.double for s in stack)


def _close_double(stack: list[Stretch], stretches: list[Stretch], at: int | None) -> None:
    while stack:
        top = stack.pop()
        if top.double:
            top.close_at = at
            stretches.append(top)
            return
        # a single mark opened inside and never closed: an apostrophe after all
