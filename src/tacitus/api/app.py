"""The HTTP API and the dashboard, one FastAPI application over one store.

Every read endpoint is a thin view over the store's query methods (:mod:`tacitus.store.query`): the
dashboard calls the same endpoints a user's script does. The one write endpoint, ``POST /code``, codes a
submitted article and returns its record; it stores the record only when the operator configured a bearer
token and the request carries it. Errors answer with a 4xx status and ``{"error": {"code", "message"}}``,
the code and message of :mod:`tacitus.errors`.
"""

from __future__ import annotations

import hmac
import threading
from datetime import date
from pathlib import Path
from typing import Annotated

import pyarrow as pa
import pyarrow.compute as pc
from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from tacitus import __version__
from tacitus.api.cache import AnswerCache, cache_megabytes
from tacitus.config import Settings
from tacitus.errors import TacitusError, one_line
from tacitus.store import Store
from tacitus.store.query import (
    ACTOR_SORTS,
    EVENT_SORTS,
    INTERVALS,
    MAX_LIMIT,
    MAX_OFFSET,
    ActorFilter,
    ArticleFilter,
    EventFilter,
    QuoteFilter,
    events_with_total,
)

WEB = Path(__file__).resolve().parent.parent / "web" / "static"

# E8xx are query problems; a few need their own status.
STATUS = {"E803": 404, "E804": 413, "E105": 413, "E805": 403, "E806": 401, "E807": 403}

