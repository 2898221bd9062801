"""The TABARI/PETRARCH dictionary readers, CAMEO codes and name matching of the actors stage."""

from __future__ import annotations

from datetime import date

import pytest

from tacitus.actors.codes import CodeBook
from tacitus.actors.dictionary import (
    _phrase_variants,
    parse_dictionary_date,
    read_actor_dictionary,
    read_agent_dictionary,
)
from tacitus.actors.lexicon import (
    DEFAULT_ACTOR_DICTIONARIES,
    DEFAULT_AGENT_DICTIONARIES,
    load_lexicon,
    normalise_phrase,
    resolve_paths,
)
from tacitus.actors.names import is_acronym_of, person_relation, same_word, sound_key
from tacitus.errors import TacitusError
from tests.conftest import GOLD, needs_gold

VALIDATE = GOLD / "petrarch_unittest"


def entry(loaded, name):
    return next(e for e in loaded.entries if e.name == name)


def test_actor_dictionary_syntax(tmp_path):
    path = tmp_path / "test.actors.txt"
    path.write_text(
        "<!-- a one-line XML comment -->\n"
        "<!-- a comment\n  over two lines [XXX] -->\n"
        "# a hash comment\n"
        "ARNOR_  [ARN] # trailing comment\n"
        "+ARNORIAN\n"
        "PRINCE OF DOL AMROTH\n"
        "\t[--- <950630]\n"
        "\t[DOL]\n"
        "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_ [YEMREB]\n"
        "KOFI_ANNAN_\n"
        "\t[IGOUNO 970101-061231] [ELI]# IGOrulers.txt\n"
        "BROKEN\n"
        "\t[XYZ 20121204]\n"
        "\t[XYZ]\n",
        encoding="utf-8",
    )
    loaded = read_actor_dictionary(path)
    assert [e.name for e in loaded.entries] == [
        "ARNOR_",
        "PRINCE OF DOL AMROTH",
        "ADEN_ABYAN_ISLAMIC_ARMY_",
        "KOFI_ANNAN_",
        "BROKEN",
    ]
    arnor = entry(loaded, "ARNOR_")
    assert arnor.phrases == ["ARNOR_", "ARNORIAN"]
    assert arnor.code_at(date(1990, 1, 1)) == "ARN"
    prince = entry(loaded, "PRINCE OF DOL AMROTH")
    assert prince.code_at(date(1995, 1, 1)) is None  # the null code [---] before mid-1995
    assert prince.code_at(date(1996, 1, 1)) == "DOL"
    # A parenthesised acronym is a synonym of its own.
    assert entry(loaded, "ADEN_ABYAN_ISLAMIC_ARMY_").phrases[-1] == "AAIA"
    annan = entry(loaded, "KOFI_ANNAN_")
    assert annan.code_at(date(2000, 1, 1)) == "IGOUNO"
    # Other parenthesised words qualify the phrase (Phoenix's "+KOREA_(NORTH)_", "+GEORGIA_(NATION)_"): they
    # stay in it, never names of their own ("North", "Nation").
    assert _phrase_variants("+KOREA_(NORTH)_") == ["KOREA_NORTH_"]
    assert _phrase_variants("+GEORGIA_(NATION)_") == ["GEORGIA_NATION_"]
    assert _phrase_variants("HUMAN_RIGHTS_IN_CHINA_(HRIC)") == ["HUMAN_RIGHTS_IN_CHINA_", "HRIC"]
    assert annan.code_at(date(2010, 1, 1)) == "ELI"
    broken = entry(loaded, "BROKEN")
    assert broken.code_at(date(2013, 1, 1)) == "XYZ"  # the unreadable restriction is skipped ...
    assert broken.problems and "20121204" in broken.problems[0]  # ... and reported


def test_dictionary_dates_follow_petrarch():
    assert parse_dictionary_date("300101") == date(2030, 1, 1)
    assert parse_dictionary_date("310101") == date(1931, 1, 1)
    assert parse_dictionary_date("19950601") == date(1995, 6, 1)
    with pytest.raises(ValueError):
        parse_dictionary_date("950631")


def test_agent_dictionary_syntax(tmp_path):
    path = tmp_path / "test.agents.txt"
    path.write_text(
        "!PERSON! = MAN, MEN, WOMAN, WOMEN\n"
        "CONGRESS!PERSON! [~LEG]\n"
        "POLICE {} [ ~COP]\n"
        "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\n"
        "MILITIA [~UAF]\n"
        "HUMAN_RIGHTS_BODY  [NGO~] # prefix\n"
        "NO_CODE_HERE\n",
        encoding="utf-8",
    )
    loaded = read_agent_dictionary(path)
    phrases = {p: e for e in loaded.entries for p in e.phrases}
    assert {"CONGRESSMAN", "CONGRESSWOMEN"} <= phrases.keys()
    assert "POLICES" not in phrases and phrases["POLICE"].suffix == "COP"
    assert "ATTORNEYS_GENERAL" in phrases
    assert "MILITIAS" in phrases
    assert phrases["HUMAN_RIGHTS_BODY"].prefix == "NGO" and phrases["HUMAN_RIGHTS_BODY"].suffix == ""
    assert len(loaded.problems) == 1


def test_missing_dictionary_is_one_line_error(tmp_path):
    with pytest.raises(TacitusError) as raised:
        read_actor_dictionary(tmp_path / "nowhere.txt")
    assert raised.value.code == "E301"
    assert "\n" not in str(raised.value) and "nowhere.txt" in str(raised.value)


