"""Every question the HTTP API, the dashboard and the Python API ask of a store, as parameterized SQL.

One query layer for all three views and both backends (DuckDB and PostgreSQL): a view builds a filter
(:class:`EventFilter`, :class:`ActorFilter`, ...), the filter checks itself (a bad value raises a
:class:`~tacitus.errors.TacitusError` with an ``E8xx`` code, which the HTTP API answers with a 4xx), and the
functions below turn it into SQL text plus a list of parameters. No value a user typed ever becomes SQL text:
values travel as parameters, and names that do reach the SQL (sort keys, intervals) are looked up in fixed
tables. The SQL is the common subset of DuckDB and PostgreSQL; the one difference that matters, list
overlap, is a :class:`Dialect` method.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date

from tacitus.errors import TacitusError

MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000
INTERVALS = ("day", "week", "month", "year")
AUX = ("historical", "future", "hypothetical", "negated")
ACTOR_TYPES = ("person", "organization", "country", "group", "other")
QUOTE_KINDS = ("direct", "indirect", "mixed")

# Sort keys users may name -> the column they mean. Anything else is refused, never pasted into SQL.
EVENT_SORTS = {
    "date": "day", "goldstein": "goldstein", "confidence": "confidence", "cameo": "cameo",
    "quad_class": "quad_class", "source": "source_name", "target": "target_name", "article": "article_id",
    "place": "place_name",
}  # fmt: skip
ACTOR_SORTS = {"events": "events", "articles": "articles", "mentions": "mentions", "name": "name"}

_COUNTRY = re.compile(r"^[A-Z]{3}$")
_CAMEO = re.compile(r"^\d{2,4}$")
_ROOT = re.compile(r"^\d{2}$")
_WORD = re.compile(r"^[A-Z_]{2,40}$")
_MAX_TEXT = 200  # longest name, place or search text accepted in a filter


class Dialect:
    """What differs between the SQL of DuckDB and PostgreSQL, for the queries here."""

    placeholder = "?"
    # The last sort key, so that pages never overlap. DuckDB sorts on its row number far faster than on the
    # (article_id, id) strings; PostgreSQL has those in its primary key index.
    event_tiebreak = "rowid"
    # One scan gives a page of events and the number of all matching (:func:`events_with_total`).
    pages_with_total = True

    def lists_overlap(self, column: str, placeholder: str) -> str:
        return f"list_has_any({column}, {placeholder})"


class PostgresDialect(Dialect):
    placeholder = "%s"
    event_tiebreak = "article_id, id"
    pages_with_total = False

    def lists_overlap(self, column: str, placeholder: str) -> str:
        return f"({column} && {placeholder}::text[])"


@dataclass
class SQL:
    """SQL text and its parameters, built piece by piece; ``param`` is the only way a value gets in."""

    dialect: Dialect
    text: str = ""
    params: list = field(default_factory=list)

    def param(self, value: object) -> str:
        self.params.append(value)
        return self.dialect.placeholder


def bad(name: str, value: object, expected: str) -> TacitusError:
    return TacitusError("E801", name=name, value=_shown(value), expected=expected)


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _text(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad(name, value, "text")
    value = value.strip()
    if len(value) > _MAX_TEXT:
        raise bad(name, value, f"at most {_MAX_TEXT} characters")
    if "\x00" in value:
        raise bad(name, value, "text without NUL characters")
    return value or None


def _date(name: str, value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise bad(name, value, "a date YYYY-MM-DD") from None


def _like(pattern: str) -> str:
    """A name pattern for ILIKE: ``*`` is the only wildcard; ``%``, ``_`` and ``\\`` mean themselves."""
    escaped = pattern.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped.replace("*", "%")


def matching(sql: SQL, column: str, pattern: str, *, contains: bool = False) -> str:
    """``column`` matches a user's pattern, case-insensitively: equal when it has no ``*`` wildcard (fast,
    and indexed on PostgreSQL), else ILIKE. ``contains``: the words may stand anywhere in the column."""
    if contains:
        pattern = f"*{pattern}*"
    if "*" not in pattern:
        return f"lower({column}) = {sql.param(pattern.lower())}"
    if not any(c in pattern for c in "%_\\"):
        # Without ESCAPE, which makes DuckDB's ILIKE several times slower; nothing here needs escaping.
        return f"{column} ILIKE {sql.param(pattern.replace('*', '%'))}"
    return f"{column} ILIKE {sql.param(_like(pattern))} ESCAPE '\\'"


def _as_tuple(value: object) -> tuple:
    """Several values given as a list, a comma-separated string, or both (``["3,4"]``)."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str | int) else list(value)
    flat: list = []
    for item in items:
        if isinstance(item, str):
            flat.extend(part.strip() for part in item.split(",") if part.strip())
        else:
            flat.append(item)
    return tuple(flat)


