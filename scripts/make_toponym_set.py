"""Make the annotated toponym set of ``tacitus eval places`` (tests/data/places/).

    .venv/bin/python scripts/make_toponym_set.py

The texts are the 24 Wikinews articles of the GUM corpus (CC BY 2.5; bundled in corpus/wikinews). GUM's
annotators marked place entities and linked them to Wikipedia; the annotation here is the table
``GEONAMES`` below, which gives, for each linked place, the GeoNames entry it is -- chosen by reading the
article and the Wikipedia title, looking the id up in the packaged gazetteer (the right entry, not the
most populous: "Arlington" in a story about Texas is Arlington, Texas). Places with no GeoNames entry in
the gazetteer (buildings, stadiums, "Southeast Asia") are left out.

Each item is one toponym in the text: the words inside GUM's mention that name the entry ("Houston" in
"Houston, Texas"; "Texas" is its own item, from GUM's nested mention). Referring expressions without a
name ("the city", "their home") are skipped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tacitus.evaluate.gold import load_gum
from tacitus.places.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "places"
CORPUS = ROOT / "corpus" / "wikinews" / "wikinews-gum.jsonl"
GOLD = ROOT.parent / "shared" / "gold"

# Wikipedia title (as GUM writes it) -> GeoNames id: the annotation.
GEONAMES = {
    "United_States": 6252001, "United_Kingdom": 2635167, "New_Zealand": 2186224, "Australia": 2077456,
    "Texas": 4736286, "Mecca": 104515, "Los_Angeles": 5368361, "Taipei": 1668341, "Afghanistan": 1149361,
    "Canada": 6251999, "Hong_Kong": 1819730, "Houston": 4699066, "Lombardy": 3174618, "Indonesia": 1643084,
    "Malaysia": 1733045, "California": 5332921, "Florida": 4155751, "Livorno": 3174659,
    "Washington%2C_D.C.": 4140963, "Syria": 163843, "Irving%2C_Texas": 4700168, "New_York_City": 5128581,
    "Toronto": 6167865, "Taiwan": 1668284, "Washington_%28state%29": 5815135, "Italy": 3175395,
    "Evansville%2C_Indiana": 4257227, "North_Carolina": 4482348, "Herat": 1140026, "Kabul": 1138958,
    "Iran": 130758, "Libya": 2215636, "Yemen": 69543, "Myanmar": 1327865, "Thailand": 1605651,
    "Arlington%2C_Texas": 4671240, "Saudi_Arabia": 102358, "Hong_Kong_Island": 12747064, "Kowloon": 1819609,
    "North_America": 6255149, "Ontario": 6093943, "Wellington": 2179537, "Sydney": 2147714, "India": 1269750,
    "New_South_Wales": 2155400, "Seattle": 5809844, "Illinois": 4896861, "Albania": 783754, "France": 3017382,
    "Ottawa": 6094817, "Indiana": 4921868, "Poland": 798544, "Armenia": 174982, "Sudan": 366755,
    "Morocco": 2542007, "Mexico": 3996063, "Mexico_City": 3530597, "Dallas": 4684888,
    "East_Los_Angeles%2C_California": 5344994, "Brazil": 3469034, "Brampton": 5907364,
    "Christchurch": 2192362, "Bonaire": 7609816, "Switzerland": 2658434, "Victoria_%28Australia%29": 2145234,
    "South_Australia": 2061327, "Western_Australia": 2058645, "Queensland": 2152274, "Tasmania": 2147291,
    "Yeoncheon_County": 1832699, "Oregon": 5744337, "Ohio": 5165418, "Alabama": 4829764, "Eritrea": 338010,
    "Paris": 2988507, "Nizhny_Novgorod": 520555, "Sochi": 491422, "Volgograd": 472757, "Milan": 3173435,
    "Bogliasco": 3181943, "Genova": 3176219, "Tuscany": 3165361, "New_York_%28state%29": 5128638,
    "Greensboro%2C_North_Carolina": 4469146, "Chapel_Hill%2C_North_Carolina": 4460162,
    "Massachusetts": 6254926, "Sheffield": 2638077, "Chicago": 4887398,
    "Mountain_View%2C_California": 5375480, "Kanata%2C_Ontario": 5989117, "Clearwater%2C_Florida": 4151316,
    "McMinnville%2C_Oregon": 5739936, "Huntsville%2C_Alabama": 4068590,
    "Saratoga_Springs%2C_New_York": 5136334, "Evanston%2C_Illinois": 4891382,
    "Durham%2C_North_Carolina": 4464368, "Cape_Canaveral": 4149959, "Aceh": 1215638,
}  # fmt: skip


def place_mentions(doc) -> list[tuple[int, int, str]]:
    """GUM's place entities of ``doc`` with a Wikipedia link: (start, end, title)."""
    found, open_ = [], {}
    for token in doc.tokens:
        match = re.search(r"Entity=([^|]*)", token.misc)
        if not match:
            continue
        for part in re.finditer(r"\(([^()]+)\)?|(\d+)\)", match.group(1)):
            if part.group(1):
                fields = part.group(1).split("-")
                entity = (token.start, fields[1], fields[-1] if len(fields) > 6 else "")
                if part.group(0).endswith(")"):
                    found.append((token.start, token.end, entity))
                else:
                    open_[fields[0]] = entity
            elif part.group(2) in open_:
                start, kind, title = open_.pop(part.group(2))
                found.append((start, token.end, (start, kind, title)))
    return [(start, end, entity[2]) for start, end, entity in found if entity[1] == "place" and entity[2]]


