"""The places stage: toponyms in the text, resolved to GeoNames entries."""

from tacitus.places.stage import PlaceStage

__all__ = ["PlaceStage"]