def page(limit: int | None, offset: int) -> tuple[int | None, int]:
    """A checked page: ``limit`` rows from ``offset``. ``None`` (all rows) is for the Python API only:
    the HTTP API always asks for a bounded page."""
    if limit is None:
        limit_ok = True
    else:
        limit_ok = not isinstance(limit, bool) and isinstance(limit, int) and 1 <= limit <= MAX_LIMIT
    if not limit_ok:
        raise bad("limit", limit, f"a whole number from 1 to {MAX_LIMIT}")
    if isinstance(offset, bool) or not isinstance(offset, int) or not 0 <= offset <= MAX_OFFSET:
        raise bad("offset", offset, f"a whole number from 0 to {MAX_OFFSET:,}")
    return limit, offset


@dataclass(frozen=True)
class EventFilter:
    """Which events: every field left ``None`` (or empty) matches all. Fields combine with AND.

    - ``actor``, ``source``, ``target``: an actor's canonical name (case-insensitive; ``*`` is a wildcard,
      ``*police*``) or its CAMEO actor code (``KENCOP``); ``actor`` matches either side.
    - ``country``: ISO 3166-1 alpha-3 of the source, the target or the place (``KEN``).
    - ``cameo``: a CAMEO code or its prefix (``19`` is all of root 19, ``173`` includes ``1731``).
    - ``cameo_root``, ``quad_class`` (1-4, several allowed), ``plover`` (PLOVER event type).
    - ``date_from``, ``date_to``: inclusive; events dated only to a month or year count from its first day.
    - ``place``: a place name (case-insensitive, ``*`` wildcard) or a GeoNames id is not kept here, so names.
    - ``article``: one article id. ``text``: words in the evidence (case-insensitive substring).
    - ``min_confidence``: 0-1. ``exclude_aux``: leave out events marked e.g. ``negated``, ``hypothetical``.
    """

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    country: str | None = None
    cameo: str | None = None
    cameo_root: str | None = None
    quad_class: tuple[int, ...] = ()
    plover: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    place: str | None = None
    article: str | None = None
    text: str | None = None
    min_confidence: float | None = None
    exclude_aux: tuple[str, ...] = ()

    @classmethod
    def of(cls, **values: object) -> EventFilter:
        """A checked filter from loose values (strings from a URL or a notebook); unknown names are refused."""
        known = {f.name for f in fields(cls)}
        for name in values:
            if name not in known:
                raise TacitusError("E802", name=name, known=", ".join(sorted(known)))
        v = {k: val for k, val in values.items() if val is not None and val != ""}
        for name in ("actor", "source", "target", "place", "article", "text"):
            v[name] = _text(name, v.get(name))
        country = _text("country", v.get("country"))
        if country is not None:
            country = country.upper()
            if not _COUNTRY.match(country):
                raise bad("country", country, "an ISO 3166-1 alpha-3 code such as KEN")
        v["country"] = country
        cameo = _text("cameo", None if v.get("cameo") is None else str(v["cameo"]))
        if cameo is not None and not _CAMEO.match(cameo):
            raise bad("cameo", cameo, "a CAMEO code or prefix of 2 to 4 digits such as 19 or 0231")
        v["cameo"] = cameo
        root = _text("cameo_root", None if v.get("cameo_root") is None else str(v["cameo_root"]))
        if root is not None:
            root = root.zfill(2) if root.isdigit() and len(root) == 1 else root
            if not _ROOT.match(root) or not 1 <= int(root) <= 20:
                raise bad("cameo_root", root, "a CAMEO root code from 01 to 20")
        v["cameo_root"] = root
        quads = []
        for q in _as_tuple(v.get("quad_class")):
            try:
                number = int(q)
            except (TypeError, ValueError):
                raise bad("quad_class", q, "1, 2, 3 or 4") from None
            if not 1 <= number <= 4 or isinstance(q, bool):
                raise bad("quad_class", q, "1, 2, 3 or 4")
            quads.append(number)
        v["quad_class"] = tuple(sorted(set(quads)))
        plover = _text("plover", v.get("plover"))
        if plover is not None:
            plover = plover.upper()
            if not _WORD.match(plover):
                raise bad("plover", plover, "a PLOVER event type such as ASSAULT")
        v["plover"] = plover
        v["date_from"] = _date("date_from", v.get("date_from"))
        v["date_to"] = _date("date_to", v.get("date_to"))
        if v["date_from"] and v["date_to"] and v["date_from"] > v["date_to"]:
            raise bad("date_to", v["date_to"], f"a date on or after date_from ({v['date_from']})")
        if v.get("min_confidence") is not None:
            try:
                confidence = float(v["min_confidence"])
            except (TypeError, ValueError):
                raise bad("min_confidence", v["min_confidence"], "a number from 0 to 1") from None
            if not 0 <= confidence <= 1:
                raise bad("min_confidence", confidence, "a number from 0 to 1")
            v["min_confidence"] = confidence
        aux = tuple(a.lower() for a in _as_tuple(v.get("exclude_aux")))
        for a in aux:
            if a not in AUX:
                raise bad("exclude_aux", a, ", ".join(AUX))
        v["exclude_aux"] = aux
        return cls(**v)

    def where(self, sql: SQL) -> str:
        """The WHERE clause (with its leading keyword, or empty) over the ``events`` table."""
        clauses = []
        for name, columns in (("actor", ("source", "target")), ("source", ("source",)), ("target", ("target",))):
            value = getattr(self, name)
            if value is not None:
                sides = []
                for side in columns:
                    sides.append(matching(sql, f"{side}_name", value))
                    sides.append(f"{side}_code = {sql.param(value.upper())}")
                clauses.append("(" + " OR ".join(sides) + ")")
        if self.country:
            country = self.country
            clauses.append(
                f"(source_country = {sql.param(country)} OR target_country = {sql.param(country)}"
                f" OR place_country = {sql.param(country)})"
            )
        if self.cameo:
            clauses.append(f"cameo LIKE {sql.param(self.cameo + '%')}")
        if self.cameo_root:
            clauses.append(f"cameo_root = {sql.param(self.cameo_root)}")
        if self.quad_class:
            clauses.append("quad_class IN (" + ", ".join(sql.param(q) for q in self.quad_class) + ")")
        if self.plover:
            clauses.append(f"plover_type = {sql.param(self.plover)}")
        if self.date_from:
            clauses.append(f"day >= {sql.param(self.date_from)}")
        if self.date_to:
            clauses.append(f"day <= {sql.param(self.date_to)}")
        if self.place:
            clauses.append(matching(sql, "place_name", self.place))
        if self.article:
            clauses.append(f"article_id = {sql.param(self.article)}")
        if self.text:
            clauses.append(matching(sql, "evidence_text", self.text, contains=True))
        if self.min_confidence is not None:
            clauses.append(f"confidence >= {sql.param(self.min_confidence)}")
        if self.exclude_aux:
            clauses.append(f"NOT {sql.dialect.lists_overlap('aux', sql.param(list(self.exclude_aux)))}")
        return ("WHERE " + " AND ".join(clauses)) if clauses else ""


