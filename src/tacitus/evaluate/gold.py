"""Readers for the gold corpora, giving each document its text and token offsets into that text.

Both Wikinews corpora come tokenised. :func:`load_gum` rebuilds the original text exactly (GUM marks
``SpaceAfter=No`` and paragraphs); :func:`load_meantime` rebuilds a readable text from MEANTIME's tokens
(title line, date line, body). Each scorer reads its annotations from ``GoldDoc.tokens`` (GUM: the CoNLL-U
MISC column; MEANTIME: token ids) and ``GoldDoc.source`` (the parsed file).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from tacitus.errors import TacitusError

MEANTIME_DIR = "meantime_en/data/meantime_newsreader_english_oct15/intra-doc_annotation"
GUM_DIR = "gum_news/dep"
GSR_FILE = "plover_gsr/PLOVER_GSR_CAMEO.txt"


@dataclass
class GoldToken:
    id: str
    start: int
    end: int
    text: str
    sentence: int
    misc: str = ""


@dataclass
class GoldDoc:
    id: str
    title: str | None
    url: str | None
    published: str | None
    text: str
    tokens: list[GoldToken] = field(default_factory=list)
    source: object = None  # the corpus's own parsed form of the document

    def token(self, token_id: str) -> GoldToken:
        if not hasattr(self, "_by_id"):
            self._by_id = {t.id: t for t in self.tokens}
        return self._by_id[token_id]


def gold_path(gold_dir: str | Path, relative: str) -> Path:
    path = Path(gold_dir) / relative
    if not path.exists():
        raise TacitusError("E008", path=str(path), expected=relative)
    return path


# --- PLOVER GSR --------------------------------------------------------------------------------------


def load_gsr(gold_dir: str | Path) -> list[dict]:
    """The PLOVER gold standard records that have a sentence (not the file's DOCUMENT header)."""
    records = json.loads(gold_path(gold_dir, GSR_FILE).read_text(encoding="utf-8"))
    return [r for r in records if r.get("text") and r.get("event") != "DOCUMENT"]


# --- GUM -----------------------------------------------------------------------------------------------


def load_gum(gold_dir: str | Path) -> list[GoldDoc]:
    """The 24 GUM Wikinews documents, text rebuilt exactly, one token per CoNLL-U word (MISC kept)."""
    return [read_gum_conllu(path) for path in sorted(gold_path(gold_dir, GUM_DIR).glob("*.conllu"))]


def read_gum_conllu(path: Path) -> GoldDoc:
    meta: dict[str, str] = {}
    pieces: list[str] = []
    tokens: list[GoldToken] = []
    dates: list[str] = []
    sentence = -1
    sentence_text = ""
    cursor = 0  # position in the current sentence's text
    offset = 0  # position of the current sentence's start in the document
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id"):
            meta["id"] = line.split("=", 1)[1].strip()
        elif line.startswith("# meta::"):
            key, _, value = line[len("# meta::") :].partition(" = ")
            meta[key.strip()] = value.strip()
        elif line.startswith("# newpar") and not line.startswith("# newpar_block") and pieces:
            pieces.append("\n\n")
        elif line.startswith("# sent_id"):
            sentence += 1
        elif line.startswith("# text = "):
            # The sentence text is authoritative for spacing; words are found in it in order.
            sentence_text = line[len("# text = ") :]
            if pieces and not pieces[-1].endswith("\n"):
                pieces.append(" ")
            offset = sum(len(p) for p in pieces)
            pieces.append(sentence_text)
            cursor = 0
        elif line and not line.startswith("#"):
            columns = line.split("\t")
            if "-" in columns[0] or "." in columns[0]:
                continue  # multi-word and empty tokens carry no text of their own
            word, misc = columns[1], columns[9]
            found = sentence_text.find(word, cursor)
            start = found if found >= 0 else cursor
            cursor = start + len(word)
            tokens.append(GoldToken(f"{sentence}-{columns[0]}", offset + start, offset + cursor, word, sentence, misc))
            dates.extend(re.findall(r'<date when:::"([\d-]+)"', misc))
    full_dates = [d for d in dates if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d)]
    return GoldDoc(
        id=meta.get("id", path.stem),
        title=meta.get("title"),
        url=meta.get("sourceURL"),
        # The dateline (the first full date in the text) is the publication date; the wiki page may be older.
        published=full_dates[0] if full_dates else meta.get("dateCreated"),
        text="".join(pieces),
        tokens=tokens,
        source=path,
    )


# --- MEANTIME ------------------------------------------------------------------------------------------

_NO_SPACE_BEFORE = re.compile(r"^([.,;:!?%)\]}]|'s|'|n't|'re|'ve|'ll|'d|'m|”|’)$", re.IGNORECASE)
_NO_SPACE_AFTER = {"(", "[", "{", "$", "“", "‘", "#"}


def load_meantime(gold_dir: str | Path) -> list[GoldDoc]:
    """The 120 MEANTIME English documents; text is title, a blank line, date line, a blank line, body."""
    root = gold_path(gold_dir, MEANTIME_DIR)
    return [read_meantime_xml(path) for path in sorted(root.glob("*/*.xml"))]


def read_meantime_xml(path: Path) -> GoldDoc:
    document = ET.parse(path).getroot()
    pieces: list[str] = []
    tokens: list[GoldToken] = []
    offset = 0
    previous_sentence = None
    previous_text = None
    open_double_quote = False
    for element in document.iter("token"):
        # Penn Treebank quote marks back to the marks the article used.
        word = {"``": '"', "''": '"'}.get(element.text or "", element.text or "")
        sentence = int(element.get("sentence"))
        separator = ""
        if previous_sentence is not None:
            if sentence != previous_sentence and sentence <= 2:
                separator = "\n\n"  # the title and the date line stand alone
            elif word == '"':
                separator = "" if open_double_quote else " "
            elif (
                _NO_SPACE_BEFORE.match(word)
                or previous_text in _NO_SPACE_AFTER
                or (previous_text == '"' and open_double_quote)
            ):
                separator = ""
            else:
                separator = " "
        if word == '"':
            open_double_quote = not open_double_quote
        pieces.append(separator + word)
        offset += len(separator)
        tokens.append(GoldToken(element.get("t_id"), offset, offset + len(word), word, sentence))
        offset += len(word)
        previous_sentence, previous_text = sentence, word
    creation = next(
        (t.get("value") for t in document.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"),
        None,
    )
    text = "".join(pieces)
    title_end = max((t.end for t in tokens if t.sentence == 0), default=0)
    return GoldDoc(
        id=document.get("doc_id"),
        title=text[:title_end] or None,
        url=document.get("url"),
        published=creation if creation and re.fullmatch(r"\d{4}-\d{2}-\d{2}", creation) else None,
        text=text,
        tokens=tokens,
        source=document,
    )
