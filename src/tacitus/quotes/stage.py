"""The quotes stage: who said what, as direct, indirect and mixed quotations attributed to actors.

1. Pair the quotation marks of the text (:mod:`tacitus.quotes.marks`) into quoted stretches.
2. Decide what each stretch is: speech (a quotation), a fragment of speech inside a reported clause, a
   title ("Bella Ciao", a headline in a list of sources) or a mentioned or scare-quoted term ("Resistance").
3. Find reported speech (:mod:`tacitus.quotes.reported`): the clause a cue verb reports, "according to X",
   "X described Y as ...". A reported clause holding quoted words is mixed; one that is wholly a quotation
   is that direct quotation.
4. Attribute each quotation: the cue it hangs on in the parse, else a cue just after or before its marks,
   else the latest attributed speech in the two sentences before it (a speaker named in a neighbouring
   sentence, or one whose quotation continues over following paragraphs). The speaker phrase becomes an
   actor id through ``doc._.token_actor`` (:mod:`tacitus.quotes.speakers`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Token

from tacitus.document import document_text, facts, index, sentences
from tacitus.quotes.lexicon import CueLexicon, load_cues
from tacitus.quotes.marks import Stretch, find_stretches
from tacitus.quotes.reported import ReportedClause, find_reported_clauses
from tacitus.quotes.reported import trim as _trimmed
from tacitus.quotes.speakers import (
    HONORIFICS,
    PERSONAL,
    PRONOUNS,
    SPEECH_CARRIERS,
    Speaker,
    actor_of,
    named_actor,
    recent_actor,
    speaker_of_cue,
    speaker_of_subject,
)
from tacitus.quotes.unmarked import find_block_quotes, find_pull_quotes, find_repeated_pull_quotes
from tacitus.record import Quote, Span
from tacitus.stage import Stage

FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
SENTENCE_END = {".", "?", "!"}
DASHES = ("—", "–", " - ", "--")
# How far from its marks a cue may stand and still introduce a quotation ("..., Ms Bauchtman said.").
CUE_AFTER_TOKENS = 10
CUE_BEFORE_TOKENS = 16
CUE_AFTER_SENTENCE = 3
NEIGHBOUR_SENTENCES = 2


@Language.factory("tacitus_quotes", assigns=["doc._.quotes"], default_config={"cues": None})
def make_quote_stage(nlp: Language, name: str, cues: str | None) -> QuoteStage:
    return QuoteStage(cues)


class QuoteStage(Stage):
    name = "quotes"

    def __init__(self, cues: str | None = None) -> None:
        self.lexicon = load_cues(cues)

    def process(self, doc: Doc) -> None:
        doc._.quotes = QuoteFinder(doc, self.lexicon).quotes()


def _agentless_passive(cue: Token) -> bool:
    """ "has been told to prepare ...": a passive cue that names no one who said it."""
    children = list(cue.children)
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in children) and not any(c.dep_ == "agent" for c in children)


@dataclass
class Quoted:
    """A quoted stretch with its tokens and what it was judged to be."""

    stretch: Stretch
    start: int  # content characters, trimmed
    end: int
    first: int  # content tokens, end exclusive
    last: int
    outer_first: int  # tokens including the marks
    outer_last: int
    role: str = "term"  # speech, fragment, title, term
    cue: Token | None = None
    attached: bool = False  # the quotation is what its cue reports (not words inside a larger clause)


@dataclass
class Found:
    """A quotation before it becomes a record."""

    kind: str
    start: int
    end: int
    cue: Token | None = None
    cue_end: int | None = None
    reported_clause: bool = False
    fragments: list[Quoted] = field(default_factory=list)
    speaker: Speaker | None = None
    attribution: str = "none"
    actor: str | None = None


class QuoteFinder:
    """Finds the quotations of one parsed document."""

    def __init__(self, doc: Doc, lexicon: CueLexicon) -> None:
        self.doc = doc
        self.text = document_text(doc)
        self.lexicon = lexicon
        self.token_starts = doc.to_array(IDX).tolist()
        self.sentence_starts = [s.start for s in sentences(doc)]
        self.in_quote = bytearray(len(doc))  # 1 for tokens inside a quotation, its marks included
        self.quoted = [self._tokens(s) for s in find_stretches(self.text) if s.depth == 0]
        self.quoted = [q for q in self.quoted if q is not None]
        for q in self.quoted:
            for i in range(q.outer_first, q.outer_last):
                self.in_quote[i] = 1
        # A pull quote is a quotation too: the cues inside it are the speaker's words, not the writer's.
        pulls = find_pull_quotes(doc)
        self.pull_quotes = pulls + find_repeated_pull_quotes(self.text, pulls) + find_block_quotes(doc, lexicon)
        for pull in self.pull_quotes:
            first, last = self._token_range(pull.start, pull.end)
            for i in range(first, last):
                self.in_quote[i] = 1
        self.token_actor = index(doc, "token_actor")

    # --- 1. stretches and their tokens ---------------------------------------------------------------

    def _token_range(self, start: int, end: int) -> tuple[int, int]:
        """Tokens overlapping characters [start, end)."""
        first = max(bisect_right(self.token_starts, start) - 1, 0)
        if first < len(self.doc) and self.token_starts[first] + len(self.doc[first]) <= start:
            first += 1
        return first, bisect_left(self.token_starts, end)

    def _tokens(self, stretch: Stretch) -> Quoted | None:
        start, end = stretch.content_start, stretch.content_end(self.text)
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and (self.text[end - 1].isspace() or self.text[end - 1] == ","):
            end -= 1
        if end <= start:
            return None
        first, last = self._token_range(start, end)
        outer_end = stretch.outer_end or end
        outer_first, outer_last = self._token_range(stretch.open_at, outer_end)
        return Quoted(stretch, start, end, first, last, outer_first, outer_last)

    def sentence_of(self, i: int) -> int:
        return bisect_right(self.sentence_starts, i) - 1

    # --- 2. what each stretch is ---------------------------------------------------------------------

    def _words(self, q: Quoted) -> list[Token]:
        return [t for t in self.doc[q.first : q.last] if t.is_alpha or t.like_num]

    def _finite(self, q: Quoted) -> bool:
        return any(t.tag_ in FINITE_TAGS for t in self.doc[q.first : q.last])

    def _title_case(self, words: list[Token]) -> bool:
        content = [t for t in words if len(t) > 3 or t.i == words[0].i]
        return bool(content) and all(t.text[0].isupper() for t in content)

    def _is_title(self, q: Quoted, words: list[Token]) -> bool:
        """Titles and mentioned terms: "the song 'Bella Ciao'", "named ... 'Hope'", a headline in a list of
        sources ("'Document found on street' — The Canadian Press"), "the words 'and Emergency'"."""
        after = self.text[(q.stretch.outer_end or q.end) :][:4].lstrip(" ")
        if after.startswith(DASHES) or self.text[(q.stretch.outer_end or q.end) :].startswith(DASHES):
            return True
        before = [t for t in self.doc[max(q.outer_first - 3, 0) : q.outer_first] if not t.is_punct]
        before = [t for t in before if t.lower_ not in ("a", "an", "the", "his", "her", "its", "their", "as")]
        if before:
            word = before[-1]
            lemma = word.lemma_.lower()
            if word.pos_ in ("NOUN", "PROPN", "ADJ") and (
                lemma in self.lexicon.title or word.lower_ in self.lexicon.title
            ):
                return True
            if word.pos_ == "VERB" and lemma in self.lexicon.naming:
                return True
            if lemma == "call" and self._title_case(words) and not self._finite(q):
                return True
            if word.lower_ == "known" or word.text.lower().endswith("so-called"):
                return True
        if q.outer_last < len(self.doc):
            following = self.doc[q.outer_last]
            if following.lemma_.lower() in self.lexicon.title and following.pos_ == "NOUN" and self._title_case(words):
                return True  # the "Bella Ciao" song
        return len(words) >= 2 and self._title_case(words) and not self._finite(q)

    def _cue_attached(self, q: Quoted) -> Token | None:
        """The cue this quotation is what was said of: a cue verb it hangs on in the parse (or that hangs on it)."""
        inside = range(q.first, q.last)
        for token in self.doc[q.first : q.last]:
            head = token.head
            if head.i in inside or head == token:
                continue
            if self.in_quote[head.i] and head.i not in range(q.outer_first, q.outer_last):
                continue
            for _ in range(2):
                if self._is_cue(head):
                    return head
                if head.pos_ in ("VERB", "AUX") or head.head == head:
                    break
                head = head.head
        for token in self.doc[self._sentence_span(q)[0] : self._sentence_span(q)[1]]:
            if token.i in inside or self.in_quote[token.i]:
                continue
            if token.head.i in inside and self._is_cue(token):
                return token
        return None

    def _is_cue(self, token: Token) -> bool:
        return (
            token.pos_ in ("VERB", "AUX") and not self.in_quote[token.i] and self.lexicon.introduces_quote(token.lemma_)
        )

    def _sentence_span(self, q: Quoted) -> tuple[int, int]:
        first = self.sentence_starts[self.sentence_of(q.outer_first)]
        last_sentence = self.sentence_of(max(q.outer_last - 1, q.outer_first))
        end = (
            self.sentence_starts[last_sentence + 1] if last_sentence + 1 < len(self.sentence_starts) else len(self.doc)
        )
        return first, end

    def _embedded(self, q: Quoted) -> bool:
        """Whether the quoted words are part of a larger sentence of the writer's rather than a quotation of
        their own: unquoted words (other than the cue and its speaker) govern or depend on them."""
        inside = range(q.outer_first, q.outer_last)
        for token in self.doc[q.first : q.last]:
            head = token.head
            if head.i not in inside and head is not token and not head.is_punct and not self._is_cue(head):
                return True
        first, end = self._sentence_span(q)
        for token in self.doc[first:end]:
            if token.i in inside or token.is_punct or self.in_quote[token.i] or token.pos_ in ("ADV", "CCONJ"):
                continue  # linking words ("and, later, '...'") leave a quotation standing on its own
            if token.head.i in range(q.first, q.last) and not self._is_cue(token):
                return True
        return False

    def _cue_ancestor(self, q: Quoted) -> Token | None:
        """A cue whose reported content these quoted words lie in ("X said it was 'dangerous'")."""
        top = next((t for t in self.doc[q.first : q.last] if t.head.i not in range(q.first, q.last)), None)
        if top is None:
            return None
        head = top.head
        for _ in range(12):
            if self._is_cue(head) or (head.lower_ == "according"):
                return head
            if any(c.lower_ == "according" for c in head.children):
                return next(c for c in head.children if c.lower_ == "according")
            if head.head == head:
                return None
            head = head.head
        return None

    def classify(self, q: Quoted) -> None:
        words = self._words(q)
        if not words or self._is_title(q, words):
            q.role = "title"
            return
        cue = self._cue_attached(q)
        embedded = self._embedded(q)
        if cue is not None and not embedded:
            q.role, q.cue, q.attached = "speech", cue, True
            return
        if not embedded:
            # A quotation that stands as a sentence of its own, its cue in a neighbouring sentence.
            q.role = "speech" if len(words) >= 2 or words[0].text[0].isupper() else "term"
            return
        ancestor = self._cue_ancestor(q)
        capitalised = words[0].text[0].isupper() and len(words) <= 3
        if ancestor is not None and not self._finite(q) and _agentless_passive(ancestor):
            # "has been told to prepare a 'quasi-state of war'": a phrase no one is named as saying is a scare quote.
            q.role = "term"
        elif ancestor is not None and (self._finite(q) or not capitalised):
            q.role, q.cue = "fragment", ancestor
        elif self._finite(q) and len(words) >= 3:
            q.role = "speech"  # a partial quotation whose speaker the text gives elsewhere
        else:
            q.role = "term"

    # --- 3. reported speech --------------------------------------------------------------------------

    def _speech_in(self, start: int, end: int) -> list[Quoted]:
        return [q for q in self.quoted if q.role in ("speech", "fragment") and q.first < end and q.last > start]

    def reported(self) -> tuple[list[Found], set[int]]:
        """Indirect and mixed quotations, and the quoted stretches that became fragments of them."""
        clauses = find_reported_clauses(
            self.doc, self.lexicon, lambda i: bool(self.in_quote[i]), lambda s, e: bool(self._speech_in(s, e))
        )
        found, absorbed = [], set()
        for clause in clauses:
            inner = self._speech_in(clause.start, clause.end)
            # A quotation with a cue of its own inside the clause ("..., with analyst X saying '...'") is that
            # cue's: the clause stops before the words that introduce it.
            own = [q for q in inner if q.attached and q.cue is not None and q.cue != clause.cue]
            for q in own:
                introduction = min(q.cue.left_edge.i, q.outer_first)
                if clause.start < introduction < clause.end:
                    clause.start, clause.end = _trimmed(self.doc, clause.start, introduction)
            inner = [q for q in self._speech_in(clause.start, clause.end) if all(q is not o for o in own)]
            if clause.end <= clause.start:
                continue
            if inner and self._only_quoted(clause, inner):
                for q in inner:  # the reported clause is a quotation: a direct one, cued here
                    q.role = "speech"
                    if q.cue is None or not q.attached:
                        q.cue, q.attached = clause.cue, True
                continue
            non_finite = clause.form == "clause" and clause.cue.tag_ in ("VB", "VBG", "VBN")
            if not inner and non_finite and speaker_of_cue(clause.cue) is None:
                continue  # "it is hoped that", "to note that": no one is reported as saying it
            kind = "mixed" if inner else "indirect"
            start, end = self.doc[clause.start].idx, self._end_char(clause.end - 1)
            item = Found(kind, start, end, clause.cue, clause.cue_end, reported_clause=True, fragments=inner)
            found.append(item)
            absorbed.update(id(q) for q in inner)
        for q in self.quoted:
            if q.role == "fragment" and id(q) not in absorbed and q.cue is not None:
                self._fragment_clause(q, found)
                absorbed.add(id(q))
        return found, absorbed

    def _fragment_clause(self, q: Quoted, found: list[Found]) -> None:
        """Quoted words inside what a cue reports that no reported clause took ("called podcasting 'Wayne's
        World for radio'", "described ... as being 'quick, surgical'"): a mixed quotation over the part of the
        cue's sentence that holds them, or an extension of the clause the same cue already reports."""
        cue = q.cue
        same_cue = next((f for f in found if f.cue is not None and f.cue == cue), None)
        if same_cue is not None:
            same_cue.start, same_cue.end = min(same_cue.start, q.start), max(same_cue.end, q.end)
            same_cue.kind = "mixed"
            same_cue.fragments.append(q)
            return
        branch = self.doc[q.first]
        while branch.head != cue and branch.head != branch:
            branch = branch.head
        start, end = min(branch.left_edge.i, q.outer_first), max(branch.right_edge.i + 1, q.outer_last)
        if branch.i > cue.i:
            obj = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
            if obj is not None:
                start = min(start, obj.left_edge.i)
        start, end = _trimmed(self.doc, start, end)
        if end <= start:
            return
        item = Found("mixed", self.doc[start].idx, self._end_char(end - 1), cue, cue.i + 1, True, [q])
        found.append(item)

    def _only_quoted(self, clause: ReportedClause, inner: list[Quoted]) -> bool:
        covered = (
            set(range(clause.cue.left_edge.i, clause.cue.right_edge.i + 1)) if clause.form == "parenthetical" else set()
        )
        for q in inner:
            covered.update(range(q.outer_first, q.outer_last))
        # Linking words around the quotation ("and, later, '...'") do not make it the writer's clause.
        return not any(
            (t.is_alpha or t.like_num) and t.i not in covered and t.pos_ not in ("ADV", "CCONJ")
            for t in self.doc[clause.start : clause.end]
        )

    def _end_char(self, i: int) -> int:
        return self.doc[i].idx + len(self.doc[i])

    # --- 4. attribution ------------------------------------------------------------------------------

    def _cue_near(self, q: Quoted) -> Token | None:
        """A cue verb just after the closing mark ("...," she said) or just before the opening one (X said:)."""
        doc = self.doc
        # After a quotation that ends its own sentence, only "...." he said / said X may follow at once.
        ends_sentence = self.text[q.end - 1] in SENTENCE_END
        after = CUE_AFTER_SENTENCE if ends_sentence else CUE_AFTER_TOKENS
        for i in range(q.outer_last, min(q.outer_last + after, len(doc))):
            if self.in_quote[i] or doc[i].text in SENTENCE_END or "\n" in doc[i].text:
                break
            if self._is_cue(doc[i]):
                return doc[i]
        for i in range(q.outer_first - 1, max(q.outer_first - CUE_BEFORE_TOKENS, -1), -1):
            if self.in_quote[i] or doc[i].text in SENTENCE_END or "\n" in doc[i].text:
                break
            if self._is_cue(doc[i]):
                return doc[i]
        return None

    def attribute(self, found: list[Found]) -> None:
        """Speakers and actors, in text order, so that a quotation can take the speaker of the one before."""
        spoken: list[tuple[int, Found]] = []  # (token index of the attribution, quotation) of attributed ones
        previous_actors: list[str] = []
        actors = facts(self.doc, "actors")
        by_id = {a.id: a for a in actors}
        for item in sorted(found, key=lambda f: f.start):
            if item.cue is not None:
                item.speaker = speaker_of_cue(item.cue)
                if item.speaker is not None:
                    item.attribution = "cue"
            if item.speaker is None and item.kind == "direct":
                neighbour = self._neighbour(item, spoken)
                if neighbour is not None:
                    item.speaker, item.attribution = neighbour.speaker, "neighbour"
                    item.actor = neighbour.actor
                else:
                    item.speaker = self._issuer_before(item)
                    item.attribution = "neighbour" if item.speaker is not None else "none"
            if item.speaker is not None and item.actor is None:
                item.actor = actor_of(item.speaker, self.token_actor) or named_actor(item.speaker, actors)
                if item.speaker.head.lower_ in PRONOUNS:
                    previous = self._previous_speaker(item, spoken, by_id)
                    if previous is not None and self._antecedent_before(item.actor, previous, by_id, item.speaker):
                        item.actor = previous.actor
                    elif item.actor is None:
                        item.actor = recent_actor(item.speaker.head, actors, previous_actors)
            if item.speaker is not None:
                spoken.append((item.speaker.head.i, item))
                if item.actor:
                    previous_actors.append(item.actor)

    def _issuer_before(self, item: Found) -> Speaker | None:
        """ "U.S. Senator John Cornyn issued a statement regarding the rejection. '"Like many Texans, I ...'": the
        issuer of a statement, speech or letter in the sentence just before a quotation that has no speaker."""
        first = self._token_range(item.start, item.start + 1)[0]
        sentence = self.sentence_of(first)
        if sentence == 0:
            return None
        start = self.sentence_starts[sentence - 1]
        if "\n" in self.text[self.doc[start].idx : item.start]:
            return None  # a paragraph apart
        for token in self.doc[start : self.sentence_starts[sentence]]:
            if token.dep_ == "dobj" and token.lemma_.lower() in SPEECH_CARRIERS and not self.in_quote[token.i]:
                speaker = speaker_of_subject(token.head)
                if speaker is not None:
                    return speaker
        return None

    def _previous_speaker(self, item: Found, spoken: list[tuple[int, Found]], by_id: dict) -> Found | None:
        """The latest attributed speaker named before this pronoun in the sentences just before or this one, of
        a kind the pronoun fits (he/she: a person)."""
        pronoun = item.speaker.head
        earliest = self.sentence_starts[max(self.sentence_of(pronoun.i) - NEIGHBOUR_SENTENCES, 0)]
        for i, f in reversed(spoken):
            if earliest <= i < pronoun.i:
                if f.actor is None and f.speaker.head.pos_ != "PROPN":
                    return None  # a description without an actor ("the bank chief") may be the resolved actor
                # A name the actors stage left without an actor still outranks an antecedent named earlier.
                fits = (
                    f.actor is None
                    or pronoun.lower_ not in PERSONAL
                    or getattr(by_id.get(f.actor), "type", None) == "person"
                    or any(t.lower_.rstrip(".") in HONORIFICS for t in self.doc[f.speaker.start : f.speaker.end])
                )
                return f if fits else None
        return None

    def _antecedent_before(self, actor: str | None, previous: Found, by_id: dict, speaker: Speaker) -> bool:
        """Whether a pronoun speaker is better taken for the previous speaker than for ``actor``, the actor the
        actors stage resolved it to: true when that actor is not named in the writer's words (outside quotation
        marks) after the previous speaker was, so the pronoun's likeliest antecedent is the previous speaker.
        "Khamenei said ... '... Trump and his accomplices ...,' he told the crowd": he is Khamenei, not Trump."""
        if actor == previous.actor or (actor is None and previous.actor is None):
            return False
        if actor is None or actor not in by_id:
            return True
        since = previous.speaker.head.idx
        for mention in by_id[actor].mentions:
            token = self._token_range(mention.start, mention.start + 1)[0]
            if since < mention.start < self.doc[speaker.head.i].idx and not self.in_quote[token]:
                if speaker.start <= token < speaker.end or self.doc[token].lower_ in PRONOUNS:
                    continue  # another pronoun is no evidence: it may be resolved as wrongly as this one
                return False
        return True

    def _neighbour(self, item: Found, spoken: list[tuple[int, Found]]) -> Found | None:
        """The latest attributed speech in the sentences just before this quotation, if any."""
        first_token = self._token_range(item.start, item.start + 1)[0]
        sentence = self.sentence_of(first_token)
        earliest = self.sentence_starts[max(sentence - NEIGHBOUR_SENTENCES, 0)]
        candidates = [f for i, f in spoken if i >= earliest and f.start < item.start]
        return max(candidates, key=lambda f: f.start) if candidates else None

    # --- the whole ------------------------------------------------------------------------------------

    def quotes(self) -> list[Quote]:
        for q in self.quoted:
            self.classify(q)
        found, absorbed = self.reported()
        for q in self.quoted:
            if q.role not in ("speech", "fragment") or id(q) in absorbed:
                continue
            cue = q.cue or self._cue_near(q)
            found.append(Found("direct", q.start, q.end, cue, cue.i + 1 if cue is not None else None))
        for pull in self.pull_quotes:
            if not any(f.start < pull.end and pull.start < f.end for f in found):
                if pull.cue is None:
                    found.append(Found("direct", pull.start, pull.end, speaker=pull.speaker, attribution="pull_quote"))
                else:  # a block quotation: its cue introduced it, the speaker comes from that cue
                    found.append(Found("direct", pull.start, pull.end, pull.cue, pull.cue.i + 1))
        self.attribute(found)
        return [self._record(n, item) for n, item in enumerate(sorted(found, key=lambda f: f.start), 1)]

    def _record(self, number: int, item: Found) -> Quote:
        doc, text = self.doc, self.text
        cue_text = cue_start = cue_end = None
        if item.cue is not None:
            cue_start = item.cue.idx
            cue_end = self._end_char(item.cue_end - 1)
            cue_text = text[cue_start:cue_end]
        speaker_text = speaker_start = speaker_end = None
        if item.speaker is not None:
            speaker_start, speaker_end = item.speaker.chars(doc)
            speaker_text = text[speaker_start:speaker_end]
        return Quote(
            id=f"q{number}",
            speaker=item.actor,
            speaker_text=speaker_text,
            cue=cue_text,
            text=text[item.start : item.end],
            start=item.start,
            end=item.end,
            kind=item.kind,
            cue_start=cue_start,
            cue_end=cue_end,
            speaker_start=speaker_start,
            speaker_end=speaker_end,
            reported_clause=item.reported_clause,
            fragments=[Span(start=q.start, end=q.end, text=text[q.start : q.end]) for q in item.fragments],
            attribution=item.attribution,
            sentence=self.sentence_of(self._token_range(item.start, item.start + 1)[0]),
        )
