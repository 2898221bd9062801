import io
import os
import sys

import pytest

from tacitus.errors import TacitusError
from tacitus.ingest import ReadOptions, read_inputs
from tacitus.record import Article

from .conftest import DATA


def read(*specs, **options):
    return list(read_inputs([str(s) for s in specs], ReadOptions(**options)))


def test_text_file(tmp_path):
    [article] = read(DATA / "nairobi.txt", published="2023-05-01")
    assert isinstance(article, Article)
    assert article.text.startswith("Protesters gathered in Nairobi")
    assert article.published == "2023-05-01"
    assert len(article.id) == 16 and article.content_hash.startswith(article.id)


def test_same_text_same_id(tmp_path):
    (tmp_path / "copy.txt").write_text((DATA / "nairobi.txt").read_text())
    first, second = read(DATA / "nairobi.txt", tmp_path / "copy.txt")
    assert first.id == second.id


def test_html_main_text_and_metadata():
    [article] = read(DATA / "talks.html", published="2020-01-01")
    assert "negotiators met in Geneva" in article.text
    assert "Copyright" not in article.text and "Home" not in article.text
    assert article.title.startswith("Talks resume in Geneva")
    assert article.published == "2023-03-10"  # the page's own date beats --published
    assert article.source == "Example News"


def test_jsonl_fields_and_default_date():
    first, second = read(DATA / "articles.jsonl", published="2023-05-01")
    assert (first.id, first.title, first.published, first.source) == (
        "c1",
        "Clash on the border",
        "2023-05-02",
        "Example Wire",
    )
    assert second.published == "2023-05-01"


def test_directory_and_glob(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Troops withdrew from the town.")
    (tmp_path / "b.txt").write_text("Rebels seized the airport.")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    items = read(tmp_path)
    assert [a.text for a in items] == ["Rebels seized the airport.", "Troops withdrew from the town."]
    assert [a.text for a in read(str(tmp_path / "**" / "*.txt"))] == [
        "Rebels seized the airport.", "Troops withdrew from the town."]  # fmt: skip


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(b"Police arrested 20 people."))))
    [article] = read("-")
    assert article.text == "Police arrested 20 people." and article.origin == "<stdin>"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("bin.txt", os.urandom(4096), "E102"),
        ("latin1.txt", "Le président a parlé à Genève.".encode("latin-1"), "E103"),
        ("empty.txt", b"   \n", "E104"),
        ("broken.html", b"<html><body><div></div>", "E106"),
        ("broken.jsonl", b'{"id": broken\n', "E107"),
        ("notext.jsonl", b'{"id": "x", "title": "no text"}\n', "E108"),
        ("baddate.jsonl", b'{"text": "Calm.", "published": "last Tuesday"}\n', "E112"),
    ],
)
def test_bad_inputs_are_one_line_errors(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    [error] = read(path)
    assert isinstance(error, TacitusError) and error.code == code
    assert name in error.message and "\n" not in error.message


def test_size_limit(tmp_path):
    (tmp_path / "big.txt").write_text("Word " * 400)
    [error] = read(tmp_path / "big.txt", max_bytes=1000)
    assert error.code == "E105" and "over the limit" in error.message


def test_missing_input():
    [error] = read("/no/such/file.txt")
    assert error.code == "E101" and "/no/such/file.txt" in error.message


def test_bad_line_does_not_stop_the_file(tmp_path):
    (tmp_path / "mixed.jsonl").write_text(
        '{"id": "ok1", "text": "Troops clashed."}\n{"id": broken\n{"text": "Calm."}\n'
    )
    items = read(tmp_path / "mixed.jsonl")
    assert [type(i).__name__ for i in items] == ["Article", "TacitusError", "Article"]
    assert items[1].where.endswith("mixed.jsonl:2")


def test_other_encoding_by_option(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Le président a parlé à Genève.".encode("latin-1"))
    [article] = read(tmp_path / "latin1.txt", encoding="latin-1")
    assert "président" in article.text
