"""Which mentions of a document denote the same actor: names, descriptions and pronouns.

The project's own coreference component (no neural model installs offline here), a rule-based resolver in
the tradition of Lappin & Leass (1994) and the Stanford sieves (Lee et al. 2013), run from the most precise
evidence to the least:

1. appositions ("Qasem Soleimani, head of Iran's Quds Force");
2. names: the same dictionary entry, the same country, a full name and its surname or spelling variants, an
   acronym and its expansion (:mod:`tacitus.actors.names`);
3. definite descriptions ("the general", "the militia", "the country") to the most recent actor they fit:
   same type and number, a shared sector or head noun, no conflicting country;
4. repeated descriptions ("Iranian officials" ... "Iranian officials");
5. pronouns (he, she, it, they and their other forms) to the most salient compatible actor of the last
   sentences: gender, number and animacy agree; subjects, recent and often-mentioned actors are preferred;
   a pronoun is not the subject of its own clause ("Trump praised him") unless it is reflexive.

Pronouns and definite country nouns that find no antecedent are not actors and are dropped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from tacitus.actors.mentions import Mention
from tacitus.actors.names import country_qualified, name_words, organisation_relation, person_relation, short_form
from tacitus.actors.words import COLLECTIVE_NOUNS, COUNTRY_NOUNS, NAMED_GROUP_NOUNS, ORGANISATION_NOUNS, REFLEXIVES
from tacitus.document import document_text
from tacitus.layout import headline_end
from tacitus.quotes.marks import find_stretches

# Nouns for an organisation or a body of people that any organisation or group may be called.
GROUP_NOUNS = ORGANISATION_NOUNS | COLLECTIVE_NOUNS
PERSON_WINDOW = 3  # sentences back a he/she may reach
THING_WINDOW = 2  # ... an it/they
DESCRIPTION_WINDOW = 6  # ... a definite description


class UnionFind:
    """Disjoint sets of mentions, each knowing its members (in document order)."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.members: dict[int, list[int]] = {i: [i] for i in range(size)}

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The earlier mention stays the representative.
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra
            self.members[ra] = sorted(self.members[ra] + self.members.pop(rb))


@dataclass
class Features:
    type: str
    number: str
    gender: str | None
    roots: set[str]
    sectors: set[str]
    lemmas: set[str]
    size: int
    named: bool = False  # has a proper-name mention


