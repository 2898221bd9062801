"""Mentions of actors in a parsed document, each with the code its own words give it.

Three kinds of mention are found:

- **names**: spaCy's PERSON, ORG, NORP and GPE entities and every actor-dictionary phrase;
- **descriptors**: noun phrases whose head is an agent ("Iranian officials", "the militia", "police"),
  or a group noun with a name or demonym beside it ("Iranian forces", "the Resistance front");
- **pronouns**: he, she, it, they and their other forms (resolved later by :mod:`tacitus.actors.coref`).

Each name or descriptor is coded from its own words, so people no dictionary knows still get a country and
sectors: the dictionary entry of the name; agents among the words before it and its head ("former US
president Donald Trump"); names and demonyms modifying it ("Iran's leader", "Iraqi Shiite militias",
"the IRGC general"); its apposition ("Soleimani, head of the Quds Force"); an ``of`` phrase ("commander of
the Quds Force", "the president of Iran"); an origin phrase ("soldiers from Gondor"). Each code keeps
where it came from: ``dictionary`` or ``descriptor`` here, ``context`` when coreference or the rest of the
document supplies it later.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc, Token

from tacitus.actors.codes import NON_STATE_ROOTS, REGION_ROOTS, split_blocks
from tacitus.actors.lexicon import GROUP_DICTIONARIES, GROUP_OR_LEADER_DICTIONARIES, Lexicon, normalise_phrase
from tacitus.actors.matching import Match, doc_text, find_actor_names, find_agents
from tacitus.actors.names import NAME_PARTICLES, TITLE_WORDS, is_acronym_of, name_words, person_relation, sound_key
from tacitus.actors.words import (
    CAPITALISED_AGENTS,
    COALITION_NOUNS,
    COLLECTIVE_NOUNS,
    COLONIAL_WORDS,
    COUNTRY_NOUNS,
    DEFINITE_DETERMINERS,
    EQUIPMENT_NOUNS,
    FEMALE_NOUNS,
    FEMALE_TITLES,
    FORMER_WORDS,
    GENERIC_ROLES,
    INTERNATIONAL_HEAD_NOUNS,
    INTERNATIONAL_WORDS,
    LEAVING_WORDS,
    MALE_NOUNS,
    MALE_TITLES,
    MASS_READING_NOUNS,
    MEDIA_NOUNS,
    NAMED_GROUP_NOUNS,
    NGO_HEAD_NOUNS,
    ORGANISATION_NOUNS,
    ORIGIN_PREPOSITIONS,
    PLACE_NOUNS,
    PRONOUNS,
    QUANTITY_WORDS,
    REGION_DEMONYM_WORDS,
    SIDE_NOUNS,
    SPOKESPERSON_NOUNS,
    TREND_PARTICIPLES,
)
from tacitus.document import document_text, sentences
from tacitus.layout import datelines

ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Roles only a person holds.
PERSON_ROLE_WORDS = (
    TITLE_WORDS
    | GENERIC_ROLES
    | MALE_NOUNS
    | FEMALE_NOUNS
    | frozenset({"ambassador", "diplomat", "consul", "activist", "journalist", "lawyer", "politician", "lawmaker"})
)
_WORD_OF_LETTERS = re.compile(r"\b[^\W\d_]{2,8}\b")  # a word an acronym may be ("USAF")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities a descriptor's head never belongs to ("Friday", "two", "$5 million").
NOT_ACTOR_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Nouns that head an actor without being agents: group nouns beside a name, and "the country".
CANDIDATE_NOUNS = ORGANISATION_NOUNS | COALITION_NOUNS | COUNTRY_NOUNS
MODIFIER_DEPS = frozenset({"compound", "poss", "amod", "nmod", "npadvmod"})

DICTIONARY, DESCRIPTOR, CONTEXT = "dictionary", "descriptor", "context"


@dataclass
class Code:
    """What is known of an actor's code: root (country or IGO/NGO/...), its country, sectors, and where
    each part came from."""

    root: str | None = None  # the root blocks, e.g. "IRN" or "IGOUNO"
    base: str | None = None  # the dictionary's code as written, kept when the sectors are its own
    country: str | None = None
    sectors: list[str] = field(default_factory=list)
    prefix: tuple[str, ...] = ()
    root_source: str | None = None
    sector_source: str | None = None
    stated: bool = False  # the root the text states over the dictionary's entry of the name ("King Hassan of Morocco")

    @property
    def known(self) -> bool:
        return bool(self.root or self.sectors)


@dataclass
class Mention:
    start: int  # first token (inclusive)
    end: int  # last token + 1
    head: int
    kind: str  # "name", "descriptor" or "pronoun"
    sentence: int
    type: str = "other"  # person, organization, country, group, other
    number: str = "sg"
    gender: str | None = None
    label: str | None = None  # spaCy entity label of a name
    entry: int | None = None  # actor-dictionary entry of a name
    group_entry: bool = False  # the entry is from a dictionary of groups: one group under all its phrases
    name_start: int | None = None  # the proper name inside the mention
    name_end: int | None = None
    code: Code = field(default_factory=Code)
    extra_codes: list[Code] = field(default_factory=list)  # more actors named at once ([FRO/BIL/SAM])
    definite: bool = False
    named: bool = False  # a descriptor with a name in it ("the Islamic State group"): not anaphoric
    titled: bool = False  # a descriptor that is a name of its own words ("the Resistance front")
    counted: bool = False  # a descriptor with a number ("900 asylum seekers")
    head_lemma: str = ""
    role: str | None = None  # subject, object, oblique, possessor, other
    verb: int | None = None  # the token the mention's head depends on (for binding constraints)
    possessor: int | None = None  # index (in the mention list) of a possessive pronoun/name modifying it
    appositive_of: int | None = None  # index of the mention this one is an apposition to
    conjunct_group: list[int] | None = None  # mentions that share this one's head ("Chinese and Indian troops")
    name_text: str = ""  # the text of the proper name, for comparing names
    start_char: int = 0  # character offsets of the mention, set once the mentions are final
    end_char: int = 0
    of_objects: list[int] = field(default_factory=list)  # mentions in an "of" phrase on the head
    colonial: bool = False  # "its former colonial ruler": another country than the one it rules
    regional: bool = False  # "West African leaders": people of a region no dictionary codes, of no one country
    non_governmental: bool = False  # "the Global Water Forum": a name of an NGO's kind, with no country in it


@dataclass
class Parse:
    """Per-document facts computed once: sentence of each token, dictionary matches by token."""

    sentence_of: list[int]
    name_of_token: dict[int, tuple[int, int, str | None, int | None]]  # token -> (start, end, label, entry)
    agent_ending_at: dict[int, Match]
    branch_country: dict[int, str] = field(default_factory=dict)  # name start -> country of a national branch


class Tokens:
    """A Doc whose tokens are made once: spaCy builds a new Token object at every ``doc[i]``, which is most
    of what a stage that looks at each token several times costs. Slices and other attributes are the Doc's."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.tokens = list(doc)

    def __getitem__(self, index):
        return self.tokens[index] if isinstance(index, int) else self.doc[index]

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self):
        return iter(self.tokens)

    def __getattr__(self, name: str):
        return getattr(self.doc, name)


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for number, sentence in enumerate(sentences(doc)):
        for i in range(sentence.start, sentence.end):
            index[i] = number
    return index


def _exact_entry(lexicon: Lexicon, text: str) -> int | None:
    key = normalise_phrase(text)
    if not key:
        return None
    number = lexicon.actor_automaton.get(f" {key} ", None)
    return None if number is None else lexicon.actor_key_entries[number]


def _national_branch(lexicon: Lexicon, inside: list[Match], start: int, end: int) -> tuple[int, str] | None:
    """(organisation entry, country code) for "Amnesty International Kenya": an organisation's name the dictionary
    knows, then a country's, filling the whole name."""
    first = next((m for m in inside if m.start == start and m.end < end), None)
    last = next((m for m in inside if first is not None and m.start == first.end and m.end == end), None)
    if first is None or last is None or _is_bare_country(lexicon, first.entry):
        return None
    if not _is_bare_country(lexicon, last.entry):
        return None
    return first.entry, lexicon.actors[last.entry].any_code()


