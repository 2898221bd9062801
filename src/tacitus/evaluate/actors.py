"""``tacitus eval actors``: actor codes on the PLOVER gold standard records, coreference on Wikinews.

**Codes** (``plover_gsr``): 322 sentences from the CAMEO manual with their source and target actors' text,
code and sector. For each gold actor the sentence is coded (publication date: the record's date) and the
actor tacitus gives the actor text's head token (``doc._.token_actor``, as the events stage finds actors) is
compared with the gold: its code's root against the gold ``code`` (a country such as ``IRN``, or ``IGO``,
``NGO`` ...) and its first sector against the gold ``sector`` (gold ``***``, "unknown", is not scored; a
gold actor without a sector makes any predicted sector a false positive). A wrong answer is a false positive
and a false negative; no answer is a false negative. The rules were written looking at errors on the
even-numbered records only: the odd-numbered half is reported on its own as held-out data.

**Coreference** (``gum_news``, ``meantime_en``): the person and organisation entities of the gold (GUM entity
types person/organization; MEANTIME PER/ORG) against tacitus's actors, scored with MUC and B-cubed
(:mod:`tacitus.evaluate.coref`) and mention detection. System mentions that align with gold mentions of
other types (places, things) are left out; those aligned with nothing count as spurious. MEANTIME annotates
only the title and the first five sentences, so only those are scored. Three systems: tacitus; tacitus
with names only (no pronoun or description resolution), which shows what the coreference component adds;
and the spaCy-entities-only baseline (tacitus's first version: PERSON/ORG/NORP/GPE entities, one actor per
distinct entity text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pycountry
from spacy.tokens import Doc

from tacitus.actors.stage import ActorStage
from tacitus.config import Settings
from tacitus.evaluate.coref import CorefScores, MentionSpan, RatioScore, score_document
from tacitus.evaluate.gold import GoldDoc, load_gsr, load_gum, load_meantime
from tacitus.evaluate.metrics import Report, Score
from tacitus.pipeline import STAGE_PREFIX, Pipeline
from tacitus.record import Article

COUNTRY_TARGET = 0.90
SECTOR_TARGET = 0.75
GUM_TYPES = frozenset({"person", "organization"})
MEANTIME_TYPES = frozenset({"PER", "ORG"})
MEANTIME_SENTENCES = frozenset({0, 2, 3, 4, 5})  # title and first five body sentences; 1 is the dateline
BASELINE_LABELS = {"PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "country"}


# --- running the systems ----------------------------------------------------------------------------------


@dataclass
class SystemActors:
    """One system's actors on one document: mention spans with heads, clusters, codes."""

    mentions: list[MentionSpan] = field(default_factory=list)
    token_actor: dict[int, str] = field(default_factory=dict)
    head_actors: dict[int, list[str]] = field(default_factory=dict)
    # actor -> (country, or the code's root where there is no country; sectors)
    codes: dict[str, tuple[str | None, list[str]]] = field(default_factory=dict)


def _head_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return start, end
    root = span.root
    return root.idx, root.idx + len(root.text)


def tacitus_actors(doc: Doc) -> SystemActors:
    out = SystemActors(token_actor=dict(doc._.token_actor or {}), head_actors=dict(doc._.head_actors or {}))
    for actor in doc._.actors or []:
        root = actor.code[:3] if actor.code and not actor.code.startswith("---") else None
        out.codes[actor.id] = (actor.country or root, list(actor.sectors))
        for n, mention in enumerate(actor.mentions):
            head = _head_span(doc, mention.start, mention.end)
            out.mentions.append(MentionSpan((actor.id, n), mention.start, mention.end, *head, actor.id))
    return out


@cache
def _country(name: str) -> str | None:
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


def baseline_actors(doc: Doc) -> SystemActors:
    """tacitus's first version: spaCy's PERSON/ORG/NORP/GPE entities, one actor per distinct text, GPEs coded
    by their ISO country (cities dropped)."""
    out = SystemActors()
    ids: dict[str, str] = {}
    for ent in doc.ents:
        kind = BASELINE_LABELS.get(ent.label_)
        if kind is None:
            continue
        name = ent.text.removeprefix("the ").strip()
        country = _country(name) if kind == "country" else None
        if kind == "country" and country is None:
            continue
        if name not in ids:
            ids[name] = f"b{len(ids) + 1}"
            out.codes[ids[name]] = (country, [])
        actor = ids[name]
        out.mentions.append(
            MentionSpan((actor, ent.start), ent.start_char, ent.end_char, ent.root.idx,
                        ent.root.idx + len(ent.root.text), actor)
        )  # fmt: skip
        for token in ent:
            out.token_actor[token.i] = actor
    return out


