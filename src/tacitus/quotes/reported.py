"""Reported speech: the clause a cue reports ("X insisted that ..."), "according to X", and "X described Y as
...". Each gives the token range of what was reported; the stage decides whether it is indirect or mixed
(a reported clause with quoted words in it) and whether it is in fact a direct quotation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Token

from tacitus.document import sentence_at
from tacitus.quotes.lexicon import CueLexicon

# Words that may open a reported clause without belonging to what was said.
COMPLEMENTIZERS = {"that"}
EDGE_PUNCTUATION = set(",.;:—–-()[]")
# "X warned that ...": the complement that holds what was said; "as he said," introduces no report.
CLAUSE_DEPS = ("ccomp",)
PARENTHETICAL_DEPS = ("parataxis",)


@dataclass
class ReportedClause:
    cue: Token  # the cue word: the verb, or "according"
    cue_end: int  # token index after the cue words ("according to" is two)
    start: int  # token range of what was reported, end exclusive
    end: int
    form: str  # "clause", "describe", "according", "parenthetical"

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def find_reported_clauses(
    doc: Doc, lexicon: CueLexicon, quoted: Callable[[int], bool], has_fragment: Callable[[int, int], bool]
) -> list[ReportedClause]:
    """Every stretch of reported speech in ``doc`` cued by a word outside quotation marks.

    ``quoted(i)`` says whether token ``i`` is inside a quotation; ``has_fragment(start, end)`` whether quoted
    words (not a title or term) lie in that token range.
    """
    found: list[ReportedClause] = []
    for i in _possible_cues(doc, lexicon):
        token = doc[i]
        lower = token.lower_
        if lower == "according":
            clause = _according(token)
        elif token.pos_ not in ("VERB", "AUX") or quoted(token.i):
            continue
        elif token.lemma_ in lexicon.speech:
            clause = _complement(token)
        elif token.lemma_ in lexicon.describe:
            clause = _description(token, has_fragment)
        else:
            continue
        if clause is not None and clause.end > clause.start:
            found.append(clause)
    return found


_ACCORDING = get_string_id("according")


@lru_cache(maxsize=8)
def _cue_lemma_ids(lexicon: CueLexicon) -> frozenset[int]:
    return frozenset(get_string_id(lemma) for lemma in lexicon.speech | lexicon.describe)


def _possible_cues(doc: Doc, lexicon: CueLexicon) -> list[int]:
    """The indices of the tokens :func:`find_reported_clauses` may take as a cue: "according", and verbs whose
    lemma is a speech or describe cue. Read from token arrays at once: building a Token for every word to
    ask the same cost most of the function's time, and few words are cues."""
    if not len(doc):
        return []
    columns = doc.to_array([LOWER, POS, LEMMA])
    according = columns[:, 0] == _ACCORDING
    at = np.flatnonzero(according | (columns[:, 1] == VERB) | (columns[:, 1] == AUX))
    cue_lemmas = _cue_lemma_ids(lexicon)
    return [
        i
        for i, is_according, lemma in zip(at.tolist(), according[at].tolist(), columns[at, 2].tolist(), strict=True)
        if is_according or lemma in cue_lemmas
    ]


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (
        doc[start].is_space or doc[start].text in EDGE_PUNCTUATION or doc[start].lower_ in COMPLEMENTIZERS
    ):
        start += 1
    # A clause cut before what follows it may end on the word that joined them ("..., with", "..., and").
    while end > start and (
        doc[end - 1].is_space or doc[end - 1].text in EDGE_PUNCTUATION or doc[end - 1].pos_ in ("CCONJ", "ADP")
    ):
        end -= 1
    return start, end


