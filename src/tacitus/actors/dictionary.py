"""Readers for TABARI/PETRARCH actor and agent dictionaries.

An **actor dictionary** names actors and gives each a CAMEO code, possibly changing over time::

    VLADIMIR_PUTIN_  # CountryInfo.txt        a primary phrase (words joined by _ or spaces)
    +PUTIN_                                     synonyms start with +
    +PRESIDENT_VLADIMIR_PUTIN_
        [RUSELI 700101-990809]                  date-ranged codes, one per indented line:
        [RUSGOV >080508]                          YYMMDD or YYYYMMDD; <date, >date or date-date
        [RUSELI]                                  an undated code is the default
    HAMAS [PSEREBHMS]                           a code may follow the primary phrase on its line

``#`` starts a comment (at the start of a line, or after a blank), ``<!-- ... -->`` is an XML comment
(possibly over several lines), ``[---]`` is the null code, and ``[FRO/BIL/SAM]`` names several actors
at once. A parenthesised acronym in a phrase (``ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_``) is read as a synonym.

An **agent dictionary** turns descriptors into sector codes::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON   a substitution set, used as CONGRESS!PERSON!
    POLICE {} [~COP]                            {} : no plural; {PLURAL} : an irregular plural
    FOREIGN_MINISTER [~GOVFRM]                  ~CODE is appended after the actor's code,
    HUMAN_RIGHTS_BODY [NGO~]                    CODE~ is put before it

Regular plurals (+S, Y -> IES, S -> SES) are generated as PETRARCH does. Dates follow PETRARCH: a
two-digit year up to 30 is 20YY, otherwise 19YY; a date string longer than 7 digits is read as YYYYMMDD.
Lines that cannot be read are skipped and counted in ``problems`` rather than stopping the load, as
PETRARCH does; a file that cannot be read at all raises :class:`~tacitus.errors.TacitusError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tacitus.actors.names import is_acronym_of
from tacitus.errors import TacitusError

NULL_CODE = "---"

_BRACKETS = re.compile(r"\[([^\]]*)\]")
_ACRONYM_IN_PHRASE = re.compile(r"\(([^)]*)\)")
_MARKER_DEFINITION = re.compile(r"^\s*!([^!]+)!\s*=\s*(.+)$")
_MARKER_USE = re.compile(r"!([^!]+)!")
_TRAILING_COMMENT = re.compile(r"\s#|\]#")


@dataclass(frozen=True)
class CodeRule:
    """One code of an actor, valid from ``start`` to ``end`` (inclusive; None = unbounded)."""

    code: str | None  # None for the null code [---]
    start: date | None = None
    end: date | None = None
    dated: bool = False

    def applies(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class ActorEntry:
    """One actor of a dictionary: its phrases and its codes in file order.

    The code groups are kept as written and read on first use: a dictionary has tens of thousands of
    entries and an article meets a handful, so loading stays fast."""

    name: str
    phrases: list[str]
    code_groups: list[str] = field(default_factory=list)
    source: str = ""
    _rules: list[CodeRule] | None = field(default=None, repr=False, compare=False)
    _problems: list[str] = field(default_factory=list, repr=False, compare=False)

    @property
    def rules(self) -> list[CodeRule]:
        if self._rules is None:
            rules = []
            for group in self.code_groups:
                try:
                    rules.append(parse_code_rule(group))
                except ValueError as error:
                    self._problems.append(f"{self.source}: {self.name}: [{group}]: {error}")
            self._rules = rules
        return self._rules

    @property
    def problems(self) -> list[str]:
        """Code groups that could not be read (they are skipped)."""
        _ = self.rules  # reading the rules records their problems
        return self._problems

    def code_at(self, day: date | None) -> str | None:
        """The code valid on ``day``, chosen as PETRARCH does: the first dated rule that applies, else the
        first undated one. Without a date the article is taken to be recent: the first open-ended rule
        (``>date``) applies, else the undated default."""
        rules = self.rules
        dated = [r for r in rules if r.dated]
        if day is not None:
            chosen = next((r for r in dated if r.applies(day)), None)
        else:
            chosen = next((r for r in dated if r.end is None and r.start is not None), None)
        if chosen is None:
            chosen = next((r for r in rules if not r.dated), None)
        return chosen.code if chosen else None

    def any_code(self) -> str | None:
        """Some code of this actor, valid or not at the article's date: the most recent one. It still tells
        the country of someone whose dated roles do not cover the date."""
        coded = [r for r in self.rules if r.code]
        if not coded:
            return None
        return max(coded, key=lambda r: (r.start or date.min, r.end or date.max)).code


@dataclass
class AgentEntry:
    """A descriptor phrase (with its plural forms) and the codes it adds: ``suffix`` after the actor's
    code (``~GOV``), ``prefix`` before it (``NGO~``)."""

    phrases: list[str]
    suffix: str = ""
    prefix: str = ""
    source: str = ""


@dataclass
class Loaded:
    """What a dictionary file gave: its entries and the lines that could not be read."""

    entries: list
    problems: list[str] = field(default_factory=list)


# --- shared line handling ---------------------------------------------------------------------------------


def _read_text(path: Path, kind: str) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TacitusError("E301", kind=kind, path=str(path), reason="no such file") from None
    except OSError as error:
        raise TacitusError("E301", kind=kind, path=str(path), reason=error.strerror or str(error)) from None
    if b"\0" in data[:4096]:
        raise TacitusError("E301", kind=kind, path=str(path), reason="binary data, not a dictionary")
    # The Phoenix files are UTF-8 with a few stray Latin-1 bytes: keep the rest of such a line readable.
    return data.decode("utf-8", errors="replace")


def _content_lines(text: str):
    """(line number, line) for each line with content, comments removed; indentation is kept."""
    in_comment = False
    for number, line in enumerate(text.splitlines(), start=1):
        if in_comment:
            if "-->" not in line:
                continue
            line = line[line.index("-->") + 3 :]
            in_comment = False
        if "<" in line:
            while "<!--" in line:
                before, _, after = line.partition("<!--")
                if "-->" in after:
                    line = before + after[after.index("-->") + 3 :]
                else:
                    line, in_comment = before, True
            if line.lstrip().startswith("<"):
                continue
        if "#" in line:
            if line.lstrip().startswith("#"):
                continue
            # ' #' starts a trailing comment; '#' glued to a closing bracket does too ("[ELI]# IGOrulers.txt").
            comment = _TRAILING_COMMENT.search(line)
            if comment:
                line = line[: comment.start() + (1 if comment.group().startswith("]") else 0)]
        if line and not line.isspace():
            yield number, line


def _abbreviates(acronym: str, phrase: str) -> bool:
    """ "AAIA" of "ADEN_ABYAN_ISLAMIC_ARMY", "HRIC" of "HUMAN_RIGHTS_IN_CHINA": the acronym's letters are
    initials of the phrase's words, in order, the first one first."""
    if is_acronym_of(acronym, phrase.replace("_", " ")):
        return True
    letters = re.sub(r"[^A-Z]", "", acronym.upper())
    initials = "".join(w[0] for w in re.split(r"[_\s\-]+", phrase.upper()) if w and w[0].isalpha())
    if len(letters) < 2 or not initials or letters[0] != initials[0]:
        return False
    rest = iter(initials)
    return all(letter in rest for letter in letters)


