"""``tacitus eval quotes``: quotation spans on GUM's ``<quote>`` markup, speakers on the annotated Wikinews set.

Two gold sets, each scored for tacitus and for the baseline, textacy's ``direct_quotations`` (rules over
the same spaCy parse; direct quotations only):

1. **GUM news** (``../shared/gold/gum_news``, 24 Wikinews documents): ``<quote>`` marks quoted speech,
   whole quotations and quoted fragments of reported speech alike; ``<q>`` marks mentioned and scare-quoted
   words and titles. Predicted spans are tacitus's direct quotations plus the quoted fragments of its mixed
   ones. GUM's XML cannot cross a sentence, so a quotation over several sentences is several ``<quote>``
   elements: pieces are joined when one lacks its closing mark and the next follows it directly.
2. **The annotated Wikinews set** (``tests/data/quotes/wikinews-quotes.jsonl``, in the repository): whole
   MEANTIME Wikinews articles with every direct, indirect and mixed quotation and its speaker annotated by
   hand (see docs/quotes.md). It gives direct and reported span F1 and speaker accuracy.

Spans are compared after the same normalisation on both sides (:func:`normalise`): quotation marks, edge
spaces and end punctuation are not part of what was said, nor are words after the closing mark (GUM
appends a language tag, ``"..." ((it))``). "exact" needs equal normalised spans, "overlap" a one-to-one
pairing of overlapping spans.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from tacitus.config import Settings
from tacitus.evaluate.gold import GoldDoc, gold_path, load_gum
from tacitus.evaluate.metrics import Accuracy, Report, Score
from tacitus.pipeline import STAGE_PREFIX, Pipeline
from tacitus.quotes.marks import find_stretches
from tacitus.quotes.speakers import SPEECH_CARRIERS
from tacitus.record import Article, Record

ANNOTATED_SET = Path(__file__).resolve().parents[3] / "tests" / "data" / "quotes" / "wikinews-quotes.jsonl"
QUOTE_CHARS = "\"“”„«»‘’‚'"
END_PUNCTUATION = ",.;:!?"
XML_TAG = re.compile(r"<(/?)(quote|q)\b[^>]*>")
GUM_XML_DIR = "gum_news/xml"
PRONOUN_WORDS = {"he", "she", "it", "they", "we", "i", "him", "her", "them", "his", "its", "their", "you"}
TARGETS = {"direct": 0.95, "speaker": 0.90, "indirect": 0.75}
# Head nouns of a speaker that is a text, not an actor ("Other reports", "The bankruptcy filing"): no actor
# id is owed where the gold names no one behind it.
DOCUMENT_NOUNS = SPEECH_CARRIERS | {"filing", "study", "survey", "poll", "article", "paper", "account"}

CharSpan = tuple[int, int]


def normalise(text: str, start: int, end: int) -> CharSpan:
    """The span of what was said: no marks, spaces or end punctuation at its edges, nothing after its closing
    mark."""
    piece = text[start:end]
    if piece[:1] in QUOTE_CHARS:
        last = max(piece.rfind(c) for c in QUOTE_CHARS)
        if 0 < last < len(piece) - 1 and re.search(r"\w", piece[last + 1 :]):
            end = start + last + 1
    while start < end and (text[start].isspace() or text[start] in QUOTE_CHARS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTE_CHARS + END_PUNCTUATION):
        end -= 1
    return start, end


def match(gold: list[CharSpan], predicted: list[CharSpan]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of overlapping spans, the largest overlaps first."""
    overlaps = []
    for g, (gs, ge) in enumerate(gold):
        for p, (ps, pe) in enumerate(predicted):
            size = min(ge, pe) - max(gs, ps)
            if size > 0:
                overlaps.append((size, g, p))
    pairs, used_gold, used_predicted = [], set(), set()
    for _, g, p in sorted(overlaps, reverse=True):
        if g not in used_gold and p not in used_predicted:
            pairs.append((g, p))
            used_gold.add(g)
            used_predicted.add(p)
    return pairs


