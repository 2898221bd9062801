"""Times anchored on an event the article dates elsewhere: "the second anniversary of his death",
"two years after Soleimani's death", "the day after the election".

The value needs the anchor event's date, which the article gives in another sentence ("Soleimani was killed
on January 3, 2020"). The events stage runs later, so this module reads the parse itself:

1. :func:`find_anchored` finds the expressions: an ordinal anniversary of an event noun, or an amount of time
   after/before an event noun, each with the noun that names the event.
2. :func:`anchor_date` finds where the article dates that event: a dated time expression attached (through
   its preposition) to a verb or noun of the same event ("killed", "died", "death", "assassination"),
   preferring one whose clause names the same participant ("Soleimani's death" -> a clause naming Soleimani).
3. The value is the anchor date moved by the amount: 2020-01-03 + 2 years = 2022-01-03.

How far this goes: the anchor must be dated in the same article with a calendar value; events named by
a noun the table below does not relate to a verb are matched only to the same noun ("the attack on 5 May").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from tacitus.document import sentence_at
from tacitus.times.calendar import shift
from tacitus.times.grammar import ORDINALS, UNITS, lower_cases_alike, number_value

# Event nouns and the verbs (and nouns) that report the same event.
EVENT_WORDS: dict[str, set[str]] = {
    "death": {"die", "kill", "assassinate", "murder", "slay", "execute", "shoot", "death", "killing"},
    "killing": {"kill", "assassinate", "murder", "slay", "shoot", "death", "killing"},
    "assassination": {"assassinate", "kill", "murder", "shoot", "death", "assassination"},
    "murder": {"murder", "kill", "death"},
    "execution": {"execute", "hang", "kill", "execution"},
    "attack": {"attack", "strike", "bomb", "raid"},
    "bombing": {"bomb", "attack", "explode", "bombing"},
    "shooting": {"shoot", "open", "kill", "shooting"},
    "massacre": {"massacre", "kill"},
    "invasion": {"invade", "invasion"},
    "election": {"elect", "vote", "hold", "election"},
    "vote": {"vote", "hold"},
    "referendum": {"vote", "hold", "referendum"},
    "coup": {"oust", "overthrow", "topple", "seize", "coup"},
    "arrest": {"arrest", "detain"},
    "detention": {"detain", "arrest", "detention"},
    "release": {"release", "free"},
    "resignation": {"resign", "step", "quit", "resignation"},
    "birth": {"bear", "birth"},
    "collapse": {"collapse"},
    "crash": {"crash"},
    "earthquake": {"strike", "hit", "jolt", "earthquake", "quake"},
    "signing": {"sign", "signing"},
    "withdrawal": {"withdraw", "pull", "withdrawal"},
    "inauguration": {"inaugurate", "swear", "inauguration"},
    "independence": {"declare", "gain", "independence"},
    "explosion": {"explode", "blast", "explosion"},
    "capture": {"capture", "seize"},
    "launch": {"launch"},
    "disappearance": {"disappear", "vanish", "disappearance"},
    "kidnapping": {"kidnap", "abduct", "kidnapping"},
    "abduction": {"abduct", "kidnap", "abduction"},
}
EVENT_WORDS["strike"] = {"strike", "attack", "kill"}
EVENT_WORDS["fall"] = {"fall", "capture"}
EVENT_WORDS["war"] = {"war", "begin", "start", "invade"}

_BEFORE = {"before", "prior", "ahead"}
_AFTER = {"after", "following", "later"}  # not "since": "two years since the war" is a duration


@dataclass
class Anchored:
    """An expression whose date is an amount of time away from an event the article names."""

    span: Span  # the whole expression, e.g. "two years after Soleimani's death"
    event: Token  # the event noun, e.g. "death"
    amount: float
    unit: str  # a unit of :data:`tacitus.times.grammar.UNITS`


def related_words(event: Token) -> set[str]:
    lemma = event.lemma_.lower()
    words = set(EVENT_WORDS.get(lemma, ()))
    words.add(lemma)
    for suffix in ("ation", "ion", "ing", "ment", "al"):  # "invasion" -> "invas" ... only as a weak clue
        if lemma.endswith(suffix) and len(lemma) - len(suffix) >= 3:
            words.add(lemma[: -len(suffix)])
    return words


def _expression(first: Token, event: Token) -> Span:
    doc = first.doc
    start = min(t.i for t in first.subtree if t.i <= first.i)
    end = max(t.i for t in event.subtree) + 1
    # Keep the expression inside the sentence and drop trailing punctuation.
    end = min(end, _sentence_end(first))
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def _sentence_end(token: Token) -> int:
    return sentence_at(token.doc, token.i).end


def _sentence_start(token: Token) -> int:
    return sentence_at(token.doc, token.i).start


def _ordinal(token: Token) -> int | None:
    text = token.lower_
    if text in ORDINALS and text not in ("final", "last"):
        return ORDINALS[text]
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", text)
    return int(match.group(1)) if match else None


def _event_of(head: Token, preposition: str | set[str]) -> Token | None:
    wanted = {preposition} if isinstance(preposition, str) else preposition
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in wanted:
            for grandchild in child.children:
                if _is_event_noun(grandchild):
                    return grandchild
    return None


def _is_event_noun(token: Token) -> bool:
    """A common noun that can name an event: not a time word ("after November") nor inside a date."""
    return token.pos_ == "NOUN" and token.ent_type_ not in ("DATE", "TIME") and token.lemma_.lower() not in UNITS


# The words an anchored expression turns on; only tokens the text has them at are looked at.
_HEADS = re.compile(
    r"\b(?:anniversary|anniversaries|(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade)s?"
    r"|century|centuries)\b",
    re.IGNORECASE,
)


# The same pattern for lower-cased text, matched case-sensitively: twice as fast over a whole article.
_LOWER_CASE_HEADS = re.compile(_HEADS.pattern)


def find_anchored(doc: Doc, text: str | None = None) -> list[Anchored]:
    """``text``: ``doc.text`` if the caller has it (spaCy rebuilds it from the tokens on every access)."""
    found: list[Anchored] = []
    text = doc.text if text is None else text
    matches = _LOWER_CASE_HEADS.finditer(text.lower()) if lower_cases_alike(text) else _HEADS.finditer(text)
    heads = (doc.char_span(m.start(), m.end(), alignment_mode="expand") for m in matches)
    for token in (span.root for span in heads if span is not None and len(span) == 1):
        lemma = token.lemma_.lower()
        if lemma == "anniversary":
            years = None
            for child in token.children:
                if child.dep_ in ("amod", "nummod", "compound") and _ordinal(child):
                    years = _ordinal(child)
                elif child.dep_ in ("compound", "amod", "nummod") and re.fullmatch(r"\d+-year", child.lower_):
                    years = int(child.lower_.split("-")[0])
            event = _event_of(token, "of")
            if years and event is not None:
                found.append(Anchored(_expression(token, event), event, years, "year"))
            continue
        unit = UNITS.get(lemma)
        if unit is None or token.pos_ != "NOUN" or unit in ("second", "weekend"):
            continue
        # "two years after X": spaCy hangs the amount on the preposition (npadvmod) or the preposition
        # on the amount; "the day after X" has no number.
        amount = 1.0
        for child in token.children:
            if child.dep_ == "nummod":
                value = number_value(child.lower_)
                amount = value if value is not None else amount
        preposition, event = None, None
        if token.dep_ == "npadvmod" and token.head.lower_ in _BEFORE | _AFTER:
            preposition = token.head
            for child in preposition.children:
                if child.dep_ == "pobj" and _is_event_noun(child):
                    event = child
        else:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in _BEFORE | _AFTER:
                    preposition = child
                    for grandchild in child.children:
                        if grandchild.dep_ == "pobj" and _is_event_noun(grandchild):
                            event = grandchild
        if preposition is None or event is None or event.lemma_.lower() in UNITS:
            continue
        sign = -1 if preposition.lower_ in _BEFORE else 1
        found.append(Anchored(_expression(token, event), event, sign * amount, unit))
    return found


_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})


def own_date(event: Token) -> str | None:
    """The date the event's own noun phrase gives it: "the October 1987 stock market crash" -> 1987-10."""
    doc = event.doc
    for i in range(event.left_edge.i, event.i):
        token = doc[i]
        if token.like_num and len(token.text) == 4 and token.text.isdigit() and 1000 <= int(token.text) <= 2100:
            month = _MONTHS.get(doc[i - 1].lower_.rstrip(".")) if i > event.left_edge.i else None
            return f"{token.text}-{month:02d}" if month else token.text
    return None


