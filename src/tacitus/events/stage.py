"""The events stage: who did what to whom, coded in CAMEO and PLOVER, with modality, date, place and evidence.

Options (``Settings.stage_config["events"]``, every one with a packaged default):

| option        | default                              | what                                               |
|---------------|--------------------------------------|----------------------------------------------------|
| ``verbs``     | ``data/CAMEO.2.0.txt``               | PETRARCH/TABARI verb dictionary                    |
| ``nominals``  | ``data/nominal_events.tsv``          | event nouns ("the killing of X")                   |
| ``speech_cues`` | ``data/speech_cues.tsv``           | speech acts in quotations                          |
| ``discards``  | none                                 | PETRARCH discard list (sentences/stories not coded) |
| ``classifier``| ``data/event_classifier.npz``        | PLOVER type/mode classifier                        |
| ``method``    | ``patterns``                         | ``patterns``, ``classifier`` or ``combined``       |

Every coding, whatever its dictionary's codes, is on ``doc._.event_codings``; those with a CAMEO code become
:class:`~tacitus.record.Event` records on ``doc._.events``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from tacitus.events.classifier import DEFAULT_CLASSIFIER, EventClassifier, load_classifier
from tacitus.events.codebook import codebook
from tacitus.events.coder import DEFAULT_NOMINALS, DEFAULT_SPEECH_CUES, Coding, EventCoder
from tacitus.events.dictionary import DEFAULT_VERBS
from tacitus.record import Event, Plover, Span
from tacitus.stage import Stage

METHODS = ("patterns", "classifier", "combined")


@Language.factory(
    "tacitus_events",
    assigns=["doc._.events", "doc._.event_codings"],
    default_config={"verbs": None, "nominals": None, "speech_cues": None, "discards": None, "classifier": None,
                    "method": "patterns"},
)  # fmt: skip
def make_event_stage(
    nlp: Language,
    name: str,
    verbs: str | None,
    nominals: str | None,
    speech_cues: str | None,
    discards: str | None,
    classifier: str | None,
    method: str,
) -> EventStage:
    return EventStage(verbs, nominals, speech_cues, discards, classifier, method)


class EventStage(Stage):
    name = "events"

    def __init__(self, verbs=None, nominals=None, speech_cues=None, discards=None, classifier=None,
                 method="patterns") -> None:  # fmt: skip
        if method not in METHODS:
            from tacitus.errors import TacitusError

            raise TacitusError("E007", what="events method", value=method, known=", ".join(METHODS))
        self.coder = EventCoder(
            verbs or DEFAULT_VERBS, nominals or DEFAULT_NOMINALS, speech_cues or DEFAULT_SPEECH_CUES, discards
        )
        self.method = method
        self.classifier: EventClassifier | None = (
            load_classifier(classifier or DEFAULT_CLASSIFIER) if method != "patterns" else None
        )
        self.book = codebook()

    def process(self, doc: Doc) -> None:
        codings = self.coder.code(doc)
        if self.classifier is not None:
            codings = self.classifier.apply(doc, codings, self.method, self.coder)
        doc._.event_codings = codings
        doc._.events = [e for e in (self.to_event(doc, c, n) for n, c in enumerate(codings)) if e is not None]
        for number, event in enumerate(doc._.events, 1):
            event.id = f"e{number}"

    def to_event(self, doc: Doc, coding: Coding, number: int) -> Event | None:
        cameo = self.book.cameo(coding.code)
        if cameo is None:
            return None  # a code outside CAMEO (a test dictionary's): kept on doc._.event_codings only
        plover = self.book.plover(coding.code)
        evidence = doc[coding.evidence[0] : coding.evidence[1]]
        trigger = doc[coding.trigger[0] : coding.trigger[1]]
        return Event(
            id=f"e{number + 1}",
            source=coding.source,
            target=coding.target,
            cameo=cameo.code,
            cameo_root=cameo.root,
            quad_class=cameo.quad_class,
            goldstein=cameo.goldstein,
            plover=Plover(type=plover.type, mode=plover.mode, contexts=list(plover.contexts)),
            aux=coding.aux,
            date=coding.date,
            place=coding.place,
            sentence=coding.sentence,
            evidence=Span(start=evidence.start_char, end=evidence.end_char, text=evidence.text),
            confidence=coding.confidence,
            trigger=Span(start=trigger.start_char, end=trigger.end_char, text=trigger.text),
            method=coding.method,
            pattern=coding.pattern,
        )
