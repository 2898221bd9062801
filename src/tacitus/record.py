"""The ``tacitus/1`` record: one JSON object per article, and its JSON Schema.

Every stage of the pipeline adds facts of one kind to a parsed document; :func:`tacitus.document.to_record`
turns the finished document into a :class:`Record`. The CLI, the store, the API and the page all read and
write this one model.

Field names here are a public contract: fields may be added, none may be renamed. Offsets are Python string
indices into ``article.text``, end exclusive.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_NAME = "tacitus/1"
SCHEMA_PATH = Path(__file__).parent / "schema" / "tacitus-1.schema.json"

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# An event or time may be known only to the month or the year.
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

ActorType = Literal["person", "organization", "country", "group", "other"]
CodeSource = Literal["dictionary", "descriptor", "context"]
Aux = Literal["historical", "future", "hypothetical", "negated"]
QuoteKind = Literal["direct", "indirect", "mixed"]
QuoteAttribution = Literal["cue", "neighbour", "pull_quote", "none"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]


class Part(BaseModel):
    # Extra fields are allowed: later stages may add detail without breaking older readers.
    model_config = ConfigDict(extra="allow")


class Span(Part):
    """A stretch of the article text: ``article.text[start:end] == text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Article(Part):
    id: str = Field(min_length=1)
    title: str | None = None
    url: str | None = None
    source: str | None = Field(None, description="The outlet or collection the article comes from.")
    published: str | None = Field(None, pattern=DATE_PATTERN, description="Publication date, YYYY-MM-DD.")
    language: str | None = None
    text: str
    content_hash: str | None = Field(None, description="SHA-256 of the whitespace-normalised text.")
    # Where the article was read from (a path, "path:line", a URL), for messages; not part of the record.
    _origin: str | None = PrivateAttr(None)

    @property
    def origin(self) -> str:
        return self._origin or self.id

    def from_origin(self, origin: str) -> Article:
        self._origin = origin
        return self


class Actor(Part):
    id: str
    name: str = Field(description="Canonical name.")
    code: str | None = Field(None, description="CAMEO actor code such as IRNGOV.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-3.")
    sectors: list[str] = Field(default_factory=list, description="CAMEO sector codes: GOV, MIL, ELI ...")
    type: ActorType = "other"
    mentions: list[Span] = Field(default_factory=list)
    code_source: CodeSource | None = Field(
        None,
        description="Where the code's root (country or organisation) came from: 'dictionary' (an actor "
        "dictionary entry), 'descriptor' (the words of a mention: titles, demonyms, possessives, appositions), "
        "'context' (coreference or the rest of the document).",
    )
    sector_source: CodeSource | None = Field(None, description="Where the sectors came from, as code_source.")


class Plover(Part):
    type: str | None = None
    mode: str | None = None
    contexts: list[str] = Field(default_factory=list)


class Event(Part):
    id: str
    source: str | None = Field(None, description="Actor id.")
    target: str | None = Field(None, description="Actor id.")
    cameo: str = Field(description="CAMEO event code, leading zeros kept: '0231'.")
    cameo_root: str
    quad_class: int = Field(ge=1, le=4)
    goldstein: float = Field(ge=-10, le=10)
    plover: Plover = Field(default_factory=Plover)
    aux: list[Aux] = Field(default_factory=list)
    date: str | None = Field(None, pattern=PARTIAL_DATE_PATTERN)
    place: str | None = Field(None, description="Place id.")
    sentence: int = Field(ge=0, description="Index of the sentence in the article.")
    evidence: Span
    confidence: float = Field(ge=0, le=1)
    trigger: Span | None = Field(
        None, description="The words that express the event (a verb, an event noun, a quotation)."
    )
    method: str | None = Field(
        None, description="How the event was found: pattern, verb, nominal, speech (a quotation) or classifier."
    )
    pattern: str | None = Field(None, description="The verb-dictionary pattern that matched, if any.")


class Quote(Part):
    id: str
    speaker: str | None = Field(None, description="Actor id.")
    speaker_text: str | None = None
    cue: str | None = None
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: QuoteKind
    # Declared extras (the quotes stage fills them; older records may lack them).
    cue_start: int | None = Field(None, ge=0, description="Offsets of the cue words in the text.")
    cue_end: int | None = Field(None, ge=0)
    speaker_start: int | None = Field(None, ge=0, description="Offsets of speaker_text in the text.")
    speaker_end: int | None = Field(None, ge=0)
    reported_clause: bool = Field(
        False, description="The quote is a clause of the writer's sentence reporting speech (indirect, mixed)."
    )
    fragments: list[Span] = Field(default_factory=list, description="Quoted words inside a mixed quote.")
    attribution: QuoteAttribution = Field(
        "none",
        description="How the speaker was found: its cue, a neighbouring sentence, the name after a pull quote "
        "(a quotation paragraph without marks ending with its speaker's name), or not at all.",
    )
    sentence: int | None = Field(None, ge=0, description="Index of the sentence where the quote starts.")