def test_packaged_phoenix_codes_change_with_the_date():
    lexicon = load_lexicon(DEFAULT_ACTOR_DICTIONARIES, DEFAULT_AGENT_DICTIONARIES)
    putin = next(e for e in lexicon.actors if e.name == "VLADIMIR_PUTIN_")
    assert putin.code_at(date(1995, 1, 1)) == "RUSELI"
    assert putin.code_at(date(2005, 1, 1)) == "RUSGOV"
    obama = next(e for e in lexicon.actors if e.name == "BARACK_OBAMA")
    assert obama.code_at(date(2005, 1, 1)) is None  # no role between his dated codes ...
    assert obama.any_code() == "USAGOV"  # ... but the dictionary still tells his country
    assert lexicon.actor_phrase_count > 30_000 and lexicon.agent_phrase_count > 5_000


def test_config_paths_and_default_keyword():
    assert resolve_paths(None, DEFAULT_ACTOR_DICTIONARIES) == DEFAULT_ACTOR_DICTIONARIES
    extra = resolve_paths(["default", "mine.txt"], DEFAULT_ACTOR_DICTIONARIES)
    assert extra[: len(DEFAULT_ACTOR_DICTIONARIES)] == DEFAULT_ACTOR_DICTIONARIES
    assert extra[-1].name == "mine.txt"


@needs_gold
def test_reads_petrarch_validation_dictionaries():
    actors = read_actor_dictionary(VALIDATE / "PETR.Validate.actors.txt")
    assert not actors.problems
    sam = entry(actors, "SAM_GAMGEE")
    # The first dated code that applies wins, the primary line's code is the default.
    assert sam.code_at(date(2007, 1, 1)) == "HOBCIV"
    assert sam.code_at(date(2010, 1, 10)) == "ORCHOB"
    assert sam.code_at(date(2011, 1, 1)) == "HOBMIL"
    assert sam.code_at(date(2012, 12, 1)) == "HOBGOV"
    assert sam.code_at(date(2014, 1, 1)) == "HOBELI"
    gollum = entry(actors, "GOLLUM")
    assert gollum.phrases == ["GOLLUM", "SMEAGOL", "SLINKER", "STINKER"]
    assert gollum.code_at(date(1997, 1, 1)) == "HOBGOV"  # "[HOBGOV 19950601 - 19990815]", spaces and all
    assert entry(actors, "THE_SHIRE").code_at(date(1995, 1, 1)) == "FRO/BIL/SAM"
    assert entry(actors, "ZIMBABWE").code_at(date(1975, 1, 1)) == "RHO"
    assert entry(actors, "PALESTINIAN").code_at(None) == "PSE"  # lower-case codes are read upper-case
    agents = read_agent_dictionary(VALIDATE / "PETR.Validate.agents.txt")
    phrases = {p: e for e in agents.entries for p in e.phrases}
    assert phrases["MINISTRY_OF_SILLY_WALKS"].suffix == "GOV"  # !MINST! substitution
    assert phrases["MSF"].prefix == "NGO"


def test_code_book_reads_and_writes_cameo_codes():
    lexicon = load_lexicon(DEFAULT_ACTOR_DICTIONARIES, DEFAULT_AGENT_DICTIONARIES)
    codes: CodeBook = lexicon.codes
    parsed = codes.parse("IRNGOVMIL")
    assert (parsed.root, parsed.country, parsed.sectors) == ("IRN", "IRN", ("GOV", "MIL"))
    assert codes.parse("IMGMUSALQ").country is None  # MUS is Muslim here, not Mauritius
    assert codes.parse("SCGSRB").country == "SRB"
    assert codes.parse("---GOV").root is None and codes.parse("---GOV").sectors == ("GOV",)
    assert codes.compose("IRNMIL", ["MIL", "ELI"]) == "IRNMILELI"
    assert codes.compose(None, ["GOV"]) == "---GOV"
    assert codes.compose(None, []) is None


def test_normalisation_is_case_and_punctuation_tolerant():
    assert normalise_phrase("U.S.-backed") == "US BACKED"
    assert normalise_phrase("al-Qaeda's") == "AL QAEDA"
    assert normalise_phrase("ANARCHISTS'_ATTACK_GROUP_") == "ANARCHISTS ATTACK GROUP"
    assert normalise_phrase("Esmaïl") == "ESMAIL"


@pytest.mark.parametrize(
    ("a", "b"), [("Ghaani", "Qaani"), ("Qods", "Quds"), ("Qasem", "Qassem"), ("Soleimani", "Suleimani")]
)
def test_transliteration_variants_are_the_same_word(a, b):
    assert sound_key(a) == sound_key(b) or same_word(a, b)


def test_people_sharing_a_surname_stay_apart():
    assert person_relation(["ali", "khamenei"], ["mojtaba", "khamenei"]) == "different"
    assert person_relation(["khamenei"], ["ali", "khamenei"]) == "surname"
    assert person_relation(["esmail", "ghaani"], ["esmail", "qaani"]) == "same"
    assert not same_word("Ali", "Ari")


def test_acronyms():
    assert is_acronym_of("IRGC", "Islamic Revolutionary Guard Corps")
    assert is_acronym_of("PMF", "Popular Mobilization Forces")
    assert not is_acronym_of("Iran", "Islamic Republic of Iran Army")