def _name_spans(
    doc: Doc, lexicon: Lexicon, names: list[Match], agents: list[Match], branches: dict[int, str]
) -> list[tuple[int, int, str | None, int | None]]:
    """Proper names: entities of the actor labels joined with the dictionary phrases they meet. A dictionary
    phrase that swallows a title ("U.S. President Barack Obama") gives its entry to the entity at its end. The
    national branch of an organisation takes the organisation's entry; its country goes into ``branches``."""
    spans = []
    used: set[int] = set()
    by_end = {m.end: m for m in names}
    name_at = {i: m for m in names for i in range(m.start, m.end)}
    title_tokens = {i for m in agents for i in range(m.start, m.end)}
    extended_to = 0
    entities = _entities(doc, lexicon)
    entity_starts = {start for start, _, _ in entities}
    for start, end, label in entities:
        if start < extended_to:
            continue  # "Tamil" in "Liberation Tigers of Tamil Eelam": inside the phrase the entity before ran on to
        if doc[start].lower_ in DEFINITE_DETERMINERS and start + 1 < end:
            start += 1  # "the Badr Organization": the name is "Badr Organization"
        longer = name_at.get(start)
        if longer is not None and (longer.start < start or longer.end <= end):
            longer = None
        if (
            longer is not None
            and label != "PERSON"
            and end not in entity_starts
            and not any(i in title_tokens for i in range(end, longer.end))
        ):
            # The model cut the name short ("Liberation Tigers" of "Liberation Tigers of Tamil Eelam", "Sierra"
            # of "Sierra Leonean"): the dictionary's phrase is the name. Not "US" + "Congress", the model's two
            # names, nor "US" + "president" (before "Donald Trump"): a title describes a name, it is no part of one.
            end = extended_to = longer.end
        if label == "PERSON":
            # "President Bouteflika": the title is a descriptor of the name, not part of it.
            while start < end - 1 and (start in title_tokens or doc[start].lower_.rstrip(".") in TITLE_WORDS):
                start += 1
        if start >= end:
            continue
        inside = [m for m in names if start <= m.start and m.end <= end]
        used.update(id(m) for m in inside)
        branch = _national_branch(lexicon, inside, start, end) if label == "ORG" else None
        if branch is not None:
            organisation, country = branch
            branches[start] = country
            spans.append((start, end, label, organisation))
            continue
        # A dictionary phrase names the entity only if it ends where the entity does: "Hassan" in "Omar
        # Hassan al-Bashir" is someone else, "South" in "South Lebanon" is not Lebanon. An organisation may
        # end in a generic word the dictionary left out ("Islamic Revolutionary Guard Corps"), a place in a
        # word for a place ("Montenegro province").
        generic = ORGANISATION_NOUNS if label == "ORG" else PLACE_NOUNS if label in PLACE_LABELS else frozenset()
        inside = [
            m
            for m in inside
            if (m.end == end or all(doc[i].lower_ in generic for i in range(m.end, end)))
            and _names_the_entity(doc, lexicon, m, start, label, title_tokens)
        ]
        if not inside and all(i in title_tokens or doc[i].lower_ in TITLE_WORDS for i in range(start, end)):
            continue  # "Supreme Leader" tagged as an organisation: a title, not a name
        entry = None
        if inside:
            longest = max(inside, key=lambda m: m.end - m.start)
            entry = longest.entry
        else:
            entry = _exact_entry(lexicon, doc[start:end].text)
            if entry is None and end in by_end and by_end[end].start < start:
                entry = by_end[end].entry
                used.add(id(by_end[end]))
            if entry is None and longer is not None and _names_a_person(lexicon, longer.entry, doc[start:end].text):
                entry = longer.entry  # "the Bush administration": a phrase of the person's own entry
        spans.append((start, end, label, entry))
    taken = {i for s, e, _, _ in spans for i in range(s, e)}
    for m in names:
        if id(m) in used or any(i in taken for i in range(m.start, m.end)):
            continue
        spans.append((m.start, m.end, None, m.entry))
    spans.sort()
    return spans


DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower"}
)