def _participants(event: Token) -> set[str]:
    """Names the event noun is tied to ("Soleimani's death", "the death of Soleimani"), lower-cased."""
    names = set()
    for child in event.children:
        holder = child if child.dep_ == "poss" else None
        if child.dep_ == "prep" and child.lower_ == "of":
            holder = next((c for c in child.children if c.dep_ == "pobj"), None)
        if holder is not None and holder.pos_ == "PROPN":
            names.update(t.lower_ for t in holder.subtree if t.pos_ == "PROPN")
    return names


def _triggers(time_span: Span) -> list[Token]:
    """The words a dated expression is attached to: "killed" in "was killed on January 3, 2020"."""
    token, out = time_span.root, []
    for _ in range(4):
        head = token.head
        if head is token:
            break
        if head.dep_ != "prep" or head.i in range(time_span.start, time_span.end):
            out.append(head)
        token = head
    return out


def anchor_date(event: Token, dated: list[tuple[Span, str]], exclude: Span) -> tuple[str, Span] | None:
    """The calendar value of the article's dated mention of ``event``, and the expression it came from."""
    words = related_words(event)
    names = _participants(event)
    # "struck targets on Thursday, a day after an attack": the clause the expression dates is not the event it
    # counts from, nor is any clause above it.
    above = {t.i for t in exclude.root.ancestors}
    best = None
    for span, value in dated:
        if span.start < exclude.end and exclude.start < span.end:
            continue
        for trigger in _triggers(span):
            if trigger.lemma_.lower() not in words or trigger.i in above:
                continue
            doc = trigger.doc
            sentence = doc[_sentence_start(trigger) : _sentence_end(trigger)]
            clause = {t.lower_ for t in sentence} if names else set()
            named = bool(names & clause)
            if names and not named and _sentence_start(event) == sentence.start:
                continue
            # Prefer an anchor that names the same participant, then the nearest one before the expression.
            rank = (named, span.start < exclude.start, -abs(exclude.start - span.start))
            if best is None or rank > best[0]:
                best = (rank, value, span)
            break
    return (best[1], best[2]) if best else None


def moved(value: str, amount: float, unit: str) -> str | None:
    """``value`` (YYYY, YYYY-MM or YYYY-MM-DD) moved by ``amount`` ``unit``s, at the coarser granularity."""
    parts = [int(p) for p in value.split("-")]
    granularity = ("year", "month", "day")[len(parts) - 1]
    day = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    target = shift(day, amount, unit)
    unit_granularity = {"year": "year", "decade": "year", "century": "year", "month": "month", "quarter": "month"}
    if unit_granularity.get(unit) == "year" and granularity == "year":
        return f"{target.year:04d}"
    if granularity == "month" and unit in ("year", "decade", "century", "month", "quarter"):
        return f"{target.year:04d}-{target.month:02d}"
    if granularity == "year" or (granularity == "month" and unit not in unit_granularity):
        return None  # "three days after" an event known only to the month cannot be dated
    return target.isoformat() if granularity == "day" else f"{target.year:04d}-{target.month:02d}"