class PlaceMention(Span):
    in_name: bool = Field(
        False,
        description="The toponym is part of a name ('the U.S. Department of Agriculture', 'Volgograd Arena'): "
        "it says what the name refers to, not where something happened.",
    )


class Place(Part):
    id: str
    name: str
    geonames_id: int | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-3.")
    lat: float | None = None
    lon: float | None = None
    feature: str | None = Field(None, description="GeoNames feature class and code, e.g. 'P.PPLC'.")
    mentions: list[PlaceMention] = Field(default_factory=list)
    admin1: str | None = Field(None, description="For a town or city, the first-level region it is in.")
    resolution: str | None = Field(
        None,
        description="What chose the GeoNames entry: qualifier ('Lebanon, Tennessee'), context (the article's "
        "other places), prominence (the most prominent entry), only (a single candidate), or unresolved.",
    )
    dateline: bool = Field(False, description="The place of the article's dateline ('BAGHDAD, Jan 3 (Reuters) -').")


class Time(Part):
    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    type: TimeType
    value: str | None = Field(None, description="TIMEX3 value: 2020-01-03, 2020-W02, P10D ...")
    mod: str | None = Field(None, description="TIMEX3 mod: START, MID, END, APPROX, LESS_THAN, MORE_THAN ...")
    found_by: str | None = Field(
        None, description="Which finder found the expression: spacy, rules, spacy+rules or anchor (event-anchored)."
    )
    valued_by: str | None = Field(
        None,
        description="Which path gave the value: rules (tacitus's grammar), anchor (another time or a dated event "
        "in the text), dateparser; null when unvalued.",
    )
    rule: str | None = Field(None, description="The grammar rule that valued it, when valued_by is rules.")
    anchor: str | None = Field(None, description="Id of the time expression the value was computed from, if any.")


class Record(Part):
    schema_: Literal["tacitus/1"] = Field(SCHEMA_NAME, alias="schema")
    article: Article
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    def to_dict(self) -> dict:
        return self.model_dump(by_alias=True, mode="json")

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


def json_schema() -> dict:
    """The JSON Schema of ``tacitus/1``, as generated from the models above."""
    schema = Record.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://github.com/tacitus-events/tacitus/schema/tacitus-1.schema.json"
    schema["title"] = "tacitus/1 record"
    return schema


def shipped_schema() -> dict:
    """The schema file that ships in the package (kept equal to :func:`json_schema` by a test)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def record_problems(record: dict) -> list[str]:
    """What is wrong with a record beyond its JSON shape: offsets that miss the text, ids that dangle."""
    problems = []
    text = record["article"]["text"]

    def check_span(where: str, start: int, end: int, expected: str | None) -> None:
        if not 0 <= start <= end <= len(text):
            problems.append(f"{where}: offsets {start}-{end} outside the text")
        elif expected is not None and text[start:end] != expected:
            problems.append(f"{where}: text {expected!r} is not article.text[{start}:{end}]")

    ids: set[str] = set()
    for section in ("actors", "events", "quotes", "places", "times"):
        for item in record[section]:
            if "id" in item:
                if item["id"] in ids:
                    problems.append(f"{section}: id {item['id']!r} is not unique")
                ids.add(item["id"])
    actor_ids = {a["id"] for a in record["actors"]}
    place_ids = {p["id"] for p in record["places"]}
    for section in ("actors", "places"):
        for item in record[section]:
            for m in item["mentions"]:
                check_span(f"{section} {item['id']}", m["start"], m["end"], m["text"])
    for e in record["events"]:
        check_span(f"event {e['id']} evidence", e["evidence"]["start"], e["evidence"]["end"], e["evidence"]["text"])
        for role in ("source", "target"):
            if e[role] is not None and e[role] not in actor_ids:
                problems.append(f"event {e['id']}: {role} {e[role]!r} is not an actor id")
        if e["place"] is not None and e["place"] not in place_ids:
            problems.append(f"event {e['id']}: place {e['place']!r} is not a place id")
    for q in record["quotes"]:
        check_span(f"quote {q['id']}", q["start"], q["end"], q["text"])
        if q.get("speaker_start") is not None:
            check_span(f"quote {q['id']} speaker", q["speaker_start"], q["speaker_end"], q["speaker_text"])
        if q.get("cue_start") is not None:
            check_span(f"quote {q['id']} cue", q["cue_start"], q["cue_end"], q["cue"])
        for fragment in q.get("fragments", []):
            check_span(f"quote {q['id']} fragment", fragment["start"], fragment["end"], fragment["text"])
        if q["speaker"] is not None and q["speaker"] not in actor_ids:
            problems.append(f"quote {q['id']}: speaker {q['speaker']!r} is not an actor id")
    for t in record["times"]:
        check_span("time", t["start"], t["end"], t["text"])
    return problems
