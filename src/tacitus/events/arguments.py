"""Who does what to whom: the source and target actors of a predicate, read from its dependency structure.

Actors come from the actors stage (``doc._.token_actor``: token index -> actor id). The actor of a noun phrase is
the actor of its head, else of the nearest words attached to it ("an attack by Osgiliath soldiers" -> the
soldiers' actor; "the government of Gondor" -> Gondor), never of a relative clause inside it. Coordinated noun
phrases give several actors ("Fornost and Gondor welcomed ...": two sources).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from tacitus.events.clauses import COMPLEMENT_DEPS, OBJECT_DEPS, SUBJECT_DEPS, is_passive

# Prepositions whose object is the target of an event when the verb has no direct object, in preference order
# ("met with X", "fired at X", "sanctions against X", "appealed to X").
TARGET_PREPOSITIONS = ("with", "against", "on", "at", "to", "toward", "towards", "into", "upon", "over", "for", "from",
                       "about", "of", "in",
                       # "mediated between Saudi Arabia and the Houthis": both sides are the other party
                       "between",
                       # particles the parser takes for prepositions: "cordoned off the roads"
                       "off", "down", "up")  # fmt: skip
# Prepositions that, before a place name, say where the event was rather than whom it was aimed at ("fired at
# Seoul" and "marched into Gondor" do aim at a place's actor).
LOCATIVE_ONLY = frozenset({"in", "near", "inside", "outside", "across", "throughout", "around"})
# Prepositions that name another party rather than a place ("satisfaction toward Gondor", not "jobs in America").
PARTY_PREPOSITIONS = tuple(p for p in TARGET_PREPOSITIONS if p not in LOCATIVE_ONLY)
# Where to look for an actor inside a noun phrase, nearest first.
# Nouns for the other side of a relation: whose partners they are does not make the owner the target.
RELATIONAL_NOUNS = frozenset({"partner", "ally", "neighbour", "neighbor", "counterpart", "rival", "enemy", "friend",
                              "adversary", "foe"})  # fmt: skip
# What two sides do together: "X and Y fought a war", "began their joint exercises".
JOINT_ACT_NOUNS = frozenset({"war", "battle", "fight", "clash", "skirmish", "duel", "talk", "negotiation", "meeting",
                             "summit", "treaty", "pact", "accord", "agreement", "deal", "truce", "ceasefire",
                             "exercise", "drill", "consensus", "understanding", "tie", "relation", "dialogue",
                             "contact", "cooperation"})  # fmt: skip
_NP_DEPS = ("compound", "amod", "poss", "nmod", "appos", "npadvmod", "nummod", "det")
_NP_PREPS = ("of", "from", "in", "by", "for", "at", "with")
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "our", "my", "ourselves", "myself"})


@dataclass
class Arguments:
    sources: list[str] = field(default_factory=list)  # actor ids
    targets: list[str] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)  # the argument heads, for the evidence span
    passive: bool = False


class ActorFinder:
    """Actor ids of noun phrases, from the actors stage's token index."""

    def __init__(self, token_actor: dict[int, str], speaker_of: dict[int, str] | None = None) -> None:
        self.token_actor = token_actor
        # token index -> speaker actor id, for "we"/"I" inside a quotation
        self.speaker_of = speaker_of or {}
        # tokens of direct quotations, whose speech acts are coded from their words
        self.directly_quoted: set[int] = set()
        # tokens of place names (the places stage's index): "demonstrated in Kirkuk" names where, not whom
        self.place_tokens: set[int] = set()
        # head token -> every actor it stands for ("Chinese and Indian troops"), from the actors stage
        self.head_actors: dict[int, list[str]] = {}
        # ids of the actors with a code (an actor the actors stage could not code is only half known)
        self.coded: set[str] = set()
        # actor id -> (name, code): two mentions of one name the actors stage left as two actors are one entity
        self.identity: dict[str, tuple[str, str]] = {}

    def same_entity(self, first: str | None, second: str | None) -> bool:
        """ "reconciliation between Gondor and Rohan, and Gondor and Bree": an actor does not act on itself, even
        when the actors stage made two actors of its two mentions."""
        if first is None or second is None:
            return False
        return first == second or (first in self.identity and self.identity.get(first) == self.identity.get(second))

    def any_actor(self, start: int, end: int) -> bool:
        return any(i in self.token_actor or i in self.speaker_of for i in range(start, end))

    def code_of(self, actor: str | None) -> str:
        """The actor's code, "" for none or an uncoded actor."""
        return (self.identity.get(actor, ("", ""))[1] or "") if actor else ""

    def of_token(self, token: Token) -> str | None:
        actor = self.token_actor.get(token.i)
        if actor is None and token.lower_ in FIRST_PERSON:
            actor = self.speaker_of.get(token.i)
        return actor

    def of_phrase(self, head: Token, depth: int = 0) -> str | None:
        """The actor of the noun phrase headed by ``head``: the head's own, else the nearest attached one."""
        found = self.found_in_phrase(head, depth)
        return found[0] if found else None

    def found_in_phrase(
        self, head: Token, depth: int = 0, pronouns: bool = False, outside: Token | None = None
    ) -> tuple[str, Token] | None:
        """(actor, the token it was found at) for the noun phrase headed by ``head``, not looking inside the clause
        ``outside`` heads (the participle the noun is the subject of: "ships heading to Israeli ports")."""
        actor = self.of_token(head)
        if actor is not None:
            return actor, head
        if depth > 3:
            return None
        if depth == 0 and not pronouns and not self.any_actor(head.left_edge.i, head.right_edge.i + 1):
            return None  # no actor anywhere in the phrase: nothing to search for
        children = list(head.children)
        if head.lemma_.lower() in RELATIONAL_NOUNS or head.lemma_.lower() in JOINT_ACT_NOUNS:
            # "would consult its European partners": the partners are others than the owner named; "began
            # their joint exercises": the owners are the subjects themselves.
            children = [c for c in children if c.dep_ != "poss"]
        for dep in _NP_DEPS:
            for child in children:
                # "welcomed their resumption of ties with X": a possessive pronoun is a last resort.
                if child.dep_ == dep and child.i < head.i + 12 and (pronouns or child.pos_ != "PRON"):
                    found = self.found_in_phrase(child, depth + 1, pronouns)
                    if found:
                        return found
        for child in children:
            if child.dep_ in ("prep", "agent") and child.lower_ in _NP_PREPS:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = self.found_in_phrase(obj, depth + 1, pronouns)
                        if found:
                            return found
        if depth == 0:
            # As PETRARCH: else the first actor anywhere in the phrase ("the roads leading into Mordor"), but not
            # in a relative clause ("the drone strike that killed X": X is the victim, not the strike's actor).
            # Only tokens with an actor are looked at (spaCy builds a Token object per word of a subtree walked).
            doc = head.doc
            for i in range(head.left_edge.i, head.right_edge.i + 1):
                if i == head.i or (i not in self.token_actor and i not in self.speaker_of):
                    continue
                if outside is not None and outside.left_edge.i <= i <= outside.right_edge.i:
                    continue
                token = doc[i]
                if token.dep_ == "poss" and token.head.lemma_.lower() in RELATIONAL_NOUNS | JOINT_ACT_NOUNS:
                    continue
                if (pronouns or token.pos_ != "PRON") and _below_outside_relative_clause(token, head):
                    actor = self.of_token(token)
                    if actor is not None:
                        return self._phrase_head_actor(token, actor)
            if not pronouns:
                return self.found_in_phrase(head, depth, pronouns=True, outside=outside)
        return None

    def _phrase_head_actor(self, token: Token, actor: str) -> tuple[str, Token]:
        """A modifier's actor yields to that of the noun it modifies: "attacks on US forces" -> the forces, not the
        US; "Iran's Supreme Leader" -> the leader."""
        current = token
        while current.dep_ in ("compound", "amod", "poss", "nmod") and current.head.i != current.i:
            above = self.token_actor.get(current.head.i)
            if above is None:
                break
            current, actor = current.head, above
        return actor, current

    def of_phrases(self, head: Token, outside: Token | None = None) -> list[str]:
        """Actors of a noun phrase and of the phrases coordinated with it ("Fornost and Gondor"), also when the
        actor sits inside the phrase ("ties with Mordor, Rohan and Bree"), but not inside the clause ``outside``."""
        actors: list[str] = []
        for token in coordinated(head):
            counted = _counted(token)
            if counted is not None:
                # "tortured scores of Sierra Leonean and Liberian refugees": the actors are those counted.
                actors.extend(a for a in self.of_phrases(counted, outside) if a not in actors)
                continue
            several = self.head_actors.get(token.i)
            if several:  # "Chinese and Indian troops": one head, two actors
                actors.extend(a for a in several if a not in actors)
                continue
            found = self.found_in_phrase(token, outside=outside)
            if not found:
                continue
            actor, where = found
            # "ties with Lorien", where one name stands for two actors: every one of them.
            members = list(self.head_actors.get(where.i) or [actor])
            if where.i != token.i:
                for member in coordinated(where)[1:]:
                    members.extend(self.head_actors.get(member.i) or [self.of_phrase(member)])
            for member in members:
                if member and member not in actors:
                    actors.append(member)
        return actors


