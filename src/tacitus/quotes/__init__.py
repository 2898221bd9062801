"""The quotes stage: who said what, direct, indirect and mixed."""

from tacitus.quotes.stage import QuoteStage

__all__ = ["QuoteStage"]
