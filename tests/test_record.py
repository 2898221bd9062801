import json

import jsonschema
import pytest

from tacitus.record import SCHEMA_NAME, Article, Record, json_schema, record_problems, shipped_schema

from .conftest import assert_valid_record


def test_shipped_schema_is_the_generated_one():
    # Regenerate with: python -c "from tacitus.record import *; import json; SCHEMA_PATH.write_text(...)"
    assert shipped_schema() == json.loads(json.dumps(json_schema())), "schema file is stale: see docs/record.md"


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(shipped_schema())


def test_contract_field_names(pipeline):
    article = Article(id="x", text="Iranian officials met Iraqi militias in Baghdad on Monday.", published="2024-01-08")
    record = pipeline.code_one(article).to_dict()
    assert record["schema"] == SCHEMA_NAME
    assert set(record) >= {"schema", "article", "actors", "events", "quotes", "places", "times"}
    assert set(record["article"]) >= {"id", "title", "url", "source", "published", "language", "text"}
    for actor in record["actors"]:
        assert set(actor) >= {"id", "name", "code", "country", "sectors", "type", "mentions"}
    for place in record["places"]:
        assert set(place) >= {"id", "name", "geonames_id", "country", "lat", "lon", "feature", "mentions"}
    for time in record["times"]:
        assert set(time) >= {"text", "start", "end", "type", "value"}


def test_empty_record_is_valid():
    assert_valid_record(Record(article=Article(id="a", text="Nothing happened.")).to_dict())


def test_problems_are_found():
    record = Record(article=Article(id="a", text="Kabul is calm.")).to_dict()
    record["actors"] = [{"id": "a1", "name": "Kabul", "code": None, "country": None, "sectors": [], "type": "other",
                         "mentions": [{"start": 0, "end": 4, "text": "Kabul"}]}]  # fmt: skip
    record["times"] = [{"id": "a1", "text": "x", "start": 50, "end": 51, "type": "DATE", "value": None}]
    problems = record_problems(record)
    assert any("is not article.text" in p for p in problems)
    assert any("outside the text" in p for p in problems)
    assert any("not unique" in p for p in problems)


def test_schema_rejects_bad_values():
    record = Record(article=Article(id="a", text="Calm.")).to_dict()
    record["article"]["published"] = "5 May 2023"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, shipped_schema())
