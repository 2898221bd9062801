"""Who speaks: from a cue word to the noun phrase of its speaker, and from that phrase to an actor id.

The speaker of ``X said`` is the subject of the cue verb; of ``said X`` (inverted order) the same subject
after the verb; of ``X, who said`` the noun the relative clause hangs on; of ``X issued a statement saying``
the subject up the chain of clauses; of a passive ``it was said by X`` the agent; of ``according to X`` the
object of ``to``. The actor is the one whose mention covers the speaker phrase, looked up head first in
``doc._.token_actor`` (which the actors stage fills for names, descriptors and resolved pronouns).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tacitus.record import Actor

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Clauses that share their subject with the clause they hang on: "X warned ... and added", "X ..., adding"; a
# verb the parser took for an object predicate ("X and Y called say the plan is ...") too.
SUBJECT_SHARING = ("conj", "xcomp", "advcl", "acl", "pcomp", "dep", "dobj", "pobj", "prep", "oprd")
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "we", "i", "his", "its", "their"}
PERSONAL = {"he", "she", "him", "her", "his"}
# Titles that make a name a person's whatever type the actors stage gave it ("Mr MacFarlane").
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor"}
# Nouns of time the parser sometimes takes for a subject ("He ... several times described"): never a speaker
# (as common nouns: "The Straits Times noted" has a speaker).
TIME_NOUNS = {"time", "times", "day", "week", "month", "year", "hour", "minute", "moment", "occasion"}
# Nouns for what carries words rather than who speaks them: the speaker is whoever issued it.
SPEECH_CARRIERS = {
    "statement", "release", "letter", "report", "email", "e-mail", "message", "note", "communique", "tweet",
    "post", "interview", "speech", "remark", "comment", "announcement", "address", "memo", "document", "video",
}  # fmt: skip


@dataclass
class Speaker:
    head: Token
    start: int  # token indexes of the speaker phrase, end exclusive
    end: int

    def text(self, doc: Doc) -> str:
        return doc[self.start : self.end].text

    def chars(self, doc: Doc) -> tuple[int, int]:
        return doc[self.start].idx, doc[self.end - 1].idx + len(doc[self.end - 1])


def speaker_of_cue(cue: Token) -> Speaker | None:
    """The speaker phrase of a cue verb (or of the ``according`` of ``according to``)."""
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        if to is None:
            return None
        target = next((c for c in to.children if c.dep_ == "pobj"), None)
        return phrase(target) if target is not None else _noun_phrase_after(to)
    verb = cue
    for _ in range(5):
        if verb.pos_ in ("NOUN", "PROPN", "PRON") and verb != cue:
            if verb.lemma_.lower() not in SPEECH_CARRIERS:
                return phrase(verb)  # "critics saying that ...": the noun the clause hangs on speaks
            if verb.head == verb:
                return None
            verb = verb.head  # "X issued a statement saying ...": the statement's issuer speaks
            continue
        if verb.lemma_ == "quote":
            quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if quoted is not None:
                return phrase(quoted)  # "Detik.com quoted Djamal as saying": Djamal speaks
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        if passive:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            target = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            return phrase(target) if target is not None else None
        subject = _subject(verb)
        if subject is not None:
            if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return phrase(verb.head)
            owner = next((c for c in subject.children if c.dep_ == "poss"), None)
            if subject.lemma_.lower() in SPEECH_CARRIERS and owner is not None and owner.pos_ == "PROPN":
                return phrase(owner)  # "Cornyn's statement added": Cornyn speaks
            return phrase(subject)
        if verb == cue and verb.dep_ != "conj":
            # "..., said KCNA": the parser sometimes takes the inverted subject for an object. Not "X denounced ...
            # and said Moscow would respond": a second verb of X's, whose clause's subject follows it.
            after = [c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "attr", "npadvmod", "dative")]
            named = next((c for c in after if c.pos_ == "PROPN" or c.lower_ in PRONOUNS or c.ent_type_), None)
            if named is not None and verb.lemma_ != "tell":
                return phrase(named)
            following = _name_after(verb)
            if following is not None:
                return following
        if verb.dep_ == "relcl":
            return phrase(verb.head)
        if not (verb.dep_ in SUBJECT_SHARING or _conjoined_participle(verb)) or verb.head == verb:
            return None
        if verb.head.pos_ == "ADJ" or any(c.pos_ == "ADJ" and c.dep_ == "acomp" for c in verb.head.children):
            return None  # "it is interesting to note that ...", "fair to say": the writer's words
        verb = verb.head
    return None


def _noun_phrase_after(word: Token) -> Speaker | None:
    """ "according to Automotive analyst Dennis DesRosier believes that ...": when the parser made the
    object of "to" the subject of a verb after it, the words right after "to" up to that verb still name
    the source."""
    doc = word.doc
    end = word.i + 1
    while end < len(doc) and doc[end].pos_ in ("DET", "ADJ", "NOUN", "PROPN"):
        end += 1
    nouns = [doc[i] for i in range(word.i + 1, end) if doc[i].pos_ in ("NOUN", "PROPN")]
    return Speaker(nouns[-1], word.i + 1, end) if nouns else None


def _conjoined_participle(verb: Token) -> bool:
    """ "..., saying that ..., and merely saying that ...": the parser hangs the second of two conjoined
    participles on the first as its complement; it shares the first one's subject all the same."""
    return verb.dep_ == "ccomp" and verb.tag_ == "VBG" and verb.head.tag_ == "VBG"