def _phrase_variants(phrase: str) -> list[str]:
    """A dictionary phrase, and a separate phrase for a parenthesised acronym of it
    (``ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_``). Any other parenthesised words qualify the phrase and stay in it, as
    PETRARCH reads them literally: ``KOREA_(NORTH)_`` is "Korea North", never "North" alone, and
    ``GEORGIA_(NATION)_`` never makes "nation" a name of Georgia."""
    phrase = phrase.strip().lstrip("+").strip()
    if "(" not in phrase:
        return [phrase] if phrase.strip("_ ") else []
    inside = [a.strip().strip("_") for a in _ACRONYM_IN_PHRASE.findall(phrase) if a.strip("_ ")]
    main = re.sub(r"[_\s]+", "_", _ACRONYM_IN_PHRASE.sub(" ", phrase)).strip("_")
    acronyms = [a for a in inside if _abbreviates(a, main)]
    if len(acronyms) < len(inside):
        main = re.sub(r"[_\s()]+", "_", phrase).strip("_")
    return [p for p in (main + "_", *acronyms) if p.strip("_ ")]


# --- dates ------------------------------------------------------------------------------------------------


def parse_dictionary_date(text: str) -> date:
    """A TABARI date: YYMMDD (years up to 30 are 20YY) or YYYYMMDD; longer strings use their first 8 digits."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) < 6:
        raise ValueError(f"not a date: {text!r}")
    if len(digits) > 7:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    else:
        year = int(digits[:2])
        year += 2000 if year <= 30 else 1900
        month, day = int(digits[2:4]), int(digits[4:6])
    return date(year, month, day)


def parse_code_rule(group: str) -> CodeRule:
    """The inside of one ``[...]`` group of an actor dictionary: a code and an optional date restriction."""
    code, _, restriction = group.strip().partition(" ")
    code = code.strip().upper()
    restriction = restriction.strip()
    # A code made only of punctuation ([---], [+++], [###]) codes nothing.
    value = code if re.search(r"[A-Z0-9]", code) else None
    if not restriction:
        return CodeRule(value)
    compact = restriction.replace(" ", "")
    if compact.startswith("<"):
        return CodeRule(value, end=parse_dictionary_date(compact[1:]), dated=True)
    if compact.startswith(">"):
        return CodeRule(value, start=parse_dictionary_date(compact[1:]), dated=True)
    if "-" in compact:
        first, _, last = compact.partition("-")
        start, end = parse_dictionary_date(first), parse_dictionary_date(last)
        if end < start:
            raise ValueError("end date before start date")
        return CodeRule(value, start=start, end=end, dated=True)
    raise ValueError(f"unreadable restriction {restriction!r}")


# --- actor dictionaries -----------------------------------------------------------------------------------


def read_actor_dictionary(path: str | Path) -> Loaded:
    path = Path(path)
    text = _read_text(path, "actor dictionary")
    entries: list[ActorEntry] = []
    problems: list[str] = []
    current: ActorEntry | None = None
    for number, line in _content_lines(text):
        if "---STOP---" in line:
            break
        phrase_part, bracket, _ = line.partition("[")
        groups = _BRACKETS.findall(line) if bracket else []
        stripped = phrase_part.strip()
        if line[0] in " \t" and not stripped:
            # An indented code line belongs to the entry above it.
            if current is None:
                problems.append(f"{path.name}:{number}: code line before any actor")
                continue
            current.code_groups.extend(groups)
        elif stripped.startswith("+"):
            if current is None:
                problems.append(f"{path.name}:{number}: synonym before any actor")
                continue
            current.phrases.extend(_phrase_variants(stripped))
            current.code_groups.extend(groups)
        elif stripped:
            variants = _phrase_variants(stripped)
            if not variants:
                problems.append(f"{path.name}:{number}: no phrase")
                continue
            # A code on the primary line is the default (or, written with dates, a dated code).
            current = ActorEntry(name=variants[0], phrases=variants, code_groups=list(groups), source=path.name)
            entries.append(current)
        elif bracket and current is not None:
            current.code_groups.extend(groups)
    return Loaded(entries, problems)


# --- agent dictionaries -----------------------------------------------------------------------------------


def _plural(word: str) -> str:
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("S", "X", "CH", "SH", "Z")):
        return word + "ES"
    return word + "S"


def _agent_forms(phrase: str, plural_spec: str | None) -> list[str]:
    """Singular and plural forms of an agent phrase. ``plural_spec`` is None (regular plural), "" (no
    plural) or the irregular plural."""
    words = [w for w in re.split(r"[_\s]+", phrase.strip()) if w]
    if not words:
        return []
    singular = "_".join(words)
    if plural_spec is None:
        plural = "_".join([*words[:-1], _plural(words[-1])])
        return [singular, plural]
    if plural_spec.strip():
        return [singular, "_".join(w for w in re.split(r"[_\s]+", plural_spec.strip()) if w)]
    return [singular]


def read_agent_dictionary(path: str | Path) -> Loaded:
    path = Path(path)
    text = _read_text(path, "agent dictionary")
    markers: dict[str, list[str]] = {}
    entries: list[AgentEntry] = []
    problems: list[str] = []
    for number, line in _content_lines(text):
        definition = _MARKER_DEFINITION.match(line)
        if definition and "[" not in line:
            markers[definition.group(1).strip().upper()] = [
                w.strip().upper() for w in definition.group(2).split(",") if w.strip()
            ]
            continue
        groups = _BRACKETS.findall(line)
        if not groups:
            problems.append(f"{path.name}:{number}: agent without a code")
            continue
        code = groups[0].replace(" ", "").upper()
        if "~" not in code:
            problems.append(f"{path.name}:{number}: agent code {code!r} has no ~")
            continue
        prefix, _, suffix = code.partition("~")
        phrase_part = line.partition("[")[0].strip().upper()
        plural_spec = None
        if "{" in phrase_part:
            if "}" not in phrase_part:
                problems.append(f"{path.name}:{number}: missing }}")
                continue
            head, _, rest = phrase_part.partition("{")
            plural_spec, phrase_part = rest.partition("}")[0], head.strip()
        marker = _MARKER_USE.search(phrase_part)
        if marker:
            substitutes = markers.get(marker.group(1).strip().upper())
            if substitutes is None:
                problems.append(f"{path.name}:{number}: substitution marker !{marker.group(1)}! is not defined")
                continue
            # Each substitute is used as it is: the set already lists singular and plural forms.
            phrases = [phrase_part[: marker.start()] + s + phrase_part[marker.end() :] for s in substitutes]
        else:
            phrases = _agent_forms(phrase_part, plural_spec)
        if phrases:
            entries.append(AgentEntry(phrases=phrases, suffix=suffix, prefix=prefix, source=path.name))
    return Loaded(entries, problems)
