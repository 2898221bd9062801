"""The places stage: toponyms in the text, resolved offline to GeoNames entries with coordinates.

Toponyms come from spaCy's GPE, LOC and FAC entities, from entities spaCy mislabels that are exactly a
country's name ("Georgia" as ORG), and from the gazetteer itself: runs of proper nouns outside any entity
that name a country, a region, a continent or a city of at least ``min_gazetteer_population`` people.
Demonyms and adjectives ("Iraqi", "Syrian") are not place mentions, but the countries they name count as
context. A dateline at the head of the article ("BAGHDAD, Jan 3 (Reuters) -") is a mention too and is
marked ``dateline`` on its place: the events stage falls back on it.

Resolution is :mod:`tacitus.places.resolve`: prominence, qualifiers ("Lebanon, Tennessee") and the
article's other places. Mentions that resolve to the same entry are one place.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import IS_PUNCT, IS_TITLE, IS_UPPER, LOWER, ORTH, POS
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

from tacitus.document import document_text, sentences
from tacitus.layout import datelines
from tacitus.places.gazetteer import Entry, country_of_demonym, load_gazetteer, name_key
from tacitus.places.resolve import Context, Resolution, first_guess, resolve
from tacitus.record import Place, PlaceMention
from tacitus.stage import Stage

PLACE_LABELS = ("GPE", "LOC", "FAC")
_OF = get_string_id("of")
_NAME_LABELS = {"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"}
# Nouns after a toponym that make it part of a facility's name.
FACILITY_NOUNS = {"airport", "airfield", "airbase", "base", "stadium", "arena", "university", "college",
                  "hospital", "station", "prison", "camp", "bridge", "dam", "mosque", "church", "cathedral",
                  "temple", "museum", "hotel", "plant", "refinery", "embassy", "consulate"}  # fmt: skip
_FACILITY_NOUN_IDS = {get_string_id(noun) for noun in FACILITY_NOUNS}
# Entities spaCy's small model sometimes gives a country's name.
MISLABELLED = ("ORG", "PERSON", "NORP")
# How far into the article a dateline may stand: after a headline (and a byline) at most.
DATELINE_REACH = 400
# The first place of a dateline ("BEIJING/TAIPEI, Oct 14 (Reuters) -": Beijing).
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'-]*[A-Z])(?:/[A-Z][A-Z .'-]*[A-Z])*(?:,\s*[A-Z][A-Za-z. ]+?)?\s*(?:,|\(|--|—|–|-)"
)


@Language.factory(
    "tacitus_places",
    assigns=["doc._.places", "doc._.token_place"],
    default_config={"min_gazetteer_population": 100000},
)
def make_place_stage(nlp: Language, name: str, min_gazetteer_population: int) -> PlaceStage:
    return PlaceStage(min_gazetteer_population=min_gazetteer_population)


@dataclass
class Words:
    """Columns of a document's tokens: part of speech, title case, upper case, and whether each is "of"."""

    pos: np.ndarray
    title: np.ndarray
    upper: np.ndarray
    of: list[bool]
    orth: list[int]  # the hash of each token's text (its text is ``doc.vocab.strings[orth]``)
    lower: list[int]  # the hash of each token's lower-cased text
    punct: list[bool]
    inside: list[bool] = field(default_factory=list)  # may be part of a place name inside a longer name


@dataclass
class Mention:
    span: Span
    key: str  # the name as the gazetteer compares it
    candidates: list[Entry]
    source: str  # spacy, gazetteer, dateline
    qualifier: list[Entry] = field(default_factory=list)
    resolution: Resolution | None = None
    dateline: bool = False
    in_name: bool = False  # inside an organisation's or a building's name
    qualifies: bool = False  # names the region or country of the mention before it ("Seattle, Washington")