def score_spans(gold: list[CharSpan], predicted: list[CharSpan], exact: Score, overlap: Score) -> None:
    exact.add(gold, predicted)
    pairs = len(match(gold, predicted))
    overlap.tp += pairs
    overlap.fp += len(predicted) - pairs
    overlap.fn += len(gold) - pairs


# --- GUM --------------------------------------------------------------------------------------------------


def gum_spans(doc: GoldDoc, gold_dir: Path) -> tuple[list[CharSpan], list[CharSpan]]:
    """The ``<quote>`` spans (pieces of one quotation joined) and the ``<q>`` spans of a GUM document.

    Read from GUM's XML (``xml/<doc>.xml``), whose token lines are the CoNLL-U words in the same order: the
    CoNLL-U MISC column carries only the elements inside a sentence, while a quotation of whole sentences or
    paragraphs is an element around them.
    """
    path = gold_path(gold_dir, f"{GUM_XML_DIR}/{doc.id}.xml")
    open_tags: list[tuple[str, int]] = []
    spans: dict[str, list[CharSpan]] = {"quote": [], "q": []}
    word = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("<"):
            word += bool(line)
            continue
        tag = XML_TAG.match(line)
        if tag is None:
            continue
        closing, name = tag.groups()
        if not closing:
            open_tags.append((name, word))
            continue
        for k in range(len(open_tags) - 1, -1, -1):
            if open_tags[k][0] == name:
                first = open_tags.pop(k)[1]
                if word > first:
                    spans[name].append((doc.tokens[first].start, doc.tokens[word - 1].end))
                break
    return _join_pieces(doc.text, sorted(spans["quote"])), sorted(spans["q"])


def _join_pieces(text: str, pieces: list[CharSpan]) -> list[CharSpan]:
    joined: list[CharSpan] = []
    for start, end in pieces:
        if joined:
            previous_start, previous_end = joined[-1]
            unclosed = text[previous_start:previous_end].rstrip()[-1:] not in QUOTE_CHARS
            if unclosed and not text[previous_end:start].strip():
                joined[-1] = (previous_start, end)
                continue
        joined.append((start, end))
    return joined


def split_at_narration(text: str, spans: list[CharSpan]) -> list[CharSpan]:
    """The one normalisation of GUM's markup (reported beside the raw figure, the same for every system): a
    ``<quote>`` holding two quotations with the writer's words between them ('"We want to thank ...," said
    Bolden to the gathered crowd ... "This was a very difficult decision ..."', GUM_news_nasa) is those two
    quotations, as GUM marks everywhere else."""
    result = []
    for start, end in spans:
        stretches = [s for s in find_stretches(text[start:end]) if s.depth == 0 and s.close_at is not None]
        piece = text[start:end]
        between = "".join(piece[a.close_at + 1 : b.open_at] for a, b in pairwise(stretches))
        if len(stretches) >= 2 and re.search(r"[A-Za-z]", between):
            result.extend((start + s.content_start, start + s.close_at) for s in stretches)
        else:
            result.append((start, end))
    return result


def spoken_spans(record: Record) -> list[CharSpan]:
    """What tacitus marks as quoted speech: its direct quotations and the quoted words of its mixed ones."""
    spans = []
    for quote in record.quotes:
        if quote.kind == "direct":
            spans.append((quote.start, quote.end))
        elif quote.kind == "mixed":
            spans.extend((f.start, f.end) for f in quote.fragments)
    return spans


@dataclass
class Baseline:
    """textacy's ``direct_quotations`` over the same spaCy parse."""

    pipeline: Pipeline
    gave_up: int = 0

    def quotes(self, text: str) -> list[tuple[CharSpan, CharSpan | None]]:
        """(content span, speaker span) of each direct quotation textacy finds."""
        from textacy.extract.triples import direct_quotations

        nlp = self.pipeline.nlp
        model_pipes = [name for name in nlp.pipe_names if not name.startswith(STAGE_PREFIX)]
        with nlp.select_pipes(enable=model_pipes):
            doc = nlp(text)
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # textacy gives up on a document with an odd number of quotation marks
            self.gave_up += 1
            return []
        found = []
        for triple in triples:
            content = (triple.content.start_char, triple.content.end_char)
            speaker = None
            if triple.speaker:
                speaker = (triple.speaker[0].idx, triple.speaker[-1].idx + len(triple.speaker[-1]))
            found.append((content, speaker))
        return found


