"""Find dictionary phrases in a parsed document: actor names and agent descriptors, as token spans.

The document's tokens are normalised like the dictionary phrases (:func:`tacitus.actors.lexicon.fold`) and
joined into one string; the Aho-Corasick automaton reports every phrase in it, and the longest phrases
win where they overlap (as PETRARCH prefers the longest pattern). Punctuation other than hyphens, full
stops and apostrophes is a barrier no phrase crosses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import ORTH
from spacy.tokens import Doc

from tacitus.actors.lexicon import BARRIER, Lexicon, fold, normalise_phrase
from tacitus.actors.words import LOWER_CASE_AGENTS

# Tokens that join the words around them rather than separate them ("al-Qaeda", "Iran 's").
_JOINERS = frozenset({"-", "–", "—", "'s", "’s", "'", "’", "."})


@dataclass(frozen=True)
class Match:
    start: int  # first token
    end: int  # one past the last token
    entry: int  # index into Lexicon.actors or Lexicon.agents


@dataclass
class DocText:
    """The normalised words of a document, with where each token starts and ends in them."""

    text: str
    token_at_start: dict[int, int]
    token_at_end: dict[int, int]


@lru_cache(maxsize=200_000)
def _words(raw: str) -> str | None:
    """A token's normalised words; None for a token that joins its neighbours; BARRIER for punctuation."""
    if raw.isspace() or raw in _JOINERS or raw.lower() in _JOINERS:
        return None
    if not any(c.isalnum() for c in raw):
        return BARRIER
    return fold(raw) or BARRIER


# A token's normalised words by its ORTH hash (the same in every Doc of a vocabulary): looking a hash up in
# the StringStore and then in an lru_cache costs more per token than the rest of this stage's first pass.
_WORDS_BY_ORTH: dict[int, str | None] = {}
_WORDS_BY_ORTH_MAX = 500_000


def doc_text(doc: Doc) -> DocText:
    pieces = [" "]
    length = 1
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    strings = doc.vocab.strings
    known = _WORDS_BY_ORTH
    if len(known) > _WORDS_BY_ORTH_MAX:
        known.clear()
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        words = known.get(orth, "")
        if words == "":
            words = known[orth] = _words(strings[orth])
        if words is None:
            continue
        starts[length] = i
        pieces.append(words)
        length += len(words)
        ends[length] = i
        pieces.append(" ")
        length += 1
    return DocText("".join(pieces), starts, ends)


def find_phrases(text: DocText, automaton, key_lengths: list[int], key_entries: list[int]) -> list[Match]:
    """Every dictionary phrase in ``text`` that starts and ends on token boundaries, longest first, without
    overlaps."""
    found = []
    for end_index, key in automaton.iter(text.text):
        # The key is " WORDS ": its last character is the space after the last word.
        start = end_index - key_lengths[key] + 2
        first = text.token_at_start.get(start)
        last = text.token_at_end.get(end_index)
        if first is None or last is None or last < first:
            continue
        found.append((first, last + 1, key_entries[key]))
    found.sort(key=lambda m: (m[0] - m[1], m[0]))
    taken: set[int] = set()
    chosen = []
    for first, end, entry in found:
        if any(i in taken for i in range(first, end)):
            continue
        taken.update(range(first, end))
        chosen.append(Match(first, end, entry))
    chosen.sort(key=lambda m: m.start)
    return chosen


def plausible_name(doc: Doc, match: Match) -> bool:
    """An actor name is written as a name: some word is capitalised, and a one-word match that is also a
    common English word ("us", "who", "chad") must be in capitals or tagged as a proper noun."""
    tokens = [doc[i] for i in range(match.start, match.end)]
    if not any(t.text[:1].isupper() for t in tokens):
        return False
    if len(tokens) == 1:
        token = tokens[0]
        if token.is_stop and not (token.text.isupper() and len(token.text) > 1):
            return False
    return True


def find_actor_names(doc: Doc, text: DocText, lexicon: Lexicon) -> list[Match]:
    matches = find_phrases(text, lexicon.actor_automaton, lexicon.actor_key_lengths, lexicon.actor_key_entries)
    return [m for m in matches if plausible_name(doc, m)]


def find_agents(doc: Doc, text: DocText, lexicon: Lexicon) -> list[Match]:
    matches = find_phrases(text, lexicon.agent_automaton, lexicon.agent_key_lengths, lexicon.agent_key_entries)
    matches = [_without_infinitive(doc, m, lexicon) for m in matches]
    # Descriptors are nouns and adjectives; a proper noun only counts inside a longer phrase or as a title
    # ("President Obama"), where the parser often tags the title as a proper noun too.
    return [
        m
        for m in matches
        if any(doc[i].pos_ in ("NOUN", "ADJ", "PROPN") for i in range(m.start, m.end))
        and not (
            m.end - m.start == 1 and doc[m.start].lower_ in LOWER_CASE_AGENTS and _capitalised_in_text(doc[m.start])
        )
    ]


def _capitalised_in_text(token) -> bool:
    """Written with a capital where a common noun would not be: not at the start of a sentence."""
    return not token.text.islower() and not token.is_sent_start


def _without_infinitive(doc: Doc, match: Match, lexicon: Lexicon) -> Match:
    """ "ordered the ambassador to leave": the dictionaries' "ambassador to" (a country) ends on the "to" of
    an infinitive here, so the agent is "ambassador" alone."""
    last = doc[match.end - 1]
    if match.end - match.start < 2 or last.tag_ != "TO" or last.dep_ != "aux":
        return match
    key = normalise_phrase(doc[match.start : match.end - 1].text)
    number = lexicon.agent_automaton.get(f" {key} ", None) if key else None
    if number is None:
        return match
    return Match(match.start, match.end - 1, lexicon.agent_key_entries[number])
