"""The times stage: time expressions in the text, normalised to TIMEX3 values."""

from tacitus.times.stage import TimeStage

__all__ = ["TimeStage"]
