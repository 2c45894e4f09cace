"""Gazetteer look-ups: GeoNames places, the reviewed alias table, regions and disambiguation."""

import pytest

from pipeline.extract import extract_events
from pipeline.extract.places import find_places, fuzzy_key, load_gazetteer, norm_place

pytestmark = pytest.mark.unit


def _names(sentence):
    return [(m.place.name, m.role) for m in find_places(sentence)]


def test_norm_place_drops_articles_diacritics_and_punctuation():
    assert norm_place("Al-Ḩasakah") == norm_place("al Hasakah") == "hasakah"


def test_fuzzy_key_joins_transliteration_variants():
    assert fuzzy_key("Kassab") == fuzzy_key("Kasab")
    assert fuzzy_key("Qusair") == fuzzy_key("Qusayr")


def test_geonames_city_has_admin1_in_acled_spelling():
    [place] = [m.place for m in find_places("Mortar rounds hit central Homs neighbourhoods.") if m.place.name.endswith("Homs")]
    assert place.country_code == "SY" and place.admin1 == "Homs"


def test_alias_table_finds_a_village_missing_from_geonames():
    [m] = find_places("Fighting spread to the village of Rankous.")
    assert (m.place.name, m.place.admin1, m.place.geo_precision) == ("Rankous", "Rif Dimashq", 1)


def test_alias_spelling_maps_to_the_canonical_place():
    [m] = find_places("Troops entered Kessab at dawn.")
    assert m.place.name == "Kasab" and m.place.admin1 == "Latakia"


def test_named_region_has_region_precision():
    [m] = find_places("Jets struck hideouts across the Qalamoun region.")
    assert m.place.name == "Qalamoun" and m.place.geo_precision == 3


def test_direction_word_makes_a_region_around_a_place():
    [m] = find_places("Rebels shelled villages in northern Hama.")
    assert m.place.name == "northern Hama" and m.place.geo_precision in (2, 3) and m.place.admin1 == "Hama"


def test_province_wording_gives_the_admin1_region():
    [m] = find_places("Airstrikes hit targets in Idlib province.")
    assert m.place.kind == "province" and m.place.admin1 == "Idleb" and m.place.geo_precision == 3


def test_city_used_for_its_government_is_not_a_location():
    assert _names("The government in Baghdad condemned the raid.") == [("Baghdad", "attributive")]


def test_border_with_a_country_is_not_the_event_place():
    roles = dict(_names("Troops advanced on Tal Kalakh near the border with Lebanon."))
    assert roles.get("Lebanon") == "border"


def test_dateline_is_marked():
    assert _names("BEIRUT: Clashes erupted in Aleppo.")[0] == ("Beirut", "dateline")


def test_person_names_are_not_places():
    assert _names("Spokesman Ahmad Homs told reporters the talks failed.") == []


def test_article_context_picks_the_right_ras_al_ain():
    text = ("Government forces pushed deeper into the Qalamoun mountains near Yabroud on Monday. "
            "Later on Monday, troops shelled Ras al-Ain, a village in the area.")
    [event] = [e for e in extract_events(text, "2016-02-01") if e["location"]["name"] == "Ras al-Ain"]
    assert event["location"]["admin1"] == "Rif Dimashq"


def test_other_context_picks_the_hasakah_ras_al_ain():
    text = ("Kurdish YPG forces and jihadists clashed near Qamishli in Hasakah province on Monday. "
            "On Tuesday, Turkish artillery shelled Ras al-Ain on the Turkish border.")
    [event] = [e for e in extract_events(text, "2016-02-03") if e["location"]["name"] == "Ras al-Ain"]
    assert event["location"]["admin1"] == "Al Hasakah"


def test_gazetteer_loads_once():
    assert load_gazetteer() is load_gazetteer()


def test_district_of_a_city_is_placed_at_the_city():
    [m] = [m for m in find_places("Shells hit the Mezraa neighborhood of Homs on Monday.") if m.surface == "Mezraa"]
    assert m.place.admin1 == "Homs" and m.place.key == next(
        x.place.key for x in find_places("Shells hit Homs.") if x.surface == "Homs")


def test_possessive_names_the_province_of_an_unknown_village():
    [event] = extract_events("In Hama's Tal Mraq, rebels overran an army checkpoint on Friday.", "2016-04-12")
    assert event["location"]["name"] == "Tal Mraq" and event["location"]["admin1"] == "Hama"
