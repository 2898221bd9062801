"""Actors from spaCy's PERSON, ORG, NORP and GPE entities; countries coded by their ISO alpha-3 code."""

from __future__ import annotations

from functools import cache

import pycountry
from spacy.language import Language
from spacy.tokens import Doc

from tacitus.record import Actor, Span
from tacitus.stage import Stage

ACTOR_TYPES = {"PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "country"}


@cache
def country_code(name: str) -> str | None:
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


@Language.factory("tacitus_actors", assigns=["doc._.actors", "doc._.token_actor"], default_config={})
def make_actor_stage(nlp: Language, name: str) -> ActorStage:
    return ActorStage()


class ActorStage(Stage):
    name = "actors"

    def process(self, doc: Doc) -> None:
        actors: dict[str, Actor] = {}
        token_actor = {}
        for ent in doc.ents:
            kind = ACTOR_TYPES.get(ent.label_)
            if kind is None:
                continue
            name = ent.text.removeprefix("the ").strip()
            country = country_code(name) if kind == "country" else None
            if kind == "country" and country is None:
                continue  # a city or region is a place, not an actor
            if name not in actors:
                actors[name] = Actor(id=f"a{len(actors) + 1}", name=name, code=country, country=country, type=kind)
            actors[name].mentions.append(Span(start=ent.start_char, end=ent.end_char, text=ent.text))
            token_actor.update((token.i, actors[name].id) for token in ent)
        doc._.actors, doc._.token_actor = list(actors.values()), token_actor