EVENT_COLUMNS = (
    "article_id", "id", "day", "date", "source", "source_name", "source_code", "source_country",
    "target", "target_name", "target_code", "target_country", "cameo", "cameo_root", "quad_class", "goldstein",
    "plover_type", "plover_mode", "plover_contexts", "aux", "place", "place_name", "place_country",
    "place_lat", "place_lon", "sentence", "evidence_start", "evidence_end", "evidence_text", "confidence",
)  # fmt: skip


def sort_key(sort: str, known: dict[str, str]) -> tuple[str, str]:
    """The column and direction (``ASC``/``DESC``) a sort key such as ``-date`` means, from a fixed table."""
    if not isinstance(sort, str):
        raise bad("sort", sort, "one of " + ", ".join(known))
    descending = sort.startswith("-")
    key = sort.removeprefix("-").removeprefix("+")
    if key not in known:
        raise bad("sort", sort, "one of " + ", ".join(known) + " (prefix - for descending)")
    return known[key], "DESC" if descending else "ASC"


def sort_clause(sort: str, known: dict[str, str], tiebreak: str) -> str:
    """``ORDER BY`` for a sort key such as ``-date`` (descending) or ``goldstein``, from a fixed table."""
    column, direction = sort_key(sort, known)
    return f"ORDER BY {column} {direction} NULLS LAST, {tiebreak}"