Text = Annotated[str | None, Query(max_length=200)]
Day = Annotated[date | None, Query(description="YYYY-MM-DD, inclusive")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"rows per page, at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]


def event_filter(
    actor: Annotated[
        str | None, Query(max_length=200, description="source or target: name (* wildcard) or CAMEO actor code")
    ] = None,
    source: Annotated[str | None, Query(max_length=200, description="source actor: name or code")] = None,
    target: Annotated[str | None, Query(max_length=200, description="target actor: name or code")] = None,
    country: Annotated[str | None, Query(max_length=40, description="ISO alpha-3 of an actor or the place")] = None,
    cameo: Annotated[str | None, Query(max_length=40, description="CAMEO code or prefix: 19, 0231")] = None,
    cameo_root: Annotated[str | None, Query(max_length=40, description="CAMEO root 01-20")] = None,
    quad_class: Annotated[list[str] | None, Query(description="1-4; repeat or comma-separate")] = None,
    plover: Annotated[str | None, Query(max_length=40, description="PLOVER event type: ASSAULT")] = None,
    date_from: Day = None,
    date_to: Day = None,
    place: Annotated[str | None, Query(max_length=200, description="place name (* wildcard)")] = None,
    article: Annotated[str | None, Query(max_length=200, description="article id")] = None,
    text: Annotated[str | None, Query(max_length=200, description="words in the evidence")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    exclude_aux: Annotated[
        list[str] | None, Query(description="leave out: historical, future, hypothetical, negated")
    ] = None,
) -> EventFilter:
    return EventFilter.of(
        actor=actor, source=source, target=target, country=country, cameo=cameo, cameo_root=cameo_root,
        quad_class=quad_class, plover=plover, date_from=date_from, date_to=date_to, place=place,
        article=article, text=text, min_confidence=min_confidence, exclude_aux=exclude_aux,
    )  # fmt: skip


Events = Annotated[EventFilter, Depends(event_filter)]


def query_names(dependant) -> set[str]:
    """The query parameters an endpoint declares, its dependencies' included."""
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= query_names(sub)
    return names


async def refuse_unknown_parameters(request: Request) -> None:
    """A misspelt filter (``quadclass=4``) must not silently return everything: name it and the known ones."""
    route = request.scope.get("route")
    if route is None or not hasattr(route, "dependant") or not getattr(route, "include_in_schema", True):
        return  # the dashboard page itself may be opened with any query string
    known = query_names(route.dependant)
    for name in request.query_params:
        if name not in known:
            raise TacitusError("E802", name=name, known=", ".join(sorted(known)) or "none")


def json_rows(table: pa.Table) -> list[dict]:
    """Rows ready for JSON: dates and times as ISO text."""
    for index, column in enumerate(table.schema):
        if pa.types.is_date(column.type) or pa.types.is_timestamp(column.type):
            table = table.set_column(index, column.name, pc.cast(table.column(index), pa.string()))
    return table.to_pylist()


def error_response(error: TacitusError) -> JSONResponse:
    status = STATUS.get(error.code, 400 if error.code.startswith("E8") else 422)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": {"code": error.code, "message": error.message}}, status_code=status, headers=headers)


class Coder:
    """The pipeline behind ``POST /code``: loaded on first use, one article at a time (spaCy is not
    thread-safe, and coding is CPU-bound anyway)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lock = threading.Lock()
        self.pipeline = None

    def code(self, article):
        with self.lock:
            if self.pipeline is None:
                from tacitus.pipeline import Pipeline

                self.pipeline = Pipeline(self.settings)
            return self.pipeline.code_one(article)


def create_app(
    store: Store,
    *,
    token: str | None = None,
    settings: Settings | None = None,
    pipeline=None,
    cache_mb: int | None = None,
) -> FastAPI:
    """The application over ``store``. ``token``: the bearer token that allows storing (None: no writes).
    ``cache_mb``: room for answers kept between requests (:mod:`tacitus.api.cache`; default
    ``TACITUS_API_CACHE_MB`` or 64; 0 keeps none)."""
    settings = settings or Settings()
    app = FastAPI(
        dependencies=[Depends(refuse_unknown_parameters)],
        title="tacitus",
        version=__version__,
        description="Events, actors, quotes and articles coded by tacitus: who did what to whom, when and "
        "where, and who said what, each tied to its evidence in the article. All list endpoints page with "
        "limit/offset; errors are {error: {code, message}}.",
    )
    app.state.store = store
    coder = Coder(settings)
    if pipeline is not None:
        coder.pipeline = pipeline
    write_lock = threading.Lock()
    megabytes = cache_megabytes() if cache_mb is None else cache_mb
    answers = app.state.answers = AnswerCache(store, megabytes * 1_000_000)

    @app.exception_handler(TacitusError)
    async def tacitus_error(request: Request, error: TacitusError) -> JSONResponse:
        return error_response(error)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body"))
        message = f"{where or 'request'}: {one_line(first.get('msg', 'invalid value'))} [E801]"
        return JSONResponse({"error": {"code": "E801", "message": message}}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(
            {"error": {"code": f"HTTP{error.status_code}", "message": str(error.detail)}},
            status_code=error.status_code,
        )

    @app.get("/events", tags=["events"], summary="Events matching the filters, one page, sorted")
    def events(
        filters: Events,
        sort: Annotated[
            str, Query(max_length=20, description="one of " + ", ".join(EVENT_SORTS) + "; - for descending")
        ] = "-date",
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> dict:
        counted: dict[str, int] = {}
        total_key = ("total", filters)

        def page_of_events() -> pa.Table:
            if not store.dialect.pages_with_total or answers.peek(total_key) is not None:
                return store.events(filters, sort=sort, limit=limit, offset=offset)
            page = store.fetch(events_with_total(store.dialect, filters, sort, limit, offset))
            if page.num_rows or offset == 0:
                counted["total"] = page.column("total")[0].as_py() if page.num_rows else 0
                answers.put(total_key, counted["total"])
            return page.drop_columns(["total"])

        page = answers.get(("events", filters, sort, limit, offset), page_of_events)
        total = counted.get("total")
        if total is None:
            total = answers.get(total_key, lambda: store.count_events(filters))
        return {"total": total, "limit": limit, "offset": offset, "rows": json_rows(page)}

    @app.get("/aggregates/timeline", tags=["aggregates"], summary="Events and Goldstein sum per period and QuadClass")
    def timeline(filters: Events, interval: Annotated[str, Query(description=", ".join(INTERVALS))] = "month") -> dict:
        rows = answers.get(("timeline", filters, interval), lambda: store.timeline(filters, interval=interval))
        return {"interval": interval, "rows": json_rows(rows)}

    @app.get("/aggregates/quad_class", tags=["aggregates"], summary="Events and Goldstein sum per QuadClass")
    def quad_class(filters: Events) -> dict:
        return {"rows": json_rows(answers.get(("quad_class", filters), lambda: store.by_quad_class(filters)))}

    @app.get("/aggregates/dyads", tags=["aggregates"], summary="Source-target pairs weighted by events")
    def dyads(filters: Events, limit: Limit = 50) -> dict:
        return {"rows": json_rows(answers.get(("dyads", filters, limit), lambda: store.dyads(filters, limit=limit)))}

    @app.get("/aggregates/places", tags=["aggregates"], summary="Event places with coordinates and counts")
    def places(filters: Events, limit: Limit = 500) -> dict:
        rows = answers.get(("places", filters, limit), lambda: store.event_places(filters, limit=limit))
        return {"rows": json_rows(rows)}

    @app.get("/actors", tags=["actors"], summary="Actors across articles, with their mentions and events")
    def actors(
        name: Text = None,
        code: Annotated[str | None, Query(max_length=40)] = None,
        country: Annotated[str | None, Query(max_length=40)] = None,
        type: Annotated[str | None, Query(max_length=20)] = None,
        sort: Annotated[str, Query(max_length=20, description="one of " + ", ".join(ACTOR_SORTS))] = "-events",
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> dict:
        filters = ActorFilter.of(name=name, code=code, country=country, type=type)
        rows = json_rows(store.actors(filters, sort=sort, limit=limit, offset=offset))
        return {"limit": limit, "offset": offset, "rows": rows}

    @app.get("/quotes", tags=["quotes"], summary="Quotes, by speaker")
    def quotes(
        speaker: Text = None,
        article: Text = None,
        kind: Annotated[str | None, Query(max_length=20)] = None,
        text: Text = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> dict:
        filters = QuoteFilter.of(speaker=speaker, article=article, kind=kind, text=text)
        rows = json_rows(store.quotes(filters, limit=limit, offset=offset))
        return {"limit": limit, "offset": offset, "rows": rows}

    @app.get("/articles", tags=["articles"], summary="Articles, newest stored last")
    def articles(
        text: Text = None, source: Text = None, date_from: Day = None, date_to: Day = None,
        limit: Limit = 100, offset: Offset = 0,
    ) -> dict:  # fmt: skip
        filters = ArticleFilter.of(text=text, source=source, date_from=date_from, date_to=date_to)
        rows = json_rows(store.articles(filters, limit=limit, offset=offset))
        return {"limit": limit, "offset": offset, "rows": rows}

    @app.get("/articles/{article_id}", tags=["articles"], summary="One article's whole tacitus/1 record")
    def article(article_id: Annotated[str, PathParam(max_length=200)]) -> dict:
        found = store.record(article_id)
        if found is None:
            raise TacitusError("E803", what="article", value=article_id)
        return found

    @app.get("/stats", tags=["store"], summary="Rows per table, and whether this server stores")
    def stats() -> dict:
        return {"counts": store.counts(), "storing": token is not None, "version": __version__}

    @app.post(
        "/code",
        tags=["code"],
        summary="Code one article; store it with ?store=true and the operator's bearer token",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["text"],
                            "properties": {
                                f: {"type": "string"} for f in ("text", "id", "title", "url", "source", "published")
                            },
                        }
                    },
                    "text/plain": {"schema": {"type": "string"}},
                },
            }
        },
    )
    async def code(request: Request, store_it: Annotated[bool, Query(alias="store")] = False) -> dict:
        from starlette.concurrency import run_in_threadpool

        if store_it:
            check_token(request, token)
        raw = await read_body(request, settings.max_bytes)
        article = parse_article(raw, request.headers.get("content-type", ""), settings)
        record = await run_in_threadpool(coder.code, article)
        stored = False
        if store_it:
            with write_lock:
                stored = await run_in_threadpool(store.add_records, [record]) == 1
                if stored:
                    answers.clear()
        return {"stored": stored, "record": record.to_dict()}

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(WEB / "index.html", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=WEB), name="static")
    return app


def check_token(request: Request, token: str | None) -> None:
    if token is None:
        raise TacitusError("E805")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise TacitusError("E806")


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The request body, refused as soon as it passes the limit (whatever Content-Length claims)."""
    # JSON escaping can double a text, so the body may be up to twice the text limit.
    limit = max_bytes * 2 + 4096
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TacitusError("E804", size=int(declared), limit=limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TacitusError("E804", size=size, limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


def parse_article(raw: bytes, content_type: str, settings: Settings):
    from tacitus.ingest import ReadOptions, build_article
    from tacitus.ingest.article import decode_text
    from tacitus.ingest.jsonl import article_from_json

    options = ReadOptions(max_bytes=settings.max_bytes)
    if content_type.split(";")[0].strip().lower() == "text/plain":
        return build_article(decode_text(raw, "request body", options), "request body", options)
    return article_from_json(raw, "request body", options)
