"""Match verb-dictionary patterns against a verb's clause in a dependency parse.

For a verb token, the words before ``*`` in a pattern are looked for, in order, on the verb's subject side (its
subject, auxiliaries, negation, adverbs, and the verbs it completes: "SAID WOULD *"), the words after ``*`` on its
object side (objects, particles, prepositional phrases, complements); words of subordinate and relative clauses are
never used. ``(P ...)`` must be a prepositional phrase headed by P with the rest inside it, ``{A B}`` a noun phrase
headed by B with A inside it; ``$``/``+``/``%`` bind the actor found there as source/target/compound. A passive
verb is also tried in the active order ("was killed by gunmen" matches "GUNMEN *"). The most specific matching
pattern wins, as in TABARI; without one, the verb's own code applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.attrs import DEP, HEAD, LEMMA, ORTH, POS
from spacy.strings import StringStore
from spacy.tokens import Span, Token

from tacitus.events.arguments import ActorFinder, agent_heads, coordinated, subject_heads
from tacitus.events.clauses import CLAUSE_DEPS, NEGATIONS, SUBJECT_DEPS, is_passive, lower_domain, upper_domain
from tacitus.events.dictionary import NULL_CODE, NounPhrase, Pattern, PrepPhrase, Role, Verb, VerbDictionary, Words


@dataclass
class Match:
    """What a verb (and the pattern that matched its clause, if any) says about the event."""

    verb: Verb
    pattern: Pattern | None
    code: str
    reverse: str | None
    bound: dict[str, list[str]] = field(default_factory=dict)  # "$" / "+" / "%" -> actor ids
    tokens: list[Token] = field(default_factory=list)  # words the pattern used
    negation_in_pattern: bool = False

    @property
    def is_event(self) -> bool:
        return self.code != NULL_CODE or bool(self.reverse and self.reverse != NULL_CODE)


_UPPER: dict[int, str] = {}  # string hash -> upper-case string, shared by all documents


def _upper(strings, ids) -> list[str]:
    keys = ids.tolist()
    result = list(map(_UPPER.get, keys))  # most words were seen before: one C-level pass
    for n, value in enumerate(result):
        if value is None:
            key = keys[n]
            result[n] = _UPPER[key] = strings[key].upper()
    return result


class _Forms:
    """Upper-case text and lemma of each token, computed once per document."""

    def __init__(self, doc) -> None:
        array = doc.to_array([ORTH, LEMMA, POS, HEAD, DEP])
        self.pos = array[:, 2].tolist() if len(doc) else []
        # Absolute head index and dependency label id of every token (HEAD is a signed offset stored unsigned).
        self.head = (array[:, 3].astype("int64") + range(len(doc))).tolist() if len(doc) else []
        self.dep = array[:, 4].tolist() if len(doc) else []
        if len(_UPPER) > 200_000:
            _UPPER.clear()
        self.text = _upper(doc.vocab.strings, array[:, 0]) if len(doc) else []
        self.lemma = _upper(doc.vocab.strings, array[:, 1]) if len(doc) else []

    def is_(self, token: Token, word: str) -> bool:
        return self.text[token.i] == word or self.lemma[token.i] == word

    def phrase_at(self, doc, start: int, phrase: tuple[str, ...]) -> int | None:
        """End index (exclusive) when ``phrase`` is at token ``start`` (consecutive words), else None."""
        end = start + len(phrase)
        if end > len(doc):
            return None
        for offset, word in enumerate(phrase):
            i = start + offset
            if self.text[i] != word and self.lemma[i] != word:
                return None
        return end


class PatternMatcher:
    def __init__(self, dictionary: VerbDictionary) -> None:
        self.dictionary = dictionary
        self._verb: Token | None = None
        self._subject_side = False  # matching the words before "*"

    # Which dictionary verbs a token is ------------------------------------------------------------------

    def has_verb(self, forms: _Forms, i: int) -> bool:
        return forms.text[i] in self.dictionary.by_form or forms.lemma[i] in self.dictionary.by_base

    def verbs(self, token: Token, forms: _Forms) -> list[Verb]:
        candidates = self.dictionary.verbs_for(forms.text[token.i], forms.lemma[token.i])
        if not candidates:
            return []
        multi = [v for v in candidates if (v.before or v.after) and self._multiword_ok(token, v, forms)]
        single = [v for v in candidates if not v.before and not v.after]
        return multi + single

    @staticmethod
    def _multiword_ok(token: Token, verb: Verb, forms: _Forms) -> bool:
        doc = token.doc
        for offset, word in enumerate(reversed(verb.before), 1):
            i = token.i - offset
            if i < 0 or forms.text[i] != word:
                return False
        children = {forms.text[c.i] for c in token.children if c.dep_ in ("prt", "prep", "advmod", "dobj", "cc")}
        position = token.i
        for word in verb.after:
            nxt = position + 1
            if nxt < len(doc) and forms.text[nxt] == word:
                position = nxt
            elif word not in children:
                return False
        return True

    # Matching ------------------------------------------------------------------------------------------

    def match(self, token: Token, sentence: Span, actors: ActorFinder, forms: _Forms, heads=None) -> Match | None:
        self._verb = token  # the verb being matched, for the elements' clause checks
        verbs = self.verbs(token, forms)
        if not verbs:
            return None
        if not any(v.block is not None and v.block.patterns for v in verbs):
            verb = verbs[0]
            return Match(verb, None, verb.bare_code, verb.block.reverse if verb.block else None)
        upper = upper_domain(token, sentence, heads)
        lower = lower_domain(token, sentence, heads)
        views = [(upper, lower)]
        if is_passive(token):
            subjects = {t.i for s in subject_heads(token) for t in s.subtree}
            agents = {t.i for a in agent_heads(token) for t in a.subtree}
            if agents:
                active_upper = [t for t in upper if t.i not in subjects] + [t for t in lower if t.i in agents]
                active_lower = [t for t in lower if t.i not in agents] + [t for t in upper if t.i in subjects]
                views.append((active_upper, sorted(active_lower, key=lambda t: t.i)))
        words = {forms.text[t.i] for t in (*upper, *lower)} | {forms.lemma[t.i] for t in (*upper, *lower)}
        # The words of a multi-word verb that is there ("OFF" of "called off") are the verb, not what it acts on.
        verb_words = {
            t.i for v in verbs if v.after for t in token.children if forms.text[t.i] in v.after and t.dep_ == "prt"
        }
        seen_blocks: set[int] = set()
        best: tuple[Pattern, dict, list[Token]] | None = None
        for verb in verbs:
            block = verb.block
            if block is None or id(block) in seen_blocks:
                continue
            seen_blocks.add(id(block))
            for pattern in candidate_patterns(block, words):
                if best is not None and pattern.specificity < best[0].specificity:
                    break
                if not all(required & words for required in pattern.required):
                    continue
                for view_upper, view_lower in views:
                    found = self._match_pattern(pattern, token, view_upper, view_lower, actors, forms)
                    if found is not None:
                        # Of two patterns that ask as much, the one whose words are nearer the verb: "stopped work
                        # on the first day of a strike" is "* WORK", not "* STRIKE".
                        if best is None or _reach(found[1], token, verb_words) < _reach(best[2], token, verb_words):
                            best = (pattern, *found)
                        break
        verb = verbs[0]
        if best is None:
            return Match(verb, None, verb.bare_code, verb.block.reverse if verb.block else None)
        pattern, bound, used = best
        negation = any(forms.text[t.i].lower() in NEGATIONS for t in used)
        return Match(verb, pattern, pattern.code, pattern.reverse, bound, used, negation)

    def _match_pattern(self, pattern: Pattern, verb: Token, upper, lower, actors, forms):
        bound: dict[str, list[str]] = {}
        used: list[Token] = []
        self._subject_side = True
        before = self._sequence(pattern.before, upper, 0, None, bound, used, actors, forms)
        self._subject_side = False
        if before is None:
            return None
        if pattern.adjacent_before and (not used or used[-1].i != verb.i - 1):
            return None
        after = self._sequence(pattern.after, lower, 0, verb.i, bound, used, actors, forms)
        if after is None:
            return None
        return bound, used

    def _sequence(self, elements, tokens, position, previous_end, bound, used, actors, forms) -> int | None:
        """Match ``elements`` in order over ``tokens`` from ``position``; the position after them, or None."""
        if not elements:
            return position
        element, rest = elements[0], elements[1:]
        if isinstance(element, Role) and element.kind == "^":
            # TABARI's "^" skips the next noun phrase: "* AT ^ +" in "warned at the Kremlin of the president of
            # Belarus" aims at the president, not at the Kremlin.
            skipped = _noun_phrase_end(tokens, position)
            if skipped is not None:
                position, previous_end = skipped, tokens[skipped - 1].i
            return self._sequence(rest, tokens, position, previous_end, bound, used, actors, forms)
        for j in range(position, len(tokens)):
            token = tokens[j]
            if element.joined and previous_end is not None and token.i != previous_end + 1:
                if token.i > previous_end + 1:
                    break
                continue
            if (
                not rest
                and _is_destination(element)
                and (_is_infinitive_marker(token) or not _hangs_on(token, self._verb))
            ):
                continue  # "* TO" ("headed to"): a destination, not "ordered X to respond ... to any provocation"
            attempt = self._element(element, token, tokens, j, actors, forms)
            if attempt is None:
                continue
            end_index, end_token, element_bound, element_used = attempt
            snapshot = (dict(bound), len(used))
            for key, value in element_bound.items():
                bound.setdefault(key, value)
            used.extend(element_used)
            result = self._sequence(rest, tokens, end_index, end_token, bound, used, actors, forms)
            if result is not None:
                return result
            bound.clear()
            bound.update(snapshot[0])
            del used[snapshot[1] :]
        return None

    def _element(self, element, token: Token, tokens, j: int, actors: ActorFinder, forms: _Forms):
        """If ``element`` matches at ``tokens[j]``: (next position, last doc index, bindings, tokens used)."""
        doc = token.doc
        if isinstance(element, Words):
            if token.pos_ == "ADP" and _in_finite_complement(token, self._verb):
                return None
            if token.dep_ == "prep" and token.tag_ == "VBG":
                return None  # "according to", "following": a preposition, not ACCORD (&TREATY) or FOLLOW
            for phrase in _phrases_starting(element, forms, token.i):
                end = forms.phrase_at(doc, token.i, phrase)
                if end is not None:
                    if _in_complement_subject(token.i, self._verb, forms):
                        return None  # "said its measures were irresponsible": not "* MEASURES"
                    if phrase == (phrase[0],) and phrase[0] in PARTICLE_WORDS and _has_object(token):
                        return None  # "fired missiles into the sea off its coast": a place, not "fire off"
                    if token.pos_ in ("NOUN", "PROPN") and _in_adverbial_clause(token, self._verb):
                        return None  # "arrested while on a trip to the city": not "* &TOWN" (took the town)
                    if self._subject_side and token.pos_ in ("NOUN", "PROPN", "ADJ") and _in_noun_modifier(token):
                        return None  # "riots against military policies continued": not "&MILITARY *"
                    k = j
                    while k < len(tokens) and tokens[k].i < end:
                        k += 1
                    return k, end - 1, {}, list(doc[token.i : end])
            return None
        if isinstance(element, Role):
            actor = actors.of_token(token)
            if actor is None:
                return None
            k = j
            while k + 1 < len(tokens) and actors.of_token(tokens[k + 1]) == actor:
                k += 1
            head = token
            while head.head.i != head.i and actors.of_token(head.head) == actor:  # the mention's own head
                head = head.head
            group = actors.of_phrases(head) or [actor]
            return k + 1, tokens[k].i, {element.kind: group}, [token]
        if isinstance(element, NounPhrase):
            for phrase in _phrases_starting(element.head, forms, token.i):
                end = forms.phrase_at(doc, token.i, phrase)
                if end is None:
                    continue
                head = doc[end - 1]
                left = [t for t in head.subtree if t.i < token.i]
                position, matched = 0, []
                for modifier in element.modifiers:
                    hit = next(
                        (
                            (k, t)
                            for k, t in enumerate(left[position:], position)
                            if any(forms.phrase_at(doc, t.i, p) for p in _phrases_starting(modifier, forms, t.i))
                        ),
                        None,
                    )
                    if hit is None:
                        break
                    position, matched = hit[0] + 1, [*matched, hit[1]]
                else:
                    if _in_complement_subject(token.i, self._verb, forms):
                        return None
                    k = j
                    while k < len(tokens) and tokens[k].i < end:
                        k += 1
                    return k, end - 1, {}, [*matched, *doc[token.i : end]]
            return None
        if isinstance(element, PrepPhrase):
            if _in_finite_complement(token, self._verb):
                return None
            if not any(forms.phrase_at(doc, token.i, p) for p in _phrases_starting(element.prep, forms, token.i)):
                return None
            inside = [t for t in token.subtree if t.i > token.i]
            if _is_time_phrase(token):
                return None  # "telephoned X on Tuesday": when, not "* (ON)" ("called on X")
            if not element.body and self._verb is not None and token.head.i != self._verb.i:
                # A bare "(FOR)", "(TO)": the verb's own phrase ("criticised X for ..."), not one inside a noun
                # phrase ("a camp for refugees was attacked") nor below another verb ("ordered X to respond to Y").
                return None
            objects = [t for t in token.children if t.dep_ == "pobj"]
            if (
                not element.body
                and token.lower_ == "with"
                and objects
                and not any(actors.of_token(t) for o in objects for t in coordinated(o))
            ):
                # The dictionary's bare "(WITH)" is the other side ("broke with X", "agreed with X"): "beat
                # detainees with the knowledge of officers" breaks with no one.
                return None
            if _is_infinitive_marker(token):
                if not element.body:
                    return None  # "* (TO)" ("headed to"): a destination, not "ordered X to appear"
                # "(TO LEAVE)", "(TO SHOOT)": the dictionary's phrases after TO are often infinitives ("ordered the
                # envoy to leave"), whose "to" the parser hangs on the verb, not over it.
                inside = [t for t in token.head.subtree if t.i > token.i]
            bound: dict[str, list[str]] = {}
            used: list[Token] = [token]
            if self._sequence(element.body, inside, 0, token.i, bound, used, actors, forms) is None:
                return None
            return j + 1, token.i, bound, used
        return None


NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
# Words that sit before the head of their noun phrase ("the Gondor", "Minas Tirith", "Gondor's leader").
PREMODIFIER_DEPS = frozenset({"compound", "flat", "amod", "nmod", "poss", "nummod", "det", "case"})


def _noun_phrase_end(tokens, position: int) -> int | None:
    """The position after the next base noun phrase in ``tokens`` (its head, without the phrases after it: "the
    parliament" of "the parliament of Gondor"), or None when no noun phrase follows."""
    for k in range(position, len(tokens)):
        if tokens[k].pos_ not in NOMINAL_POS:
            continue
        head = tokens[k]
        while head.dep_ in PREMODIFIER_DEPS and head.head.i > head.i:
            head = head.head
        while k < len(tokens) and tokens[k].i <= head.i:
            k += 1
        return k
    return None


def _in_complement_subject(i: int, verb: Token | None, forms: _Forms) -> bool:
    """Token ``i`` is in the subject of a clause below the verb ("said [its measures] were irresponsible"): a
    pattern's words after "*" stand in the verb's own object or complement position, not in what a reported clause
    is about. Walked on the parse's arrays (Token objects cost more than the walk)."""
    if verb is None or i <= verb.i:
        return False
    head, dep = forms.head, forms.dep
    current = i
    while head[current] != current and current != verb.i:
        if dep[current] in _SUBJECT_DEP_IDS and head[current] != verb.i:
            return True
        current = head[current]
    return False


TIME_ENTITIES = frozenset({"DATE", "TIME"})
_SUBJECT_DEP_IDS = frozenset(StringStore().add(dep) for dep in SUBJECT_DEPS)


def _is_time_phrase(preposition: Token) -> bool:
    """A prepositional phrase that says when ("on Tuesday", "for two days", "in 2013")."""
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in TIME_ENTITIES for o in objects)


