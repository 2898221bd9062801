"""Events. spaCy's model codes no events, so this first version finds none: an empty list, not a guess."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from tacitus.stage import Stage


@Language.factory("tacitus_events", assigns=["doc._.events"], default_config={})
def make_event_stage(nlp: Language, name: str) -> EventStage:
    return EventStage()


class EventStage(Stage):
    name = "events"

    def process(self, doc: Doc) -> None:
        doc._.events = []
