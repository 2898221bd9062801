"""HTML pages: the main text and metadata, without navigation and boilerplate (trafilatura)."""

from __future__ import annotations

import trafilatura

from tacitus.errors import TacitusError
from tacitus.ingest.article import ReadOptions, build_article, decode_text
from tacitus.record import Article

_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(
    data: bytes,
    where: str,
    options: ReadOptions,
    *,
    url: str | None = None,
    default_published: str | None = None,
    **fields: object,
) -> Article:
    """The article of an HTML page; ``fields`` override its metadata; ``default_published`` dates a page whose
    metadata carries no date (a WARC record's capture date)."""
    html = decode_text(data, where, options)
    try:
        # favor_recall keeps short articles (a few paragraphs) that the default precision setting drops.
        # No extensive date search: it reads dates out of the prose ("in service by 2011" became 2011-01-01);
        # a page's date comes from its markup, else the caller's default (a WARC capture date, --published).
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, favor_recall=True, date_extraction_params=_DATE_PARAMS
        )
    except Exception as error:  # trafilatura raises many kinds of parser errors on broken markup
        raise TacitusError("E106", where) from error
    if document is None or not (document.text or "").strip():
        raise TacitusError("E106", where)
    meta = document.as_dict()
    fields = {k: v for k, v in fields.items() if v is not None}
    return build_article(
        document.text,
        where,
        options,
        **{
            "title": meta.get("title"),
            "url": url or meta.get("url"),
            "source": meta.get("sitename") or meta.get("hostname"),
            # `filedate` is the day of extraction, not of publication: only `date` counts.
            "published": meta.get("date") or default_published,
            **fields,
        },
    )