def speaker_of_subject(verb: Token) -> Speaker | None:
    """The subject of a verb as a speaker phrase, if it has one that is a name or a noun."""
    subject = _subject(verb)
    if subject is None or subject.lower_ in RELATIVE_PRONOUNS:
        return None
    return phrase(subject)


def _name_after(cue: Token) -> Speaker | None:
    """'"...," said William Clay Ford Jr., executive chairman ...': the name right after an inverted cue that
    the parser hung on a later verb, running on into the next sentence."""
    doc = cue.doc
    end = cue.i + 1
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
        end += 1
    if end == cue.i + 1 or cue.lemma_ == "tell" or doc[cue.i + 1].ent_type_ in ("DATE", "TIME"):
        return None  # "told Reuters" names who heard it; "said Monday" when
    return Speaker(doc[end - 1], cue.i + 1, end)


def _subject(verb: Token) -> Token | None:
    """The subject of a verb: the one nearest it when the parser gave two ("As well as new routes to the US,
    Mannion stated"), and never a stretch of time taken for one ("and several times described")."""
    subjects = [
        c for c in verb.children if c.dep_ in SUBJECTS and not (c.pos_ == "NOUN" and c.lemma_.lower() in TIME_NOUNS)
    ]
    if not subjects:
        return None
    nearest = min(subjects, key=lambda c: abs(c.i - verb.i))
    titled = next((s for s in subjects if s.i < nearest.i and _title_continues(s, nearest)), None)
    return titled or nearest


def _title_continues(person: Token, organisation: Token) -> bool:
    """ "Whitey MacDonald, chairperson of Local 1520, Canadian Auto Workers union said": the parser makes the
    organisation a second subject, but it only continues the title set off after the person's name."""
    if person.ent_type_ != "PERSON" or not any(c.dep_ == "appos" for c in person.children):
        return False
    after = person.right_edge.i + 1
    return organisation.left_edge.i == after + 1 and person.doc[after].text == ","


