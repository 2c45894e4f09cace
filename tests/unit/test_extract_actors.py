"""Actor resolution: names, inter codes, sources and associated forces."""

import pytest

from pipeline.extract import extract_events
from pipeline.extract.actors import find_actors

pytestmark = pytest.mark.unit


def _roles(sentence):
    return [(a.actor.named("Syria") if "{country}" in a.actor.name else a.actor.name, a.actor.inter, a.role)
            for a in find_actors(sentence)]


def test_generic_state_forces_take_the_nationality_word():
    [a] = find_actors("Iraqi troops stormed the village.")
    assert a.actor.inter == 1 and a.country_code == "IQ"


def test_named_armed_groups_have_their_inter_codes():
    names = {a.actor.name: a.actor.inter for a in find_actors("Nusra Front and ISIS militants fought Hezbollah.")}
    assert names == {"Al Nusra Front": 2, "Islamic State": 2, "Hezbollah": 8}


def test_backed_by_marks_an_associated_actor():
    roles = _roles("The army, backed by Hezbollah fighters, entered the town.")
    assert ("Hezbollah", 8, "assoc") in roles
    assert ("Military Forces of Syria", 1, "main") in roles


def test_hyphenated_backing_marks_an_associated_actor():
    roles = _roles("Hezbollah-backed government troops shelled the area.")
    assert roles[0] == ("Hezbollah", 8, "assoc")


def test_an_official_who_speaks_is_a_source():
    assert all(role == "source" for _, _, role in _roles("A government official said the road was closed."))


def test_held_territory_is_not_an_actor():
    assert _roles("Shells hit rebel-held districts.")[0][2] == "attributive"


def test_foreign_army_in_syria_is_external():
    [event] = extract_events("Turkish troops shelled Kurdish positions in Afrin on Sunday.", "2018-02-05")
    assert event["actor1"] == {"name": "Military Forces of Turkey", "inter": 8}


def test_government_taking_a_town_is_regaining_territory():
    [event] = extract_events("Government forces recaptured the town of Tadef from rebels on Friday.", "2017-02-27")
    assert event["sub_event_type"] == "Government regains territory"
    assert event["interaction"] == 12


def test_rebels_taking_a_town_is_overtaking_territory():
    [event] = extract_events("Rebels seized the town of Morek from government forces on Tuesday.", "2017-02-28")
    assert event["sub_event_type"] == "Non-state actor overtakes territory"
    assert event["actor1"]["inter"] == 2 and event["actor2"]["inter"] == 1


def test_supporting_force_is_associated_not_a_second_event():
    events = extract_events("The army, backed by Hezbollah fighters, captured the village of Jisreen on Monday.", "2016-05-10")
    assert len(events) == 1
    assert events[0]["assoc_actor1"] == ["Hezbollah"]


def test_unidentified_shelling_of_a_city_hits_civilians():
    [event] = extract_events("Mortar shells landed in the Mezzeh district of Damascus, killing two people.", "2016-05-10")
    assert event["interaction"] == 37


def test_claim_of_responsibility_names_the_bomber():
    text = ("In Aden, a suicide car bomber struck a police checkpoint on Saturday, killing six policemen. "
            "The Islamic State group claimed responsibility for the attack.")
    [event] = extract_events(text, "2019-09-02")
    assert event["sub_event_type"] == "Suicide bomb"
    assert event["actor1"] == {"name": "Islamic State", "inter": 2}
    assert event["fatalities"]["best"] == 6


def test_a_group_that_reports_strikes_is_not_their_author():
    text = ("Coalition warplanes bombed a prison in Dhamar on Sunday, killing at least 60 detainees. "
            "The Houthi rebels said the strikes also hit a camp in Amran.")
    events = extract_events(text, "2019-09-02")
    assert {e["location"]["name"] for e in events} == {"Dhamar", "Amran"}
    assert all(e["sub_event_type"] == "Air/drone strike" and e["actor1"]["inter"] != 2 for e in events)
