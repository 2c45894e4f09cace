"""World geography: admin1/admin2 regions of every country, when a name earns its place, and how the
article's countries decide between same-named places (issue 10). Sentences are written for the test."""

import pytest

from pipeline.extract import extract_events
from pipeline.extract.places import article_countries, disambiguate, find_places, load_gazetteer

pytestmark = pytest.mark.unit


def _resolved(text):
    """(surface, name, admin1, country code, kind) of the places the article keeps."""
    mentions = find_places(text)
    return [(m.surface, m.place.name, m.place.admin1, m.place.country_code, m.place.kind)
            for m in disambiguate(mentions, text) if m is not None]


def _surfaces(text):
    return [r[0] for r in _resolved(text)]


@pytest.mark.parametrize("sentence, admin1, cc", [
    ("Fighting raged in Helmand province overnight.", "Helmand", "AF"),
    ("A roadside bomb struck a convoy in Diyala.", "Diyala", "IQ"),
    ("Police fired tear gas at marchers in Sindh.", "Sindh", "PK"),
    ("Soldiers clashed with dissidents in Caqueta department.", "Caqueta", "CO"),
])
def test_admin1_regions_of_any_country_resolve_at_region_precision(sentence, admin1, cc):
    [m] = [m for m in find_places(sentence) if m.place.kind == "province"]
    assert (m.place.admin1, m.place.country_code, m.place.geo_precision) == (admin1, cc, 3)
    assert m.place.latitude is not None and m.place.longitude is not None


def test_admin2_district_resolves_with_its_admin1():
    [m] = find_places("A drone struck a compound in the North Waziristan tribal district.")
    assert m.place.kind == "province" and m.place.level == 2 and m.place.country_code == "PK"
    assert m.place.admin2 == "North Waziristan" and m.place.admin1 and m.place.geo_precision == 3


def test_district_named_after_its_seat_is_the_town():
    [m] = find_places("Shelling was reported across Mullaitivu district.")
    assert (m.place.kind, m.place.country_code, m.place.geo_precision) == ("town", "LK", 1)
    assert m.place.admin1 and m.place.admin2


def test_city_police_act_in_their_city():
    [m] = [m for m in find_places("Cairo police detained dozens of marchers on Thursday.") if m.surface == "Cairo"]
    assert m.role == "locative"
    [g] = [m for m in find_places("The Baghdad government condemned the raid.") if m.surface == "Baghdad"]
    assert g.role == "attributive"


def test_towns_carry_admin2_but_the_record_does_not():
    [m] = find_places("Gunmen attacked a market in Maiduguri.")
    assert m.place.admin1 == "Borno" and m.place.admin2
    assert set(m.place.as_record()) == {"name", "admin1", "country", "country_code", "latitude", "longitude",
                                        "geonameid", "geo_precision"}


def test_compound_adjectives_are_not_places():
    assert _surfaces("Kurdish-held villages were shelled by Western-backed fighters.") == []


def test_organisation_and_given_name_without_a_cue_are_not_places():
    text = "Syria's Intelligence Agency said Ali and Zahra were detained in Damascus."
    assert _surfaces(text) == ["Syria", "Damascus"]


def test_outlet_name_is_not_a_place():
    text = "The fighting in Idlib continued, a commander told al-Araby al-Jadeed."
    assert "al-Jadeed" not in _surfaces(text)


def test_group_name_with_lost_apostrophe_is_not_a_place():
    text = "Members of al-Qaedas branch in Syria stormed a checkpoint in Idlib."
    assert [r[3] for r in _resolved(text)] == ["SY", "SY"]


def test_acronyms_and_sentence_openers_are_not_places():
    assert _surfaces("NGO workers left. Can anyone stop it?") == []


def test_small_namesake_abroad_never_beats_the_article_country():
    # a small foreign town named like a Homs district: in a Syrian article it is no place; the
    # text's own framing ("the X neighbourhood") then places it at the city it names
    text = "Car bombs exploded in Homs, Syria. Five people died in the Zahraa neighbourhood of Homs."
    rows = _resolved(text)
    assert all(cc == "SY" for _, _, _, cc, _ in rows)