def select_events(dialect: Dialect, f: EventFilter, sort: str, limit: int, offset: int) -> SQL:
    sql = SQL(dialect)
    limit, offset = page(limit, offset)
    where = f.where(sql)
    order = sort_clause(sort, EVENT_SORTS, dialect.event_tiebreak)
    sql.text = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events {where} {order} {limit_clause(sql, limit, offset)}"
    return sql


def events_with_total(dialect: Dialect, f: EventFilter, sort: str, limit: int, offset: int) -> SQL:
    """A page of events, each row with ``total``, the number of all events matching: one scan instead of two.

    The matching events' row numbers and sort keys are gathered once (narrow columns), counted and sorted;
    only the page's rows are then read in full. For DuckDB (``rowid``); an empty page carries no total.
    """
    sql = SQL(dialect)
    limit, offset = page(limit, offset)
    column, direction = sort_key(sort, EVENT_SORTS)
    where = f.where(sql)
    columns = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    order = f"{direction} NULLS LAST"
    sql.text = (
        f"WITH matching AS MATERIALIZED (SELECT rowid AS r, {column} AS k FROM events {where}),"
        f" chosen AS (SELECT r, k FROM matching ORDER BY k {order}, r {limit_clause(sql, limit, offset)})"
        f" SELECT (SELECT count(*) FROM matching) AS total, {columns}"
        f" FROM events e JOIN chosen ON e.rowid = chosen.r ORDER BY chosen.k {order}, chosen.r"
    )
    return sql


def limit_clause(sql: SQL, limit: int | None, offset: int = 0) -> str:
    if limit is None:
        return f"OFFSET {sql.param(offset)}" if offset else ""
    return f"LIMIT {sql.param(limit)} OFFSET {sql.param(offset)}"


def count_events(dialect: Dialect, f: EventFilter) -> SQL:
    sql = SQL(dialect)
    sql.text = f"SELECT count(*) AS events FROM events {f.where(sql)}"
    return sql


def last_article(dialect: Dialect) -> SQL:
    """The sequence number of the last article stored: it changes whenever articles are added."""
    return SQL(dialect, "SELECT max(seq) AS seq FROM articles")


def timeline(dialect: Dialect, f: EventFilter, interval: str) -> SQL:
    """Events and Goldstein sum per period and QuadClass (events without a date are left out)."""
    if interval not in INTERVALS:
        raise bad("interval", interval, ", ".join(INTERVALS))
    sql = SQL(dialect)
    where = f.where(sql)
    where = (where + " AND" if where else "WHERE") + " day IS NOT NULL"
    # interval comes from INTERVALS, a fixed table, so it may be written into the SQL. Counting per day first
    # and truncating the (few) days after is a third faster than truncating every event's date.
    period = f"CAST(date_trunc('{interval}', day) AS DATE)"
    sql.text = (
        f"SELECT {period} AS period, quad_class, CAST(sum(n) AS BIGINT) AS events, sum(g) AS goldstein FROM ("
        f"SELECT day, quad_class, count(*) AS n, sum(goldstein) AS g FROM events {where} GROUP BY 1, 2"
        ") AS days GROUP BY 1, 2 ORDER BY 1, 2"
    )
    return sql