def evaluate_gum(gold_dir: Path, pipeline: Pipeline, baseline: Baseline, report: Report, limit: int | None) -> None:
    # Ten of the 24 documents mark no quotation at all although some quote at length (GUM_news_warhol): their
    # quotations were not annotated, so only the documents that mark any are scored.
    docs = [d for d in load_gum(gold_dir) if gum_spans(d, gold_dir)[0]][:limit]
    scores = {system: (Score(), Score()) for system in ("tacitus", "textacy")}
    normalised = {system: Score() for system in scores}
    rejected = {system: Accuracy() for system in scores}
    articles = [Article(id=d.id, text=d.text, published=d.published) for d in docs]
    for doc, outcome in zip(docs, pipeline.code(articles), strict=True):
        gold, negatives = gum_spans(doc, gold_dir)
        split_gold = [normalise(doc.text, s, e) for s, e in split_at_narration(doc.text, gold)]
        gold = [normalise(doc.text, s, e) for s, e in gold]
        negatives = [normalise(doc.text, s, e) for s, e in negatives]
        # A <q> inside a <quote> ("She certainly wasn't 'forced' to be there.") is words quoted within a
        # quotation: finding that quotation must not count as taking the <q> for speech.
        negatives = [(s, e) for s, e in negatives if not any(gs <= s and e <= ge for gs, ge in gold)]
        predictions = {
            "tacitus": spoken_spans(outcome.record) if outcome.ok else [],
            "textacy": [content for content, _ in baseline.quotes(doc.text)],
        }
        for system, spans in predictions.items():
            spans = [normalise(doc.text, s, e) for s, e in spans]
            score_spans(gold, spans, *scores[system])
            normalised[system].add(split_gold, spans)
            paired = {g for g, _ in match(negatives, spans)}
            for n in range(len(negatives)):
                rejected[system].add(n not in paired)
    for system, (exact, _overlap) in scores.items():
        report.add("GUM <quote> span, exact", system, exact, TARGETS["direct"] if system == "tacitus" else None)
    for system, score in normalised.items():
        report.add("GUM <quote> span, exact, narration split", system, score)
    for system, (_exact, overlap) in scores.items():
        report.add("GUM <quote> span, overlap", system, overlap)
    for system, accuracy in rejected.items():
        report.add("GUM <q> (term, title) not taken for speech", system, accuracy)


# --- the annotated Wikinews set ---------------------------------------------------------------------------


@dataclass
class GoldQuote:
    start: int
    end: int
    kind: str
    speaker: CharSpan | None  # the words naming the speaker nearest the quotation ("he", "Mr Baird")
    speaker_names: list[CharSpan] = field(default_factory=list)  # and the speaker's name where that is a pronoun


def load_annotated(path: Path = ANNOTATED_SET) -> list[tuple[Article, list[GoldQuote]]]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        data = json.loads(line)
        article = Article(
            id=data["id"],
            title=data.get("title"),
            url=data.get("url"),
            published=data.get("published"),
            text=data["text"],
        )
        quotes = []
        for q in data["quotes"]:
            speaker = q.get("speaker")
            names = [(n["start"], n["end"]) for n in q.get("speaker_names", [])]
            quotes.append(
                GoldQuote(
                    q["start"], q["end"], q["kind"], (speaker["start"], speaker["end"]) if speaker else None, names
                )
            )
        items.append((article, quotes))
    return items


def _overlaps(a: CharSpan | None, spans: Iterable[CharSpan]) -> bool:
    return a is not None and any(min(a[1], e) > max(a[0], s) for s, e in spans)