def _split_lists(doc: Doc, lexicon: Lexicon, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """An entity that is a list of names ("Arnor, Osgiliath and Gondor" as one ORG) split into its names,
    when at least two of them are dictionary names and the whole is not ("Bosnia and Herzegovina" stays)."""
    separators = [i for i in range(start, end) if doc[i].text == "," or doc[i].dep_ == "cc"]
    if not separators or _exact_entry(lexicon, doc[start:end].text) is not None:
        return [(start, end, label)]
    pieces, begin = [], start
    for i in [*separators, end]:
        if begin < i:
            pieces.append((begin, i, label))
        begin = i + 1
    known = sum(_exact_entry(lexicon, doc[a:b].text) is not None for a, b, _ in pieces)
    return pieces if known >= 2 else [(start, end, label)]


def _entities(doc: Doc, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """spaCy's actor entities, lists split into their names, and a name split in two joined again ("Kataeb"
    + "Hezbollah" when the first is a compound of the second: one organisation, not the Lebanese Hezbollah)."""
    entities = [
        piece
        for e in doc.ents
        if e.label_ in ENTITY_LABELS
        for piece in _split_lists(doc, lexicon, e.start, e.end, e.label_)
    ]
    entities = _settlements_named(doc, _over_name_particles(doc, entities))
    entities = _agree_labels(doc, lexicon, _people_who_are_places(doc, lexicon, entities))
    joined: list[tuple[int, int, str]] = []
    for start, end, label in entities:
        if joined:
            previous = joined[-1]
            head = doc[previous[1] - 1].head.i
            if (
                previous[1] == start
                and previous[2] in ("ORG", "NORP")
                and label == "ORG"
                and doc[previous[1] - 1].dep_ == "compound"
                and start <= head < end
            ):
                joined[-1] = (previous[0], end, label)
                continue
            if (
                previous[1] == start
                and previous[2] == "ORG"
                and label == "GPE"
                and doc[previous[1] - 1].dep_ == "compound"
                and start <= head < end
                and _exact_entry(lexicon, doc[previous[0] : previous[1]].text) is not None
                and (country := _exact_entry(lexicon, doc[start:end].text)) is not None
                and _is_bare_country(lexicon, country)
            ):
                joined[-1] = (previous[0], end, "ORG")  # "Amnesty International Kenya": the Kenyan branch
                continue
        joined.append((start, end, label))
    return joined


def _over_name_particles(doc: Doc | Tokens, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A person's name with particles the model cut short: "Jean-Yves Le" + "Drian", "Ursula von der" +
    "Leyen" (tagged a place). A PERSON entity that ends in a particle (le, de, van, von der, al ...) goes on
    to the capitalised proper noun after it, swallowing any entity there: a particle stands inside a name,
    never at its end."""
    if not any(label == "PERSON" for _, _, label in entities):
        return entities
    extended: list[tuple[int, int, str]] = []
    swallowed_to = 0
    for start, end, label in entities:
        if end <= swallowed_to:
            continue  # the surname of the person before, tagged on its own
        if label == "PERSON":
            end = _name_end_after_particles(doc, start, end)
            swallowed_to = end
        extended.append((start, end, label))
    return extended


SETTLEMENT_NOUNS = frozenset({"town", "city", "village", "hamlet", "township", "district", "province", "region"})


def _settlements_named(doc: Doc | Tokens, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "the northern Israeli town of Kiryat Shmona": whatever the model took the name for, it is a place."""
    return [
        (start, end, "GPE")
        if label in ("PERSON", "ORG")
        and start >= 2
        and doc[start - 1].lower_ == "of"
        and doc[start - 2].lemma_.lower() in SETTLEMENT_NOUNS
        else (start, end, label)
        for start, end, label in entities
    ]


def _people_who_are_places(
    doc: Doc | Tokens, lexicon: Lexicon, entities: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """A one-word name the model calls a person or an organisation that is a country the places stage
    locates ("Mali junta expels ...", "Niger's rulers") is that country. A one-word "person" the article
    writes as a place at least as often, tagged a place and located, or a place name written after "the"
    ("as Sahel tensions grow" ... "in the Sahel": no person's name takes an article; "the Hutu" is a
    people, not a place) is a place: a town keeps a place label (an actor, as towns are), a region or a
    feature is no actor. A word of a person named in full stays that person's."""
    underlying = doc.doc if isinstance(doc, Tokens) else doc
    token_place = getattr(underlying._, "token_place", None) or {}
    single = Counter(doc[s].lower_ for s, e, label in entities if label in ("PERSON", "ORG") and e - s == 1)
    if not single:
        return entities
    by_id = {place.id: place for place in getattr(underlying._, "places", None) or []}
    place_of: dict[str, object] = {}
    as_place: Counter[str] = Counter()
    for i, place_id in token_place.items():
        word = doc[i].lower_
        if word in single and place_id in by_id:
            place_of[word] = by_id[place_id]
            as_place[word] += doc[i].ent_type_ in PLACE_LABELS
    strings = underlying.vocab.strings
    wanted = {strings.add(word) for word in single}
    lowers = underlying.to_array(LOWER).tolist()
    with_article = {doc[i].lower_ for i in range(1, len(lowers)) if lowers[i] in wanted and _written_as_place(doc, i)}
    full_names = {doc[i].lower_ for start, end, label in entities if label == "PERSON" and end - start > 1
                  for i in range(start, end)}  # fmt: skip
    relabelled = []
    for start, end, label in entities:
        word = doc[start].lower_
        if label in ("PERSON", "ORG") and end - start == 1 and word not in full_names:
            feature = getattr(place_of.get(word), "feature", None) or ""
            if feature.startswith("A.PCL") and normalise_phrase(word) in lexicon.country_names:
                label = "GPE"
            elif label == "PERSON" and (
                (word in with_article and (word in place_of or normalise_phrase(word) in lexicon.city_names))
                or as_place[word] >= single[word]
            ):
                if not feature.startswith("P."):
                    continue
                label = "GPE"
        relabelled.append((start, end, label))
    return relabelled


def _written_as_place(doc: Doc | Tokens, i: int) -> bool:
    """ "in the Sahel": a singular proper noun after "the", heading its phrase (not "the Trump
    administration", nor a band or a family, "the Beatles")."""
    token = doc[i]
    return (
        doc[i - 1].lower_ == "the"
        and token.tag_ == "NNP"
        and not token.lower_.endswith("s")
        and token.dep_ not in ("compound", "nmod", "amod")
    )


def _name_end_after_particles(doc: Doc | Tokens, start: int, end: int) -> int:
    """Where a person's name ends that the model ended on a particle: at the capitalised proper noun after
    it ("Jean-Yves Le" + "Drian"). A particle after a complete name begins something else ("Osama bin
    Laden's al-Qaeda")."""
    if end - start < 2 or doc[end - 1].lower_ not in NAME_PARTICLES:
        return end
    after = end
    while after < len(doc) and doc[after].lower_ in NAME_PARTICLES:
        after += 1  # "Hans van" + "der Berg"
    if after >= len(doc) or doc[after].pos_ != "PROPN" or not doc[after].text[:1].isupper():
        return end
    return after + 1


def _agree_labels(doc: Doc, lexicon: Lexicon, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One name, one label within a document. The small model labels a name from its context alone:
    "Soleimani's death" makes Soleimani a place, "Qaani warned" makes Qaani an organisation, "The IRGC
    described" makes the IRGC a place. A name no dictionary or gazetteer knows takes the label of the
    person it names elsewhere in the article (a surname or a spelling variant of a PERSON) or of the
    organisation it abbreviates or repeats (an ORG)."""
    if len(entities) < 2:
        return entities
    full = document_text(doc.doc if isinstance(doc, Tokens) else doc)

    def text_of(start: int, end: int) -> str:
        last = doc[end - 1]
        return full[doc[start].idx : last.idx + len(last.text)]

    people = []  # name words of the PERSON entities of more than one word
    organisations = []  # texts of the ORG entities
    for start, end, label in entities:
        if label == "PERSON":
            words = name_words(text_of(start, end))
            if len(words) > 1:
                people.append(words)
        elif label == "ORG":
            organisations.append(text_of(start, end))
    if not people and not organisations:
        return entities
    agreed = []
    # Surnames compared by their transliteration key: "Qaani" is the "Ghaani" of "Esmail Ghaani".
    surname_keys = {sound_key(p[-1]) for p in people}
    for start, end, label in entities:
        if label != "PERSON" and end - start <= 3:
            if doc[start].lower_ in DEFINITE_DETERMINERS and start + 1 < end:
                start += 1
            if end - start == 1 and sound_key(doc[start].lower_) in surname_keys:
                if _unknown_name(lexicon, doc[start].text) or _surname_not_town(lexicon, doc[start]):
                    label = "PERSON"
            elif label == "GPE" and organisations:
                # "The IRGC described ...": the same name, or the acronym of one, the model tags ORG elsewhere.
                text = text_of(start, end)
                if (
                    text in organisations or (text.isupper() and any(is_acronym_of(text, o) for o in organisations))
                ) and _unknown_name(lexicon, text):
                    label = "ORG"
        agreed.append((start, end, label))
    if people:
        # A surname the model left unlabelled or took for a title ("Khamenei vows revenge on Trump at
        # Soleimani anniversary", tagged a work of art): the person named in full elsewhere.
        covered = {i for start, end, _ in agreed for i in range(start, end)}
        strings = doc.vocab.strings
        surnames = {strings.add(p[-1]) for p in people}
        lowers = doc.to_array(LOWER).tolist()
        for i in (i for i, lower in enumerate(lowers) if lower in surnames):
            token = doc[i]
            if (
                token.i not in covered
                and token.pos_ == "PROPN"
                and token.ent_type_ not in NOT_ACTOR_ENTITIES
                and not (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN")
                and not (token.i > 0 and doc[token.i - 1].pos_ == "PROPN")
            ):
                agreed.append((token.i, token.i + 1, "PERSON"))
        agreed.sort()
    if organisations:
        agreed = _unlabelled_acronyms(doc, lexicon, agreed, organisations)
    return agreed


def _unlabelled_acronyms(
    doc: Doc | Tokens, lexicon: Lexicon, entities: list[tuple[int, int, str]], organisations: list[str]
) -> list[tuple[int, int, str]]:
    """An acronym the model left unlabelled in one sentence ("USAF also denied that ...") that it tags as an
    organisation elsewhere in the article, or that abbreviates an organisation named there: that organisation
    (one name, one label within a document)."""
    # Which capitalised words of the text are such acronyms, decided once per word, not at every token.
    written = set(_WORD_OF_LETTERS.findall(document_text(doc.doc if isinstance(doc, Tokens) else doc)))
    wanted = {
        word
        for word in written
        if word.isupper()
        and (word in organisations or any(is_acronym_of(word, o) for o in organisations))
        and _unknown_name(lexicon, word)
    }
    if not wanted:
        return entities
    covered = {i for start, end, _ in entities for i in range(start, end)}
    added = [
        (token.i, token.i + 1, "ORG")
        for token in doc
        if token.text in wanted
        and token.i not in covered
        and token.pos_ == "PROPN"
        and token.ent_type_ not in NOT_ACTOR_ENTITIES
    ]
    return sorted(entities + added) if added else entities


def _surname_not_town(lexicon: Lexicon, token: Token) -> bool:
    """A surname the model took for a town of the same name ("Henderson described ..." after "Fritz
    Henderson"): a town only the gazetteer knows (no actor dictionary entry), not written as a place (the
    object of a preposition, "in Henderson"). News names a person in full once and by surname after."""
    return (
        _exact_entry(lexicon, token.text) is None
        and normalise_phrase(token.text) in lexicon.city_names
        and token.dep_ != "pobj"
    )


def _unknown_name(lexicon: Lexicon, text: str) -> bool:
    """A name neither the actor dictionaries nor the gazetteer knows."""
    return _exact_entry(lexicon, text) is None and normalise_phrase(text) not in lexicon.city_names


def _names_the_entity(
    doc: Doc, lexicon: Lexicon, match: Match, start: int, label: str, descriptor_tokens: set[int]
) -> bool:
    """Whether a dictionary phrase found inside an entity names that entity. Words before it must be ones
    that do not change who is meant: a demonym or direction ("Lebanese Hezbollah", "South Lebanon"), not
    another name ("Kataeb Hezbollah" is an Iraqi militia). A person's other names must agree with one of the
    entry's ("Michelle Obama" is not Barack Obama)."""
    if match.start == start:
        return True
    entry = lexicon.actors[match.entry]
    if label == "PERSON":
        words = name_words(doc[start : match.end].text)
        return any(person_relation(words, name_words(phrase)) == "same" for phrase in entry.phrases)
    for i in range(start, match.start):
        token = doc[i]
        if token.lower_ in DIRECTIONS or token.is_punct or i in descriptor_tokens:
            continue  # "South Lebanon", "Islamic Revolutionary Guard Corps"
        other = _exact_entry(lexicon, token.text)
        if other is None or not _is_bare_country(lexicon, other):
            return False
    return True


def _names_a_person(lexicon: Lexicon, entry: int, name: str) -> bool:
    """Whether a person's name (or surname) is one of the entry's names: "Bush" of George Bush's entry, which
    lists "Bush administration"; not "Washington" of the Washington Post's."""
    words = name_words(name)
    return any(person_relation(words, name_words(p)) in ("same", "surname") for p in lexicon.actors[entry].phrases)


def _is_bare_country(lexicon: Lexicon, entry: int) -> bool:
    code = lexicon.actors[entry].any_code() or ""
    return len(code) == 3 and code in lexicon.codes.countries


def analyse(doc: Doc | Tokens, lexicon: Lexicon) -> Parse:
    doc = doc if isinstance(doc, Tokens) else Tokens(doc)
    text = doc_text(doc.doc)
    names = find_actor_names(doc, text, lexicon)
    agents = find_agents(doc, text, lexicon)
    name_of_token = {}
    branches: dict[int, str] = {}
    for span in _name_spans(doc, lexicon, names, agents, branches):
        for i in range(span[0], span[1]):
            name_of_token[i] = span
    return Parse(
        sentence_of=_sentence_index(doc),
        name_of_token=name_of_token,
        agent_ending_at={m.end - 1: m for m in map(lambda m: _headed_agent(doc, m), agents)},
        branch_country=branches,
    )


def _headed_agent(doc: Doc | Tokens, agent: Match) -> Match:
    """An agent phrase with an "of" phrase ("Minister of Foreign Affairs") is headed by the word before "of": the
    minister is the actor, the portfolio no actor of its own."""
    for i in range(agent.start + 1, agent.end - 1):
        if doc[i].lower_ == "of":
            return Match(agent.start, i, agent.entry)
    return agent


# --- finding mentions -------------------------------------------------------------------------------------


def _span_root(tokens: list[Token], start: int, end: int) -> Token:
    """The token of tokens[start:end] whose head lies outside it (the last such token for flat names)."""
    root = None
    for i in range(start, end):
        head = tokens[i].head.i
        if head < start or head >= end or head == i:
            root = tokens[i]
    return root or tokens[end - 1]


def _role(token: Token) -> tuple[str, int | None]:
    dep = token.dep_
    # A mention inside a coordination or apposition takes the role of the first conjunct.
    while dep in ("conj", "appos") and token.head.i != token.i:
        token = token.head
        dep = token.dep_
    if dep in ("nsubj", "nsubjpass", "csubj"):
        return "subject", token.head.i
    if dep in ("dobj", "dative", "attr", "oprd"):
        return "object", token.head.i
    if dep == "pobj":
        if token.head.dep_ == "agent":
            return "subject", token.head.head.i  # "an admission by Moscow": Moscow admits
        return "oblique", token.head.head.i
    if dep == "poss":
        return "possessor", token.head.i
    return "other", token.head.i


def _number(token: Token) -> str:
    return "pl" if token.tag_ in ("NNS", "NNPS") else "sg"


def _partitive_start(token: Token) -> int | None:
    """For "thousands of Iranians", the start of "thousands": the quantity belongs to the mention."""
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        quantity = token.head.head
        if quantity.i < token.i and (quantity.lower_ in QUANTITY_WORDS or quantity.like_num):
            return quantity.left_edge.i
    return None


class MentionFinder:
    """Finds and codes the mentions of one document."""

    def __init__(self, doc: Doc, lexicon: Lexicon, day: date | None, city_roles: bool = True) -> None:
        self.doc = doc
        self.city_roles = city_roles
        cached = Tokens(doc)
        self.tokens = cached.tokens  # one Token object per token (see Tokens)
        self.lexicon = lexicon
        self.codes = lexicon.codes
        self.day = day
        self.parse = analyse(cached, lexicon)
        # What the places stage found, if it ran: token -> place id, place id -> Place.
        self.token_place: dict[int, str] = getattr(doc._, "token_place", None) or {}
        self.places = {p.id: p for p in (getattr(doc._, "places", None) or [])}
        self.country_places: set[int] = set()
        self.dateline_chars = self._dateline_chars(doc)
        self.appositions: dict[int, list[int]] = {}  # mention -> its appositions (while linking)
        self.mentions: list[Mention] = []
        self.by_head: dict[int, int] = {}  # head token -> mention index

    # -- detection --

    def find(self) -> list[Mention]:
        doc, parse = self.doc, self.parse
        seen_names: set[tuple[int, int]] = set()
        adjectives = []
        compounds = []
        # Part of speech, dependency and lemma of every token at once, as numbers: reading them token by
        # token through spaCy's Token objects is the slow part of a stage like this one.
        strings = doc.vocab.strings
        columns = doc.to_array([POS, DEP, LOWER, LEMMA]).tolist() if len(doc) else []
        compound, pronouns = strings.add("compound"), {strings.add(p) for p in PRONOUNS}
        nouns = CANDIDATE_NOUNS | GENERIC_ROLES | SIDE_NOUNS
        candidates = {strings.add(form) for n in nouns for form in (n, n.capitalize())}
        for i, (pos, dep, lower, lemma) in enumerate(columns):
            name = parse.name_of_token.get(i)
            if name is None and pos not in (NOUN, PROPN, PRON) and lower not in pronouns:
                continue
            token = self.tokens[i]
            if name is not None:
                if (name[0], name[1]) in seen_names:
                    continue
                seen_names.add((name[0], name[1]))
                root = _span_root(self.tokens, name[0], name[1])
                if root.dep_ == "amod" or root.pos_ == "ADJ":
                    adjectives.append((name, root))
                else:
                    self._add_name(name, root)
                continue
            if pos == PRON or lower in pronouns:
                if lower in pronouns and (pos == PRON or token.tag_ in ("PRP", "PRP$")):
                    self._add_pronoun(token)
                continue
            if i not in parse.agent_ending_at and lemma not in candidates:
                continue  # a noun that is neither an agent nor a group noun
            if dep != compound:
                self._add_descriptor(token)
            else:
                compounds.append(token)
        # A demonym describes the actor its noun names ("Iranian officials"); beside a noun that is no
        # actor it stands for its country ("Palestinian riots", "an Iranian attack"). Likewise an agent
        # modifying a noun that is no actor is the actor ("Israeli army bulldozers", "opposition candidates").
        covered = {i for m in self.mentions for i in range(m.start, m.end)}
        for token in compounds:
            if (
                token.head.i not in self.by_head
                and token.i not in covered
                and token.lemma_.lower() not in EQUIPMENT_NOUNS
            ):
                self._add_descriptor(token)
        covered = {i for m in self.mentions for i in range(m.start, m.end)}
        for name, root in adjectives:
            if root.i not in covered and root.head.i not in covered:
                count = len(self.mentions)
                self._add_name(name, root)
                if len(self.mentions) == count:
                    continue
                mention = self.mentions[-1]
                if not mention.code.root:
                    # "its European partners", "Islamist violence": a demonym no dictionary places stands
                    # for no country, and its noun is no actor.
                    self.mentions.pop()
                    self.by_head.pop(mention.head, None)
                    continue
                if (
                    mention.head == root.i
                    and mention.code.root
                    and mention.code.root == mention.code.country
                    and not mention.code.sectors
                ):
                    mention.type = "country"  # "an Iranian attack", "Iranian-backed": Iran
        self._in_document_order()
        self._link()
        self._in_document_order()
        tokens = self.tokens
        for mention in self.mentions:
            last = tokens[mention.end - 1]
            mention.start_char, mention.end_char = tokens[mention.start].idx, last.idx + len(last)
            if mention.kind == "descriptor":
                first = mention.start
                while first < mention.end - 1 and tokens[first].lower_ in DEFINITE_DETERMINERS | {"a", "an"}:
                    first += 1
                mention.name_text = doc[first : mention.end].text
            for child in tokens[mention.head].children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    mention.of_objects.extend(self.by_head[c.i] for c in child.children if c.i in self.by_head)
        return self.mentions

    def _in_document_order(self) -> None:
        """Sort the mentions by position, renumbering the links between them."""
        order = sorted(range(len(self.mentions)), key=lambda i: (self.mentions[i].start, self.mentions[i].head))
        if order == list(range(len(order))):
            return
        new_index = {old: new for new, old in enumerate(order)}
        self.mentions = [self.mentions[i] for i in order]
        for mention in self.mentions:
            if mention.possessor is not None:
                mention.possessor = new_index[mention.possessor]
            if mention.appositive_of is not None:
                mention.appositive_of = new_index[mention.appositive_of]
            if mention.conjunct_group is not None:
                mention.conjunct_group = [new_index[i] for i in mention.conjunct_group]
            mention.of_objects = [new_index[i] for i in mention.of_objects]
        self.by_head = {m.head: i for i, m in enumerate(self.mentions)}

    def _append(self, mention: Mention) -> int:
        self.mentions.append(mention)
        self.by_head[mention.head] = len(self.mentions) - 1
        return len(self.mentions) - 1

    def _add_name(self, name: tuple[int, int, str | None, int | None], root: Token) -> None:
        doc = self.doc
        start, end, label, entry = name
        # Titles and descriptors before a name belong to its mention ("former US president Donald Trump").
        left = min(start, root.left_edge.i)
        while left < start and self.tokens[left].dep_ in ("punct", "cc", "prep", "mark"):
            left += 1
        partitive = _partitive_start(root)
        if partitive is not None:
            left = min(left, partitive)
        role, verb = _role(root)
        mention = Mention(
            start=left, end=end, head=root.i, kind="name", sentence=self.parse.sentence_of[root.i], label=label,
            entry=entry, name_start=start, name_end=end, number=_number(root), head_lemma=root.lemma_.lower(),
            role=role, verb=verb,
        )  # fmt: skip
        mention.definite = self.tokens[left].lower_ in DEFINITE_DETERMINERS or (
            start > 0 and self.tokens[start - 1].lower_ == "the"
        )
        mention.name_text = doc[start:end].text
        self._code_name(mention)
        if mention.type == "country" and not mention.code.root:
            self._code_from_place(mention)
            name = mention.name_text
            if not mention.code.root and (name.isupper() or any(c.isdigit() for c in name)):
                mention.type = "organization"  # "IE6", "NDS" tagged GPE: no place is written so
        if (
            mention.type == "country"
            and not mention.code.root
            and root.dep_ in ("compound", "nmod")
            and root.head.i > root.i
        ):
            return  # "the Takuba task force": a name nothing places, part of the name of what follows
        if mention.type == "country" and not self._is_country_name(mention):
            if not mention.code.root:
                return  # a town no dictionary or gazetteer places in a country is a place, not an actor
            if (
                root.dep_ in ("compound", "nmod")
                and root.head.i not in self.by_head
                and root.head.i not in self.parse.agent_ending_at
            ):
                return  # "Baghdad airport": part of the name of a place; "Washington officials" are not
            self._code_city(mention, root)
        if mention.type != "person" and self._in_dateline(self.tokens[start]):
            return  # "TEHRAN, Jan 3 (Reuters) -": where the story was filed and who filed it, not actors
        self._append(mention)

    def _dateline_chars(self, doc: Doc) -> list[tuple[int, int]]:
        """Character spans of wire datelines ("TEHRAN, Jan 3 (Reuters) -"): the place a story was filed from
        is no actor in it."""
        text = document_text(doc)
        return datelines(text) if "-" in text or "–" in text or "—" in text else []

    def _in_dateline(self, token: Token) -> bool:
        return any(start <= token.idx < end for start, end in self.dateline_chars)

    def _code_from_place(self, mention: Mention) -> None:
        """A place name no actor dictionary knows, located by the places stage (when it ran): its country."""
        place_id = self.token_place.get(mention.head)
        place = self.places.get(place_id) if place_id else None
        country = getattr(place, "country", None)
        if country:
            mention.code.root, mention.code.country, mention.code.root_source = country, country, DESCRIPTOR
            if (getattr(place, "feature", None) or "").startswith("A.PCL"):
                self.country_places.add(mention.head)

    def _code_city(self, mention: Mention, root: Token) -> None:
        """A city the dictionary files under its country stands for its people, or for the government when a
        capital is the subject or object ("Moscow demanded", "blockade Paris" is the city): the PLOVER gold
        standard's convention, and CAMEO's."""
        mention.type = "other"
        if not self.city_roles:
            return  # PETRARCH's reading: the dictionary's code for the city, "Seoul" is KOR
        capital = self.lexicon.capitals.get(mention.code.country or "")
        name = normalise_phrase(mention.name_text)
        if capital and name == capital and mention.role in ("subject", "object"):
            mention.code.sectors = ["GOV"]
        else:
            mention.code.sectors = ["CVL"]
        mention.code.sector_source = DESCRIPTOR

    def _add_pronoun(self, token: Token) -> None:
        kind, number, gender = PRONOUNS[token.lower_]
        role, verb = _role(token)
        mention = Mention(
            start=token.i, end=token.i + 1, head=token.i, kind="pronoun", sentence=self.parse.sentence_of[token.i],
            type="person" if kind == "person" else "other", number=number, gender=gender,
            head_lemma=token.lower_, role=role, verb=verb,
        )  # fmt: skip
        self._append(mention)

    def _add_descriptor(self, token: Token) -> None:
        """A common-noun phrase is an actor when its head is an agent, a demonym, or a group noun beside a
        name or demonym."""
        parse = self.parse
        i = token.i
        agent = parse.agent_ending_at.get(i)
        lemma = token.lemma_.lower()
        # "Soleimani, head of Iran's Quds Force": a role of an organisation, said of an actor.
        # So is "the bank chief", "the party leader": the organisation as a noun before the role.
        role_of = (
            lemma in GENERIC_ROLES
            and token.dep_ in ("appos", "attr", "nsubj", "nsubjpass", "dobj", "conj")
            and any(
                (c.dep_ == "prep" and (c.lower_ == "of" or (c.lower_ == "for" and lemma in SPOKESPERSON_NOUNS)))
                or (c.dep_ == "compound" and c.i < i and c.lemma_.lower() in ORGANISATION_NOUNS)
                for c in token.children
            )
        )
        taking_sides = agent is None and lemma in SIDE_NOUNS
        if agent is None and lemma not in CANDIDATE_NOUNS and not role_of and not taking_sides:
            return  # most nouns: no agent, no group noun
        if lemma in PLACE_NOUNS:
            return  # "the southeastern city": a place, for the places stage
        if token.ent_type_ in NOT_ACTOR_ENTITIES:
            return
        if lemma in CAPITALISED_AGENTS and token.text.islower():
            return  # "changing diet": food, not the Japanese parliament
        if _is_trend(token):
            return  # "increasing population": a trend, not a group that acts
        if lemma in QUANTITY_WORDS and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" for o in c.children) for c in token.children
        ):
            return  # "a group of Moroccan diplomats": the diplomats are the actor
        if agent is not None and self.codes.is_not_actor(self.lexicon.agents[agent.entry].suffix):
            return
        if lemma in MASS_READING_NOUNS and token.dep_ != "compound" and _bare_singular(token):
            return  # "the use of force": the abstraction, not an armed force
        if lemma == "opposition" and any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children):
            return  # "Washington's opposition to an operation": a stance, not the opposition
        if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
            return  # '"no business" in the Sahel', "no country": nobody
        if _asked_about(token, self.tokens):
            return  # "did not say how many people had been arrested": a question, not a group that acts
        left = token.left_edge.i
        while left < i and self.tokens[left].dep_ in ("punct", "cc", "prep", "mark"):
            left += 1
        modifier_names = [parse.name_of_token[j] for j in range(left, i) if j in parse.name_of_token]
        if agent is None and not role_of and not taking_sides:
            group_noun = lemma in ORGANISATION_NOUNS or lemma in COALITION_NOUNS
            definite = self.tokens[left].lower_ in DEFINITE_DETERMINERS or any(c.dep_ == "poss" for c in token.children)
            if not (group_noun and (modifier_names or definite)) and lemma not in COUNTRY_NOUNS:
                return
            if lemma in COUNTRY_NOUNS and not (self.tokens[left].lower_ in DEFINITE_DETERMINERS or modifier_names):
                return
        partitive = _partitive_start(token)
        if partitive is not None:
            left = min(left, partitive)
        role, verb = _role(token)
        mention = Mention(
            start=left, end=i + 1, head=i, kind="descriptor", sentence=parse.sentence_of[i], number=_number(token),
            head_lemma=lemma, role=role, verb=verb,
        )  # fmt: skip
        mention.definite = self.tokens[left].lower_ in DEFINITE_DETERMINERS
        # "the Resistance front": a proper noun in the phrase makes it a name, not an anaphoric description.
        proper = any(self.tokens[j].pos_ == "PROPN" and self.tokens[j].dep_ == "compound" for j in range(left, i))
        mention.named = bool(modifier_names) or proper
        mention.titled = proper and not modifier_names
        mention.counted = any(c.dep_ == "nummod" for c in token.children) or partitive is not None
        if lemma in COUNTRY_NOUNS:
            mention.type = "country"
        elif lemma in COALITION_NOUNS and mention.named:
            mention.type = "group"
        elif lemma in ORGANISATION_NOUNS:
            mention.type = "organization" if mention.number == "sg" else "group"
        elif lemma in MEDIA_NOUNS:
            mention.type = "organization"  # "state television" broadcasts, it is no person
        elif lemma in COLLECTIVE_NOUNS:
            mention.type = "group"
        else:
            mention.type = "person" if mention.number == "sg" else "group"
        mention.colonial = any(c.dep_ == "amod" and c.lower_ in COLONIAL_WORDS for c in token.children)
        mention.regional = any(
            label == "NORP"
            and entry is None
            and any(self.tokens[j].lower_ in REGION_DEMONYM_WORDS for j in range(b, e))
            and not stance(self.tokens, b, e)
            for b, e, label, entry in modifier_names
        )  # "West African leaders", "Latin American governments"; "pro-European protesters" are a stance
        if lemma in MALE_NOUNS:
            mention.gender = "m"
        elif lemma in FEMALE_NOUNS:
            mention.gender = "f"
        self._append(mention)

    # -- coding from the mention's own words --

    def _entry_code(self, entry: int) -> tuple[list[str], bool]:
        """The codes of a dictionary entry at the article's date ("FRO/BIL/SAM" names three actors), and
        whether they are valid at that date (else they are the entry's latest codes, for the country only)."""
        actor = self.lexicon.actors[entry]
        code = actor.code_at(self.day)
        valid = code is not None
        if code is None:
            code = actor.any_code()
        if not code:
            return [], valid
        return [c for c in code.split("/") if c], valid

    def _code_from(self, code: str, valid: bool, source: str) -> Code:
        parsed = self.codes.parse(code)
        root_blocks = [b for b in parsed.blocks if b not in parsed.sectors]
        root = "".join(root_blocks) if parsed.root else None
        return Code(
            root=root, country=parsed.country, sectors=list(parsed.sectors) if valid else [],
            base="".join(parsed.blocks) if valid else None,
            root_source=source if root else None, sector_source=source if valid and parsed.sectors else None,
        )  # fmt: skip

    def _is_country_name(self, mention: Mention) -> bool:
        """Whether a name is a country itself (a country name or demonym), rather than a city the dictionary
        files under its country (Phoenix lists "Tehran" and "Mashhad" as synonyms of Iran)."""
        name = normalise_phrase(mention.name_text)
        if mention.label == "NORP" or name in self.lexicon.country_names or mention.head in self.country_places:
            return True
        if name in self.lexicon.city_names:
            return False
        # A town the gazetteer spells otherwise ("Mecca" is Makkah) that the places stage located.
        place = self.places.get(self.token_place.get(mention.head, ""))
        feature = (getattr(place, "feature", None) or "") if place is not None else ""
        return not feature.startswith("P.")

    def _code_name(self, mention: Mention) -> None:
        label = mention.label
        if mention.entry is not None:
            codes, valid = self._entry_code(mention.entry)
            if codes:
                mention.code = self._code_from(codes[0], valid, DICTIONARY)
                mention.extra_codes = [self._code_from(c, valid, DICTIONARY) for c in codes[1:]]
        branch = self.parse.branch_country.get(mention.name_start)
        if branch and mention.code.root and not mention.code.country:
            mention.code.country = branch  # "Amnesty International Kenya" is the organisation, in Kenya
        code = mention.code
        head = self.tokens[mention.head]
        bare_country = code.root is not None and code.root == code.country and not code.sectors
        source = self.lexicon.actors[mention.entry].source if mention.entry is not None else ""
        mention.group_entry = source in GROUP_DICTIONARIES
        if mention.group_entry or (source in GROUP_OR_LEADER_DICTIONARIES and label != "PERSON"):
            # "the Houthis" (tagged PERSON), "Houthi" before a noun (tagged GPE): the group the dictionary names.
            mention.type = "group" if mention.number == "pl" else "organization"
        elif label == "PERSON":
            mention.type = "person"
        elif label == "NORP":
            # "Iranians", "the Houthis": a people or a group; "Iranian" before a noun: the country.
            adjectival = head.tag_ == "JJ" or head.dep_ in ("amod", "npadvmod")
            mention.type = "country" if adjectival and code.root and code.root == code.country else "group"
        elif code.root and code.country and code.root != code.country and not code.sectors:
            mention.type = "organization"  # "Halliburton" tagged GPE: the dictionary says MNCUSA
        elif label == "GPE" or (label is None and bare_country):
            mention.type = "country" if (code.country or label == "GPE") else "organization"
        elif label is None and _is_place_root(code):
            mention.type = "country"  # a bare three-letter code the dictionary gives a place ("ARNOR [ARN]")
        else:
            mention.type = "organization"
        head = self.tokens[mention.head]
        if mention.type == "organization" and mention.entry is None and self._titled_as_person(mention):
            mention.type = "person"  # "opposition leader María Corina Machado", tagged an organisation
        if mention.type == "organization" and head.lower_ in COALITION_NOUNS:
            mention.type = "group"
        if mention.type == "group" and (head.tag_ == "JJ" or head.text.endswith("s")):
            mention.number = "pl"  # "the Houthis", "Iranians"
        demonym = code.root_source == DICTIONARY and code.root is not None and code.root == code.country
        if (
            label == "NORP"
            and demonym
            and mention.number == "pl"
            and head.pos_ in ("NOUN", "PROPN")
            and not code.sectors
        ):
            self._people_or_side(mention, head)
        if mention.entry is not None and label != "PERSON":
            self._narrow_region(mention)
        if mention.entry is None and mention.type in ("organization", "group"):
            self._code_from_own_words(mention)
        elif label == "NORP" and code.root == code.country:
            # "Bosnian Serbs", "Iraqi Kurds": a people is placed in the country its demonym names.
            for i in range(mention.name_start, mention.name_end - 1):
                entry = _exact_entry(self.lexicon, self.tokens[i].text)
                codes_at, valid = self._entry_code(entry) if entry is not None else ([], False)
                other = self._code_from(codes_at[0], valid, DESCRIPTOR) if codes_at else None
                if other is not None and other.country and other.country != code.country:
                    code.root, code.country, code.root_source = other.country, other.country, DESCRIPTOR
                    break
        for i in range(mention.start, mention.name_start):
            lower = self.tokens[i].lower_
            if lower in MALE_TITLES:
                mention.gender = "m"
            elif lower in FEMALE_TITLES:
                mention.gender = "f"

    def _people_or_side(self, mention: Mention, head: Token) -> None:
        """A plural demonym names a country's side when it acts on its own ("Palestinians reject the plan")
        and its people, civilians, when counted, described or acted upon ("100 Palestinians were arrested",
        "young Algerians", "Iraqi Kurds")."""
        described = mention.start < mention.name_start or mention.name_end - mention.name_start > 1
        counted = any(c.dep_ in ("nummod", "amod", "quantmod") for c in head.children)
        if described or counted or mention.role != "subject":
            mention.code.sectors, mention.code.sector_source = ["CVL"], DESCRIPTOR

    def _code_from_own_words(self, mention: Mention) -> None:
        """A name no dictionary knows is coded from its own words: "Serbian Workers' Union" is Serbian and a
        labour union, "Kenya Anti-Corruption Commission" Kenyan and governmental."""
        start, end = mention.name_start, mention.name_end
        country = self._country_in_name(start, end)
        if country is not None:
            mention.code.root, mention.code.country, mention.code.root_source = country, country, DESCRIPTOR
        roles: list[str] = []
        agents = self._agents_within(start, end, in_names=True)
        covered = {i for agent in agents for i in range(agent.start, agent.end)}
        for agent in agents:
            after = agent.end
            if (
                agent.end - agent.start == 1
                and self.tokens[agent.start].lower_ in TITLE_WORDS
                and after < end
                and after not in covered
                and self.tokens[after].pos_ == "PROPN"
            ):
                continue  # "General Motors": a title word naming a company, no general
            blocks = [b for b in split_blocks(self.lexicon.agents[agent.entry].suffix) if b in self.codes.sectors]
            # The role of the name's last word comes first ("Workers' Union": a union).
            roles = [*blocks, *roles] if agent.end == end else [*roles, *blocks]
        if roles:
            mention.code.sectors = list(dict.fromkeys(roles))
            mention.code.sector_source = DESCRIPTOR
        mention.non_governmental = country is None and self._names_non_governmental_body(
            start, end, self.tokens[mention.head]
        )

    def _names_non_governmental_body(self, start: int, end: int, head: Token) -> bool:
        """ "the Third World Water Forum", "the Association of African Jurists", "the World Council of Churches":
        a name headed by a non-governmental body's noun (a committee, council or federation only named
        international), with no country in it."""
        lemma = head.lemma_.lower()
        if not head.is_title or not start <= head.i < end:
            return False
        if lemma in NGO_HEAD_NOUNS:
            return True
        return lemma in INTERNATIONAL_HEAD_NOUNS and any(
            self.tokens[i].lower_ in INTERNATIONAL_WORDS or self.tokens[i].lower_ in REGION_DEMONYM_WORDS
            for i in range(start, end)
        )

    def _country_in_name(self, start: int, end: int) -> str | None:
        """A country named by words of a name: "United States Air Force", "Palestinian Islamic Jihad"."""
        # Country names of up to three words inside it, longest first.
        pieces = [(i, i + n) for n in (3, 2, 1) for i in range(start, end - n + 1) if n < end - start]
        for first, stop in pieces:
            piece = self.doc[first:stop].text if stop - first > 1 else self.tokens[first].text
            entry = _exact_entry(self.lexicon, piece)
            if entry is None:
                continue
            if (
                stop - first > 1
                and normalise_phrase(piece) not in self.lexicon.country_names
                and not _is_bare_country(self.lexicon, entry)
            ):
                continue  # only a country's own name ("Northern Ireland"), not a phrase some entry lists
            codes_at, valid = self._entry_code(entry)
            if codes_at:
                code = self._code_from(codes_at[0], valid, DESCRIPTOR)
                if code.country and not code.sectors:
                    return code.country
                if _is_place_root(code):
                    return code.root
        return None

    def _narrow_region(self, mention: Mention) -> None:
        """A dictionary code rooted in a region ("PALESTINIAN_ISLAMIC_JIHAD [MEAREB]", the Middle East) gives
        way to the country the name itself states."""
        code = mention.code
        if code.root not in REGION_ROOTS or mention.name_start is None:
            return
        country = self._country_in_name(mention.name_start, mention.name_end)
        if country is not None:
            code.root, code.country, code.base = country, country, None

    # -- links between mentions: modifiers, appositions, "of" phrases --

    def _link(self) -> None:
        for index, mention in enumerate(self.mentions):
            if mention.kind == "pronoun":
                continue
            head = self.tokens[mention.head]
            for child in head.children:
                if child.dep_ == "appos" and child.i in self.by_head:
                    other = self.by_head[child.i]
                    if self.mentions[other].kind == "pronoun":
                        continue
                    # "Soleimani and Abu Mahdi al-Muhandis, the Iraqi militia commander": an apposition
                    # after a coordination describes the conjunct just before it.
                    conjuncts = [
                        c.i for c in head.children if c.dep_ == "conj" and c.i < child.i and c.i in self.by_head
                    ]
                    target = self.by_head[max(conjuncts)] if conjuncts else index
                    target = self._compatible_apposition_target(target, other)
                    if target is not None:
                        self.mentions[other].appositive_of = target
                        self.appositions.setdefault(target, []).append(other)
                elif child.dep_ == "poss" and child.i in self.by_head:
                    mention.possessor = self.by_head[child.i]
                elif (
                    child.dep_ == "compound"
                    and mention.kind == "descriptor"
                    and mention.head_lemma in NAMED_GROUP_NOUNS
                    and child.i in self.by_head
                    and self.mentions[self.by_head[child.i]].type in ("organization", "group")
                ):
                    # "the Islamic State group", "the Hezbollah movement": the name and its noun are one actor.
                    mention.appositive_of = self.by_head[child.i]
        self._link_copulas()
        # Code descriptors (and names' titles) once every mention is known, inner ones first.
        done: set[int] = set()
        for index in range(len(self.mentions)):
            self._describe(index, done, depth=0)
        for mention in self.mentions:
            if mention.appositive_of is not None:
                # "Ithilen's minister, Calimehtar": the description a name is in apposition to states it too.
                _state_affiliation(mention, [self.mentions[mention.appositive_of].code])
        self._split_conjoined_modifiers()
        self._split_conjoined_objects()

    def _titled_as_person(self, mention: Mention) -> bool:
        """A name of two to four capitalised words right after a role only a person holds."""
        start = mention.name_start
        if not start:
            return False
        words = self.tokens[start : mention.name_end]
        return self.tokens[start - 1].lemma_.lower() in PERSON_ROLE_WORDS and _reads_as_person_name(words)

    def _retype_named_person(self, first: int, second: int) -> None:
        """ "the French ambassador, Sylvain Itte": a name the model took for an organisation, set beside a person's
        role, is that person when nothing in it or in the dictionary makes it an organisation."""
        pair = (self.mentions[first], self.mentions[second])
        role = next((m for m in pair if m.kind == "descriptor" and m.type == "person"), None)
        name = next((m for m in pair if m.kind == "name" and m.type == "organization"), None)
        if role is None or name is None or name.code.root_source == DICTIONARY:
            return
        if role.head_lemma not in PERSON_ROLE_WORDS:
            return  # "the launch customer, Singapore Airlines": a role a company can hold too
        if _reads_as_person_name(self.tokens[name.name_start : name.name_end]):
            name.type = "person"

    def _compatible_apposition_target(self, target: int, apposition: int) -> int | None:
        """An apposition names the same actor as its noun, unless one is a person and the other is not: then
        it describes the object of the noun's "of" phrase ("the deputy commander of the PMF, an Iranian-backed
        militia"), or nothing. A country is not described by an organisation noun either ("Dagolath, the
        Osgiliath newspaper al-Raya": a list running on into the source)."""
        self._retype_named_person(target, apposition)
        people = {self.mentions[target].type == "person", self.mentions[apposition].type == "person"}
        countries = {self.mentions[target].type == "country", self.mentions[apposition].type == "country"}
        described = self.mentions[apposition].kind == "descriptor"  # a name may still be its acronym ("(DPRK)")
        if len(people) == 1 and (len(countries) == 1 or not described):
            return target
        for child in self.tokens[self.mentions[target].head].children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    other = self.by_head.get(obj.i)
                    if other is not None and (self.mentions[other].type == "person") == (
                        self.mentions[apposition].type == "person"
                    ):
                        return other
        return None

    def _link_copulas(self) -> None:
        """ "al-Muhandis was the deputy commander of the PMF": the predicate describes the subject."""
        for index, mention in enumerate(self.mentions):
            if mention.kind != "descriptor" or mention.appositive_of is not None:
                continue
            head = self.tokens[mention.head]
            verb = head.head
            if head.dep_ != "attr" or verb.lemma_ != "be":
                continue
            for child in verb.children:
                if child.dep_ == "nsubj" and child.i in self.by_head:
                    subject = self.by_head[child.i]
                    if (
                        self.mentions[subject].kind != "pronoun"
                        and self._compatible_apposition_target(subject, index) == subject
                    ):
                        mention.appositive_of = subject
                        self.appositions.setdefault(subject, []).append(index)

    def _modifier_mentions(self, mention: Mention) -> list[int]:
        """Mentions modifying this one's head from inside its noun phrase (names as compound, poss, nmod)."""
        found = []
        stop = mention.name_start if mention.name_start is not None else mention.head
        for i in range(mention.start, stop):
            other = self.by_head.get(i)
            if other is not None and self.mentions[other].kind != "pronoun" and not is_other_party(self.tokens, i):
                found.append(other)
        return found

    def _agents_within(self, start: int, stop: int, in_names: bool = False) -> list[Match]:
        """The agent phrases inside tokens [start, stop); words of a name inside ("the Islamic State group")
        describe that name, not this mention, unless ``in_names``."""
        found = []
        names = self.parse.name_of_token
        for i in range(start, stop):
            agent = self.parse.agent_ending_at.get(i)
            if agent is None or agent.start < start:
                continue
            if in_names or not any(j in names for j in range(agent.start, agent.end)):
                found.append(agent)
        return found

    def _describe(self, index: int, done: set[int], depth: int) -> Code:
        mention = self.mentions[index]
        if index in done or depth > 4 or mention.kind == "pronoun":
            return mention.code
        done.add(index)
        parse, codes = self.parse, self.codes
        head = self.tokens[mention.head]
        stop = mention.name_start if mention.name_start is not None else mention.head + 1
        # The word whose role the actor has: a descriptor's head, or the title just before a name.
        role_word = mention.head if mention.kind == "descriptor" else stop - 1

        # Agents among the words before the name, and the head itself for a descriptor.
        sectors: list[str] = []  # roles of the words before the head
        head_sectors: list[str] = []
        prefix: list[str] = []
        generic = role_word >= mention.start and self.tokens[role_word].lemma_.lower() in GENERIC_ROLES
        for agent in self._agents_within(mention.start, stop):
            entry = self.lexicon.agents[agent.entry]
            roles = [s for s in split_blocks(entry.suffix) if s in codes.sectors]
            if agent.end - 1 == role_word:
                head_sectors = roles
            else:
                sectors.extend(s for s in roles if s not in sectors)
            prefix.extend(p for p in split_blocks(entry.prefix) if p not in prefix)
        if mention.kind == "name":
            # "MSF Arnor": a prefix agent inside a name before the dictionary's phrase puts its code before the
            # name's, as PETRARCH composes `NGO~` (NGOARN).
            for agent in self._agents_within(mention.name_start, mention.name_end, in_names=True):
                prefix.extend(p for p in split_blocks(self.lexicon.agents[agent.entry].prefix) if p not in prefix)
        # The head's own role comes first; a generic role ("leader", "spokesman") gives way to the roles
        # before it ("militia leader", "police spokesman").
        if not (generic and sectors):
            sectors = [*head_sectors, *[s for s in sectors if s not in head_sectors]]
        if mention.kind == "name" and len(sectors) > 1 and sectors[0] == "REL":
            # "Supreme Leader Ayatollah Ali Khamenei": a religious honorific comes after the office.
            sectors = [*sectors[1:], "REL"]
        # "its former colonial ruler": "former" qualifies the colonial rule, not an office once held.
        former = not mention.colonial and any(self.tokens[i].lower_ in FORMER_WORDS for i in range(mention.start, stop))

        # Country or organisation from names modifying this one, its apposition and its "of" phrase.
        related: list[tuple[Code, str]] = []
        for other in self._modifier_mentions(mention):
            related.append((self._describe(other, done, depth + 1), self.tokens[self.mentions[other].head].dep_))
        for i in range(mention.start, stop):
            token = self.tokens[i]
            # "Iranian officials"; "Mali junta", where the parser makes the country an adjectival compound.
            adjectival = token.dep_ == "amod" or (token.dep_ == "compound" and token.pos_ == "ADJ")
            if not adjectival or i in self.by_head or token.head.i not in (mention.head, role_word):
                continue
            if is_other_party(self.tokens, i):
                continue
            name = parse.name_of_token.get(i)
            entry = name[3] if name is not None else _exact_entry(self.lexicon, self.tokens[i].text)
            if entry is not None:
                codes_at, valid = self._entry_code(entry)
                if codes_at:
                    related.append((self._code_from(codes_at[0], valid, DESCRIPTOR), "amod"))
        # "the Resistance front, from Hezbollah in Lebanon to the Houthis in Yemen": a range, not an origin.
        ranged = any(c.dep_ == "prep" and c.lower_ == "to" for c in head.children)
        # "recalled its ambassador from Paris": whose the envoy is, the possessive says; "from" is where he was.
        ranged = ranged or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)
        # "the withdrawal of invasion forces from Panama": where they leave.
        ranged = ranged or _left(head)
        speaks_for = head.lemma_.lower() in SPOKESPERSON_NOUNS
        for child in head.children:
            if speaks_for and child.dep_ == "prep" and child.lower_ == "for":
                # "a spokesman for the UN human rights office" speaks as one of it.
                for obj in child.children:
                    other = self.by_head.get(obj.i) if obj.dep_ == "pobj" else None
                    if other is not None and self.mentions[other].kind != "pronoun":
                        related.append((self._describe(other, done, depth + 1), "of"))
            if child.dep_ == "prep" and child.lower_ in ORIGIN_PREPOSITIONS and not (ranged and child.lower_ == "from"):
                for obj in map(self._origin_object, child.children):
                    if obj.dep_ in ("pobj", "compound") and obj.i in self.by_head:
                        other = self.mentions[self.by_head[obj.i]]
                        if other.kind == "pronoun":
                            continue
                        code = self._describe(self.by_head[obj.i], done, depth + 1)
                        # "soldiers from Gondor": a country (a bare root, known to ISO or not) places them.
                        # A name the parser calls a people ("activists in Arnor", NORP) is a place here too.
                        place = code.country or (
                            code.root
                            and not code.sectors
                            and other.kind == "name"
                            and other.type in ("country", "group")
                        )
                        if child.lower_ == "of" or place:
                            related.append((code, "of" if child.lower_ == "of" else "origin"))
        if mention.appositive_of is None:
            for other in self.appositions.get(index, []):
                related.append((self._describe(other, done, depth + 1), "appos"))

        code = mention.code
        if mention.label == "NORP" and code.root_source == DICTIONARY and code.root == code.country:
            # "Bosnian Serbs", "Iraqi Kurds": a people is placed in the country its demonym names.
            other = next((o for o, r in related if r == "amod" and o.country and o.country != code.country), None)
            if other is not None:
                code.root, code.country, code.root_source = other.country, other.country, DESCRIPTOR
        # Not an origin phrase: "then-President Donald Trump in Hanoi" is where he was, not whose he is.
        _state_affiliation(mention, [o for o, relation in related if relation != "origin"])
        # Root: the dictionary's, else a country or organisation named beside it.
        if not code.root:
            for other, relation in related:
                if other.root:
                    code.root = (other.country or other.root) if relation == "origin" else other.root
                    code.country = other.country
                    code.root_source = DESCRIPTOR
                    if relation != "origin" and not prefix:
                        prefix = list(other.prefix)  # "an MSF Arnor diplomat": one of MSF Arnor, NGOARNGOV
                    if relation in ("compound", "poss", "of", "appos", "nmod") and not sectors:
                        # Membership: "the IRGC general" has no sector of its own words beyond the IRGC's.
                        sectors = [s for s in other.sectors]
                    elif relation in ("compound", "poss", "of", "nmod") and generic and other.root != other.country:
                        sectors = [*other.sectors, *[s for s in sectors if s not in other.sectors]]
                    break
        if not code.root and mention.kind == "descriptor" and head.dep_ == "conj" and head.head.i in self.by_head:
            # "the Danish Islamist media and government": the second noun shares the first one's modifiers.
            first_index = self.by_head[head.head.i]
            first = self.mentions[first_index]
            first_code = self._describe(first_index, done, depth + 1)
            if first.kind == "descriptor" and first_code.root and first_code.root_source == DESCRIPTOR:
                code.root, code.country, code.root_source = first_code.root, first_code.country, DESCRIPTOR
        residence = self._residence(mention, head, done, depth)
        if residence is not None and residence.country != code.country:
            # "ethnic Albanians in south Serbia", "the Albanians of southern Serbia": a people is coded by the
            # country it lives in, the ethnicity being more than CAMEO codes.
            code.root, code.country, code.base, code.root_source = (
                residence.country,
                residence.country,
                None,
                DESCRIPTOR,
            )
        if code.root_source == DICTIONARY and not code.country:
            for other, _relation in related:
                if other.country:
                    code.country = other.country
                    break
        # Sectors: what the text says of the actor's role beats the dictionary's, which may be out of date.
        appositive_sectors = next((o.sectors for o, r in related if r == "appos" and o.sectors), [])
        if former and (sectors or code.sectors or appositive_sectors):
            code.sectors, code.sector_source = ["ELI"], DESCRIPTOR
        elif sectors:
            code.sectors = [s for s in dict.fromkeys(sectors) if s not in NON_STATE_ROOTS or s == "NGO"]
            code.sector_source = DESCRIPTOR
        elif appositive_sectors and mention.kind == "name" and not code.sectors:
            code.sectors, code.sector_source = list(appositive_sectors), DESCRIPTOR
        if prefix:
            code.prefix = tuple(prefix)
        return code

    def _residence(self, mention: Mention, head: Token, done: set[int], depth: int) -> Code | None:
        """The country a people or an ethnic group is said to live in: "the Albanians of southern Serbia" (a
        demonym's people and an "of" phrase); "ethnic Albanians in south Serbia", "ethnic Albanian guerrillas
        operating in Macedonia", "ethnic Albanians demonstrated in Serbia" ("ethnic" and an "in" phrase on the
        head, on a participle of it or on the verb it is the subject or object of). Without "ethnic", "in" says
        where nationals are, not whose they are ("Americans in Iraq")."""
        if mention.kind == "pronoun" or not mention.code.root:
            return None
        ethnic = any(self.tokens[i].lower_ == "ethnic" for i in range(mention.start, mention.head))
        people = mention.kind == "name" and mention.label == "NORP" and mention.number == "pl"
        if not (ethnic or people):
            return None
        holders = [head]
        if ethnic:
            holders.extend(c for c in head.children if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN"))
            top = head  # "Thousands of ethnic Hungarians rallied": the clause's subject is the partitive
            if top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.i >= mention.start:
                top = top.head.head
            if top.dep_ in ("nsubj", "nsubjpass", "dobj") and top.head.pos_ == "VERB":
                holders.append(top.head)
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or not (
                    (prep.lower_ == "in" and ethnic) or (prep.lower_ == "of" and holder is head)
                ):
                    continue
                for obj in prep.children:
                    other = self.by_head.get(obj.i) if obj.dep_ == "pobj" else None
                    if other is None or self.mentions[other].kind != "name":
                        continue
                    if self.mentions[other].type == "other" or self._is_country_name(self.mentions[other]):
                        place = self._describe(other, done, depth + 1)
                        if place.country:
                            return place
        return None

    def _origin_object(self, obj: Token) -> Token:
        """The object of an origin phrase, or the country name the parser made a modifier of a noun that
        follows it ("Soldiers from Gondor wire tapped ...", parsed as "from [Gondor wire]")."""
        if obj.dep_ != "pobj" or obj.i in self.by_head:
            return obj
        for child in obj.children:
            other = self.by_head.get(child.i)
            if child.dep_ == "compound" and other is not None and self.mentions[other].type == "country":
                return self.tokens[child.i]
        return obj

    def _split_conjoined_modifiers(self) -> None:
        """ "Chinese and Indian troops", "Senior Hungarian and Romanian officials": one actor per conjunct,
        each with the head's role. The first conjuncts get mentions of their own; the head's mention keeps
        the last conjunct and records the group, so a lookup of the head finds them all."""
        for index in range(len(self.mentions)):
            mention = self.mentions[index]
            if mention.kind != "descriptor":
                continue
            head = self.tokens[mention.head]
            for modifier in head.children:
                if modifier.dep_ not in ("amod", "compound", "nmod") or modifier.i >= head.i:
                    continue
                conjuncts = [c for c in modifier.children if c.dep_ == "conj"]
                if not conjuncts:
                    continue
                chain = [modifier, *conjuncts]
                chain_codes = [self._demonym_code(t) for t in chain]
                if not all(c is not None for c in chain_codes):
                    continue
                group = [index]
                for token, code in zip(chain[:-1], chain_codes[:-1], strict=True):
                    extra = Mention(
                        start=token.left_edge.i, end=token.i + 1, head=token.i, kind="descriptor",
                        sentence=mention.sentence, type=mention.type, number=mention.number,
                        head_lemma=mention.head_lemma, role=mention.role, verb=mention.verb,
                        code=Code(root=code.root, country=code.country, sectors=list(mention.code.sectors),
                                  root_source=DESCRIPTOR, sector_source=mention.code.sector_source),
                    )  # fmt: skip
                    self.mentions.append(extra)
                    group.append(len(self.mentions) - 1)
                last = chain[-1]
                last_code = chain_codes[-1]
                mention.start = last.left_edge.i
                mention.code.root, mention.code.country = last_code.root, last_code.country
                mention.code.root_source = DESCRIPTOR
                for member in group:
                    self.mentions[member].conjunct_group = group
                break

    def _split_conjoined_objects(self) -> None:
        """ "The ambassadors of Arnor, Osgiliath and Gondor", "lawmakers in Fornost and Gondor": one actor per
        country of the list, each with the head's role and the head's words as its mention."""
        for index in range(len(self.mentions)):
            mention = self.mentions[index]
            if mention.kind != "descriptor" or mention.conjunct_group or mention.code.root_source != DESCRIPTOR:
                continue
            for child in self.tokens[mention.head].children:
                if child.dep_ != "prep" or child.lower_ not in ORIGIN_PREPOSITIONS:
                    continue
                objects = [o for o in child.children if o.dep_ == "pobj"]
                if not objects:
                    continue
                chain = [objects[0], *objects[0].conjuncts]
                chain.extend(self._stray_conjuncts(mention, chain[-1]))
                codes = [self.mentions[self.by_head[t.i]].code if t.i in self.by_head else None for t in chain]
                if len(chain) < 2 or any(c is None or not c.root or c.sectors for c in codes):
                    continue
                if mention.code.root not in (codes[0].country, codes[0].root):
                    continue
                group = [index]
                for code in codes[1:]:
                    extra = Mention(
                        start=mention.start, end=mention.end, head=mention.head, kind="descriptor",
                        sentence=mention.sentence, type=mention.type, number=mention.number,
                        head_lemma=mention.head_lemma, role=mention.role, verb=mention.verb,
                        code=Code(root=code.country or code.root, country=code.country,
                                  sectors=list(mention.code.sectors), root_source=DESCRIPTOR,
                                  sector_source=mention.code.sector_source),
                    )  # fmt: skip
                    self.mentions.append(extra)
                    group.append(len(self.mentions) - 1)
                for member in group:
                    self.mentions[member].conjunct_group = group
                break

    def _stray_conjuncts(self, mention: Mention, last: Token) -> list[Token]:
        """Country names the parser attached to the head rather than to the list of its origin phrase:
        "Lawmakers in Fornost and Gondor" parsed as "[Lawmakers in Fornost] and [Gondor]"."""
        found = []
        for child in self.tokens[mention.head].children:
            other = self.by_head.get(child.i)
            if (
                child.dep_ == "conj"
                and child.i == last.i + 2
                and self.tokens[last.i + 1].dep_ == "cc"
                and other is not None
                and self.mentions[other].kind == "name"
                and self.mentions[other].type == "country"
            ):
                found.append(child)
                last = child
        return found

    def _demonym_code(self, token: Token) -> Code | None:
        name = self.parse.name_of_token.get(token.i)
        entry = name[3] if name else _exact_entry(self.lexicon, token.text)
        if entry is None:
            return None
        codes_at, valid = self._entry_code(entry)
        if not codes_at:
            return None
        code = self._code_from(codes_at[0], valid, DESCRIPTOR)
        return code if code.root else None


def _state_affiliation(mention: Mention, related: list[Code]) -> None:
    """ "King Hassan of Morocco", "U.N. mediator Diego Cordovez", "Ithilen's minister Calimehtar": a country or
    organisation the text ties a person to (a title's modifier, an "of" phrase, an apposition) beats the dictionary's
    entry of that name, which may be another person's (Jordan's Prince Hassan) or an office held at another time.
    The entry's roles go with it."""
    code = mention.code
    if mention.kind != "name" or mention.type != "person" or code.root_source != DICTIONARY:
        return
    stated = next((o for o in related if _states_affiliation(o)), None)
    if stated is not None and (stated.country or stated.root) != (code.country or code.root):
        code.root, code.country, code.base, code.root_source = stated.root, stated.country, None, DESCRIPTOR
        code.sectors, code.sector_source, code.stated = [], None, True


def _states_affiliation(code: Code) -> bool:
    """A code that places a person: a country (or a place the dictionary codes as one, "ARNOR [ARN]"), or an
    international or non-state organisation; not a region ("West African")."""
    root = code.root or ""
    return bool(code.country) or root[:3] in NON_STATE_ROOTS or (len(root) == 3 and root not in REGION_ROOTS)


def _is_place_root(code: Code) -> bool:
    """A bare three-letter root with no sector that is no IGO/NGO-like root: a place the dictionary codes by
    itself ("ARNOR [ARN]"), known to ISO or not."""
    return bool(code.root) and len(code.root) == 3 and not code.sectors and code.root not in NON_STATE_ROOTS


def _reads_as_person_name(words) -> bool:
    """Two to four capitalised words, none an organisation noun ("Sylvain Itte", "María Corina Machado")."""
    return 2 <= len(words) <= 4 and all(t.is_title and t.lemma_.lower() not in ORGANISATION_NOUNS for t in words)


def _bare_singular(noun: Token) -> bool:
    """A lower-case singular noun with no determiner, possessor, number or noun modifier: a mass use
    ("the use of force", "excessive force")."""
    return (
        noun.tag_ == "NN"
        and noun.text.islower()
        and not any(c.dep_ in ("det", "poss", "nummod", "compound", "nmod") for c in noun.children)
    )


def _asked_about(noun: Token, tokens: list[Token]) -> bool:
    """A noun phrase a question asks about: "how many people", "which officials" (the parser may hang
    "which" elsewhere, so the word just before the phrase counts)."""
    for child in noun.children:
        if child.tag_ in ("WDT", "WP$"):
            return True
        if child.lower_ in ("many", "much") and any(g.lower_ == "how" for g in child.children):
            return True
    left = noun.left_edge.i
    return left > 0 and tokens[left - 1].tag_ == "WDT" and tokens[left - 1].lower_ in ("which", "what", "whichever")


def _is_trend(noun: Token) -> bool:
    """ "increasing population", "changing diet": a noun a change participle describes, whether the parser
    hangs the participle on the noun or (at the head of a clause) the noun on the participle."""
    if any(c.dep_ == "amod" and c.tag_ == "VBG" and c.lower_ in TREND_PARTICIPLES for c in noun.children):
        return True
    verb = noun.head
    return (
        noun.dep_ == "dobj"
        and verb.i == noun.i - 1
        and verb.tag_ == "VBG"
        and verb.lower_ in TREND_PARTICIPLES
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children)
    )


def stance(tokens, start: int, end: int) -> bool:
    """ "pro-European", "anti-Western" (the prefix inside the name or before it): the name says what one is for or
    against, not where one is from."""
    for i in (start, start - 2):
        if 0 <= i < len(tokens) - 1 and tokens[i].lower_ in ("pro", "anti") and tokens[i + 1].text in ("-", "–"):
            return True
    return False


def _left(noun: Token) -> bool:
    """Whether a noun names what leaves, or is withdrawn from, a place: the object of "withdraw" or the "of"
    phrase of "withdrawal" ("withdrew its troops from Georgia", "the withdrawal of some forces from Panama")."""
    governor = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun.head
    return noun.dep_ in ("dobj", "nsubjpass", "pobj") and governor.lemma_.lower() in LEAVING_WORDS


def is_other_party(tokens, i: int, leader: bool = True) -> bool:
    """ "an Iranian-backed militia", "a US-led coalition", "an anti-Syria journalist", "pro-Russia separatists":
    the name before the noun is another actor, one who backs it or one it is for or against, not the noun's own.
    With ``leader`` false, the one who leads is not counted a mere backer ("Vietnamese-led forces" are coded
    Vietnamese, as CAMEO codes them)."""
    backer = (
        i + 2 < len(tokens)
        and tokens[i + 1].text in ("-", "–")
        and tokens[i + 2].tag_ == "VBN"
        and (leader or tokens[i + 2].lower_ != "led")
    )
    return backer or stance(tokens, i, i + 1)


def find_mentions(doc: Doc, lexicon: Lexicon, day: date | None, city_roles: bool = True) -> list[Mention]:
    return MentionFinder(doc, lexicon, day, city_roles).find()
