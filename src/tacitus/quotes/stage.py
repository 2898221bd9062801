"""Quotations. spaCy's model marks no speech, so this first version finds none: an empty list, not a guess."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from tacitus.stage import Stage


@Language.factory("tacitus_quotes", assigns=["doc._.quotes"], default_config={})
def make_quote_stage(nlp: Language, name: str) -> QuoteStage:
    return QuoteStage()


class QuoteStage(Stage):
    name = "quotes"

    def process(self, doc: Doc) -> None:
        doc._.quotes = []