class PlaceStage(Stage):
    name = "places"

    def __init__(self, min_gazetteer_population: int = 100000) -> None:
        self.gazetteer = load_gazetteer()
        self.min_gazetteer_population = min_gazetteer_population

    def process(self, doc: Doc) -> None:
        mentions, context = self.find(doc)
        self.resolve(mentions, context)
        places: dict[object, Place] = {}
        token_place: dict[int, str] = {}
        for mention in sorted(mentions, key=lambda m: m.span.start):
            entry = mention.resolution.entry
            group = entry.geonames_id if entry else ("unresolved", mention.key)
            place = places.get(group)
            if place is None:
                place = places[group] = self.place(f"p{len(places) + 1}", mention)
            span = mention.span
            place.mentions.append(
                PlaceMention(start=span.start_char, end=span.end_char, text=span.text, in_name=mention.in_name)
            )
            if mention.dateline:
                place.dateline = True
            token_place.update((token.i, place.id) for token in span)
        doc._.places, doc._.token_place = list(places.values()), token_place
        doc.user_data.pop("tacitus_places_words", None)

    @staticmethod
    def place(place_id: str, mention: Mention) -> Place:
        entry = mention.resolution.entry
        if entry is None:
            return Place(id=place_id, name=mention.span.text, resolution="unresolved")
        return Place(
            id=place_id,
            name=entry.name,
            geonames_id=entry.geonames_id,
            country=entry.country,
            lat=entry.lat,
            lon=entry.lon,
            feature=entry.feature,
            admin1=entry.admin1 if entry.kind == "city" else None,
            resolution=mention.resolution.how,
        )

    # --- finding --------------------------------------------------------------------------------------

    def find(self, doc: Doc) -> tuple[list[Mention], Context]:
        context = Context()
        mentions: list[Mention] = []
        covered: set[int] = set()
        dateline = self.dateline(doc)
        if dateline is not None:
            mentions.append(dateline)
            covered.update(range(dateline.span.start, dateline.span.end))
        for ent in doc.ents:
            if ent.start in covered or ent.label_ not in _NAME_LABELS:
                continue
            country = country_of_demonym(ent.text)
            is_country_name = any(e.kind == "country" for e in self.gazetteer.candidates(ent.text))
            if country in self.gazetteer.countries and not is_country_name and (ent.label_ == "NORP" or len(ent) == 1):
                context.add(self.gazetteer.countries[country])
                covered.update(range(ent.start, ent.end))
                continue
            if ent.label_ in PLACE_LABELS:
                for piece in _pieces(ent):
                    key = name_key(piece.text)
                    candidates = self.gazetteer.lookup(key)
                    if candidates:
                        mentions.append(Mention(piece, key, candidates, "spacy"))
                    else:  # "Volgograd Arena", "Kowloon West": the toponym inside the name
                        mentions += self.inside_name(piece, ent.label_ != "GPE")
                covered.update(range(ent.start, ent.end))
            elif ent.label_ in MISLABELLED:
                whole = _trim(ent)
                key = name_key(whole.text)
                candidates = [e for e in self.gazetteer.lookup(key) if self.known_enough(e, 15000)]
                if candidates and (any(e.kind == "country" for e in candidates) or _locative(whole)):
                    mentions.append(Mention(whole, key, self.gazetteer.lookup(key), "spacy"))
                elif ent.label_ == "ORG":
                    mentions += self.inside_name(whole, True, organisation=True)
                covered.update(range(ent.start, ent.end))
        mentions += self.gazetteer_mentions(doc, covered)
        lower = self.words(doc).lower
        for mention in mentions:
            end = mention.span.end
            if end < len(doc) and lower[end] in _FACILITY_NOUN_IDS:
                mention.in_name = True  # "Heathrow airport", "Kandahar air base": the name of a facility
        self.attach_qualifiers(mentions)
        return mentions, context

    def gazetteer_mentions(self, doc: Doc, covered: set[int]) -> list[Mention]:
        """Proper nouns outside any entity that name a well-known place ("fighting in Idlib")."""
        words = self.words(doc)
        proper = (words.pos == PROPN) & ((words.title == 1) | (words.upper == 1))
        if covered:
            proper[list(covered)] = False
        return self.names_in(doc, 0, len(doc), proper.tolist(), None, "gazetteer", False)

    def names_in(
        self,
        doc: Doc,
        start: int,
        end: int,
        usable: list[bool],
        population: int | None,
        source: str,
        in_name: bool,
        own_names_only: bool = False,
    ) -> list[Mention]:
        """The longest gazetteer names (up to three tokens) among the ``usable`` tokens of ``start:end``."""
        found, i = [], start
        words = self.words(doc)
        of, orth, strings = words.of, words.orth, doc.vocab.strings
        while i < end:
            if not usable[i]:
                i += 1
                continue
            for length in (3, 2, 1):
                if i + length > end or not all(usable[i : i + length]):
                    continue
                key = name_key(" ".join([strings[o] for o in orth[i : i + length]]))
                wanted = 15000 if population is not None and i > 0 and of[i - 1] else None
                entries = self.gazetteer.lookup(key)
                if own_names_only:
                    entries = tuple(e for e in entries if e.kind == "country" or name_key(e.name) == key)
                if any(self.known_enough(e, wanted) for e in entries):
                    found.append(Mention(doc[i : i + length], key, entries, source, in_name=in_name))
                    i += length
                    break
            else:
                i += 1
        return found

    @staticmethod
    def words(doc: Doc) -> Words:
        """The token attributes these loops read, as arrays fetched from spaCy once per document."""
        cached = doc.user_data.get("tacitus_places_words")
        if cached is None:
            columns = doc.to_array([POS, IS_TITLE, IS_UPPER, LOWER, ORTH, IS_PUNCT])
            lower = columns[:, 3]
            cached = Words(columns[:, 0], columns[:, 1], columns[:, 2], (lower == _OF).tolist(),
                           columns[:, 4].tolist(), lower.tolist(), (columns[:, 5] == 1).tolist())  # fmt: skip
            cached.inside = ((cached.pos == PROPN) | (cached.upper == 1)).tolist()
            doc.user_data["tacitus_places_words"] = cached
        return cached

    def known_enough(self, entry: Entry, population: int | None = None) -> bool:
        return entry.kind != "city" or entry.population >= (population or self.min_gazetteer_population)

    def inside_name(self, name: Span, in_name: bool, organisation: bool = False) -> list[Mention]:
        """Toponyms inside a longer name: "University of Texas Arlington", "the U.S. Department of State".

        Inside an organisation's name a town goes by its own name: "Quds Force" is not Jerusalem (al-Quds),
        while "the U.S. Department of State" keeps the country's short form."""
        doc = name.doc
        return self.names_in(doc, name.start, name.end, self.words(doc).inside, 0, "name", in_name, organisation)

    def dateline(self, doc: Doc) -> Mention | None:
        """The place of a wire-style dateline, "BAGHDAD, Jan 3 (Reuters) -", at the head of the story (the
        article's first paragraph, or the one after its headline)."""
        text = document_text(doc)
        head = text[:DATELINE_REACH]
        found = datelines(head)
        offset = found[0][0] if found else 0
        match = _DATELINE.match(head[offset:])
        if match is None:
            return None
        span = doc.char_span(offset + match.start("place"), offset + match.end("place"), alignment_mode="contract")
        if span is None or not len(span):
            return None
        key = name_key(match.group("place"))
        candidates = self.gazetteer.lookup(key)
        if not candidates:
            return None
        return Mention(span, key, candidates, "dateline", dateline=True)

    @staticmethod
    def attach_qualifiers(mentions: list[Mention]) -> None:
        """In "Lebanon, Tennessee" the second names the region the first is in."""
        by_start = {m.span.start: m for m in mentions}
        for mention in mentions:
            end = mention.span.end
            doc = mention.span.doc
            if end < len(doc) and doc[end].text == ",":
                following = by_start.get(end + 1)
                if following is not None:
                    wider = [e for e in following.candidates if e.kind in ("country", "admin1")]
                    if wider:
                        mention.qualifier = wider
                        following.candidates = wider
                        following.qualifies = True

    # --- resolving ------------------------------------------------------------------------------------

    def resolve(self, mentions: list[Mention], context: Context) -> None:
        """Resolve each mention against the article's context, in which its own sentence counts twice."""
        sentence_starts = [sentence.start for sentence in sentences(mentions[0].span.doc)] if mentions else []
        sentence_of = {id(m): bisect_right(sentence_starts, m.span.start) for m in mentions}
        guesses = {}
        for mention in mentions:
            guess = first_guess(self.gazetteer, mention.key, mention.candidates)
            if guess is not None:
                guesses[id(mention)] = guess
                context.add(guess)
        for mention in mentions:
            own = guesses.get(id(mention))
            sentence = sentence_of[id(mention)]
            local = [guesses[id(m)] for m in mentions if id(m) in guesses and sentence_of[id(m)] == sentence]
            for entry in local:
                context.add(entry)
            if own is not None:
                context.remove(own, 2.0)  # a mention is no evidence for itself
            mention.resolution = resolve(mention.key, mention.candidates, context, mention.qualifier,
                                         self.gazetteer.neighbours)  # fmt: skip
            if own is not None:
                context.add(own, 2.0)
            for entry in local:
                context.remove(entry)