def _is_destination(element) -> bool:
    """A pattern ending in a bare TO ("* TO", "* BACK TO", "&MILITARY * TO"): where someone went, a preposition."""
    return isinstance(element, Words) and element.phrases == (("TO",),)


def _reach(used: list[Token], verb: Token, verb_words: set[int]) -> int:
    """How far from the verb a pattern's nearest matched word stands (the verb's own particles not counted)."""
    return min((abs(t.i - verb.i) for t in used if t.i not in verb_words), default=len(verb.doc))


def _hangs_on(token: Token, verb: Token | None) -> bool:
    """Whether a preposition is the verb's own or its object's ("headed the delegation to Paris"), not a word
    of a verb below it."""
    if verb is None:
        return True
    head = token.head
    return head.i == verb.i or (head.head.i == verb.i and head.pos_ not in ("VERB", "AUX"))


def _is_infinitive_marker(token: Token) -> bool:
    """The "to" of an infinitive ("to leave"), which heads nothing: the parser attaches it to its verb."""
    return token.tag_ == "TO" and token.dep_ == "aux" and token.head.pos_ in ("VERB", "AUX")


def _in_finite_complement(token: Token, verb: Token | None) -> bool:
    """A preposition inside a "that"-clause with its own subject ("demanded that Hamas renounce its struggle
    against Israel"): a phrase of that clause's verb, never the matched verb's "(AGAINST ...)" or "ON"."""
    current = token.head
    while current.head.i != current.i and (verb is None or current.i != verb.i):
        if current.dep_ == "ccomp" and any(c.dep_ in ("nsubj", "nsubjpass") for c in current.children):
            return True  # also through an infinitive inside it ("demanded that X refuse to recognize Y on Z")
        if current.dep_ in ("advcl", "relcl", "conj"):
            return False
        current = current.head
    return False


