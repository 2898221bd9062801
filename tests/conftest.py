"""Shared fixtures. Every record the pipeline makes during the tests is checked against the shipped JSON Schema
and for offsets and ids (``record_problems``): a record that breaks the contract fails the test that made it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import tacitus.pipeline
from tacitus.pipeline import Pipeline
from tacitus.record import record_problems, shipped_schema

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
GOLD = ROOT.parent / "shared" / "gold"
TACITUS = Path(sys.executable).parent / "tacitus"

_validator = jsonschema.Draft202012Validator(shipped_schema())


def assert_valid_record(record: dict) -> None:
    errors = sorted(_validator.iter_errors(record), key=lambda e: list(e.path))
    assert not errors, f"schema: {errors[0].message} at {list(errors[0].path)}"
    problems = record_problems(record)
    assert not problems, problems


@pytest.fixture(autouse=True, scope="session")
def _validate_every_record():
    original = tacitus.pipeline.to_record

    def checked(doc):
        record = original(doc)
        assert_valid_record(record.to_dict())
        return record

    tacitus.pipeline.to_record = checked
    yield
    tacitus.pipeline.to_record = original


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


def run_cli(*args: str, stdin: str | bytes | None = None, cwd: Path | None = None, timeout: int = 300):
    """Run the installed ``tacitus`` command as a user would."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("TACITUS_DB", None)
    return subprocess.run(
        [str(TACITUS), *args],
        input=stdin.encode() if isinstance(stdin, str) else stdin,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
    )


def jsonl(path_or_bytes) -> list[dict]:
    text = path_or_bytes.decode() if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_text()
    return [json.loads(line) for line in text.splitlines() if line.strip()]


needs_gold = pytest.mark.skipif(not GOLD.exists(), reason="the gold sets of ../shared are not here")


@pytest.fixture(scope="session")
def postgres_admin():
    """The admin URL of a PostgreSQL server (see tests/postgres_server.py); skips when there is none,
    except under CI, where the store tests must run on PostgreSQL too."""
    from .postgres_server import server_url

    url, cluster, reason = server_url()
    if url is None:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required under CI: {reason}")
        pytest.skip(reason)
    yield url
    if cluster is not None:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres_admin):
    """A fresh, empty PostgreSQL database for one test."""
    from .postgres_server import drop_database, new_database

    url, name = new_database(postgres_admin)
    yield url
    drop_database(postgres_admin, name)


BACKENDS = ["duckdb", "postgres"]


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path):
    """A store URL for each backend: the same test runs on DuckDB and on PostgreSQL."""
    if request.param == "duckdb":
        return str(tmp_path / "t.duckdb")
    return request.getfixturevalue("postgres_url")