def phrase(head: Token) -> Speaker:
    """The words that name a speaker: the head noun with its premodifiers and name parts, without an
    apposition, relative clause or prepositional tail set off by a comma ("Mu Li, of the University ...")."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for token in doc[start : head.i]:
        if token.is_punct and token.text not in ("'", "’", "-", "."):
            start = token.i + 1
    for token in doc[head.i + 1 : end]:
        tail = token.dep_ in ("relcl", "acl", "cc") or token.lower_ in RELATIVE_PRONOUNS
        # "said Bolden to the gathered crowd": a prepositional tail after a name is not part of the name
        # ("Governor of Washington Chris Gregoire" keeps its "of"), nor is a possessive ending ("Cornyn's").
        tail = tail or (token.dep_ == "prep" and token.head == head and head.pos_ == "PROPN" and token.lower_ != "of")
        tail = tail or (token.dep_ == "case" and token.head == head)
        if (token.is_punct and token.text not in ("'", "’", "-", ".")) or tail:
            end = token.i
            break
    return Speaker(head, start, end)


def actor_of(speaker: Speaker, token_actor: dict[int, str]) -> str | None:
    """The actor id whose mention covers the speaker phrase: the head first, then the other words of the phrase
    from the right (names end phrases), then an apposition ("the coach, Nabil Maaloul"). When the head is a
    title or description and the phrase or an apposition in it holds a person's name with an actor of its own
    ("The vice president of Dacia, Constantin Stroe"), the name's actor is the speaker: the actors stage may
    have left the title an actor apart."""
    found = token_actor.get(speaker.head.i)
    if found and speaker.head.ent_type_ != "PERSON":
        named = _name_actor(speaker, token_actor)
        if named and named != found:
            return named
    if found:
        return found
    for i in range(speaker.end - 1, speaker.start - 1, -1):
        found = token_actor.get(i)
        if found:
            return found
    for child in speaker.head.children:
        if child.dep_ == "appos":
            for token in child.subtree:
                found = token_actor.get(token.i)
                if found:
                    return found
    return None


def _name_actor(speaker: Speaker, token_actor: dict[int, str]) -> str | None:
    doc = speaker.head.doc
    words = [doc[i] for i in range(speaker.end - 1, speaker.start - 1, -1)]
    # An apposition of the head or of a word of the phrase (the parser may hang it on "Dacia").
    phrase_words = [speaker.head, *(doc[i] for i in range(speaker.start, speaker.end))]
    words += [t for w in phrase_words for c in w.children if c.dep_ == "appos" for t in c.subtree]
    for token in words:
        if token.pos_ == "PROPN" and token.ent_type_ == "PERSON" and token_actor.get(token.i):
            return token_actor[token.i]
    return None


def named_actor(speaker: Speaker, actors: list[Actor]) -> str | None:
    """For a speaker named by a surname the actors stage left without an actor ("..., Djamal told reporters"
    after "Jusman Syafii Djamal"): the one person actor whose name ends with that surname."""
    head = speaker.head
    # The tagger takes a surname at a sentence's start for a common noun ("Jobs welcomed", "Mannion said"):
    # a capitalised head word is enough, as only a person actor's surname can match it.
    if head.pos_ not in ("PROPN", "NOUN") or not head.text[:1].isupper() or head.i != speaker.end - 1:
        return None
    fitting = {a.id for a in actors if a.type == "person" and a.name.split()[-1:] == [head.text] and " " in a.name}
    return fitting.pop() if len(fitting) == 1 else None


def recent_actor(pronoun: Token, actors: list[Actor], previous_speakers: list[str]) -> str | None:
    """For a pronoun the actors stage left unresolved: the latest speaker of a fitting kind, else the nearest
    earlier actor mention of a fitting kind (he/she: a person; it: not a person). A recency fallback only."""
    word = pronoun.lower_
    if word not in PRONOUNS or word in ("i", "we"):
        return None
    by_id = {a.id: a for a in actors}

    def fits(actor: Actor) -> bool:
        if word in PERSONAL:
            return actor.type == "person"
        if word in ("it", "its"):
            return actor.type != "person"
        return True

    for actor_id in reversed(previous_speakers):
        if actor_id in by_id and fits(by_id[actor_id]):
            return actor_id
    before = [(m.start, a) for a in actors for m in a.mentions if m.end <= pronoun.idx and fits(a)]
    return max(before, key=lambda item: item[0])[1].id if before else None