def test_article_countries_vote_by_names_and_dateline():
    text = "ALEPPO, Syria: Jets hit Aleppo. Russia said Syria's army advanced. Syria's army shelled Idlib."
    main, named = article_countries(find_places(text.split(": ", 1)[0] + ": x") + find_places(text))
    assert main[0] == "SY" and "RU" not in main


def test_capital_of_another_country_is_its_government():
    # named or not, "Washington condemned" / "Moscow denied" speak of governments, and never of a
    # small namesake town (Moscow, Idaho)
    for text in ("Syria's army shelled Idlib. Washington condemned the attack and Moscow denied any role.",
                 "Syria's army shelled Idlib. The United States and Russia traded blame; Washington "
                 "condemned the attack and Moscow denied any role."):
        assert [r[1] for r in _resolved(text) if r[4] == "town"] == ["Idlib"]


def test_capital_stands_where_the_text_puts_something_in_it():
    text = "Syrian jets bombed Idlib in Syria while delegates met in Vienna to discuss the war."
    assert "AT" in [r[3] for r in _resolved(text)]


def test_title_makes_the_next_name_a_person():
    assert _surfaces("Troops in Syria killed five, President Vladimir Putin said.") == ["Syria"]


def test_lost_apostrophe_possessive_of_a_country_reads_as_possessive():
    assert [r[1] for r in _resolved("Air strikes hit Syrias Aleppo on Monday.")] == ["Syria", "Aleppo"]


def test_town_of_an_article_country_needs_no_cue_but_one_abroad_does():
    # a small Turkish town named bare in an article about Turkey stands; the same bare name in an
    # article about Nigeria does not
    gz = load_gazetteer()
    small = next(p for bucket in gz.exact.values() for p in bucket
                 if p.country_code == "TR" and p.kind == "town" and 20000 < p.population < 60000
                 and len(gz.exact.get(p.name.lower(), [])) == 1 and p.name.isalpha())
    about_turkey = f"Turkey said {small.name} was quiet after the protest in Ankara."
    about_nigeria = f"Nigeria said {small.name} was quiet after the protest in Abuja."
    assert small.name in _surfaces(about_turkey)
    assert small.name not in _surfaces(about_nigeria)


def test_no_place_beats_a_wrong_place_in_events():
    text = ("BEIRUT (AP) - Syrian government forces shelled rebel-held districts of Aleppo on Monday, killing "
            "seven people, activists said. The Britain-based observatory told al-Araby al-Jadeed the toll may rise.")
    events = extract_events(text, "2016-05-02")
    assert events and all(e["location"]["country_code"] == "SY" for e in events)
    assert all(e["location"]["admin1"] for e in events)


def test_gazetteer_header_names_source_and_licence():
    import gzip

    from pipeline.extract.places import GAZETTEER_FILE
    with gzip.open(GAZETTEER_FILE, "rt", encoding="utf-8") as fh:
        header = "".join(next(fh) for _ in range(3))
    assert "GeoNames" in header and "CC BY 4.0" in header


def test_capital_beats_a_small_namesake_of_the_article_country():
    text = ("The United States and its allies struck targets in Syria. Later, delegates gathered for "
            "talks in Moscow, officials in the United States said.")
    assert ("Moscow", "RU") in [(r[0], r[3]) for r in _resolved(text)]


def test_newspaper_named_after_a_city_is_not_a_place():
    assert _surfaces("He wrote an op-ed in the Washington Post about the war in Syria.") == ["Syria"]


def test_nationality_words_vote_for_the_article_country():
    text = "Syrian troops and Syrian militias shelled the town. Russia said Russia's jets flew."
    main, _ = article_countries(find_places(text), None, text)
    assert "SY" in main and "RU" in main
    main, _ = article_countries(find_places(text), None, None)
    assert main == ["RU"]