class Resolver:
    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.mentions = mentions
        self.sets = UnionFind(len(mentions))
        self.dropped: set[int] = set()
        self.quoted = self._quoted_mentions()
        self._titles: dict[tuple[int, int], frozenset[str]] = {}  # (start, name start) -> title nouns

    def _quoted_mentions(self) -> set[int]:
        """Mentions inside a double-quoted stretch. A pronoun of the narration does not refer to someone only
        the quotation names: in '"Trump ... must be punished," he told the crowd' "he" is the speaker."""
        text = document_text(self.doc)
        if '"' not in text and "“" not in text and "«" not in text:
            return set()
        spans = [(s.content_start, s.content_end(text)) for s in find_stretches(text) if s.double]
        return {i for i, m in enumerate(self.mentions) if any(start <= m.start_char < end for start, end in spans)}

    def resolve(self) -> list[list[int]]:
        """Clusters of mention indices, each an actor, in order of first mention."""
        for index, mention in enumerate(self.mentions):
            if mention.appositive_of is not None:
                self.sets.union(mention.appositive_of, index)
        self._merge_names()
        for index, mention in enumerate(self.mentions):
            if index in self.dropped:
                continue
            if mention.kind == "descriptor":
                self._resolve_description(index)
            elif mention.kind == "pronoun":
                self._resolve_pronoun(index)
        self._resolve_headline_roles()
        return self._clusters()

    def _resolve_headline_roles(self) -> None:
        """A headline names people by their role alone and without an article ("minister blames vandals");
        the story names them in full with that role as their title ("Defence Minister Diego Molano"). The
        role is that person when exactly one person of the story bears it."""
        end = headline_end(document_text(self.doc))
        if not end:
            return
        for index, mention in enumerate(self.mentions):
            if mention.start_char >= end:
                break
            # "US journalist" is named by its country only, which the story's person may share.
            by_country = mention.code.root is not None and mention.code.root == mention.code.country
            if (
                mention.kind != "descriptor"
                or mention.type != "person"
                or (mention.named and not by_country)
                or mention.counted
                or index in self.dropped
                or len(self.sets.members[self.sets.find(index)]) > 1
            ):
                continue
            self._join_one_of_story(
                end,
                index,
                lambda name, role=mention.head_lemma: (
                    name.kind == "name" and name.type == "person" and _same_role(role, self._title_lemmas(name))
                ),
            )
        # "Niger junta orders ...": the story names the junta as the country's military government.
        for index, mention in enumerate(self.mentions):
            if mention.start_char >= end:
                break
            if mention.kind != "descriptor" or mention.head_lemma != "junta" or index in self.dropped:
                continue
            self._join_one_of_story(
                end,
                index,
                lambda story, root=mention.code.root: (
                    story.type == "organization"
                    and {"GOV", "MIL"} <= set(story.code.sectors)
                    and story.code.root == root
                ),
            )

    def _join_one_of_story(self, story_start: int, index: int, fits) -> None:
        """Join a headline's mention to the one cluster of the story (from character ``story_start``) with a
        mention that ``fits``; none when several do."""
        clusters = {
            self.sets.find(other)
            for other, story in enumerate(self.mentions)
            if story.start_char >= story_start and other not in self.dropped and fits(story)
        }
        if len(clusters) == 1:
            self.sets.union(clusters.pop(), index)

    def resolve_names_only(self) -> list[list[int]]:
        """Appositions and names only, no pronouns or descriptions: for comparison and for users who
        want no guessing."""
        for index, mention in enumerate(self.mentions):
            if mention.kind == "pronoun":
                self.dropped.add(index)
            elif mention.appositive_of is not None:
                self.sets.union(mention.appositive_of, index)
        self._merge_names()
        for index, mention in enumerate(self.mentions):
            if mention.kind == "descriptor" and mention.head_lemma in COUNTRY_NOUNS:
                self.dropped.add(index)
        return self._clusters()

    def _clusters(self) -> list[list[int]]:
        clusters: dict[int, list[int]] = {}
        for index in range(len(self.mentions)):
            if index not in self.dropped:
                clusters.setdefault(self.sets.find(index), []).append(index)
        return sorted(clusters.values(), key=lambda c: min(self.mentions[i].start for i in c))

    # -- names --

    @staticmethod
    def _name_text(mention: Mention) -> str:
        return mention.name_text

    def _merge_names(self) -> None:
        names = [i for i, m in enumerate(self.mentions) if m.kind == "name" and i not in self.dropped]
        by_entry: dict[tuple, int] = {}
        by_country: dict[str, int] = {}
        people: list[int] = []
        organisations: list[int] = []
        pending_surnames: list[int] = []
        for index in names:
            mention = self.mentions[index]
            code = mention.code
            if mention.type == "country" and code.country and not code.sectors:
                if code.country in by_country:
                    self.sets.union(by_country[code.country], index)
                else:
                    by_country[code.country] = index
                continue
            if mention.entry is not None:
                # One dictionary entry may list distinct actors under one code (Phoenix files the Quds
                # Force under the Revolutionary Guard): the names must also agree.
                key = (mention.entry, _body_kind(mention.type))
                same = by_entry.get(key)
                if same is not None and (self._same_name(self.mentions[same], mention) or mention.group_entry):
                    self.sets.union(same, index)
                    continue
                by_entry.setdefault(key, index)
            if mention.type == "person":
                self._match_person(index, people, pending_surnames)
                people.append(index)
            elif mention.type in ("organization", "group"):
                words = self._name_text(mention)
                for other in reversed(organisations):
                    earlier = self.mentions[other]
                    # A name the parser reads once as an organisation and once as a group ("Hezbollah") is one.
                    if _body_kind(earlier.type) == _body_kind(mention.type) and (
                        organisation_relation(words, self._name_text(earlier))
                        or self._qualified_by_country(mention, earlier)
                        or short_form(words, self._name_text(earlier))
                        or short_form(self._name_text(earlier), words)
                    ):
                        self.sets.union(other, index)
                        break
                organisations.append(index)
        for index in pending_surnames:
            # A surname before any full name: it joins the first full name after it.
            words = name_words(self._name_text(self.mentions[index]))
            for other in people:
                relation = person_relation(words, name_words(self._name_text(self.mentions[other])))
                if other > index and relation in ("surname", "same") and self._compatible_people(other, index):
                    self.sets.union(other, index)
                    break
        self._merge_parenthesised_acronyms(organisations)

    @staticmethod
    def _qualified_by_country(short: Mention, long: Mention) -> bool:
        """ "the Air Force" after "the United States Air Force", whose country its own words gave."""
        return (
            long.code.root_source == "descriptor"
            and long.code.country is not None
            and short.code.country in (None, long.code.country)
            and country_qualified(short.name_text, long.name_text)
        )

    def _compatible_people(self, a: int, b: int) -> bool:
        """Two clusters may merge unless each has a full name and the names differ: a bare "Mohamed" must not
        join Ahmed Mohamed to his father Mohamed El-Hassan Mohamed."""
        full = []
        for root in (self.sets.find(a), self.sets.find(b)):
            names = [
                name_words(self.mentions[i].name_text)
                for i in self.sets.members[root]
                if self.mentions[i].kind == "name" and self.mentions[i].type == "person"
            ]
            full.append([n for n in names if len(n) > 1])
        return all(person_relation(x, y) != "different" for x in full[0] for y in full[1])

    @staticmethod
    def _same_name(a: Mention, b: Mention) -> bool:
        if a.type == "person":
            return person_relation(name_words(a.name_text), name_words(b.name_text)) != "different"
        wa, wb = set(name_words(a.name_text)), set(name_words(b.name_text))
        return wa <= wb or wb <= wa or organisation_relation(a.name_text, b.name_text)

    def _match_person(self, index: int, people: list[int], pending: list[int]) -> None:
        words = name_words(self._name_text(self.mentions[index]))
        for other in reversed(people):
            relation = person_relation(words, name_words(self._name_text(self.mentions[other])))
            if relation in ("same", "surname") and self._compatible_people(other, index):
                self.sets.union(other, index)
                return
        if len(words) == 1:
            pending.append(index)

    def _merge_parenthesised_acronyms(self, organisations: list[int]) -> None:
        """ "Popular Mobilisation Forces (Hashd)": a name in brackets right after another names it too."""
        doc = self.doc
        starts = {self.mentions[i].name_start: i for i in organisations}
        for index in organisations:
            end = self.mentions[index].name_end
            if end + 1 < len(doc) and doc[end].text == "(" and end + 1 in starts:
                other = starts[end + 1]
                if self.mentions[other].name_end < len(doc) and doc[self.mentions[other].name_end].text == ")":
                    self.sets.union(index, other)

    # -- features of a cluster so far --

    def features(self, root: int, before: int) -> Features:
        members = [i for i in self.sets.members[root] if i < before and i not in self.dropped]
        typed = [self.mentions[i] for i in members if self.mentions[i].kind != "pronoun"] or [
            self.mentions[i] for i in members
        ]
        names = [m for m in typed if m.kind == "name"]
        lead = (names or typed)[0]
        gender = next((m.gender for m in (self.mentions[i] for i in members) if m.gender), None)
        number = lead.number if lead.type != "person" else "sg"
        return Features(
            type=lead.type,
            number=number,
            gender=gender,
            roots={m.code.root for m in typed if m.code.root},
            sectors={s for m in typed for s in m.code.sectors},
            lemmas={m.head_lemma for m in typed} | {lemma for m in names for lemma in self._title_lemmas(m)},
            size=len(members),
            named=bool(names),
        )

    def _title_lemmas(self, name: Mention) -> frozenset[str]:
        """The nouns of the title a name was introduced with ("US bank chief Ben Bernanke"): a description
        that repeats one ("the bank chief said") refers back to the person. Read once per mention: the
        features of a cluster are asked for at every candidate of every later mention."""
        if name.name_start is None:
            return frozenset()
        key = (name.start, name.name_start)
        if key not in self._titles:
            tokens = (self.doc[i] for i in range(name.start, name.name_start))
            self._titles[key] = frozenset(t.lemma_.lower() for t in tokens if t.pos_ in ("NOUN", "PROPN"))
        return self._titles[key]

    def _candidates(self, index: int, window: int, every: bool = False, narrated: bool = False):
        """(cluster root, earlier mention) for clusters mentioned in the last ``window`` sentences: the
        closest mention of each cluster, or with ``every`` all of them (closest first); with ``narrated``
        only mentions outside quotations."""
        mention = self.mentions[index]
        seen: set[int] = set()
        own = self.sets.find(index)
        for other in range(index - 1, -1, -1):
            candidate = self.mentions[other]
            if other in self.dropped or candidate.start >= mention.start:
                continue
            if mention.sentence - candidate.sentence > window:
                break
            if candidate.start <= mention.start < candidate.end:
                continue  # a mention cannot refer to a phrase that contains it
            if narrated and other in self.quoted:
                continue
            root = self.sets.find(other)
            if root == own or (root in seen and not every):
                continue
            seen.add(root)
            yield root, candidate

    # -- definite descriptions --

    def _resolve_description(self, index: int) -> None:
        mention = self.mentions[index]
        if mention.appositive_of is not None:
            return
        if mention.head_lemma in COUNTRY_NOUNS and not mention.named:
            # "the country": the most salient country so far, not merely the last one named.
            best, best_score = None, float("-inf")
            # The country the article is about is the one its people and organisations belong to ("Iran's
            # leader ... the IRGC ... a martyr of the nation"), not only the one named last.
            belonging = Counter(m.code.country for m in self.mentions[:index] if m.type != "country" and m.code.country)
            for root, candidate in self._candidates(index, window=10_000, every=True):
                features = self.features(root, index)
                if features.type == "country":
                    score = self._salience(mention, candidate, features)
                    score += 10 * min(max((belonging[r] for r in features.roots), default=0), 10)
                    if score > best_score:
                        best, best_score = root, score
            if best is None:
                self.dropped.add(index)
            else:
                self.sets.union(best, index)
            return
        if mention.definite and not mention.named:
            best = self._description_antecedent(index)
            if best is not None:
                self.sets.union(best, index)
                return
        # A repeated description ("Iranian officials" ... "the Iranian officials") is the same actor; bare
        # plurals ("refugees") and counted ones ("900 asylum seekers") are usually not.
        if (mention.definite or (mention.number == "pl" and mention.code.root)) and not mention.counted:
            for other in range(index - 1, -1, -1):
                previous = self.mentions[other]
                if (
                    other not in self.dropped
                    and previous.kind == "descriptor"
                    and previous.conjunct_group is None
                    and mention.conjunct_group is None
                    and previous.head_lemma == mention.head_lemma
                    and previous.code.root == mention.code.root
                    and previous.code.sectors == mention.code.sectors
                    and previous.number == mention.number
                    and not previous.counted
                ):
                    self.sets.union(other, index)
                    return

    def _description_antecedent(self, index: int) -> int | None:
        """The cluster a definite description refers to: the nearest that fits, except that in an earlier
        sentence its subject comes before the other actors it names ("Consumer Reports declined to give
        Apple's newest phone a rating. The group said ...": the group is Consumer Reports), as in the
        Stanford sieves' left-to-right order over earlier sentences."""
        mention = self.mentions[index]
        fitting = []
        for root, candidate in self._candidates(index, DESCRIPTION_WINDOW):
            features = self.features(root, index)
            if self._description_fits(mention, features, candidate):
                fitting.append((root, candidate, features))
        # A description repeating an actor's own noun ("the ambassador" after "the French ambassador") is
        # that actor before any other it merely fits by role (the French foreign minister is GOV too), as
        # the Stanford sieves match heads before looser evidence.
        for root, _candidate, features in fitting:
            if mention.head_lemma in features.lemmas or _junta_of(mention, features):
                return root
        nearest = None
        for root, candidate, _features in fitting:
            if nearest is not None and candidate.sentence != nearest[1].sentence:
                break
            if candidate.sentence == mention.sentence:
                return root
            if nearest is None:
                nearest = (root, candidate)
            if candidate.role == "subject":
                return root
        if nearest is not None:
            return nearest[0]
        # Beyond the window only the one organisation of the description's own noun ("the junta" seven sentences
        # after "Niger's military government"), as the Stanford sieves match exact heads at any distance.
        if mention.type != "organization":
            return None
        same_noun, junta = set(), set()
        for root, candidate in self._candidates(index, len(self.mentions)):
            features = self.features(root, index)
            if not self._description_fits(mention, features, candidate):
                continue
            if mention.head_lemma in features.lemmas:
                same_noun.add(root)
            elif _junta_of(mention, features):
                junta.add(root)
        far = same_noun or junta
        return far.pop() if len(far) == 1 else None

    def _description_fits(self, mention: Mention, features: Features, candidate: Mention) -> bool:
        if candidate.kind == "pronoun" and features.size == 1:
            return False
        if mention.type == "person":
            if features.type != "person":
                return False
        elif mention.type == "organization":
            plural_group = features.number == "pl" and features.type == "group"
            if features.type not in ("organization", "group") or (
                plural_group and not _armed_or_political(mention, features)
            ):
                return False
        elif mention.type == "group":
            if features.number != "pl" and features.type not in ("organization", "group"):
                return False
            if features.type == "person":
                return False
        else:
            return False
        if mention.gender and features.gender and mention.gender != features.gender:
            return False
        if mention.code.root and features.roots and mention.code.root not in features.roots:
            return False
        if mention.head_lemma in features.lemmas or _junta_of(mention, features):
            return True
        # A shared role links a description to a named actor ("the general" to General Qaani), not to another
        # description ("the student" is not "a teacher"); "civilian" is too common a role to tell anything.
        shared = (features.sectors & set(mention.code.sectors)) - {"CVL"}
        if shared and features.named:
            return True
        # "the group", "the organisation": a generic noun fits any organisation; a noun for people does not
        # ("the drivers" are not the officials named before them).
        return (
            not mention.code.sectors
            and mention.head_lemma in GROUP_NOUNS
            and features.type in ("organization", "group")
        )

    # -- pronouns --

    def _resolve_pronoun(self, index: int) -> None:
        mention = self.mentions[index]
        lower = mention.head_lemma
        if lower == "it" and self._pleonastic(mention):
            self.dropped.add(index)
            return
        if self._continues_an_act(mention):
            self.dropped.add(index)
            return
        window = PERSON_WINDOW if mention.type == "person" else THING_WINDOW
        best, best_score = None, float("-inf")
        features_of: dict[int, Features | None] = {}
        candidates = list(self._candidates(index, window, every=True, narrated=index not in self.quoted))
        # A cluster with a mention the pronoun may not refer to (its own clause's subject) is out entirely.
        bound = {root for root, candidate in candidates if self._bound(mention, candidate)}
        for root, candidate in candidates:
            if root in bound:
                continue
            if root not in features_of:
                features = self.features(root, index)
                features_of[root] = features if self._pronoun_fits(mention, features) else None
            features = features_of[root]
            if features is None:
                continue
            score = self._salience(mention, candidate, features)
            if score > best_score:
                best, best_score = root, score
        if best is None:
            self.dropped.add(index)
            return
        self.sets.union(best, index)

    @staticmethod
    def _pronoun_fits(pronoun: Mention, features: Features) -> bool:
        if pronoun.type == "person":
            return (
                features.type == "person"
                and features.number == "sg"
                and (features.gender is None or features.gender == pronoun.gender)
            )
        if pronoun.number == "sg":  # it, its; "Paris recalled its ambassador": a capital standing for a government
            return (
                features.type in ("organization", "country")
                or (features.type == "group" and features.number == "sg")
                or (features.type == "other" and "GOV" in features.sectors)
            )
        # they, them, their: a set of people, or an organisation spoken of as its members (a country is "it").
        return (features.number == "pl" and features.type != "country") or features.type in ("organization", "group")

    def _bound(self, pronoun: Mention, candidate: Mention) -> bool:
        """A non-reflexive pronoun object is not its own clause's subject ("Trump praised him"); a reflexive
        one is nothing else."""
        same_clause = candidate.verb == pronoun.verb and candidate.role == "subject"
        if pronoun.head_lemma in REFLEXIVES:
            return not same_clause
        return same_clause and pronoun.role in ("object", "oblique")

    def _salience(self, pronoun: Mention, candidate: Mention, features: Features) -> float:
        distance = pronoun.sentence - candidate.sentence
        score = 100.0 / (2**distance)
        score += {"subject": 80, "object": 50, "possessor": 40, "oblique": 30}.get(candidate.role or "", 20)
        score += {"name": 20, "pronoun": 15, "descriptor": 10}[candidate.kind]
        score += 5 * min(features.size, 6)
        if pronoun.role == candidate.role == "subject":
            score += 30
        if features.type == "person" and pronoun.type != "person" and pronoun.number == "pl":
            score -= 200
        if pronoun.number == "pl" and features.number != "pl":
            score -= 40  # "they" for an organisation is possible, for a plural group likelier
        return score

    def _continues_an_act(self, mention: Mention) -> bool:
        """ "The SDF said the strikes hit bakeries, saying they had killed 12 civilians": a subject pronoun after a
        subject that names an act (strikes, attacks, sanctions) of the same number, earlier in its sentence, goes on
        speaking of the act, which is no actor."""
        token = self.doc[mention.head]
        if token.dep_ not in ("nsubj", "nsubjpass") or mention.type == "person":
            return False
        sentence = token.sent
        earlier = [t for t in sentence if t.i < token.i and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN"]
        if not earlier:
            return False
        last = earlier[-1]
        plural = last.tag_ in ("NNS", "NNPS")
        return last.lemma_.lower() in ACT_NOUNS and plural == (mention.number == "pl")

    def _pleonastic(self, mention: Mention) -> bool:
        """ "It is likely that ...", "it was reported ...": an "it" that stands for no actor."""
        token = self.doc[mention.head]
        head = token.head
        if token.dep_ not in ("nsubj", "nsubjpass"):
            return False
        complements = [c for c in head.children if c.dep_ in ("acomp", "ccomp", "xcomp")]
        if head.lemma_ in ("be", "seem", "appear", "remain", "become") and complements:
            # "it was ready to impose martial law": an adjective whose subject is the one ready is no "it is clear".
            return not any(c.dep_ == "acomp" and c.lemma_.lower() in AGENTIVE_ADJECTIVES for c in complements)
        return token.dep_ == "nsubjpass" or any(
            c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            for c in head.children
            if c.i > token.i and head.lemma_ in ("be", "seem", "appear")
        )


def _junta_of(mention: Mention, features: Features) -> bool:
    """ "the junta" is the military government named before it ("Niger's military government")."""
    return mention.head_lemma == "junta" and {"GOV", "MIL"} <= features.sectors


def _body_kind(actor_type: str) -> str:
    return "organization" if actor_type == "group" else actor_type


# Nouns for acts a pronoun may go on speaking of ("the strikes ... they had killed").
ACT_NOUNS = frozenset({"strike", "airstrike", "attack", "raid", "bombing", "shelling", "missile", "rocket",
                       "operation", "offensive", "sanction", "measure", "drone", "explosion", "blast"})  # fmt: skip

# Adjectives said of someone who will act ("ready to", "willing to"): an "it" before them stands for an actor.
AGENTIVE_ADJECTIVES = frozenset(
    {"ready", "prepared", "willing", "unwilling", "able", "unable", "eager", "determined", "keen", "reluctant",
     "poised", "committed", "responsible", "open", "opposed", "happy", "satisfied", "concerned"}
)  # fmt: skip

# Sectors of plural groups that act as one body: "Yemen's Houthi rebels ... the group's leader".
BODY_SECTORS = frozenset({"REB", "UAF", "INS", "SEP", "OPP", "PTY"})


def _armed_or_political(mention: Mention, features: Features) -> bool:
    """ "the group", "the movement" may name rebels, militants or an opposition written in the plural."""
    return mention.head_lemma in NAMED_GROUP_NOUNS and bool(features.sectors & BODY_SECTORS)


# Roles a headline may name with another word than the story's title: "US journalist" for "Wall Street Journal
# reporter Evan Gershkovich".
ROLE_SYNONYMS = {
    "journalist": frozenset({"reporter", "correspondent"}),
    "reporter": frozenset({"journalist", "correspondent"}),
    "correspondent": frozenset({"journalist", "reporter"}),
    "envoy": frozenset({"ambassador", "diplomat"}),
    "diplomat": frozenset({"ambassador", "envoy"}),
    "ambassador": frozenset({"envoy", "diplomat"}),
}


def _same_role(lemma: str, title_lemmas: frozenset[str]) -> bool:
    return lemma in title_lemmas or bool(ROLE_SYNONYMS.get(lemma, frozenset()) & title_lemmas)