# Nouns that count what their "of" phrase names: "scores of refugees", "hundreds of protesters".
QUANTITY_NOUNS = frozenset({"score", "dozen", "hundred", "thousand", "million", "number", "group", "handful",
                            "couple", "lot", "crowd", "band"})  # fmt: skip


def _counted(token: Token) -> Token | None:
    """The noun a quantity noun counts, if ``token`` is one ("scores" of "scores of refugees")."""
    if token.lemma_.lower() not in QUANTITY_NOUNS or token.pos_ not in ("NOUN", "NUM"):
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((o for o in prep.children if o.dep_ == "pobj"), None)
    return None


def coordinated(token: Token) -> list[Token]:
    """A phrase head and the heads coordinated with it, in order."""
    result = [token]
    for child in token.children:
        if child.dep_ == "conj" and not _conjunct_of_its_modifier(token, child):
            result.extend(coordinated(child))
    return result


def _conjunct_of_its_modifier(head: Token, conjunct: Token) -> bool:
    """ "Lawmakers in Kosovo and Serbia": the parser sometimes coordinates the second name with the common noun,
    but like joins like: a name right after the name a phrase of the noun ends with ("in Kosovo and") belongs to
    that phrase, and is not an actor of its own."""
    if head.pos_ != "NOUN" or conjunct.pos_ != "PROPN":
        return False
    doc = head.doc
    for child in head.children:
        if child.dep_ != "prep" or child.i > conjunct.i:
            continue
        for obj in child.children:
            if obj.dep_ == "pobj" and obj.pos_ == "PROPN" and obj.right_edge.i < conjunct.i:
                between = doc[obj.right_edge.i + 1 : conjunct.left_edge.i]
                if len(between) and all(t.dep_ in ("cc", "punct") for t in between):
                    return True
    return False


