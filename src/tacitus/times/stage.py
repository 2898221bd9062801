"""Time expressions from spaCy's DATE and TIME entities, valued with dateparser relative to publication."""

from __future__ import annotations

from datetime import datetime

import dateparser
from spacy.language import Language
from spacy.tokens import Doc

from tacitus.record import Time
from tacitus.stage import Stage

_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}


@Language.factory("tacitus_times", assigns=["doc._.times", "doc._.token_time"], default_config={})
def make_time_stage(nlp: Language, name: str) -> TimeStage:
    return TimeStage()


class TimeStage(Stage):
    name = "times"

    def process(self, doc: Doc) -> None:
        published = doc._.article.published if doc._.article else None
        base = datetime.fromisoformat(published) if published else None
        times, token_time = [], {}
        for ent in doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            time_id = f"t{len(times) + 1}"
            times.append(
                Time(
                    id=time_id,
                    text=ent.text,
                    start=ent.start_char,
                    end=ent.end_char,
                    type=ent.label_,
                    value=self.value(ent.text, ent.label_, base),
                )
            )
            token_time.update((token.i, time_id) for token in ent)
        doc._.times, doc._.token_time = times, token_time

    @staticmethod
    def value(text: str, label: str, base: datetime | None) -> str | None:
        settings = dict(_SETTINGS, RELATIVE_BASE=base) if base else _SETTINGS
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
        if parsed is None:
            return None
        return parsed.strftime("%Y-%m-%dT%H:%M") if label == "TIME" else parsed.strftime("%Y-%m-%d")
