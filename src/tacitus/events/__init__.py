"""The events stage: who did what to whom, coded in CAMEO and PLOVER."""

from tacitus.events.stage import EventStage

__all__ = ["EventStage"]
