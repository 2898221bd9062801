"""CAMEO actor codes: reading them into parts and writing them from parts.

A CAMEO actor code is a string of three-letter blocks: a root (a country such as ``IRN``, or an
international or non-state root such as ``IGO``, ``NGO``, ``IMG``), then role (sector) blocks such as
``GOV``, ``MIL``, ``REB``, and sometimes organisation blocks (``IGOUNOKID``: the UN's children's fund).
PETRARCH writes ``---`` for an unknown root (``---GOV``: some government).
"""

from __future__ import annotations

from dataclasses import dataclass

import pycountry

from tacitus.actors.words import words

UNKNOWN_ROOT = "---"

# Roots that are not countries (CAMEO manual, "international and transnational actors").
NON_STATE_ROOTS = frozenset({"IGO", "NGO", "IMG", "MNC", "UIS", "INT"})

# Regions (CAMEO manual, "regions"): a root less specific than any country a name states.
REGION_ROOTS = words(
    """AFR ASA BLK CAF CAS CAU CEU CFR CRB EAF EEU EIN EUR LAM MDT MEA NAF NMR PGS SAF SAM SAS SCN SEA WAF WEU
    WST"""
)
# CAMEO codes of countries whose ISO 3166 code changed: the same country, written as ISO writes it now.
RENAMED_COUNTRIES = {"TMP": "TLS", "ZAR": "COD", "ROM": "ROU", "BUR": "MMR"}

# Role codes of the CAMEO manual (domestic roles, and the religious and other secondary roles); the sector
# set of a configuration adds every block its agent dictionaries use.
CAMEO_SECTORS = words(
    """COP GOV INS JUD MIL OPP PTY REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG MED REF MOD
    RAD REL CHR CTH PRO JEW MUS SHI SUN BUD HIN JRN NGO"""
)


# Agent codes that are no role: UNK (an actor of unknown role: "group", "member"), and the markers of words
# that are no actor (NON, JNK). PPL is not a CAMEO code; the supplementary agents file codes "people" CVL.
NOT_ACTORS = frozenset({"NON", "JNK"})
NOT_SECTORS = frozenset({"UNK", "NON", "JNK", "PPL"})


def iso_countries() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries)


@dataclass(frozen=True)
class ParsedCode:
    root: str | None  # first block unless it is a role ("---" and roles alone have no root)
    country: str | None  # the first block that is an ISO 3166 alpha-3 country
    sectors: tuple[str, ...]  # role blocks after the root, in order
    blocks: tuple[str, ...]


@dataclass(frozen=True)
class CodeBook:
    """Which blocks are roles (sectors) and which are countries, for one configuration."""

    sectors: frozenset[str]
    countries: frozenset[str]

    @classmethod
    def from_agents(cls, agents: list) -> CodeBook:
        blocks = set(CAMEO_SECTORS)
        for agent in agents:
            blocks.update(split_blocks(agent.suffix))
        blocks -= NOT_SECTORS
        return cls(sectors=frozenset(blocks - NON_STATE_ROOTS) | {"NGO"}, countries=iso_countries())

    @staticmethod
    def is_not_actor(agent_code: str) -> bool:
        """PLOVER_agents marks words that are no actor at all ("Friday", "the border") with NON or JNK."""
        blocks = split_blocks(agent_code)
        return bool(blocks) and all(b in NOT_ACTORS for b in blocks)

    def parse(self, code: str | None) -> ParsedCode:
        if not code:
            return ParsedCode(None, None, (), ())
        blocks = split_blocks(code)
        if not blocks:
            return ParsedCode(None, None, (), ())
        blocks = [RENAMED_COUNTRIES.get(b, b) for b in blocks]
        first = blocks[0]
        is_role = first in self.sectors and first not in NON_STATE_ROOTS and first not in self.countries
        if first == UNKNOWN_ROOT or is_role:
            root, rest = None, blocks if first != UNKNOWN_ROOT else blocks[1:]
        else:
            root, rest = first, blocks[1:]
        if root in self.countries:
            country = root
        else:
            # "NGOARN": an NGO of a country; "SCGSRB": Serbia within Serbia and Montenegro (SCG, no longer an
            # ISO code); "IMGMUSALQ" is Muslim (MUS, a role), not Mauritius (MUS).
            country = next((b for b in rest if b in self.countries and b not in self.sectors), None)
        sectors = tuple(b for b in rest if b in self.sectors and b != country)
        return ParsedCode(root, country, sectors, tuple(blocks))

    def compose(
        self, root: str | None, sectors: list[str] | tuple[str, ...], prefix: tuple[str, ...] = ()
    ) -> str | None:
        """``root`` + ``sectors`` as one code; None when nothing is known. Blocks already in the root's code
        are not repeated (``IRNMIL`` + ``MIL`` is ``IRNMIL``)."""
        if not root and not sectors and not prefix:
            return None
        root_blocks = split_blocks(root) if root else [UNKNOWN_ROOT]
        blocks = [*prefix, *root_blocks]
        for sector in sectors:
            if sector not in blocks:
                blocks.append(sector)
        return "".join(blocks)


def split_blocks(code: str) -> list[str]:
    """``IRNGOVMIL`` -> ``[IRN, GOV, MIL]``; a trailing fragment shorter than three letters is kept whole."""
    code = code.strip().upper()
    return [code[i : i + 3] for i in range(0, len(code), 3) if code[i : i + 3]]
