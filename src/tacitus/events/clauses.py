"""Clauses of a dependency parse: which words belong to a predicate, on its subject side and on its object side.

A verb's patterns are matched against its own clause only, never against a word window: the words of a
subordinate clause ("... after crowds trashed its embassy") or of a relative clause belong to their own verb.
"""

from __future__ import annotations

from spacy.parts_of_speech import AUX, VERB
from spacy.strings import StringStore
from spacy.tokens import Span, Token

# Dependencies that start a clause of their own under their head.
CLAUSE_DEPS = frozenset({"advcl", "relcl", "acl", "ccomp", "xcomp", "conj", "parataxis", "csubj", "csubjpass", "pcomp"})
# Clauses that complete their governing verb: "said (that) X would ...", "vowed to fight", "decided not to ...".
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
_STRINGS = StringStore()
_CLAUSE_DEP_IDS = frozenset(_STRINGS.add(dep) for dep in CLAUSE_DEPS)
_ROOT = _STRINGS.add("ROOT")
_PREDICATE_POS = frozenset({VERB, AUX})


def is_predicate(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT"


def clause_head(token: Token) -> Token:
    """The predicate whose clause ``token`` is in: the nearest ancestor (or itself) that heads a clause."""
    current = token
    while True:
        if current.head.i == current.i:
            return current
        if current.dep_ in CLAUSE_DEPS and is_predicate(current):
            return current
        current = current.head


def clause_depth(token: Token) -> int:
    """How many clauses down from its sentence's main clause ``token`` stands: 0 in the main clause, 1 in a clause
    below it ("demanded that the US cancel plans": "cancel"), and so on."""
    depth = 0
    current = token
    while current.head.i != current.i:
        if current.dep_ in CLAUSE_DEPS:
            depth += 1
        current = current.head
    return depth


# Participles that with their own preposition state what their subject does: "is opposed to X" opposes X, "were
# engaged in ethnic cleansing" did it; they are passive only with a by-phrase.
STANCE_PARTICIPLES = {"oppose": "to", "engage": "in", "involve": "in"}


def is_passive(verb: Token) -> bool:
    stance = STANCE_PARTICIPLES.get(verb.lemma_.lower())
    if (
        stance is not None
        and verb.tag_ == "VBN"
        and any(c.dep_ == "prep" and c.lower_ == stance for c in verb.children)
        and not any(c.dep_ == "agent" for c in verb.children)
    ):
        return False
    if any(child.dep_ in ("nsubjpass", "auxpass", "csubjpass") for child in verb.children):
        return True
    # "militias backed by Iran", "a commander killed in the strike": a past participle modifying a noun. One with a
    # direct object of its own is a finite verb the parser took for a participle ("Jihadist attacks killed 20
    # soldiers, the army said"): active.
    if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and any(c.dep_ == "dobj" for c in verb.children):
        return False
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return True
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and not any(c.dep_ in ("nsubj", "aux") for c in verb.children):
        return True  # "companies accused of helping Moscow", the participle mistagged as a past tense
    if _shares_passive_auxiliary(verb) or _gapped_passive(verb):
        return True
    # "Rebuked by Iran, Iraq recalled its envoy": a bare past participle opening a clause is passive; its subject,
    # the main clause's, is its patient ("Having rebuked Iran" has an auxiliary and is active).
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBN"
        and not any(child.dep_ in ("aux", "nsubj") for child in verb.children)
    )


# Verbs that say what was done to someone and always have an object when active: without one, they are passive.
PATIENT_VERBS = frozenset({"injure", "wound", "kill", "detain", "arrest", "hurt", "jail", "imprison", "abduct",
                           "kidnap", "expel", "deport", "sentence", "convict", "charge", "release", "free",
                           "evacuate", "displace", "execute", "torture", "hospitalize", "hospitalise"})  # fmt: skip


def _gapped_passive(verb: Token) -> bool:
    """ "224 people had been detained and 113 police officers injured": a participle after "and" with a subject but
    no auxiliary or object of its own, joined to a passive verb, leaves out that verb's "had been"."""
    if verb.tag_ not in ("VBN", "VBD") or verb.dep_ not in ("conj", "advcl") or verb.head.i == verb.i:
        return False
    if verb.lemma_.lower() not in PATIENT_VERBS:
        return False  # "two soldiers were killed and the rebels fled": fleeing needs no one to undergo it
    if any(child.dep_ in ("aux", "auxpass", "dobj", "nsubjpass", "ccomp", "xcomp") for child in verb.children):
        return False
    subjects = [child for child in verb.children if child.dep_ == "nsubj" and child.i < verb.i]
    if not subjects or not any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.head.children):
        return False
    before = subjects[0].left_edge.i - 1
    return before >= 0 and verb.doc[before].lower_ in ("and", ",")


def _shares_passive_auxiliary(verb: Token) -> bool:
    """ "The envoy was summoned and notified of the decision", "was arrested and released": a participle
    coordinated with a passive verb, without a subject, auxiliary or object of its own, shares its "was" (the
    parser often tags such a participle as a past tense)."""
    if verb.dep_ != "conj" or verb.tag_ not in ("VBN", "VBD") or verb.head.i == verb.i:
        return False
    if any(child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "dobj", "expl") for child in verb.children):
        return False
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.head.children)