def _complement(cue: Token) -> ReportedClause | None:
    doc = cue.doc
    if any(c.dep_ == "neg" for c in cue.children):
        return None  # "he did not say where the cuts would fall" reports no words of his
    clause = next((c for c in cue.children if c.dep_ in CLAUSE_DEPS), None)
    if clause is not None and clause.pos_ not in ("VERB", "AUX") and not _has_clause_parts(clause):
        clause = None  # headline "..., recalls envoy": the parser's clause is a bare noun, no words reported
    if clause is not None and clause.i < cue.i and any(t.text == ";" for t in doc[clause.right_edge.i + 1 : cue.i]):
        # Headline "EU slaps tariffs on Chinese cars; Beijing vows response": a semicolon joins two statements,
        # the first is no words of the second's subject.
        return None
    if clause is not None and clause.i > cue.i and _just_after_quotation(cue):
        # '"...," said X. Next sentence' : a cue right after a quotation reports that quotation; a clause
        # after it is the parser running on into the next sentence.
        return None
    if clause is not None:
        start, end = trim(doc, clause.left_edge.i, clause.right_edge.i + 1)
        start, end = _without_final_attribution(doc, start, end)
        return ReportedClause(cue, cue.i + 1, start, end, "clause")
    # "The country would retaliate, he said": the cue hangs on what was said.
    if cue.dep_ in PARENTHETICAL_DEPS and any(c.dep_ == "nsubj" for c in cue.children):
        if any(c.dep_ in ("dobj", "ccomp", "xcomp", "mark") for c in cue.children):
            return None
        return _around(cue.head, cue.left_edge.i, cue.right_edge.i + 1, cue, cue.i + 1, "parenthetical")
    return None


def _has_clause_parts(head: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "cop", "aux", "auxpass", "mark") for c in head.children)


def _just_after_quotation(cue: Token) -> bool:
    doc = cue.doc
    for token in doc[max(cue.i - 3, 0) : cue.i]:
        if token.is_quote and token.i < cue.i and (token.is_right_punct or token.text in ('"', "'")):
            return any(t.is_quote for t in doc[token.i : cue.i]) and not any(t.is_alpha for t in doc[token.i : cue.i])
    return False


def _peripheral(according: Token) -> bool:
    """Whether "according to X" opens or closes its sentence, set off by a comma: then it attributes the whole
    sentence ("Officials said ..., according to state media"), not only the clause the parser hung it on."""
    doc = according.doc
    sentence = sentence_at(doc, according.i)
    first, last = according.left_edge.i, according.right_edge.i
    opens = first == sentence.start and last + 1 < len(doc) and doc[last + 1].text == ","
    closes = (
        first > sentence.start and doc[first - 1].text == "," and all(t.is_punct for t in doc[last + 1 : sentence.end])
    )
    return opens or closes


def _without_final_attribution(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A reported clause without a sentence-final ", according to X": that names who reports the sentence, it
    is not part of what was said."""
    for token in doc[start:end]:
        final = token.lower_ == "according" and token.left_edge.i > start and token.right_edge.i + 1 >= end
        if final and _peripheral(token):
            return trim(doc, start, token.left_edge.i)
    return start, end


def _according(according: Token) -> ReportedClause | None:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    if to is None or not any(c.dep_ == "pobj" for c in to.children):
        return None
    head = sentence_at(according.doc, according.i).root if _peripheral(according) else according.head
    while head.pos_ not in ("VERB", "AUX") and head.head != head:
        head = head.head
    if head == according:
        return None
    return _around(head, according.left_edge.i, according.right_edge.i + 1, according, to.i + 1, "according")


def _around(head: Token, skip_start: int, skip_end: int, cue: Token, cue_end: int, form: str) -> ReportedClause:
    """What ``head``'s clause says, without the words that attribute it (at its start or end)."""
    doc = head.doc
    start, end = trim(doc, head.left_edge.i, head.right_edge.i + 1)
    if skip_start <= start:
        start = skip_end
    elif skip_end >= end:
        end = skip_start
    start, end = trim(doc, start, end)
    return ReportedClause(cue, cue_end, start, end, form)


def _description(cue: Token, has_fragment: Callable[[int, int], bool]) -> ReportedClause | None:
    """ "X described him as a 'martyr'", "X called the ruling 'dangerous'": the object and how it was described."""
    children = list(cue.children)
    as_phrase = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as"), None)
    complement = as_phrase or next((c for c in children if c.dep_ in ("oprd", "xcomp", "acomp", "ccomp")), None)
    if complement is None:
        return None
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    start = min(complement.left_edge.i, obj.left_edge.i if obj is not None else complement.left_edge.i)
    end = max(complement.right_edge.i, obj.right_edge.i if obj is not None else complement.right_edge.i) + 1
    start, end = trim(cue.doc, start, end)
    # "call" names as often as it describes ("a town called Hope"): only quoted words make it speech.
    if cue.lemma_ == "call" and (obj is None or not has_fragment(start, end)):
        return None
    if as_phrase is None and not has_fragment(start, end):
        return None
    return ReportedClause(cue, cue.i + 1, start, end, "describe")