_PHRASE_INDEX: dict[int, tuple[Words, dict[str, list[tuple[str, ...]]]]] = {}


def _phrases_starting(words: Words, forms: _Forms, i: int) -> list[tuple[str, ...]]:
    """The element's phrases whose first word is token ``i`` (by text or lemma)."""
    entry = _PHRASE_INDEX.get(id(words))
    if entry is None or entry[0] is not words:
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in words.phrases:
            index.setdefault(phrase[0], []).append(phrase)
        entry = _PHRASE_INDEX[id(words)] = (words, index)
    index = entry[1]
    hits = index.get(forms.text[i], [])
    lemma = forms.lemma[i]
    if lemma != forms.text[i] and lemma in index:
        hits = hits + index[lemma]
    return hits


def candidate_patterns(block, words: set[str]) -> list[Pattern]:
    """The block's patterns whose first required word occurs in the clause, most specific first."""
    index = getattr(block, "_index", None)
    if index is None:
        index = {}
        for number, pattern in enumerate(block.patterns):
            keys = pattern.required[0] if pattern.required else frozenset({""})
            for key in keys:
                index.setdefault(key, []).append(number)
        block._index = index
    numbers = set(index.get("", ()))
    for word in words:
        hits = index.get(word)
        if hits:
            numbers.update(hits)
    return [block.patterns[n] for n in sorted(numbers)]


