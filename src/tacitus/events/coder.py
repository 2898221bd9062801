"""The event coder: from a parsed, actor-annotated document to coded events.

For every sentence: each verb in the verb dictionary is matched against its clause (:mod:`patterns`), its
source and target come from its dependency structure (:mod:`arguments`), event nouns ("the killing of X",
"a US drone strike") are coded from a noun lexicon, and speech acts in quotations (a threat, an accusation, an
appeal, praise) become events of their speaker. Then: a threat, demand or promise to do X is that speech act,
not an X event; what someone reports ("said that X attacked Y") is the reported event, not a statement; modality
and dates come from the clause; an interaction reported twice in an article is kept once.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Doc, Span, Token

from tacitus.document import document_text, facts, index
from tacitus.document import sentences as document_sentences
from tacitus.errors import TacitusError
from tacitus.events.arguments import (
    INSTRUMENT_NOUNS,
    JOINT_ACT_NOUNS,
    SURROUNDING_PREPOSITIONS,
    ActorFinder,
    coordinated,
    destination_actor,
    find_arguments,
    names_the_place,
    own_state,
    prepositional_objects,
    subject_heads,
)
from tacitus.events.clauses import (
    COMPLEMENT_DEPS,
    OBJECT_DEPS,
    SUBJECT_DEPS,
    clause_heads,
    clause_members,
    clause_span,
    governing_chain,
    is_negated,
    is_passive,
)
from tacitus.events.codebook import Codebook, codebook, intent_code, refusal_code
from tacitus.events.dictionary import NULL_CODE, VerbDictionary, load_verb_dictionary
from tacitus.events.modality import NEGATING_GOVERNORS, SPEECH_LEMMAS, WILLING, is_historical, modality
from tacitus.events.patterns import Match, PatternMatcher, document_forms
from tacitus.layout import headline_end
from tacitus.places.anchor import dateline_place, literal_place_tokens
from tacitus.times.anchor import event_date

DATA = Path(__file__).parent / "data"
# Compound actors: at most this many source x target events from one clause. "The US, Britain, France and Germany
# condemned Russia and Belarus" reports eight; the cap only stops a misparsed list from exploding.
MAX_PAIRS = 16
# Verbs whose complement is what the subject intends or agrees to do ("agreed to withdraw", "decided to send").
INTENT_LEMMAS = frozenset({"agree", "offer", "promise", "pledge", "vow", "intend", "plan", "prepare", "decide",
                           "commit", "accept", "consent", "undertake"})  # fmt: skip
REFUSAL_LEMMAS = frozenset({"refuse", "decline", "reject"})
REJECTION_LEMMAS = frozenset({"reject", "refuse", "spurn", "rebuff", "deny", "resist"})
REJECTION_CODE = "120"
DEMAND_CODE = "100"
ASKING_ROOTS = frozenset({"02", "10"})  # CAMEO: appeal, demand
THREAT_ROOT = "13"
ASYLUM_WORDS = frozenset({"asylum", "refuge", "sanctuary"})
DISAPPROVAL_ROOT = "11"
OBLIGATION_MODALS = frozenset({"must", "should"})
# Verbs whose bare infinitive clause is what is seen or caused ("saw investors pull out"), no subjunctive.
PERCEPTION_LEMMAS = frozenset({"see", "watch", "hear", "feel", "notice", "observe", "let", "make", "help", "have"})
# Speech cues whose request needs someone obliged, and the types a quotation must address to someone.
MODAL_CUES = frozenset({"must", "should"})
# Cues that are the speaker's act only as the speaker's own verb ("we demand", "I thank").
PERFORMATIVE_CUES = frozenset({"demand", "urge", "appeal", "praise", "salute", "thank", "honour", "honor", "condemn",
                               "blame", "call on", "destroy", "wipe out", "annihilate", "punish", "retaliate",
                               "avenge"})  # fmt: skip
ADDRESSED_TYPES = frozenset({"REQUEST", "SUPPORT", "AGREE", "COOPERATE"})
NOT_ASSERTED = frozenset({"future", "hypothetical", "negated"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
TOPIC_PREPOSITIONS = frozenset({"on", "over", "about", "regarding", "concerning"})
# "refused to comment": a reporter's question turned down, no political rejection.
UNNEWSWORTHY_REFUSALS = frozenset({"comment", "elaborate", "confirm", "disclose", "reveal", "say", "speak", "answer",
                                   "identify", "name", "specify", "discuss", "give", "provide", "detail"})  # fmt: skip
DEPARTURE_LEMMAS = frozenset({"leave", "depart", "go", "quit", "withdraw", "return", "vacate"})
# Verbs whose complement is what the subject commits to: "vowed/swore to fight" is a threat (13x).
VOW_LEMMAS = frozenset({"vow", "swear", "pledge", "promise"})
# Verbs of a deliberate plan: planned or decided coercion is a threat (13x); agreeing or offering to act is not.
PLANNING_LEMMAS = frozenset({"plan", "intend", "decide", "prepare"})
CONDITION_MARKS = frozenset({"if", "unless"})
READYING_LEMMAS = frozenset({"prepare", "poise", "gear", "mobilize", "mobilise"})
FORCE_ROOTS = frozenset({"18", "19", "20"})
# CAMEO codes of acts done to a place's people: easing restrictions (lifting a curfew), protest, force posture,
# coercion, force.
INFLICTED_PREFIXES = ("081", "14", "15", "17", "18", "19", "20")
MOBILIZATION_CODE = "154"  # CAMEO: mobilize or increase armed forces
JOINT_MILITARY_CODE = "062"  # CAMEO: cooperate militarily
# CAMEO roots of acts that, promised under a condition, are threats: "will withdraw its force unless ...".
COERCIVE_WHEN_CONDITIONAL = frozenset({"08", "16", "17"})
POSTURE_ROOT = "15"  # CAMEO: exhibit force posture
VISIT_CODES = frozenset({"042", "043"})  # CAMEO: make / host a visit
# Verbs of travel, which the dictionary codes as consultations (040): with no one named they are still a visit.
# Not "go" and "come", whose idioms ("went missing", "go ahead", "came under fire") are no journeys.
TRAVEL_VERBS = frozenset({"ARRIVE", "TRAVEL", "FLY", "HEAD", "RETURN", "LAND", "REACH", "TOUR"})
# CAMEO roots that are already statements about the future or about others' acts: never re-coded as intentions.
STATED_ROOTS = frozenset({"01", "02", "03", "09", "10", "11", "12", "13"})


@dataclass
class Coding:
    """One coded event before it becomes a record: codes may come from any dictionary (not only CAMEO)."""

    code: str
    source: str | None
    target: str | None
    sentence: int
    trigger: tuple[int, int]  # token range of the words that express the event
    evidence: tuple[int, int]  # token range of the clause (or quotation) that supports it
    method: str  # "pattern", "verb", "nominal", "speech"
    pattern: str | None = None
    aux: list[str] = field(default_factory=list)
    confidence: float = 0.5
    date: str | None = None
    place: str | None = None
    clause: list[int] = field(default_factory=list)  # token indexes, for date and place


@dataclass(frozen=True)
class _Aim:
    """An event's aim ("staged a protest to demand X", "intervened to drive back X"): the verb it is the aim of."""

    head: int  # token index of the verb whose aim it is
    verb: int  # token index of the aim's own verb
    sources: list[str]
    targets: list[str]
    code: str
    evidence: tuple[int, int]


@dataclass(frozen=True)
class Nominal:
    code: str
    target_preps: tuple[str, ...]
    modifiers: tuple[str, ...]


@cache
def load_nominals(path: str) -> dict[str, Nominal]:
    table = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        mods = tuple(m for m in (cells[3] if len(cells) > 3 else "").split(",") if m)
        table[cells[0]] = Nominal(cells[1], tuple(p for p in cells[2].split(",") if p), mods)
    return table


@cache
def load_speech_cues(path: str) -> list[tuple[str, tuple[str, ...]]]:
    cues = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, phrase = line.split("\t", 1)
        cues.append((code, tuple(phrase.split())))
    # Longer phrases first: "pay a heavy price" before "must".
    return sorted(cues, key=lambda cue: -len(cue[1]))


@dataclass
class DiscardList:
    """PETRARCH discard phrases: a sentence containing one is not coded; with "+", the whole story is not."""

    sentence: list[re.Pattern] = field(default_factory=list)
    story: list[re.Pattern] = field(default_factory=list)

    def story_discarded(self, text: str) -> bool:
        return any(p.search(text) for p in self.story)

    def sentence_discarded(self, text: str) -> bool:
        return any(p.search(text) for p in self.sentence)


@cache
def load_discards(path: str) -> DiscardList:
    discards = DiscardList()
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise TacitusError("E403", path=path, reason=error.strerror or str(error)) from error
    for line in lines:
        line = re.sub(r"<!--.*?-->", "", line.split(" #")[0]).strip()
        if not line or line.startswith("#"):
            continue
        story = line.startswith("+")
        phrase = line.lstrip("+").strip().rstrip("_").replace("_", " ")
        words = r"\s+".join(re.escape(w) for w in phrase.split())
        pattern = re.compile(rf"(?<![\w]){words}(?![\w])", re.IGNORECASE)
        (discards.story if story else discards.sentence).append(pattern)
    return discards


RETRIBUTION_THREAT = "138"  # CAMEO: threaten with military force (revenge, "will pay")
RETRIBUTION_OBJECTS = frozenset({"price", "cost", "penalty", "consequence", "revenge", "retaliation", "retribution",
                                 "justice", "punishment", "wrath", "vengeance", "response"})  # fmt: skip
RETRIBUTION_LEMMAS = frozenset({"pay", "face", "punish", "regret"})
PROSPECTIVE_AUXILIARIES = frozenset({"will", "would", "shall", "must", "'ll", "wo", "should"})


