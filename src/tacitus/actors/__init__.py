"""The actors stage: who acts in the article, with CAMEO actor codes, countries and sectors."""

from tacitus.actors.stage import ActorStage, actors_at

__all__ = ["ActorStage", "actors_at"]