def evaluate_annotated(pipeline: Pipeline, baseline: Baseline, report: Report, limit: int | None) -> None:
    items = load_annotated()[:limit]
    direct = {system: (Score(), Score()) for system in ("tacitus", "textacy")}
    reported = {system: (Score(), Score()) for system in ("tacitus", "textacy")}
    speaker = {system: Accuracy() for system in ("tacitus", "textacy")}
    actor = Accuracy()
    reported_speaker = Accuracy()
    reported_actor = Accuracy()
    # The same, only where the gold speaker is an actor (a person, organisation or group), not a text.
    actor_of_actors = Accuracy()
    reported_actor_of_actors = Accuracy()
    outcomes = pipeline.code(article for article, _ in items)
    for (article, gold), outcome in zip(items, outcomes, strict=True):
        text = article.text
        record = outcome.record if outcome.ok else None
        predicted = record.quotes if record else []
        actor_mentions = ActorMentions(text, record.actors if record else [])
        gold_direct = [q for q in gold if q.kind == "direct"]
        gold_reported = [q for q in gold if q.kind != "direct"]
        tacitus_direct = [q for q in predicted if q.kind == "direct"]
        tacitus_reported = [q for q in predicted if q.kind != "direct"]
        textacy = baseline.quotes(text)

        def spans(items_: Iterable, text: str = text) -> list[CharSpan]:
            return [normalise(text, s, e) for s, e in items_]

        g_direct = spans((q.start, q.end) for q in gold_direct)
        g_reported = spans((q.start, q.end) for q in gold_reported)
        t_direct = spans((q.start, q.end) for q in tacitus_direct)
        score_spans(g_direct, t_direct, *direct["tacitus"])
        score_spans(g_reported, spans((q.start, q.end) for q in tacitus_reported), *reported["tacitus"])
        x_direct = spans(content for content, _ in textacy)
        score_spans(g_direct, x_direct, *direct["textacy"])
        score_spans(g_reported, [], *reported["textacy"])

        # Speakers, on the gold quotations each system found (overlap): the words it names, and the actor.
        for g, p in match(g_direct, t_direct):
            _score_speaker(gold_direct[g], tacitus_direct[p], speaker["tacitus"], actor, actor_mentions)
            if names_an_actor(text, gold_direct[g]):
                _score_speaker(gold_direct[g], tacitus_direct[p], Accuracy(), actor_of_actors, actor_mentions)
        for g, p in match(g_direct, x_direct):
            expected = gold_direct[g]
            got = textacy[p][1]
            correct = got is None if expected.speaker is None else _overlaps(got, [expected.speaker])
            speaker["textacy"].add(correct)
        t_reported = spans((q.start, q.end) for q in tacitus_reported)
        for g, p in match(g_reported, t_reported):
            gold_quote, quote = gold_reported[g], tacitus_reported[p]
            _score_speaker(gold_quote, quote, reported_speaker, reported_actor, actor_mentions)
            if names_an_actor(text, gold_quote):
                _score_speaker(gold_quote, quote, Accuracy(), reported_actor_of_actors, actor_mentions)
    for system, (exact, _overlap) in direct.items():
        report.add("annotated direct span, exact", system, exact)
    for system, (_exact, overlap) in direct.items():
        report.add(
            "annotated direct span, overlap", system, overlap, TARGETS["direct"] if system == "tacitus" else None
        )
    for system, (_exact, overlap) in reported.items():
        report.add(
            "annotated indirect+mixed span, overlap",
            system,
            overlap,
            TARGETS["indirect"] if system == "tacitus" else None,
        )
    for system, (exact, _overlap) in reported.items():
        report.add("annotated indirect+mixed span, exact", system, exact)
    for system, accuracy in speaker.items():
        report.add(
            "speaker of found direct quotes", system, accuracy, TARGETS["speaker"] if system == "tacitus" else None
        )
    report.add("speaker actor id of found direct quotes", "tacitus", actor)
    report.add("speaker actor id of found direct quotes, actor speakers", "tacitus", actor_of_actors)
    report.add("speaker of found indirect+mixed quotes", "tacitus", reported_speaker)
    report.add("speaker actor id of found indirect+mixed quotes", "tacitus", reported_actor)
    report.add("speaker actor id of found indirect+mixed quotes, actor speakers", "tacitus", reported_actor_of_actors)


