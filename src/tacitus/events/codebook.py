"""CAMEO event codes and their PLOVER equivalents: names, roots, QuadClass, Goldstein scores, PLOVER type/mode/context.

Sources (copied into ``data/``, credited in NOTICE):

- ``cameo_codes.csv``: every CAMEO code with its root, QuadClass and the GDELT and ICEWS Goldstein values. GDELT's
  value is used (it is what GDELT users compare against); ICEWS's only where GDELT has none.
- ``CAMEO2PLOVER-2021.txt``: the Open Event Data Alliance's CAMEO -> PLOVER table (event, mode, contexts).
- ``plover_event_mode_scores.csv``: PLOVER's -10..+10 score per event type and mode.

The table is silent on CAMEO roots 01 (public statements, which PLOVER drops as non-events) and 02 (appeals, which
PLOVER files under REQUEST); :data:`OWN_PLOVER_RULES` fills those gaps and is marked as ours in the docs. Where the
table contradicts the PLOVER manual, :data:`MANUAL_CORRECTIONS` follows the manual.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

# PLOVER 2.0 event types (the manual's 16).
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

# Where CAMEO2PLOVER says nothing: appeals are requests in PLOVER (the manual's REQUEST covers "appeal" and
# "demand"); statements (01x) have no PLOVER type except the few that are really something else.
OWN_PLOVER_RULES: dict[str, tuple[str | None, str | None, list[str]]] = {
    "02": ("REQUEST", None, []),
    "020": ("REQUEST", None, []),
    "021": ("REQUEST", "assist", []),
    "0211": ("REQUEST", "assist", ["economic"]),
    "0212": ("REQUEST", "assist", ["military"]),
    "0213": ("REQUEST", "assist", ["legal"]),
    "0214": ("REQUEST", "assist", ["intelligence"]),
    "022": ("REQUEST", "assist", ["diplomatic"]),
    "023": ("REQUEST", "assist", []),
    "0231": ("REQUEST", "assist", ["economic"]),
    "0232": ("REQUEST", "assist", ["military"]),
    "0233": ("REQUEST", "assist", ["humanitarian"]),
    "0234": ("REQUEST", "assist", ["peacekeeping"]),
    "024": ("REQUEST", "change", ["political_institutions"]),
    "0241": ("REQUEST", "change", ["executive"]),
    "0242": ("REQUEST", "change", ["executive"]),
    "0243": ("REQUEST", "change", ["rights_freedoms"]),
    "0244": ("REQUEST", "change", ["political_institutions"]),
    "025": ("REQUEST", "yield", []),
    "0251": ("REQUEST", "yield", ["legal"]),
    "0252": ("REQUEST", "yield", ["legal"]),
    "0253": ("REQUEST", "yield", ["legal"]),
    "0254": ("REQUEST", "yield", ["economic"]),
    "0255": ("REQUEST", "yield", ["diplomatic"]),
    "0256": ("REQUEST", "yield", ["military"]),
    "026": ("REQUEST", "meet", ["diplomatic"]),
    "027": ("REQUEST", "meet", ["diplomatic"]),
    "028": ("REQUEST", "meet", ["diplomatic"]),
    # Statements that PLOVER codes as events of their own kind.
    "016": ("REJECT", None, []),  # deny responsibility
    "019": ("AGREE", None, ["diplomatic"]),  # express accord
    "015": (None, None, []),
    # CAMEO codes missing from the 2021 table.
    "1834": ("ASSAULT", "explosives", []),
    "1823": ("ASSAULT", None, []),
    "197": ("ASSAULT", None, ["military"]),
    # CAMEO's "attack cybernetically" is absent from the table; the PLOVER manual codes cyber attacks as COERCE
    # 'cyber'.
    "176": ("COERCE", "cyber", ["cyber"]),
}

# Where the 2021 table contradicts the PLOVER 2.0 manual, the manual wins:
# - SANCTION: "International (political or economic) sanctions are coded as 'discontinue'"; the table files CAMEO
#   163 (impose embargo, boycott or sanctions) under COERCE 'restrict'.
# - CONCEDE covers "removing curfews" and the easing of legal restrictions ("the lifting of a curfew is,
#   effectively, a promise"); the table moved 0813 (ease curfew) and 0814 (ease state of emergency) to RETREAT.
# - RETREAT "also covers resignations of government officials" (mode 'resign'); the table keeps 0831 (accede to
#   demands for change in leadership: the resignation) under CONCEDE.
MANUAL_CORRECTIONS: dict[str, tuple[str | None, str | None, list[str]]] = {
    "163": ("SANCTION", "discontinue", ["diplomatic"]),
    "0813": ("CONCEDE", None, ["legal"]),
    "0814": ("CONCEDE", None, ["legal"]),
    "0831": ("RETREAT", "resign", ["political_institutions"]),
}

# PLOVER type (and mode) -> the CAMEO code that stands for it when only the type is known (the classifier's path).
REPRESENTATIVE_CAMEO: dict[tuple[str, str | None], str] = {
    ("AGREE", None): "030", ("CONSULT", None): "040", ("CONSULT", "phone"): "041", ("CONSULT", "visit"): "042",
    ("CONSULT", "third-party"): "044", ("CONSULT", "multilateral"): "040", ("SUPPORT", None): "050",
    ("CONCEDE", None): "080", ("COOPERATE", None): "060", ("AID", None): "070", ("RETREAT", None): "084",
    ("RETREAT", "release"): "0841", ("RETREAT", "return"): "0842", ("RETREAT", "ceasefire"): "0871",
    ("RETREAT", "withdraw"): "0872", ("RETREAT", "disarm"): "0873", ("RETREAT", "resign"): "0831",
    ("RETREAT", "access"): "086", ("REQUEST", None): "020", ("REQUEST", "assist"): "021",
    ("REQUEST", "change"): "104", ("REQUEST", "yield"): "105", ("REQUEST", "meet"): "106", ("ACCUSE", None): "112",
    ("ACCUSE", "disapprove"): "111", ("ACCUSE", "allege"): "112", ("ACCUSE", "investigate"): "090",
    ("REJECT", None): "120", ("THREATEN", None): "130", ("THREATEN", "violence"): "138",
    ("THREATEN", "restrict"): "1312", ("THREATEN", "relations"): "1313", ("PROTEST", None): "140",
    ("PROTEST", "demo"): "141", ("PROTEST", "hunger"): "142", ("PROTEST", "strike"): "143",
    ("PROTEST", "boycott"): "143", ("PROTEST", "obstruct"): "144", ("PROTEST", "riot"): "145",
    ("SANCTION", None): "160", ("SANCTION", "withdraw"): "161", ("SANCTION", "discontinue"): "162",
    ("SANCTION", "expel"): "166", ("SANCTION", "convict"): "172", ("MOBILIZE", None): "150",
    ("MOBILIZE", "police"): "153", ("MOBILIZE", "troops"): "154", ("MOBILIZE", "militia"): "154",
    ("MOBILIZE", "weapons"): "154", ("COERCE", None): "170", ("COERCE", "seize"): "171", ("COERCE", "arrest"): "173",
    ("COERCE", "deport"): "174", ("COERCE", "restrict"): "172", ("COERCE", "ban"): "1722",
    ("COERCE", "curfew"): "1723", ("COERCE", "martial-law"): "1724", ("COERCE", "censor"): "1721",
    ("COERCE", "cyber"): "176",
    ("ASSAULT", None): "190", ("ASSAULT", "abduct"): "181", ("ASSAULT", "beat"): "182", ("ASSAULT", "sexual"): "1821",
    ("ASSAULT", "torture"): "1822", ("ASSAULT", "explosives"): "183", ("ASSAULT", "suicide-attack"): "1831",
    ("ASSAULT", "assassinate"): "186", ("ASSAULT", "firearms"): "193", ("ASSAULT", "heavy-weapons"): "194",
    ("ASSAULT", "aerial"): "195", ("ASSAULT", "drone"): "195", ("ASSAULT", "massacre"): "202",
    ("ASSAULT", "unconventional"): "204", ("ASSAULT", "destroy"): "1712",
}  # fmt: skip


# CAMEO's rule for stated intentions: an intention to cooperate is coded in root 03 ("will provide aid" -> 033,
# not 07), an intention to use force or pressure in root 13 ("will attack" -> 138, not 19). Code -> intent code,
# most specific prefix first.
INTENT_CODES: dict[str, str] = {
    "04": "036", "05": "032", "057": "037", "06": "031", "061": "0311", "062": "0312", "063": "0313",
    "064": "0314", "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334", "08": "035",
    "081": "0351", "082": "0352", "083": "0341", "084": "0353", "0841": "0353", "085": "0354", "086": "0355",
    "087": "0356", "0871": "0356", "14": "133", "15": "138", "16": "131", "161": "1313", "162": "1311",
    "163": "1312", "164": "134", "165": "135", "166": "136", "17": "137", "172": "132", "173": "137",
    "1721": "1321", "1722": "1322",
    "1723": "1323", "1724": "1324", "191": "1381", "192": "1382", "18": "1383", "19": "138", "194": "1384",
    "195": "1384", "20": "1383", "204": "1385", "2041": "1385", "2042": "1385",
}  # fmt: skip


# A refusal to do X is a rejection (root 12) of the matching kind: "refused to allow" -> 124, "to meet" -> 125.
REFUSAL_CODES: dict[str, str] = {
    "03": "120", "04": "125", "05": "120", "06": "121", "061": "1211", "062": "1212", "063": "1213", "064": "1214",
    "07": "122", "071": "1221", "072": "1222", "073": "1223", "074": "1224", "08": "124", "081": "1241",
    "082": "1242", "083": "123", "084": "1243", "085": "1244", "086": "1245", "087": "1246",
}  # fmt: skip


def refusal_code(code: str) -> str | None:
    """The CAMEO code for refusing to do ``code`` (root 12), for cooperative acts."""
    for prefix in (code, code[:3], code[:2]):
        if prefix in REFUSAL_CODES:
            return REFUSAL_CODES[prefix]
    return None


def intent_code(code: str) -> str | None:
    """The CAMEO code for a stated intention to do ``code`` (root 03 or 13), if CAMEO has one."""
    for prefix in (code, code[:3], code[:2]):
        if prefix in INTENT_CODES:
            return INTENT_CODES[prefix]
    return None


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float


@dataclass(frozen=True)
class PloverCoding:
    type: str | None
    mode: str | None
    contexts: tuple[str, ...]


class Codebook:
    """Look up a CAMEO code's name, root, QuadClass, Goldstein value and PLOVER coding."""

    def __init__(self, codes: dict[str, CameoCode], plover: dict[str, PloverCoding], scores: dict) -> None:
        self.codes = codes
        self.plover_table = plover
        self.scores = scores

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def cameo(self, code: str) -> CameoCode | None:
        return self.codes.get(code)

    def plover(self, code: str) -> PloverCoding:
        """The PLOVER coding of a CAMEO code: its own row, else its parent's (``0231`` -> ``023``), else its root's."""
        for key in (code, code[:3], code[:2]):
            if key in self.plover_table:
                return self.plover_table[key]
        return PloverCoding(None, None, ())

    def plover_score(self, event_type: str, mode: str | None) -> float | None:
        return self.scores.get((event_type, mode or "")) or self.scores.get((event_type, ""))

    def representative(self, event_type: str, mode: str | None = None) -> str:
        """The CAMEO code that stands for a PLOVER type (and mode) when nothing more specific is known."""
        return REPRESENTATIVE_CAMEO.get((event_type, mode)) or REPRESENTATIVE_CAMEO[(event_type, None)]