class Systems:
    """Codes documents once and gives each system's actors."""

    def __init__(self, settings: Settings) -> None:
        # The places stage runs before actors, as in the full pipeline: it locates towns no dictionary knows.
        self.pipeline = Pipeline(settings.with_(stages=("places", "actors")))
        stage = self.pipeline.nlp.get_pipe(STAGE_PREFIX + "actors")
        self.names_only = ActorStage(stage.lexicon, coreference=False, document_country=stage.document_country)

    def run(self, articles: list[Article]):
        docs = self.pipeline.nlp.pipe((self.pipeline.make_doc(a) for a in articles), batch_size=32)
        for doc in docs:
            if doc._.failed is not None:
                raise doc._.failed
            systems = {"tacitus": tacitus_actors(doc)}
            self.names_only(doc)
            systems["tacitus, names only"] = tacitus_actors(doc)
            systems["spaCy entities (baseline)"] = baseline_actors(doc)
            yield doc, systems


SYSTEMS = ("tacitus", "tacitus, names only", "spaCy entities (baseline)")


# --- PLOVER gold standard records -------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldActor:
    record: int
    text: str
    code: str
    sector: str | None


def gsr_actors(number: int, record: dict) -> list[GoldActor]:
    found = []
    for role in ("source", "target"):
        value = record.get(role)
        for item in value if isinstance(value, list) else [value] if isinstance(value, dict) else []:
            if isinstance(item, dict) and item.get("actorText") and item.get("code"):
                sector = (item.get("sector") or "")[:3].upper() or None
                found.append(GoldActor(number, item["actorText"].strip(), item["code"].strip().upper(), sector))
    return found


def _find(text: str, phrase: str) -> tuple[int, int] | None:
    pattern = r"\s+".join(re.escape(word) for word in phrase.split())
    found = re.search(pattern, text) or re.search(pattern, text, re.IGNORECASE)
    return (found.start(), found.end()) if found else None


def locate(text: str, phrase: str) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """Where the gold actor text is in the sentence (spacing and case may differ): its span, and for a
    discontinuous actor ("U.S. ... negotiators", "French warships" in "French and Egyptian warships") the
    span of its last part, the head, with the span of its first part, which tells the conjuncts apart."""
    if "..." not in phrase:
        found = _find(text, phrase)
        if found or len(phrase.split()) < 2:
            return (found, None) if found else None
        first, last = phrase.split()[0], phrase.split()[-1]
    else:
        first, last = (part.strip() for part in (phrase.split("...", 1)[0], phrase.rsplit("...", 1)[1]))
    head, modifier = _find(text, last) if last else None, _find(text, first) if first else None
    if head is None:
        return None
    return head, modifier if modifier and modifier[1] <= head[0] else None


def actor_for_span(doc: Doc, system: SystemActors, where: tuple[tuple[int, int], tuple[int, int] | None]) -> str | None:
    """The actor at the head of the span, else the last token of the span that has one; of several actors
    at the head ("French and Egyptian warships"), the one mentioned at the actor's first part."""
    (start, end), modifier = where
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    several = system.head_actors.get(span.root.i, [])
    if modifier is not None and several:
        for actor in several:
            if any(m.cluster == actor and m.start < modifier[1] and modifier[0] < m.end for m in system.mentions):
                return actor
    found = system.token_actor.get(span.root.i)
    if found is None:
        for token in reversed(span):
            found = system.token_actor.get(token.i)
            if found:
                break
    return found


@dataclass
class CodeScores:
    country: Score = field(default_factory=Score)
    sector: Score = field(default_factory=Score)
    found: Score = field(default_factory=Score)