def by_quad_class(dialect: Dialect, f: EventFilter) -> SQL:
    sql = SQL(dialect)
    sql.text = (
        "SELECT quad_class, count(*) AS events, sum(goldstein) AS goldstein, avg(goldstein) AS mean_goldstein "
        f"FROM events {f.where(sql)} GROUP BY 1 ORDER BY 1"
    )
    return sql


def dyads(dialect: Dialect, f: EventFilter, limit: int) -> SQL:
    """Source-target pairs weighted by events, heaviest first; one row per (source name, target name)."""
    sql = SQL(dialect)
    limit, _ = page(limit, 0)
    where = f.where(sql)
    where = (where + " AND" if where else "WHERE") + " source_name IS NOT NULL AND target_name IS NOT NULL"
    # Group by the two names only, then look up the actors' codes for the few pairs kept: taking min(code)
    # over every event made the query twice as slow.
    sql.text = (
        "WITH top AS ("
        " SELECT source_name, target_name, count(*) AS events, sum(goldstein) AS goldstein,"
        " CAST(sum(CASE WHEN quad_class <= 2 THEN 1 ELSE 0 END) AS BIGINT) AS cooperation,"
        " CAST(sum(CASE WHEN quad_class >= 3 THEN 1 ELSE 0 END) AS BIGINT) AS conflict"
        f" FROM events {where} GROUP BY source_name, target_name"
        f" ORDER BY events DESC, source_name, target_name {limit_clause(sql, limit)}),"
        " codes AS ("
        " SELECT name, min(code) AS code, min(country) AS country FROM actors"
        " WHERE name IN (SELECT source_name FROM top UNION SELECT target_name FROM top) GROUP BY name)"
        " SELECT top.source_name AS source, s.code AS source_code, s.country AS source_country,"
        " top.target_name AS target, t.code AS target_code, t.country AS target_country,"
        " top.events, top.goldstein, top.cooperation, top.conflict"
        " FROM top LEFT JOIN codes s ON s.name = top.source_name LEFT JOIN codes t ON t.name = top.target_name"
        " ORDER BY top.events DESC, source, target"
    )
    return sql


def event_places(dialect: Dialect, f: EventFilter, limit: int) -> SQL:
    """Places with coordinates and how many events happened there, for the map."""
    sql = SQL(dialect)
    limit, _ = page(limit, 0)
    where = f.where(sql)
    where = (where + " AND" if where else "WHERE") + " place_lat IS NOT NULL AND place_lon IS NOT NULL"
    sql.text = (
        "SELECT place_name AS name, place_country AS country, place_lat AS lat, place_lon AS lon, "
        "count(*) AS events, sum(goldstein) AS goldstein, "
        "CAST(sum(CASE WHEN quad_class >= 3 THEN 1 ELSE 0 END) AS BIGINT) AS conflict "
        f"FROM events {where} GROUP BY 1, 2, 3, 4 ORDER BY events DESC, name {limit_clause(sql, limit)}"
    )
    return sql


