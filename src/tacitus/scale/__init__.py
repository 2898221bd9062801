"""Corpus scale: executors (local processes, Dask), deduplication, event merging, feed watching.

- :mod:`tacitus.scale.executors`: where batches are coded (this process, ``--workers N``, ``--scheduler``).
- :mod:`tacitus.scale.dedup`: exact and near-duplicate articles (MinHash LSH).
- :mod:`tacitus.scale.merge`: mentions of one real event across articles merged, with GDELT-style counts.
- :mod:`tacitus.scale.watch`: ``tacitus watch``, polling feeds with conditional requests.
"""