def document_forms(doc) -> _Forms:
    return _Forms(doc)


# Words a pattern means as a verb's particle ("FIRE * OFF" a letter, "BLOW * UP"): as a preposition with an
# object of its own they say where, not what was done.
PARTICLE_WORDS = frozenset({"OFF", "UP", "DOWN", "OUT", "AWAY", "BACK"})


def _has_object(token: Token) -> bool:
    return token.dep_ == "prep" and any(c.dep_ == "pobj" for c in token.children)


# Prepositions whose phrase says why or when, never what the verb acts on ("closed its border because of fighting").
CIRCUMSTANCE_PREPOSITIONS = frozenset(
    {"because", "due", "owing", "amid", "amidst", "despite", "after", "following", "before", "during", "since"}
)


def _in_noun_modifier(token: Token) -> bool:
    """Whether a word lies in a prepositional phrase of a noun ("riots against military policies"): what the noun
    is about, not who it is."""
    current = token
    while current.head.i != current.i and current.dep_ not in CLAUSE_DEPS:
        if current.dep_ == "prep" and current.head.pos_ in ("NOUN", "PROPN"):
            return True
        current = current.head
    return False


def _in_adverbial_clause(token: Token, verb: Token | None) -> bool:
    """Whether a word lies in an adverbial clause of the verb ("while on a trip to the city") or in a phrase of
    cause or time ("because of fighting"), which says when or why, not what the verb acts on."""
    current = token
    while verb is not None and current.head.i != current.i and current.i != verb.i:
        if current.head.i == verb.i and current.dep_ == "advcl":
            return True
        if current.dep_ == "prep" and current.lower_ in CIRCUMSTANCE_PREPOSITIONS:
            return True  # also below the verb's object or complement: "allowed X to hold a rally after an accord"
        current = current.head
    return False