def name_inside(text: str, geonames_id: int, gazetteer) -> tuple[int, int] | None:
    """The longest run of words in ``text`` that the gazetteer gives as a name of the entry."""
    words = list(re.finditer(r"[\w.'’-]+", text))
    best = None
    for i in range(len(words)):
        for j in range(i, min(i + 4, len(words))):
            start, end = words[i].start(), words[j].end()
            surface = text[start:end].removesuffix("'s").removesuffix("’s")
            end = start + len(surface)
            if any(e.geonames_id == geonames_id for e in gazetteer.candidates(surface)) and (
                best is None or end - start > best[1] - best[0]
            ):
                best = (start, end)
    return best


# GUM links "Washington" in "Washington Dulles International Airport" to the state; the airport is named
# after the capital and lies in Virginia: not a toponym of its own, left out.
NOT_TOPONYMS = ("Washington Dulles",)


def part_of_longer_name(text: str, span: tuple[int, int], geonames_id: int, gazetteer) -> bool:
    """GUM nests "Mexico" in "Mexico City": the longer name is the toponym, the nested one is not."""
    following = re.match(r" ([A-Z]\w+)", text[span[1] :])
    if following is None:
        return False
    longer = text[span[0] : span[1]] + following.group(0)
    if any(longer.startswith(n) for n in NOT_TOPONYMS):
        return True
    return any(e.geonames_id != geonames_id for e in gazetteer.candidates(longer))


def main() -> None:
    gazetteer = load_gazetteer()
    corpus = {json.loads(line)["id"]: json.loads(line) for line in CORPUS.open(encoding="utf-8")}
    items, articles = [], {}
    for doc in load_gum(GOLD):
        article = corpus[f"wikinews-gum-{doc.id}"]
        assert article["text"] == doc.text, doc.id
        seen = set()
        for start, end, title in place_mentions(doc):
            if title not in GEONAMES:
                continue
            inside = name_inside(doc.text[start:end], GEONAMES[title], gazetteer)
            if inside is None:
                continue
            span = (start + inside[0], start + inside[1])
            if span in seen or part_of_longer_name(doc.text, span, GEONAMES[title], gazetteer):
                continue
            seen.add(span)
            text = doc.text[span[0] : span[1]]
            items.append({"article": article["id"], "start": span[0], "end": span[1], "text": text,
                          "geonames_id": GEONAMES[title], "wikipedia": title})  # fmt: skip
            articles[article["id"]] = article
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "toponyms.jsonl").open("w", encoding="utf-8") as f:
        for item in sorted(items, key=lambda i: (i["article"], i["start"])):
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    with (OUT / "articles.jsonl").open("w", encoding="utf-8") as f:
        for article in sorted(articles.values(), key=lambda a: a["id"]):
            f.write(json.dumps(article, ensure_ascii=False) + "\n")
    print(f"{len(items)} toponyms, {len({i['geonames_id'] for i in items})} places, {len(articles)} articles")


if __name__ == "__main__":
    main()
