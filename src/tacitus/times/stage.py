"""The times stage: every time expression of the article, normalised to a TIMEX3 value.

Expressions come from three finders, merged so that no two overlap:

- spaCy's DATE and TIME entities (split where the model ran them across a line break);
- tacitus's grammar scanning the raw text (:func:`tacitus.times.grammar.scan`), which splits what spaCy
  merges ("June 17, two days") and finds what it misses ("18:00 UTC", "every week");
- event-anchored expressions read from the parse ("two years after Soleimani's death").

Each expression is then valued relative to the publication date, by the first path that can: the grammar
(``valued_by="rules"``), an anchor in the text (``"anchor"``: an event the article dates, or the previous
date for "three days later"), or dateparser (``"dateparser"``). ``found_by`` says which finder found it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np
from spacy.attrs import IDX, LENGTH, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from tacitus.document import document_text, sentence_at
from tacitus.record import Time
from tacitus.stage import Stage
from tacitus.times.anchored import anchor_date, find_anchored, moved, own_date
from tacitus.times.fallback import dateparser_value, warm_up_dateparser
from tacitus.times.grammar import NUMBER, TENSE_RULES, UNIT, Normal, duration_value, is_trigger, normalise, scan
from tacitus.times.grammar import UNITS as _UNITS
from tacitus.times.grammar import number_value as _number_value
from tacitus.times.tense import clause_tense

TIME_LABELS = ("DATE", "TIME")
_CALENDAR = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_NARRATIVE = re.compile(rf"{NUMBER} {UNIT} (?P<dir>later|earlier|after|before|afterwards)", re.IGNORECASE)
_NOT_A_TIME = re.compile(r"^\d{1,3}$|^\d+(\.\d+)?%?$")  # ages and amounts spaCy sometimes calls DATE


@Language.factory(
    "tacitus_times",
    assigns=["doc._.times", "doc._.token_time"],
    default_config={"scan": True, "anchors": True, "dateparser": True},
)
def make_time_stage(nlp: Language, name: str, scan: bool, anchors: bool, dateparser: bool) -> TimeStage:
    return TimeStage(scan=scan, anchors=anchors, dateparser=dateparser)


@dataclass
class Candidate:
    span: Span
    found_by: str
    normal: Normal | None = None  # the grammar's reading of the whole span, if any
    anchored: object = None  # an :class:`~tacitus.times.anchored.Anchored`

    @property
    def rank(self) -> tuple:
        return (self.anchored is not None, self.normal is not None, len(self.span.text))


class TimeStage(Stage):
    """Options: ``scan`` (the grammar's own finder), ``anchors`` (event-anchored expressions),
    ``dateparser`` (the fallback valuer). All on by default; turning one off shows what it adds."""

    name = "times"

    def __init__(self, scan: bool = True, anchors: bool = True, dateparser: bool = True) -> None:
        self.scan, self.anchors, self.dateparser = scan, anchors, dateparser
        if dateparser:
            warm_up_dateparser()

    def process(self, doc: Doc) -> None:
        article = doc._.article
        text = document_text(doc)
        reference = date.fromisoformat(article.published) if article and article.published else dateline_date(text)
        chosen = self.choose(self.candidates(doc, text, reference))
        times: list[Time] = []
        dayless: list[Time] = []  # times whose day is only the publication date so far
        for candidate in chosen:
            time, normal = self.value(candidate, reference, len(times) + 1)
            times.append(time)
            if normal is not None and normal.day_from_context:
                dayless.append(time)
        self.resolve_anchors(doc, chosen, times)
        self.give_dayless_times_their_day(doc, dayless, times)
        doc._.times = times
        doc._.token_time = {
            token.i: time.id for candidate, time in zip(chosen, times, strict=True) for token in candidate.span
        }

    # --- finding --------------------------------------------------------------------------------------

    def candidates(self, doc: Doc, text: str, reference: date | None) -> list[Candidate]:
        found = []
        read_whole: set[int] = set()  # tokens of spaCy expressions the grammar reads whole
        previous = None
        for ent in doc.ents:
            if ent.label_ in TIME_LABELS:
                for piece in _split_lines(ent):
                    candidate = Candidate(piece, "spacy", normalise(piece.text, reference))
                    found.append(candidate)
                    if candidate.normal is not None:
                        read_whole.update(range(piece.start, piece.end))
                    joined = _joined_date(previous, candidate, reference)
                    if joined is not None:
                        found.append(joined)
                    previous = candidate
        if self.scan:
            # The scanner looks around time words and numbers that are not in an expression already read.
            triggers = trigger_spans(doc, read_whole)
            for match in scan(text, triggers):
                span = doc.char_span(match.start, match.end, alignment_mode="expand")
                if span is not None and len(span):
                    found.append(Candidate(span, "rules", normalise(span.text, reference)))
            found += self.rates(doc, text)
        if self.anchors:
            for anchored in find_anchored(doc, text):
                found.append(Candidate(anchored.span, "anchor", None, anchored))
        return found

    @staticmethod
    def rates(doc: Doc, text: str) -> list[Candidate]:
        """ "US$ 300 million in fuel a year": "a year" after an amount is a rate (a SET), wherever the amount is
        in the few words before it; the scanner alone needs the amount right before ("$15 a year")."""
        found = []
        for match in _RATE_IN_TEXT.finditer(text):
            span = doc.char_span(match.start(), match.end())
            if span is None or _lasting(span):
                continue
            before = doc[max(0, span.start - 8) : span.start]
            if any(t.like_num or t.ent_type_ in ("MONEY", "CARDINAL", "PERCENT", "QUANTITY") for t in before):
                unit = match.group("unit").lower()
                found.append(Candidate(span, "rules", Normal("SET", duration_value(1, _UNITS[unit]), rule="rate")))
        return found

    @staticmethod
    def choose(candidates: list[Candidate]) -> list[Candidate]:
        """Non-overlapping candidates: event-anchored first, then those the grammar reads whole, then longer."""
        taken: set[int] = set()
        chosen = []
        for candidate in sorted(candidates, key=lambda c: c.rank, reverse=True):
            tokens = set(range(candidate.span.start, candidate.span.end))
            if tokens & taken:
                continue
            same = [c for c in candidates if c is not candidate and c.span == candidate.span]
            if same:
                candidate.found_by = (
                    "spacy+rules"
                    if {c.found_by for c in [candidate, *same]} == {"spacy", "rules"}
                    else candidate.found_by
                )
            if candidate.normal is None and candidate.anchored is None and _NOT_A_TIME.match(candidate.span.text):
                continue
            taken |= tokens
            if candidate.normal is not None and candidate.normal.rule == "age":
                continue  # "aged 56" is a person's age, not a time in the story
            chosen.append(candidate)
        return sorted(chosen, key=lambda c: c.span.start)

    # --- valuing --------------------------------------------------------------------------------------

    def value(self, candidate: Candidate, reference: date | None, number: int) -> tuple[Time, Normal | None]:
        span = candidate.span
        label = span.label_ if span.label_ in TIME_LABELS else "DATE"
        normal = candidate.normal
        if normal is not None and normal.rule in TENSE_RULES:
            normal = normalise(span.text, reference, clause_tense(span))  # valued again, now with its tense
        valued_by = "rules" if normal is not None else None
        if normal is not None and normal.type == "DURATION" and _RATE.fullmatch(span.text) and not _lasting(span):
            normal = Normal("SET", normal.value, rule="rate")  # "US$ 300 million in fuel a year"
        if normal is None and candidate.anchored is None and self.dateparser and not _NARRATIVE.search(span.text):
            normal = dateparser_value(span.text, reference, label)
            valued_by = "dateparser" if normal is not None else None
        time = Time(
            id=f"t{number}",
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            type=normal.type if normal else label,
            value=normal.value if normal else None,
            mod=normal.mod if normal else None,
            valued_by=valued_by if normal and normal.value else None,
            found_by=candidate.found_by,
            rule=normal.rule if normal and valued_by == "rules" else None,
        )
        return time, normal

    def resolve_anchors(self, doc: Doc, chosen: list[Candidate], times: list[Time]) -> None:
        """Value what hangs on another time in the text: event-anchored expressions, "three days later"."""
        dated = [
            (c.span, t.value, t.id)
            for c, t in zip(chosen, times, strict=True)
            if t.value and _CALENDAR.match(t.value) and t.valued_by in ("rules", "dateparser")
        ]
        for candidate, time in zip(chosen, times, strict=True):
            if candidate.anchored is not None:
                own = own_date(candidate.anchored.event)
                if own is not None:  # "the 20th anniversary of the October 1987 crash": dated in the phrase
                    time.type, time.valued_by = "DATE", "anchor"
                    time.value = moved(own, candidate.anchored.amount, candidate.anchored.unit)
                    continue
                anchor = anchor_date(candidate.anchored.event, [(s, v) for s, v, _ in dated], candidate.span)
                if anchor is None:
                    # Not dated in the text: the amount alone is still a duration ("two years").
                    unit = candidate.anchored.unit
                    time.type, time.value = "DURATION", duration_value(abs(candidate.anchored.amount), unit)
                    time.valued_by = "rules"
                    continue
                value, source = anchor
                time.type, time.value, time.valued_by = (
                    "DATE",
                    moved(value, candidate.anchored.amount, candidate.anchored.unit),
                    "anchor",
                )
                time.anchor = next(i for s, _, i in dated if s == source)
                continue
            match = _NARRATIVE.fullmatch(" ".join(candidate.span.text.split()))
            if match and time.value is None:
                amount = _number_value(match["number"])
                previous = [(s, v, i) for s, v, i in dated if s.start < candidate.span.start and _DAY_VALUE.match(v)]
                if amount is None or not previous:
                    continue
                _, value, anchor_id = previous[-1]
                sign = -1 if match["dir"].lower() in ("earlier", "before") else 1
                time.type, time.value = "DATE", moved(value, sign * amount, _UNITS[match["unit"].lower()])
                time.valued_by, time.anchor = "anchor", anchor_id

    @staticmethod
    def give_dayless_times_their_day(doc: Doc, dayless: list[Time], times: list[Time]) -> None:
        """Times with no day of their own take the day the text is talking about.

        A clock time or part of day ("at 18:00 UTC", "in the morning") is on the day its sentence names;
        "the same day", "that day" is the last day the text named before it. Failing both, the publication
        date they were given stands.
        """
        for time in dayless:
            if time.rule == "narrative-day":
                days = [t for t in times if t.end <= time.start and t.type == "DATE" and t.value
                        and _DAY_VALUE.match(t.value) and t.rule != "narrative-day"]  # fmt: skip
                if days:
                    time.value, time.valued_by, time.anchor = days[-1].value[:10], "anchor", days[-1].id
                continue
            token = doc.char_span(time.start, time.end, alignment_mode="expand")[0]
            sent = sentence_at(doc, token.i)
            days = [t for t in times if sent.start_char <= t.start < sent.end_char and t.type == "DATE"
                    and t.value and _DAY_VALUE.match(t.value)]  # fmt: skip
            if days and time.value:
                nearest = min(days, key=lambda t: abs(t.start - time.start))
                time.value = nearest.value[:10] + time.value[10:]


# Whether a word is a trigger, by the hash of its text (stable across vocabularies): most of a text's words
# were seen in earlier articles, so a document costs one array fetch and a few dictionary lookups.
_TRIGGER_OF_ORTH: dict[int, bool] = {}
_MAX_CACHED_WORDS = 500_000


def trigger_spans(doc: Doc, skip: set[int]) -> list[tuple[int, int]]:
    """Character spans of the tokens that are :func:`~tacitus.times.grammar.is_trigger` words, in text order,
    leaving out the tokens in ``skip``."""
    columns = doc.to_array([ORTH, IDX, LENGTH])
    if not len(columns):
        return []
    orths, at_token = np.unique(columns[:, 0], return_inverse=True)
    if len(_TRIGGER_OF_ORTH) > _MAX_CACHED_WORDS:
        _TRIGGER_OF_ORTH.clear()
    strings = doc.vocab.strings
    flags = []
    for orth in orths.tolist():
        flag = _TRIGGER_OF_ORTH.get(orth)
        if flag is None:
            flag = _TRIGGER_OF_ORTH[orth] = is_trigger(strings[orth])
        flags.append(flag)
    wanted = np.asarray(flags, dtype=bool)[at_token.reshape(-1)]
    if skip:
        wanted[list(skip)] = False
    return [(start, start + length) for start, length in columns[wanted][:, 1:].tolist()]


def _joined_date(first: Candidate | None, second: Candidate, reference: date | None) -> Candidate | None:
    """One date spaCy cut in two at a comma ("Jan 31" + "2022" in "BAMAKO, Jan 31, 2022 (Reuters)"), when the
    grammar values the whole as a more precise date than its second piece."""
    if first is None or first.normal is None or second.normal is None:
        return None
    doc = first.span.doc
    if second.span.start - first.span.end != 1 or doc[first.span.end].text != ",":
        return None
    span = doc[first.span.start : second.span.end]
    normal = normalise(span.text, reference)
    if normal is None or not normal.value or len(normal.value) <= len(second.normal.value or ""):
        return None
    return Candidate(span, "spacy+rules", normal)


def dateline_date(text: str) -> date | None:
    """The date an article without a publication date carries at its head ("June 13, 2005"), if any."""
    head = text[:300]
    for found in scan(head):
        normal = normalise(head[found.start : found.end], None)
        if normal is not None and normal.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", normal.value):
            return date.fromisoformat(normal.value)
    return None


_RATE = re.compile(r"(?:a|an|per|each) (?:day|week|month|year|hour)", re.IGNORECASE)
_RATE_IN_TEXT = re.compile(r"\b(?:a|an|per) (?P<unit>day|week|month|year|hour)\b(?![- ](?:ago|later|earlier|old|long))")
# Words before "a year" that make it a stretch of time rather than a rate: "for a year", "within a year".
_LASTING = {"for", "over", "within", "about", "nearly", "almost", "than", "after", "before", "in", "of", "half",
            "just", "only", "around", "roughly", "once", "least", "up", "to", "take", "took", "spent"}  # fmt: skip


def _lasting(span: Span) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ in _LASTING


def _split_lines(span: Span) -> list[Span]:
    """``span`` cut at line breaks (spaCy runs a dateline into the next line) and trimmed of punctuation."""
    pieces, start = [], span.start
    doc = span.doc
    for token in span:
        if "\n" in token.text_with_ws[len(token.text) :] or token.is_space:
            pieces.append(doc[start : token.i + (0 if token.is_space else 1)])
            start = token.i + 1
    pieces.append(doc[start : span.end])
    out = []
    for piece in pieces:
        first, last = piece.start, piece.end
        while first < last and (doc[first].is_punct or doc[first].is_space):
            first += 1
        while last > first and (doc[last - 1].is_punct or doc[last - 1].is_space):
            last -= 1
        if last > first:
            out.append(doc[first:last])
    return out