def test_lost_apostrophe_of_a_city_but_not_a_name_ending_in_s():
    assert [m.place.name for m in find_places("Gunmen stormed Aleppos Ansari district at night.")][:1] == ["Aleppo"]
    assert "Hama" not in [m.place.name for m in find_places("Jets hit two Hamas Government buildings.")]


def test_compound_adjective_before_a_town_keeps_the_town_and_its_cue():
    [m] = find_places("Shells fell in Kurdish-held Afrin overnight.")
    assert m.surface == "Afrin" and m.cued and m.place.country_code == "SY"


@pytest.mark.parametrize("text", [
    "An air strike killed 12 civilians on Tuesday, and the United Nations urged Kabul to investigate it.",
    "A roadside bomb killed 12 civilians on Tuesday, and the envoy called on Kabul to find who planted it.",
])
def test_a_capital_urged_or_called_on_is_its_government_not_where_the_event_was(text):
    events = extract_events(text, "2019-03-06")
    assert events and all((e["location"] or {}).get("name") != "Kabul" for e in events)


@pytest.mark.parametrize("sentence, country", [
    # "Kailuo" is Cairo's name in Chinese, "Dongjing" Tokyo's: a village the text puts in a country is there
    ("Gunmen burned 30 houses in the village of Kailuo in Chad on Sunday, residents said.", "TD"),
    ("Gunmen burned 30 houses in Dongjing, Nigeria on Sunday, residents said.", "NG"),
    ("Gunmen burned 30 houses in the village of Dongjing in Nigeria's Benue state on Sunday, residents said.", "NG"),
])
def test_a_town_the_text_puts_in_a_country_is_never_a_namesake_abroad(sentence, country):
    [event] = extract_events(sentence, "2024-03-04")
    assert event["location"]["country_code"] == country


def test_a_town_named_after_a_country_possessive_takes_that_countrys_province():
    [event] = extract_events("Gunmen burned 30 houses in the village of Dongjing in Nigeria's Benue state on Sunday.", "2024-03-04")
    assert event["location"]["admin1"] == "Benue"


def test_a_name_that_is_a_province_of_the_articles_country_beats_a_city_abroad():
    # "Bali" is also one of Paris' alternate names in GeoNames
    [event] = extract_events("Indonesian police said a grenade exploded at a beach bar in Bali on Monday, wounding four tourists.",
                             "2024-03-05")
    assert (event["location"]["country_code"], event["location"]["name"]) == ("ID", "Bali")


def test_a_places_own_name_before_another_places_alternate():
    [event] = extract_events("A grenade attack on a market in Islamabad wounded four people on Monday.", "2024-03-05")
    assert event["location"]["country_code"] == "PK"


@pytest.mark.parametrize("sentence, whole", [
    ("Gunmen killed four pilgrims in Kathua district of Jammu and Kashmir on Sunday.", "Jammu and Kashmir"),
    ("Floods and a landslide hit a village in Bosnia and Herzegovina on Sunday, killing three.", "Bosnia and Herzegovina"),
])
def test_a_place_name_with_and_in_it_is_one_name(sentence, whole):
    surfaces = [m.surface for m in find_places(sentence, load_gazetteer())]
    assert whole in surfaces and whole.split(" and ")[0] not in surfaces


@pytest.mark.parametrize("sentence, not_place", [
    ("Fighters attacked a ship in the Gulf of Aden on Monday, the Kenya Maritime Security Agency said.", "Kenya"),
    ("Drones hit a tanker in the Red Sea on Monday, a shipping company said.", "Red Sea"),
])
def test_organisation_names_and_seas_are_no_places(sentence, not_place):
    assert not_place not in [m.surface for m in find_places(sentence, load_gazetteer())]


@pytest.mark.parametrize("sentence", [
    "Officers backed by the Kenyan contingent killed several gang members on Friday, police said.",
    "Soldiers backed by Rwandan troops killed 12 rebels in fighting on Sunday, the army said.",
])
def test_the_country_of_a_backing_force_is_not_where_the_event_happened(sentence):
    for event in extract_events(sentence, "2024-03-04"):
        assert (event["location"] or {}).get("country_code") not in ("KE", "RW")