def score_gold_actor(gold: GoldActor, predicted: tuple[str | None, list[str]] | None, scores: CodeScores) -> None:
    root, sectors = predicted if predicted else (None, [])
    scores.found.add([1], [1] if predicted else [])
    _slot(scores.country, gold.code, root)
    if gold.sector != "***":
        _slot(scores.sector, gold.sector, sectors[0] if sectors else None)


def _slot(score: Score, gold: str | None, predicted: str | None) -> None:
    if predicted is not None and predicted == gold:
        score.tp += 1
        return
    if predicted is not None:
        score.fp += 1
    if gold is not None:
        score.fn += 1


def evaluate_gsr(gold_dir: str | Path, systems: Systems, limit: int | None) -> dict[str, dict[str, CodeScores]]:
    records = load_gsr(gold_dir)[:limit]
    articles = [Article(id=f"gsr{n}", text=r["text"], published=(r.get("date") or None)) for n, r in enumerate(records)]
    scores = {part: {name: CodeScores() for name in SYSTEMS} for part in ("all", "held-out")}
    for (doc, found), (number, record) in zip(systems.run(articles), enumerate(records), strict=True):
        for gold in gsr_actors(number, record):
            where = locate(doc.text, gold.text)
            for name, system in found.items():
                actor = actor_for_span(doc, system, where) if where else None
                predicted = system.codes.get(actor) if actor else None
                score_gold_actor(gold, predicted, scores["all"][name])
                if number % 2 == 1:
                    score_gold_actor(gold, predicted, scores["held-out"][name])
    return scores


# --- Wikinews coreference ---------------------------------------------------------------------------------


def _gum_entities(misc: str) -> list[tuple[str, str, str]]:
    """The entity brackets of one token's MISC column, in order: ("open", id, description), ("close", id,
    "")."""
    value = next((part[len("Entity=") :] for part in misc.split("|") if part.startswith("Entity=")), "")
    events = []
    i = 0
    while i < len(value):
        if value[i] == "(":
            j = i + 1
            while j < len(value) and value[j] not in "()":
                j += 1
            description = value[i + 1 : j]
            entity = description.split("-", 1)[0]
            events.append(("open", entity, description))
            if j < len(value) and value[j] == ")":
                events.append(("close", entity, ""))
                j += 1
            i = j
        else:
            j = i
            while j < len(value) and value[j].isdigit():
                j += 1
            if j > i and j < len(value) and value[j] == ")":
                events.append(("close", value[i:j], ""))
                i = j + 1
            else:
                i += 1
    return events


def gum_mentions(doc: GoldDoc) -> tuple[list[MentionSpan], list[MentionSpan]]:
    """(mentions of the scored types, mentions of other types) of a GUM document."""
    open_mentions: dict[str, list[tuple[int, str]]] = {}
    scored, other = [], []
    for index, token in enumerate(doc.tokens):
        for kind, entity, description in _gum_entities(token.misc):
            if kind == "open":
                open_mentions.setdefault(entity, []).append((index, description))
                continue
            if not open_mentions.get(entity):
                continue
            first, description = open_mentions[entity].pop()
            fields = description.split("-", 7)
            etype = fields[1] if len(fields) > 1 else ""
            minspan = fields[5] if len(fields) > 5 else ""
            heads = [int(x) for x in minspan.split(",") if x.isdigit()]
            head_index = first + heads[-1] - 1 if heads and first + heads[-1] - 1 <= index else index
            head = doc.tokens[head_index]
            mention = MentionSpan(
                ("g", first, index, entity), doc.tokens[first].start, token.end, head.start, head.end, entity
            )
            (scored if etype in GUM_TYPES else other).append(mention)
    return scored, other


