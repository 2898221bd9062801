"""Clauses of a dependency parse: which words belong to a predicate, on its subject side and on its object side.

A verb's patterns are matched against its own clause only, never against a word window: the words of a
subordinate clause ("... after crowds trashed its embassy") or of a relative clause belong to their own verb.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# Dependencies that start a clause of their own under their head.
CLAUSE_DEPS = frozenset({"advcl", "relcl", "acl", "ccomp", "xcomp", "conj", "parataxis", "csubj", "csubjpass", "pcomp"})
# Clauses that complete their governing verb: "said (that) X would ...", "vowed to fight", "decided not to ...".
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor"})


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


def is_passive(verb: Token) -> bool:
    if any(child.dep_ in ("nsubjpass", "auxpass", "csubjpass") for child in verb.children):
        return True
    # "militias backed by Iran", "a commander killed in the strike": a past participle modifying a noun.
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


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


def upper_domain(verb: Token, sentence: Span) -> list[Token]:
    """Tokens before the verb on its subject side: its own left dependents and those of the verbs it completes."""
    heads = {verb.i, *(v.i for v in governing_chain(verb))}
    tokens = []
    for token in sentence:
        if token.i >= verb.i:
            break
        if clause_head(token).i in heads and token.dep_ != "punct":
            tokens.append(token)
    return tokens


def lower_domain(verb: Token) -> list[Token]:
    """Tokens after the verb in its clause (objects, particles, prepositional phrases, complements)."""
    return [t for t in clause_tokens(verb) if t.i > verb.i and t.dep_ != "punct"]


def clause_span(tokens: list[Token]) -> tuple[int, int]:
    """The token range covering ``tokens``, without leading/trailing punctuation."""
    indexes = sorted(t.i for t in tokens if not t.is_punct)
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