def test_an_enclave_taken_is_a_place_and_the_country_the_text_names_is_its_country():
    # a settlement the gazetteer lacks, framed as an enclave, put "in eastern Syria" under a Beirut dateline
    events = extract_events("BEIRUT (Reuters) - Kurdish-led fighters captured the last Islamic State enclave of Qaryat Zulfa "
                            "in eastern Syria on Saturday, the group said.", "2019-03-25")
    assert [e["sub_event_type"] for e in events] == ["Non-state actor overtakes territory"]
    assert events[0]["location"]["name"] == "Qaryat Zulfa"
    assert events[0]["location"]["country"] == "Syria"


@pytest.mark.parametrize("sentence, admin1", [
    ("Soldiers defected from the army and joined the rebels in Karen state on Monday.", "Kayin"),
    ("Rebels attacked an army post in Arakan State on Monday.", "Rakhine"),
])
def test_the_english_name_of_a_state_with_its_type_word_is_that_state(sentence, admin1):
    # (GeoNames also calls a Turkish town "Karen": the reviewed name with its type word comes first)
    [event] = extract_events(sentence, "2024-03-05")
    assert event["location"]["country"] == "Myanmar" and event["location"]["admin1"] == admin1


def test_a_region_of_the_articles_country_wins_over_its_namesake_abroad():
    # Argentina and Bolivia both have an admin1 region "Santa Cruz": one name, one key, two countries
    events = extract_events("LA PAZ, Bolivia - Protesters blocked roads in Santa Cruz on Monday, the government said. "
                            "Fuel ran short. Talks were called. Schools closed.", "2024-06-10")
    assert events[0]["location"]["country"] == "Bolivia"


def test_a_village_named_by_an_ethnic_word_after_a_is_no_village_of_that_name():
    [event] = extract_events("Gunmen attacked a Fulani village near the town of Bankass on Monday, killing 12 people.", "2024-06-10")
    assert event["location"]["name"] == "Bankass"


def test_the_country_across_a_border_is_not_where_an_unplaced_event_happened():
    from pipeline.extract.places import country_fallback
    place = country_fallback("Militants killed 29 Nigerien soldiers at a military post near the border with Mali.", load_gazetteer())
    assert place is not None and place.country_code == "NE"


@pytest.mark.parametrize("sentence, admin1", [
    ("Drones struck an oil depot in Russia's Kursk region on Tuesday, the governor said.", "Kursk"),
    ("Fighting broke out in Ethiopia's Amhara region on Tuesday, residents said.", "Amhara"),
    ("Al-Shabaab fighters attacked an army base in Somalia's Lower Shabelle region on Tuesday.", "Lower Shabelle"),
])
def test_a_region_has_the_english_name_news_and_acled_give_it(sentence, admin1):
    [event] = extract_events(sentence, "2019-03-06")
    assert event["location"]["admin1"] == admin1


@pytest.mark.parametrize("name, country", [("El Alto", "BO"), ("Dantewada", "IN")])
def test_towns_of_conflict_news_the_geonames_extract_lacks_are_known(name, country):
    [event] = extract_events(f"Police fired tear gas at protesters in {name} on Tuesday, witnesses said.", "2019-03-06")
    assert event["location"]["country_code"] == country


def test_a_region_named_with_its_type_word_is_found_though_the_bare_word_is_no_place():
    [event] = extract_events("Fighting broke out between rival militias in Unity state on Tuesday, officials said.", "2019-03-06")
    assert (event["location"]["admin1"], event["location"]["country_code"]) == ("Unity", "SS")


def test_a_peoples_lands_named_after_a_country_are_no_place_name():
    events = extract_events("Armed men kidnapped a priest in Cameroon's Anglophone region on Sunday, the diocese said.", "2019-03-06")
    assert all(e["location"]["name"] != "Anglophone" for e in events)


