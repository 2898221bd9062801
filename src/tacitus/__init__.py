"""tacitus: news articles to structured event data, each fact tied to the words that support it.

>>> import tacitus
>>> records = tacitus.code(["Kenyan police fired tear gas at protesters in Nairobi on Monday."],
...                        published="2023-05-01")
>>> records[0]["events"]
>>> data = tacitus.open("tacitus.duckdb")          # or "postgresql://user@host/db"
>>> data.timeline(actor="*police*", interval="week")  # a pandas DataFrame
"""

from __future__ import annotations

from collections.abc import Iterable

__version__ = "0.1.0"
__all__ = ["__version__", "code", "open"]


def open(db_url: str | None = None, *, read_only: bool = True):
    """The store at ``db_url`` (a DuckDB file or ``postgresql://...``; default ``TACITUS_DB`` or
    ``tacitus.duckdb``) for analysis: ``events(...)``, ``actors(...)``, ``quotes(...)``, ``timeline(...)``,
    ``dyads(...)`` and more, taking the HTTP API's filters and returning pandas DataFrames.
    See :class:`tacitus.explore.Explorer`."""
    from tacitus.explore import open_explorer

    return open_explorer(db_url, read_only=read_only)


def code(
    texts_or_paths: str | Iterable[str],
    *,
    published: str | None = None,
    model: str | None = None,
    errors: str = "raise",
) -> list[dict]:
    """Code texts or files (paths, directories, globs) and return their ``tacitus/1`` records as dicts.

    A string that names an existing file or directory is read as one; any other string is article text.
    ``errors="raise"`` stops at the first bad input; ``errors="skip"`` leaves bad inputs out.
    """
    import glob
    from pathlib import Path

    from tacitus.config import Settings
    from tacitus.errors import TacitusError
    from tacitus.ingest import ReadOptions, build_article, read_inputs
    from tacitus.pipeline import Pipeline

    items = [texts_or_paths] if isinstance(texts_or_paths, str) else list(texts_or_paths)
    settings = Settings().with_(model=model)
    options = ReadOptions(published=published, max_bytes=settings.max_bytes)

    def articles():
        for number, item in enumerate(items):
            if len(item) < 4096 and "\n" not in item and (Path(item).exists() or glob.glob(item)):
                yield from read_inputs([item], options)
            else:
                try:
                    yield build_article(item, f"text {number}", options)
                except TacitusError as error:
                    yield error

    pipeline = Pipeline(settings)
    records = []
    read = list(articles())
    for item in read:
        if isinstance(item, TacitusError) and errors == "raise":
            raise item
    for outcome in pipeline.code(a for a in read if not isinstance(a, TacitusError)):
        if outcome.error and errors == "raise":
            raise outcome.error
        if outcome.record:
            records.append(outcome.record.to_dict())
    return records
