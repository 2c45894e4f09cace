"""Trigger language to sub-event type, on sentences written for the test."""

import pytest

from pipeline.extract import extract_events

pytestmark = pytest.mark.unit

PUB = "2016-04-12"


def _types(text, published=PUB):
    return [e["sub_event_type"] for e in extract_events(text, published)]


@pytest.mark.parametrize("sentence, sub_event_type", [
    ("Warplanes carried out airstrikes on Saraqib on Monday.", "Air/drone strike"),
    ("Regime helicopters dropped barrel bombs on Darayya on Monday.", "Air/drone strike"),
    ("Rebels fired Grad missiles at Qardaha on Monday.", "Shelling/artillery/missile attack"),
    ("Mortar shells struck the old city of Homs on Monday.", "Shelling/artillery/missile attack"),
    ("A suicide bomber blew himself up at a checkpoint in Tartous on Monday.", "Suicide bomb"),
    ("A roadside bomb exploded near a patrol in Kirkuk on Monday.", "Remote explosive/landmine/IED"),
    ("Militants hurled a grenade at a police station in Srinagar on Monday.", "Grenade"),
    ("Chlorine gas was dropped on Kafr Zita on Monday, medics said.", "Chemical weapon"),
    ("Fierce clashes raged between rebels and the army in Daraa on Monday.", "Armed clash"),
    ("Gunmen opened fire on worshippers at a mosque in Quetta on Monday.", "Attack"),
    ("Militants kidnapped three aid workers in Gao on Monday.", "Abduction/forced disappearance"),
    ("Thousands of protesters rallied peacefully in Amman on Monday.", "Peaceful protest"),
    ("Police fired tear gas to disperse demonstrators in Nairobi on Monday.", "Protest with intervention"),
    ("Security forces opened fire on protesters in Basra on Monday, killing five.", "Excessive force against protesters"),
    ("Protesters threw stones and set cars ablaze in Tunis on Monday.", "Violent demonstration"),
    ("Police arrested 40 opposition activists in Istanbul on Monday.", "Arrests"),
    ("The warring parties agreed a ceasefire in Taiz on Monday.", "Agreement"),
    ("Engineers defused an explosive device found near Mosul on Monday.", "Disrupted weapons use"),
    ("Turkish forces set up a new observation post near Idlib on Monday.", "Headquarters or base established"),
    ("Militiamen looted and torched shops in Bangui on Monday.", "Looting/property destruction"),
])
def test_trigger_language_gives_the_sub_event_type(sentence, sub_event_type):
    assert _types(sentence)[:1] == [sub_event_type]


def test_pounded_by_aircraft_is_an_air_strike():
    assert _types("Regime aircraft pounded Douma on Monday.") == ["Air/drone strike"]


def test_pounded_by_rebels_is_shelling():
    assert _types("Rebels pounded government-held Jableh on Monday.") == ["Shelling/artillery/missile attack"]


def test_detonating_a_building_is_a_remote_explosive():
    assert _types("Insurgents detonated a building in the Qaboun district on Monday.") == ["Remote explosive/landmine/IED"]


def test_attempt_to_storm_is_a_clash_not_a_takeover():
    assert _types("Pro-government militias tried to storm the town of Kafr Nabudah on Monday.") == ["Armed clash"]


def test_natural_disaster_is_not_an_event():
    assert _types("An earthquake struck Ankara on Monday, killing 12 people.") == []


def test_sanctions_are_not_an_event():
    assert _types("The EU imposed new sanctions on Moscow on Monday.") == []


def test_claim_of_responsibility_is_not_a_new_event():
    assert _types("The group claimed responsibility for the bombing in Kabul on Monday.") == []