def names_an_actor(text: str, gold: GoldQuote) -> bool:
    """Whether the gold speaker is an actor: not a text with no one named behind it ("Other reports", "The
    bankruptcy filing"; "a statement by Boeing" and "Boeing's statement" name Boeing). A quote without a gold
    speaker owes no actor either way and is scored as before (right when none is given)."""
    if gold.speaker is None or gold.speaker_names:
        return True
    speaker = text[gold.speaker[0] : gold.speaker[1]]
    if re.search(r"['’]s\b", speaker):
        return True  # "Boeing's statement": its owner speaks
    words = re.findall(r"[A-Za-z-]+", speaker)
    head = words[-1] if words else ""
    if head[:1].isupper():
        return True  # a name ("The Washington Post"), not a text
    return head not in DOCUMENT_NOUNS and head.removesuffix("s") not in DOCUMENT_NOUNS


class ActorMentions:
    """Which actor the words of a gold speaker name are: the actor with a mention over them; where the actors
    stage made no mention there (a later "Djamal" after "Jusman Syafii Djamal"), an actor whose name or a
    mention has the same words, or ends with that surname. The quote's actor is right when it is that actor."""

    def __init__(self, text: str, actors: list) -> None:
        self.text = text
        self.spans = {a.id: [(m.start, m.end) for m in a.mentions] for a in actors}
        self.names = {a.id: {a.name, *(m.text for m in a.mentions)} for a in actors}

    def get(self, actor_id: str, default: list | None = None) -> list[CharSpan]:
        return self.spans.get(actor_id, default or [])

    def same(self, actor_id: str | None, name: CharSpan) -> bool:
        if actor_id is None:
            return False
        if _overlaps(name, self.get(actor_id)):
            return True
        if any(_overlaps(name, spans) for spans in self.spans.values()):
            return False  # the words are another actor's mention
        words = self.text[name[0] : name[1]]
        return any(n == words or (" " in n and n.split()[-1] == words) for n in self.names.get(actor_id, ()))


def _score_speaker(gold, quote, accuracy: Accuracy, actor: Accuracy | None, actor_mentions: ActorMentions) -> None:
    if gold.speaker is None:
        accuracy.add(quote.speaker_start is None)
        if actor is not None:
            actor.add(quote.speaker is None)
        return
    got = (quote.speaker_start, quote.speaker_end) if quote.speaker_start is not None else None
    accuracy.add(_overlaps(got, [gold.speaker, *gold.speaker_names]))
    if actor is not None:
        # The gold words that name the speaker: its names, and the speaker words themselves unless a pronoun
        # (an actor's mention over "he" says only how the actors stage resolved it, not who spoke).
        speaker_words = actor_mentions.text[gold.speaker[0] : gold.speaker[1]].lower()
        names = [*gold.speaker_names, *([gold.speaker] if speaker_words not in PRONOUN_WORDS else [])]
        names = names or [gold.speaker]
        actor.add(any(actor_mentions.same(quote.speaker, n) for n in names))


def evaluate(gold_dir: Path, settings: Settings, limit: int | None = None) -> Report:
    pipeline = Pipeline(settings)
    baseline = Baseline(pipeline)
    report = Report("Quotes: spans on GUM <quote>, speakers on the annotated Wikinews set")
    evaluate_gum(Path(gold_dir), pipeline, baseline, report, limit)
    evaluate_annotated(pipeline, baseline, report, limit)
    report.notes.append(
        f"textacy gave up on {baseline.gave_up} documents (an odd number of quotation marks); "
        "it finds direct quotations only, so it scores 0 on reported speech."
    )
    return report
