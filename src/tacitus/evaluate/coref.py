"""Coreference scores: MUC and B-cubed over mention clusters, and the alignment of system mentions to gold
mentions by their heads.

Both scorers follow the CoNLL-2011/2012 reference definitions (Pradhan et al. 2014): MUC (Vilain et al.
1995) counts the links a system gets right, so it ignores singletons; B-cubed (Bagga & Baldwin 1998)
averages, over every mention, the overlap of its system and gold clusters, singletons included. When the
system's mentions and the gold mentions differ, a gold mention the system missed is a singleton of the key
alone and a spurious system mention one of the response alone, as in the reference scorer.

A system mention matches a gold mention when each one's head lies inside the other's span (boundaries of
noun phrases differ between annotation schemes; heads do not), one to one.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from tacitus.evaluate.metrics import Score

Cluster = frozenset


def _partition(cluster: Cluster, other_of: dict[Hashable, int]) -> int:
    """How many parts ``cluster`` falls into under the other clustering (missing mentions count alone)."""
    parts: set = set()
    for mention in cluster:
        parts.add(other_of.get(mention, ("alone", mention)))
    return len(parts)


@dataclass
class RatioScore(Score):
    """Precision and recall with their own numerators and denominators (MUC and B-cubed count them over
    different things); adding scores micro-averages, as the reference scorer does over a corpus."""

    recall_num: float = 0
    recall_den: float = 0
    precision_num: float = 0
    precision_den: float = 0

    def __iadd__(self, other: Score) -> Score:
        if isinstance(other, RatioScore):
            self.recall_num += other.recall_num
            self.recall_den += other.recall_den
            self.precision_num += other.precision_num
            self.precision_den += other.precision_den
        return self

    @property
    def precision(self) -> float:
        return self.precision_num / self.precision_den if self.precision_den else 0.0

    @property
    def recall(self) -> float:
        return self.recall_num / self.recall_den if self.recall_den else 0.0

    @property
    def support(self) -> float:
        return self.recall_den

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "recall_num": round(self.recall_num, 4), "recall_den": self.recall_den,
                "precision_num": round(self.precision_num, 4), "precision_den": self.precision_den}  # fmt: skip


def muc(key: list[Cluster], response: list[Cluster]) -> RatioScore:
    response_of = {m: n for n, c in enumerate(response) for m in c}
    key_of = {m: n for n, c in enumerate(key) for m in c}
    return RatioScore(
        recall_num=sum(len(c) - _partition(c, response_of) for c in key),
        recall_den=sum(len(c) - 1 for c in key),
        precision_num=sum(len(c) - _partition(c, key_of) for c in response),
        precision_den=sum(len(c) - 1 for c in response),
    )


def b_cubed(key: list[Cluster], response: list[Cluster]) -> RatioScore:
    response_of = {m: c for c in response for m in c}
    key_of = {m: c for c in key for m in c}
    return RatioScore(
        recall_num=sum(len(c & response_of.get(m, frozenset({m}))) / len(c) for c in key for m in c),
        recall_den=sum(len(c) for c in key),
        precision_num=sum(len(c & key_of.get(m, frozenset({m}))) / len(c) for c in response for m in c),
        precision_den=sum(len(c) for c in response),
    )


def total(scores: Iterable[Score]) -> RatioScore:
    out = RatioScore()
    for score in scores:
        out += score
    return out


@dataclass(frozen=True)
class MentionSpan:
    """A mention for scoring: character span, character span of its head, and its cluster."""

    id: Hashable
    start: int
    end: int
    head_start: int
    head_end: int
    cluster: Hashable


def align(gold: list[MentionSpan], system: list[MentionSpan]) -> dict[Hashable, Hashable]:
    """system mention id -> gold mention id, for pairs whose heads each lie in the other's span; one to
    one, the largest overlaps first."""
    pairs = []
    for g in gold:
        for s in system:
            if g.start <= s.head_start and s.head_end <= g.end and s.start <= g.head_start and g.head_end <= s.end:
                overlap = min(g.end, s.end) - max(g.start, s.start)
                pairs.append((-overlap, abs(g.start - s.start) + abs(g.end - s.end), g.id, s.id))
    pairs.sort(key=lambda p: (p[0], p[1]))
    matched: dict[Hashable, Hashable] = {}
    used: set = set()
    for _overlap, _distance, gold_id, system_id in pairs:
        if system_id in matched or gold_id in used:
            continue
        matched[system_id] = gold_id
        used.add(gold_id)
    return matched


@dataclass
class CorefScores:
    muc: Score
    b_cubed: Score
    mentions: Score


def score_document(gold: list[MentionSpan], system: list[MentionSpan], ignored: list[MentionSpan]) -> CorefScores:
    """Scores of one document. ``ignored`` are gold mentions outside the evaluated types: system mentions
    aligned to them are left out rather than counted as spurious."""
    alignment = align(gold + ignored, system)
    ignored_ids = {m.id for m in ignored}
    key_clusters: dict[Hashable, set] = {}
    for m in gold:
        key_clusters.setdefault(m.cluster, set()).add(m.id)
    response_clusters: dict[Hashable, set] = {}
    for m in system:
        target = alignment.get(m.id)
        if target in ignored_ids:
            continue
        response_clusters.setdefault(m.cluster, set()).add(target if target is not None else ("system", m.id))
    key = [Cluster(c) for c in key_clusters.values()]
    response = [Cluster(c) for c in response_clusters.values()]
    gold_ids = {m.id for m in gold}
    found = {x for c in response for x in c}
    mentions = Score(tp=len(found & gold_ids), fp=len(found - gold_ids), fn=len(gold_ids - found))
    return CorefScores(muc(key, response), b_cubed(key, response), mentions)