def meantime_mentions(doc: GoldDoc, parsed: Doc) -> tuple[list[MentionSpan], list[MentionSpan]]:
    root = doc.source
    markables, relations = root.find("Markables"), root.find("Relations")
    entity_type = {e.get("m_id"): e.get("ent_type") for e in markables if e.tag == "ENTITY"}
    refers: dict[str, str] = {}
    for relation in relations if relations is not None else []:
        if relation.tag == "REFERS_TO":
            target = relation.find("target").get("m_id")
            for source in relation.findall("source"):
                refers[source.get("m_id")] = target
    scored, other = [], []
    for element in markables:
        if element.tag != "ENTITY_MENTION":
            continue
        anchors = [a.get("t_id") for a in element.findall("token_anchor")]
        if not anchors:
            continue
        tokens = [doc.token(a) for a in anchors]
        start, end = tokens[0].start, tokens[-1].end
        head_id = element.get("head")
        if head_id and head_id in {t.id for t in doc.tokens}:
            head = doc.token(head_id)
            head_start, head_end = head.start, head.end
        else:
            head_start, head_end = _head_span(parsed, start, end)
        entity = refers.get(element.get("m_id"))
        mention = MentionSpan(
            ("g", element.get("m_id")), start, end, head_start, head_end, entity or element.get("m_id")
        )
        (scored if entity_type.get(entity) in MEANTIME_TYPES else other).append(mention)
    return scored, other


def _scored_ranges(doc: GoldDoc) -> list[tuple[int, int]]:
    ranges: dict[int, list[int]] = {}
    for token in doc.tokens:
        if token.sentence in MEANTIME_SENTENCES:
            span = ranges.setdefault(token.sentence, [token.start, token.end])
            span[0], span[1] = min(span[0], token.start), max(span[1], token.end)
    return [(a, b) for a, b in ranges.values()]


def evaluate_coreference(corpus: str, docs: list[GoldDoc], systems: Systems) -> dict[str, CorefScores]:
    totals = {name: CorefScores(RatioScore(), RatioScore(), Score()) for name in SYSTEMS}
    articles = [Article(id=d.id, title=d.title, text=d.text, published=d.published) for d in docs]
    for gold_doc, (parsed, found) in zip(docs, systems.run(articles), strict=True):
        if corpus == "gum":
            scored, other = gum_mentions(gold_doc)
            ranges = None
        else:
            scored, other = meantime_mentions(gold_doc, parsed)
            ranges = _scored_ranges(gold_doc)
        for name, system in found.items():
            mentions = system.mentions
            if ranges is not None:
                mentions = [m for m in mentions if any(a <= m.head_start < b for a, b in ranges)]
            result = score_document(scored, mentions, other)
            totals[name].muc += result.muc
            totals[name].b_cubed += result.b_cubed
            totals[name].mentions += result.mentions
    return totals


# --- the report -------------------------------------------------------------------------------------------


def evaluate(gold_dir: str | Path, settings: Settings, limit: int | None = None) -> Report:
    report = Report("actors: PLOVER GSR actor codes; coreference of person/organisation actors on Wikinews")
    systems = Systems(settings)
    gsr = evaluate_gsr(gold_dir, systems, limit)
    for part, label in (("all", "GSR"), ("held-out", "GSR held-out half")):
        for name in SYSTEMS:
            if part == "held-out" and name != "tacitus":
                continue
            target_country = COUNTRY_TARGET if name == "tacitus" and part == "all" else None
            target_sector = SECTOR_TARGET if name == "tacitus" and part == "all" else None
            report.add(f"{label} country/root code", name, gsr[part][name].country, target_country)
            report.add(f"{label} sector", name, gsr[part][name].sector, target_sector)
    for corpus, docs in (("gum", load_gum(gold_dir)), ("meantime", load_meantime(gold_dir))):
        docs = docs[:limit]
        title = "GUM news" if corpus == "gum" else "MEANTIME"
        totals = evaluate_coreference(corpus, docs, systems)
        for measure in ("muc", "b_cubed", "mentions"):
            label = {"muc": "MUC", "b_cubed": "B-cubed", "mentions": "mentions"}[measure]
            for name in SYSTEMS:
                report.add(f"{title} coref {label}", name, getattr(totals[name], measure))
    gsr_total = gsr["all"]["tacitus"].found
    report.notes.append(
        f"GSR: {gsr_total.support:g} gold actors in {len(load_gsr(gold_dir)[:limit])} records; tacitus found an actor "
        f"for {gsr_total.tp:g}. Country/root: the gold code (ISO alpha-3, IGO, NGO ...) against the first block "
        "of tacitus's code; sector: the first sector."
    )
    report.notes.append(
        "Coreference: person and organisation entities (GUM person/organization, MEANTIME PER/ORG); MEANTIME "
        "scored on its annotated title and first five sentences."
    )
    return report