@dataclass(frozen=True)
class ActorFilter:
    """Which actors: ``name`` (case-insensitive, ``*`` wildcard), ``code``, ``country``, ``type``."""

    name: str | None = None
    code: str | None = None
    country: str | None = None
    type: str | None = None

    @classmethod
    def of(cls, **values: object) -> ActorFilter:
        known = {f.name for f in fields(cls)}
        for key in values:
            if key not in known:
                raise TacitusError("E802", name=key, known=", ".join(sorted(known)))
        name = _text("name", values.get("name"))
        code = _text("code", values.get("code"))
        country = _text("country", values.get("country"))
        if country is not None:
            country = country.upper()
            if not _COUNTRY.match(country):
                raise bad("country", country, "an ISO 3166-1 alpha-3 code such as KEN")
        kind = _text("type", values.get("type"))
        if kind is not None and kind not in ACTOR_TYPES:
            raise bad("type", kind, ", ".join(ACTOR_TYPES))
        return cls(name=name, code=code.upper() if code else None, country=country, type=kind)

    def where(self, sql: SQL) -> str:
        clauses = []
        if self.name:
            clauses.append(matching(sql, "name", self.name))
        if self.code:
            clauses.append(f"code = {sql.param(self.code)}")
        if self.country:
            clauses.append(f"country = {sql.param(self.country)}")
        if self.type:
            clauses.append(f"type = {sql.param(self.type)}")
        return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def actors(dialect: Dialect, f: ActorFilter, sort: str, limit: int, offset: int) -> SQL:
    """Actors across articles, one row per canonical name, with how often they appear and act."""
    sql = SQL(dialect)
    limit, offset = page(limit, offset)
    where = f.where(sql)
    order = sort_clause(sort, ACTOR_SORTS, "n.mentions DESC, n.name")
    sql.text = (
        "WITH named AS ("
        " SELECT name, min(code) AS code, min(country) AS country, min(type) AS type,"
        " count(DISTINCT article_id) AS articles, CAST(sum(n_mentions) AS BIGINT) AS mentions"
        f" FROM actors {where} GROUP BY name),"
        " acting AS ("
        " SELECT name, count(*) AS events FROM ("
        "  SELECT source_name AS name FROM events WHERE source_name IN (SELECT name FROM named)"
        "  UNION ALL SELECT target_name FROM events WHERE target_name IN (SELECT name FROM named)) AS sides"
        " GROUP BY name)"
        " SELECT n.name, n.code, n.country, n.type, n.articles, n.mentions, coalesce(a.events, 0) AS events"
        f" FROM named n LEFT JOIN acting a ON a.name = n.name {order} {limit_clause(sql, limit, offset)}"
    )
    return sql


