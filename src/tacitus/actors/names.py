"""One actor, many names: which proper-name mentions of a document denote the same actor.

Within a document a full name, a surname, a titled form, an acronym and its expansion, and the spelling
variants of a transliterated name ("Ghaani"/"Qaani", "Qods"/"Quds", "Qasem"/"Qassem") are merged. Names are
compared word by word after a transliteration fold (:func:`sound_key`) and, for what the fold does not
catch, fuzzy similarity (rapidfuzz). Two full names whose first names differ ("Ali Khamenei", "Mojtaba
Khamenei") are never merged; a bare surname goes to the person of that surname mentioned last before it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

from tacitus.actors.words import words

# Words that are not part of a name for comparison: titles, honorifics, articles and name particles
# ("Jean-Yves Le Drian" is "Le Drian" and "Drian", "Ursula von der Leyen" is "von der Leyen").
NAME_PARTICLES = words("""al el ul bin ibn ben abu de da di du del della dos das do le la van von der den ter""")
TITLE_WORDS = words(
    """mr mrs ms miss dr sir lord lady dame president gen general maj major col colonel lt lieutenant brig
    brigadier adm admiral capt captain sgt sergeant cmdr commander ayatollah hojatoleslam grand sheikh sheik
    shaikh imam mullah king queen prince princess emir amir sultan pope rev reverend father prime minister
    secretary senator sen rep representative gov governor mayor judge justice chief supreme leader haj hajj
    sayyed seyed sayed said seyyed mohandes"""
)
ARTICLES = frozenset({"the", "a", "an"})
ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "in", "on", "de", "al", "el", "&"})
# The least Jaro-Winkler similarity of two folded words to be the same name written two ways.
SIMILARITY = 0.9


def ascii_lower(text: str) -> str:
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.lower()


_FOLDS = (
    (re.compile(r"gh|kh|ck|k|c(?=[aou])|g(?=h)"), "q"),  # Ghaani/Qaani, Khamenei/Chamenei
    (re.compile(r"ph"), "f"),
    (re.compile(r"(?<=[a-z])h(?![aeiou])|(?<=[aeiou])h$"), ""),  # Mohammad/Muhammad, Allah/Alla
    (re.compile(r"ou|oo|o|u|w(?=[aeiou]?$)"), "u"),  # Qods/Quds
    (re.compile(r"ee|ei|ey|ie|ai|ay|y|e|i"), "i"),  # Soleimani/Suleimani, Qasem/Qassim
    (re.compile(r"aa|a"), "a"),
    (re.compile(r"([a-z])\1+"), r"\1"),  # Qassem/Qasem
)


@lru_cache(maxsize=50_000)
def sound_key(word: str) -> str:
    """A transliteration-insensitive key of one word: spellings of the same Arabic or Persian name map to
    the same key more often than not ("Ghaani" and "Qaani" -> "qani", "Qods"/"Quds" -> "quds")."""
    text = re.sub(r"[^a-z]", "", ascii_lower(word))
    for pattern, replacement in _FOLDS:
        text = pattern.sub(replacement, text)
    return text


def same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if _digits(a) != _digits(b):
        return False  # "IE6" and "IE9", "G7" and "G20" are different names
    ka, kb = sound_key(a), sound_key(b)
    if ka == kb and ka:
        return True
    # Short words are compared exactly: "Ali" and "Ari" are different people.
    if min(len(ka), len(kb)) < 5:
        return False
    return JaroWinkler.similarity(ka, kb) >= SIMILARITY


@lru_cache(maxsize=20_000)
def _name_words(text: str) -> tuple[str, ...]:
    text = re.sub(r"['’]s?$", "", text.rstrip())  # "the Air Force's"
    words = [w for w in re.split(r"[\s\-_.'’]+", ascii_lower(text)) if w]
    core = [w for w in words if w not in TITLE_WORDS and w not in ARTICLES and w not in NAME_PARTICLES]
    return tuple(core or [w for w in words if w not in ARTICLES])


def name_words(text: str) -> list[str]:
    """The words of a name that identify it: lower case, without titles, articles and particles."""
    return list(_name_words(text))


def initials(text: str) -> str:
    words = [w for w in re.split(r"[\s\-_]+", text) if w]
    return "".join(w[0].upper() for w in words if w.lower() not in ACRONYM_SKIP and w[0].isalpha())


def is_acronym_of(short: str, long: str) -> bool:
    """ "IRGC" of "Islamic Revolutionary Guard Corps", "PMF" of "Popular Mobilization Forces"."""
    letters = re.sub(r"[^A-Za-z]", "", short)
    if not (2 <= len(letters) <= 8) or not short.replace(".", "").isupper():
        return False
    expansion = initials(long)
    return expansion == letters.upper() or (len(letters) >= 3 and expansion.endswith(letters.upper()))


# Common Korean, Chinese and Vietnamese family names, which come first in the names the press writes in full.
SURNAME_FIRST = words(
    """kim lee yi park pak choi choe jung chung kang cho jo yoon yun jang chang lim han oh seo shin kwon hwang ahn
    song yoo hong jeon moon ban xi li wang zhang liu chen yang huang zhao zhou xu sun zhu hu guo lin luo deng wen
    jiang qin nguyen tran pham hoang phan vo dang hun lai tsai ma ko wu he gao"""
)


def person_relation(a: list[str], b: list[str]) -> str:
    """How two person names relate: "same" (one's words are the other's, or equal), "surname" (one is a
    bare surname of the other), "different"."""
    if not a or not b:
        return "different"
    if len(a) == len(b):
        return "same" if all(same_word(x, y) for x, y in zip(a, b, strict=True)) else "different"
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(short) == 1 and short[0].lower() in SURNAME_FIRST and same_word(short[0], long[0]):
        return "surname"  # "Yoon" after "Yoon Suk Yeol", "Xi" after "Xi Jinping": the family name comes first
    if not same_word(short[-1], long[-1]):
        # "Abu Mahdi al-Muhandis" and "Abu Mahdi": a leading part of a name is the name too.
        return (
            "same"
            if len(short) > 1 and all(same_word(x, y) for x, y in zip(short, long, strict=False))
            else "different"
        )
    if len(short) == 1:
        return "surname"
    # First names must agree where both have them ("Qasem Soleimani" vs "Q. Soleimani" is fine).
    return (
        "same" if same_word(short[0], long[0]) or (len(short[0]) == 1 and long[0].startswith(short[0])) else "different"
    )


def _digits(word: str) -> str:
    return "".join(c for c in word if c.isdigit()) if any(c.isdigit() for c in word) else ""


def short_form(short_text: str, long_text: str) -> bool:
    """ "Apple" after "Apple Computer": a one-word name that is the first word of a two- or three-word name
    (not a hyphenated one: "Boeing-Air Force" is two organisations)."""
    short, long = name_words(short_text), name_words(long_text)
    return (
        len(short) == 1
        and 2 <= len(long) <= 3
        and "-" not in long_text
        and same_word(short[0], long[0])
        and len(short[0]) > 2
    )


def country_qualified(short_text: str, long_text: str) -> bool:
    """ "Air Force" of "United States Air Force": the longer name is the shorter one with words before it
    (the caller checks that those words name the country)."""
    short, long = name_words(short_text), name_words(long_text)
    return 2 <= len(short) < len(long) and long[-len(short) :] == short


@lru_cache(maxsize=50_000)
def organisation_relation(a_text: str, b_text: str) -> bool:
    a, b = name_words(a_text), name_words(b_text)
    if a and b and len(a) == len(b) and all(same_word(x, y) for x, y in zip(a, b, strict=True)):
        return True
    return is_acronym_of(a_text, b_text) or is_acronym_of(b_text, a_text)
