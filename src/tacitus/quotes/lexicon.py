"""The cue lexicon: which words report speech, which give names, which make a quoted stretch a title.

Loaded once per process from ``quotes/data/cues.tsv`` (or the file named by the stage's ``cues`` setting).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tacitus.errors import TacitusError

DEFAULT_CUES = Path(__file__).parent / "data" / "cues.tsv"
CLASSES = ("speech", "direct", "describe", "naming", "title")


@dataclass(frozen=True)
class CueLexicon:
    speech: frozenset[str]  # verbs that report a quotation or a clause: say, warn ...
    direct: frozenset[str]  # verbs that introduce a quotation but no clause: continue, read
    describe: frozenset[str]  # verbs that characterise their object in the speaker's words: describe, call
    naming: frozenset[str]  # verbs that give a name: name, dub, title
    title: frozenset[str]  # nouns that make the quoted words a title or a mentioned term: song, slogan

    def introduces_quote(self, lemma: str) -> bool:
        return lemma in self.speech or lemma in self.direct or lemma in self.describe


@cache
def load_cues(path: str | None = None) -> CueLexicon:
    """The lexicon in ``path`` (the packaged one when None); cached, so each file is read once per process."""
    source = Path(path) if path else DEFAULT_CUES
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise TacitusError("E501", path=str(source), reason=error.strerror or str(error)) from error
    words: dict[str, set[str]] = {name: set() for name in CLASSES}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        word, _, kind = line.partition("\t")
        if kind.strip() not in words:
            raise TacitusError("E502", path=str(source), line=number, known=", ".join(CLASSES))
        words[kind.strip()].add(word.strip().lower())
    return CueLexicon(**{name: frozenset(found) for name, found in words.items()})
