"""Closed word classes the actors stage reasons with: pronouns, titles, role and group nouns.

These are grammar and common vocabulary, not facts about actors (those come from the dictionaries).
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A set of words written as one string."""
    return frozenset(text.split())


# Personal pronouns: form -> (person?, number, gender). Possessives are included ("his", "their").
PRONOUNS: dict[str, tuple[str, str, str | None]] = {
    "he": ("person", "sg", "m"),
    "him": ("person", "sg", "m"),
    "his": ("person", "sg", "m"),
    "himself": ("person", "sg", "m"),
    "she": ("person", "sg", "f"),
    "her": ("person", "sg", "f"),
    "hers": ("person", "sg", "f"),
    "herself": ("person", "sg", "f"),
    "it": ("thing", "sg", None),
    "its": ("thing", "sg", None),
    "itself": ("thing", "sg", None),
    "they": ("any", "pl", None),
    "them": ("any", "pl", None),
    "their": ("any", "pl", None),
    "theirs": ("any", "pl", None),
    "themselves": ("any", "pl", None),
}
REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves"})

DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
FORMER_WORDS = frozenset({"former", "ex", "ex-", "erstwhile", "onetime", "one-time", "retired", "deposed", "ousted"})

# Honorifics that tell a person's gender.
MALE_TITLES = frozenset({"mr", "mr.", "mister", "sir", "lord", "king", "prince", "sheikh", "father", "brother"})
FEMALE_TITLES = frozenset(
    {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "madame", "dame", "lady", "queen", "princess", "sheikha", "sister"}
)
MALE_NOUNS = frozenset(
    {"man", "men", "father", "son", "brother", "husband", "uncle", "nephew", "boy", "spokesman", "chairman",
     "congressman", "businessman", "king", "prince", "policeman", "sheikh", "gunman", "tribesman"}
)  # fmt: skip
FEMALE_NOUNS = frozenset(
    {"woman", "women", "mother", "daughter", "sister", "wife", "aunt", "niece", "girl", "spokeswoman",
     "chairwoman", "congresswoman", "businesswoman", "queen", "princess", "policewoman", "widow"}
)  # fmt: skip

# Head nouns of descriptors that name an organisation rather than a person or a set of people.
ORGANISATION_NOUNS = words(
    """government administration regime cabinet ministry department army military navy force forces militia
    police court parliament congress senate council committee commission party group organization
    organisation movement agency authority company firm corporation bank union alliance coalition front axis
    bloc league network faction wing branch unit brigade battalion division guard corps service office
    embassy legislature judiciary junta leadership opposition corps"""
)
# Nouns that follow an organisation's name as a plain description of it ("the Islamic State group").
NAMED_GROUP_NOUNS = words("group organization organisation movement militia faction network outfit party")
# Nouns for a set of people (a group, though singular).
COLLECTIVE_NOUNS = words("crowd mob family team delegation staff personnel public population community clan tribe")
# Named groups of several actors: a name with one of these heads is an actor of type group.
COALITION_NOUNS = frozenset({"coalition", "alliance", "axis", "front", "bloc", "league", "camp"})
# Nouns naming a country, for definite descriptions such as "the country" or "the Islamic Republic".
COUNTRY_NOUNS = frozenset({"country", "nation", "state", "republic", "kingdom", "emirate", "monarchy", "land"})
# Roles that say little by themselves: with an organisation beside them ("Hezbollah official", "leader of
# the Badr Organization") the organisation's code is the actor's.
GENERIC_ROLES = words(
    """leader head chief member official spokesman spokeswoman spokesperson representative figure deputy
    founder chairman chairwoman secretary-general envoy delegate loyalist supporter adviser advisor"""
)
# Roles that speak for whoever their "for" phrase names ("a spokesman for the ministry").
SPOKESPERSON_NOUNS = words("spokesman spokeswoman spokesperson")
# People known by the side they take against someone ("critics said", "opponents warned"): a party to the
# story, though no CAMEO sector names them, so actors with no sector of their own. Neutral sources
# ("experts", "analysts", "observers") comment on a story rather than take part in it and stay no actors.
SIDE_NOUNS = words("critic opponent detractor sceptic skeptic")
# Heads of partitive noun phrases: in "thousands of Iranians" the actor is the Iranians.
QUANTITY_WORDS = words(
    """dozens hundreds thousands millions scores tens some many most all several few number group crowd crowds
    majority minority half part members rest none each one two three four five six seven eight nine ten"""
)
# Prepositions that place the people of a noun phrase in a country ("soldiers from Gondor").
ORIGIN_PREPOSITIONS = frozenset({"from", "in", "of", "inside", "across", "throughout"})
# Military equipment: heads of actors ("Israeli tanks fired"), but in a compound they name a thing ("a drone
# strike"), not an actor.
EQUIPMENT_NOUNS = words(
    """tank helicopter gunship gunboat drone warship warplane jet aircraft plane artillery missile rocket bomb
    vessel submarine bulldozer"""
)
# Participles that make a noun phrase a trend, not an actor: "increasing population", "changing diet".
TREND_PARTICIPLES = words(
    """increasing growing rising declining falling shrinking changing ageing aging dwindling expanding
    booming swelling"""
)
# Agent words that are roles only as common nouns: capitalised, "Union" names a federation ("the European
# Union", "the Soviet Union"), lower case a trade union ("their union", "union leader").
LOWER_CASE_AGENTS = frozenset({"union"})
# Agent words that name an institution only with a capital: "the Diet" (a parliament), not "a changing diet".
CAPITALISED_AGENTS = frozenset({"diet"})
# Places named by a common noun: for the places stage, not actors ("the southeastern city").
PLACE_NOUNS = words(
    """city town village province region district area capital port neighbourhood neighborhood suburb
    territory border"""
)
# Institutions that are also abstract mass nouns: bare and singular they name the abstraction ("the use of
# force", "excessive force", "faced opposition"), with a determiner or a name the institution ("the force",
# "the Quds Force", "security forces").
MASS_READING_NOUNS = words("force security intelligence opposition justice")
# Media outlets a descriptor names ("state television", "the newspaper"): organisations, not people.
MEDIA_NOUNS = words("television radio broadcaster newspaper channel tabloid daily")
# A ruler or power named by its colonies ("its former colonial ruler"): another country than its possessor.
COLONIAL_WORDS = words("colonial imperial colonialist")
# Words of leaving a place: "the withdrawal of forces from Panama" is where they leave, not where they are from.
LEAVING_WORDS = words(
    """withdraw withdrawal pullout pullback evacuate evacuation remove removal redeploy redeployment expel
    expulsion"""
)
# Heads of the names of non-governmental bodies ("the Third World Water Forum", "the Association of African
# Jurists"): a name no dictionary knows with such a head and no country word is an NGO. Committees, councils and
# federations are that only when named international ("World Council of Churches"): national ones are as often
# organs of a state or a party ("Central Committee", "National Security Council").
NGO_HEAD_NOUNS = words("forum association society institute foundation watch")
INTERNATIONAL_HEAD_NOUNS = words("committee council federation")
INTERNATIONAL_WORDS = words("international world global")
# Words of the demonyms of regions, not countries ("West African leaders", "European partners", "Arab
# ministers"): people so described come from several countries.
REGION_DEMONYM_WORDS = words(
    """african european asian arab latin western eastern northern southern nordic scandinavian balkan baltic
    caribbean gulf pacific atlantic sahelian maghrebi"""
)