@dataclass(frozen=True)
class QuoteFilter:
    """Which quotes: ``speaker`` (the speaker's canonical name or the words naming them; ``*`` wildcard),
    ``article``, ``kind`` (direct, indirect, mixed), ``text`` (words in the quote)."""

    speaker: str | None = None
    article: str | None = None
    kind: str | None = None
    text: str | None = None

    @classmethod
    def of(cls, **values: object) -> QuoteFilter:
        known = {f.name for f in fields(cls)}
        for key in values:
            if key not in known:
                raise TacitusError("E802", name=key, known=", ".join(sorted(known)))
        kind = _text("kind", values.get("kind"))
        if kind is not None and kind not in QUOTE_KINDS:
            raise bad("kind", kind, ", ".join(QUOTE_KINDS))
        return cls(
            speaker=_text("speaker", values.get("speaker")),
            article=_text("article", values.get("article")),
            kind=kind,
            text=_text("text", values.get("text")),
        )

    def where(self, sql: SQL) -> str:
        clauses = []
        if self.speaker:
            by_name = matching(sql, "a.name", self.speaker)
            by_words = matching(sql, "q.speaker_text", self.speaker)
            clauses.append(f"({by_name} OR {by_words})")
        if self.article:
            clauses.append(f"q.article_id = {sql.param(self.article)}")
        if self.kind:
            clauses.append(f"q.kind = {sql.param(self.kind)}")
        if self.text:
            clauses.append(matching(sql, "q.text", self.text, contains=True))
        return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def quotes(dialect: Dialect, f: QuoteFilter, limit: int, offset: int) -> SQL:
    sql = SQL(dialect)
    limit, offset = page(limit, offset)
    where = f.where(sql)
    sql.text = (
        "SELECT q.article_id, q.id, q.speaker, a.name AS speaker_name, a.code AS speaker_code, q.speaker_text, "
        'q.cue, q.kind, q.text, q.start_char AS start, q.end_char AS "end", ar.published, ar.title '
        "FROM quotes q JOIN articles ar ON ar.id = q.article_id "
        "LEFT JOIN actors a ON a.article_id = q.article_id AND a.id = q.speaker "
        f"{where} ORDER BY ar.seq, q.start_char, q.id {limit_clause(sql, limit, offset)}"
    )
    return sql


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles: ``text`` (words in the title or text), ``source``, ``date_from``, ``date_to``."""

    text: str | None = None
    source: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    @classmethod
    def of(cls, **values: object) -> ArticleFilter:
        known = {f.name for f in fields(cls)}
        for key in values:
            if key not in known:
                raise TacitusError("E802", name=key, known=", ".join(sorted(known)))
        date_from, date_to = _date("date_from", values.get("date_from")), _date("date_to", values.get("date_to"))
        if date_from and date_to and date_from > date_to:
            raise bad("date_to", date_to, f"a date on or after date_from ({date_from})")
        return cls(_text("text", values.get("text")), _text("source", values.get("source")), date_from, date_to)

    def where(self, sql: SQL) -> str:
        clauses = []
        if self.text:
            by_title = matching(sql, "ar.title", self.text, contains=True)
            by_text = matching(sql, "ar.text", self.text, contains=True)
            clauses.append(f"({by_title} OR {by_text})")
        if self.source:
            clauses.append(f"ar.source = {sql.param(self.source)}")
        if self.date_from:
            clauses.append(f"ar.published >= {sql.param(self.date_from)}")
        if self.date_to:
            clauses.append(f"ar.published <= {sql.param(self.date_to)}")
        return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def articles(dialect: Dialect, f: ArticleFilter, limit: int, offset: int) -> SQL:
    sql = SQL(dialect)
    limit, offset = page(limit, offset)
    where = f.where(sql)
    sql.text = (
        "SELECT ar.id, ar.title, ar.url, ar.source, ar.published, length(ar.text) AS characters, "
        "(SELECT count(*) FROM events e WHERE e.article_id = ar.id) AS events, "
        "(SELECT count(*) FROM quotes q WHERE q.article_id = ar.id) AS quotes "
        f"FROM articles ar {where} ORDER BY ar.seq {limit_clause(sql, limit, offset)}"
    )
    return sql


def record(dialect: Dialect, article_id: str) -> SQL:
    sql = SQL(dialect)
    article_id = _text("article", article_id) or ""
    sql.text = f"SELECT record FROM articles WHERE id = {sql.param(article_id)}"
    return sql


# Every event with what an analyst or an export needs beside it: its article, its actors' sectors and its place.
EVENTS_JOINED = """
SELECT e.*, a.published, a.url, a.title, a.source AS article_source, a.language, a.ingested_at,
       s.sectors AS source_sectors, s.type AS source_type, t.sectors AS target_sectors, t.type AS target_type,
       p.geonames_id AS place_geonames_id, p.feature AS place_feature
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN actors s ON s.article_id = e.article_id AND s.id = e.source
LEFT JOIN actors t ON t.article_id = e.article_id AND t.id = e.target
LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place
ORDER BY a.seq, e.article_id, e.sentence, e.id
"""

# Fills the copies of actor and place fields on events stored before events carried them.
BACKFILL_EVENTS = """
UPDATE events SET
  source_name = (SELECT s.name FROM actors s WHERE s.article_id = events.article_id AND s.id = events.source),
  target_name = (SELECT t.name FROM actors t WHERE t.article_id = events.article_id AND t.id = events.target),
  place_name = (SELECT p.name FROM places p WHERE p.article_id = events.article_id AND p.id = events.place),
  place_country = (SELECT p.country FROM places p WHERE p.article_id = events.article_id AND p.id = events.place),
  place_lat = (SELECT p.lat FROM places p WHERE p.article_id = events.article_id AND p.id = events.place),
  place_lon = (SELECT p.lon FROM places p WHERE p.article_id = events.article_id AND p.id = events.place)
WHERE (source IS NOT NULL AND source_name IS NULL) OR (target IS NOT NULL AND target_name IS NULL)
   OR (place IS NOT NULL AND place_name IS NULL)
"""