def governing_chain(verb: Token) -> list[Token]:
    """The verbs this one completes: "X said it would *" -> [said]; "vowed to *" -> [vowed]."""
    chain = []
    current = verb
    while current.dep_ in (*COMPLEMENT_DEPS, "conj") and current.head.i != current.i:
        current = current.head
        chain.append(current)
        if len(chain) > 4:
            break
    return chain


def _excluded_children(verb: Token) -> list[Token]:
    # Subordinate and coordinated clauses are not part of this verb's clause; complements are.
    return [c for c in verb.children if c.dep_ in CLAUSE_DEPS and c.dep_ not in COMPLEMENT_DEPS]


def clause_tokens(verb: Token) -> list[Token]:
    """The tokens of ``verb``'s clause (its subtree without subordinate, relative and coordinated clauses)."""
    excluded: set[int] = set()
    for child in _excluded_children(verb):
        excluded.update(t.i for t in child.subtree)
    for token in verb.subtree:
        if token.dep_ == "relcl" and token.i != verb.i:
            excluded.update(t.i for t in token.subtree)
    return [t for t in verb.subtree if t.i not in excluded]


def clause_heads(sentence: Span, forms=None) -> dict[int, int]:
    """Token index -> index of its clause head, for every token of a sentence (computed once per sentence, on the
    parse's arrays: creating spaCy Token objects for this costs more than the walk itself). ``forms``: the
    document's arrays (``patterns._Forms``), if already read."""
    if forms is None:
        from tacitus.events.patterns import document_forms

        forms = document_forms(sentence.doc)
    head_of, dep, pos = forms.head, forms.dep, forms.pos
    start, end = sentence.start, sentence.end
    heads: dict[int, int] = {}
    for k in range(start, end):
        path = []
        current = k
        while current not in heads:
            path.append(current)
            if not start <= current < end:
                heads[current] = current
                break
            if (
                head_of[current] == current
                or dep[current] == _ROOT
                or (dep[current] in _CLAUSE_DEP_IDS and pos[current] in _PREDICATE_POS)
            ):
                heads[current] = current
                break
            current = head_of[current]
        head = heads[current]
        for i in path:
            heads[i] = head
    return heads


def clause_members(verb: Token, sentence: Span, heads: dict[int, int] | None) -> list[Token]:
    """The tokens of ``verb``'s clause and of its complement clauses, from the sentence's clause heads."""
    if heads is None or heads.get(verb.i) != verb.i:
        return clause_tokens(verb)  # not a clause of its own ("a statement saying ..."): its subtree
    wanted = {verb.i}
    pending = [verb]
    while pending:
        for child in pending.pop().children:
            if child.dep_ in COMPLEMENT_DEPS and child.i not in wanted:
                wanted.add(child.i)
                pending.append(child)
    doc = verb.doc
    return [doc[i] for i in range(sentence.start, sentence.end) if heads.get(i) in wanted]


def upper_domain(verb: Token, sentence: Span, heads: dict[int, int] | None = None) -> list[Token]:
    """Tokens before the verb on its subject side: its own left dependents and those of the verbs it completes."""
    heads = heads if heads is not None else clause_heads(sentence)
    wanted = {verb.i, *(v.i for v in governing_chain(verb))}
    doc = verb.doc
    return [doc[i] for i in range(sentence.start, verb.i) if heads.get(i) in wanted and doc[i].dep_ != "punct"]


def lower_domain(verb: Token, sentence: Span | None = None, heads: dict[int, int] | None = None) -> list[Token]:
    """Tokens after the verb in its clause (objects, particles, prepositional phrases, complements)."""
    if heads is None or sentence is None:
        return [t for t in clause_tokens(verb) if t.i > verb.i and t.dep_ != "punct"]
    wanted = {verb.i}
    pending = [verb]
    while pending:  # the verb's complement clauses, and theirs
        for child in pending.pop().children:
            if child.dep_ in COMPLEMENT_DEPS and child.i not in wanted:
                wanted.add(child.i)
                pending.append(child)
    doc = verb.doc
    return [doc[i] for i in range(verb.i + 1, sentence.end) if heads.get(i) in wanted and doc[i].dep_ != "punct"]


def clause_span(tokens: list[Token]) -> tuple[int, int]:
    """The token range covering ``tokens``, without leading/trailing punctuation or white space."""
    indexes = sorted(t.i for t in tokens if not (t.is_punct or t.is_space))
    if not indexes:
        indexes = sorted(t.i for t in tokens)
    return indexes[0], indexes[-1] + 1


def is_negated(verb: Token) -> bool:
    """The verb itself is negated ("did not attack", "never attacked", "neither ... nor ... attacked")."""
    for child in verb.children:
        if child.dep_ == "neg" or (child.lower_ in NEGATIONS and child.dep_ in ("advmod", "preconj", "det")):
            return True
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            for token in child.subtree:
                if token.lower_ == "neither" or (token.lower_ == "no" and token.head.i == child.i):
                    return True
    return False