def _children(token: Token, deps) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


# Texts that say something on their author's behalf: "a declaration demanding", "a letter accusing".
STATEMENT_NOUNS = frozenset({"declaration", "statement", "letter", "resolution", "communique", "communiqué",
                             "message", "note", "petition", "motion", "decree", "reminder", "report"})  # fmt: skip


def subject_heads(verb: Token) -> list[Token]:
    """The verb's subject, or the subject it shares with the verb it depends on."""
    own = _children(verb, SUBJECT_DEPS)
    if own:
        subject = own[0]
        if subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [verb.head]  # "a drone strike that killed X": the strike
        # "Lions, tigers, and Gondor welcomed": the parser may split a coordinated subject into several subjects.
        return [s for s in own if s.dep_ == subject.dep_]
    # "Ethiopia act on a resolution": a name before a verb that has no subject, taken for a compound, is its subject.
    named = [c for c in verb.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < verb.i]
    if named and verb.pos_ == "VERB":
        return named
    if verb.dep_ == "relcl":
        return [verb.head]
    if verb.dep_ == "acl":
        # "militias fighting in Syria": the noun is the subject; for a passive participle it is the patient.
        if is_passive(verb):
            return []
        if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return _infinitive_controller(verb.head)
        if verb.head.lemma_.lower() in STATEMENT_NOUNS:
            # "issued a declaration demanding that ...": who issued it demands.
            return _infinitive_controller(verb.head) or [verb.head]
        return [verb.head]
    head = verb.head
    if head.i == verb.i:
        return []
    if verb.dep_ == "xcomp":
        objects = _children(head, ("dobj",))
        if objects:  # object control: "urged Bree to help" -> Bree helps
            return objects
        return subject_heads(head)
    if verb.dep_ == "conj":
        # A finite verb coordinated under a non-finite one ("warned that X would pay ... and vowed") belongs
        # to the upper clause: the parser attached it too low.
        if verb.tag_ in ("VBD", "VBZ", "VBP") and head.tag_ == "VB" and head.dep_ in COMPLEMENT_DEPS:
            return subject_heads(head.head)
        return subject_heads(head)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and is_passive(head):
        # "A camp was attacked by militiamen, killing 156 people": who acted in the passive clause goes on acting.
        agents = agent_heads(head)
        if agents:
            return agents
    if verb.dep_ == "advcl" and verb.tag_ in ("VBD", "VBZ", "VBP"):
        # A finite verb has a subject of its own: "struck targets on Thursday, a day after an attack near Ankara
        # killed five people", parsed without the attack as subject, is not the warplanes' killing.
        return []
    if verb.dep_ in ("advcl", "ccomp", "acomp", "pcomp") or head.pos_ in ("ADJ", "ADP"):
        # "is about to restore" (xcomp of an adjective), "after meeting X" (pcomp): the upper subject.
        return subject_heads(head)
    return []


