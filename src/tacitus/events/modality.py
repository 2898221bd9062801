"""Modality of an event (PLOVER's auxiliary modes): negated, hypothetical, future, historical.

- negated: "did not attack", "never attacked", "failed to attack"; a denied event is not asserted.
- hypothetical: "could retaliate", "may strike", "if Iran attacks", "threatens/plans/wants to attack".
- future: "will pay", "is about to restore", "vowed to take revenge", "would" in reported speech.
- historical: the event's own date lies well before the publication date (see :func:`is_historical`).
"""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Token

from tacitus.events.clauses import governing_chain, is_negated

HYPOTHETICAL_MODALS = frozenset({"could", "might", "may", "can", "should", "must", "ought"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
# Verbs whose complement is not (yet) a fact, and what it is instead.
NEGATING_GOVERNORS = frozenset({"fail", "refuse", "decline", "deny", "reject", "avoid", "stop", "cease", "halt"})
HYPOTHETICAL_GOVERNORS = frozenset({
    "threaten", "plan", "consider", "want", "seek", "intend", "propose", "hope", "aim", "try", "attempt", "wish",
    "warn", "urge", "demand", "call", "ask", "suggest", "offer", "prepare", "expect", "fear", "push", "press",
})  # fmt: skip
FUTURE_GOVERNORS = frozenset({"vow", "promise", "pledge", "decide", "agree", "go", "be", "schedule", "set"})
SPEECH_LEMMAS = frozenset({
    "say", "tell", "state", "announce", "add", "report", "claim", "insist", "stress", "declare", "note", "explain",
    "confirm", "write", "reiterate", "assert", "argue", "believe", "think", "acknowledge", "admit", "indicate",
    "suggest", "predict", "estimate", "hint", "remark", "comment", "mention",
})  # fmt: skip
HISTORICAL_AFTER = timedelta(days=30)
WILLING = frozenset({"willing", "ready", "prepared", "determined", "eager", "set", "poised", "committed"})


def _auxiliaries(verb: Token) -> list[str]:
    return [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]


def modality(verb: Token) -> list[str]:
    """The auxiliary modes the grammar of ``verb``'s clause gives its event (not ``historical``: that needs dates)."""
    aux: set[str] = set()
    own = _auxiliaries(verb)
    if is_negated(verb):
        aux.add("negated")
    if any(a in FUTURE_MODALS for a in own):
        aux.add("future")
    if any(a in HYPOTHETICAL_MODALS for a in own):
        aux.add("hypothetical")
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
        aux.add("hypothetical")
    chain = governing_chain(verb)
    speech = bool(chain) and chain[0].lemma_.lower() in SPEECH_LEMMAS
    if "would" in own:
        aux.add("future" if speech else "hypothetical")
    if verb.dep_ in ("xcomp", "ccomp") and chain:
        governor = chain[0]
        lemma = governor.lemma_.lower()
        if lemma in NEGATING_GOVERNORS:
            aux.add("negated")
        elif lemma in HYPOTHETICAL_GOVERNORS:
            aux.add("hypothetical")
        elif lemma in FUTURE_GOVERNORS and verb.dep_ == "xcomp":
            aux.add("future")
        if is_negated(governor) and not speech:
            aux.add("negated")
        governor_aux = _auxiliaries(governor)
        if any(a in FUTURE_MODALS for a in governor_aux) and not speech:
            aux.add("future")
        if any(a in HYPOTHETICAL_MODALS | {"would"} for a in governor_aux) and not speech:
            aux.add("hypothetical")
    # "is about to restore", "is to visit", "is going to attack"
    head = verb.head
    if verb.dep_ == "xcomp" and (head.lower_ in ("about", "going") or head.lemma_ == "be"):
        aux.add("future")
    if verb.dep_ == "xcomp" and head.lower_ in WILLING:  # "is willing to send", "ready to contribute"
        aux.add("future")
    return sorted(aux)


def parse_partial_date(value: str | None) -> tuple[date, date] | None:
    """The first and last day a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` value can mean."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2:
            first = date(parts[0], parts[1], 1)
            last = (date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)) - timedelta(days=1)
            return first, last
        return date(*parts[:3]), date(*parts[:3])
    except ValueError:
        return None


def is_historical(event_date: str | None, published: str | None) -> bool:
    """The event happened well before publication (its latest possible day is over a month earlier)."""
    event_range = parse_partial_date(event_date)
    published_range = parse_partial_date(published)
    if event_range is None or published_range is None:
        return False
    return event_range[1] < published_range[0] - HISTORICAL_AFTER