# Words before "of" that make what follows a place: "the town of Yeoncheon", "a resident of Evansville".
_PLACE_NOUNS = {"town", "city", "village", "province", "region", "state", "capital", "resident", "residents",
                "outskirts", "municipality", "district", "suburb", "suburbs", "mayor", "governor", "people",
                "streets", "centre", "center", "north", "south", "east", "west", "port", "county"}  # fmt: skip


def _locative(span: Span) -> bool:
    """Does ``span`` stand where a place stands: "from Herat", "the town of Yeoncheon", "Livorno, Tuscany"."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is None:
        return False
    if before.lower_ in ("in", "from", "near", "at", "to", "across", "outside", "around", "into"):
        return True
    if before.lower_ == "of" and span.start > 1 and doc[span.start - 2].lower_ in _PLACE_NOUNS:
        return True
    return before.text == "," and span.start > 1 and doc[span.start - 2].ent_type_ in PLACE_LABELS


_THE = get_string_id("the")
_POSSESSIVES = {get_string_id(w) for w in ("'s", "’s", "'")}


def _trim(span: Span) -> Span:
    """``span`` without a leading "the" and a trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    words = PlaceStage.words(doc)
    lower, punct = words.lower, words.punct
    while start < end and (lower[start] == _THE or punct[start]):
        start += 1
    while end > start and (lower[end - 1] in _POSSESSIVES or punct[end - 1]):
        end -= 1
    return doc[start:end] if end > start else span


def _pieces(ent: Span) -> list[Span]:
    """A place entity split at commas ("Baghdad, Iraq" is two mentions, the second qualifying the first)."""
    doc = ent.doc
    pieces, start = [], ent.start
    for token in ent:
        if token.text == "," or "\n" in token.text:
            if token.i > start:
                pieces.append(doc[start : token.i])
            start = token.i + 1
    if ent.end > start:
        pieces.append(doc[start : ent.end])
    trimmed = (_trim(p) for p in pieces)
    return [p for p in trimmed if len(p)]