def _infinitive_controller(noun: Token) -> list[Token]:
    """Who would do what an infinitive after a noun says: "Kenya's decision to withdraw" -> Kenya; "abandoned
    efforts to stop the parade", "accepted an invitation to attend talks" -> the subject of the verb governing the
    noun. Never the noun itself, whose phrase holds the infinitive's own object ("efforts to stop X")."""
    owners = _children(noun, ("poss",))
    if owners:
        return owners
    governor = noun.head
    if noun.dep_ == "pobj" and governor.dep_ == "prep":
        governor = governor.head
    if noun.dep_ in ("dobj", "pobj") and governor.pos_ in ("VERB", "AUX") and governor.i != noun.i:
        return subject_heads(governor)
    return []


def agent_heads(verb: Token) -> list[Token]:
    """The by-phrase of a passive verb: "was killed by a US drone strike" -> strike."""
    heads = []
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            heads.extend(_children(child, ("pobj",)))
    return heads


def instrument_heads(verb: Token) -> list[Token]:
    """For a passive verb with no by-phrase: the attack it happened in ("killed in a US drone strike")."""
    heads = []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "during", "from"):
            for obj in _children(child, ("pobj",)):
                if obj.lemma_.lower() in INSTRUMENT_NOUNS:
                    heads.append(obj)
    return heads


INSTRUMENT_NOUNS = frozenset({
    "strike", "airstrike", "attack", "raid", "bombing", "shelling", "operation", "ambush", "assault", "offensive",
    "drone", "missile", "rocket", "bomb", "explosion", "blast", "shooting", "gunfire", "crossfire", "fire", "clash",
    "clashes", "crackdown", "assassination",
})  # fmt: skip


def _place_actors(noun: Token, actors: ActorFinder) -> set[str]:
    """Actors of the places a noun's locative phrases name ("a bombing in central Baghdad")."""
    return {
        actors.token_actor[t.i]
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ in LOCATIVE_ONLY
        for t in prep.subtree
        if t.i in actors.place_tokens and t.i in actors.token_actor
    }


def object_heads(verb: Token) -> list[Token]:
    return _children(verb, OBJECT_DEPS)


# Prepositions that say near what something happens: "staged drills around Taiwan".
SURROUNDING_PREPOSITIONS = ("around", "near", "off", "along", "surrounding")