def _read_codes(path: Path) -> dict[str, CameoCode]:
    codes = {}
    unscored = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            goldstein = row["gdelt_goldstein"] or row["icews_goldstein"]
            name = row["gdelt_name"] or row["icews_name"]
            if not goldstein or goldstein == "NA":
                unscored.append((row, name))
                continue
            codes[row["code"]] = CameoCode(row["code"], name, row["root"], int(row["quad_class"]), float(goldstein))
    # ICEWS's additions without a Goldstein value ("176 Attack cybernetically") take their root's (17: -7.0).
    for row, name in unscored:
        root = codes.get(row["root"])
        if root is not None:
            codes[row["code"]] = CameoCode(row["code"], name, row["root"], int(row["quad_class"]), root.goldstein)
    return codes


_PLOVER_LINE = re.compile(r"^(\d{2,4}):\s*([^#]*)")


def _read_plover(path: Path) -> dict[str, PloverCoding]:
    table: dict[str, PloverCoding] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _PLOVER_LINE.match(line)
        if not match:
            continue
        code, rest = match.groups()
        fields = [f.strip() for f in rest.split(",")]
        event = fields[0] or None
        mode = fields[1] if len(fields) > 1 and fields[1] else None
        # The table lists a few codes twice (e.g. 175); the first row is the one meant.
        if len(code) == 2 or code in table:
            continue
        contexts = tuple(c.strip() for c in (fields[2] if len(fields) > 2 else "").split(";") if c.strip())
        # "pro_autocracy" once sits in the mode column (175): a mode is one of PLOVER's lowercase mode words.
        if mode and "_" in mode:
            contexts, mode = (mode, *contexts), None
        table[code] = PloverCoding(event, mode, contexts)
    for code, (event, mode, contexts) in OWN_PLOVER_RULES.items():
        table.setdefault(code, PloverCoding(event, mode, tuple(contexts)))
    for code, (event, mode, contexts) in MANUAL_CORRECTIONS.items():
        table[code] = PloverCoding(event, mode, tuple(contexts))
    return table


def _read_scores(path: Path) -> dict[tuple[str, str], float]:
    with path.open(encoding="utf-8") as handle:
        return {(row["event"], row["mode"]): float(row["score"]) for row in csv.DictReader(handle)}


@cache
def codebook() -> Codebook:
    """The packaged codebook, read once per process."""
    return Codebook(
        _read_codes(DATA / "cameo_codes.csv"),
        _read_plover(DATA / "CAMEO2PLOVER-2021.txt"),
        _read_scores(DATA / "plover_event_mode_scores.csv"),
    )
