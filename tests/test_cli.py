"""The real ``tacitus`` command, run as a user would."""

import json
import os

from .conftest import DATA, assert_valid_record, jsonl, run_cli


def test_code_text_html_jsonl(tmp_path):
    out = tmp_path / "out.jsonl"
    proc = run_cli("code", str(DATA / "nairobi.txt"), str(DATA / "talks.html"), str(DATA / "articles.jsonl"),
                   "--published", "2023-05-01", "-o", str(out))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    records = jsonl(out)
    assert len(records) == 4
    for record in records:
        assert_valid_record(record)
    assert records[0]["article"]["published"] == "2023-05-01"


def test_code_to_stdout_from_stdin():
    proc = run_cli("code", "-", stdin="Rebels seized the airport in Goma on Sunday.")
    assert proc.returncode == 0, proc.stderr
    [record] = jsonl(proc.stdout)
    assert record["article"]["text"] == "Rebels seized the airport in Goma on Sunday."


def test_bad_file_is_one_line(tmp_path):
    (tmp_path / "bin.txt").write_bytes(os.urandom(4096))
    proc = run_cli("code", str(tmp_path / "bin.txt"))
    err = proc.stderr.decode()
    assert proc.returncode == 1
    assert "Traceback" not in err and "bin.txt" in err and "binary data" in err
    assert len(err.strip().splitlines()) <= 2


def test_bad_option_value_is_one_line():
    proc = run_cli("code", str(DATA / "nairobi.txt"), "--published", "yesterday")
    assert proc.returncode == 1 and proc.stderr.decode().strip() == (
        "tacitus: 'yesterday' is not a date: use YYYY-MM-DD [E004]"
    )


def test_ingest_twice_same_counts_and_bad_batch(tmp_path):
    db = str(tmp_path / "t.duckdb")
    (tmp_path / "bin.txt").write_bytes(os.urandom(2048))
    (tmp_path / "bad.jsonl").write_text('{"id": "ok1", "text": "Chinese and Indian troops clashed."}\n{"id": broken\n')
    inputs = [str(DATA / "nairobi.txt"), str(tmp_path / "bad.jsonl"), str(tmp_path / "bin.txt"),
              str(DATA / "articles.jsonl")]  # fmt: skip
    first = run_cli("ingest", *inputs, "--db", db)
    assert first.returncode == 1 and "Traceback" not in first.stderr.decode()
    err = first.stderr.decode()
    assert "bad.jsonl:2: invalid JSON" in err and "bin.txt: binary data" in err
    counts = json.loads(run_cli("stats", "--db", db, "--json").stdout)
    assert counts["articles"] == 4 and counts["failures"] == 2
    again = run_cli("ingest", *inputs, "--db", db)
    assert "skipped 4 already stored" in again.stderr.decode()
    assert json.loads(run_cli("stats", "--db", db, "--json").stdout) == counts
    out = tmp_path / "x.jsonl"
    assert run_cli("export", "--db", db, "--format", "jsonl", "-o", str(out)).returncode == 0
    assert len(jsonl(out)) == 4
    assert (
        run_cli("export", "--db", db, "--format", "csv", "--table", "places", "-o", str(tmp_path / "p.csv")).returncode
        == 0
    )
    assert "Nairobi" in (tmp_path / "p.csv").read_text()


def test_stats_table_and_unknown_format(tmp_path):
    db = str(tmp_path / "t.duckdb")
    run_cli("ingest", str(DATA / "nairobi.txt"), "--db", db)
    assert "articles" in run_cli("stats", "--db", db).stdout.decode()
    proc = run_cli("export", "--db", db, "--format", "xml")
    assert proc.returncode == 1 and "unknown format 'xml'" in proc.stderr.decode()


def test_missing_model_is_one_line():
    proc = run_cli("code", str(DATA / "nairobi.txt"), "--model", "xx_no_such_model")
    assert proc.returncode == 1
    assert proc.stderr.decode().strip().startswith("tacitus: spaCy model 'xx_no_such_model' is not installed")


def test_schema_command():
    proc = run_cli("schema")
    assert json.loads(proc.stdout)["title"] == "tacitus/1 record"
