"""The PETRARCH/TABARI verb dictionary, read in its own syntax.

A verb dictionary (``CAMEO.2.0.txt``, 397 verb blocks and 4,668 patterns; PETRARCH's validation file
``PETR.Validate.verbs.txt``) is a list of synonym sets and verb blocks::

    &CURRENCY                      a synonym set: alternatives, one phrase per "+" line
    +DOLLAR
    +SWISS_FRANCS

    ---  KILL   [190]  ---          a verb block: a name and the code of its verbs
    KILL                            a verb; regular forms are generated
    SLAY {SLAYS SLAIN SLAYING}      irregular forms
    +SHOOT_DOWN {+SHOT_DOWN}        a multi-word verb: "+" marks the verb, "_" joins words that must be adjacent
    MURDER [190]                    a verb with a code of its own
    - GUNMEN *        [193]         a pattern: words before "*" are on the subject side of the verb,
    - * (IN SHOOTOUT) [193]         words after it on the object side; (P ...) is a prepositional phrase
    - * {TANK FIRE}   [194]         headed by P, {A B} a noun phrase with head B; "&SET" a synonym set;
    - &WEAPON * (FROM $) (TOWARD +) [193]   "$" the source, "+" the target, "%" a compound actor, "^" any
                                             words; a code "042:043" adds the reverse event, "---" no event,
                                             "+++" (TABARI: complex, for a human) no event either.

Words joined by ``_`` must be consecutive; words separated by a space may have other words between them. This
module only reads the file; :mod:`tacitus.events.patterns` matches the patterns against dependency parses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tacitus.errors import TacitusError

NULL_CODE = "---"
# TABARI's "complex" code: a sentence whose verb matches it goes to a human coder, so no event is coded.
COMPLEX_CODE = "+++"


# --- pattern elements -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Words:
    """One or more alternative phrases (a word, or a synonym set); each phrase is a tuple of consecutive words."""

    phrases: tuple[tuple[str, ...], ...]
    joined: bool = False  # must directly follow the previous element ("_" in the dictionary)

    @property
    def first_words(self) -> frozenset[str]:
        return frozenset(p[0] for p in self.phrases)


@dataclass(frozen=True)
class NounPhrase:
    """``{A B}``: a noun phrase whose head is B, with A among its modifiers."""

    modifiers: tuple[Words, ...]
    head: Words
    joined: bool = False


@dataclass(frozen=True)
class PrepPhrase:
    """``(P X ...)``: a prepositional phrase headed by P whose object contains X ... (or an actor: ``(TO +)``)."""

    prep: Words
    body: tuple[Element, ...]
    joined: bool = False


@dataclass(frozen=True)
class Role:
    """An actor slot: ``$`` source, ``+`` target, ``%`` compound actor (source and target both), ``^`` any words."""

    kind: str
    joined: bool = False


Element = Words | NounPhrase | PrepPhrase | Role


@dataclass
class Pattern:
    before: tuple[Element, ...]
    after: tuple[Element, ...]
    code: str  # primary code, "---" for none
    reverse: str | None  # code of the event in the other direction (the "043" of "042:043"), if any
    text: str
    line: int
    # Literal first words of every element: a pattern can match only if each set meets the clause's words.
    required: tuple[frozenset[str], ...] = ()
    adjacent_before: bool = False  # "IN_*": the last element before "*" directly precedes the verb

    @property
    def specificity(self) -> int:
        """How much the pattern asks for: more specific patterns are tried first, as in TABARI."""

        def size(element: Element) -> int:
            if isinstance(element, Words):
                return max(len(p) for p in element.phrases)
            if isinstance(element, NounPhrase):
                return size(element.head) + sum(size(m) for m in element.modifiers)
            if isinstance(element, PrepPhrase):
                return size(element.prep) + sum(size(e) for e in element.body)
            return 1 if element.kind in "$+%" else 0

        return sum(size(e) for e in (*self.before, *self.after))


@dataclass
class Verb:
    """A verb of a block: its word (upper case), words that must stand before/after it, and its own code."""

    word: str
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()  # surface forms of the verb word (regular and irregular)
    code: str | None = None  # None: the block's code
    block: VerbBlock | None = None

    @property
    def bare_code(self) -> str:
        return self.code or (self.block.code if self.block else NULL_CODE)


@dataclass
class VerbBlock:
    name: str
    code: str
    reverse: str | None
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    blocks: list[VerbBlock]
    synsets: dict[str, tuple[tuple[str, ...], ...]]
    path: str
    # word (surface form or base form, upper case) -> verbs with that word
    by_form: dict[str, list[Verb]] = field(default_factory=dict)
    by_base: dict[str, list[Verb]] = field(default_factory=dict)

    @property
    def pattern_count(self) -> int:
        return sum(len(b.patterns) for b in self.blocks)

    def verbs_for(self, text: str, lemma: str) -> list[Verb]:
        """Verbs whose word is this token: its surface form first (``MET`` may have a block of its own), then lemma."""
        return self.by_form.get(text) or self.by_base.get(lemma) or []


# --- reading --------------------------------------------------------------------------------------------

_CODE = re.compile(r"\[([^\]]*)\]")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def regular_forms(verb: str) -> tuple[str, ...]:
    """English regular forms of a verb: -S, -ED, -ING (as PETRARCH generates them)."""
    if verb.endswith("E"):
        return verb, verb + "S", verb + "D", verb[:-1] + "ING"
    if verb.endswith("Y") and len(verb) > 1 and verb[-2] not in "AEIOU":
        return verb, verb[:-1] + "IES", verb[:-1] + "IED", verb + "ING"
    if verb.endswith(("S", "SH", "CH", "X", "Z")):
        return verb, verb + "ES", verb + "ED", verb + "ING"
    return verb, verb + "S", verb + "ED", verb + "ING"


def _strip_comment(line: str) -> str:
    # "#" starts a comment (PETRARCH: at line start or after a blank); ";" is the legacy TABARI comment.
    if line.lstrip().startswith("#"):
        return ""
    cut = line.find(" #")
    if cut >= 0:
        line = line[:cut]
    return line.rstrip()


def _code_pair(text: str) -> tuple[str, str | None]:
    text = text.strip()
    if text == COMPLEX_CODE:
        return NULL_CODE, None
    if ":" in text:
        primary, _, reverse = text.partition(":")
        return primary.strip() or NULL_CODE, reverse.strip() or None
    return text or NULL_CODE, None


def _words(part: str) -> tuple[str, ...]:
    return tuple(w for w in part.replace("_", " ").split() if w)


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.synsets: dict[str, list[str]] = {}
        self.blocks: list[VerbBlock] = []

    def read(self) -> VerbDictionary:
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            raise TacitusError("E401", path=str(self.path), reason=error.strerror or str(error)) from error
        text = _HTML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
        block: VerbBlock | None = None
        synset: str | None = None
        raw_patterns: list[tuple[VerbBlock, str, int]] = []
        for number, raw in enumerate(text.splitlines(), 1):
            line = _strip_comment(raw)
            if not line.strip():
                synset = None if not raw.strip() else synset
                continue
            stripped = line.strip()
            if stripped.startswith("&"):
                # A label ending in "_" only says "no plurals": "&PREPOSIT1_" is used as "&PREPOSIT1".
                synset = stripped.split()[0].rstrip("_")
                self.synsets.setdefault(synset, [])
                continue
            if synset and stripped.startswith("+"):
                self.synsets[synset].append(stripped[1:].strip())
                continue
            synset = None
            if stripped.startswith("---"):
                block = self._block_header(stripped)
                self.blocks.append(block)
            elif stripped.startswith("-"):
                if block is not None:
                    raw_patterns.append((block, stripped[1:].strip(), number))
            elif block is not None:
                self._verb_line(block, stripped)
        synsets = {name: self._expand_synset(name, set()) for name in self.synsets}
        self.expanded = synsets
        for block, text_, number in raw_patterns:
            pattern = self._pattern(text_, number)
            if pattern is not None:
                block.patterns.append(pattern)
        for block in self.blocks:
            block.patterns.sort(key=lambda p: -p.specificity)  # stable: file order among equals
        dictionary = VerbDictionary(self.blocks, synsets, str(self.path))
        for block in self.blocks:
            for verb in block.verbs:
                verb.block = block
                for form in verb.forms:
                    dictionary.by_form.setdefault(form, []).append(verb)
                dictionary.by_base.setdefault(verb.word, []).append(verb)
        return dictionary

    @staticmethod
    def _block_header(line: str) -> VerbBlock:
        codes = _CODE.findall(line)
        name = _CODE.sub(" ", line).replace("-", " ").split()
        primary, reverse = _code_pair(codes[0]) if codes else (NULL_CODE, None)
        return VerbBlock(name=" ".join(name) or "?", code=primary, reverse=reverse)

    def _verb_line(self, block: VerbBlock, line: str) -> None:
        codes = _CODE.findall(line)
        line = _CODE.sub(" ", line)
        irregular: list[str] = []
        braces = re.search(r"\{([^}]*)\}", line)
        if braces:
            irregular = braces.group(1).split()
            line = line[: braces.start()] + line[braces.end() :]
        words = line.split()
        if not words:
            return
        phrase = "_".join(words)  # "LASH OUT" and "LASH_OUT" are the same verb
        parts = [p for p in phrase.split("_") if p]
        marked = [i for i, p in enumerate(parts) if p.startswith("+")]
        index = marked[0] if marked else 0
        parts = [p.lstrip("+") for p in parts]
        verb_word = parts[index]
        forms = set(regular_forms(verb_word)) if not braces or irregular else {verb_word}
        for form in irregular:
            form_parts = [p for p in form.split("_") if p]
            form_marked = [i for i, p in enumerate(form_parts) if p.startswith("+")]
            forms.add(form_parts[form_marked[0] if form_marked else 0].lstrip("+"))
        code = _code_pair(codes[0])[0] if codes else None
        verb = Verb(verb_word, tuple(parts[:index]), tuple(parts[index + 1 :]), tuple(sorted(forms)), code)
        block.verbs.append(verb)

    def _expand_synset(self, name: str, seen: set[str]) -> tuple[tuple[str, ...], ...]:
        """A synonym set's phrases, with nested sets expanded (the validation file nests them)."""
        phrases: list[tuple[str, ...]] = []
        for entry in self.synsets.get(name, []):
            words = _words(entry)
            if len(words) == 1 and words[0].startswith("&") and words[0].rstrip("_") not in seen:
                phrases.extend(self._expand_synset(words[0].rstrip("_"), seen | {name}))
            elif words:
                phrases.append(words)
        return tuple(phrases)

    # Patterns ---------------------------------------------------------------------------------------------

    def _pattern(self, text: str, line: int) -> Pattern | None:
        codes = _CODE.findall(text)
        if not codes:
            return None
        body = _CODE.split(text)[0]
        code, reverse = _code_pair(codes[0])
        if "*" not in body:
            return None
        # "*" may be glued to words with "_" ("IN_*", "*_UPON"): keep the glue as its own token.
        body = body.replace("_*", " _JOIN_ * ").replace("*_", " * _JOIN_ ")
        before_text, _, after_text = body.partition("*")
        try:
            before = self._elements(before_text.split())
            after = self._elements(after_text.split())
        except KeyError:  # an undefined synonym set: PETRARCH ignores such a pattern, so do we
            return None
        pattern = Pattern(tuple(before), tuple(after), code, reverse, text.strip(), line)
        pattern.adjacent_before = before_text.split()[-1:] == ["_JOIN_"]
        pattern.required = tuple(self._required(e) for e in (*before, *after) if self._required(e))
        return pattern

    @staticmethod
    def _required(element: Element) -> frozenset[str]:
        if isinstance(element, Words):
            return element.first_words
        if isinstance(element, NounPhrase):
            return element.head.first_words
        if isinstance(element, PrepPhrase):
            return element.prep.first_words
        return frozenset()

    def _elements(self, tokens: list[str]) -> list[Element]:
        elements: list[Element] = []
        i = 0
        join_next = False
        while i < len(tokens):
            token = tokens[i]
            if token == "_JOIN_":
                join_next = True
                i += 1
                continue
            if token.startswith("("):
                depth, j = 0, i
                while j < len(tokens):
                    depth += tokens[j].count("(") - tokens[j].count(")")
                    if depth <= 0:
                        break
                    j += 1
                inner = " ".join(tokens[i : j + 1])[1:]
                inner = inner[:-1] if inner.endswith(")") else inner
                inner_tokens = inner.split()
                if inner_tokens:
                    prep_parts = self._glued(inner_tokens[0])
                    prep = prep_parts[0] if isinstance(prep_parts[0], Words) else Words((("?",),))
                    body = prep_parts[1:] + self._elements(inner_tokens[1:])
                    elements.append(PrepPhrase(prep, tuple(body), join_next))
                i, join_next = j + 1, False
                continue
            if token.startswith("{"):
                j = i
                while j < len(tokens) and "}" not in tokens[j]:
                    j += 1
                inner = " ".join(tokens[i : j + 1]).strip("{}").replace("}", "").split()
                parts: list[Words] = []
                for word in inner:
                    parts.extend(p for p in self._glued(word) if isinstance(p, Words))
                if parts:
                    elements.append(NounPhrase(tuple(parts[:-1]), parts[-1], join_next))
                i, join_next = j + 1, False
                continue
            glued = self._glued(token)
            if glued and join_next:
                glued[0] = _with_joined(glued[0])
            elements.extend(glued)
            join_next = False
            i += 1
        return elements

    def _glued(self, token: str) -> list[Element]:
        """A dictionary token such as ``NEW_&TIETYPES_RELATIONS``: consecutive words and sets, joined."""
        elements: list[Element] = []
        for index, part in enumerate(p for p in token.split("_") if p):
            joined = index > 0
            if part in ("$", "+", "%", "^"):
                elements.append(Role(part, joined))
            elif part.startswith("&"):
                name = part.rstrip(",._")
                if name not in self.synsets:
                    raise KeyError(name)
                elements.append(Words(self._expand_synset(name, set()), joined))
            else:
                word = part.strip(",")
                if word:
                    elements.append(Words(((word,),), joined))
        return elements


def _with_joined(element: Element) -> Element:
    if isinstance(element, Words):
        return Words(element.phrases, True)
    if isinstance(element, Role):
        return Role(element.kind, True)
    return element


@cache
def load_verb_dictionary(path: str) -> VerbDictionary:
    """Read a verb dictionary once per process."""
    return _Reader(Path(path)).read()


DEFAULT_VERBS = str(Path(__file__).parent / "data" / "CAMEO.2.0.txt")