def is_retribution(verb: Token) -> bool:
    """ "will pay", "would pay a heavy price", "must be punished", "will face revenge", "will regret": what a
    threat promises its target, not an act of the subject (a payment, a punishment already done)."""
    if not _prospective(verb):
        return False
    lemma = verb.lemma_.lower()
    objects = [c.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "dative")]
    if lemma == "pay":
        return not objects or objects[0] in RETRIBUTION_OBJECTS
    if lemma == "face":
        return bool(objects) and objects[0] in RETRIBUTION_OBJECTS
    if lemma in ("punish", "regret"):
        return lemma == "regret" or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    return False


# What one "pays" in idioms that are no payment: "paid a heavy price", "pay attention", "pay lip service".
IDIOMATIC_PAYMENTS = RETRIBUTION_OBJECTS | {"attention", "heed", "service", "dividend", "toll"}


def _pays_no_one(verb: Token) -> bool:
    """ "pay" in an idiom ("paid a heavy price for", "pay attention to", "paid dearly"): the FINANCE block's code
    (CAMEO 061) is for money paid to someone."""
    if verb.lemma_.lower() != "pay":
        return False
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in IDIOMATIC_PAYMENTS:
            return True
        if child.dep_ == "advmod" and child.lower_ == "dearly":
            return True
    return False


def _prospective(verb: Token) -> bool:
    """ "will pay", "must pay", "is going to pay", "will make them pay": said of what is still to come."""
    if {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")} & PROSPECTIVE_AUXILIARIES:
        return True
    head = verb.head
    if verb.dep_ not in ("xcomp", "ccomp") or head.i == verb.i:
        return False
    return _is_going_to(head) or (head.lemma_.lower() == "make" and _prospective(head))


def _is_going_to(verb: Token) -> bool:
    """ "is going to pay": "going" is the future of its infinitive, not a movement (the GO verb)."""
    return (
        verb.lemma_.lower() == "go"
        and verb.tag_ == "VBG"
        and any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in verb.children)
    )


# Subordinators of a clause that dates another: "five years after crowds burned down its embassy".
TEMPORAL_MARKS = frozenset({"after", "before", "since", "until", "till", "when", "once", "while", "as"})


def _is_background(verb: Token) -> bool:
    """A temporal clause ("after crowds burned down its embassy", "before attacking the town")."""
    if verb.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in verb.children)
    return verb.dep_ == "pcomp" and verb.head.lower_ in TEMPORAL_MARKS


def _without_incomplete_background(doc: Doc, codings: list[Coding], coded: set[str]) -> list[Coding]:
    """A sentence's news is its complete event: an event of a temporal clause that dates it, missing a known
    source or target ("restored ties with X five years after crowds burned down its embassy"), is background to
    it, not a report of its own. Alone in its sentence, it stays."""
    if not any(c.source in coded and c.target in coded and not _is_background(doc[c.trigger[0]]) for c in codings):
        return codings
    return [c for c in codings if (c.source in coded and c.target in coded) or not _is_background(doc[c.trigger[0]])]


def _is_cameo_statement(code: str, book: Codebook) -> bool:
    return code in book and code.startswith("01")


def _is_plain_statement(code: str, book: Codebook) -> bool:
    """A CAMEO statement PLOVER has no type for (010 "make statement"), unlike 016 "deny responsibility" (REJECT)."""
    return _is_cameo_statement(code, book) and book.plover(code).type is None


