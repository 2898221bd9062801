"""Which way a time expression points: the tense of the clause it belongs to.

"Thursday" in "the minister said on Thursday" is the Thursday before publication; in "talks will resume on
Thursday" the one after. The grammar resolves weekdays, months and quarters without a year in that
direction; with no tense to go on, it takes the nearest.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_FUTURE_VERBS = {"plan", "schedule", "expect", "due", "set", "intend", "aim", "hope", "prepare"}


def governing_verb(span: Span) -> Token | None:
    """The verb whose clause holds ``span``, climbing the dependency tree from the span's root."""
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") and token.i not in range(span.start, span.end):
            return token
        if token.head is token:
            return token if token.pos_ in ("VERB", "AUX") else None
        token = token.head
    return None


_MODALS = {"should", "may", "might", "could", "would", "must", "can", "ca", "need"}


def clause_tense(span: Span) -> str | None:
    """``"past"``, ``"future"`` or None (present or unknown).

    Modal and infinitive clauses ("should be completed in October", "to be held on October 12") point
    forward, as do verbs of planning ("has been scheduled for June 3"); an expression after "until" points
    forward unless its verb is a simple past.
    """
    verb = governing_verb(span)
    if verb is None:
        return None
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    if words & _FUTURE_AUX or ("going" in words and "to" in words):
        return "future"
    if words & _MODALS or verb.lemma_ in _FUTURE_VERBS:
        return "future"
    if "to" in words and "have" in words and verb.tag_ == "VBN":
        return "past"  # "claims to have won July's election": a perfect infinitive looks back
    if "to" in words or (verb.head.lemma_ in _FUTURE_VERBS and verb.dep_ == "xcomp"):
        return "future"  # "to be held on October 12", "plans to meet on Friday"
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in ("until", "till") and verb.tag_ != "VBD":
        return "future"
    if verb.tag_ in ("VBD", "VBN") or any(child.tag_ == "VBD" for child in auxiliaries):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_ == "be" and _has_to(verb):
        return "future"
    return None


def _has_to(verb: Token) -> bool:
    return any(child.dep_ == "xcomp" and any(c.lower_ == "to" for c in child.children) for child in verb.children)
