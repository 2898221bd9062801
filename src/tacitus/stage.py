"""The base of every tacitus stage: a spaCy component that adds one kind of fact to a ``Doc``.

A stage that fails on one document marks that document as failed (``doc._.failed``) instead of raising,
so one odd article is reported with its reason while the rest of the batch goes on; later stages skip a
failed document.
"""

from __future__ import annotations

from spacy.tokens import Doc

from tacitus.errors import TacitusError, one_line


class Stage:
    name: str = "stage"

    def __call__(self, doc: Doc) -> Doc:
        if doc._.failed is not None:
            return doc
        try:
            self.process(doc)
        except Exception as error:  # one failing document must not stop the batch
            doc._.failed = TacitusError("E201", stage=self.name, reason=one_line(f"{type(error).__name__}: {error}"))
        return doc

    def process(self, doc: Doc) -> None:
        """Add this stage's facts to ``doc``."""
        raise NotImplementedError