class EventCoder:
    def __init__(self, verbs: str, nominals: str | None = None, speech_cues: str | None = None,
                 discards: str | None = None) -> None:  # fmt: skip
        self.dictionary: VerbDictionary = load_verb_dictionary(verbs)
        self.matcher = PatternMatcher(self.dictionary)
        self.nominals = load_nominals(nominals) if nominals else {}
        self.speech_cues = load_speech_cues(speech_cues) if speech_cues else []
        self.discards = load_discards(discards) if discards else None
        self.book = codebook()
        # The intention/refusal rules are CAMEO's: only for a dictionary coded in CAMEO (a test dictionary may use
        # WEIS codes that happen to look like CAMEO ones).
        codes = [b.code for b in self.dictionary.blocks if b.code != NULL_CODE]
        self.cameo_dictionary = bool(codes) and sum(c in self.book for c in codes) >= 0.95 * len(codes)
        # Event nouns and speech cues are coded in CAMEO (the packaged tables): with a verb dictionary in another
        # code system (a WEIS test dictionary) their codes would mix two systems in one document.
        if not self.cameo_dictionary:
            self.nominals = {k: v for k, v in self.nominals.items() if v.code not in self.book}
            self.speech_cues = [cue for cue in self.speech_cues if cue[0] not in self.book]

    # ---------------------------------------------------------------------------------------------------

    def code(self, doc: Doc) -> list[Coding]:
        text = document_text(doc)
        if self.discards and self.discards.story_discarded(text):
            return []
        forms = document_forms(doc)
        quotes = facts(doc, "quotes")
        speaker_of, directly_quoted = self._speakers_by_token(doc, quotes)
        actors = ActorFinder(index(doc, "token_actor"), speaker_of)
        actors.directly_quoted = directly_quoted
        actors.place_tokens = set(index(doc, "token_place"))
        actors.head_actors = index(doc, "head_actors")
        coded_actors = [a for a in facts(doc, "actors") if a.code]
        actors.coded = {a.id for a in coded_actors if a.code.strip("-")}
        actors.identity = {a.id: (a.name.lower(), a.code) for a in coded_actors}
        codings: list[Coding] = []
        sentences = document_sentences(doc)
        token_actor = actors.token_actor
        for number, sentence in enumerate(sentences):
            # A sentence without an actor cannot hold an event (speech events are found from the quotations).
            if not any(i in token_actor or i in speaker_of for i in range(sentence.start, sentence.end)):
                continue
            if self.discards and self.discards.sentence_discarded(sentence.text):
                continue
            matches: dict[int, Match] = {}
            refusals: dict[int, tuple[Match, Token]] = {}
            heads = None
            for i in range(sentence.start, sentence.end):
                if forms.pos[i] not in (VERB, AUX) or not self.matcher.has_verb(forms, i):
                    continue
                token = doc[i]
                if token.pos_ == "AUX" and (token.dep_ != "ROOT" or token.lemma_ == "be"):
                    continue
                if token.dep_ in ("prep", "agent", "mark"):
                    continue  # "according to state media", "following talks": a preposition, not a predicate
                if _is_going_to(token):
                    continue  # "is going to attack": the future of the attack
                if token.lemma_ == "call" and any(c.dep_ == "oprd" for c in token.children):
                    continue  # "whom Beijing calls a separatist": naming someone, no phone call
                if not _actor_within_reach(token, actors):
                    continue  # no actor in its clause, its subject or the clauses it completes: nothing to code
                heads = heads if heads is not None else clause_heads(sentence, forms)
                found = self.matcher.match(token, sentence, actors, forms, heads)
                if (
                    found is not None
                    and not found.is_event
                    and found.pattern is None
                    and self.cameo_dictionary
                    and token.lemma_.lower() in REJECTION_LEMMAS
                    and any(c.dep_ == "dobj" for c in token.children)
                ):
                    # The CAMEO dictionary's REFUSE block codes "reject" only through its patterns; rejecting
                    # something it has no pattern for ("rejected an invitation", "refused the plan") is still a
                    # rejection (120), as CAMEO's manual reads it.
                    found.code = REJECTION_CODE
                elif found is not None and not found.is_event and found.pattern is None and self.cameo_dictionary:
                    protest = _protest_carried_out(token)
                    refused = _refused_act(token)
                    if protest is not None:
                        # "continued their hunger strike", "began a strike": the dictionary's CONTINUE and BEGIN
                        # code nothing of their own; carrying on a protest is that protest.
                        found.code = protest
                    elif refused is not None:
                        refusals[i] = (found, refused)
                if (
                    found is not None
                    and found.pattern is None
                    and self.cameo_dictionary
                    and _pays_no_one(token)
                    and not is_retribution(token)
                ):
                    continue  # "paid a heavy price for its intervention", "pay attention": not a payment
                if found is not None and found.pattern is None and _dummy_it_without_object(token):
                    continue  # "as long as it takes": no one takes anything
                if found is not None and found.is_event:
                    matches[token.i] = found
            for i, (found, refused) in refusals.items():
                if refused.i not in matches:
                    # "refused to commit to any assistance": what was refused codes nothing of its own, so the
                    # refusal is coded as one (120); a coded act ("refused to allow") is turned into its refusal.
                    found.code = REJECTION_CODE
                    matches[i] = found
            for i in [i for i in matches if _alleged(doc[i], matches)]:
                del matches[i]
            verbal = self._verb_codings(doc, number, sentence, matches, actors, heads)
            nominal = self._nominal_codings(number, sentence, matches, actors, forms)
            # "carried out a drone strike on the camp": the strike, coded as a noun, is the event; the verb that
            # carries it out is no second one.
            performed = {doc[c.trigger[0]].head.i for c in nominal if doc[c.trigger[0]].dep_ == "dobj"}
            codings.extend(
                c for c in verbal if not (c.trigger[0] in performed and doc[c.trigger[0]].lemma_ in PERFORMING_LEMMAS)
            )
            codings.extend(nominal)
        codings.extend(self._speech_codings(doc, sentences, quotes, codings, actors))
        anchors: dict = {}  # compound actors share a clause: find its date and place once
        for coding in codings:
            self._anchor(doc, sentences[coding.sentence], coding, anchors)
        title_end = headline_end(text)
        headlines = {n for n, sentence in enumerate(sentences) if sentence.start_char < title_end}
        lemmas = {c.trigger[0]: doc[c.trigger[0]].lemma_.lower() for c in codings}
        return deduplicate(codings, headlines, {a.id: a.code for a in coded_actors}, lemmas)

    # Verbs ---------------------------------------------------------------------------------------------

    def _verb_codings(self, doc, number: int, sentence: Span, matches: dict[int, Match], actors, heads=None):
        codings: list[Coding] = []
        superseded: set[int] = set()
        aims: list[_Aim] = []
        inflicted_on: dict[int, str | None] = {}  # verb -> the actor of the place its act is done in
        demanded_of: dict[int, list[str]] = {}  # reporting verb -> who the demand it reports obliges
        inherited_source: dict[int, list[str]] = {}
        inherited_target: dict[int, list[str]] = {}
        # "the killers would pay", "they will face revenge": not a payment, the retribution someone threatens.
        retributions = {i for i in matches if is_retribution(doc[i])}
        superseded.update(retributions)
        for i, match in matches.items():
            verb = doc[i]
            if not self._reports(verb, match):
                continue
            # (A direct quotation's speech act comes from its words, below.)
            said = [*verb.children, *(g for c in verb.children if c.dep_ == "dobj" for g in c.children)]
            demanded = [c for c in said if _is_mandative(c) and c.i not in actors.directly_quoted]
            obliged = [a for c in demanded for h in subject_heads(c) for a in actors.of_phrases(h)]
            if obliged and self.cameo_dictionary and verb.lemma_.lower() not in PERCEPTION_LEMMAS:
                # "reiterated its demand that Israel ease restrictions", "insisted that Libya must hand over the
                # suspects": a subjunctive or an obligation is what the speaker demands (CAMEO 10) of its subject;
                # what is demanded is not done.
                match.code, match.reverse = DEMAND_CODE, None
                demanded_of[i] = obliged
                superseded.update(j for j in matches for c in demanded if _in_subtree(doc[j], c))
                continue
            # "X said (that) Y is about to restore ties": whatever is coded in what was said replaces the saying.
            complements = [c for c in verb.children if c.dep_ in COMPLEMENT_DEPS]
            if any(
                _in_subtree(doc[j], complement)
                for j in matches
                if j != i and j not in retributions
                for complement in complements
            ):
                superseded.add(i)
        for i, match in matches.items():
            verb = doc[i]
            # "have sworn to fight" is sometimes parsed as a clause of purpose: still the vow's complement.
            vowed = _is_purpose(verb) and verb.head.lemma_.lower() in VOW_LEMMAS | INTENT_LEMMAS
            if verb.dep_ not in COMPLEMENT_DEPS and not vowed:
                continue
            governor = verb.head
            while governor.head.i != governor.i and (
                _is_going_to(governor) or (governor.lemma_.lower() == "make" and governor.i not in matches)
            ):
                governor = governor.head  # "said X is going to pay", "said Iran will make X pay": what was said
            if governor.i not in matches:
                continue
            governing = matches[governor.i]
            if i in retributions:
                if verb.i in actors.speaker_of:
                    superseded.add(governor.i)  # a quotation: its speech act is coded from its words (below)
                    continue
                # "Khamenei said the killers would pay": the saying is a threat against the killers.
                if self.cameo_dictionary and (self._reports(governor, governing) or governing.code[:2] == THREAT_ROOT):
                    governing.code, governing.reverse = RETRIBUTION_THREAT, None
                    inherited_target[governor.i] = find_arguments(verb, actors).sources
                continue
            if i in superseded:
                continue  # what a speaker demands (above)
            if self._reports(governor, governing):
                # What was said is the event; the saying is not (PETRARCH codes the reported event).
                superseded.add(governor.i)
                if not subject_heads(verb) and not is_passive(verb):
                    # Only a clause without a subject of its own ("X said on Friday to be ready ...") is the
                    # reporter's act: "officials said 54 civilians were killed" names no killer.
                    inherited_source[i] = find_arguments(governor, actors).sources
            else:
                # "threatened to attack": the threat is the event, the attack is not asserted; "agreed to provide
                # aid", "threatened to bomb": the intention's code says what was intended (CAMEO 03x / 13x).
                superseded.add(i)
                inherited_target[governor.i] = find_arguments(verb, actors).targets
                intended = intent_code(match.code) if self.cameo_dictionary and match.code in self.book else None
                if intended and governing.code in self.book:
                    governing_root = governing.code[:2]
                    governing_lemma = governor.lemma_.lower()
                    if governing_lemma in READYING_LEMMAS and match.code[:2] in FORCE_ROOTS:
                        # "the army prepared to resume shelling": readying force is a show of it (CAMEO 154, as the
                        # dictionary's POISE * (FOR ATTACK)), not a threat addressed to anyone.
                        governing.code, governing.reverse = MOBILIZATION_CODE, None
                    elif (intended[:2] == "03" and (governing_root == "03" or governing_lemma in INTENT_LEMMAS)) or (
                        intended[:2] == THREAT_ROOT
                        and (
                            governing_root == THREAT_ROOT
                            or governing_lemma in VOW_LEMMAS
                            # a plan to coerce someone ("plans to impose restrictions on new members"); "decided to
                            # remove the winglets" threatens no one
                            or (governing_lemma in PLANNING_LEMMAS and inherited_target[governor.i])
                        )
                    ):
                        governing.code, governing.reverse = intended, None
        for i, match in matches.items():
            if i in superseded:
                continue
            verb = doc[i]
            if _is_cameo_statement(match.code, self.book) and verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN"):
                continue  # "Speaking at a ceremony ..., X said": the circumstance of a statement, not one more
            # A show of force (CAMEO 15x: "stepped up police patrols", "mobilized its troops") is aimed at whoever
            # a phrase names ("along the border with X"), not at the forces it deploys.
            posture = self.cameo_dictionary and match.code[:2] == POSTURE_ROOT
            args = find_arguments(verb, actors, own_object=posture)
            sources, targets = list(args.sources), list(args.targets)
            # Subjects of a clause the verb reports ("warned that its allies would ...", "said that France ...").
            reported = [
                t.head for t in args.tokens if t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ccomp" and t.head.head.i == i
            ]
            if reported and _is_cameo_statement(match.code, self.book):
                # "Macron said that France would not stay": what a statement is about is not whom it addresses.
                targets = []
            elif match.code[:2] not in ASKING_ROOTS and any(
                (clause.i in matches or any(c.dep_ == "dobj" for c in clause.children))
                and clause.i not in retributions
                and not is_passive(clause)
                for clause in reported
            ):
                # "warned that its allies would avenge the general": the allies act (on an object, or in a coded
                # event of their own) in what was said; they are not its target. "believes X can cope" stays, and
                # "demanded that the US cancel its plans" asks the US.
                targets = []
            if not sources and i in inherited_source:
                sources = inherited_source[i]
            if not targets and i not in inherited_target:
                # "vowed to wage war on the Rohans", "signed an accord to supply Gondor with wheat": the pattern
                # spans the verb's infinitive complement, whose object is the target.
                for complement in _infinitive_complements(verb):
                    if _is_purpose(complement) and self._cooperative(match.code):
                        continue  # "intervened to crush the rebels": an aim we cannot read may be against them
                    if complement.i not in matches:
                        found = [t for t in find_arguments(complement, actors).targets if t not in sources]
                        if found:
                            targets = found
                            break
            if asked := [t for t in demanded_of.get(i, []) if t not in sources]:
                targets = asked  # "reminded Iraq that it must cooperate"
            elif i in inherited_target and (not targets or match.code == RETRIBUTION_THREAT):
                # "vowed to wage war on the Rohans"; "said the killers would pay"
                inherited = [t for t in inherited_target[i] if t not in sources]
                targets = inherited if inherited or match.code == RETRIBUTION_THREAT else targets
            if "%" in match.bound:
                members = match.bound["%"]
                if sources and not set(sources) & set(members):
                    # "X agrees with Y and Z": the compound is the other side of the subject, each member a target.
                    targets = members
                else:
                    sources, targets = members, members  # "Y and Z agreed": each side of the other
            if "+" in match.bound:
                bound_targets = match.bound["+"]
                if set(bound_targets) & set(sources) and "$" not in match.bound:
                    # "NOTED + *": the verb's own subject is the target; the source is who noted it.
                    upper = [h for g in governing_chain(verb) for h in subject_heads(g)]
                    sources = [a for h in upper for a in actors.of_phrases(h)]
                targets = bound_targets
            if "$" in match.bound:
                sources = match.bound["$"]
            aux = modality(verb)
            measure = self._measure_aimed(verb) or _protest_carried_out(verb)
            if measure is not None:
                # The rule's code, not the pattern's: the record names no pattern that did not decide it.
                match.code, match.reverse, match.pattern = measure, None, None
            code = match.code if self.cameo_dictionary else NULL_CODE
            refusing = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSAL_LEMMAS
            if code in self.book and refusal_code(code) and (refusing or {"negated", "future"} <= set(aux)):
                # "refused to allow", "will not accept": a rejection (CAMEO 12x), asserted now. Refusing to leave is
                # defiance (120), not a rejected meeting (125) as the journey's code would make it.
                departing = verb.lemma_.lower() in DEPARTURE_LEMMAS
                match.code, match.reverse = (REJECTION_CODE if departing else refusal_code(code)), None
                aux = [a for a in aux if a not in ("negated", "future")]
            elif (
                ("future" in aux or ("hypothetical" in aux and _is_conditional(verb) and self._conflict(code)))
                and code in self.book
                and code[:2] not in STATED_ROOTS
                and intent_code(code)
                # In a quotation, only the speaker (or the side a spokesman speaks for: "France is ready to send
                # troops, the minister said") states an intention; "the enemy will attack" is not a threat by the
                # enemy. An offer of cooperation reported by anyone is still the offer of its subject.
                and (
                    verb.i not in actors.speaker_of
                    or intent_code(code)[:2] == "03"
                    or self._speaks_for(actors.speaker_of[verb.i], sources, doc)
                )
            ):
                # "X will provide aid": the event reported now is the stated intention (CAMEO 03x / 13x); "will
                # withdraw its force unless ...", "may halt its mediation if ..." are threats (13).
                threat = (
                    _is_conditional(verb)
                    and code[:2] in COERCIVE_WHEN_CONDITIONAL
                    and intent_code(code)[:2] != THREAT_ROOT
                )
                match.code, match.reverse = ("130" if threat else intent_code(code)), None
                aux = [a for a in aux if a not in ("future", "hypothetical")]
            if match.negation_in_pattern and "negated" in aux:
                aux.remove("negated")  # the pattern's code already says what the negation means
            tokens = clause_members(verb, sentence, heads)
            arg_tokens = [t for head in args.tokens for t in coordinated(head)]
            evidence = clause_span([*tokens, *arg_tokens, *match.tokens])
            if (
                self.cameo_dictionary
                and match.pattern is None
                and verb.lemma_.lower() == "agree"
                and match.code[:2] not in STATED_ROOTS
                and not {"negated"} & set(aux)
            ):
                # "X and Y agreed to hold talks", "agreed upon a pact": CAMEO codes an agreement to do something as
                # an intention to cooperate (03), not as the act itself; the AGREE block's default (050) is for
                # "agree" without anything agreed to.
                match.code, match.reverse = "030", None
            trigger = (verb.i, verb.i + 1)
            method = "pattern" if match.pattern is not None else "verb"
            base = 0.75 + 0.05 * min(match.pattern.specificity, 3) if match.pattern is not None else 0.6
            if verb.dep_ == "acl" and verb.tag_ == "VB":
                # "rejected an invitation to attend talks", "an ultimatum to hand over X": what is asked or
                # offered, not an act that happened.
                aux = sorted({*aux, "hypothetical"})
                base -= 0.3
            elif verb.dep_ in ("acl", "relcl") and any(j != i for j in matches):
                base -= 0.1  # background in a noun phrase ("a guard involved in a shooting") ranks below the main act
            elif "hypothetical" in aux and verb.dep_ in ("ccomp", "xcomp") and verb.head.i in matches:
                # "demanded that Israel ease restrictions": what is asked for ranks below the asking.
                base -= 0.2
            aim_of = None
            if (_is_purpose(verb) or (verb.dep_ == "advcl" and verb.tag_ == "VBG")) and verb.head.i in matches:
                aim_of = verb.head.i
                # "staged demonstrations to demand reforms", "demonstrated ..., calling for independence": the
                # demand is the aim of the protest, which is the event reported; the aim stays, as a weaker event.
                base -= 0.3
            # "X and Y fought a war", "signed a truce": an object that names the joint act leaves the compound
            # acting on itself.
            has_object = any(
                c.dep_ in ("dobj", "dative") and c.lemma_.lower() not in JOINT_ACT_NOUNS for c in verb.children
            )
            if len(sources) > 1 and not has_object and targets:
                # "Israel and Lebanon renewed negotiations on an Israeli troop pullback": what the joint act is
                # about is not its other side; the two sides are.
                topics = {
                    a for prep, obj in prepositional_objects(verb) if prep in TOPIC_PREPOSITIONS
                    for a in actors.of_phrases(obj)
                }  # fmt: skip
                targets = [t for t in targets if t not in topics]
            if match.code[:2] == "04" and targets and all(_own_country(actors, sources, t) for t in targets):
                # "has left the country for Spain": one's own country is no one visited; where one went is.
                targets = [
                    a
                    for prep, obj in prepositional_objects(verb)
                    if prep in ("for", "to")
                    for a in actors.of_phrases(obj)
                    if not _own_country(actors, sources, a)
                ][:1]
                match.reverse = None
            if not targets and sources and (match.code[:2] == POSTURE_ROOT or match.code[:2] in FORCE_ROOTS):
                # "staged drills around Taiwan": a show of force is aimed at whom it is staged around or near; so is
                # force ("fired artillery shells near a vessel from South Korea").
                targets = [
                    a
                    for _prep, obj in prepositional_objects(verb, SURROUNDING_PREPOSITIONS)
                    for a in actors.of_phrases(obj)
                    if a not in sources
                ][:1]
            if targets and match.code[:2] == DISAPPROVAL_ROOT:
                # "Lebanon complained to the United Nations over Israeli air raids": a complaint is about whom it
                # is over; whom it is made to is only its audience.
                audience = {a for _p, obj in prepositional_objects(verb, ("to",)) for a in actors.of_phrases(obj)}
                about = [
                    a for _p, obj in prepositional_objects(verb, ("over", "about", "against"))
                    for a in actors.of_phrases(obj) if a not in sources
                ]  # fmt: skip
                if about and set(targets) <= audience:
                    targets = about
            if not targets and sources and match.code[:2] == THREAT_ROOT:
                # "threatened to stop negotiations if the United States goes ahead", "... unless Baghdad accepted
                # its conditions": a threat is aimed at whom its condition is put to.
                targets = [
                    a
                    for holder in (verb, *_infinitive_complements(verb))
                    for condition in holder.children
                    if condition.dep_ == "advcl" and _is_condition(condition)
                    for head in subject_heads(condition)
                    for a in actors.of_phrases(head)
                    if a not in sources
                ][:1]
            if (
                not targets
                and sources
                and actors.place_tokens
                and (
                    match.code.startswith(INFLICTED_PREFIXES)
                    or any(t.lemma_.lower() in ASYLUM_WORDS for t in match.tokens)
                )
            ):
                # "imposed a curfew in the town of Cizre", "demonstrated in Serbia", "strengthened its forces in
                # Lebanon": what is done to a place is done to whom it stands for, as CAMEO codes it (the place stays
                # the event's place too); unless an aim names someone (below). Refuge sought in Germany is asked of
                # Germany.
                inflicted_on[i] = next(
                    (
                        a
                        for _prep, obj in prepositional_objects(verb, ("in",))
                        if names_the_place("in", obj, actors)
                        for a in actors.of_phrases(obj)
                        if a not in sources
                    ),
                    None,
                )
            if not targets and sources and match.verb.word in TRAVEL_VERBS:
                host = destination_actor(verb, actors)
                targets = [host] if host is not None and host not in sources else []
            # "Jihadist attacks ..., the army said": two who say something do not say it to each other.
            reciprocal = not has_object and not _is_plain_statement(match.code, self.book)
            pairs = self._pairs(match, sources, targets, reciprocal=reciprocal)
            if posture and not targets and len({actors.code_of(a)[:3] for a in sources} - {"", "---"}) > 1:
                # "French and Egyptian warships launched war games": the forces of two states exercising together
                # cooperate militarily (CAMEO 062, as the dictionary's TAKE * {JOINT EXERCISES}).
                pairs = [(JOINT_MILITARY_CODE, s_, t) for s_ in sources for t in sources if s_ != t]
            # "warned that London would not hesitate to act": in a threat the speaker's own state, the subject of what
            # is threatened, is who would act, not who is threatened ("will extend the curfew in Abidjan" stays).
            if any(c[:2] == THREAT_ROOT and t for c, _s, t in pairs):
                acting = {
                    a for clause in verb.children if clause.dep_ == "ccomp"
                    for head in subject_heads(clause) for a in actors.of_phrases(head)
                }  # fmt: skip
                pairs = list(
                    dict.fromkeys(
                        (c, s_, None if t in acting and c[:2] == THREAT_ROOT and own_state(actors, s_, t) else t)
                        for c, s_, t in pairs
                    )
                )
            if verb.lemma_.lower() in LEADING_LEMMAS and match.pattern is None:
                # "al-Houthi has led the movement since 2004": heading one's own side is no interaction.
                pairs = [(c, s_, t) for c, s_, t in pairs if not (t and _same_root(actors, s_, t))]
            if match.code[:2] in ("18", "19", "20") and _fired_into_the_sea(verb):
                # "fired two ballistic missiles into the sea": a launch that hits no one shows force (CAMEO 150).
                pairs = [(SHOW_OF_FORCE_CODE, s, t) for _c, s, t in pairs if t is None]
            for code, src, tgt in [(c, s, t) for c, s, t in pairs if not actors.same_entity(s, t)]:
                codings.append(
                    Coding(
                        code,
                        src,
                        tgt,
                        number,
                        trigger,
                        evidence,
                        method,
                        match.pattern.text if match.pattern else None,
                        list(aux),
                        _confidence(base, src, tgt),
                        clause=[t.i for t in tokens],
                    )
                )
            if aim_of is not None:
                aims.append(_Aim(aim_of, i, sources, targets, match.code, evidence))
        # "demonstrated in Kirkuk, calling for independence from Iraq": the protest is aimed where its aim is.
        for aim in aims:
            for coding in [c for c in codings if c.trigger[0] == aim.head and c.source]:
                if coding.target is None and aim.targets:
                    coding.target = next((t for t in aim.targets if t != coding.source), None)
                    coding.confidence = _confidence(coding.confidence + 0.15, coding.source, coding.target)
                if (
                    coding.method == "verb"
                    and coding.source in aim.sources
                    and self._cooperative(coding.code)
                    and self._conflict(aim.code)
                ):
                    # "intervened in Mali to drive back the rebels", "summoned the ambassador to complain of X": an
                    # act of cooperation whose aim is conflict is that conflict (the force, the complaint), not
                    # cooperation with its target; the aim is then no event of its own.
                    coding.code = aim.code
                    coding.evidence = (
                        min(coding.evidence[0], aim.evidence[0]),
                        max(coding.evidence[1], aim.evidence[1]),
                    )
                    codings = [c for c in codings if not (c.trigger[0] == aim.verb and c.source == coding.source)]
        for coding in codings:
            if coding.target is None and coding.source and inflicted_on.get(coding.trigger[0]):
                coding.target = inflicted_on[coding.trigger[0]]
                coding.confidence = _confidence(coding.confidence + 0.15, coding.source, coding.target)
        return _without_incomplete_background(doc, codings, actors.coded)

    @staticmethod
    def _speaks_for(speaker: str, sources: list[str], doc: Doc) -> bool:
        """The speaker is a source, or speaks for one: "France is ready to send troops, Defence Minister Joxe said"
        (the minister's actor code and France's name the same country)."""
        if speaker in sources:
            return True
        codes = {a.id: (a.code or "")[:3] for a in facts(doc, "actors")}
        country = codes.get(speaker, "")
        return bool(country) and country != "---" and any(codes.get(s) == country for s in sources)

    def _quad_class(self, code: str) -> int | None:
        """CAMEO's QuadClass of a code: 1-2 cooperation (statements, appeals, aid, yielding), 3-4 conflict
        (complaints, demands, threats, coercion, force); None outside a CAMEO dictionary."""
        cameo = self.book.cameo(code) if self.cameo_dictionary else None
        return cameo.quad_class if cameo is not None else None

    def _cooperative(self, code: str) -> bool:
        return self._quad_class(code) in (1, 2)

    def _conflict(self, code: str) -> bool:
        return self._quad_class(code) in (3, 4)

    def _is_meeting_without_partner(self, match: Match) -> bool:
        """A consultation (CAMEO 04x) takes two sides: "protesters gathered in the capital" meets no one ("the envoy
        was summoned" does: who summoned is only unnamed). A visit (042/043, or a journey the dictionary codes 040:
        "arrived in Amman") may name only where it went."""
        code = match.code
        if not (self.cameo_dictionary and code in self.book and code[:2] == "04") or code[:3] in VISIT_CODES:
            return False
        return match.verb.word not in TRAVEL_VERBS

    def _reports(self, verb: Token, match: Match) -> bool:
        """The verb reports speech or belief, whose content is the event ("said", "believes", CAMEO 01x)."""
        return verb.lemma_.lower() in SPEECH_LEMMAS or _is_cameo_statement(match.code, self.book)

    def _pairs(self, match: Match, sources: list[str], targets: list[str], reciprocal: bool = True):
        """(code, source, target) for every pair of a compound; reciprocal when a compound acts on itself
        ("Israel and Hamas agreed to a ceasefire"), not when an object's actor is merely unknown."""
        pairs = []
        if not targets and len(sources) > 1 and (reciprocal or "%" in match.bound):
            pairs = [(s, t) for s in sources for t in sources if s != t]
        elif sources and targets:
            pairs = [(s, t) for s in sources for t in targets if s != t]
        elif sources:
            pairs = [(s, None) for s in sources]
        elif targets:
            pairs = [(None, t) for t in targets]
        result = []
        for source, target in pairs[:MAX_PAIRS]:
            one_sided = (_is_plain_statement(match.code, self.book) and (source is None or target is None)) or (
                target is None and self._is_meeting_without_partner(match)
            )
            if match.code != NULL_CODE and not one_sided:
                result.append((match.code, source, target))
            if match.reverse and match.reverse != NULL_CODE and source and target:
                result.append((match.reverse, target, source))
        return result

    # Nouns ---------------------------------------------------------------------------------------------

    def _measure_aimed(self, verb: Token) -> str | None:
        """ "adopted sanctions against Russia, targeting companies in China": what a measure targets, it
        sanctions (the measure's code), rather than attacks."""
        if verb.lemma_.lower() not in AIMING_LEMMAS or verb.dep_ not in ("advcl", "acl", "conj"):
            return None
        holders = [verb.head] if verb.dep_ == "acl" else [c for c in verb.head.children if c.dep_ == "dobj"]
        for holder in holders:
            nouns = [holder, *(o for p in holder.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj")]
            for noun in nouns:
                nominal = self.nominals.get(noun.lemma_.lower())
                if nominal is not None and nominal.code[:2] not in ("18", "19", "20"):
                    return nominal.code
        return None

    def _nominal_codings(self, number: int, sentence: Span, matches: dict[int, Match], actors, forms) -> list[Coding]:
        codings = []
        doc = sentence.doc
        for i in range(sentence.start, sentence.end):
            if forms.lemma[i].lower() not in self.nominals:
                continue
            token = doc[i]
            if token.pos_ not in ("NOUN", "PROPN"):
                continue
            nominal = self.nominals.get(token.lemma_.lower())
            if nominal is None:
                continue
            children = list(token.children)
            if nominal.modifiers and not any(c.lemma_.lower() in nominal.modifiers for c in children):
                continue
            sources: list[str] = []
            targets: list[str] = []
            arg_tokens: list[Token] = []
            verb_tokens: list[Token] = []
            for child in children:
                if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < token.i:
                    found = actors.of_phrases(child)
                    if found:
                        sources.extend(a for a in found if a not in sources)
                        arg_tokens.append(child)
                elif child.dep_ in ("prep", "agent") and child.lower_ == "by":
                    for obj in child.children:
                        sources.extend(a for a in actors.of_phrases(obj) if a not in sources)
                        arg_tokens.append(obj)
                elif child.dep_ == "prep" and child.lower_ in nominal.target_preps:
                    for obj in child.children:
                        targets.extend(a for a in actors.of_phrases(obj) if a not in targets)
                        arg_tokens.append(obj)
                elif child.dep_ == "prep" and child.lower_ == "of" and "of" not in nominal.target_preps:
                    # "the withdrawal of its forces from Panama": the parser hangs the phrase on the "of" object.
                    for obj in child.children:
                        for phrase in obj.children:
                            if phrase.dep_ == "prep" and phrase.lower_ in nominal.target_preps:
                                for inner in phrase.children:
                                    targets.extend(a for a in actors.of_phrases(inner) if a not in targets)
                                    arg_tokens.append(inner)
            if not sources:
                # "The EU adopted a package of sanctions against Russia": who adopts, imposes or launches it.
                performer = _performing_verb(token)
                if performer is not None:
                    for subject in subject_heads(performer):
                        sources.extend(a for a in actors.of_phrases(subject) if a not in sources)
                        arg_tokens.append(subject)
                    verb_tokens.append(performer)
            targets = [t for t in targets if t not in sources]
            violent = nominal.code[:2] in ("18", "19", "20")
            if not targets or (not sources and not violent):
                continue  # "an attack by X in Y": no one attacked; "the visit": no one visits
            # The noun is the subject of a coded verb ("a drone strike killed X"): that verb is the event.
            if token.dep_ in ("nsubj", "nsubjpass") and token.head.i in matches:
                continue
            span_tokens = [token, *verb_tokens, *arg_tokens, *(t for a in arg_tokens for t in a.subtree)]
            evidence = clause_span([t for t in span_tokens if sentence.start <= t.i < sentence.end])
            aux = nominal_modality(token)
            code = nominal.code
            if "future" in aux and intent_code(code) and self.cameo_dictionary:
                # "NATO confirmed it would tighten the blockade": the intention stated now (13x, 03x), as for verbs.
                code, aux = intent_code(code), [a for a in aux if a != "future"]
            for src in sources or [None]:
                for tgt in targets:
                    codings.append(
                        Coding(code, src, tgt, number, (token.i, token.i + 1), evidence, "nominal",
                               None, list(aux), _confidence(0.55, src, tgt), clause=list(range(*evidence)))
                    )  # fmt: skip
        return codings

    # Quotations ----------------------------------------------------------------------------------------

    @staticmethod
    def _quote_tokens(doc: Doc, quote) -> Span | None:
        return doc.char_span(quote.start, quote.end, alignment_mode="expand")

    def _speakers_by_token(self, doc: Doc, quotes) -> tuple[dict[int, str], set[int]]:
        """Token -> the speaker of the quotation it is in; and the tokens of direct quotations."""
        speaker_of: dict[int, str] = {}
        directly_quoted: set[int] = set()
        for quote in quotes:
            if quote.speaker is None:
                continue
            span = self._quote_tokens(doc, quote)
            if span is not None:
                speaker_of.update((t.i, quote.speaker) for t in span)
                if quote.kind == "direct":
                    directly_quoted.update(range(span.start, span.end))
        return speaker_of, directly_quoted

    def _speech_codings(self, doc: Doc, sentences: list[Span], quotes, codings: list[Coding], actors) -> list[Coding]:
        """A threat, accusation, appeal or praise in a quotation: an event of its speaker."""
        if not self.speech_cues or not any(q.speaker for q in quotes):
            return []
        result = []
        starts = [sentence.start for sentence in sentences]

        def sentence_number(i: int) -> int:
            return max(0, bisect_right(starts, i) - 1)

        for quote in quotes:
            if quote.speaker is None:
                continue
            span = self._quote_tokens(doc, quote)
            if span is None or len(span) == 0:
                continue
            # Already coded through its cue verb ("warned that ...") or a verb inside it: nothing to add.
            if any(c.source == quote.speaker and span.start <= c.trigger[0] < span.end for c in codings):
                continue
            if any(c.source == quote.speaker and c.sentence == sentence_number(span.start) for c in codings):
                continue
            if quote.kind != "direct" and any(
                c.trigger[0] == span.root.i and c.source and not NOT_ASSERTED & set(c.aux) for c in codings
            ):
                # "Landowners began a hunger strike to demand ..., the agency said": what others did, retold; its
                # words ("demand", "terrorist") are the story's, not a speech act of the teller.
                continue
            # "the terms were far from Israel's demands": a noun another actor owns is no act of the speaker's.
            lemmas = [
                "" if t.pos_ == "NOUN" and any(c.dep_ == "poss" for c in t.children) else t.lemma_.lower() for t in span
            ]
            code, cue, at = self._speech_act(lemmas)
            if cue in PERFORMATIVE_CUES and not _performed_by_speaker(span[at], actors, quote.speaker):
                code = None  # "airlines demand improvements", "could destroy the economy": someone else's, or no act
            obliged: list[str] = []
            if cue in MODAL_CUES:
                # "the government must make quicker decisions" asks the government; "we should have an American
                # tanker", "Houston should have been selected", "there shouldn't be anyone" ask no one.
                obliged = _obliged(span, cue, actors, quote.speaker)
                if not obliged:
                    code = None
            retribution = next(
                (t for t, lemma in zip(span, lemmas, strict=True) if lemma in RETRIBUTION_LEMMAS and is_retribution(t)),
                None,
            )
            if code is None and retribution is not None:
                code = RETRIBUTION_THREAT  # "the killers would pay"
            if code is None:
                continue
            number = sentence_number(span.start)
            # "we will make the United States pay": the threat is against who is to pay.
            targets = (
                [a for h in subject_heads(retribution) for a in actors.of_phrases(h) if a != quote.speaker]
                if retribution is not None
                else list(obliged)
            )
            for token in sorted(span, key=_agent_last):
                actor = actors.token_actor.get(token.i)
                if actor and actor != quote.speaker and actor not in targets and not _in_comparison(token):
                    targets.append(actor)
            if not targets:
                for token in sentences[number]:
                    actor = actors.token_actor.get(token.i)
                    if actor and actor != quote.speaker and not (span.start <= token.i < span.end):
                        targets.append(actor)
                        break
            if not targets and self.book.plover(code).type in ADDRESSED_TYPES:
                continue  # an appeal or praise in a quotation that names no one is addressed to no one
            aux = _quote_modality(span)
            trigger = (span.start, span.end)
            # What the speaker says others will or could do is the content of the speech act, not their act.
            codings[:] = [
                c
                for c in codings
                if not (
                    span.start <= c.trigger[0] < span.end
                    and c.source != quote.speaker
                    and {"future", "hypothetical"} & set(c.aux)
                )
            ]
            # One speech act, one target: the first actor it names (a long quotation names many in passing); all
            # of those a "must" obliges ("US and British forces must ensure security").
            for target in (obliged or targets[:1]) or [None]:
                result.append(
                    Coding(code, quote.speaker, target, number, trigger, (span.start, span.end), "speech", None,
                           aux, _confidence(0.5, quote.speaker, target), clause=[t.i for t in span])
                )  # fmt: skip
        return result

    def _speech_act(self, lemmas: list[str]) -> tuple[str | None, str | None, int]:
        """The code of the first speech cue the quotation holds, the cue, and the index of its first word."""
        text = " " + " ".join(lemmas) + " "
        for code, phrase in self.speech_cues:
            cue = " ".join(phrase)
            found = text.find(" " + cue + " ")
            if found >= 0:
                return code, cue, text.count(" ", 0, found)  # one space before each earlier word
        return None, None, 0

    # Date and place ------------------------------------------------------------------------------------

    @staticmethod
    def _anchor(doc: Doc, sentence: Span, coding: Coding, cache: dict) -> None:
        published = doc._.article.published if doc._.article is not None else None
        at_target, verbal = _happens_at_target(coding.code), coding.code[:2] in VERBAL_ROOTS
        key = (coding.method == "nominal", coding.sentence, tuple(coding.clause), coding.evidence, at_target, verbal)
        if key not in cache:
            clause = [doc[i] for i in coding.clause] or list(sentence)
            # A noun has no tense: "the anniversary of the killing of X" is not a killing today. Only a time
            # expression inside the noun phrase dates it, and not one the noun is part of ("the second
            # anniversary of the killing" dates the anniversary).
            scope = doc[coding.evidence[0] : coding.evidence[1]] if coding.method == "nominal" else sentence
            own = event_date(doc, clause, scope, use_article=False)
            historical = bool(own.date and is_historical(own.date, published))
            if historical:
                # "Tiani, who seized power last July, said ... in the Sahel": the rest of the sentence is about
                # today; a past event is placed by its own clause only.
                scope = doc[min(t.i for t in clause) : max(t.i for t in clause) + 1] if clause else scope
            if coding.method == "nominal" and own.time_id is not None:
                time = next((t for t in facts(doc, "times") if t.id == own.time_id), None)
                trigger_start = doc[coding.trigger[0]].idx
                if time is not None and time.start <= trigger_start < time.end:
                    own = replace(own, date=None, time_id=None, how="none")
            if "places" not in cache:  # once per document
                cache["places"] = _PlaceIndex(doc)
            cache[key] = (own, historical, cache["places"].place(clause, scope, at_target, verbal))
        own, historical, place = cache[key]
        if historical:
            coding.aux = sorted({*coding.aux, "historical"})
        # The dateline says where the story was filed: where today's events were, not a war of 2006.
        coding.place = place or (None if "historical" in coding.aux else cache["places"].dateline)
        if coding.method == "nominal":
            coding.date = own.date
            return
        asserted_now = not ({"future", "hypothetical", "negated", "historical"} & set(coding.aux))
        coding.date = own.date or (published if asserted_now else None)
        if asserted_now and own.how == "sentence" and coding.date and published and published.startswith(coding.date):
            # A year or month found elsewhere in the sentence ("at the anniversary ..., X said") only says the
            # statement is recent: the publication day is the more precise date.
            coding.date = published


# Verbs that carry out what their object names: "launched an attack", "did not carry out strikes".
PERFORMING_LEMMAS = frozenset({"launch", "carry", "conduct", "stage", "mount", "commit", "perpetrate", "make", "order",
                               "begin", "start", "unleash", "execute", "continue", "resume", "step", "speed",
                               "accelerate", "complete", "finish"})  # fmt: skip
EXPECTING_LEMMAS = frozenset({"expect", "anticipate", "predict", "foresee", "fear", "rule", "risk", "threaten",
                              "warn", "plan", "prepare", "seek", "want", "hope", "call", "urge", "demand", "vow",
                              "promise", "pledge", "consider", "propose", "avoid", "prevent", "deter",
                              "avert"})  # fmt: skip


SHOW_OF_FORCE_CODE = "150"
OPEN_WATER_NOUNS = frozenset({"sea", "ocean", "water", "waters"})


def _fired_into_the_sea(verb: Token) -> bool:
    return any(
        child.dep_ == "prep"
        and child.lower_ in ("into", "toward", "towards", "in")
        and any(o.dep_ == "pobj" and o.lemma_.lower() in OPEN_WATER_NOUNS for o in child.children)
        for child in verb.children
    )


ALLEGATION_PREPOSITIONS = frozenset({"of", "for"})


def _alleged(verb: Token, matches: dict) -> bool:
    """ "accusing its former colonial ruler of interfering", "blamed X for attacking Y": what the accusation says
    was done is the accusation's content, not an act the story asserts."""
    if verb.dep_ not in ("pcomp", "pobj") or verb.head.lower_ not in ALLEGATION_PREPOSITIONS:
        return False
    governor = verb.head.head
    if governor.dep_ in ("dobj", "nsubjpass") and governor.i not in matches:
        governor = governor.head  # the accused, object of the accusing verb
    accusation = matches.get(governor.i)
    return accusation is not None and accusation.code[:2] == "11"


def _performed_by_speaker(token: Token, actors: ActorFinder, speaker: str) -> bool:
    """Whether a cue verb is the speaker's own act: "we demand", "I thank", "urge them to" (no subject), "Iran will
    retaliate" said by an Iranian official; not "airlines demand", "a collapse could destroy the economy", nor a
    noun ("additional demand", "in thanks for")."""
    if token.pos_ != "VERB":
        return False
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    root = actors.code_of(speaker)[:3]
    for subject in subjects:
        if _first_person(subject):
            continue
        own = actors.of_phrases(subject)
        if not own or not all(a == speaker or (root and actors.code_of(a)[:3] == root) for a in own):
            return False
    return True


def _first_person(token: Token) -> bool:
    return token.pos_ == "PRON" and token.lower_ in FIRST_PERSON  # "we", "us"; not "the US"


def _obliged(span: Span, modal: str, actors, speaker: str) -> list[str]:
    """Who a quotation's "must" or "should" obliges: the subject of the verb it governs, when that is an actor
    other than the speaker and the verb is not in the perfect ("should have been", a regret, no request)."""
    found: list[str] = []
    for token in span:
        if token.lemma_.lower() != modal or token.dep_ != "aux":
            continue
        verb = token.head
        if any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
            continue
        if verb.lemma_ == "be" and not any(c.dep_ == "auxpass" for c in verb.children):
            readiness = next((c for c in verb.children if c.dep_ == "acomp" and c.lower_ in WILLING), None)
            if readiness is None or not any(c.dep_ == "xcomp" for c in readiness.children):
                continue  # "a company like Caterpillar should be a poster child": a judgement, no request
            # "the US must be ready to mediate": a request to act.
        for head in subject_heads(verb):
            if _first_person(head):
                continue
            found.extend(a for a in actors.of_phrases(head) if a != speaker and a not in found)
    return found


def _refused_act(token: Token) -> Token | None:
    """The act a refusal verb governs ("refused to commit" -> "commit"), if it is one."""
    if token.lemma_.lower() not in REJECTION_LEMMAS:
        return None
    act = next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    return None if act is None or act.lemma_.lower() in UNNEWSWORTHY_REFUSALS else act


def _dummy_it_without_object(verb: Token) -> bool:
    """A verb whose subject is "it" and which acts on nothing ("as long as it takes", "it remains")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return (
        len(subjects) == 1
        and subjects[0].lower_ == "it"
        and not any(c.dep_ in ("dobj", "dative", "prep", "prt", "ccomp", "xcomp") for c in verb.children)
    )


# Protest nouns and their CAMEO codes: what "staged a hunger strike", "organised a general strike" or "held a
# rally" carries out (the verb's own code, "organise" as support, would say otherwise).
PROTEST_NOUNS = {"protest": "141", "demonstration": "141", "rally": "141", "march": "141", "sit-in": "141",
                 "vigil": "141", "strike": "143", "walkout": "143", "stoppage": "143", "boycott": "143",
                 "blockade": "144"}  # fmt: skip
PROTEST_VERBS = frozenset({"stage", "hold", "organize", "organise", "launch", "begin", "start", "continue", "mount",
                           "call", "join", "lead", "go", "declare", "announce"})  # fmt: skip
MILITARY_STRIKE_WORDS = frozenset({"air", "drone", "missile", "aerial", "military", "rocket", "retaliatory",
                                   "precision", "nuclear", "pre-emptive", "preemptive", "surgical"})  # fmt: skip


def _protest_carried_out(verb: Token) -> str | None:
    """ "staged a 24-hour hunger strike" (142), "organized a general strike" (143), "held a rally" (141)."""
    forms = {verb.lemma_.lower(), verb.lower_.removesuffix("d"), verb.lower_.removesuffix("ed")}  # "staged": "stag"
    if not forms & PROTEST_VERBS or any(c.dep_ == "prt" for c in verb.children):
        return None  # "called off a strike" ends it
    nouns = [c for c in verb.children if c.dep_ == "dobj"]
    nouns += [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "on" for o in p.children if o.dep_ == "pobj"]
    for noun in nouns:
        code = PROTEST_NOUNS.get(noun.lemma_.lower())
        modifiers = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound")}
        if code is None or (noun.lemma_.lower() == "strike" and modifiers & MILITARY_STRIKE_WORDS):
            continue
        return "142" if code == "143" and "hunger" in modifiers else code
    return None


AIMING_LEMMAS = frozenset({"target", "hit", "aim"})
# Verbs whose subject carries out the event their object names, beyond PERFORMING_LEMMAS: "adopted sanctions".
ENACTING_LEMMAS = frozenset({"adopt", "impose", "approve", "announce", "unveil", "introduce", "slap", "extend",
                             "expand", "tighten", "issue", "deliver", "declare"})  # fmt: skip
# Nouns for a batch of what follows their "of": "a package of sanctions", "a wave of arrests".
BATCH_NOUNS = frozenset({"package", "round", "set", "series", "wave", "raft", "batch", "slew", "spate", "string"})


def _performing_verb(noun: Token) -> Token | None:
    """The active verb whose object is ``noun`` (or a batch of it) and whose subject carries it out."""
    current = noun
    if current.dep_ == "pobj" and current.head.lower_ == "of" and current.head.head.lemma_.lower() in BATCH_NOUNS:
        current = current.head.head
    verb = current.head
    if current.dep_ != "dobj" or verb.pos_ not in ("VERB", "AUX") or is_passive(verb):
        return None
    lemma = verb.lemma_.lower()
    return verb if lemma in PERFORMING_LEMMAS or lemma in ENACTING_LEMMAS else None


def nominal_modality(noun: Token) -> list[str]:
    """The modality an event noun takes from the verb it is an argument of: "did not expect attacks" and
    "threatened strikes" are not attacks that happened; "did not launch an attack" is a denied one."""
    current = noun
    while current.dep_ in ("pobj", "prep", "conj", "appos", "compound") and current.head.i != current.i:
        current = current.head
    governor = current.head
    if current.dep_ not in ("dobj", "nsubjpass", "attr", "pobj", "prep") or governor.pos_ not in ("VERB", "AUX"):
        return []
    lemma = governor.lemma_.lower()
    if lemma in NEGATING_GOVERNORS:
        return ["negated"]
    if lemma in EXPECTING_LEMMAS:
        return ["hypothetical"]
    if lemma in PERFORMING_LEMMAS or lemma in ENACTING_LEMMAS:
        return modality(governor)  # "would tighten the blockade", "will launch an offensive"
    return []


LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "throughout"})
# Where a material act lands is where it happened ("shelled Kharkiv", "strikes on Gaza", "visited Beirut"); not so
# for the other prepositions ("recalled its envoy from Paris", "sanctions against Iran", "talks with Israel").
DESTINATION_PREPOSITIONS = frozenset({"on", "onto", "into", "to", "toward", "towards"})


CONTENT_DEPS = frozenset({"xcomp", "ccomp", "acl", "relcl"})
# CAMEO roots of verbal acts (statements, appeals, demands, disapproval, rejection, threats): what they are about
# happens elsewhere.
VERBAL_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})


def _inside_content(noun: Token, clause_head: Token | None) -> bool:
    """Whether a noun lies inside a clause that says what the act is about ("urged X to accept a proposal for a
    ceasefire", "criticised the decision to hold elections"), below the event's own clause head, rather than in
    the act's own phrases ("signed the agreement in Paris", "at a ceremony")."""
    if clause_head is None:
        return False
    current = noun
    for _ in range(12):
        if current.head.i == current.i or current.i == clause_head.i:
            return False
        if current.dep_ in CONTENT_DEPS:
            return True
        current = current.head
    return False


LEADING_LEMMAS = frozenset({"lead", "head", "govern", "manage", "oversee", "run", "rule", "chair", "command"})


def _same_root(actors: ActorFinder, source: str | None, target: str) -> bool:
    first = actors.code_of(source)[:3]
    return bool(first) and first == actors.code_of(target)[:3]


def _own_country(actors: ActorFinder, sources: list[str], target: str) -> bool:
    """Whether ``target`` is a bare country code that every source belongs to (the source's own country)."""
    code = actors.code_of(target)
    return len(code) == 3 and bool(sources) and all(actors.code_of(s)[:3] == code for s in sources)


def _inside_an_object(noun: Token) -> bool:
    """Whether a noun lies inside the object of the verb above it ("reiterated opposition to an operation")."""
    current = noun
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return False
        if current.dep_ in OBJECT_DEPS:
            return True
        current = current.head
    return False


def _happens_at_target(code: str) -> bool:
    """A CAMEO code whose target, when it is a place, is where the event was: force (18-20), coercion (17:
    "arrested students in Moscow"), protest (14), journeys and visits (04: "travelled to Florida"), material
    cooperation and aid (06, 07: "sent peacekeepers to Bosnia"). For the rest (statements, appeals, demands,
    threats ...) a place inside what they are about is not where they were made ("urged X to accept a ceasefire in
    Gaza")."""
    return code[:2] in ("18", "19", "20", "17", "14", "04", "06", "07")


class _PlaceIndex:
    """Where an event happened, from the places stage's token index (read once per document)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.all_places = index(doc, "token_place")
        self.token_actor = index(doc, "token_actor")
        self.literal = literal_place_tokens(doc)
        self.dateline = dateline_place(doc)

    def place(self, tokens: list[Token], scope: Span, at_target: bool = False, verbal: bool = False) -> str | None:
        """The clause's locative phrases ("in Baghdad", "near Baghdad airport") first, then, for force and visits,
        the place acted on ("shelled Kharkiv"), then its other words, then the rest of the scope nearest first,
        else None. Never a modifier that says whose or what kind of thing something is: "a US drone
        strike", "Iran's leader", "US forces" do not place the event; nor a toponym that stands for its government
        or people ("Paris regretted", "urged Israel to stop", "recalled its envoy from Paris"); nor a relative
        clause, which has its own event ("threatened X over the strike that killed Y in Baghdad")."""
        in_clause = {t.i for t in tokens}
        facility = self._facility(t for t in tokens if t.i in self.all_places)
        if facility:
            return facility
        candidates = [t for t in tokens if t.i in self.literal]
        # For what is said, asked or threatened, a place inside its content is what it is about ("urged X to
        # accept a ceasefire in Gaza"); the clause head marks where that content begins.
        clause_head = (
            next((t for t in tokens if t.head.i not in in_clause or t.head.i == t.i), None) if verbal else None
        )
        roles = {t.i: self._role(t, at_target, clause_head) for t in candidates}
        for wanted in ("locative", "target" if at_target else "locative", "other"):
            for token in candidates:
                if roles[token.i] == wanted:
                    return self.literal[token.i]
        centre = tokens[0].i if tokens else scope.start
        rest = [self.doc[i] for i in range(scope.start, scope.end) if i in self.literal and i not in in_clause]
        if rest:
            relative = {
                t.i
                for r in scope
                if r.dep_ == "relcl" and r.i not in in_clause
                for t in r.subtree
                if t.i not in in_clause
            }
            for token in sorted(rest, key=lambda t: abs(t.i - centre)):
                # Outside its own clause a place acted on belongs to another event ("spoke with X and reiterated
                # opposition to an operation in Rafah").
                if token.i not in relative and self._role(token, False, clause_head, True) in ("locative", "other"):
                    return self.literal[token.i]
        return None

    def _role(
        self, token: Token, at_target: bool = False, clause_head: Token | None = None, outside: bool = False
    ) -> str:
        """How a toponym token stands to the event: locative, target, actor, modifier or other. ``outside``: the
        token lies outside the event's clause, where a place that only describes some object ("reiterated
        opposition to an operation in Rafah") is another event's business."""
        current = token
        # Up through the parts of a name ("New York") and the conjuncts before it ("Seoul and Washington").
        while (
            (current.dep_ in ("compound", "flat") and current.head.pos_ == "PROPN") or current.dep_ == "conj"
        ) and current.head.i != current.i:
            current = current.head
        if current.dep_ in ("compound", "amod", "poss", "nmod") and current.head.i != current.i:
            head = current.head
            if (
                head.dep_ == "pobj"
                and head.head.lower_ in LOCATIVE_PREPOSITIONS
                and head.lemma_.lower() not in INSTRUMENT_NOUNS
                and head.i not in self.token_actor
            ):
                return "locative"  # "near Baghdad airport"
            return "modifier"
        while current.dep_ == "pobj" and current.head.lower_ == "of" and current.head.head.pos_ == "NOUN":
            current = current.head.head  # "in the town of Yeoncheon": the town's role is the name's
        if current.dep_ == "pobj" and current.head.lower_ in LOCATIVE_PREPOSITIONS:
            # "Hezbollah in Lebanon", "sanctions targeting companies in China": where an actor is based, not where
            # the event is; but force lands where its victims are ("killed 1,200 people in Lebanon").
            based = current.head.head
            lands = at_target and based.pos_ != "PROPN"
            if based.i in self.token_actor and not lands:
                return "modifier"
            if not at_target and (_inside_content(based, clause_head) or (outside and _inside_an_object(based))):
                return "modifier"  # "urged X to accept a ceasefire in Gaza": where the ceasefire would be
            return "locative"  # "threatened X at a ceremony in Tehran": an adjunct of the act
        if current.i + 2 < len(self.doc) and self.doc[current.i + 1].text == "-":
            return "modifier"  # "the Iran-backed group"
        if current.dep_ in SUBJECT_DEPS:
            return "actor"
        if current.dep_ in OBJECT_DEPS or (current.dep_ == "pobj" and current.head.lower_ in DESTINATION_PREPOSITIONS):
            return "target"
        if current.dep_ == "pobj" and current.head.dep_ in ("prep", "agent"):
            return "actor"  # "from Paris", "against France", "by Israel"
        return "other"

    def _facility(self, tokens) -> str | None:
        """ "near Baghdad airport", "at the Rafah crossing": the places stage reads the toponym as part of a name (it
        says what the airport is), but in a locative phrase the facility is where the event was, and so is its
        city."""
        for token in tokens:
            head = token.head
            if (
                token.dep_ in ("compound", "nmod")
                and head.lemma_.lower() in FACILITY_NOUNS
                and head.dep_ == "pobj"
                and head.head.lower_ in LOCATIVE_PREPOSITIONS
            ):
                return self.all_places[token.i]
        return None


FACILITY_NOUNS = frozenset({"airport", "base", "port", "harbour", "harbor", "border", "crossing", "camp", "checkpoint",
                            "hospital", "prison", "outskirts", "highway", "road", "bridge", "station",
                            "square", "arena", "stadium"})  # fmt: skip


PATIENT_DEPS = frozenset({"dobj", "nsubjpass", "pobj", "dative", "attr", "oprd"})


def _agent_last(token: Token) -> tuple[int, int]:
    """Order for the target of a speech act: who undergoes something in the quotation ("X must be punished", "we
    will destroy X") before who acts in it ("Kim issued an order ..."), then in reading order."""
    head = token
    while head.dep_ in ("compound", "amod", "poss", "flat", "appos", "nmod", "case") and head.head.i != head.i:
        head = head.head
    return (0 if head.dep_ in PATIENT_DEPS else 1, token.i)


COMPARISON_PREPOSITIONS = frozenset({"like", "unlike", "as"})


def _in_comparison(token: Token) -> bool:
    """A noun a comparison or a label likens someone to ("they treat us like criminals", "branded them as
    terrorists"): what the accused are called, not who is accused."""
    head = token
    while head.dep_ in ("compound", "amod", "poss", "flat", "nmod", "conj", "appos") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in COMPARISON_PREPOSITIONS


def _quote_modality(span: Span) -> list[str]:
    """Negated when the quotation's main verb is ("we will not forgive"), not for a "not" anywhere in it ("if the
    enemy does not stop, we will destroy ...")."""
    roots = [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]
    return ["negated"] if any(is_negated(t) for t in roots if t.pos_ in ("VERB", "AUX")) else []


def _actor_within_reach(verb: Token, actors: ActorFinder) -> bool:
    """Whether any actor is in the words a verb's event can take its source and target from: its subtree, the
    clauses it completes ("X said it would *", "X vowed to *") and its subject ("the strike that killed ...")."""
    top = verb
    for governor in governing_chain(verb):
        top = governor
    if actors.any_actor(top.left_edge.i, verb.right_edge.i + 1):
        return True
    return any(actors.any_actor(h.left_edge.i, h.right_edge.i + 1) for h in subject_heads(verb))


def _infinitive_complements(verb: Token) -> list[Token]:
    """ "vowed to wage ...", "signed an accord to supply ...": infinitives completing the verb or its object, or
    saying what it is for."""
    found = [c for c in verb.children if c.dep_ == "xcomp" or _is_purpose(c)]
    for obj in verb.children:
        if obj.dep_ == "dobj":
            found.extend(c for c in obj.children if c.dep_ == "acl" and c.tag_ == "VB")
    return found


def _is_mandative(verb: Token) -> bool:
    """A clause of what someone demands of its subject: in the subjunctive, "that Israel ease restrictions" (a base
    form with a subject and no auxiliary; "that Israel eases" or "would ease" state or predict), or with an
    obligation, "that Libya must hand over the suspects" (not "we must", "it should have")."""
    if verb.tag_ != "VB" or not (
        verb.dep_ == "ccomp"
        or (verb.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children))
    ):
        return False  # a reported clause, or one of what was said ("issued a reminder that Iraq must cooperate")
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not subjects or any(_first_person(s) for s in subjects):
        return False
    if not auxiliaries:
        return all(s.pos_ != "PRON" for s in subjects)
    return len(auxiliaries) == 1 and auxiliaries[0].lower_ in OBLIGATION_MODALS


def _is_conditional(verb: Token) -> bool:
    """The verb's act is promised under a condition: "will withdraw its force unless ...", "may halt ... if"."""
    return any(c.dep_ == "advcl" and _is_condition(c) for c in verb.children)


def _is_condition(clause: Token) -> bool:
    return any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in clause.children)


def _is_purpose(verb: Token) -> bool:
    """An infinitive clause of purpose: "staged demonstrations to demand reforms", "met in order to discuss"."""
    return (
        verb.dep_ == "advcl" and verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _confidence(base: float, source: str | None, target: str | None) -> float:
    value = base + (0.1 if source and target else -0.15)
    return round(min(0.99, max(0.05, value)), 2)


def _in_subtree(token: Token, top: Token) -> bool:
    """``token`` is ``top`` or below it (without walking the subtree, which builds a Token per word)."""
    if not top.left_edge.i <= token.i <= top.right_edge.i:
        return False
    return token.i == top.i or top.is_ancestor(token)


def _dates_agree(first: str | None, second: str | None) -> bool:
    """Unknown, equal, or one a coarser form of the other ("2020" and "2020-01-03")."""
    if first is None or second is None:
        return True
    return first.startswith(second) or second.startswith(first)


def deduplicate(
    codings: list[Coding],
    headlines: set[int] = frozenset(),
    actor_codes: dict[str, str] | None = None,
    trigger_lemmas: dict[int, str] | None = None,
) -> list[Coding]:
    """One event per reported interaction: the same actors, the same kind of event, compatible dates.

    The report that stands for an interaction has both actors if any has, then the most confidence; a
    headline's telegraphic wording ("Khamenei vows revenge on Trump") gives way to the story's own sentence.
    A headline names its actors in its own short words ("Mali junta" for the story's "Mali's military
    government", "minister" for "Defence Minister Diego Molano") or leaves one out: there, actors with the same
    code, or one code refining the other (MLIGOV, MLIGOVMIL), are the same side, and a side it leaves out is any;
    and the headline's verb, coded alone ("North Korea fires missiles"), is the story's event with the same verb,
    whatever the story's detail made of it ("fired missiles into the sea": a show of force).
    """
    codes = actor_codes or {}
    lemmas = trigger_lemmas or {}

    def same_kind(kept: Coding, coding: Coding, headline: bool) -> bool:
        if kept.code[:2] == coding.code[:2]:
            return True
        lemma = lemmas.get(coding.trigger[0])
        return headline and lemma is not None and lemma == lemmas.get(kept.trigger[0])

    def same_side(kept_actor: str | None, actor: str | None, headline: bool) -> bool:
        if kept_actor == actor:
            return True
        if headline and actor is None:
            return True  # "Israel demands hostage release": the headline leaves out whom the story names
        if not headline or kept_actor is None or actor is None:
            return False
        first, second = codes.get(kept_actor, ""), codes.get(actor, "")
        return bool(first and second) and (first.startswith(second) or second.startswith(first))

    kept: list[Coding] = []
    # Events with both actors first, so that a mention without the agent ("the killing of X") joins the full one.
    ranked = sorted(
        codings,
        key=lambda c: (c.source is None or c.target is None, c.sentence in headlines, -c.confidence, c.sentence),
    )
    for coding in ranked:
        headline = coding.sentence in headlines
        duplicate = next(
            (
                k
                for k in kept
                if (same_side(k.source, coding.source, headline) or (coding.source is None and k.target is not None))
                and same_side(k.target, coding.target, headline)
                and same_kind(k, coding, headline)
                and ("negated" in k.aux) == ("negated" in coding.aux)
                and (_dates_agree(k.date, coding.date) or k.sentence == coding.sentence)
            ),
            None,
        )
        if duplicate is None:
            kept.append(coding)
        elif coding.date is not None and (duplicate.date is None or len(coding.date) > len(duplicate.date)):
            duplicate.date = coding.date  # the more precise date: "two years ago" (2020) and "January 3, 2020"
    return sorted(kept, key=lambda c: (c.sentence, c.trigger[0]))


DEFAULT_NOMINALS = str(DATA / "nominal_events.tsv")
DEFAULT_SPEECH_CUES = str(DATA / "speech_cues.tsv")