def test_an_unlisted_village_named_as_a_detachments_place_is_the_events_place():
    text = ("Jihadist fighters attacked an army post in northern Burkina Faso on Thursday, killing at least 30 soldiers, "
            "officials said. The attack targeted the detachment in Tin-Abao, in the Oudalan province, a source said. "
            "Several assailants were killed. No group claimed it.")
    [event] = extract_events(text, "2019-03-06")
    assert (event["location"]["name"], event["location"]["geo_precision"]) == ("Tin-Abao", 2)


@pytest.mark.parametrize("text", [
    "Rebels ambushed a patrol near Goma, the capital of Congo's North Kivu province, on Tuesday, killing three soldiers.",
    "Rebels ambushed a patrol near Goma, a city in North Kivu province, on Tuesday, killing three soldiers.",
])
def test_a_town_described_as_a_regions_capital_is_the_place_not_the_region_or_the_national_capital(text):
    [event] = extract_events(text, "2019-03-06")
    assert (event["location"]["name"], event["location"]["admin1"]) == ("Goma", "Nord-Kivu")


def test_the_citys_district_is_a_part_of_the_city_last_named_not_a_namesake_elsewhere():
    text = ("A drone attack on the city of Kharkiv killed three people overnight, the governor said on Thursday. "
            "The drones struck a residential building in the city's Kyivskyi district, he said. "
            "Air defences shot down most of the drones. Rescue work went on.")
    events = extract_events(text, "2024-05-09")
    assert {e["location"]["admin1"] for e in events} == {"Kharkiv"}


def test_a_country_named_after_a_compass_word_is_found():
    assert [m.place.country_code for m in find_places("The convoy was ambushed in southeastern Central African Republic on Friday.")] == ["CF"]


def test_a_municipality_in_the_department_the_text_names_is_that_departments():
    [m] = [m for m in find_places("The base in the municipality of Argelia, in Colombia's southwestern Cauca department, was attacked.")
           if m.surface == "Argelia"]
    assert m.place.admin1 == "Cauca"


def test_a_village_named_only_by_a_small_town_on_another_continent_is_not_placed_there():
    [event] = extract_events("Malian soldiers and foreign mercenaries killed dozens of civilians in the village of Moura on Sunday, "
                             "witnesses said.", "2022-04-04")
    assert event["location"]["country_code"] != "PT"


def test_a_town_the_actors_reach_is_still_placed_though_its_country_is_not_named():
    [event] = extract_events("Russian warplanes bombed a hospital in Idlib on Sunday.", "2019-05-06")
    assert event["location"]["country_code"] == "SY"


@pytest.mark.parametrize("text, country", [
    ("Rebels killed 12 villagers in eastern Congo on Sunday, officials said.", "CD"),
    ("Soldiers raped 20 women during a raid on the village of Kalehe in eastern Congo on Sunday, the UN said.", "CD"),
    ("Fighting in Congo killed 12 people on Sunday.", "CD"),
    ("Soldiers fired on protesters in Brazzaville, the capital of the Republic of Congo, on Sunday.", "CG"),
])
def test_congo_in_the_news_is_the_democratic_republic_unless_named_the_republic(text, country):
    [event] = extract_events(text, "2019-03-06")
    assert event["location"]["country_code"] == country


def test_a_town_described_as_the_capital_of_a_province_is_that_provinces_town():
    [event] = extract_events("Police fired tear gas at protesters in Hyderabad, the capital of Sindh province, on Sunday.", "2019-03-06")
    assert (event["location"]["admin1"], event["location"]["country_code"]) == ("Sindh", "PK")


@pytest.mark.parametrize("sentence, name, country", [
    ("Gunmen killed three people in Parachinar on Sunday, police said.", "Parachinar", "PK"),
    ("Rebels burned houses in Ilaga on Sunday, the army said.", "Ilaga", "ID"),
])
def test_a_district_seat_geonames_lists_without_a_population_is_a_town(sentence, name, country):
    [event] = extract_events(sentence, "2019-03-06")
    assert (event["location"]["name"], event["location"]["country_code"], event["location"]["geo_precision"]) == (name, country, 1)