def prepositional_objects(verb: Token, prepositions: tuple[str, ...] = TARGET_PREPOSITIONS) -> list[tuple[str, Token]]:
    """(preposition, object) pairs of the verb and of its direct object, in the order of ``prepositions``."""
    pairs = []
    # "marched close to the border": the phrase hangs on an adverb of the verb
    holders = [verb, *_children(verb, ("dobj",)), *_children(verb, ("advmod", "acomp"))]
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("prep", "dative") and child.lower_ in prepositions:
                pairs.extend((child.lower_, obj) for obj in _children(child, ("pobj",)))
    order = {p: i for i, p in enumerate(prepositions)}
    return sorted(pairs, key=lambda pair: order[pair[0]])


def destination_actor(verb: Token, actors: ActorFinder) -> str | None:
    """ "arrived in Amman", "flew to Beijing": the place a journey reached, as the actor it stands for (the city's
    country or government), the host of the visit."""
    for prep, obj in prepositional_objects(verb):
        if prep in ("in", "to", "at", "into"):
            actor = actors.of_token(obj)
            if actor is not None:
                return actor
    return None


def find_arguments(verb: Token, actors: ActorFinder, own_object: bool = False) -> Arguments:
    """The source and target actors of a verbal predicate, active or passive. With ``own_object`` the object is
    the subject's own ("increased police patrols", "mobilized its troops"): the target can only be in a phrase."""
    args = Arguments(passive=is_passive(verb))
    subjects = subject_heads(verb)
    objects = [] if own_object and not args.passive else object_heads(verb)
    instruments: list[Token] = []
    if args.passive:
        agents = agent_heads(verb)
        if not agents:
            agents = instruments = instrument_heads(verb)
        source_heads, target_heads = agents, subjects
        if verb.dep_ == "acl":  # "militias backed by Iran": the noun is the target
            target_heads = [verb.head]
        if not target_heads:
            target_heads = objects
    else:
        source_heads, target_heads = subjects, objects
    # "ships heading to Israeli ports": the noun a participle or relative clause hangs on, as its subject, is read
    # without that clause.
    clause = verb if verb.dep_ in ("acl", "relcl") else None
    for head in source_heads:
        outside = clause if clause is not None and head.i == verb.head.i else None
        # "killed in a car bombing in central Baghdad", "talks in Cairo failed": where the attack or the talks
        # happened is not who made them.
        eventful = head in instruments or head.lemma_.lower() in JOINT_ACT_NOUNS
        where = _place_actors(head, actors) if eventful else set()
        args.sources.extend(a for a in actors.of_phrases(head, outside) if a not in args.sources and a not in where)
        args.tokens.append(head)
    for head in target_heads:  # "the curfew imposed in Sudan": the clause's own phrase places its patient
        args.targets.extend(a for a in actors.of_phrases(head) if a not in args.targets)
        args.tokens.append(head)
    # "presented their credentials to X", "halted its march towards X": an object whose only actor is the source
    # (its possessive) is the source's own thing; the target is in a phrase.
    args.targets = [t for t in args.targets if t not in args.sources]
    owned = [] if args.passive else [h for h in target_heads if _owned_by(h, args.sources, actors)]
    if verb.lemma_.lower() in DISPATCH_LEMMAS and not args.passive:
        # "sent troops to Mali", "sending warships and fighter jets to encircle the island": the forces one sends
        # are what one acts with; where they go is the other side.
        sent = {a for h in target_heads if h.lemma_.lower() in MILITARY_MEANS for a in actors.of_phrases(h)}
        args.targets = [t for t in args.targets if t not in sent]
        if sent and not args.targets:
            # "refused to deploy peacekeepers in Iraq": the place they are sent to stands for its country.
            destination = destination_actor(verb, actors)
            if destination is not None and destination not in args.sources:
                args.targets.append(destination)
    representatives = [h for h in owned if h.lemma_.lower() in REPRESENTATIVE_NOUNS]
    if (owned and any(actors.of_phrases(obj) for _prep, obj in prepositional_objects(verb))) or representatives:
        # "recalled its ambassador from Paris": the source's own envoy is what it acts with; the target is
        # named in the phrase, France, or not at all ("Paris recalled its ambassador last year").
        own = {a for head in owned for a in actors.of_phrases(head)}
        args.targets = [t for t in args.targets if t not in own]
    if not args.targets:
        # "demonstrated in (the city of) Kirkuk": the place of the event, not whom it is aimed at.
        _aim_at_first(args, (o for p, o in prepositional_objects(verb) if not names_the_place(p, o, actors)), actors)
    if not args.targets and not args.passive:
        # "the US would pay": a verb of warning or saying without an object aims at its complement's subject; when
        # that is the speaker, at the other side the complement names ("said he has deep satisfaction toward Gondor",
        # "began to question whether he has a future with the Orcs").
        for complement in _children(verb, ("ccomp",)):
            subjects = _children(complement, SUBJECT_DEPS)
            own = [s for s in subjects if _speaks_of_itself(s, args.sources, actors)]
            _aim_at_first(args, (s for s in subjects if s not in own), actors)
            if not args.targets and own:
                _aim_at_first(args, (o for _p, o in prepositional_objects(complement, PARTY_PREPOSITIONS)), actors)
    args.targets = [t for t in args.targets if t not in args.sources]
    return args


