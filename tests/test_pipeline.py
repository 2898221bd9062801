from spacy.language import Language

from tacitus.config import Settings
from tacitus.pipeline import Pipeline
from tacitus.record import Article
from tacitus.stage import Stage


def test_stages_run_in_order(pipeline):
    assert pipeline.stage_names == ["times", "places", "actors", "quotes", "events"]
    assert pipeline.nlp.pipe_names[:2] == ["tok2vec", "tagger"]


def test_first_facts(pipeline):
    article = Article(id="n1", text="Kenyan police fired tear gas in Nairobi on Monday.", published="2023-05-03")
    record = pipeline.code_one(article)
    assert [p.name for p in record.places] == ["Nairobi"]
    assert record.places[0].country == "KEN" and record.places[0].geonames_id == 184745
    assert [(t.text, t.type) for t in record.times] == [("Monday", "DATE")]


def test_stages_can_be_switched_off():
    pipeline = Pipeline(Settings(stages=("times",)))
    assert pipeline.stage_names == ["times"]
    record = pipeline.code_one(Article(id="x", text="Kenyan police fired tear gas in Nairobi on Monday."))
    assert record.times and not record.places and not record.actors


@Language.factory("tacitus_test_fragile")
def make_fragile(nlp, name):
    return Fragile()


class Fragile(Stage):
    name = "fragile"

    def process(self, doc):
        if "explode" in doc.text:
            raise ValueError("cannot handle this text")


def test_a_failing_stage_fails_one_article_not_the_batch():
    pipeline = Pipeline(Settings(stages=("times",)))
    pipeline.nlp.add_pipe("tacitus_test_fragile")
    articles = [Article(id=str(i), text=text) for i, text in enumerate(["Calm day.", "They explode.", "Rain."])]
    outcomes = list(pipeline.code(articles))
    assert [o.ok for o in outcomes] == [True, False, True]
    assert "cannot handle this text" in outcomes[1].error.message and outcomes[1].error.code == "E201"


def test_coding_hands_every_object_back_to_the_collector(pipeline):
    import gc

    article = Article(id="g1", text="Kenyan police fired tear gas in Nairobi on Monday.")
    outcomes = pipeline.code([article, article.model_copy(update={"id": "g2"})])
    next(outcomes)
    assert gc.get_freeze_count() > 0  # while coding, the long-lived objects are left out of full collections
    outcomes.close()
    assert gc.get_freeze_count() == 0
    pipeline.code_one(article)  # a generator dropped after its first article
    assert gc.get_freeze_count() == 0
    gc.freeze()  # an application's own freeze is left as it is
    try:
        pipeline.code_one(article)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_coded_doc_is_freed_without_the_collector(pipeline):
    import gc

    from spacy.tokens import Doc

    articles = [Article(id=f"c{i}", text="Kenyan police fired tear gas in Nairobi on Monday.") for i in range(3)]
    gc.collect()
    gc.disable()
    try:
        records = [outcome.record for outcome in pipeline.code(articles)]
        assert len(records) == 3 and all(r.places for r in records)
        # No reference cycle keeps the coded Docs alive (a stage may hold on to the last one until the next).
        assert len([o for o in gc.get_objects() if type(o) is Doc]) <= 1
    finally:
        gc.enable()
