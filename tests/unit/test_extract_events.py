"""Whole-article behaviour: what is not an event, merging, dates, deaths and the record shape."""

import pytest

from pipeline.extract import EXTRACTOR_VERSION, extract_events

pytestmark = pytest.mark.unit

PUB = "2016-04-12"   # a Tuesday

FIELDS = {"event_type", "sub_event_type", "event_date", "date_precision", "actor1", "assoc_actor1", "actor2",
          "assoc_actor2", "interaction", "location", "fatalities", "evidence", "confidence", "extractor_version"}


@pytest.mark.parametrize("sentence", [
    "Government forces did not attack the village of Kfar Hamra on Monday.",
    "The army is preparing an offensive to retake the town of Tadef.",
    "Rebels expected the regime to try and seize the town of Anadan next.",
    "Daraya was one of the first towns to fall to the rebels in 2012.",
    "The war has killed more than 250,000 people since it began in 2011.",
    "If the rebels shell Nubl, the army will respond.",
    "The government plans to launch an assault on Raqqa later this year.",
    "Rebels have controlled the town of Saraqib since 2012.",
    "Jabhat al-Nusra denied that its fighters had attacked the Druze village.",
    "Residents fear a new offensive on the town of Zabadani.",
])
def test_negated_planned_background_and_totals_are_not_events(sentence):
    assert extract_events(sentence, PUB) == []


def test_record_has_the_contract_fields_and_offsets():
    text = "Intro line.\n\nJets struck the town of Saraqib on Sunday, killing at least 4 people."
    [event] = extract_events(text, PUB)
    assert set(event) == FIELDS
    ev = event["evidence"]
    assert text[ev["start"]:ev["end"]] == ev["sentence"]
    assert event["event_type"] == "Explosions/Remote violence"
    assert event["event_date"] == "2016-04-10" and event["date_precision"] == 1
    assert event["fatalities"] == {"low": 4, "best": 4, "high": 4}
    assert 0 <= event["confidence"] <= 1
    assert event["extractor_version"] == EXTRACTOR_VERSION


def test_offsets_survive_hard_wrapped_lines():
    text = "Rebels overran an army\ncheckpoint near the town of\nMorek on Saturday, activists said."
    [event] = extract_events(text, PUB)
    ev = event["evidence"]
    assert text[ev["start"]:ev["end"]] == ev["sentence"]
    assert event["location"]["name"] == "Morek" and event["event_date"] == "2016-04-09"


def test_no_date_in_the_text_falls_back_to_publication_week():
    [event] = extract_events("Warplanes bombed the town of Saraqib.", PUB)
    assert (event["event_date"], event["date_precision"]) == (PUB, 2)


def test_one_record_per_type_place_and_day():
    text = ("Jets struck Saraqib on Monday, killing 3 civilians. "
            "The air strikes on Saraqib also destroyed a bakery, residents said.")
    events = extract_events(text, PUB)
    assert [(e["sub_event_type"], e["location"]["name"]) for e in events] == [("Air/drone strike", "Saraqib")]
    assert events[0]["fatalities"]["best"] == 3


def test_follow_up_death_toll_attaches_to_the_event():
    text = ("Rebels stormed an army post in the town of Morek on Monday. "
            "The monitor said 9 soldiers and 4 rebels were killed in the fighting.")
    [event] = extract_events(text, PUB)
    assert event["sub_event_type"] == "Armed clash"
    assert event["fatalities"]["best"] == 13


def test_place_nearest_the_trigger_wins_over_the_first_place():
    text = "In a statement from Damascus, the monitor said rebels shelled the town of Nubl on Monday."
    [event] = extract_events(text, PUB)
    assert event["location"]["name"] == "Nubl"


def test_events_come_in_order_of_appearance():
    text = ("Rebels shelled Nubl on Monday. On Tuesday, jets bombed Saraqib. "
            "Clashes raged in Daraa on Tuesday.")
    names = [e["location"]["name"] for e in extract_events(text, PUB)]
    assert names == ["Nubl", "Saraqib", "Daraa"]


def test_two_villages_named_in_the_next_sentence_become_two_events():
    text = ("On Saturday, government forces captured two villages near the border with Lebanon. "
            "The villages of Flita and Ras al-Maara had been held by rebels.")
    events = extract_events(text, PUB)
    assert {e["location"]["name"] for e in events} == {"Flita", "Ras al-Maara"}
    assert {e["event_date"] for e in events} == {"2016-04-09"}


def test_non_conflict_text_has_no_events():
    assert extract_events("The central bank raised interest rates on Tuesday.", PUB) == []


def test_empty_text_has_no_events():
    assert extract_events("   ", PUB) == []


def test_adjectives_like_besieged_are_not_events():
    assert _types_of("Aid reached the besieged town of Madaya on Monday.") == []


def test_supporting_airstrikes_are_part_of_the_takeover():
    events = extract_events("Government forces backed by Russian airstrikes captured the town of Salma on Monday.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Government regains territory"]


def test_passive_agent_is_actor1():
    [event] = extract_events("The village of Anadan was seized by rebels on Monday.", PUB)
    assert event["sub_event_type"] == "Non-state actor overtakes territory"
    assert event["actor1"]["inter"] == 2


def test_finer_place_inside_a_city_wins():
    text = "In Baghdad, a car bomb exploded in the district of Sadr City on Monday, killing four people."
    [event] = extract_events(text, PUB)
    assert event["location"]["name"] == "Sadr City" and event["location"]["admin1"] == "Baghdad"


def test_a_nearby_village_named_earlier_does_not_take_the_towns_event():
    text = ("On Saturday, government forces captured two villages near Yabroud. The villages of Sahel and Flita "
            "were the latest targets of a government offensive in the Qalamoun region after troops captured the "
            "town of Yabroud earlier this month.")
    places = sorted((e["location"]["name"], e["event_date"]) for e in extract_events(text, PUB))
    assert places == [("Flita", "2016-04-09"), ("Sahel", "2016-04-09"), ("Yabroud", "2016-04-06")]


def test_the_city_means_the_city_this_sentence_named_and_keeps_its_toll():
    text = ("Helicopters dropped two barrel bombs on the town of Darayya, activists said. In Homs, helicopter-dropped "
            "barrel bombs and government artillery fire targeted neighborhoods of the city, killing at least three people.")
    tolls = {e["location"]["name"]: e["fatalities"] for e in extract_events(text, PUB)}
    assert tolls == {"Daraya": None, "Homs": {"low": 3, "best": 3, "high": 3}}


def test_settlement_missing_from_the_gazetteer_is_kept_by_name():
    text = ("Fighting continued in Hama province on Sunday. "
            "On Monday, rebels captured the village of Tal Mraq after heavy clashes with the army.")
    events = extract_events(text, PUB)
    [event] = [e for e in events if e["sub_event_type"] == "Non-state actor overtakes territory"]
    assert event["location"]["name"] == "Tal Mraq"
    assert event["location"]["admin1"] == "Hama" and event["location"]["geo_precision"] == 2


def test_death_toll_sentence_without_trigger_attaches_to_the_event():
    text = ("A car bomb exploded near a checkpoint in the town of Azaz on Monday. "
            "Two soldiers were killed and 12 wounded, officials said.")
    [event] = extract_events(text, PUB)
    assert event["fatalities"]["best"] == 2


def _types_of(text):
    return [e["sub_event_type"] for e in extract_events(text, PUB)]
