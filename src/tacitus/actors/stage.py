"""The actors stage: who acts in an article, each actor with all its mentions, a CAMEO code, country and
sectors, and where the code came from.

    mentions (names, descriptors, pronouns)  -> tacitus.actors.mentions
    coreference (names, descriptions, pronouns) -> tacitus.actors.coref
    one Actor per cluster, coded from its mentions and, failing them, the rest of the document

Configuration (``Settings.stage_config["actors"]``, see docs/actors.md):

| key                  | default                                   | what |
|----------------------|-------------------------------------------|------|
| actor_dictionaries   | packaged Phoenix actors + countries.csv   | TABARI actor dictionaries (and country CSVs) |
| agent_dictionaries   | packaged tacitus, PLOVER, Phoenix agents  | TABARI agent dictionaries |
| coreference          | true                                      | resolve pronouns and definite descriptions |
| document_country     | true                                      | give people with no country the document's |
| city_roles           | true                                      | a city is its people (CVL) or government (GOV) |

Writes ``doc._.actors`` (Actor records), ``doc._.token_actor`` (token -> the innermost actor mentioned
there) and ``doc._.head_actors`` (head token -> every actor it stands for, where there are several:
"Chinese and Indian troops").
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from tacitus.actors.coref import Resolver
from tacitus.actors.lexicon import (
    DEFAULT_ACTOR_DICTIONARIES,
    DEFAULT_AGENT_DICTIONARIES,
    Lexicon,
    load_lexicon,
    resolve_paths,
)
from tacitus.actors.mentions import (
    CONTEXT,
    DESCRIPTOR,
    DICTIONARY,
    Code,
    Mention,
    MentionFinder,
    is_other_party,
    stance,
)
from tacitus.actors.words import ORGANISATION_NOUNS
from tacitus.document import document_text
from tacitus.places.anchor import dateline
from tacitus.record import Actor, Span
from tacitus.stage import Stage

COLONIAL_RULERS = {
    row["colony"]: row["ruler"]
    for row in csv.DictReader(
        line
        for line in (Path(__file__).parent / "data" / "colonial_rulers.csv").read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    )
}

SOURCE_RANK = {DICTIONARY: 0, DESCRIPTOR: 1, CONTEXT: 2, None: 3}
# Nouns that name someone by the office of another: the holder's office passes to the one named.
SUCCESSION_NOUNS = frozenset({"successor", "predecessor", "replacement"})


@Language.factory(
    "tacitus_actors",
    assigns=["doc._.actors", "doc._.token_actor", "doc._.head_actors"],
    default_config={
        "actor_dictionaries": None,
        "agent_dictionaries": None,
        "coreference": True,
        "document_country": True,
        "city_roles": True,
    },
)
def make_actor_stage(
    nlp: Language,
    name: str,
    actor_dictionaries: list[str] | None,
    agent_dictionaries: list[str] | None,
    coreference: bool,
    document_country: bool,
    city_roles: bool,
) -> ActorStage:
    lexicon = load_lexicon(
        resolve_paths(actor_dictionaries, DEFAULT_ACTOR_DICTIONARIES),
        resolve_paths(agent_dictionaries, DEFAULT_AGENT_DICTIONARIES),
    )
    return ActorStage(lexicon, coreference=coreference, document_country=document_country, city_roles=city_roles)


def publication_day(doc: Doc) -> date | None:
    article = doc._.article
    published = getattr(article, "published", None) if article is not None else None
    if not published:
        return None
    try:
        return date.fromisoformat(published)
    except ValueError:
        return None


class ActorStage(Stage):
    name = "actors"

    def __init__(
        self, lexicon: Lexicon, coreference: bool = True, document_country: bool = True, city_roles: bool = True
    ) -> None:
        self.lexicon = lexicon
        self.city_roles = city_roles
        self.coreference = coreference
        self.document_country = document_country

    def process(self, doc: Doc) -> None:
        finder = MentionFinder(doc, self.lexicon, publication_day(doc), self.city_roles)
        mentions = finder.find()
        resolver = Resolver(doc, mentions)
        clusters = resolver.resolve() if self.coreference else resolver.resolve_names_only()
        builder = ActorBuilder(doc, mentions, clusters, self.lexicon, self.document_country)
        doc._.actors, doc._.token_actor, doc._.head_actors = builder.build()


class ActorBuilder:
    """Turns clusters of mentions into Actor records and the token indexes."""

    def __init__(self, doc: Doc, mentions: list[Mention], clusters: list[list[int]], lexicon: Lexicon,
                 document_country: bool) -> None:  # fmt: skip
        self.doc = doc
        self.text = document_text(doc)
        self.mentions = mentions
        self.clusters = clusters
        self.codes = lexicon.codes
        self.document_country = document_country
        self.cluster_of = {m: c for c, members in enumerate(clusters) for m in members}
        self.by_head = {m.head: i for i, m in enumerate(mentions)}

    def build(self) -> tuple[list[Actor], dict[int, str], dict[int, list[str]]]:
        codes = [self._cluster_code(members) for members in self.clusters]
        self._code_non_governmental(codes)
        self._inherit_roots(codes)
        self._code_colonial_rulers(codes)
        self._code_by_named_body(codes)
        for number, members in enumerate(self.clusters):
            if not codes[number].sectors:
                self._inherit_office(number, members, codes)
        if self.document_country:
            guessed = self._document_country(codes)
            # "his office", "their union": what belongs to people the article's country placed is theirs,
            # role included, rather than a second guess of its own. A named organisation is still left
            # alone unless a possessive says whose it is.
            possessed = {
                number
                for number, members in enumerate(self.clusters)
                if not codes[number].root
                and any(
                    self.mentions[i].possessor is not None and self._owned_by_people(self.mentions[i]) for i in members
                )
            }
            self._inherit_roots(codes, replacing=guessed, only=guessed | possessed)

        actors: list[Actor] = []
        ids_of_cluster: dict[int, list[str]] = {}
        for number, members in enumerate(self.clusters):
            code = codes[number]
            ids = []
            for variant in [code, *self._extra_codes(members)]:
                actor_id = f"a{len(actors) + 1}"
                actors.append(self._actor(actor_id, members, variant))
                ids.append(actor_id)
            ids_of_cluster[number] = ids
        token_actor, head_actors = self._indexes(ids_of_cluster)
        return actors, token_actor, head_actors

    # -- codes --

    def _cluster_code(self, members: list[int]) -> Code:
        coded = [self.mentions[i] for i in members if self.mentions[i].kind != "pronoun"]
        code = Code()
        with_root = [m for m in coded if m.code.root]
        if with_root:
            # A root the text states over a dictionary entry ("King Hassan of Morocco") beats that entry elsewhere
            # in the cluster ("Hassan said").
            best_rank = min(_rank(m.code) for m in with_root)
            roots = Counter(m.code.root for m in with_root if _rank(m.code) == best_rank)
            root = roots.most_common(1)[0][0]
            source = next(m for m in with_root if m.code.root == root)
            code.root, code.country, code.root_source = root, source.code.country, source.code.root_source
            code.prefix, code.base = source.code.prefix, source.code.base
        with_sectors = [m for m in coded if m.code.sectors]
        if with_sectors:
            # What the text says of the role (titles, appositions, descriptions) beats the dictionary. A capital
            # that acts somewhere ("Paris regretted") is its government, though named first as a city ("from
            # Paris").
            chosen = min(
                with_sectors,
                key=lambda m: (
                    SOURCE_RANK[m.code.sector_source] != 1,
                    not (m.type == "other" and m.code.sectors == ["GOV"]),
                    m.start,
                ),
            )
            code.sectors, code.sector_source = list(chosen.code.sectors), chosen.code.sector_source
        return code

    def _inherit_roots(
        self, codes: list[Code], replacing: frozenset[int] = frozenset(), only: set[int] | frozenset[int] | None = None
    ) -> None:
        """Context: a mention coded by nothing of its own takes what its modifiers' actors turned out to be
        ("the IRGC general" once "IRGC" is known to be the Islamic Revolutionary Guard Corps); so does one
        of the clusters ``replacing`` names (coded by the document's country alone). ``only``: just these
        clusters."""
        for number, members in enumerate(self.clusters):
            if only is not None and number not in only:
                continue
            if not codes[number].root or number in replacing:
                inherited = self._inherited_root(members, codes)
                if inherited is not None:
                    codes[number].root, codes[number].country = inherited.root, inherited.country
                    codes[number].root_source = CONTEXT
                    if not codes[number].sectors and inherited.sectors:
                        codes[number].sectors, codes[number].sector_source = list(inherited.sectors), CONTEXT

    def _code_by_named_body(self, codes: list[Code]) -> None:
        """ "China's commerce ministry said ... 'China will ...,' a ministry spokesperson said": a role of a body
        named by a bare noun ("ministry", "army", "embassy") is of the last such body the article named, in its
        sentence or the two before it."""
        for number, members in enumerate(self.clusters):
            if codes[number].root:
                continue
            for i in members:
                mention = self.mentions[i]
                if mention.kind != "descriptor":
                    continue
                head = self.doc[mention.head]
                bodies = [c for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < head.i]
                if not bodies:
                    continue
                body = bodies[-1].lemma_.lower()
                earlier = [
                    j for j, other in enumerate(self.mentions)
                    if other.head < mention.start and other.head_lemma == body
                    and 0 <= mention.sentence - other.sentence <= 2 and self.cluster_of.get(j) is not None
                    and codes[self.cluster_of[j]].root
                ]  # fmt: skip
                if earlier:
                    source = codes[self.cluster_of[earlier[-1]]]
                    codes[number].root, codes[number].country = source.root, source.country
                    codes[number].root_source = CONTEXT
                    break

    def _code_non_governmental(self, codes: list[Code]) -> None:
        """ "the Global Water Forum", "the Association of Arab Jurists": a body of an NGO's kind that nothing
        codes is an NGO, unless it is someone's ("Their union, the Health Workers Association" is the nurses')."""
        for number, members in enumerate(self.clusters):
            mentions = [self.mentions[i] for i in members]
            if (
                not codes[number].root
                and any(m.non_governmental for m in mentions)
                and not any(m.possessor is not None and self._owned_by_people(m) for m in mentions)
            ):
                codes[number].root, codes[number].root_source = "NGO", DESCRIPTOR

    def _code_colonial_rulers(self, codes: list[Code]) -> None:
        """ "Niger ... accusing its former colonial ruler": the power its possessor was ruled by (France)."""
        for number, members in enumerate(self.clusters):
            if codes[number].root:
                continue
            for i in members:
                possessor = self.mentions[i].possessor if self.mentions[i].colonial else None
                cluster = self.cluster_of.get(possessor) if possessor is not None else None
                ruler = COLONIAL_RULERS.get(codes[cluster].country or "") if cluster is not None else None
                if ruler:
                    codes[number].root, codes[number].country, codes[number].root_source = ruler, ruler, CONTEXT
                    break

    def _inherited_root(self, members: list[int], codes: list[Code]) -> Code | None:
        """The code of an actor named inside a mention of this cluster: its possessor, a name before its
        head, or the object of its "of" phrase. A personal possessive counts before an organisation noun
        ("his office" is the president's office, "their union" the drivers'), not before a person ("his
        son" is no official for being an official's son). A colonial ruler is not of the country it ruled."""
        own = self.cluster_of.get(members[0])
        for i in members:
            mention = self.mentions[i]
            if mention.kind == "pronoun" or mention.colonial:
                continue
            related = []
            if mention.possessor is not None and (
                self.mentions[mention.possessor].kind != "pronoun" or self._owned_by_people(mention)
            ):
                related.append(mention.possessor)
            stop = mention.name_start if mention.name_start is not None else mention.head
            related.extend(
                self.by_head[h]
                for h in range(mention.start, stop)
                if h in self.by_head and not is_other_party(self.doc, h, leader=False)
            )
            related.extend(mention.of_objects)
            for j in related:
                cluster = self.cluster_of.get(j)
                if (
                    cluster is not None
                    and cluster != own
                    and codes[cluster].root
                    and (
                        self.mentions[j].kind != "pronoun"
                        or (j == mention.possessor and self._owned_by_people(mention))
                    )
                ):
                    return codes[cluster]
        return None

    def _owned_by_people(self, mention: Mention) -> bool:
        """An organisation noun a personal possessive owns ("his office", "their union"): the owner's. "its"
        is left to the text, as PETRARCH leaves it: a thing pronoun has many candidates (countries,
        organisations), and "its embassy" may be the host's as well as the owner's."""
        possessor = self.mentions[mention.possessor]
        return (
            possessor.kind == "pronoun"
            and possessor.head_lemma not in ("its", "itself")
            and mention.head_lemma in ORGANISATION_NOUNS
        )

    def _inherit_office(self, number: int, members: list[int], codes: list[Code]) -> None:
        """ "His successor, Esmail Ghaani", "the predecessor of X": a person named as someone's successor holds
        that person's office, so takes their sectors (and country, when the text gave none)."""
        tokens = self.doc
        for i in members:
            mention = self.mentions[i]
            if mention.kind != "name":
                continue
            head = tokens[mention.head]
            offices = [c for c in head.children if c.dep_ == "appos"]
            if head.dep_ == "appos":
                offices.append(head.head)
            for office in offices:
                if office.lemma_.lower() not in SUCCESSION_NOUNS:
                    continue
                holders = [c for c in office.children if c.dep_ == "poss"]
                holders += [o for c in office.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children]
                for holder in holders:
                    cluster = self.cluster_of.get(self.by_head.get(holder.i, -1))
                    if cluster is None or cluster == number or not codes[cluster].sectors:
                        continue
                    code, other = codes[number], codes[cluster]
                    code.sectors, code.sector_source = list(other.sectors), CONTEXT
                    if other.root and SOURCE_RANK[code.root_source] >= SOURCE_RANK[CONTEXT]:
                        code.root, code.country, code.root_source = other.root, other.country, CONTEXT
                    return

    def _document_country(self, codes: list[Code]) -> frozenset[int]:
        """People, and groups or organisations known only by a description ("the militia"), that the text
        codes with no country get the document's country, when one country dominates the article's actors
        (half or more of the mentions with a country). A named organisation is left alone: "the European
        Community" in an article about Greece is not Greek. A person named with no country is not of the
        country of another person the sentence names ("President Francois Mitterand welcomed South African
        leader F.W. de Klerk"), and no one is of a country an act is against ("called for sanctions against
        Nigeria"). Returns the clusters it coded."""
        # People and organisations tell the home country of a story better than the countries it names
        # ("an Argentine judge ... arms sales to Croatia and Ecuador"); countries count when nothing else does.
        # Each counted mention: (sentence, country, whether a named person's).
        counted: list[tuple[int, str, bool]] = []
        for countries_too in (False, True):
            for number, members in enumerate(self.clusters):
                kind = self._type(members)
                if codes[number].country and (countries_too or kind != "country"):
                    person = kind == "person" and any(self.mentions[i].kind == "name" for i in members)
                    counted.extend(
                        (self.mentions[i].sentence, codes[number].country, person)
                        for i in members
                        if not self._opposed(self.mentions[i])
                    )
            if counted:
                break
        filed_from = dateline(self.doc)
        filed = filed_from.country if filed_from is not None and filed_from.country else None
        everywhere = self._dominant([country for _, country, _ in counted], filed)
        guessed = set()
        for number, members in enumerate(self.clusters):
            kinds = {self.mentions[i].kind for i in members}
            named = "name" in kinds or any(self.mentions[i].titled for i in members)
            described = self._type(members) == "person" or not named
            if self._bare_single_name(members):
                continue  # "Firefox", "Aura": a lone word the model took for a person says nothing of a country
            if any(self.mentions[i].colonial or self.mentions[i].regional for i in members):
                # "its former colonial ruler" is another country than the one the story is about; "West
                # African leaders" come from several.
                continue
            if codes[number].root is not None or not described:
                continue
            if self._type(members) not in ("person", "group", "organization"):
                continue
            country = everywhere
            if "name" in kinds and self._type(members) == "person":
                own = {self.mentions[i].sentence for i in members}
                country = self._dominant([c for n, c, person in counted if not (person and n in own)], filed)
            if country is not None:
                codes[number].root, codes[number].country, codes[number].root_source = country, country, CONTEXT
                guessed.add(number)
        return frozenset(guessed)

    def _opposed(self, mention: Mention) -> bool:
        """A country named as the object of "against" ("sanctions against Nigeria"), or of a stance ("anti-Syria",
        "pro-Russia"): a side taken, not the story's home."""
        head = self.doc[mention.head]
        return (
            mention.kind == "name"
            and not mention.code.sectors
            and (
                (head.dep_ == "pobj" and head.head.lower_ == "against")
                or stance(self.doc, mention.name_start, mention.name_end)
            )
        )

    @staticmethod
    def _dominant(countries: list[str], filed_from: str | None) -> str | None:
        """The country of half or more of the counted mentions, if one is. A wire's dateline ("NIAMEY (Reuters)
        - ... accusing France ...") says where the story happens: the police and protesters of a story filed
        from Niamey are Niger's, though France is named as often. It weighs half of all the rest: alone it
        cannot make a story filed from Brussels Belgian."""
        counts = Counter(countries)
        if filed_from is not None:
            counts[filed_from] += sum(counts.values()) / 2 or 1
        if not counts:
            return None
        country, count = counts.most_common(1)[0]
        return country if count * 2 >= sum(counts.values()) else None

    def _bare_single_name(self, members: list[int]) -> bool:
        """A person known only by one word, with no title, description or pronoun anywhere."""
        mentions = [self.mentions[i] for i in members]
        return all(
            m.kind == "name" and m.type == "person" and m.name_end - m.name_start == 1 and m.start == m.name_start
            for m in mentions
        )

    def _extra_codes(self, members: list[int]) -> list[Code]:
        for i in members:
            if self.mentions[i].extra_codes:
                return self.mentions[i].extra_codes
        return []

    # -- records --

    def _type(self, members: list[int]) -> str:
        typed = [self.mentions[i] for i in members if self.mentions[i].kind != "pronoun"]
        names = [m for m in typed if m.kind == "name"]
        return (names or typed or [self.mentions[members[0]]])[0].type

    def _name(self, members: list[int]) -> str:
        names = [self.mentions[i] for i in members if self.mentions[i].kind == "name"]
        if names:
            forms = Counter(_bare(m.name_text) for m in names if m.label != "NORP" or len(names) == 1)
            if not forms:
                forms = Counter(_bare(m.name_text) for m in names)
            if self._type(members) == "country":
                return max(forms, key=lambda f: (forms[f], len(f)))
            return max(forms, key=lambda f: (len(f.split()), forms[f], len(f)))
        descriptors = [self.mentions[i] for i in members if self.mentions[i].kind == "descriptor"]
        first = (descriptors or [self.mentions[members[0]]])[0]
        return first.name_text or self.text[first.start_char : first.end_char]

    def _compose(self, code: Code) -> str | None:
        """The CAMEO code; a dictionary code whose sectors the text left as they were is kept as written
        ("IMGMOSALQ", not "IMGALQMOS")."""
        if code.base and not code.prefix and list(self.codes.parse(code.base).sectors) == list(code.sectors):
            return code.base
        return self.codes.compose(code.root, code.sectors, code.prefix)

    def _actor(self, actor_id: str, members: list[int], code: Code) -> Actor:
        spans = []
        seen = set()
        for i in sorted(members, key=lambda i: self.mentions[i].start):
            mention = self.mentions[i]
            start, end = mention.start_char, mention.end_char
            if (start, end) not in seen:
                seen.add((start, end))
                # Built without validation: the offsets come from the parse and are checked by construction.
                spans.append(Span.model_construct(start=start, end=end, text=self.text[start:end]))
        country = code.country if code.country in self.codes.countries else None
        return Actor.model_construct(
            id=actor_id,
            name=self._name(members),
            code=self._compose(code),
            country=country,
            sectors=list(code.sectors),
            type=self._type(members),
            mentions=spans,
            code_source=code.root_source,
            sector_source=code.sector_source if code.sectors else None,
        )

    def _indexes(self, ids_of_cluster: dict[int, list[str]]) -> tuple[dict[int, str], dict[int, list[str]]]:
        """Token -> the actor of the innermost mention over it; head -> all actors where there are several."""
        spans = []
        for number, members in enumerate(self.clusters):
            for i in members:
                mention = self.mentions[i]
                spans.append((mention.end - mention.start, mention.start, mention.end, ids_of_cluster[number][0]))
        spans.sort()
        token_actor: dict[int, str] = {}
        for _length, start, end, actor_id in spans:
            for t in range(start, end):
                token_actor.setdefault(t, actor_id)
        head_actors: dict[int, list[str]] = {}
        for number, members in enumerate(self.clusters):
            for i in members:
                mention = self.mentions[i]
                ids = list(ids_of_cluster[number])
                if mention.conjunct_group:
                    ids = []
                    for member in mention.conjunct_group:
                        cluster = self.cluster_of.get(member)
                        if cluster is not None:
                            ids.extend(x for x in ids_of_cluster[cluster] if x not in ids)
                if len(ids) > 1:
                    head_actors[mention.head] = ids
        return token_actor, head_actors


def _rank(code: Code) -> int:
    return -1 if code.stated else SOURCE_RANK[code.root_source]


def _bare(name: str) -> str:
    """A name without the possessive it was written with ("Saudi Arabia's")."""
    return name.removesuffix("'s").removesuffix("’s").removesuffix("'").rstrip() or name


def actors_at(doc: Doc, token_index: int) -> list[str]:
    """Every actor id the token stands for: several for the head of "Chinese and Indian troops" or of a
    name a dictionary codes as several actors, else the one of ``doc._.token_actor``, else none."""
    several = (doc._.head_actors or {}).get(token_index)
    if several:
        return list(several)
    single = (doc._.token_actor or {}).get(token_index)
    return [single] if single else []