# Verbs of sending forces somewhere, and the forces and arms so sent.
DISPATCH_LEMMAS = frozenset({"send", "deploy", "dispatch", "despatch", "move", "mobilize", "mobilise", "station",
                             "position", "rush", "scramble", "redeploy", "fly", "sail"})  # fmt: skip
MILITARY_MEANS = frozenset({"troop", "force", "soldier", "warship", "ship", "vessel", "jet", "aircraft", "plane",
                            "fighter", "bomber", "drone", "tank", "missile", "battalion", "brigade", "unit", "navy",
                            "fleet", "submarine", "helicopter", "peacekeeper", "reinforcement", "personnel",
                            "marine", "paratrooper", "commando"})  # fmt: skip

# Who act for their owner ("its ambassador", "their troops"): never the other side of what the owner does with them.
REPRESENTATIVE_NOUNS = frozenset({"ambassador", "envoy", "diplomat", "delegation", "delegate", "troop", "force",
                                  "soldier", "peacekeeper", "representative", "emissary", "negotiator"})  # fmt: skip


def _owned_by(head: Token, sources: list[str], actors: ActorFinder) -> bool:
    """Whether a possessive pronoun makes the noun the source's own ("its ambassador")."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" and actors.of_token(c) in sources for c in head.children)


def _aim_at_first(args: Arguments, heads, actors: ActorFinder) -> None:
    """Make the actors of the first of ``heads`` that names someone besides the sources the targets."""
    for head in heads:
        found = [a for a in actors.of_phrases(head) if a not in args.sources]
        if found:
            args.targets.extend(found)
            args.tokens.append(head)
            return


def names_the_place(prep: str, obj: Token, actors: ActorFinder) -> bool:
    """Whether a locative phrase names where something happens ("in the city of Kirkuk")."""
    if prep not in LOCATIVE_ONLY or not actors.place_tokens:
        return False
    where = actors.found_in_phrase(obj)
    return where is not None and where[1].i in actors.place_tokens


def own_state(actors: ActorFinder, source: str | None, target: str) -> bool:
    """Whether ``target`` is the source's own country or government ("London" for the British foreign secretary)."""
    root = actors.code_of(source)[:3]
    return bool(root) and actors.code_of(target) in (root, root + "GOV")


def _speaks_of_itself(subject: Token, sources: list[str], actors: ActorFinder) -> bool:
    """Whether the subject of what a source says is the source itself ("he", an unresolved pronoun) or its own
    state ("Saar warned that Israel would resume strikes on Gaza")."""
    found = actors.of_phrases(subject)
    if set(found) & set(sources) or (subject.pos_ == "PRON" and not found):
        return True
    return bool(found) and all(any(own_state(actors, s, a) for s in sources) for a in found)


def _below_outside_relative_clause(token: Token, head: Token) -> bool:
    """Whether ``token`` is in the subtree of ``head`` and not inside a relative clause below ``head``."""
    current = token
    while current.i != head.i:
        if current.dep_ == "relcl" or current.head.i == current.i:
            return False  # a relative clause on the way up, or the root reached without meeting ``head``
        current = current.head
    return True
