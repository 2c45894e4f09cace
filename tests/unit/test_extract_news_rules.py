"""How world news writes events: the rules that are not about one region's vocabulary.

Each sentence is written for the test (none is taken from an evaluation corpus); places are capitals
and large cities so that the rules, not the gazetteer, are what is tested.
"""

import pytest

from pipeline.extract import extract_events
from pipeline.extract.actors import find_actors
from pipeline.extract.places import find_places

pytestmark = pytest.mark.unit

PUB = "2019-03-06"   # a Wednesday


def _types(text: str, pub: str = PUB) -> list[tuple[str, str | None]]:
    return [(e["sub_event_type"], e["location"]["name"]) for e in extract_events(text, pub)]


@pytest.mark.parametrize("sentence", [
    "A car bombing near a busy market in Baghdad killed five people on Tuesday.",
    "Police said a roadside bombing in Kabul killed two officers on Tuesday.",
    "Three farmers died when their tractor hit a landmine outside Kandahar on Tuesday.",
    "Militants blew up a gas pipeline near Port Harcourt on Tuesday.",
])
def test_planted_explosives_are_remote_explosives(sentence):
    assert [t for t, _ in _types(sentence)] == ["Remote explosive/landmine/IED"]


def test_people_seized_are_an_abduction_not_a_territory_change():
    events = extract_events("Gunmen seized six engineers on Tuesday near the city of Kaduna.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Abduction/forced disappearance"]
    assert events[0]["actor2"]["inter"] == 7


def test_a_place_seized_is_still_a_territory_change():
    [event] = extract_events("Rebels seized the town of Goma on Tuesday after heavy fighting.", PUB)
    assert event["sub_event_type"] == "Non-state actor overtakes territory"


def test_a_company_name_is_not_a_trigger():
    events = extract_events("Workers at the Royal Dutch Shell terminal in Lagos walked out on Tuesday.", PUB)
    assert "Shelling/artillery/missile attack" not in [e["sub_event_type"] for e in events]


def test_clashes_in_a_protest_story_are_a_violent_demonstration():
    text = ("Thousands of opposition supporters rallied in Nairobi on Tuesday to demand new elections. "
            "The clashes, which broke out in central Nairobi, left one policeman dead.")
    types = [t for t, _ in _types(text)]
    assert "Armed clash" not in types
    assert "Violent demonstration" in types


def test_attacks_in_a_riot_story_with_no_armed_group_are_mob_violence():
    text = ("Rioting spread across the country for a third night. "
            "In Leeds, gangs attempted to break into shops on Tuesday.")
    assert ("Mob violence", "Leeds") in _types(text)


def test_fighting_between_armed_groups_stays_a_battle_in_a_protest_story():
    text = ("Protesters marched in Baghdad on Tuesday. "
            "Separately, the army clashed with Islamic State fighters near Mosul on Tuesday.")
    assert ("Armed clash", "Mosul") in _types(text)


def test_an_arrest_does_not_hide_the_attacks_its_sentence_reports():
    text = "In Manchester, police arrested 40 people on Tuesday during attacks on two police stations by rioters."
    types = {t for t, _ in _types(text)}
    assert "Arrests" in types and types - {"Arrests"}


def test_the_next_sentence_that_names_the_event_gives_its_place():
    text = ("The government and the rebels signed a ceasefire agreement on Tuesday. "
            "The agreement was reached after talks in Addis Ababa.")
    assert _types(text) == [("Agreement", "Addis Ababa")]


def test_an_unlocated_mention_gives_its_date_to_the_located_one():
    text = ("Police have arrested 18 members of the banned movement in Cairo, the group says. "
            "The group says the police made the arrests on Monday.")
    [event] = extract_events(text, PUB)
    assert event["sub_event_type"] == "Arrests" and event["event_date"] == "2019-03-04"


def test_a_toll_for_other_incidents_is_not_the_last_events_toll():
    text = ("A suicide bomber blew himself up next to an army convoy in Kabul on Tuesday. "
            "Nine people were killed in other incidents across the country.")
    [event] = extract_events(text, PUB)
    assert event["fatalities"] is None


def test_the_same_district_is_the_place_named_before():
    text = ("Two civilians were killed when their car hit a landmine in Kandahar on Tuesday. "
            "In the same district, troops announced an agreement with tribal elders on Tuesday.")
    assert ("Agreement", "Kandahar") in _types(text)


def test_a_site_of_the_city_the_story_is_about_is_in_that_city():
    text = ("The capital has been tense for weeks. "   # four sentences: an article, not a snippet
            "Rebels attacked the capital, Khartoum, on Tuesday. "
            "Residents fled as fighting continued. "
            "Much of the central market was burned down and then looted on Tuesday.")
    assert ("Looting/property destruction", "Khartoum") in _types(text)


def test_helicopters_firing_on_positions_are_an_air_strike():
    text = ("The capital has been tense for weeks. Rebels entered the city of Mogadishu on Tuesday. "
            "Residents fled. "
            "The army used helicopters to fire on rebel positions around the presidential palace on Tuesday.")
    assert ("Air/drone strike", "Mogadishu") in _types(text)


def test_an_attack_someone_aims_to_end_is_not_an_event():
    text = "In Kabul, officials announced a deal with tribal elders aimed at ending Taliban attacks on Tuesday."
    assert "Armed clash" not in [t for t, _ in _types(text)] and "Attack" not in [t for t, _ in _types(text)]


def test_a_bombing_cell_is_not_a_bombing():
    text = "Troops killed four militants on Tuesday in a raid on a suspected bombing cell in Mosul."
    assert [t for t, _ in _types(text)] == ["Armed clash"]


def test_a_bombing_retold_with_the_district_of_the_city_is_one_event():
    text = ("Officials say a car bomb has killed 30 people at a market in Baghdad. "
            "Tuesday's bombing in the Karrada district of Baghdad was the deadliest this year. "
            "The blast destroyed several shops. Police cordoned off the area.")
    events = [e for e in extract_events(text, PUB) if e["sub_event_type"] == "Remote explosive/landmine/IED"]
    assert len(events) == 1
    assert events[0]["event_date"] == "2019-03-05" and events[0]["fatalities"]["best"] == 30


def test_last_month_named_is_background():
    text = ("Police in Mumbai said the trial continues for the suspect in last April's bomb attacks on the city's "
            "railway stations.")
    assert extract_events(text, "2019-09-06") == []


def test_a_named_victim_shot_dead_is_one_death():
    [event] = extract_events("A radio reporter (Ahmed Salim) was shot dead outside his home in Mosul on Tuesday.", PUB)
    assert event["fatalities"]["best"] == 1


def test_the_part_of_a_toll_an_event_caused_is_its_own():
    text = ("The army announced the deaths of nine soldiers on Tuesday, including five in a roadside bombing "
            "in Kandahar.")
    [event] = [e for e in extract_events(text, PUB) if e["sub_event_type"] == "Remote explosive/landmine/IED"]
    assert event["fatalities"]["best"] == 5


def test_the_town_is_the_town_of_the_event_just_reported():
    text = ("Witnesses say insurgents have captured the town of Baidoa, 240 km west of the capital of Mogadishu. "
            "The rebels took the town after three hours of fighting on Monday. "
            "Residents fled. Shops stayed closed.")
    events = extract_events(text, PUB)
    assert [(e["sub_event_type"], e["location"]["name"], e["event_date"]) for e in events] == \
        [("Non-state actor overtakes territory", "Baidoa", "2019-03-04")]


@pytest.mark.parametrize("sentence", [
    "The rebels demanded a ceasefire with government forces in Darfur on Tuesday.",
    "The president rejected a proposal for a truce with the rebels in Kinshasa on Tuesday.",
    "Officials in Kabul warned of attacks on polling stations on Tuesday.",
    "The council proposed an exchange of prisoners between the two militias in Tripoli on Tuesday.",
])
def test_what_is_demanded_rejected_or_proposed_is_not_an_event(sentence):
    assert extract_events(sentence, PUB) == []


@pytest.mark.parametrize("sentence", [
    "About 300 teachers began a hunger strike outside parliament in Nairobi on Tuesday to demand back pay.",
    "Dock workers in Mombasa went on strike on Tuesday over unpaid wages.",
])
def test_strikes_are_protests(sentence):
    assert [t for t, _ in _types(sentence)] == ["Peaceful protest"]


def test_an_attempted_assassination_is_an_attack():
    text = "Gunmen attempted to assassinate the mayor of Kandahar on Tuesday."
    assert [t for t, _ in _types(text)] == ["Attack"]


def test_soldiers_killed_afterwards_died_in_the_assault_not_the_sabotage():
    text = ("Militants attacked an army checkpoint and blew up a pipeline near the city of Warri on Tuesday. "
            "They said four soldiers were killed. The army did not comment. Residents fled.")
    deaths = {e["sub_event_type"]: (e["fatalities"] or {}).get("best") for e in extract_events(text, PUB)}
    assert deaths.get("Remote explosive/landmine/IED") is None
    assert 4 in deaths.values()


def test_the_month_of_march_is_not_a_protest_march():
    text = "On March 3 two car bombs exploded near a cemetery in Damascus, killing 40 people."
    assert [t for t, _ in _types(text)] == ["Remote explosive/landmine/IED"]


def test_a_denied_attack_is_not_an_event():
    text = "The government and its allies deny the army carried out any such chemical attack on Douma."
    assert extract_events(text, PUB) == []


def test_people_taken_by_state_forces_are_arrested_and_by_gunmen_abducted():
    by_army = "Soldiers have taken dozens of villagers in a series of raids near the city of Kaduna on Tuesday."
    by_gunmen = "Gunmen have taken dozens of villagers in a series of raids near the city of Kaduna on Tuesday."
    assert [t for t, _ in _types(by_army)] == ["Arrests"]
    assert [t for t, _ in _types(by_gunmen)] == ["Abduction/forced disappearance"]


@pytest.mark.parametrize("sentence", [
    "In 2014, Boko Haram fighters abducted 276 schoolgirls from the town of Chibok.",
    "Residents still remember the 1988 chemical attack on Halabja, which killed 5,000 people.",
    "Islamic State fighters captured Mosul four years ago.",
])
def test_history_is_not_todays_news(sentence):
    assert extract_events(sentence, "2018-05-10") == []


def test_a_pluperfect_dated_this_week_is_news():
    text = ("Thousands of monks marched through Yangon on Sunday. Police watched. Shops closed. "
            "On Saturday, the monks had paraded past police barricades in Yangon.")
    assert {e["event_date"] for e in extract_events(text, "2007-09-23")} == {"2007-09-23", "2007-09-22"}


def test_firing_on_protests_is_excessive_force():
    text = "Security forces in Myanmar opened fire on protests in Yangon on Tuesday, killing at least 18 people."
    [event] = extract_events(text, PUB)
    assert event["sub_event_type"] == "Excessive force against protesters" and event["interaction"] == 16


def test_a_withdrawal_that_hands_over_a_town_is_one_transfer():
    text = "Government troops withdrew from the town of Kidal without a fight on Tuesday, handing control to separatists."
    assert [t for t, _ in _types(text)] == ["Non-violent transfer of territory"]


def test_a_list_of_towns_is_one_event_a_town_and_the_toll_stays_where_it_is_named():
    text = ("Rioting spread for a second night. Police were stretched. Shops closed early. "
            "Leeds, Bristol and Sheffield also suffered a second night of disorder, with two confirmed fatalities in Leeds.")
    events = {e["location"]["name"]: (e["fatalities"] or {}).get("best") for e in extract_events(text, PUB)}
    assert events == {"Leeds": 2, "Bristol": None, "Sheffield": None}


def test_a_city_suburb_is_not_listed_as_the_city():
    text = "Troops advance in Qusayr and Damascus suburb. The army said it had taken new ground on Tuesday."
    assert "Damascus" not in [loc for _, loc in _types(text)]


def test_killed_in_combat_is_a_battle():
    text = "The army said a soldier was killed in combat in Helmand province on Tuesday."
    assert [t for t, _ in _types(text)] == ["Armed clash"]


def test_one_demonstration_a_place_and_day_coded_by_the_worst_that_happened():
    text = ("Thousands of students marched through Nairobi on Tuesday. Police watched from a distance. "
            "Later on Tuesday, protesters in Nairobi threw stones at police and set cars ablaze.")
    assert [t for t, _ in _types(text)] == ["Violent demonstration"]


@pytest.mark.parametrize("sentence, city", [
    ("A car bomb exploded in the Iraqi capital on Tuesday, killing five people.", "Baghdad"),
    ("Police in Kenya's capital arrested 30 protesters on Tuesday.", "Nairobi"),
])
def test_a_country_s_capital_is_its_capital_city(sentence, city):
    assert [loc for _, loc in _types(sentence)] == [city]


def test_the_capital_followed_by_its_name_keeps_the_name():
    text = "Rebels attacked the Chadian capital, N'Djamena, on Tuesday."
    assert [loc for _, loc in _types(text)] == ["N'Djamena"]


def test_an_attack_being_planned_is_not_an_event():
    text = "Police in Mumbai said two men they arrested on Tuesday were planning an attack on the port."
    assert [t for t, _ in _types(text)] == ["Arrests"]


def test_kidnap_victims_are_people_not_a_second_kidnapping():
    text = ("Gunmen abducted six traders near Kano on Tuesday. "
            "Police said the kidnap victims were still held in a forest outside Kaduna.")
    assert _types(text) == [("Abduction/forced disappearance", "Kano")]


@pytest.mark.parametrize("sentence, expected", [
    # what comes after "ahead of" has not happened yet
    ("Residents of Lagos stocked up on food on Tuesday ahead of a crackdown by the army.", []),
    ("Shops in Nairobi closed early on Tuesday ahead of planned protests over fuel prices.", []),
    ("Police arrested twelve men in Karachi on Tuesday ahead of the elections.", ["Arrests"]),
    # people freed are not a place retaken
    ("Soldiers freed the hostages in Lagos on Tuesday.", []),
    ("Police freed three kidnap victims in Lagos on Tuesday.", []),
    ("Soldiers freed the town of Marawi on Tuesday.", ["Government regains territory"]),
    # authorities attacking a protest break it up: an intervention, excessive force when it kills
    ("Students said police in Dhaka attacked their peaceful rally on Tuesday.", ["Protest with intervention"]),
    ("Police in Dhaka attacked a peaceful march on Tuesday, killing two students.", ["Excessive force against protesters"]),
    # people found are not weapons found
    ("The bodies of five men were found near Kandahar on Tuesday.", []),
    # a device found or identified, with nothing that blew up, is a disrupted weapon
    ("Police in Athens said the parcels were identified by bomb experts as improvised explosive devices on Tuesday.",
     ["Disrupted weapons use"]),
    ("A roadside bomb killed two soldiers in Kandahar on Tuesday.", ["Remote explosive/landmine/IED"]),
    # a space rocket is a launch vehicle, not a weapon
    ("Engineers in Houston fitted the engines into the rocket's core stage on Tuesday.", []),
    ("Rebels fired rockets at Kandahar airport on Tuesday.", ["Shelling/artillery/missile attack"]),
    # a threat to kill is not a killing; a detention centre is a building; fireworks are not bombs
    ("A man in Boston admitted threatening to assault and murder a judge on Tuesday.", []),
    ("A prisoner died in a detention center in Houston on Tuesday.", []),
    ("Loud explosions rattled Delhi throughout the Diwali festival on Tuesday.", []),
    # "since September" is the span of a tally, not the date of the explosion told after it
    ("Nine mines have been found near Tete since September, and two children have died in an explosion.",
     ["Remote explosive/landmine/IED"]),
    # what is done "rather than" fighting is not a fight
    ("The militia in Goma cooperates with the army rather than fighting it, residents said on Tuesday.", []),
    # what sappers defused did not explode, whatever was killed beside it
    ("Troops recovered the bodies of five fighters killed in Taiz and sappers defused dozens of landmines on Tuesday.",
     ["Disrupted weapons use"]),
    # activists detained while trying to hold a protest: the arrest broke up a protest
    ("Police detained ten activists in Moscow on Tuesday while trying to hold a demonstration.",
     ["Protest with intervention"]),
    # an accusation of backing an attack tells the attack as a fact
    ("Officials in Kabul accused Pakistan of backing the attack on Jalalabad on Tuesday.", ["Armed clash"]),
    ("Officials in Kabul accused Pakistan of attacking Jalalabad on Tuesday.", []),
    # a courtroom retells what happened before: the trial is not the event
    ("A man in Boston pleaded guilty on Tuesday to bombing a police station in 2017.", []),
    ("Two men were sentenced in Nairobi on Tuesday for the attack on a shopping mall.", []),
    # people handed over, or named as kidnapped before, are no territory and no new abduction
    ("Two kidnapped teachers were handed over to the army in Kandahar on Tuesday.", []),
    ("The town of Manbij was handed over to the army on Tuesday.", ["Non-violent transfer of territory"]),
    ("Gunmen kidnapped two teachers in Kandahar on Tuesday.", ["Abduction/forced disappearance"]),
    # "the Islamists" of a war story are an armed group
    ("The Islamists attacked and took over the town of Kidal on Tuesday.", ["Non-state actor overtakes territory"]),
])
def test_the_event_a_sentence_reports(sentence, expected):
    assert [t for t, _ in _types(sentence)] == expected


def test_each_incident_of_a_list_with_its_own_place_is_an_event():
    text = ("Officials said one soldier died in an explosion in Kandahar province on Monday, "
            "and another in combat in Helmand province.")
    assert _types(text) == [("Remote explosive/landmine/IED", "Kandahar"), ("Armed clash", "Helmand")]
    # an explosion that is the attack just told, with no place of its own, is not a second event
    assert len(_types("Gunmen attacked a checkpoint in Kandahar on Monday, an explosion that was heard across the city.")) == 1


def test_a_group_named_with_people_is_not_people_captured():
    # "two New People's Army camps": camps of a group, not two people
    text = "Soldiers captured two New People's Army camps near Manila on Saturday."
    assert [t for t, _ in _types(text)] == ["Government regains territory"]


def test_a_second_event_joined_by_and_has_its_own_victims():
    text = "A roadside bombing in Kabul killed a police officer on Tuesday, and a rocket attack killed one person in Jalalabad."
    victims = {e["location"]["name"]: e["actor2"]["name"] for e in extract_events(text, PUB)}
    assert victims == {"Kabul": "Police Forces of Afghanistan", "Jalalabad": "Civilians (Afghanistan)"}


def test_the_group_killed_carries_the_count_the_sentence_before_gave_it():
    # the five civilians are part of the ten; they died in the mine blast, so the clashes killed five
    text = ("Clashes in Kandahar on Tuesday left 10 people dead, including five civilians. "
            "The civilians were killed when their car hit a mine near Kandahar.")
    tolls = {e["sub_event_type"]: e["fatalities"]["best"] for e in extract_events(text, PUB)}
    assert tolls == {"Armed clash": 5, "Remote explosive/landmine/IED": 5}
    # a count of its own, not part of another toll, takes nothing away
    text = ("Five civilians were found near Kandahar on Tuesday. Clashes in Kandahar on Tuesday killed ten fighters. "
            "The civilians were killed when their car hit a mine near Kandahar.")
    tolls = {e["sub_event_type"]: e["fatalities"]["best"] for e in extract_events(text, PUB)}
    assert tolls == {"Armed clash": 10, "Remote explosive/landmine/IED": 5}


def test_a_protest_series_is_dated_by_today_not_by_when_it_began():
    text = ("Thousands of students were marching in Nairobi for a fifth day on Wednesday. "
            "The rallies began five days ago and have grown every day.")
    events = extract_events(text, PUB)
    assert [(e["sub_event_type"], e["location"]["name"], e["event_date"]) for e in events] == [
        ("Peaceful protest", "Nairobi", PUB)]


def test_the_fights_and_rallies_of_a_sports_story_are_games():
    text = ("The Steelers' pass rusher was suspended after Thursday's fight in Cleveland. "
            "The quarterback missed the playoffs last season. "
            "In the tournament, the Cleveland side rallied to win in Pittsburgh on Sunday.")
    assert _types(text) == []
    # the same words in a war story are events
    assert _types("Rebels and soldiers fought a fierce battle in Goma on Tuesday.") != []


@pytest.mark.parametrize("sentence", [
    "The opposition leader in Nairobi blasted the budget plan on Tuesday.",
    "The mayor of Lagos pounded the proposal in an interview on Tuesday.",
])
def test_words_that_hit_a_plan_are_criticism(sentence):
    assert _types(sentence) == []


def test_a_titled_persons_name_is_not_a_town():
    text = ("Sen. Elizabeth Warren spoke in Iowa on Monday. "
            "Warren was under near-constant attack last month as a new leader.")
    assert "Warren" not in [loc for _, loc in _types(text)]
    assert "Leon" not in [loc for _, loc in _types("Billionaire investor Leon Cooperman blasted the plan on Tuesday.")]
    # the town, named as a place, is still the town
    assert [loc for _, loc in _types("Fighting broke out in Warren on Tuesday.")] == ["Warren"]


def test_the_leads_detail_sentence_gives_its_place_day_and_more_dead():
    text = ("A rebel commander has been killed in a clash with soldiers in Afghanistan. "
            "Officials say Mullah Omar Khan, a commander of the Taliban, was killed on Monday in the hills of Kandahar province. "
            "At least three other rebels were killed in the clash. "
            "The war has gone on for decades.")
    [event] = extract_events(text, PUB)
    assert (event["sub_event_type"], event["location"]["name"], event["event_date"], event["fatalities"]["best"]) == \
        ("Armed clash", "Kandahar", "2019-03-04", 4)


@pytest.mark.parametrize("sentence, expected", [
    # an armed side killing armed men, with no other word for the fight, is a clash ...
    ("Nigerian troops killed 12 Boko Haram fighters near Maiduguri on Monday, the army said.", ["Armed clash"]),
    # ... and a strike when the side flies; a toll with nobody who killed is no event of its own
    ("Russian Aerospace Forces killed 30 militants near Palmyra, Syria, on Monday.", ["Air/drone strike"]),
    ("Five soldiers were killed near Maiduguri on Monday, the army said.", []),
    # ... in the passive too: the side after "by"
    ("Twelve Islamic State militants were killed by the Syrian Democratic Forces near Tabqa on Saturday.", ["Armed clash"]),
    ("Israeli jets attacked Hamas positions in Gaza City on Monday.", ["Air/drone strike"]),
    # warplanes heard or seen over a town are a flight, not a strike
    ("Syrian warplanes were heard over Raqqa on Sunday, a witness said.", []),
    ("Syrian warplanes struck Raqqa on Sunday, a witness said.", ["Air/drone strike"]),
])
def test_what_an_armed_side_did_decides_the_event(sentence, expected):
    assert [t for t, _ in _types(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a word for breaking up a crowd breaks up a protest only where the text has a crowd
    ("Cold air over Delhi limits the dispersal of smog, experts said on Tuesday.", []),
    ("Police in Delhi dispersed the crowd of students with batons on Tuesday.", ["Protest with intervention"]),
])
def test_a_dispersal_needs_a_crowd(sentence, expected):
    assert [t for t, _ in _types(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a place described by its past, and what happens as a habit, are not today's events
    ("Rebels hold Jobar and have regularly fired rockets into Damascus, officials said on Tuesday.", []),
    ("Jets struck Saraqeb, site of a chemical attack last week, on Tuesday.", ["Air/drone strike"]),
    ("Jets struck Saraqeb on Tuesday.", ["Air/drone strike"]),
    # a massacre done by a weapon the sentence names is that weapon's event, not a second one
    ("The regime committed a massacre in the village of Bureij when barrel bombs killed 18 civilians on Tuesday.",
     ["Air/drone strike"]),
    ("Gunmen committed a massacre in the village of Bureij, killing 18 civilians on Tuesday.", ["Attack"]),
    # what doing a thing would be is not doing it
    ("Capturing the whole city of Aleppo would be a major prize for the government, analysts said on Tuesday.", []),
    # "neither side fired": nobody fired
    ("Residents of Jayrud said neither fired on each other since the truce began on Tuesday.", []),
    # pounds of weight or money are not a bombardment
    ("A teacher from Frederick has lost more than 51 pounds since Tuesday.", []),
    ("Artillery pounds Frederick every night since Tuesday, residents said.", ["Shelling/artillery/missile attack"]),
])
def test_what_is_not_today_s_event(sentence, expected):
    assert [t for t, _ in _types(sentence)] == expected


def test_a_country_whose_apostrophe_was_lost_still_names_the_actor():
    events = extract_events("Russias Aerospace Forces bombed rebel positions near Palmyra, Syria, on Monday.", "2017-10-03")
    assert [e["actor1"]["name"] for e in events] == ["Military Forces of Russia"]


def test_a_village_across_the_border_does_not_take_a_name_at_home():
    # the article names Syria and its towns: a village name found only in a neighbour's gazetteer
    # is not that neighbour's village ("al-Husainiyah" is a village in Jordan too)
    text = ("Airstrikes hit Deir ez-Zor in eastern Syria on Monday. The monitoring group said airstrikes also "
            "killed seven civilians in the town of al-Husainiyah further north along the river.")
    events = extract_events(text, "2017-04-06")
    assert events and {e["location"]["country_code"] for e in events} == {"SY"}


def test_a_compass_word_written_as_one_makes_a_region_of_the_city():
    events = extract_events("Mortar fire killed two people in northeast Aleppo on Sunday.", "2014-04-06")
    assert [e["location"]["name"] for e in events] == ["northeast Aleppo"]


def test_infighting_is_fought_inside_one_camp():
    among = extract_events("Clashes among the Jaish al-Islam and Faylaq al-Rahman rebel groups in Douma killed "
                           "50 militants on Monday.", "2016-05-18")
    between = extract_events("Clashes between the army and rebel groups in Douma killed 50 militants on Monday.", "2016-05-18")
    assert [e["interaction"] for e in among] == [22]
    assert [e["interaction"] for e in between] == [12]


def test_a_war_that_began_with_protests_is_not_a_riot():
    text = ("Rebels said the army shelled their positions near Qusair on Monday. Clashes in Qusair raged on Tuesday, "
            "a monitor said. The war began in 2011 with protests against the government.")
    types = {e["sub_event_type"] for e in extract_events(text, "2015-07-16")}
    assert "Armed clash" in types and not types & {"Violent demonstration", "Mob violence"}


def test_a_dateline_after_a_feed_stamp_is_not_the_event_place():
    text = "Last updated at Jan 20 2015 Beirut Syrian government air strikes on Tuesday killed 12 people in Douma."
    assert [e["location"]["name"] for e in extract_events(text, "2015-01-20")] == ["Douma"]
    # a stamp with no dateline: the name after it is where it happened
    text = "Jan 20 2015 Air strikes on Douma killed 12 people on Tuesday."
    assert [e["location"]["name"] for e in extract_events(text, "2015-01-20")] == ["Douma"]


def test_the_feed_stamp_is_when_the_news_went_out_not_when_it_happened():
    text = "8 Jun 2016 Russian air strikes in Aleppo killed ten civilians on Tuesday, a monitor said."
    assert [(e["event_date"], e["date_precision"]) for e in extract_events(text, "2016-06-08")] == [("2016-06-07", 1)]
    # with no day of its own the event takes the publication date, as a date the text does not give
    text = "8 Jun 2016 Russian air strikes in Aleppo killed ten civilians, a monitor said."
    assert [(e["event_date"], e["date_precision"]) for e in extract_events(text, "2016-06-08")] == [("2016-06-08", 2)]
    # a stamp that disagrees with the feed's date is kept: it may be the better one
    assert [e["event_date"] for e in extract_events(text, "2016-06-20")] == ["2016-06-08"]


@pytest.mark.parametrize("sentence, place", [
    # a town the text puts in a province is that province's; with no such town, the province itself
    ("Al-Shabaab fighters seized the village of Basra in Middle Shabeelle region on Monday, residents said.",
     ("Middle Shabelle", "SO")),
    ("Rebels shelled Hader in Quneitra province on Monday, killing two civilians.", ("Quneitra", "SY")),
    ("Rebels shelled Ras al-Ain in Rif Dimashq province on Monday, killing two civilians.", ("Ras al-Ain", "SY")),
    ("Rebels shelled Douma in Rif Dimashq on Monday, killing two civilians.", ("Douma", "SY")),
])
def test_a_town_named_in_its_province(sentence, place):
    assert [(e["location"]["name"], e["location"]["country_code"]) for e in extract_events(sentence, "2016-01-04")] == [place]


def test_warplanes_from_a_coalition_are_the_coalition():
    text = ("Warplanes from the international anti-jihadist coalition carried out four air strikes on Monday against "
            "Syrian forces near Deir Ezzor, the army said.")
    [event] = extract_events(text, "2016-09-17")
    assert (event["actor1"]["name"], event["actor2"]["name"]) == ("US-led coalition", "Military Forces of Syria")


def test_a_city_s_district_named_like_a_province_abroad_is_the_city_s():
    text = "A bomb blast killed six people in the Salah al-Din district of Aleppo on Wednesday, state television reported."
    assert [(e["location"]["name"], e["location"]["admin1"], e["location"]["country_code"])
            for e in extract_events(text, "2017-04-19")] == [("Salah al-Din", "Aleppo", "SY")]


def test_a_nationality_word_after_a_city_is_not_part_of_its_name():
    # a feed that lost its punctuation: "... of Aleppo Syrian state television said"
    text = "A bomb blast killed six people in the Salah al-Din district of Aleppo Syrian state television said on Wednesday."
    assert [(e["location"]["name"], e["location"]["admin1"]) for e in extract_events(text, "2017-04-19")] == \
        [("Salah al-Din", "Aleppo")]


@pytest.mark.parametrize("text", [
    "A fight broke out on a crowded ferry as it docked in Lisbon on Tuesday. Passengers filmed it on their phones. "
    "The ferry company said it would review its rules. The crossing resumed an hour later.",
    "\"When I took over Madrid for the first time, I knew they were a good team,\" the coach said on Tuesday. "
    "He spoke after training. The club plays again on Sunday. Tickets are sold out.",
])
def test_a_fight_in_a_story_with_no_armed_side_is_no_battle(text):
    assert _types(text) == []


def test_a_fight_in_a_story_of_armed_men_is_still_a_battle():
    text = ("Fighting broke out in Mogadishu on Tuesday. Shops closed early. "
            "Residents said militants had been seen in the area. The market reopened on Wednesday.")
    assert "Armed clash" in [t for t, _ in _types(text)]


@pytest.mark.parametrize("sentence", [
    "The city of Baltimore was hit by a ransomware attack on Tuesday that shut down its email servers.",
    "Hackers attacked the Defence Ministry in Kyiv on Tuesday, officials said.",
    "A cyberattack struck the ministry in Tallinn on Tuesday.",
])
def test_computers_attacked_are_no_event(sentence):
    assert _types(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Lawmakers in Nairobi passed new protest laws on Tuesday that ban gatherings near parliament.",
    "The protest movement in Khartoum has grown since January.",
])
def test_a_protest_word_naming_a_kind_of_thing_is_no_protest(sentence):
    assert _types(sentence) == []


def test_a_protest_march_is_a_protest():
    assert _types("Thousands joined a protest march in Nairobi on Tuesday.") == [("Peaceful protest", "Nairobi")]


def test_a_weapon_s_fire_on_a_town_is_one_event_of_that_weapon():
    text = "Army artillery fire on the town of Kidal killed two civilians on Tuesday, residents said."
    assert [t for t, _ in _types(text)] == ["Shelling/artillery/missile attack"]


def test_a_toll_in_an_attack_is_that_attack_s_not_an_attack_of_its_own():
    # both words weak ("civilians were killed", "attacks"): one event, the attack's, with the toll
    text = "Over 25 civilians were killed and 100 more were wounded in US Air Force attacks on a village near the town of Manbij on Tuesday."
    assert [(e["sub_event_type"], e["actor1"]["name"], e["fatalities"]["best"]) for e in extract_events(text, PUB)] == [
        ("Air/drone strike", "Military Forces of United States", 25)]


@pytest.mark.parametrize("headline, actor1", [
    # the word before the event noun names who did it; the people hurt before it were its target
    ("Three civilians killed 12 others injured in terrorist attacks in Aleppo.", "Opposition rebels"),
    ("Four people killed 25 others injured in rebel attacks in Aleppo.", "Opposition rebels"),
])
def test_the_actor_before_an_event_noun_is_its_agent(headline, actor1):
    text = headline + " Shops were closed. Schools stayed shut. Residents fled."
    assert [(e["sub_event_type"], e["actor1"]["name"], e["actor2"]["name"]) for e in extract_events(text, PUB)] == [
        ("Attack", actor1, "Civilians (Syria)")]


def test_a_nationality_adjective_is_not_a_region_of_the_same_name():
    # "Somali" is also Ethiopia's Somali Region in the gazetteer; before a common noun it is Somalia's adjective
    [event] = extract_events("A grenade attack hit a market in the central Somali town of Beledweyne on Tuesday.", PUB)
    assert event["location"]["country"] == "Somalia"


def test_an_occupied_city_is_a_place_not_a_takeover():
    events = extract_events("Soldiers detained two activists on Tuesday in the Western Sahara occupied city of Laayoune.", PUB)
    assert "Government regains territory" not in [e["sub_event_type"] for e in events]


@pytest.mark.parametrize("sentence, n", [
    ("Government helicopters dropped barrel bombs filled with chlorine on the town of Sarmin on Tuesday.", 1),
    ("Government jets carried out air strikes and a chemical attack on the town of Sarmin on Tuesday.", 2),
])
def test_a_chemical_agent_carried_by_a_bomb_is_one_chemical_attack(sentence, n):
    types = [t for t, _ in _types(sentence)]
    assert "Chemical weapon" in types and len(types) == n


def test_an_institution_named_for_its_city_is_in_that_city():
    events = extract_events("Gunmen opened fire at Kabul University on Tuesday, killing 19 students.", PUB)
    assert [(e["sub_event_type"], e["location"]["name"]) for e in events] == [("Attack", "Kabul")]


@pytest.mark.parametrize("sentence, name, precision", [
    # no place named: the one country the sentence's words name, at the country's precision
    ("Iraqi troops freed several villages from Islamic State militants on Tuesday.", "Iraq", 3),
    # ... and "in the capital" of it is its capital
    ("Thousands of Sudanese protesters rallied in the capital on Sunday as police fired tear gas.", "Khartoum", 1),
    # never the home of forces that struck from afar, nor of a group abroad, nor a name
    ("Israeli jets struck weapons depots overnight, killing four fighters.", None, None),
    ("Georgia Tech students rioted on campus on Monday after police shot a student.", None, None),
])
def test_an_event_with_no_place_is_placed_in_the_country_its_sentence_names(sentence, name, precision):
    [event] = extract_events(sentence, PUB)
    assert (event["location"]["name"], event["location"]["geo_precision"]) == (name, precision)


def test_people_who_enter_a_building_take_no_territory():
    text = ("Police reported at least 5,000 people entered the Statehouse in Indianapolis on Tuesday. "
            "The crowd sang and waved flags. The session was suspended. Officials said the building would reopen.")
    assert "Government regains territory" not in [t for t, _ in _types(text)]


def test_a_former_head_of_state_described_is_not_the_government_acting():
    [event] = extract_events("The son of former Kenyan President Daniel Moi was stabbed to death in Nairobi on Tuesday.", PUB)
    assert event["actor1"]["name"] != "Government of Kenya"


@pytest.mark.parametrize("sentence", [
    "The army has made it a key aim of recapturing Mosul and other cities.",
    "An air strike hit a militia position near Gao, where the group is fighting Islamic State militants.",
])
def test_an_aim_and_a_background_war_are_no_event_of_their_own(sentence):
    assert "Government regains territory" not in [t for t, _ in _types(sentence)] and \
        "Armed clash" not in [t for t, _ in _types(sentence)]


def test_a_named_target_after_the_trigger_beats_people_killed_before_it():
    text = ("Twelve people were killed in an attack by Boko Haram militants against members of the "
            "Nigerian army in Maiduguri on Tuesday.")
    [event] = extract_events(text, PUB)
    assert event["actor2"]["name"] == "Military Forces of Nigeria"


def test_an_armed_group_whose_war_is_one_country_s_votes_for_it():
    # "Abra" is also a place in Oman; the New People's Army fights in the Philippines
    events = extract_events("Soldiers captured a New People's Army camp in Abra on Tuesday after a firefight.", PUB)
    assert {e["location"]["country"] for e in events} == {"Philippines"}


def test_a_place_entered_without_a_fight_is_one_transfer():
    events = extract_events("Haftar's forces advanced on Sirte and entered the city without fighting on Tuesday.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Non-violent transfer of territory"]


@pytest.mark.parametrize("text", [
    # where peace talks are held abroad is not where the war's events happen
    "Air strikes killed 12 civilians in Syria on Tuesday as peace talks to end the war opened in Geneva.",
    # a hospital named after a city abroad is that hospital, not the city
    "A chlorine attack killed four people in Syria on Tuesday, the manager of al-Quds hospital said.",
    # a word of the event's own phrase is no place ("Aerial" is also a place in the gazetteer)
    "Aerial bombardment killed 12 civilians in Syria on Tuesday.",
])
def test_venues_institutions_and_event_words_abroad_are_not_the_event_s_place(text):
    assert {e["location"]["country"] for e in extract_events(text, PUB)} == {"Syria"}


def test_a_dateline_followed_by_an_article_is_still_a_dateline():
    text = "Last updated at Oct 032017 BEIRUT A coalition air strike killed at least 18 civilians on Tuesday in the town of Raqqa."
    assert [loc for _, loc in _types(text)] == ["Raqqa"]


def test_a_name_ending_in_a_country_is_in_that_country():
    # the gazetteer lists "NE Syria" as a town of Iraq
    assert {e["location"]["country"] for e in extract_events("Thirty militants were killed in clashes with Kurdish fighters in NE Syria on Tuesday.", PUB)} == {"Syria"}


def test_firefighters_battling_flames_are_no_battle():
    assert _types("Firefighters battled to extinguish the flames in Kirkuk on Tuesday.") == []


def test_a_neighbourhood_named_like_a_city_abroad_is_a_neighbourhood():
    text = ("Fighting continued across Syria on Tuesday. A police source told state media that rebels targeted "
            "al-Sulaymaniyah neighborhood with rocket shells, killing two civilians. Shops stayed closed.")
    assert "Iraq" not in {e["location"]["country"] for e in extract_events(text, PUB)}


def test_a_stronghold_held_by_a_named_group_is_a_place_object_and_the_teller_s_country_is_not_the_place():
    text = "Ethiopian troops have captured part of a Fano militia stronghold near the town of Gondar, Sudanese police said on Monday."
    assert [(e["sub_event_type"], e["location"]["country"]) for e in extract_events(text, PUB)] == [
        ("Government regains territory", "Ethiopia")]


def test_the_country_of_who_tells_it_is_not_the_place():
    text = "Ethiopian troops have captured a rebel stronghold after heavy fighting, Sudanese police said on Monday."
    assert [e["location"]["name"] for e in extract_events(text, PUB)] == ["Ethiopia"]


@pytest.mark.parametrize("sentence", [
    "Officers arrested a 32-year-old woman in Dayton on Tuesday after a traffic stop turned up methamphetamine in her car.",
    "Police arrested two men in Leeds on Tuesday on suspicion of drunk driving and burglary.",
])
def test_common_crime_arrests_are_not_coded(sentence):
    assert _types(sentence) == []


def test_the_agent_after_by_past_a_day_and_a_coalition_fighting_someone():
    text = "An air strike on Tuesday by the US-led coalition fighting Islamic State killed 18 fighters near Tabqa, the Pentagon said."
    events = extract_events(text, PUB)
    # one event: the strike, by the coalition; "the coalition fighting Islamic State" says who the coalition is
    assert [(e["sub_event_type"], e["actor1"]["name"]) for e in events] == [("Air/drone strike", "US-led coalition")]


def test_shooting_down_drones_is_no_shooting_attack():
    types = [t for t, _ in _types("Army air defences near Daraa on Tuesday reported shooting down three drones launched by the militants.")]
    assert "Attack" not in types and "Disrupted weapons use" in types


def test_an_event_with_nobody_named_is_less_sure_than_one_with_its_sides():
    [bare] = extract_events("Clashes erupted in Mogadishu on Tuesday.", PUB)
    [named] = extract_events("Clashes erupted between al-Shabaab and government troops in Mogadishu on Tuesday.", PUB)
    assert named["confidence"] - bare["confidence"] >= 0.1


def test_an_actor_after_according_to_the_report_comma_is_not_the_source():
    text = "According to the report, rebel fighters took control of parts of the district of Qara on Tuesday."
    [event] = extract_events(text, PUB)
    assert (event["sub_event_type"], event["actor1"]["name"]) == ("Non-state actor overtakes territory", "Opposition rebels")


def test_a_police_check_post_attacked_is_the_target_not_the_attacker():
    [event] = extract_events("Four people were wounded in a grenade attack on a police check post in Kabul on Tuesday.", PUB)
    assert (event["actor1"]["name"], event["actor2"]["name"]) == ("Unidentified armed group", "Police Forces of Afghanistan")


def test_who_bombed_after_as_is_the_bomber_not_a_victim():
    text = "Two soldiers were killed as Abu Sayyaf militants detonated a roadside bomb in a village of Basilan on Tuesday."
    [event] = extract_events(text, PUB)
    assert (event["actor1"]["name"], event["actor2"]["name"]) == ("Abu Sayyaf", "Military Forces of Philippines")


@pytest.mark.parametrize("sentence, admin1", [
    ("Hundreds of students protested on Wednesday in New Brunswick, N.J., against the new policies.", "New Jersey"),
    ("Police in Columbus, Ga., arrested two protesters on Tuesday.", "Georgia"),
])
def test_a_us_state_abbreviation_after_a_town_picks_that_state_s_town(sentence, admin1):
    [event] = extract_events(sentence, PUB)
    assert (event["location"]["country"], event["location"]["admin1"]) == ("United States", admin1)


@pytest.mark.parametrize("sentence", [
    "The army has been trying to seize the town of Gao from the rebels for more than two years.",
    "The villages near Goma have been besieged by the militia for three years.",
    "Goma is a town that the rebels have been trying to capture in a weeks-long offensive.",
])
def test_what_has_gone_on_for_years_is_background(sentence):
    assert _types(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Riot police fired stun grenades at the crowd outside parliament in Nairobi on Tuesday.",
    "People ran for safety near the rally in Dhaka on Tuesday as sound grenades detonated in the streets.",
    "Tear gas canisters exploded among the marchers in Lima on Tuesday as police broke up the rally.",
])
def test_crowd_control_munitions_are_an_intervention_not_a_grenade_or_a_bomb(sentence):
    assert [t for t, _ in _types(sentence)] == ["Protest with intervention"]


@pytest.mark.parametrize("sentence, kind", [
    ("Militants hurled a grenade at a police post in Srinagar on Tuesday, wounding three officers.", "Grenade"),
    ("A bomb exploded at a market in Kano on Tuesday, hours after police fired tear gas at protesters there.",
     "Remote explosive/landmine/IED"),
])
def test_a_real_grenade_or_bomb_beside_crowd_control_is_still_one(sentence, kind):
    assert kind in [t for t, _ in _types(sentence)]


def test_a_sentence_that_opens_on_the_event_told_again_is_no_second_event():
    text = ("Government aircraft dropped chlorine on the town of Saraqib on Tuesday, killing four people. "
            "The attack was on rebel-held areas of northern Idlib.")
    assert _types(text) == [("Chemical weapon", "Saraqib")]


def test_a_definite_attack_with_nothing_before_it_is_still_an_event():
    assert _types("The attack on a bus in Peshawar killed five people on Tuesday.") == [("Attack", "Peshawar")]


def test_what_an_attack_avenges_is_background():
    text = "Rebels fired rockets at Aleppo on Tuesday in revenge for government air strikes on Idlib."
    assert _types(text) == [("Shelling/artillery/missile attack", "Aleppo")]


@pytest.mark.parametrize("sentence, place", [
    ("Gunmen killed five people in a village near Jos on Tuesday.", "Jos"),
    ("Bandits killed 12 villagers in Zamfara state on Tuesday.", "Zamfara"),
    ("Suspected jihadists killed a village chief in Djibo on Tuesday.", "Djibo"),
])
def test_an_armed_side_killing_people_is_an_attack(sentence, place):
    assert _types(sentence) == [("Attack", place)]


@pytest.mark.parametrize("sentence, expected", [
    ("A roadside bomb killed five people in Kandahar on Tuesday.", [("Remote explosive/landmine/IED", "Kandahar")]),
    ("A man killed his neighbour in Lagos on Tuesday.", []),
])
def test_killing_with_no_armed_side_or_with_a_weapon_word_is_no_extra_attack(sentence, expected):
    assert _types(sentence) == expected


def test_the_dead_counted_of_a_toll_are_no_killing():
    text = ("Rockets hit residential areas of Aleppo on Tuesday. "
            "The monitor says 34 people were killed 6 of them women or children.")
    [event] = extract_events(text, PUB)
    assert event["fatalities"]["best"] == 34


@pytest.mark.parametrize("sentence, kind", [
    ("A suspected gas attack on Douma killed dozens of people on Tuesday.", "Chemical weapon"),
    ("Police fired tear gas at protesters in Harare on Tuesday.", "Protest with intervention"),
])
def test_a_gas_attack_is_a_chemical_weapon_and_tear_gas_is_not(sentence, kind):
    assert [t for t, _ in _types(sentence)] == [kind]


@pytest.mark.parametrize("sentence, kind", [
    ("Gunmen stormed a hotel in Mogadishu on Tuesday, killing 12 people.", "Attack"),
    ("Militants stormed an army base near Gao on Tuesday.", "Armed clash"),
])
def test_storming_a_place_of_civilians_is_an_attack_and_a_base_a_clash(sentence, kind):
    assert [t for t, _ in _types(sentence)] == [kind]


def test_a_settlement_nobody_lists_is_in_the_country_whose_war_the_armed_group_fights():
    [event] = extract_events("M23 rebels seized the town of Bunagana on Tuesday.", PUB)
    assert (event["location"]["name"], event["location"]["country_code"]) == ("Bunagana", "CD")
    assert event["actor2"]["name"].startswith("Military Forces of Democratic Republic")


@pytest.mark.parametrize("sentence, place", [
    ("Russian air strikes killed three civilians in Idlib on Tuesday.", "Idlib"),
    ("Israeli troops shot dead a man in Jenin on Tuesday.", "Jenin"),
])
def test_a_place_framed_in_a_story_told_only_by_who_acts_abroad_is_kept(sentence, place):
    assert [p for _, p in _types(sentence)] == [place]


def test_people_killed_by_an_armed_side_in_the_passive_are_an_attack():
    [event] = extract_events("A herdsman was killed by vigilantes in Benue on Tuesday.", PUB)
    assert (event["sub_event_type"], event["actor2"]["inter"]) == ("Attack", 7)


def test_people_killed_by_a_weapon_are_not_killed_by_an_armed_side():
    assert "Attack" not in [t for t, _ in _types("Two children were killed by regime bombs in Aleppo on Tuesday.")]


@pytest.mark.parametrize("sentence, place", [
    ("Troops killed five militants in a raid in North Waziristan on Tuesday.", "North Waziristan"),
    ("Suspected ADF rebels killed 22 civilians near Beni on Tuesday.", "Beni"),
    ("Unknown assailants torched a polling station in Cox's Bazar on Tuesday.", "Cox's Bazar"),
])
def test_a_district_without_its_type_word_a_town_named_like_a_far_province_and_a_possessive_name(sentence, place):
    [event] = extract_events(sentence, PUB)
    assert place.startswith(event["location"]["name"]) or event["location"]["name"].startswith(place)


def test_beni_is_congo_s_town_in_a_story_of_the_adf():
    [event] = extract_events("Suspected ADF rebels killed 22 civilians near Beni on Tuesday.", PUB)
    assert event["location"]["country_code"] == "CD"


@pytest.mark.parametrize("sentence", [
    "Turkish drones hit Qamishli on Tuesday.",
    "Army helicopters fired on rebel positions near Bambari on Tuesday.",
])
def test_aircraft_that_hit_or_fire_are_an_air_strike(sentence):
    assert [t for t, _ in _types(sentence)] == ["Air/drone strike"]


def test_arms_seized_named_before_the_verb_are_no_territory():
    text = "An officer inspects the rifles army troops seized in North Waziristan after a clash on Tuesday."
    assert "Government regains territory" not in [t for t, _ in _types(text)]


@pytest.mark.parametrize("sentence, kind", [
    ("Gunmen ambushed a convoy of gold miners near Djibo on Tuesday, killing 13.", "Attack"),
    ("Militants ambushed a military convoy near Djibo on Tuesday, killing 13 soldiers.", "Armed clash"),
])
def test_an_ambush_on_civilians_is_an_attack_and_on_troops_a_clash(sentence, kind):
    assert [t for t, _ in _types(sentence)] == [kind]


def test_an_airport_code_is_no_name_of_its_city():
    # GeoNames lists "GAO" among Guantanamo's names: Gao is Mali's town
    [event] = extract_events("Soldiers and militants exchanged fire near Gao on Tuesday.", PUB)
    assert event["location"]["country_code"] == "ML"


@pytest.mark.parametrize("sentence, expected", [
    ("The president said at a rally in Ohio on Tuesday that the economy was strong.", []),
    ("The candidate held a campaign rally in Nairobi on Tuesday.", []),
    ("Thousands of opposition supporters held a rally in Nairobi on Tuesday to demand electoral reform.",
     [("Peaceful protest", "Nairobi")]),
])
def test_a_politician_s_rally_is_no_protest(sentence, expected):
    assert _types(sentence) == expected


@pytest.mark.parametrize("sentence, sides", [
    ("Fighting between the army and the RSF in El Fasher killed 40 civilians on Tuesday.",
     ("Military Forces of Sudan", "Rapid Support Forces")),
    ("Fighting between government forces and Al-Shabaab in Mogadishu left 20 dead on Tuesday.",
     ("Military Forces of Somalia", "Al Shabaab")),
])
def test_fighting_between_x_and_y_has_x_and_y_as_its_sides(sentence, sides):
    [event] = extract_events(sentence, PUB)
    assert (event["actor1"]["name"], event["actor2"]["name"]) == sides


@pytest.mark.parametrize("sentence", [
    "Security forces arrested the alleged mastermind of the Kano mosque attack on Tuesday.",
    "Police arrested two suspects in the bombing of a bus in Quetta on Tuesday.",
    "An investigation into the shelling of the market in Aleppo began on Tuesday.",
])
def test_the_attack_a_suspect_or_an_inquiry_is_of_is_told_elsewhere(sentence):
    assert all(t in ("Arrests",) for t, _ in _types(sentence))


@pytest.mark.parametrize("sentence", [
    "Ethnic clashes in Jonglei state killed 18 people on Tuesday.",
    "Clan fighting near Galkayo left 12 dead on Tuesday.",
])
def test_ethnic_and_clan_fighting_is_between_identity_militias(sentence):
    [event] = extract_events(sentence, PUB)
    assert (event["sub_event_type"], event["interaction"]) == ("Armed clash", 44)


def test_a_deal_signed_abroad_is_between_the_group_s_country_and_the_group():
    [event] = extract_events("The government and the ELN signed a peace deal in Havana on Tuesday.", PUB)
    assert event["sub_event_type"] == "Agreement" and event["actor1"]["name"].endswith("of Colombia")


def test_a_prisoner_exchange_is_an_agreement():
    assert [t for t, _ in _types("The two sides exchanged 200 prisoners in Aden on Tuesday.")] == ["Agreement"]


@pytest.mark.parametrize("sentence, expected", [
    ("Members of the armed group burned down a school in Pemba on Tuesday.", ["Looting/property destruction"]),
    ("Farmers burned crop residue near Amritsar on Tuesday.", []),
])
def test_a_building_burned_down_is_property_destruction_and_fields_burned_are_not(sentence, expected):
    assert [t for t, _ in _types(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Police raided the offices of an opposition newspaper in Harare on Tuesday.", []),
    ("Police raided a militant hideout in Karachi on Tuesday, killing four militants.", ["Armed clash"]),
    ("Troops raided a village near Mopti on Tuesday, killing 10 civilians.", ["Attack"]),
])
def test_a_state_raid_that_harms_no_one_and_hits_no_armed_side_is_a_search(sentence, expected):
    assert [t for t, _ in _types(sentence)] == expected


def test_an_undated_event_takes_no_date_from_a_mention_a_week_away():
    text = ("In Mandalay, police arrested 27 people during a march against the coup. "
            "Crowds also marched in Yangon for a fourth day. "
            "The military seized power on March 1 and detained the elected leader.")
    mandalay = [e for e in extract_events(text, "2021-03-10") if (e["location"] or {}).get("name") == "Mandalay"]
    assert [e["event_date"] for e in mandalay] == ["2021-03-10"]


@pytest.mark.parametrize("sentence, expected", [
    ("In Mandalay, police arrested 27 people during a march against the coup on Tuesday.",
     [("Protest with intervention", "Mandalay")]),
    ("Police arrested five suspects in Lagos on Tuesday.", [("Arrests", "Lagos")]),
])
def test_arrests_during_a_march_are_a_protest_broken_up(sentence, expected):
    assert _types(sentence) == expected


def test_the_day_of_a_statement_yields_to_the_day_the_next_sentence_gives_the_event():
    text = ("Suspected jihadists killed at least 20 civilians in an attack on a village in central Mali, "
            "officials said Tuesday. The attack happened on Sunday in the village of Ogossagou, a local official said. "
            "Gunmen arrived on motorcycles. Mali has fought an insurgency for years.")
    events = [e for e in extract_events(text, "2019-03-26") if e["sub_event_type"] == "Attack"]
    assert [(e["event_date"], e["fatalities"]["best"]) for e in events] == [("2019-03-24", 20)]


def test_the_day_of_a_statement_still_dates_an_event_no_other_day_dates():
    [event] = extract_events("Militants killed four soldiers near Gao, the army said on Monday.", PUB)
    assert event["event_date"] == "2019-03-04"


@pytest.mark.parametrize("sentence, place", [
    ("Four soldiers were killed when their vehicle hit an explosive device near Boni in Mali on Monday.", "Boni"),
    ("Troops ambushed a group of fighters near Wadi Ezeib in Syria on Monday.", "Wadi Ezeib"),
])
def test_a_name_right_after_near_is_a_place_even_unlisted(sentence, place):
    assert place in [p for _, p in _types(sentence)]


@pytest.mark.parametrize("sentence", [
    "Shells exploded near Thawra Street in Damascus on Monday.",
    "Fighting broke out near Christmas in Aleppo on Monday.",
])
def test_a_street_or_a_feast_after_near_is_no_settlement(sentence):
    assert all(p in ("Damascus", "Aleppo") for _, p in _types(sentence))


def test_the_country_of_a_dateline_is_no_place_of_the_event():
    text = ("KHARTOUM, Sudan — Heavy fighting between the army and the RSF went on on Thursday, with explosions "
            "heard across the capital. Residents stayed indoors. Shops were shut. Aid groups asked for a pause.")
    events = extract_events(text, "2023-04-20")
    assert [(e["sub_event_type"], e["location"]["name"]) for e in events] == [("Armed clash", "Khartoum")]


def test_a_fight_that_entered_its_sixth_day_took_no_place():
    assert "Government regains territory" not in [t for t, _ in _types(
        "The battle for Sirte entered its sixth day on Tuesday as troops shelled the city.")]


def test_soldiers_firing_on_people_marching_is_excessive_force_against_protesters():
    [event] = extract_events("Soldiers opened fire on members of a religious group marching in Abuja on Tuesday, "
                             "killing at least six people.", PUB)
    assert event["sub_event_type"] == "Excessive force against protesters"


def test_an_attack_claimed_by_a_group_in_the_passive_is_that_group_s():
    text = ("A bomb exploded inside a mosque in Kunduz during Friday prayers, killing at least 33 people. "
            "The blast was claimed by the Islamic State group. Officials gave no further details.")
    events = extract_events(text, "2021-10-10")
    assert [e["actor1"]["name"] for e in events] == ["Islamic State"]


def test_an_armed_group_s_claim_gives_no_air_strike_to_it():
    text = ("Air strikes killed 12 civilians near Manbij on Tuesday. "
            "A separate bombing in Hasakeh was claimed by the Islamic State group.")
    strikes = [e for e in extract_events(text, PUB) if e["sub_event_type"] == "Air/drone strike"]
    assert all(e["actor1"]["name"] != "Islamic State" for e in strikes)


@pytest.mark.parametrize("sentence, force", [
    ("Taliban fighters beat women protesters in Kabul on Tuesday.", "Taliban"),
    ("Protesters were beaten by police in Harare on Tuesday.", "Police Forces of Zimbabwe"),
])
def test_beating_protesters_is_excessive_force_by_whoever_beat_them(sentence, force):
    [event] = extract_events(sentence, PUB)
    assert (event["sub_event_type"], event["actor1"]["name"]) == ("Excessive force against protesters", force)


@pytest.mark.parametrize("sentence, place", [
    ("Al-Shabaab fighters overran an army base in El Baraf on Tuesday, killing dozens of soldiers.", "El Baraf"),
    ("Gunmen attacked a market in Gombi in Nigeria on Tuesday.", "Gombi"),
])
def test_a_site_in_a_name_is_in_that_settlement(sentence, place):
    assert place in [p for _, p in _types(sentence)]


def test_a_site_in_a_town_and_its_known_province_is_one_place():
    text = "A car bomb exploded at a checkpoint in Azaz Aleppo province in Syria on Tuesday, killing 20 people."
    assert "Azaz Aleppo" not in [p for _, p in _types(text)]


def test_a_stabbing_in_a_crime_story_is_common_crime():
    text = ("A man was stabbed to death on a commuter train in Oakland on Tuesday during a fight. "
            "Police said the suspect had tried to steal a phone from another rider. "
            "Officers received several 911 calls and arrested the suspect nearby.")
    assert not {"Attack", "Armed clash"} & {t for t, _ in _types(text)}


def test_a_stabbing_by_militants_is_still_an_attack():
    text = ("Militants stabbed two villagers to death near Gao on Tuesday. "
            "Police said a suspect had tried to steal cattle. Officers received several 911 calls.")
    assert "Attack" in [t for t, _ in _types(text)]


def test_a_protest_outside_parliament_in_a_city_is_in_that_city():
    assert _types("Opposition supporters staged a sit-in outside parliament in Tbilisi on Tuesday.") == [
        ("Peaceful protest", "Tbilisi")]


@pytest.mark.parametrize("sentence, expected", [
    ("The militia changed its name to the Free Army in Idlib on Tuesday.", [("Change to group/activity", "Idlib")]),
    ("The front, which changed its name from al-Nusra, controls Idlib.", []),
])
def test_a_group_renaming_itself_is_a_change_to_the_group_and_a_renaming_told_as_who_it_is_is_not(sentence, expected):
    assert _types(sentence) == expected


@pytest.mark.parametrize("sentence, place, actor", [
    ("Turkish troops launched an incursion into northern Syria near Tal Abyad on Tuesday.", "Tal Abyad", "Military Forces of Turkey"),
    ("Israeli forces made an incursion into Jenin on Tuesday.", "Jenin", "Military Forces of Israel"),
])
def test_an_invasion_or_incursion_is_a_clash_of_the_side_that_moves_in(sentence, place, actor):
    [event] = extract_events(sentence, PUB)
    assert (event["sub_event_type"], event["location"]["name"], event["actor1"]["name"]) == ("Armed clash", place, actor)


def test_an_invasion_years_ago_is_history():
    assert _types("The invasion of Iraq in 2003 changed the region.") == []


@pytest.mark.parametrize("sentence", [
    "Palestinians in Hebron shunned work on Tuesday to protest at new settlements.",
    "Traders in Kano closed their shops on Tuesday to protest against the new tax.",
])
def test_staying_off_work_or_shutting_shops_to_protest_is_a_protest(sentence):
    assert [t for t, _ in _types(sentence)] == ["Peaceful protest"]


@pytest.mark.parametrize("sentence", [
    "Soldiers murdered more than 15,000 prisoners near Smolensk during World War Two.",
    "Militias massacred villagers near Bunia in the 1990s.",
])
def test_a_world_war_or_a_past_decade_is_history(sentence):
    assert _types(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Serbia rejected an ultimatum to hand over a guard involved in a shooting outside the consulate in Sydney.", []),
    ("Police in Nairobi arrested three men over the bombing of a mall on Tuesday.", [("Arrests", "Nairobi")]),
    ("A court in Nairobi sentenced three men for the bombing of a mall.", []),
    ("The group said it was involved in fierce clashes near Ramussa on Tuesday.", [("Armed clash", "Ramussa")]),
])
def test_the_event_a_person_is_involved_in_charged_with_or_arrested_over_is_told_elsewhere(sentence, expected):
    assert _types(sentence) == expected


def test_the_event_a_sentence_says_another_came_after_keeps_its_own_place_and_dead():
    text = ("Air strikes killed 20 people in Gaza on Monday, health officials said, "
            "after Hamas fired rockets at Jerusalem.")
    events = {(e["sub_event_type"], e["location"]["name"]): e["fatalities"] for e in extract_events(text, PUB)}
    assert events[("Air/drone strike", "Gaza Strip")]["best"] == 20
    assert events[("Shelling/artillery/missile attack", "Jerusalem")] is None


def test_a_kidnapping_in_a_crime_story_is_common_crime_whoever_rescued_the_child():
    text = ("A man kidnapped a girl from a park in Dallas on Tuesday. The suspect was convicted and "
            "sentenced to life in prison after he confessed. A friend called 911 when she saw his car.")
    assert "Abduction/forced disappearance" not in [t for t, _ in _types(text)]


@pytest.mark.parametrize("sentence, kind", [
    ("Rebels downed a government helicopter near Kidal on Tuesday.", "Disrupted weapons use"),
    ("Twelve bodies with gunshot wounds were found dumped on a road near Tijuana on Tuesday.", "Attack"),
])
def test_an_aircraft_downed_and_bodies_with_gunshot_wounds_are_events(sentence, kind):
    assert [t for t, _ in _types(sentence)] == [kind]


def test_a_death_during_the_raid_just_reported_is_that_events_toll():
    events = extract_events("Bandits kidnapped 12 farmers near the town of Gusau on Sunday, police said. "
                            "A farmer was killed during the raid, residents said.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Abduction/forced disappearance"]
    assert events[0]["fatalities"]["best"] == 1


@pytest.mark.parametrize("sentence", [
    "Supporters of two rival parties clashed with machetes in Blantyre on Tuesday, leaving four people dead.",
    "Party cadres clashed outside a polling station in Lusaka on Tuesday, police said.",
])
def test_party_supporters_who_clash_are_mob_violence_between_rioters(sentence):
    [event] = extract_events(sentence, PUB)
    assert event["sub_event_type"] == "Mob violence"
    assert event["interaction"] == 55


@pytest.mark.parametrize("sentence", [
    "Government shelling of the city has killed more than 60 people over the past week, a monitor said.",
    "In the last two weeks, air strikes on the province have killed at least 150 civilians, medics said.",
])
def test_a_toll_over_the_past_weeks_is_a_total_not_an_event(sentence):
    assert extract_events(sentence, PUB) == []


def test_protesters_who_attack_buildings_are_a_violent_demonstration():
    events = extract_events("Protesters in Bamako attacked the French embassy on Tuesday, accusing Paris of backing the junta.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Violent demonstration"]
    assert events[0]["actor1"]["inter"] == 5


def test_a_place_inside_an_event_phrase_that_the_phrase_puts_things_in_is_kept():
    [event] = extract_events("Demonstrators in Khulna clashed with police on Monday, throwing stones at officers.", PUB)
    assert event["location"]["name"] == "Khulna"


def test_an_armed_side_killing_one_named_person_is_an_attack_with_one_dead():
    # prosecutors who report a killing do not make it a courtroom story
    [event] = extract_events("Gunmen killed a municipal councillor in the town of Uruapan on Sunday, prosecutors said.", PUB)
    assert event["sub_event_type"] == "Attack"
    assert event["fatalities"]["best"] == 1


def test_a_state_raid_that_seizes_arms_from_a_gang_is_the_seizure_not_a_clash():
    events = extract_events("Soldiers raided a warehouse in Cucuta on Monday and seized rifles from gang members, the army said.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Disrupted weapons use"]


def test_suspects_killed_in_a_gunfight_are_counted():
    [event] = extract_events("Police raided a hideout in Rosario on Monday, killing four suspects in a gunfight.", PUB)
    assert event["sub_event_type"] == "Armed clash" and event["fatalities"]["best"] == 4


@pytest.mark.parametrize("sentence", [
    "A fire at a garment factory in Dhaka killed 12 workers on Sunday, officials said.",
    "The carmaker launched an attack on its rival's market share in Brazil on Monday.",
    "Hundreds of supporters invaded the pitch in Lima after the final on Sunday.",
])
def test_figures_of_speech_and_blazes_are_no_events(sentence):
    assert extract_events(sentence, PUB) == []


@pytest.mark.parametrize("sentence", [
    "An air strike on a market in Kadugli on the night of February 27 killed 9 people, activists said.",
    "Gunmen attacked a bus near Mopti on 27 February, killing 9 passengers.",
])
def test_the_day_of_the_month_is_not_counted_among_the_dead(sentence):
    [event] = extract_events(sentence, PUB)
    assert event["fatalities"]["best"] == 9


def test_one_person_shot_dead_is_one_dead():
    [event] = extract_events("Gunmen shot dead a prominent lawyer outside his home in Peshawar on Tuesday, police said.", PUB)
    assert event["fatalities"]["best"] == 1


def test_those_fired_on_are_not_counted_among_the_dead():
    [event] = extract_events("Police opened fire on thousands of students who marched on parliament in Dhaka on Monday, "
                             "killing at least 6 people.", PUB)
    assert event["fatalities"]["best"] == 6


@pytest.mark.parametrize("sentence", [
    "Gunmen hijacked a bus carrying 40 passengers near the town of Zamfara on Monday.",
    "Pirates seized a tanker off the coast of Eyl on Monday, taking 20 crew members hostage.",
])
def test_hijackings_and_hostage_taking_are_abductions(sentence):
    assert "Abduction/forced disappearance" in [e["sub_event_type"] for e in extract_events(sentence, PUB)]


def test_a_base_handed_over_after_a_withdrawal_is_a_non_violent_transfer():
    [event] = extract_events("French troops withdrew from their last base in the town of Gao on Monday, handing it over "
                             "to the Malian army.", PUB)
    assert event["sub_event_type"] == "Non-violent transfer of territory"


def test_a_group_that_changes_itself_has_no_second_side():
    events = extract_events("Boko Haram named a new leader in Maiduguri on Monday, replacing a chief who surrendered to the army.", PUB)
    change = [e for e in events if e["sub_event_type"] == "Change to group/activity"]
    assert change and change[0]["actor2"] is None


def test_a_boycott_told_with_its_purpose_a_few_words_later_is_a_protest():
    events = extract_events("Teachers boycotted classes across Kenya on Monday to protest the delay of their pay.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Peaceful protest"]


def test_homes_burned_in_an_attack_are_that_attack_not_a_second_event():
    events = extract_events("Gunmen stormed the village of Kajuru on Tuesday, killing nine farmers and burning homes, "
                            "a local official said. Residents fled. The police did not comment. Schools stayed shut.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Attack"]
    assert events[0]["fatalities"]["best"] == 9


def test_destruction_with_no_violence_stays_property_destruction():
    events = extract_events("Militiamen burned homes in the village of Kajuru on Tuesday, a local official said. "
                            "Residents fled. The police did not comment. Schools stayed shut.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Looting/property destruction"]


def test_where_people_fled_to_is_not_where_the_fighting_was():
    events = extract_events("Rebels and soldiers clashed on Tuesday near the town of Bunia, residents said. "
                            "The fighting forced thousands to flee toward Kisangani. Aid groups warned of hunger. "
                            "The army did not comment.", PUB)
    assert [e["location"]["name"] for e in events] == ["Bunia"]


def test_a_ranked_speaker_named_after_his_force_is_a_source():
    roles = {a.text: a.role for a in find_actors('"Two people were wounded," police officer John Kamau told reporters.')}
    assert roles["police officer"] == "source"
    roles = {a.text: a.role for a in find_actors("Police commander Peter Otieno said two suspects were shot dead.")}
    assert roles["Police commander"] == "source"


def test_the_damage_an_event_did_is_not_an_event_of_its_own():
    events = extract_events("A car bomb exploded at a market in Kirkuk on Tuesday, killing four people, police said. "
                            '"The blast destroyed several shops and cars," police officer Ali Hassan told Reuters. Shops stayed shut.', PUB)
    assert [e["sub_event_type"] for e in events] == ["Remote explosive/landmine/IED"]


@pytest.mark.parametrize("sentence", [
    "The army said it had destroyed rocket launchers and an arms depot near Deraa on Tuesday.",
    "Officials inspected the missile defence system outside Tehran on Tuesday.",
])
def test_a_thing_named_after_rockets_or_missiles_is_no_shelling(sentence):
    assert "Shelling/artillery/missile attack" not in [e["sub_event_type"] for e in extract_events(sentence, PUB)]


def test_people_beheaded_are_the_object_not_who_burned_the_homes():
    events = extract_events("Militants beheaded five villagers and set fire to dozens of homes in the town of Mocimboa da Praia "
                            "on Tuesday, an official said. Residents fled. The army did not comment. Schools stayed shut.", PUB)
    assert "Mob violence" not in [e["sub_event_type"] for e in events]
    assert events[0]["sub_event_type"] == "Attack" and events[0]["fatalities"]["best"] == 5


def test_protesters_who_died_after_a_dispersal_make_it_excessive_force():
    events = extract_events("Thousands of students marched in Dhaka on Tuesday to demand the minister's resignation. "
                            "Police fired tear gas and rubber bullets to disperse them, witnesses said. "
                            "At least two protesters died of their injuries in hospital, a doctor said. "
                            "The government blamed the opposition.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Excessive force against protesters"]
    assert events[0]["fatalities"]["best"] == 2


@pytest.mark.parametrize("sentence, sub", [
    # a "to" that is a preposition starts no plan: "linked to", "due to", "loyal to" ...
    ("Jihadists linked to al-Qaeda attacked a gendarmerie school in Bamako on Tuesday.", "Armed clash"),
    ("Four civilians were killed on Tuesday due to rocket attacks on the town of Afrin.", "Shelling/artillery/missile attack"),
    ("Fighters loyal to the warlord attacked a village near Kismayo on Tuesday, killing three farmers.", "Attack"),
])
def test_a_preposition_to_starts_no_plan(sentence, sub):
    assert [e["sub_event_type"] for e in extract_events(sentence, PUB)] == [sub]


def test_an_infinitive_to_still_makes_a_plan():
    assert extract_events("The rebels vowed to attack the town of Kidal on Tuesday.", PUB) == []


def test_an_event_referred_to_is_not_reported():
    # ("related to" is no infinitive since the rule above: what it refers to is still no event)
    events = extract_events("Police seized two rifles related to a murder in the town of Spanish Town on Tuesday.", PUB)
    assert "Attack" not in [e["sub_event_type"] for e in events]


def test_a_thing_handed_over_is_no_transfer_of_territory():
    events = extract_events("According to information handed over to the monitoring centre, the village of Kafr Nabl suffered an "
                            "air attack on Tuesday in which six people died.", PUB)
    assert "Non-violent transfer of territory" not in [e["sub_event_type"] for e in events]


def test_an_explosion_caused_by_a_rocket_is_the_rocket_attack():
    events = extract_events("An explosion due to a rocket shell killed one person in the Mezzeh district of Damascus on Tuesday.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Shelling/artillery/missile attack"]


def test_an_abbreviation_among_the_counted_peoples_words_keeps_the_count():
    from pipeline.extract.numbers import fatalities
    assert fatalities("The blast killed four U.S. troops and 15 other people.") == 19
    assert fatalities("Gunmen killed 3 U.N. peacekeepers near the camp.") == 3


def test_a_suicide_bombers_explosives_are_the_suicide_bombing_not_a_second_bomb():
    events = extract_events("A suicide bomber detonated an explosive belt at a checkpoint in the town of Manbij on Wednesday, "
                            "killing four soldiers. The Islamic State group claimed the attack. Security was tightened. "
                            "The town was calm on Thursday.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Suicide bomb"]
    assert events[0]["actor1"]["name"] == "Islamic State"


def test_a_capital_that_denies_or_says_is_its_government_not_the_place():
    events = extract_events("Air strikes killed 12 civilians in the town of Saraqeb on Monday, rescuers said. "
                            "Moscow and Damascus deny targeting civilians and say they are fighting jihadists. "
                            "The strikes hit a market. Aid groups condemned the attack.", PUB)
    assert "Damascus" not in [e["location"]["name"] for e in events]


def test_allies_fire_named_together_is_led_by_the_first_named():
    event = extract_events("Syrian and Russian air strikes killed 12 civilians in the town of Saraqeb on Monday.", PUB)[0]
    assert event["actor1"]["name"] == "Military Forces of Syria"
    assert event["assoc_actor1"] == ["Military Forces of Russia"]


def test_police_in_a_city_who_say_are_in_the_city_not_its_government():
    events = extract_events("Police in Mumbai say two men they arrested on Thursday were planning an attack. "
                            "The men were held in a raid on a flat. Officials gave no details. The case continues.", PUB)
    assert ("Arrests", "Mumbai") in [(e["sub_event_type"], e["location"]["name"]) for e in events]


def test_the_deaths_that_caused_an_attack_are_not_its_toll():
    events = extract_events("An airstrike hit a clinic in a village near the town of Atarib late on Tuesday, killing four medics, "
                            "days after dozens of aid workers were killed in the area.", PUB)
    assert events[0]["fatalities"]["best"] == 4


def test_supporters_of_two_named_movements_who_clash_are_mob_violence():
    events = extract_events("Supporters of the ruling Awami League and the opposition BNP clashed in the town of Barisal on Sunday, "
                            "leaving 50 people injured. Police fired rubber bullets. Shops stayed shut. The election is next month.", PUB)
    assert events[0]["sub_event_type"] == "Mob violence" and events[0]["interaction"] == 55


def test_a_mob_that_attacks_with_no_demonstration_told_is_mob_violence():
    events = extract_events("Angry mobs attacked shops and homes in the town of Kandy on Monday, police said. "
                            "A curfew was imposed. Troops were deployed. Schools stayed shut.", PUB)
    assert events[0]["sub_event_type"] == "Mob violence"


def test_the_assailants_telling_more_of_the_attack_just_told_are_that_attack():
    events = extract_events("Jihadists killed dozens of civilians in an attack on the town of Kaya on Saturday, local sources said. "
                            "The assailants targeted residents digging trenches around the town. The government gave no toll. "
                            "Schools stayed shut.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Attack"]


@pytest.mark.parametrize("sentence, deaths", [
    ("Gunmen ambushed a convoy near the town of Apatzingan on Sunday, killing four guardsmen.", 4),
    ("Militants attacked a checkpoint near the town of Bannu on Sunday, killing two sappers and a driver.", 2),
])
def test_security_trades_are_counted_among_the_dead(sentence, deaths):
    assert extract_events(sentence, PUB)[0]["fatalities"]["best"] >= deaths


def test_clan_militias_are_identity_militias():
    names = [a.actor.name for a in find_actors("Somali forces backed by clan militias recaptured the town on Thursday.")]
    assert "Identity militia" in names


@pytest.mark.parametrize("sentence", [
    "His chemistry with the guard has grown, as they demonstrated repeatedly against Boston on Tuesday in Chicago.",
    "The report demonstrated that the reforms had failed, officials in Nairobi said on Tuesday.",
])
def test_demonstrated_with_an_object_is_showed_not_a_protest(sentence):
    assert "Peaceful protest" not in [e["sub_event_type"] for e in extract_events(sentence, PUB)]


def test_thousands_who_demonstrated_outside_parliament_protested():
    events = extract_events("Thousands demonstrated outside parliament in Nairobi on Tuesday against new taxes.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Peaceful protest"]


@pytest.mark.parametrize("sentence, changed", [
    ("The senator was under attack last month as a new leader in Washington.", False),
    ("The Islamic State group named a new leader in Raqqa on Tuesday.", True),
])
def test_a_new_leader_is_a_change_to_the_group_only_when_named_or_of_the_group(sentence, changed):
    types = [e["sub_event_type"] for e in extract_events(sentence, PUB)]
    assert ("Change to group/activity" in types) == changed


def test_one_more_killed_in_the_next_sentence_adds_to_the_toll():
    events = extract_events("Troops killed three suspected militants in a gunfight in the town of Shopian on Friday, police said. "
                            "One soldier was also killed. Internet services were suspended. The operation ended at night.", PUB)
    assert events[0]["fatalities"]["best"] == 4


def test_more_killed_in_another_town_are_not_added():
    events = extract_events("An airstrike killed 13 people in the town of Saraqeb on Friday, rescuers said. "
                            "Three people were also killed in another town in the countryside. Aid groups condemned it. "
                            "The strikes continued at night.", PUB)
    assert events[0]["fatalities"]["best"] == 13


def test_the_months_of_a_relative_clause_do_not_make_the_event_background():
    events = extract_events("Militants beheaded a Vietnamese sailor they had held hostage for months on the island of Jolo "
                            "on Tuesday, the military said.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Attack"]


@pytest.mark.parametrize("sentence", [
    "Troops killed three militants in a gunfight in the town of Shopian on Friday.",
    "Police and gang members died in a shootout in the town of Apatzingan on Friday.",
    "Two soldiers died in an exchange of fire with rebels near the town of Beni on Friday.",
])
def test_gunfights_shootouts_and_exchanges_of_fire_are_clashes(sentence):
    events = extract_events(sentence, PUB)
    assert events and events[0]["sub_event_type"] == "Armed clash" and events[0]["confidence"] >= 0.7


@pytest.mark.parametrize("sentence, sub", [
    ("Protesters set up roadblocks on the main highway near Cochabamba on Tuesday, demanding the release of their leader.",
     "Violent demonstration"),        # ACLED: road-blocking with barricades is a violent demonstration
    ("Police set up roadblocks around the city of Cochabamba on Tuesday.", None),     # checkpoints
])
def test_roadblocks_are_a_demonstrations_not_the_polices(sentence, sub):
    assert [e["sub_event_type"] for e in extract_events(sentence, PUB)] == ([sub] if sub else [])


def test_a_nations_strike_on_a_target_is_its_forces_strike():
    events = extract_events("An Israeli strike on a residential building in the city of Tyre killed six people on Friday, "
                            "the health ministry said. The strike flattened the building. Rescuers searched the rubble. "
                            "Schools closed.", PUB)
    assert events and events[0]["actor1"]["name"] == "Military Forces of Israel"
    assert events[0]["fatalities"]["best"] == 6


@pytest.mark.parametrize("sentence", [
    "Teachers began a strike on the first day of term in Nairobi on Tuesday.",
    "Workers staged a general strike on the railways across Kenya on Tuesday.",
])
def test_a_labour_strike_on_something_is_no_strike_from_the_air(sentence):
    types = [e["sub_event_type"] for e in extract_events(sentence, PUB)]
    assert "Shelling/artillery/missile attack" not in types and "Air/drone strike" not in types


def test_an_attack_with_drones_is_a_drone_strike():
    events = extract_events("Rebels attacked a fuel depot near the town of Kassala with drones on Tuesday, officials said.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Air/drone strike"]


@pytest.mark.parametrize("sentence, arrested", [
    ("Police arrested the former prime minister at his home in Islamabad on Tuesday on corruption charges.", True),
    ("Police arrested two men for drug trafficking in the city of Lagos on Tuesday.", False),     # common crime
])
def test_a_political_figure_arrested_on_criminal_charges_is_still_an_arrest(sentence, arrested):
    assert ("Arrests" in [e["sub_event_type"] for e in extract_events(sentence, PUB)]) == arrested


def test_a_country_named_as_a_party_to_a_deal_is_its_government():
    [event] = extract_events("Colombia and the ELN signed a ceasefire agreement in Havana on Monday.", PUB)
    assert event["sub_event_type"] == "Agreement"
    assert {event["actor1"]["name"], event["actor2"]["name"]} == {"ELN", "Government of Colombia"}


def test_missiles_shot_down_are_no_shelling_and_the_strikers_missile_is_theirs():
    events = extract_events("An Israeli missile strike hit a military position near the city of Homs late on Sunday, state media "
                            "said, adding that air defences had shot down most of the missiles. Israel did not comment. "
                            "Damage was reported. Flights resumed.", PUB)
    by_type = {e["sub_event_type"]: e for e in events}
    assert by_type["Shelling/artillery/missile attack"]["actor1"]["name"] == "Military Forces of Israel"
    assert by_type["Shelling/artillery/missile attack"]["actor2"]["name"] == "Military Forces of Syria"
    assert "Disrupted weapons use" in by_type


@pytest.mark.parametrize("sentence", [
    "Israel rarely comments on its strikes in Syria.",
    "The neighbourhoods of Homs are usually attacked with shells fired by the rebels.",
])
def test_what_happens_as_a_habit_is_no_event(sentence):
    assert extract_events(sentence, PUB) == []


def test_what_happened_a_day_before_the_news_is_background():
    events = extract_events("Turkish warplanes struck Kurdish positions near the town of Ras al-Ain on Wednesday, a day after "
                            "U.S. troops withdrew from the border. Thousands fled. The SDF said it would resist. Schools closed.", PUB)
    assert "Non-violent transfer of territory" not in [e["sub_event_type"] for e in events]


def test_a_toll_since_an_offensive_began_is_no_events_toll():
    events = extract_events("Government forces captured the town of Harasta on Thursday, state media said. Buses left the town. "
                            "At least 1,500 civilians had been killed since the offensive began in February, a monitor said. "
                            "Talks continued in Douma.", PUB)
    assert events[0]["fatalities"] is None


@pytest.mark.parametrize("sentence", [
    "The rebels agreed on Tuesday to withdraw from the town of Kidal.",
    "The army pledged on Tuesday to retake the town of Kidal.",
])
def test_what_a_side_agreed_or_pledged_to_do_is_not_done(sentence):
    types = [e["sub_event_type"] for e in extract_events(sentence, PUB)]
    assert not {"Change to group/activity", "Non-violent transfer of territory", "Government regains territory"} & set(types)


def test_a_headline_naming_only_the_region_is_the_body_event_there_whatever_its_day():
    text = ("Fighting between troops and jihadists kills dozens in Nigeria's Borno state\n\n"
            "Clashes between Nigerian troops and Boko Haram fighters killed at least 30 people near the city of Maiduguri "
            "in Borno state last week, residents said. The fighting began on Wednesday, a resident said. "
            "The army gave no figures. Schools stayed closed.")
    events = [e for e in extract_events(text, PUB) if e["sub_event_type"] == "Armed clash"]
    assert [(e["location"]["name"], e["fatalities"]["best"]) for e in events] == [("Maiduguri", 30)]


def test_villages_nearby_are_near_the_town_the_text_last_named():
    text = ("Fighting broke out in the city of Maiduguri on Monday, residents said. The army responded with air strikes "
            "on villages nearby, killing at least 12 civilians, a health worker said. Officials gave no figures. "
            "Schools stayed closed.")
    strikes = [e for e in extract_events(text, PUB) if e["sub_event_type"] == "Air/drone strike"]
    assert [(e["location"]["name"], e["location"]["geo_precision"], e["fatalities"]["best"]) for e in strikes] \
        == [("Maiduguri", 2, 12)]


def test_a_day_named_after_a_week_is_the_same_fighting():
    text = ("Clashes between troops and rebels killed 20 people in the city of Maiduguri last week, residents said. "
            "The fighting began on Monday when rebels attacked an army camp on the outskirts of the city, a resident said. "
            "Officials gave no figures. Schools stayed closed.")
    assert [e["location"]["name"] for e in extract_events(text, PUB) if e["sub_event_type"] == "Armed clash"] == ["Maiduguri"]


@pytest.mark.parametrize("sentence, places", [
    ("Warplanes struck rebel positions in Kandahar and the capital Kabul on Tuesday, officials said.", ["Kandahar", "Kabul"]),
    ("Protesters marched in Nairobi, the port city of Mombasa and Kisumu on Tuesday, police said.", ["Nairobi", "Mombasa", "Kisumu"]),
])
def test_towns_listed_with_their_kind_are_one_event_each(sentence, places):
    assert [e["location"]["name"] for e in extract_events(sentence, PUB)] == places


def test_a_bomb_hidden_in_a_car_that_exploded_is_a_remote_explosive_in_the_named_town():
    text = ("A bomb hidden in a car exploded at a busy market in the Somali town of Baidoa on Saturday, killing at least "
            "eight people, police said. \"The car was parked near the tea shops and was detonated remotely,\" an officer said. "
            "The al-Qaeda-linked al-Shabaab group said it was behind the blast. Shops closed.")
    [event] = extract_events(text, PUB)
    assert (event["sub_event_type"], event["location"]["name"], event["actor1"]["name"]) \
        == ("Remote explosive/landmine/IED", "Baidoa", "Al Shabaab")
    assert event["confidence"] >= 0.7


def test_a_group_described_as_linked_to_another_is_not_that_other():
    names = [a.actor.name for a in find_actors("The al-Qaeda-linked al-Shabaab attacked the village.") if a.role == "main"]
    assert names == ["Al Shabaab"]


def test_people_killed_named_by_nationality_in_an_occupied_territory_are_an_event():
    [event] = extract_events("Troops killed three Palestinians during a raid in the city of Nablus in the occupied West Bank "
                             "on Tuesday, the health ministry said.", PUB)
    assert (event["location"]["name"], event["fatalities"]["best"]) == ("Nablus", 3)


def test_settlers_are_an_identity_militia():
    [event] = extract_events("Israeli settlers set fire to cars and homes in the city of Nablus on Tuesday, residents said.", PUB)
    assert (event["actor1"]["name"], event["actor1"]["inter"]) == ("Settlers (Israel)", 4)


@pytest.mark.parametrize("sentence, agreement", [
    ("The government and the rebels signed a ceasefire agreement in Nairobi on Monday, Kenya's foreign ministry said.", True),
    ("The government and the rebels signed a ceasefire agreement in Nairobi on Monday, the foreign ministry said.", True),
])
def test_a_foreign_ministry_that_tells_the_news_does_not_make_it_diplomacy(sentence, agreement):
    assert ("Agreement" in [e["sub_event_type"] for e in extract_events(sentence, PUB)]) == agreement


@pytest.mark.parametrize("sentence, agreement", [
    ("The two governments signed a trade agreement in Nairobi on Monday.", False),
    ("The government signed an arms deal with France in Nairobi on Monday.", False),
    ("The government and the rebels signed a peace agreement in Nairobi on Monday.", True),
])
def test_a_deal_of_trade_or_arms_is_no_conflict_agreement(sentence, agreement):
    assert ("Agreement" in [e["sub_event_type"] for e in extract_events(sentence, PUB)]) == agreement


@pytest.mark.parametrize("sentence, expected", [
    ("Gunmen stormed a school in the city of Kaduna on Tuesday and kidnapped 20 students, police said.",
     ["Abduction/forced disappearance"]),
    ("Gunmen stormed a school in the city of Kaduna on Tuesday, killed two teachers and kidnapped 20 students, police said.",
     ["Attack"]),
])
def test_a_raid_to_take_people_is_one_abduction_unless_it_killed(sentence, expected):
    assert [e["sub_event_type"] for e in extract_events(sentence, PUB)] == expected


def test_an_event_named_again_to_frame_it_is_not_a_new_one():
    text = ("Warplanes struck the city of Kandahar on Tuesday, killing five people, officials said. The strikes came as "
            "government forces pushed into the province of Helmand. Shops closed. Schools closed.")
    strikes = [e for e in extract_events(text, PUB) if e["sub_event_type"] == "Air/drone strike"]
    assert [e["location"]["name"] for e in strikes] == ["Kandahar"]


@pytest.mark.parametrize("sentence", [
    "Residents of a village near Cochabamba beat and burned two men accused of stealing a car on Tuesday, police said.",
    "Angry villagers near Cochabamba stoned two suspected robbers on Tuesday, police said.",
])
def test_residents_who_beat_or_burn_people_are_a_mob(sentence):
    assert [e["sub_event_type"] for e in extract_events(sentence, PUB)] == ["Mob violence"]


def test_an_undated_event_after_the_dated_lede_is_of_the_ledes_day():
    text = ("Police fired tear gas at protesters in Nairobi on Monday, witnesses said. Protesters blocked roads with burning "
            "tyres in the city of Mombasa. Shops closed. Schools closed.")
    days = {e["location"]["name"]: e["event_date"] for e in extract_events(text, PUB)}
    assert days == {"Nairobi": "2019-03-04", "Mombasa": "2019-03-04"}


def test_weapons_recovered_after_a_firefight_are_the_fights_not_a_seizure():
    text = ("Troops killed five rebels in a clash in the mountains on Tuesday, the army said. Soldiers recovered rifles "
            "and explosives at the site after the firefight near the city of Davao, a spokesman said. No soldiers were hurt. "
            "Schools closed.")
    assert [e["sub_event_type"] for e in extract_events(text, PUB)] == ["Armed clash"]


def test_the_group_a_regional_lede_names_is_the_actor_of_the_event_the_body_places():
    text = ("Al-Shabaab fighters attacked a military base in Somalia's Middle Shabelle region on Sunday, killing ten soldiers, "
            "officials said. The militants stormed the base on the outskirts of the town of Jowhar at dawn, a commander said. "
            "Shops closed. Schools closed.")
    events = [e for e in extract_events(text, PUB) if e["event_type"] == "Battles"]
    assert [(e["location"]["name"], e["actor1"]["name"]) for e in events] == [("Jowhar", "Al Shabaab")]


def test_gunmen_who_opened_fire_in_a_bar_attacked_it():
    text = ("Armed men opened fire in a bar in Mexico's Guanajuato state late on Saturday, killing 12 people, prosecutors said. "
            "The gunmen fired indiscriminately at customers in the city of Celaya, prosecutors said. Shops closed. Schools closed.")
    assert [(e["sub_event_type"], e["location"]["name"]) for e in extract_events(text, PUB)] == [("Attack", "Celaya")]


def test_where_the_attacks_took_place_is_where_the_event_just_told_happened():
    text = ("Soldiers raped at least 15 women in South Sudan last week, the United Nations said on Tuesday. The UN mission said "
            "the attacks took place near the town of Bentiu as the women were collecting firewood. An inquiry was opened. "
            "Schools closed.")
    assert [(e["sub_event_type"], e["location"]["name"]) for e in extract_events(text, PUB)] == [("Sexual violence", "Bentiu")]


def test_gunmen_who_opened_fire_on_teachers_retold_in_the_district_are_the_ledes_attack():
    text = ("Suspected insurgents shot dead two teachers in Thailand's southern province of Pattani on Monday, police said. "
            "The teachers were riding to their school in Yarang district when gunmen opened fire from a pickup truck, police "
            "said. Schools closed. Shops closed.")
    assert [(e["sub_event_type"], e["location"]["name"]) for e in extract_events(text, PUB)] == [("Attack", "Yarang")]


def test_a_governor_who_condemned_the_attack_reports_no_new_one():
    text = ("Gunmen attacked a church in the city of Akure on Sunday, killing 30 worshippers, a lawmaker said. Lagos state "
            "governor condemned the attack as vile. Shops closed. Schools closed.")
    assert [e["sub_event_type"] for e in extract_events(text, PUB)] == ["Attack"]


def test_protesters_who_clash_with_security_forces_are_a_violent_demonstration():
    events = extract_events("Protesters in the capital Conakry set fire to a government building and clashed with security "
                            "forces on Tuesday, witnesses said.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Violent demonstration"]


def test_police_who_say_two_communities_fought_are_not_a_side():
    events = extract_events("Police said members of the Pokot and Turkana communities fought over cattle near the city of "
                            "Lodwar on Tuesday. Six people died. Schools closed. Shops closed.", PUB)
    assert [(e["sub_event_type"], e["actor1"]["inter"], e["actor2"]["inter"]) for e in events] == [("Armed clash", 4, 4)]


def test_a_gang_that_shot_dead_police_officers_fought_the_state_and_its_name_counts_no_dead():
    [event] = extract_events("Suspected members of the MS-13 gang shot dead two police officers at a checkpoint in the city of "
                             "San Pedro Sula on Tuesday, police said.", PUB)
    assert (event["sub_event_type"], event["actor2"]["inter"], event["fatalities"]["best"]) == ("Armed clash", 1, 2)


def test_a_ledes_toll_of_one_side_and_the_bodys_of_the_other_are_the_events_dead():
    text = ("The army said on Monday it had repelled an attack on a military post in Nigeria's Borno state, killing 79 "
            "assailants. Seventeen soldiers were killed in the attack on Sunday near the city of Maiduguri, the defence "
            "ministry said. Shops closed. Schools closed.")
    [event] = [e for e in extract_events(text, PUB) if e["sub_event_type"] == "Armed clash"]
    assert (event["location"]["name"], event["fatalities"]["best"]) == ("Maiduguri", 96)


def test_a_ledes_toll_of_people_may_count_the_soldiers_the_body_names():
    text = ("Gunmen attacked a military post in Nigeria's Borno state on Sunday, killing 20 people, officials said. "
            "Seventeen soldiers were killed in the attack near the city of Maiduguri, the army said. Shops closed. "
            "Schools closed.")
    [event] = [e for e in extract_events(text, PUB) if e["event_type"] in ("Battles", "Violence against civilians")]
    assert event["fatalities"]["best"] in (17, 20)      # one count or the other, never both added (37)


def test_an_overnight_attack_told_on_a_named_day_is_of_that_night():
    text = ("Gunmen killed 11 people in an overnight attack on a village near the city of Bujumbura, officials said on "
            "Monday. The attackers raided homes in the village of Rukana before fleeing, the governor said. Eight others "
            "were wounded. No group claimed the attack.")
    [event] = extract_events(text, PUB)
    assert event["event_date"] == "2019-03-04"        # PUB is Wednesday; "said on Monday"


@pytest.mark.parametrize("text", [
    "Gunmen opened fire on customers after they entered a bar in Guadalajara on Saturday, killing nine people.",
    "Armed men entered the village near Maiduguri on Tuesday night, burned homes and abducted twelve women.",
])
def test_men_who_enter_a_building_or_raid_a_village_take_no_territory(text):
    events = extract_events(text, "2019-03-06")
    assert events and all(e["sub_event_type"] != "Non-state actor overtakes territory" for e in events)


def test_fighters_who_enter_a_town_and_hold_it_still_take_it():
    [event] = extract_events("Rebel fighters entered the town of Kidal on Tuesday and raised their flag over the governor's office.", "2019-03-06")
    assert event["sub_event_type"] == "Non-state actor overtakes territory"


def test_two_states_named_as_the_subject_of_strikes_are_state_forces_the_first_leading():
    [event] = extract_events("France and Britain launched strikes on militant targets near Tripoli on Tuesday, officials said.", "2019-03-06")
    assert event["actor1"]["name"] == "Military Forces of France"
    assert event["sub_event_type"] == "Air/drone strike"


def test_a_country_after_and_in_a_list_of_places_is_no_actor():
    actors = find_actors("Fighting in Syria and Iraq hit the border towns hard, officials said.")
    assert not any(a.actor.name.startswith("Military Forces") for a in actors)


def test_why_an_attack_told_was_done_is_not_a_new_attack():
    text = ("Militants fired rockets at an army base near Kandahar on Monday, killing two soldiers, officials said. "
            "A spokesman for the group said the attack was in retaliation for raids on villages in Kunar. "
            "The army said it would respond. No other details were given.")
    events = extract_events(text, "2019-03-06")
    assert [e["location"]["name"] for e in events] == ["Kandahar"]


@pytest.mark.parametrize("text", [
    "Gunmen shot dead six people at a market in Culiacan on Friday, prosecutors said. "
    "Sinaloa has been violent for years as two factions of the cartel fight over drug routes. No arrests were made. Police patrols increased.",
    "Gunmen shot dead six people at a market in Culiacan on Friday, prosecutors said. "
    "Rival gangs battle for control of the city's drug trade. No arrests were made. Police patrols increased.",
])
def test_groups_that_fight_over_a_prize_in_the_present_are_a_rivalry_not_a_battle(text):
    events = extract_events(text, "2019-03-06")
    assert [e["sub_event_type"] for e in events] == ["Attack"]


def test_the_body_that_says_when_the_attack_happened_dates_the_ledes_event():
    text = ("Gunmen killed at least seven farmers in an attack on a village near Maiduguri, local officials said on Friday. "
            "The attack happened on Wednesday night when the gunmen arrived on motorcycles, residents said. "
            "The army sent troops to the area. Nobody claimed it.")
    [event] = extract_events(text, "2019-03-08")      # a Friday
    assert (event["event_date"], event["date_precision"]) == ("2019-03-06", 1)


def test_homes_burned_by_the_men_who_abduct_villagers_are_part_of_the_abduction():
    events = extract_events("Armed men burned homes and abducted 30 villagers in a village near Katsina on Tuesday, police said.",
                            "2019-03-08")
    assert [e["sub_event_type"] for e in events] == ["Abduction/forced disappearance"]


def test_a_brief_of_three_sentences_keeps_to_the_place_it_named():
    text = ("Police fired tear gas at thousands of protesters outside parliament in Belgrade on Sunday night. "
            "The interior ministry said 40 people were detained.")
    events = extract_events(text, "2019-03-06")
    arrests = [e for e in events if e["sub_event_type"] == "Arrests"]
    assert arrests and arrests[0]["location"]["name"] == "Belgrade"
    assert arrests[0]["actor1"]["name"] == "Police Forces of Serbia"


def test_a_town_taken_after_fighting_and_entered_after_the_soldiers_left_changed_hands_once():
    text = ("Rebels have captured the town of Kidal after heavy fighting with the army, residents said on Monday. "
            "The rebels entered the town on Sunday evening after the soldiers withdrew, a local official said. "
            "The army did not comment. Thousands of residents fled.")
    events = extract_events(text, "2019-03-04")
    assert [(e["sub_event_type"], e["event_date"]) for e in events] == [("Non-state actor overtakes territory", "2019-03-03")]


def test_the_day_of_a_relative_clauses_deed_does_not_date_the_event():
    events = extract_events("Militants beheaded a farmer they had abducted last month near Pinamar, police said on Sunday.", "2019-03-06")
    assert events and all(e["event_date"] != "2019-02-15" for e in events)


def test_where_the_ledes_victim_was_found_is_the_events_place():
    text = ("Militants beheaded a farmer they had abducted, the army said on Sunday. "
            "The man's body was found on Saturday in the town of Maiduguri, a spokesman said. "
            "He had been missing for a week. The army launched a search for the killers.")
    [event] = extract_events(text, "2019-03-06")
    assert event["location"]["name"] == "Maiduguri"


def test_a_riot_in_a_prison_is_mob_violence_not_a_demonstration():
    events = extract_events("At least nine inmates were killed in a riot at a prison in Manaus on Sunday, officials said.", "2019-03-06")
    assert [e["sub_event_type"] for e in events] == ["Mob violence"]


def test_rival_gangs_that_fought_before_police_came_are_the_two_sides():
    [event] = extract_events("Rival gangs fought with guns inside a prison in Manaus on Sunday before police and soldiers regained control.",
                             "2019-03-06")
    assert event["actor1"]["inter"] == 3 and event["actor2"]["inter"] == 3


def test_the_attackers_told_again_in_a_village_of_the_ledes_region_place_the_ledes_event():
    text = ("Jihadists stormed an army base in Nigeria's Borno state on Friday, killing at least 12 soldiers, officials said. "
            "The militants first detonated a car bomb at the gate of the base in the town of Monguno before gunmen forced their way inside. "
            "The army said it repelled the attack. Reinforcements arrived later.")
    events = extract_events(text, "2019-03-08")
    assert [(e["location"]["name"], e["fatalities"]["best"]) for e in events] == [("Monguno", 12)]


def test_peacekeepers_ambushed_by_no_one_named_then_blamed_on_a_group():
    text = ("Two UN peacekeepers were killed when their convoy was ambushed near Bangui on Friday, the UN mission said. "
            "The mission blamed the attack on anti-balaka militiamen. "
            "The convoy was returning to base. Troops searched the area.")
    [event] = extract_events(text, "2019-03-08")
    assert event["actor1"]["name"] != "Military Forces of Central African Republic"
    assert event["actor1"]["inter"] in (3, 4)


def test_peacekeepers_ambushed_by_no_one_named_are_not_fought_by_the_host_state():
    [event] = extract_events("Two UN peacekeepers were killed when their convoy was ambushed near Bangui on Friday.", "2019-03-08")
    assert event["actor1"]["name"] == "Unidentified armed group"


def test_people_killed_in_clashes_between_two_named_sides_leave_the_sides_as_named():
    [event] = extract_events("At least 30 people were killed in clashes between the army and the Rapid Support Forces in El Fasher on Sunday.",
                             "2024-05-06")
    assert (event["actor1"]["name"], event["actor2"]["name"]) == ("Military Forces of Sudan", "Rapid Support Forces")


def test_civilians_killed_in_shelling_between_two_sides_stay_its_victims():
    [event] = extract_events("Twenty people including women and children were killed in mutual shelling between the army and "
                             "the Rapid Support Forces in El Fasher on Sunday.", "2024-05-06")
    assert event["actor2"]["inter"] == 7


def test_police_who_break_up_a_rally_intervene_in_a_protest():
    events = extract_events("In Lahore, police used batons to break up a rally by opposition supporters on Sunday, injuring 15 people.", "2019-03-06")
    assert [e["sub_event_type"] for e in events] == ["Protest with intervention"]


def test_an_event_of_an_earlier_month_named_by_its_period_is_not_told_again():
    text = ("Thousands of students marched in Dhaka on Sunday demanding justice for classmates killed during last month's crackdown. "
            "The march was peaceful. It ended at a monument. Organisers called another march.")
    events = extract_events(text, "2019-03-06")
    assert [e["sub_event_type"] for e in events] == ["Peaceful protest"]


def test_the_rally_named_again_is_the_protest_told():
    text = ("Thousands of teachers rallied outside the statehouse in Denver on Tuesday to demand better pay. "
            "Many teachers from schools near Pueblo left before dawn for the rally, one of them said. "
            "The governor did not meet them. Schools were closed.")
    events = extract_events(text, "2019-03-06")
    assert [e["location"]["name"] for e in events] == ["Denver"]


def test_protests_as_the_backdrop_of_other_news_are_no_protest():
    text = ("Stocks fell sharply in Bangkok on Monday amid worsening protests in the city, traders said. "
            "The index closed down two percent. Banks led the losses. Volumes were thin.")
    assert extract_events(text, "2019-03-06") == []


def test_a_charge_of_alleged_assaults_is_no_event_told():
    text = ("Opposition senators led a protest march to the electoral commission in Abuja on Friday. "
            "Police later summoned two senators over alleged assaults on officers and destruction of police property. "
            "The senators denied wrongdoing. Their party called the summons harassment.")
    events = extract_events(text, "2019-03-06")
    assert [e["sub_event_type"] for e in events] == ["Peaceful protest"]


def test_security_forces_that_clash_with_protesting_supporters_meet_a_riot_not_a_battle():
    events = extract_events("One man was shot dead in Conakry on Tuesday as security forces clashed with opposition supporters "
                            "protesting against the government.", "2019-03-06")
    assert [e["sub_event_type"] for e in events] == ["Violent demonstration"]
    assert events[0]["actor2"]["name"] == "Military Forces of Guinea"


def test_one_demonstration_told_in_the_city_and_then_in_its_suburb_is_one_event():
    text = ("One man was shot dead in Conakry on Tuesday as security forces clashed with opposition supporters protesting "
            "against the government. Witnesses said police fired live rounds and tear gas at young people in the suburb of Ratoma. "
            "The opposition had called for the protests despite a ban on demonstrations. Shops stayed closed.")
    events = extract_events(text, "2019-03-06")
    assert len(events) == 1 and events[0]["fatalities"]["best"] == 1
    # the crowd is one side (first, or second after the force that fired on it: ACLED's order for excessive force)
    crowd = {"Violent demonstration": "Rioters (Guinea)"}.get(events[0]["sub_event_type"], "Protesters (Guinea)")
    assert crowd in (events[0]["actor1"]["name"], events[0]["actor2"]["name"])


def test_a_claim_a_few_sentences_after_the_attack_names_who_did_it():
    text = ("A suicide bomber blew himself up inside a mosque in Kunduz during Friday prayers, killing at least 12 worshippers. "
            "The explosion tore through the mosque at about 1:30 p.m. local time. "
            "A police spokesman said the toll was likely to rise. "
            "The Islamic State Khorasan Province claimed the attack in a statement. Officials opened an investigation.")
    [event] = extract_events(text, "2021-10-08")
    assert event["actor1"]["name"] == "Islamic State Khorasan Province"


@pytest.mark.parametrize("text", ["Burundi has seen several grenade attacks in recent months, which the government blames on rebels.",
                                  "The province has witnessed a wave of bombings this year."])
def test_a_place_that_has_seen_several_attacks_is_a_summary_not_an_event(text):
    assert extract_events(text, "2019-03-06") == []


def test_armed_youths_are_a_communal_militia_not_rioters():
    [event] = extract_events("Armed youths looted shops and set fire to homes in Yambio on Saturday, local officials said.", "2019-03-06")
    assert event["actor1"]["inter"] == 4


def test_violence_that_pitted_two_peoples_militias_against_each_other_is_their_clash():
    [event] = extract_events("At least five people were killed in Yambio in the violence, which pitted Zande and Balanda militias "
                             "against each other, officials said.", "2019-03-06")
    assert (event["sub_event_type"], event["actor1"]["inter"], event["actor2"]["inter"], event["fatalities"]["best"]) == ("Armed clash", 4, 4, 5)


def test_gunfire_exchanged_between_two_armed_groups_is_their_clash():
    [event] = extract_events("Heavy gunfire was exchanged between two armed groups in the hills of Manipur on Friday, "
                             "police said, leaving three dead.", "2019-03-09")
    assert (event["sub_event_type"], event["actor1"]["inter"], event["actor2"]["inter"], event["fatalities"]["best"]) == ("Armed clash", 3, 3, 3)


@pytest.mark.parametrize("second, kind", [
    ("Police said about 2,000 tractors were involved and that 15 protesters were arrested in Toulouse.", "Protest with intervention"),
    ("An activist told Reuters that 30 men were executed in the town of Hajin when the militants stormed it.", "Attack"),
])
def test_what_a_speaker_says_were_done_is_no_relative_clause_of_the_past(second, kind):
    text = ("Farmers blocked roads around Paris with tractors on Monday. " + second +
            " The union said the protests would go on. Ministers met its leaders.")
    assert kind in [e["sub_event_type"] for e in extract_events(text, "2019-03-06")]


def test_more_dead_told_by_a_spokesman_add_to_the_event_and_a_death_by_accident_does_not():
    text = ("The army said today that soldiers killed at least 20 rebels in fighting in the district of Vavuniya. "
            "A military spokesman said two soldiers were also killed in the clashes on Tuesday. "
            "It said a third soldier also died in a road accident. The rebels could not be reached.")
    [event] = extract_events(text, "2008-05-16")
    assert event["fatalities"]["best"] == 22


def test_where_a_spokesman_told_reporters_is_not_where_the_event_was():
    text = ("Rebels killed 12 people in an overnight raid on a refugee settlement in Uganda's Adjumani district, police said. "
            "The attackers abducted at least 15 children, a police spokesman told reporters in Kampala. "
            "The army sent troops. The rebels fled.")
    assert {e["location"]["name"] for e in extract_events(text, "2008-05-16")} == {"Adjumani"}


def test_rescuers_who_count_the_dead_of_a_strike_do_not_make_the_story_a_disaster():
    text = ("Warplanes pounded the town of Maarat al-Numan on Tuesday, killing at least 12 civilians, rescuers said. "
            "The strikes hit a market. "
            "Meanwhile, rebels shelled the town of Suqaylabiyah in Hama province, killing two people, state media reported.")
    kinds = {e["sub_event_type"] for e in extract_events(text, "2019-10-19")}
    assert kinds == {"Air/drone strike", "Shelling/artillery/missile attack"}


def test_a_force_that_declared_victory_after_capturing_a_village_took_it_from_the_group_it_beat():
    [event] = extract_events("The Syrian Democratic Forces declared victory over the Islamic State group on Saturday after "
                             "capturing its last pocket of territory in the village of Baghuz.", "2019-03-23")
    assert (event["actor1"]["name"], event["actor2"]["name"]) == ("Syrian Democratic Forces", "Islamic State")
    assert event["location"]["admin1"] == "Deir ez Zor"


def test_a_states_targets_struck_make_its_forces_the_target():
    [event] = extract_events("Israeli warplanes struck Iranian targets near Damascus overnight, the military said on Monday.", "2019-01-21")
    assert event["actor2"]["name"] == "Military Forces of Iran"


def test_a_briefs_clashes_placed_in_a_village_of_the_ledes_region_are_the_ledes_with_its_sides():
    text = ("At least 10 people were killed on Sunday in clashes between Dogon hunters and Fulani herders in the central "
            "Malian region of Mopti, local sources said. "
            "The clashes broke out in the village of Ogossagou after a dispute over grazing land, an official said.")
    [event] = extract_events(text, "2019-03-26")
    assert event["location"]["name"] == "Ogossagou" and event["actor1"]["inter"] == 4 and event["fatalities"]["best"] == 10


def test_more_dead_in_another_town_are_the_same_kind_of_attack_there():
    text = ("Russian shelling killed five civilians across southern Ukraine on Saturday, officials said. "
            "Two people were killed when shells hit residential areas of the city of Kherson, the governor said. "
            "Three more were killed in Nikopol, the regional governor said. Air defences shot down several drones.")
    events = {e["location"]["name"]: e for e in extract_events(text, "2024-05-12")}
    assert events["Nikopol"]["sub_event_type"] == "Shelling/artillery/missile attack"
    assert events["Nikopol"]["fatalities"]["best"] == 3 and events["Kherson"]["fatalities"]["best"] == 2


def test_supporters_of_rival_candidates_who_clash_are_a_mob_not_armies():
    text = ("Three people were killed in clashes between supporters of rival candidates in the town of Kakamega on Tuesday, "
            "a day after a by-election, police said. "
            "Supporters armed with machetes fought in the town centre for hours before police fired tear gas to disperse them.")
    events = extract_events(text, "2019-03-06")
    assert [(e["sub_event_type"], e["actor1"]["inter"]) for e in events] == [("Mob violence", 5)]


def test_armed_robbers_shot_dead_by_police_are_a_gang_and_counted():
    [event] = extract_events("Police shot dead four suspected armed robbers in a gunfight in Lagos on Saturday, a spokesman said.", "2019-03-06")
    assert (event["actor2"]["inter"], event["fatalities"]["best"]) == (3, 4)
    assert event["actor2"]["name"] != "Opposition rebels"


def test_a_former_prime_minister_arrested_after_a_court_sentenced_him_is_an_arrest():
    [event] = extract_events("Police arrested former Prime Minister Nawaz Sharif at his home in Lahore on Saturday, hours after "
                             "a court sentenced him to prison for corruption.", "2019-03-06")
    assert event["sub_event_type"] == "Arrests"


def test_grenades_listed_in_a_seized_cache_are_no_grenade_attack():
    events = extract_events("Soldiers recovered a cache of arms, including rifles and grenades, during a search operation "
                            "in the Kupwara district on Wednesday, police said.", "2019-03-06")
    assert [e["sub_event_type"] for e in events] == ["Disrupted weapons use"]


def test_police_firing_on_workers_demanding_wages_is_force_against_a_protest():
    [event] = extract_events("Police opened fire on thousands of garment workers demanding higher wages in Gazipur on Monday, "
                             "killing one worker, officials said.", "2019-03-06")
    assert event["sub_event_type"] == "Excessive force against protesters"


def test_the_attack_happened_in_a_district_of_the_ledes_province_places_it_there():
    text = ("Insurgents detonated a roadside bomb under an army patrol in Narathiwat province on Thursday, killing two soldiers, police said. "
            "The attack happened in the Rueso district, a police colonel said. "
            "Security was tightened. No group claimed it.")
    [event] = extract_events(text, "2019-03-08")
    assert "Rueso" in event["location"]["name"]


def test_homes_burned_by_the_killers_of_women_and_children_are_part_of_the_killing():
    events = extract_events("Gang members killed at least 20 people, including women and children, and burned dozens of homes "
                            "in Port-au-Prince over the weekend, a rights group said.", "2019-03-06")
    assert [e["sub_event_type"] for e in events] == ["Attack"]


def test_gunfire_and_explosives_at_a_church_are_one_attack_and_the_governors_words_none():
    text = ("Gunmen opened fire and detonated explosives at a church in the town of Owo during Sunday mass, killing dozens of "
            "worshippers, officials said. The state governor called the attack vile. "
            "Police said the attackers fled on motorcycles. Hospitals appealed for blood.")
    assert [e["sub_event_type"] for e in extract_events(text, "2022-06-06")] == ["Attack"]


def test_a_brief_keeps_to_its_place_for_a_mention_placed_only_in_the_country():
    text = ("Paramilitary fighters killed at least 40 villagers in an attack on the village of Wad Madani in Sudan on Wednesday, "
            "a local committee said. The committee said the fighters shelled Sudan's villages heavily.")
    assert {e["location"]["country_code"] for e in extract_events(text, "2024-06-07")} == {"SD"}
    assert all(e["location"]["admin1"] for e in extract_events(text, "2024-06-07"))


def test_militants_who_storm_a_police_station_fight_the_police_not_riot():
    [event] = extract_events("Militants stormed a police station in the town of Sheikh Zuweid early on Monday, killing five policemen, "
                             "security sources said.", "2019-03-06")
    assert (event["sub_event_type"], event["actor2"]["name"]) == ("Armed clash", "Police Forces of Egypt")


def test_where_an_attack_stands_in_a_series_is_not_another_attack():
    text = ("Gunmen ambushed an aid convoy near the town of Bor on Tuesday, killing two drivers, the agency said. "
            "A third driver was missing. The attack was the third on aid workers in the area this month.")
    assert len(extract_events(text, "2019-03-06")) == 1


def test_an_aid_convoy_ambushed_by_gunmen_of_a_community_is_their_militias_attack_on_civilians():
    [event] = extract_events("A convoy carrying food aid was ambushed on Tuesday near the town of Bor by gunmen believed to be "
                             "from the Murle community, the agency said, killing two drivers.", "2019-03-06")
    assert (event["sub_event_type"], event["actor1"]["inter"], event["actor2"]["inter"]) == ("Attack", 4, 7)


def test_protesters_who_burn_offices_after_a_soldier_shot_a_man_are_a_riot_and_the_shooting_its_own_event():
    text = ("Hundreds of protesters set fire to the offices of the ruling party in the city of Moundou on Thursday, after a young "
            "man was shot dead by a soldier, residents said. Security forces fired tear gas to disperse the crowd.")
    events = {e["sub_event_type"]: e for e in extract_events(text, "2019-03-08")}
    assert events["Violent demonstration"]["fatalities"] is None
    assert events["Violent demonstration"]["actor2"]["inter"] == 1
    assert events["Attack"]["fatalities"]["best"] == 1


def test_where_the_bodies_of_victims_killed_in_a_region_were_found_places_the_killing():
    text = ("Two journalists were shot dead in the western Mexican state of Michoacan on Tuesday, prosecutors said. "
            "The bodies of the reporters, who worked for a local website, were found in a car near the town of Zitacuaro. "
            "Press groups condemned the killings. Police opened an inquiry.")
    [event] = extract_events(text, "2019-03-08")
    assert event["location"]["name"] == "Zitacuaro"


def test_a_demonstration_that_turned_violent_in_a_later_sentence_has_rioters():
    text = ("Police used water cannon on Thursday night to disperse thousands of protesters outside parliament in Tbilisi. "
            "Protesters threw stones at riot police. The ministry said 40 people were detained. Talks were suspended.")
    [event] = [e for e in extract_events(text, "2019-03-08") if e["sub_event_type"] == "Violent demonstration"]
    assert (event["actor1"]["name"], event["actor1"]["inter"]) == ("Rioters (Georgia)", 5)


def test_passengers_rescued_after_being_kidnapped_are_no_new_abduction():
    text = ("Troops rescued 20 passengers kidnapped by bandits on a highway in Kaduna state, the army said on Tuesday. "
            "Three bandits were killed in a gunfight during the rescue operation in the Birnin Gwari area, a spokesman said.")
    assert [e["sub_event_type"] for e in extract_events(text, "2019-03-06")] == ["Armed clash"]


@pytest.mark.parametrize("text, kind", [
    ("The army withdrew from the town of Mopti on Sunday, handing control to local militias, officials said.", "Non-violent transfer of territory"),
    ("Militants set up checkpoints and a new base in the town of Palma on Sunday, residents said.", "Headquarters or base established"),
])
def test_handing_control_and_setting_up_checkpoints_are_strategic_developments(text, kind):
    assert [e["sub_event_type"] for e in extract_events(text, "2019-03-06")] == [kind]


def test_an_attack_remembered_at_a_memorial_is_no_event_of_today():
    text = ("Thousands gathered in the town of Halabja on Saturday to mark the anniversary of the 1988 chemical attack. "
            "Mourners laid wreaths at a memorial to the victims, who died when warplanes dropped mustard gas on the town. "
            "Officials called for compensation for the survivors.")
    assert all(e["sub_event_type"] not in ("Chemical weapon", "Air/drone strike") for e in extract_events(text, "2023-03-18"))


def test_the_capitals_storming_of_parliament_stays_in_the_capital_and_other_cities_protests_are_their_own():
    text = ("Protesters stormed Kenya's parliament in Nairobi on Tuesday and set part of the building on fire, as police "
            "opened fire on crowds outside, killing at least five people, witnesses said. "
            "Lawmakers had just passed a finance bill. Demonstrations also took place in Mombasa, where police used tear gas.")
    events = {e["location"]["name"]: e for e in extract_events(text, "2024-06-26")}
    assert events["Nairobi"]["fatalities"]["best"] == 5
    assert events["Mombasa"]["fatalities"] is None


def test_people_abducted_in_an_attack_are_not_counted_among_its_dead():
    from pipeline.extract.numbers import fatalities
    assert fatalities("Gunmen stormed a village on Sunday, killing at least 12 people and abducting dozens of others.") == 12
    assert fatalities("Gunmen raided the market, killing nine traders and kidnapping 30 others, police said.") == 9


def test_a_local_government_area_is_a_place_not_the_state_forces():
    text = "The attackers opened fire on residents in a village of Gusau local government area, police said."
    government = [a for a in find_actors(text) if a.text == "government"]
    assert government and all(a.role == "attributive" for a in government)


_VILLAGE_NEAR_A_CITY = ("Gunmen killed eight people in an attack on a village near Kaduna on Sunday, residents said. "
                       "The gunmen opened fire on worshippers outside a church in the village of Kurmin, police spokesman "
                       "John Musa said in a statement on Monday. Troops were deployed to the area. "
                       "Residents said the attackers fled into a forest.")


def test_the_day_a_statement_was_issued_does_not_redate_the_attack_the_lede_dated():
    events = extract_events(_VILLAGE_NEAR_A_CITY, "2019-03-12")
    assert [(e["sub_event_type"], e["event_date"], e["fatalities"]["best"]) for e in events] == [("Attack", "2019-03-10", 8)]


def test_a_village_the_gazetteer_lacks_is_placed_near_the_town_the_lede_put_the_attack_near():
    [event] = extract_events(_VILLAGE_NEAR_A_CITY, "2019-03-12")
    assert (event["location"]["name"], event["location"]["admin1"]) == ("Kurmin", "Kaduna")


def test_the_dead_of_an_active_killing_verb_are_counted_but_a_part_of_a_passive_toll_is_not():
    from pipeline.extract.numbers import fatalities
    assert fatalities("Soldiers returned fire and killed three of the attackers.") == 3
    assert fatalities("Gunmen fired on the crowd, killing 4 of them and wounding 20.") == 4
    assert fatalities("In the fighting 12 people were killed three of them medics.") == 12


def test_arrests_where_a_demonstration_took_place_are_an_intervention_in_it():
    text = ("Thousands of people marched in Nairobi on Tuesday against new taxes, and police fired tear gas at them. "
            "Demonstrations also took place in Mombasa, where police arrested several people. "
            "The finance bill was passed last week. Opposition leaders called for more protests.")
    mombasa = [e for e in extract_events(text, "2019-03-06") if e["location"]["name"] == "Mombasa"]
    assert [(e["sub_event_type"], e["actor2"]["name"]) for e in mombasa] == [("Protest with intervention", "Police Forces of Kenya")]


def test_the_subject_of_a_when_clause_is_the_agent_not_an_object_of_the_passive_before_it():
    text = ("Six civilians, among them three children, were killed on Monday when government forces shelled the town of "
            "Maarat al-Numan in Idlib province, rescuers said. Shells hit a market. Residents fled. Schools were closed.")
    [event] = [e for e in extract_events(text, "2019-03-06") if e["sub_event_type"] == "Shelling/artillery/missile attack"]
    assert (event["actor1"]["name"], event["actor2"]["name"]) == ("Military Forces of Syria", "Civilians (Syria)")


def test_a_group_and_others_named_with_it_in_a_when_clause_are_one_subject():
    text = ("Nine civilians were killed on Monday when Nusra Front fighters and other armed groups fired rockets at "
            "residential areas of Aleppo city, state media said. Hospitals received dozens of wounded. Schools closed. "
            "The army said it would respond.")
    [event] = [e for e in extract_events(text, "2019-03-06") if e["sub_event_type"] == "Shelling/artillery/missile attack"]
    assert (event["actor1"]["name"], event["actor2"]["name"]) == ("Al Nusra Front", "Civilians (Syria)")


@pytest.mark.parametrize("text, group", [
    ("The Syrian Democratic Forces arrested six suspected Islamic State members in a raid in the city of Raqqa on Monday, "
     "the group said. Weapons were seized. The suspects were taken to a prison. Officials said the cell planned attacks.",
     "Syrian Democratic Forces"),
    ("Houthi forces arrested dozens of people in Sanaa on Monday, a rights group said. The detainees were taken to an "
     "unknown location. Their families appealed for information. The Houthis did not comment.", "Houthis"),
])
def test_a_group_that_governs_its_territory_is_who_made_its_arrests(text, group):
    arrests = [e for e in extract_events(text, "2019-03-06") if e["sub_event_type"] == "Arrests"]
    assert [e["actor1"]["name"] for e in arrests] == [group]


def test_a_guided_bomb_is_dropped_from_the_air():
    text = ("A guided bomb hit a hospital in the city of Kherson on Monday, killing two nurses, the regional governor said. "
            "Rescuers searched the rubble. The hospital was closed. Patients were moved to other cities.")
    assert [e["sub_event_type"] for e in extract_events(text, "2023-11-22")] == ["Air/drone strike"]


def test_people_named_before_a_strike_on_a_war_front_do_not_hide_the_invader():
    text = ("Two people died when a drone struck a bus in the city of Kherson on Monday, the regional governor said. "
            "Rescuers worked through the night. The bus station was closed. Schools moved online.")
    [event] = extract_events(text, "2023-11-22")
    assert (event["actor1"]["name"], event["actor2"]["name"]) == ("Military Forces of Russia", "Civilians (Ukraine)")


def test_its_forces_belong_to_the_country_whose_ministry_speaks():
    text = ("Russia's Defense Ministry said its forces had captured the village of Avdiivka in the Donetsk region on Monday. "
            "Ukraine did not confirm the claim. Fighting continued nearby. Residents fled.")
    [event] = [e for e in extract_events(text, "2023-11-22") if "territory" in e["sub_event_type"]]
    assert event["actor1"]["name"] == "Military Forces of Russia"


def test_the_attack_named_again_with_its_place_is_the_air_strike_of_the_lede():
    text = ("An air strike by Myanmar's military on a village in the country's northwest killed at least 20 people, "
            "residents said on Friday. The attack on Thursday hit the village of Pazigyi in Sagaing region while people "
            "gathered at a ceremony. The military did not comment. Aid groups condemned the killings.")
    events = extract_events(text, "2023-11-17")
    assert [(e["sub_event_type"], e["actor1"]["name"], e["fatalities"]["best"], e["event_date"]) for e in events] \
        == [("Air/drone strike", "Military Forces of Myanmar", 20, "2023-11-16")]


def test_a_convoy_said_to_be_attacked_after_a_lede_on_an_ambush_is_that_battle():
    text = ("Suspected jihadists killed 12 soldiers in an ambush on an army convoy in northern Burkina Faso on Monday, "
            "security sources said. The convoy was attacked near the town of Djibo, two sources said. "
            "Reinforcements were sent. The army did not comment.")
    events = extract_events(text, "2023-11-22")
    assert [(e["sub_event_type"], e["location"]["name"], e["fatalities"]["best"]) for e in events] == [("Armed clash", "Djibo", 12)]


def test_an_exchange_of_fire_between_armed_miscreants_has_them_on_both_sides():
    text = ("Two persons were killed in an exchange of fire between armed miscreants in the city of Imphal on Thursday, police said. "
            "Security forces rushed to the spot. Shops were closed. The situation was tense.")
    [event] = extract_events(text, "2023-11-22")
    assert (event["actor1"]["name"], event["actor2"]["name"]) == ("Unidentified armed group", "Unidentified armed group")


def test_the_weapon_the_body_names_for_the_ledes_attack_in_a_region_is_that_attack():
    text = ("Three soldiers were killed on Sunday in an attack by rebels on an army patrol in the northern province of "
            "Cauca, the army said. The rebels detonated explosives as the patrol passed near the town of Suarez, the army "
            "said in a statement. The president condemned the attack. Peace talks were suspended.")
    events = extract_events(text, "2024-07-16")
    assert [(e["sub_event_type"], e["location"]["name"], e["fatalities"]["best"]) for e in events] \
        == [("Remote explosive/landmine/IED", "Suarez", 3)]


def test_a_killing_in_a_raid_whose_forces_came_under_fire_and_fired_back_is_a_clash():
    text = ("Israeli forces killed two Palestinians during a raid in the city of Nablus in the occupied West Bank on Tuesday, "
            "the health ministry said. The Israeli military said its soldiers came under fire during the operation and "
            "returned fire. Shops were closed. Funerals were held in the evening.")
    [event] = extract_events(text, "2024-07-17")
    assert (event["sub_event_type"], event["actor1"]["name"], event["fatalities"]["best"]) == ("Armed clash", "Military Forces of Israel", 2)


def test_a_raid_the_lede_told_as_an_attack_on_displaced_people_stays_an_attack_on_civilians():
    text = ("Militiamen killed at least 30 people in an attack on a displacement camp in Congo's Ituri province, officials said. "
            "Fighters from the CODECO militia raided the Rhoe camp in Djugu territory late on Tuesday, a local official said. "
            "Shelters were set on fire. Aid groups condemned the attack.")
    events = [e for e in extract_events(text, "2022-01-16") if e["fatalities"]]
    assert [(e["sub_event_type"], e["actor1"]["name"], e["actor2"]["inter"], e["fatalities"]["best"]) for e in events] \
        == [("Attack", "CODECO", 7, 30)]


@pytest.mark.parametrize("name", ["Kataib Hezbollah", "Asaib Ahl al-Haq", "Islamic Resistance in Iraq"])
def test_iraqs_militias_are_named_and_not_lebanons_hezbollah(name):
    [actor] = [a for a in find_actors(f"Fighters of {name} fired rockets at a base.") if a.role == "main"]
    assert (actor.actor.name, actor.actor.inter) == (name, 3)


def test_a_lede_that_names_the_attackers_and_the_police_gives_the_sides_of_the_bodys_gunbattle_and_both_tolls():
    text = ("Taliban fighters attacked a police checkpoint in Ghazni province overnight, killing eight policemen, an official "
            "said on Saturday. He said the attack took place in Andar district and that four Taliban were also killed in "
            "the ensuing gunbattle. The Taliban claimed the attack. Peace talks have stalled.")
    [event] = [e for e in extract_events(text, "2020-01-18") if e["sub_event_type"] == "Armed clash"]
    assert (event["actor1"]["name"], event["actor2"]["name"], event["fatalities"]["best"]) \
        == ("Taliban", "Police Forces of Afghanistan", 12)


def test_a_capitalised_dateline_is_the_town_not_a_same_named_region_abroad():
    text = ("BENI - Gunmen killed six civilians late on Wednesday in the village of Mavoko, local officials said. "
            "Houses were set on fire. Residents fled. The army sent reinforcements.")
    assert {e["location"]["country_code"] for e in extract_events(text, "2025-08-15")} == {"CD"}


def test_an_attack_attributed_to_a_group_is_that_groups():
    text = ("At least seven civilians were killed on Wednesday in an attack attributed to ADF rebels near the town of "
            "Oicha, officials said. Houses were burned. Residents fled. The army pursued the attackers.")
    [event] = extract_events(text, "2025-08-15")
    assert event["actor1"]["name"] == "ADF"


def test_fighting_around_a_village_the_gazetteer_lacks_is_placed_there():
    text = ("M23 rebels and pro-government militias clashed on Thursday around Kazinga in North Kivu province, residents said. "
            "Hundreds of families fled. Schools were closed. Aid groups called for calm.")
    [event] = [e for e in extract_events(text, "2025-08-15") if e["sub_event_type"] == "Armed clash"]
    assert (event["location"]["name"], event["location"]["country_code"]) == ("Kazinga", "CD")


def test_a_congolese_territory_is_the_district_of_its_name():
    text = ("Fighting broke out on Thursday between M23 rebels and the army in Masisi territory, residents said. "
            "Families fled. Shops were closed. The rebels later withdrew.")
    [event] = extract_events(text, "2025-08-15")
    assert (event["location"]["name"], event["location"]["country_code"]) == ("Masisi", "CD")


def test_martyred_is_killed():
    from pipeline.extract.numbers import fatalities
    assert fatalities("Four civilians were martyred and 9 others were injured when terrorists fired rocket shells.") == 4


def test_a_man_killed_by_gunfire_from_unknown_persons_is_an_attack_and_the_next_sentence_tells_the_same_one():
    text = ("A member of the local council in the town of Jasim was killed on Monday evening by gunfire from unknown persons. "
            "Local sources said two gunmen on a motorcycle shot the man in front of his home. "
            "The attack came a day after a bomb went off near a checkpoint in the city of Nawa, wounding two soldiers. "
            "No one claimed either attack.")
    events = [e for e in extract_events(text, "2019-03-12") if e["sub_event_type"] == "Attack"]
    assert [(e["location"]["name"], e["fatalities"]["best"]) for e in events] == [("Jasim", 1)]


def test_one_sides_fire_and_the_other_sides_reply_nearby_are_two_events():
    text = ("Three civilians were killed on Tuesday when Nusra Front militants fired rocket shells at the Hamdaniya "
            "neighborhood of Aleppo city, state media said. A source at Aleppo Police Command said the shells fell near a school. "
            "Army units responded, targeting with artillery the militants' positions in the village of Kafr Hamra. "
            "Residents fled.")
    events = [e for e in extract_events(text, "2019-02-06") if e["sub_event_type"] == "Shelling/artillery/missile attack"]
    assert sorted(e["actor1"]["name"] for e in events) == ["Al Nusra Front", "Military Forces of Syria"]


def test_deaths_documented_since_a_date_are_a_tally():
    text = ("Gunmen kidnapped a doctor on Wednesday in the town of Sarmada, the Observatory said. His family was asked for a "
            "ransom. The Observatory has documented since the 24th of April 2018 the death of 140 people who were assassinated "
            "in Idlib province and the countryside of Aleppo and Hama by shooting or bombing. Residents called for more security.")
    assert [e["sub_event_type"] for e in extract_events(text, "2018-05-10")] == ["Abduction/forced disappearance"]


def test_one_agreement_for_several_towns_is_one_event():
    text = ("The rebels reached an agreement with the government on Friday providing for the evacuation of fighters from "
            "the towns of Arbin, Zamalka and Ein Tarma, a spokesman said. The deal also includes a ceasefire. Buses arrived "
            "on Saturday. Thousands left.")
    assert [e["sub_event_type"] for e in extract_events(text, "2018-03-24")].count("Agreement") == 1


def test_entering_a_new_phase_in_quotes_takes_no_town():
    text = ('The YPG said on Tuesday its resistance had entered "a new phase" in Afrin. Fighters regrouped in the mountains. '
            'Residents fled. Aid groups called for access.')
    assert not [e for e in extract_events(text, "2018-03-21") if "territory" in e["sub_event_type"]]


def test_people_taken_to_hospital_are_not_counted_among_the_dead():
    from pipeline.extract.numbers import fatalities
    assert fatalities("Four passengers died on the spot and several others were taken to the general hospital.") == 4


@pytest.mark.parametrize("sentence, deaths", [
    ("Troops neutralised 14 terrorists and recovered weapons, the army said.", 14),
    ("Two soldiers paid the supreme price, a source said.", 2),
])
def test_military_euphemisms_for_death_are_deaths(sentence, deaths):
    from pipeline.extract.numbers import fatalities
    assert fatalities(sentence) == deaths


def test_students_marching_to_parliament_demonstrate_in_the_capital():
    text = ("Police on Tuesday fired teargas and arrested 20 students who were marching to Parliament to protest a rise in "
            "fees, a police spokesman said. The students were blocked at a junction by anti-riot officers. "
            "Those arrested were taken to a police station. The minister said the fees would stay.")
    [event] = extract_events("KAMPALA, Uganda | " + text, "2025-05-22")
    assert (event["sub_event_type"], event["location"]["name"]) == ("Protest with intervention", "Kampala")


def test_an_armed_gang_storming_neighbourhoods_attacks_civilians_and_their_dead_are_its_toll():
    text = ("Armed gang members stormed several neighborhoods of Croix-des-Bouquets on Thursday, setting homes ablaze, "
            "officials said. At least seven residents were shot dead during the attack, the mayor said on Friday. "
            "Hundreds fled. Police said they were outnumbered.")
    events = extract_events(text, "2025-04-05")
    assert [(e["sub_event_type"], e["actor2"]["inter"], e["fatalities"]["best"]) for e in events] == [("Attack", 7, 7)]


def test_an_attack_on_an_opposition_held_neighbourhood_stays_a_battle():
    text = ("Government forces attacked the rebel-held Jobar neighborhood of Damascus on Monday, a monitor said. "
            "Fighting lasted for hours. Both sides reported losses. The army said it made gains.")
    assert "Attack" not in [e["sub_event_type"] for e in extract_events(text, "2019-03-06")]


def test_residents_who_seize_and_burn_two_men_are_a_mob_and_both_died():
    text = ("Residents of Delmas seized two young men on Friday morning, accusing them of working for the gangs, beat "
            "them and set them on fire. Both men died at the scene, police said. Gang leaders threatened revenge. "
            "Schools were closed.")
    [event] = extract_events(text, "2025-04-05")
    assert (event["sub_event_type"], event["fatalities"]["best"]) == ("Mob violence", 2)


def test_both_before_two_kinds_of_people_is_no_count():
    from pipeline.extract.numbers import fatalities
    assert fatalities("The strikes killed at least nine people, both fighters and civilians, a monitor said.") == 9


@pytest.mark.parametrize("text, town", [
    ("A drone struck fighters' positions near Nyala airport in South Darfur on Monday, witnesses said. "
     "Smoke rose over the city. Flights were suspended. The army did not comment.", "Nyala"),
    ("Two fishermen were beheaded by insurgents on Sunday near Naunde, in Macomia district, Cabo Delgado province, "
     "local sources said. Residents fled. Fishing stopped. The army sent troops.", "Naunde"),
])
def test_a_region_named_right_after_a_town_only_says_where_the_town_is(text, town):
    events = [e for e in extract_events(text, "2025-05-06") if e["sub_event_type"] in ("Air/drone strike", "Attack")]
    assert [e["location"]["name"] for e in events] == [town]


def test_the_side_that_withdrew_from_a_town_retaken_is_no_event_of_its_own():
    text = ("Government forces on Friday recaptured the town of Jowhar from the militants, officials said. The militants had "
            "withdrawn from the town overnight, and troops entered without a fight, the governor said. "
            "Residents welcomed the soldiers. Markets reopened.")
    assert [e["sub_event_type"] for e in extract_events(text, "2025-07-20")] == ["Government regains territory"]


def test_a_convoy_hit_by_a_roadside_bomb_is_one_bombing():
    text = ("An army convoy was hit by a roadside bomb near the town of Afgooye on Saturday, a military officer said. "
            "Two soldiers were killed and four wounded in the blast. Al-Shabaab claimed the attack. The road was closed.")
    events = extract_events(text, "2025-07-20")
    assert [(e["sub_event_type"], e["fatalities"]["best"]) for e in events] == [("Remote explosive/landmine/IED", 2)]


def test_overnight_in_a_later_sentence_is_the_night_of_the_ledes_day():
    text = ("Rebels on Friday attacked an army post in the town of Beledweyne, officials said. Mortar shells also hit the "
            "town overnight, residents said. Schools were closed. The army sent reinforcements.")
    assert {e["event_date"] for e in extract_events(text, "2025-07-20")} == {"2025-07-18"}


def test_a_toll_since_a_day_of_a_past_year_is_a_tally():
    from pipeline.extract.numbers import fatalities
    assert fatalities("More than 500 people have been killed in the region since Oct. 7, 2023, the ministry said.") is None
    assert fatalities("At least 40 people have been killed since 3 March, 2024 in the province.") is None


def test_tear_gas_shells_are_no_shelling():
    text = ("Police fired tear gas shells and detained 15 picketers who had blocked a highway in Narayanganj on Sunday, "
            "an officer said. The opposition had called a general strike. Shops were closed. Traffic was thin.")
    assert [e["sub_event_type"] for e in extract_events(text, "2023-11-19")] == ["Protest with intervention"]


def test_a_person_named_by_nationality_killed_is_one_dead():
    from pipeline.extract.numbers import fatalities
    assert fatalities("A Palestinian was killed and four others were injured during a raid on the city.") == 1


def test_a_demonstrator_shot_dead_by_police_is_excessive_force():
    text = ("In Nakuru, a 23-year-old demonstrator was shot dead by police officers on Tuesday, a hospital official said. "
            "Witnesses said the protest had been peaceful. Shops were closed. Funerals were planned.")
    [event] = extract_events(text, "2025-07-23")
    assert (event["sub_event_type"], event["actor1"]["name"], event["fatalities"]["best"]) \
        == ("Excessive force against protesters", "Police Forces of Kenya", 1)


@pytest.mark.parametrize("statement", [
    'An army spokesman vowed to "liberate every inch" of Gezira state.',
    'The governor called on the youth to "refrain from revenge attacks" in Bor.',
])
def test_vows_and_appeals_in_quotation_marks_are_no_events(statement):
    text = "Residents of Wad Madani fled on Monday. " + statement + " Aid groups warned of hunger. Markets were closed."
    assert extract_events(text, "2024-10-28") == []


def test_a_settlement_set_in_a_known_prefecture_is_a_place_and_its_storming_with_shooting_is_one_attack():
    text = ("Rebels killed six civilians in an attack on a village in the Central African Republic on Tuesday, an official said. "
            "The gunmen stormed Bowai, in Ouham-Pende prefecture, shortly after dawn and opened fire on residents. "
            "Survivors fled to the forest. The army sent troops.")
    events = [e for e in extract_events(text, "2024-04-18") if e["location"]["name"] == "Bowai"]
    assert [(e["sub_event_type"], e["location"]["country_code"]) for e in events] == [("Attack", "CF")]


def test_a_capitalised_word_before_in_is_no_settlement_without_a_cue():
    text = ("Shelling in Aleppo province killed three civilians on Monday, a monitor said. Residents fled. "
            "Schools were closed. Aid groups called for calm.")
    assert all(e["location"]["name"] != "Shelling" for e in extract_events(text, "2019-03-06"))


def test_armed_fighters_who_set_a_school_ablaze_destroy_property_not_riot():
    text = ("On Saturday, separatist fighters set ablaze classrooms of a secondary school in the town of Kumba, residents said. "
            "No one was hurt. Classes were suspended. The army deployed troops.")
    assert [e["sub_event_type"] for e in extract_events(text, "2024-10-21")] == ["Looting/property destruction"]


def test_the_biff_is_a_group_of_its_own():
    [actor] = [a for a in find_actors("Three members of the Bangsamoro Islamic Freedom Fighters (BIFF) were killed.") if a.role == "main"][:1]
    assert actor.actor.name == "BIFF"


def test_a_town_named_near_in_a_compass_region_is_the_place():
    text = ("Twelve soldiers were killed on Thursday when militants attacked an army position near Bankilare in the "
            "western Tillaberi region, the defence ministry said. The army sent reinforcements. Schools closed. Roads were shut.")
    assert [e["location"]["name"] for e in extract_events(text, "2025-01-18")] == ["Bankilare"]


def test_dozens_in_quotation_marks_also_killed_add_to_the_toll():
    text = ("Twelve soldiers were killed on Thursday when militants attacked an army position near the town of Ayorou, the "
            "ministry said. \"Dozens of terrorists\" were also killed in the fighting, the ministry said. "
            "The figures could not be verified. Roads were shut.")
    [event] = extract_events(text, "2025-01-18")
    assert event["fatalities"]["best"] == 24


def test_a_commune_named_in_a_known_town_is_where_villagers_say_it_happened():
    text = ("Residents of Sofara-Kouna, a rural commune in Djenne in central Mali, say soldiers killed at least 14 civilians "
            "there on Sunday. Witnesses said the troops rounded up men near the market and shot them. "
            "The army denied the accusations. A rights group called for an inquiry.")
    events = extract_events(text, "2024-06-14")
    assert [(e["sub_event_type"], e["location"]["name"]) for e in events] == [("Attack", "Sofara-Kouna")]


def test_violent_clashes_between_armed_sides_are_a_battle():
    text = ("Violent clashes continued on Saturday on the Kafr Nabudah front between government forces and rebel fighters, "
            "a monitor said. Both sides reported losses. Residents fled. Aid groups called for calm.")
    assert [e["sub_event_type"] for e in extract_events(text, "2019-05-20")] == ["Armed clash"]


def test_shops_set_ablaze_by_a_blast_are_the_blasts_damage():
    text = ("A car bomb exploded in the centre of the town of Azaz on Saturday, killing 13 people, a monitor said. "
            "The blast also wounded more than 30 people and set several shops ablaze. No group claimed it. Roads were shut.")
    assert [e["sub_event_type"] for e in extract_events(text, "2019-01-20")] == ["Remote explosive/landmine/IED"]


def test_the_fighting_for_a_town_retaken_told_next_is_the_takeover_with_both_sides_dead():
    text = ("Government forces on Tuesday recaptured the town of Busra al-Harir after heavy fighting, state media said. "
            "At least nine rebels and six soldiers were killed in the clashes in Busra al-Harir, a monitor said. "
            "Thousands of residents fled. The rebels withdrew to nearby villages.")
    events = extract_events(text, "2018-06-27")
    assert [(e["sub_event_type"], e["fatalities"]["best"]) for e in events] == [("Government regains territory", 15)]


def test_an_encounter_with_security_forces_is_a_gunfight_and_the_gunfight_told_next_places_it():
    text = ("Five Maoists were killed in an encounter with security forces in Chhattisgarh's Bijapur district on Thursday, "
            "police said. The gunfight broke out in a forest near Tarrem village during an operation, an official said. "
            "Weapons were recovered. A jawan was injured.")
    events = [e for e in extract_events(text, "2025-04-17") if e["sub_event_type"] == "Armed clash"]
    assert [(e["location"]["name"], e["fatalities"]["best"]) for e in events] == [("Tarrem", 5)]


def test_people_gathered_demanding_are_a_protest_and_one_that_dispersed_peacefully_was_not_broken_up():
    text = ("On Saturday, hundreds of teachers gathered in front of the governorate building in Erbil, demanding three "
            "months of unpaid salaries. The demonstration was peaceful and dispersed in the afternoon. "
            "Officials promised to pay. Schools were closed.")
    assert [e["sub_event_type"] for e in extract_events(text, "2024-11-24")] == ["Peaceful protest"]


def test_a_total_then_its_breakdown_is_counted_once():
    from pipeline.extract.numbers import fatalities
    assert fatalities("Activists reported 7 fatalities in the clashes, 5 members of regime forces and 2 rebel fighters.") == 7
    assert fatalities("Nine soldiers, four rebels and two civilians were killed.") == 15


def test_missiles_that_hit_positions_after_an_air_strike_with_missiles_are_that_strike():
    text = ("Israeli warplanes fired missiles at targets on the southern outskirts of Damascus early on Monday, state media said. "
            "Air defences intercepted most of them, a military source said. The Israeli military declined to comment. "
            "A monitor said four soldiers were killed when missiles hit air defence positions near the town of al-Kiswah.")
    events = extract_events(text, "2019-01-21")
    assert [(e["sub_event_type"], e["actor1"]["name"], e["location"]["name"], e["fatalities"]["best"]) for e in events] \
        == [("Air/drone strike", "Military Forces of Israel", "al-Kiswah", 4)]


def test_a_village_the_text_framed_is_that_place_when_named_again_bare():
    text = ("Kurdish-led fighters captured the town of Hajin on Friday after IS fighters withdrew toward the villages of "
            "Kherbet Zuwayr and Tal Ghazal, a monitor said. On Thursday, airstrikes on Tal Ghazal killed 9 civilians, "
            "the monitor said. The coalition did not comment. Fighting continued.")
    strikes = [e for e in extract_events(text, "2018-12-15") if e["sub_event_type"] == "Air/drone strike"]
    assert [(e["location"]["name"], e["fatalities"]["best"]) for e in strikes] == [("Tal Ghazal", 9)]


def test_a_demonstration_whose_crowd_torched_buildings_is_violent_even_where_police_fired_on_it():
    text = ("Protesters set fire to the town hall in Butembo on Monday and pelted police with stones, witnesses said. "
            "Police opened fire on the crowd in Butembo, killing two protesters, a local official said. "
            "Shops were closed. The mayor called for calm.")
    events = extract_events(text, "2019-11-26")
    assert [(e["sub_event_type"], e["fatalities"]["best"]) for e in events] == [("Violent demonstration", 2)]


def test_fire_on_peaceful_protesters_amid_unrest_stays_excessive_force():
    text = ("Security forces opened fire on peaceful protesters in the city of Nasiriyah on Friday, killing six people, "
            "medical sources said, as weeks of unrest continued. Funerals were held on Saturday. Shops were closed. "
            "The government promised an inquiry.")
    assert [e["sub_event_type"] for e in extract_events(text, "2019-11-30")] == ["Excessive force against protesters"]


def test_property_a_crowd_destroyed_is_the_crowds_not_the_states():
    text = ("Picketers set fire to at least three buses in the Motijheel area of Dhaka on Sunday during a general strike, "
            "fire officials said. Nobody was hurt. Shops stayed shut. Traffic was thin.")
    [event] = [e for e in extract_events(text, "2023-10-30") if e["sub_event_type"] == "Looting/property destruction"]
    assert event["actor1"]["inter"] == 5


def test_an_event_dated_only_to_a_past_month_is_background():
    text = ("Islamic State militants killed nine soldiers in an attack near the town of Mayadin on Tuesday, a monitor said. "
            "The group lost the last of its territory at the village of Baghuz in March, but its cells have kept up attacks. "
            "The army sent reinforcements. Roads were closed.")
    assert [e["location"]["name"] for e in extract_events(text, "2019-04-10")] == ["Mayadeen"]


def test_a_rally_to_condemn_killings_where_police_fired_on_the_largely_peaceful_crowd_is_excessive_force():
    text = ("Villagers fled their homes on Sunday. On Monday, thousands of people rallied in Addis Ababa to condemn the "
            "killings, and police opened fire on the largely peaceful crowd in the Kolfe area, killing five demonstrators, "
            "a rights group said. The government called for calm. Schools were closed.")
    events = [e for e in extract_events(text, "2018-09-19") if e["location"]["name"] == "Addis Ababa"]
    assert [(e["sub_event_type"], e["fatalities"]["best"]) for e in events] == [("Excessive force against protesters", 5)]


def test_youths_who_attack_people_before_a_rally_is_told_are_a_mob():
    text = ("Youths armed with machetes and sticks attacked members of minority groups in Burayu on Sunday, police said. "
            "Houses were set on fire. On Monday, thousands of people rallied in Addis Ababa to condemn the killings. "
            "The government called for calm.")
    events = [e for e in extract_events(text, "2018-09-19") if e["location"]["name"] == "Burayu"]
    assert [e["sub_event_type"] for e in events] == ["Mob violence"]


def test_an_aside_between_commas_does_not_hide_which_word_is_the_toll():
    from pipeline.extract.numbers import fatalities
    assert fatalities("A farmer was killed and seven others, including a soldier, were injured when the mortar hit.") == 1
    assert fatalities("Three guards were killed and six others, most of them students, were wounded in the blast.") == 3
    assert fatalities("Eleven villagers, among them two women, were killed in the raid.") == 11


def test_a_target_named_after_from_and_on_is_where_the_bombs_fell():
    text = ("A teenager was killed when gunmen dropped grenades from drones on Lamboi village in Manipur's Bishnupur "
            "district on Sunday, police said. Schools were shut. The state government condemned the attack. "
            "Security was stepped up along the foothills.")
    [event] = extract_events(text, "2024-10-02")
    assert (event["sub_event_type"], event["location"]["name"], event["fatalities"]["best"]) == ("Air/drone strike", "Lamboi", 1)


def test_what_a_crowd_did_after_an_aside_of_its_demands_is_its_riot():
    text = ("On Tuesday, hundreds of protesters in Kathmandu, demanding the arrest of the gunmen, stormed and set fire to "
            "the offices of two ministers, officials said. Police fired tear gas to disperse the crowd. "
            "The government appealed for calm. Schools stayed closed.")
    events = extract_events(text, "2025-03-12")
    assert [(e["sub_event_type"], e["location"]["name"], e["actor1"]["inter"]) for e in events] \
        == [("Violent demonstration", "Kathmandu", 5)]


def test_a_name_that_is_a_world_citys_foreign_alias_is_not_that_city():
    text = ("Troops arrested three suspects at Rim on Wednesday and recovered two rifles, police in Plateau State said. "
            "The suspects were taken to Jos. Residents welcomed the arrests. Patrols continued.")
    events = extract_events(text, "2024-02-14")
    assert events and {e["location"]["country"] for e in events} == {"Nigeria"}


def test_a_community_the_text_attacked_is_a_settlement_and_a_township_in_capitals_too():
    text = ("Gunmen attacked Dogo community in Bokkos Local Government Area of Plateau State on Sunday night, "
            "killing nine people, police said. Houses were burnt. Troops were deployed. Residents fled.")
    [event] = [e for e in extract_events(text, "2024-01-30") if e["sub_event_type"] == "Attack"]
    assert (event["location"]["name"], event["location"]["admin1"]) == ("Dogo", "Plateau")
    text = ("Junta troops set fire to homes in two villages in Salingyi Township in Sagaing Region on Friday, residents "
            "said. More than 80 houses were burned. Villagers had fled. The military did not comment.")
    [event] = extract_events(text, "2024-03-16")
    assert (event["sub_event_type"], event["location"]["name"]) == ("Looting/property destruction", "Salingyi")


def test_a_press_note_dates_and_names_places_its_own_way():
    text = ("PRESS NOTE. On 21.03.2025, an exchange of fire took place between the security forces and the Maoists in "
            "the forest near village Tekmetla, Kutru police station area of District Bijapur. After the exchange of fire, "
            "the bodies of 3 (three) Maoists were recovered. Search operations are continuing.")
    [event] = [e for e in extract_events(text, "2025-03-23") if e["sub_event_type"] == "Armed clash"]
    assert (event["event_date"], event["location"]["name"], event["fatalities"]["best"]) == ("2025-03-21", "Tekmetla", 3)


def test_a_page_stamp_without_on_dates_nothing():
    from datetime import date

    from pipeline.extract.dates import find_dates
    assert [d.day for d in find_dates("16.05.2017(updated 1925 16.05.2017) Get short URL", date(2017, 5, 16))] == []
    assert [d.day for d in find_dates("on 04/12/2025 the patrol was hit", date(2025, 4, 13))] == [date(2025, 4, 12)]


def test_a_town_then_its_province_after_a_comma_places_a_settlement_the_gazetteer_lacks():
    text = ("Three gunmen and a soldier were killed in a clash with government troops in Balindong, Lanao del Sur, on "
            "Tuesday, the military said. The firefight lasted an hour. Troops recovered two rifles. Residents fled.")
    events = [e for e in extract_events(text, "2019-07-17") if e["sub_event_type"] == "Armed clash"]
    assert [(e["location"]["name"], e["location"]["country"]) for e in events] == [("Balindong", "Philippines")]


def test_a_town_near_which_it_happened_beats_the_state_it_is_in_and_a_base_near_a_town_is_not_the_event():
    text = ("Rebels attacked an army outpost near Kawkareik town in Karen (Kayin) State on Saturday, a rebel officer said. "
            "On Monday, an artillery shell landed in a ward of Thingannyinaung, killing a woman, residents said. "
            "Residents said the shelling came from an artillery battalion based near Kawkareik. The army did not comment.")
    events = extract_events(text, "2023-09-05")
    assert sorted((e["sub_event_type"], e["location"]["name"]) for e in events) == [
        ("Armed clash", "Kawkareik"), ("Shelling/artillery/missile attack", "Thingannyinaung")]


def test_a_district_is_named_without_the_local_word_for_district_and_paramilitary_rangers_are_the_state():
    text = ("Two paramilitary rangers were killed when a roadside bomb planted by suspected insurgents exploded in Rueso "
            "district on Saturday, police said. The rangers were on patrol. The army sent reinforcements. Roads were closed.")
    [event] = extract_events(text, "2017-11-12")
    assert (event["location"]["name"], event["actor2"]["name"], event["fatalities"]["best"]) == \
        ("Rueso", "Military Forces of Thailand", 2)


def test_one_person_and_a_relative_named_with_them_are_two_dead():
    from pipeline.extract.numbers import fatalities
    assert fatalities("Rockets hit the district, killing a man and his young daughter.") == 2
    assert fatalities("A soldier was killed and his wife was wounded.") == 1


def test_a_us_command_that_announces_a_strike_is_the_us_military():
    text = ("The US Africa Command (AFRICOM) said it carried out an airstrike on Sunday near Bulo Burte, in Hiraan region, "
            "killing three al-Shabaab fighters. No civilians were hurt, the command said. The group did not comment. "
            "Roads were closed.")
    [event] = extract_events(text, "2023-03-06")
    assert (event["actor1"]["name"], event["actor2"]["name"]) == ("Military Forces of United States", "Al Shabaab")


def test_an_airport_named_after_a_person_does_not_put_the_event_in_a_namesake_city():
    text = ("MOGADISHU (AP) - Mortar rounds landed near the Halane base at Aden Adde International Airport on Saturday, "
            "wounding two people, police said. No group claimed the attack. Flights were not affected. Security was tightened.")
    assert all(e["location"]["country"] != "Yemen" for e in extract_events(text, "2023-03-05"))


def test_a_militia_named_after_a_province_is_no_place_and_an_idp_site_is_one():
    text = ("At least 12 displaced people were killed in an attack on the Plaine Savo IDP site, Djugu territory, on the night of "
            "9 to 10 February, a UN update said. On 11 February, fighting broke out between CODECO elements and the Zaire "
            "self-defence group near Lopa, in Djugu territory. Thousands fled. Aid was suspended.")
    events = extract_events(text, "2023-02-12")
    assert {e["location"]["country"] for e in events} == {"Democratic Republic of the Congo"}
    [attack] = [e for e in events if e["sub_event_type"] == "Attack"]
    assert (attack["location"]["name"], attack["event_date"]) == ("Plaine Savo", "2023-02-09")


def test_a_county_named_after_a_town_with_a_compass_word_is_not_the_town():
    text = ("At least nine people were killed on Sunday when armed youth raided a cattle camp near Pagol in Tonj North County "
            "of Warrap State, officials said. The Tonj North County commissioner told Radio Tamazuj that the attackers "
            "stormed the camp at dawn. On Monday, soldiers of the South Sudan People's Defence Forces (SSPDF) clashed with "
            "the raiders near Alabek, officials said. The governor warned youth against revenge attacks.")
    events = extract_events(text, "2022-08-10")
    assert sorted((e["location"]["name"], e["event_date"]) for e in events) == [("Alabek", "2022-08-08"), ("Pagol", "2022-08-07")]
    [clash] = [e for e in events if e["location"]["name"] == "Alabek"]
    assert clash["actor1"]["name"] == "Military Forces of South Sudan"


def test_the_place_attackers_came_from_is_not_where_they_struck():
    from pipeline.extract.places import _role
    text = "the attackers, believed to be from Mayom County in neighbouring Unity State, stormed the camp"
    assert _role(text, text.index("Unity"), text.index("Unity") + 5) == "source"


STORY_WITH_ARMED_SIDE = "Jihadist groups have attacked the region for years, residents said."
STORY_WITHOUT = "Heavy rains have cut the roads of the region for weeks, residents said."


def test_a_toll_with_no_agent_is_an_attack_only_in_a_story_that_names_an_armed_side():
    toll = "Eleven villagers, including two children, were killed in the town of Gao on Sunday, officials said. "
    [event] = extract_events(toll + STORY_WITH_ARMED_SIDE, PUB)
    assert (event["sub_event_type"], event["location"]["name"], event["fatalities"]["best"]) == ("Attack", "Gao", 11)
    assert event["event_date"] == "2019-03-03"
    assert extract_events(toll + STORY_WITHOUT, PUB) == []


@pytest.mark.parametrize("toll", [
    "Eleven passengers were killed in a bus crash near Gao on Sunday. ",
    "Eleven miners were killed when a shaft collapsed near Gao on Sunday. ",
])
def test_a_toll_whose_cause_is_told_is_not_an_attack_by_its_toll(toll):
    assert [e["sub_event_type"] for e in extract_events(toll + STORY_WITH_ARMED_SIDE, PUB)] == []


def test_a_toll_told_after_the_raid_counts_the_raid():
    text = ("Gunmen raided a market near Gao on Sunday. Eleven traders were killed in the town of Gao, officials said. "
            + STORY_WITH_ARMED_SIDE)
    [event] = extract_events(text, PUB)
    assert (event["sub_event_type"], event["fatalities"]["best"]) == ("Attack", 11)


@pytest.mark.parametrize("sentence, expected", [
    ("Armed men struck the village of Gao on Sunday, killing nine civilians, local sources said.", "Attack"),
    ("Gunmen targeted a police post near Gao on Sunday, killing two officers.", "Armed clash"),
    ("Rebels struck the town of Gao with mortars on Sunday.", "Shelling/artillery/missile attack"),
])
def test_raiders_who_struck_a_place_raided_it_unless_a_gun_that_fires_from_afar_is_named(sentence, expected):
    assert [t for t, _ in _types(sentence)] == [expected]


def test_a_dateline_with_a_day_month_and_outlet_places_an_unlocated_event_in_its_country():
    from pipeline.extract.places import _role
    text = "Gao, 3 March 2019 (AMAP) – Gunmen killed four civilians on Sunday in an attack on a market, the governor said."
    assert _role(text, 0, 3) == "dateline"
    [event] = extract_events(text, PUB)
    assert (event["location"]["country"], event["location"]["geo_precision"]) == ("Mali", 3)


def test_a_sentence_that_names_another_country_is_not_put_in_the_articles_country():
    text = ("Gao, 3 March 2019 (AMAP) – Gunmen killed four civilians on Sunday in an attack on a market, the governor said. "
            "Gunmen killed two traders in an attack on a market in Niger on Monday, officials there said.")
    assert sorted(e["location"]["country"] for e in extract_events(text, PUB)) == ["Mali", "Niger"]


@pytest.mark.parametrize("sentence", [
    "Gunmen used drones to drop explosives on a hamlet near Culiacan on Sunday, wounding three residents.",
    "Militants dropped explosives onto an army post near Culiacan on Sunday.",
])
def test_explosives_dropped_on_a_target_are_an_air_strike(sentence):
    assert [t for t, _ in _types(sentence)] == ["Air/drone strike"]


@pytest.mark.parametrize("sentence", [
    "On Sunday a gunbattle broke out between the two criminal groups on the outskirts of Culiacan.",
    "Four people died in clashes between two rival gangs in Culiacan on Sunday.",
])
def test_gangs_that_fight_each_other_are_both_sides_of_an_armed_clash_not_a_mob(sentence):
    [event] = extract_events(sentence, PUB)
    assert (event["sub_event_type"], event["interaction"]) == ("Armed clash", 33)


def test_a_place_described_by_what_goes_on_there_tells_no_event():
    text = "Culiacan, where rival cartels have been fighting for the drug routes, was calm on Sunday, residents said."
    assert extract_events(text, PUB) == []


def test_a_road_blocked_by_a_crowd_is_a_protest_and_burning_tyres_make_it_a_riot():
    assert _types("Students blocked major highways around Dhaka on Sunday.") == [("Peaceful protest", "Dhaka")]
    assert _types("Students burned tyres and blocked roads in Dhaka on Sunday.") == [("Violent demonstration", "Dhaka")]
    assert _types("Police blocked roads leading to the stadium in Dhaka on Sunday.") == []


def test_the_story_day_holds_over_undated_paragraphs_until_another_day_is_named():
    text = ("At least five people were killed across the country on Sunday as protesters battled police. "
            "In Chittagong, police fired live rounds at students, killing two. "
            "A doctor said the victims had bullet wounds. "
            "Hospitals were overwhelmed, officials said. "
            "Many shops stayed shut. "
            "Two more people died in Dhaka, where protesters and police clashed near the university. "
            "On Tuesday, the government closed all universities.")
    dhaka = [e for e in extract_events(text, PUB) if e["location"]["name"] == "Dhaka"]
    assert [e["event_date"] for e in dhaka] == ["2019-03-03"]


def test_people_killed_as_protesters_fought_others_are_a_riots_dead_not_protesters_shot():
    [event] = extract_events("In Chittagong, three people were killed on Sunday as protesters fought running battles "
                             "with activists of the ruling party, officials said.", PUB)
    assert (event["sub_event_type"], event["fatalities"]["best"]) == ("Violent demonstration", 3)
    [shot] = extract_events("Police killed three protesters in Chittagong on Sunday, officials said.", PUB)
    assert shot["sub_event_type"] == "Excessive force against protesters"


def test_clashes_between_tribes_are_fought_by_identity_militias_on_both_sides():
    [event] = extract_events("Clashes between two tribes over a land dispute killed five people near Kandahar on Sunday.", PUB)
    assert (event["sub_event_type"], event["interaction"]) == ("Armed clash", 44)


def test_the_weapons_a_fight_was_fought_with_are_no_event_of_their_own():
    text = "The fighting, in which mortars and rockets were used, erupted on Sunday near Kandahar, officials said."
    assert [t for t, _ in _types(text)] == ["Armed clash"]


def test_a_when_clause_takes_the_day_it_hangs_on():
    text = ("Sunday's gathering in Abuja recalled how the movement ended in October 2015 when soldiers opened fire on "
            "protesters in Lagos, killing 12.")
    assert extract_events(text, PUB) == []


def test_what_came_years_after_a_protest_does_not_make_that_protest_news():
    text = "Sunday's rally in Abuja came nearly four years after the mass demonstrations against police brutality in Lagos."
    assert [name for _, name in _types(text)] == ["Abuja"]


def test_thugs_who_attack_protesters_are_an_armed_group_attacking_the_crowd():
    text = "On Sunday a group of thugs armed with machetes attacked protesters in Kaduna, injuring several of them."
    attack = [e for e in extract_events(text, PUB) if e["sub_event_type"] == "Attack"]
    assert [(e["actor1"]["name"], e["interaction"]) for e in attack] == [("Unidentified armed group", 36)]


def test_a_crowd_that_looted_and_burned_is_a_riot_whatever_force_met_it_later():
    text = ("Thousands of protesters marched in Kano on Sunday, chanting slogans against rising prices. "
            "By mid-morning, groups of youths had broken into a warehouse, carting away sacks of grain, and set part "
            "of the building on fire. Police fired tear gas to disperse the crowd. "
            "A rights group said two protesters were shot dead in Kano.")
    [event] = extract_events(text, PUB)
    assert (event["sub_event_type"], event["interaction"], event["fatalities"]["best"]) == ("Violent demonstration", 15, 2)


def test_people_set_on_fire_are_no_property_destroyed():
    text = "A crowd seized two suspected robbers in Kano on Sunday, beat them and set them on fire, police said."
    assert "Looting/property destruction" not in [t for t, _ in _types(text)]


def test_a_police_shootout_with_a_gang_is_a_battle_even_in_a_story_of_protests():
    text = ("Hundreds of people marched in Kano on Sunday to demand more security. "
            "On Monday, police said officers had killed two gang members during a shootout in Kano.")
    assert ("Armed clash", "Kano") in _types(text)


def test_the_dead_listed_in_a_tolls_aside_are_victims_and_counted_once():
    text = ("At least 20 people, including 12 children and a police officer, were killed on Sunday in an attack on the "
            "town of Bunia, a spokesman said.")
    [event] = extract_events(text, PUB)
    assert (event["sub_event_type"], event["interaction"], event["fatalities"]["best"]) == ("Attack", 37, 20)


def test_a_count_after_when_is_the_next_clauses_subject_not_more_dead():
    from pipeline.extract.numbers import fatalities
    assert fatalities("A police officer and three gunmen were killed when about 30 armed men ambushed a patrol.") == 4
    assert fatalities("Gunmen killed four villagers as 20 others fled into the bush.") == 4


@pytest.mark.parametrize("update, expected", [
    ("The toll was later raised to 14 after three of the wounded died overnight, a nurse said.", 14),
    ("By Monday night officials had raised the toll to 14.", 14),
    ("A second resident put the toll at more than 40.", 11),     # another source's estimate: the lower figure stays
])
def test_a_toll_raised_later_is_the_events_toll(update, expected):
    text = ("A truck struck a landmine near Mopti on Sunday, killing at least 11 civilians, officials said. "
            "Nine other passengers were wounded and taken to a clinic. " + update)
    [event] = extract_events(text, PUB)
    assert event["fatalities"]["best"] == expected


def test_clashes_between_security_forces_and_protesters_are_a_riot_not_a_battle():
    text = "At least nine people were killed on Sunday in clashes between security forces and protesters in Lima."
    [event] = extract_events(text, PUB)
    assert (event["sub_event_type"], event["fatalities"]["best"]) == ("Violent demonstration", 9)


def test_a_recap_of_an_earlier_month_is_no_event_of_the_day():
    text = ("Protesters marched in Lima on Sunday. The protests had already left 20 dead in February, including eight in "
            "the city of Cusco on Feb. 15, when soldiers opened fire on demonstrators near the airport.")
    assert [name for _, name in _types(text)] == ["Lima"]


def test_demonstrators_who_topple_a_statue_riot():
    assert _types("Demonstrators knocked down a statue of the former president in Caracas on Sunday.") == [
        ("Violent demonstration", "Caracas")]


@pytest.mark.parametrize("sentence, interaction", [
    ("Police detained the leader of an opposition party in Caracas on Sunday, his party said.", 17),
    ("Police arrested three suspects in the killing of a judge in Caracas on Sunday.", 10),
])
def test_people_arrested_are_civilians_unless_held_as_armed_suspects(sentence, interaction):
    [event] = [e for e in extract_events(sentence, PUB) if e["sub_event_type"] == "Arrests"]
    assert event["interaction"] == interaction


def test_foam_projectiles_and_baton_charges_are_crowd_control_not_shelling():
    text = ("Protesters threw stones at riot police in Madrid on Sunday night, and police fired foam projectiles "
            "and charged the crowd with batons.")
    assert [t for t, _ in _types(text)] == ["Violent demonstration"]


def test_the_day_the_sentences_before_named_holds_for_the_next_cities():
    text = ("Protesters marched in Madrid on Saturday. Unrest spread to other cities on Monday. "
            "In Seville, police dispersed hundreds of demonstrators who had occupied a railway line. "
            "In Bilbao, protesters threw stones at government offices.")
    dates = {e["location"]["name"]: e["event_date"] for e in extract_events(text, PUB)}
    assert (dates["Madrid"], dates["Seville"], dates["Bilbao"]) == ("2019-03-02", "2019-03-04", "2019-03-04")


def test_a_town_name_two_countries_share_is_decided_by_the_other_towns_and_government_offices_are_no_force():
    text = "Protesters marched in Madrid on Saturday. In Valencia, protesters threw stones at government offices."
    events = extract_events(text, PUB)
    assert {e["location"]["country"] for e in events} == {"Spain"}
    [riot] = [e for e in events if e["sub_event_type"] == "Violent demonstration"]
    assert riot["interaction"] == 50


def test_what_the_crowd_did_next_is_at_the_place_the_sentence_before_put_it():
    text = ("Police arrested two opposition activists in Zagreb on Monday. They were accused of leading an attack on the city "
            "hall. Critics blame the government for the collapse of a bridge. Officials denied it. On Sunday evening, a crowd "
            "marched to the city hall. Some protesters threw stones at the building and smashed its windows.")
    assert ("Violent demonstration", "Zagreb") in _types(text)


def test_a_rally_called_for_a_later_day_is_no_event_and_a_blocked_boulevard_is_a_protest():
    text = ("Opposition parties have called another rally in Zagreb for Saturday. "
            "In Split, hundreds of students blocked traffic on a central boulevard on Sunday.")
    assert _types(text) == [("Peaceful protest", "Split")]


def test_state_forces_killing_people_as_a_crowd_marched_is_excessive_force_and_the_marchers_are_no_toll():
    [event] = extract_events("Security forces shot dead at least seven people in Khartoum on Sunday as tens of thousands "
                             "marched against military rule, medics said.", PUB)
    assert (event["sub_event_type"], event["interaction"], event["fatalities"]["best"]) == (
        "Excessive force against protesters", 16, 7)


def test_an_officer_killed_during_protests_is_the_crowds_violence():
    [event] = extract_events("On Sunday, a police general was stabbed to death during protests in Khartoum, police said.", PUB)
    assert (event["sub_event_type"], event["interaction"], event["fatalities"]["best"]) == ("Violent demonstration", 15, 1)


def test_a_paragraph_that_opens_in_another_city_reports_from_there():
    text = ("Police fired tear gas at protesters in Khartoum on Sunday, witnesses said. "
            "In Omdurman, across the Nile, police fired tear gas to stop protesters crossing a bridge.")
    assert sorted(name for _, name in _types(text)) == ["Khartoum", "Omdurman"]


def test_a_toll_since_the_coup_is_no_villages_toll():
    text = ("On Sunday, soldiers raided a village near Mandalay and set fire to houses, residents said. "
            "A rights group says more than 3,500 people have been killed by the regime since the takeover.")
    assert all(e["fatalities"] is None for e in extract_events(text, PUB))


def test_someone_who_fires_into_a_crowd_of_protesters_attacks_it():
    [event] = extract_events("In Denver, a man was killed on Sunday when someone in a car fired into a crowd of protesters.", PUB)
    assert (event["sub_event_type"], event["interaction"]) == ("Attack", 36)


def test_a_forces_building_is_no_force_and_an_ordinal_unit_is_no_place():
    [event] = extract_events("In Denver, protesters overran the police department's Third Precinct station on Sunday night "
                             "and set it on fire.", PUB)
    assert (event["sub_event_type"], event["interaction"]) == ("Violent demonstration", 50)


def test_a_nationwide_toll_is_not_the_last_events_toll():
    text = ("Rioters set fire to the mayor's house in Kandy on Sunday night, residents said. "
            "Police said on Monday that the nationwide death toll from the violence had risen to eight.")
    assert [e["fatalities"] for e in extract_events(text, PUB)] == [None]


def test_party_supporters_who_attack_protesters_are_a_mob_not_the_state():
    # the codebook: mob violence is a crowd attacking people without a demonstration of its own
    [event] = extract_events("Supporters of the ruling party attacked opposition protesters with clubs in Lusaka on Sunday.", PUB)
    assert (event["sub_event_type"], event["interaction"]) == ("Mob violence", 56)
    [event] = extract_events("Opposition marchers were attacked by ruling party supporters in Lusaka on Sunday.", PUB)
    assert (event["sub_event_type"], event["actor1"]["inter"], event["actor2"]["inter"]) == ("Mob violence", 5, 6)


def test_residents_who_burn_a_house_with_no_protest_told_are_a_mob():
    [event] = extract_events("Angry villagers set ablaze the home of a suspected witch doctor in Kitwe on Sunday.", PUB)
    assert (event["sub_event_type"], event["interaction"]) == ("Mob violence", 57)
    [event] = extract_events("Protesting villagers set ablaze the home of the district chief in Kitwe on Sunday.", PUB)
    assert event["sub_event_type"] == "Violent demonstration"


def test_a_crowd_that_beats_one_suspect_to_death_kills_one_in_the_town_its_people_live_in():
    [event] = extract_events("Residents of Kitwe beat a suspected robber to death on Sunday, police said.", PUB)
    assert (event["sub_event_type"], event["location"]["name"], event["fatalities"]["best"]) == ("Mob violence", "Kitwe", 1)
    [event] = extract_events("Police shot dead a suspected kidnapper in Kitwe on Sunday.", PUB)
    assert event["fatalities"]["best"] == 1


def test_the_other_sides_dead_told_after_a_battle_are_added_to_its_toll():
    # ACLED's fatalities are everyone the event killed: the attackers the defenders killed too
    text = ("Gunmen attacked an army outpost in Gao on Sunday, killing three soldiers, officials said. "
            "The troops drove off the assault after a long firefight, killing five of the attackers.")
    assert [(e["sub_event_type"], e["fatalities"]["best"]) for e in extract_events(text, PUB)] == [("Armed clash", 8)]
    text = ("Gunmen attacked an army outpost in Gao on Sunday, killing three soldiers, officials said. "
            "Four assailants were killed, the army said.")
    assert [e["fatalities"]["best"] for e in extract_events(text, PUB)] == [7]


def test_fighters_counted_again_or_as_part_of_the_dead_are_not_added():
    text = ("Troops killed six rebels in a clash near Gao on Sunday, officials said. "
            "State television said several dozen terrorists had been killed in the fighting.")
    assert [e["fatalities"]["best"] for e in extract_events(text, PUB)] == [6]
    text = ("At least 20 people were killed in a clash between soldiers and rebels near Gao on Sunday. "
            "The dead included several rebels, officials said.")
    assert [e["fatalities"]["best"] for e in extract_events(text, PUB)] == [20]


def test_several_dozen_is_dozens():
    [event] = extract_events("Several dozen civilians were killed in an attack on a village near Gao on Sunday.", PUB)
    assert event["fatalities"]["best"] == 12


def test_the_headlines_country_outweighs_a_country_named_in_background():
    title = "Chad: second day of protests over fuel prices"
    text = ("In Moundou, police fired tear gas to disperse hundreds of demonstrators on Monday. "
            "The protests follow a rise in fuel prices that the government blamed on the war in Sudan and on Sudan's closed border.")
    events = extract_events(text, PUB, title)
    assert [(e["location"]["name"], e["location"]["country"]) for e in events] == [("Moundou", "Chad")]


def test_a_street_named_after_a_town_is_no_town():
    [event] = extract_events("Protesters burned tyres on the Route de Kaolack in Dakar on Monday.", PUB)
    assert event["location"]["name"] == "Dakar"


def test_the_size_of_the_crowd_fired_on_is_not_its_dead():
    [event] = extract_events("In Moundou, police fired live rounds at a march of several hundred people on Monday, killing two men.", PUB)
    assert (event["sub_event_type"], event["fatalities"]["best"]) == ("Excessive force against protesters", 2)


def test_each_time_stamped_report_of_a_live_blog_keeps_its_own_city():
    text = ("18:40 - Barricades of burning tyres remained in parts of the capital at nightfall. "
            "17:55 - In Moundou, police fired live rounds at a march of several hundred people, killing two men. "
            "15:10 - In N'Djamena, thousands of demonstrators marched towards the presidency, throwing stones at police. "
            "14:00 - In Sarh, hundreds of protesters blocked the main road into the town.")
    types = sorted(_types(text))
    assert ("Excessive force against protesters", "Moundou") in types and ("Violent demonstration", "N'Djamena") in types


def test_a_place_heading_places_the_reports_under_it_until_the_next_heading():
    # a rights bulletin: each section opens with its city in capitals
    text = ("Our monitors recorded the following situations on Monday.\n\n"
            "MOUNDOU (Logone Occidental).\n\nPolice fired tear gas to disperse students who had blocked the main road.\n\n"
            "ABECHE.\n\nHundreds of traders marched peacefully to the town hall.\n\n"
            "Context.\n\nThe strike was called against the new tax law.")
    assert sorted(_types(text)) == [("Peaceful protest", "Abeche"), ("Protest with intervention", "Moundou")]


def test_a_square_named_after_a_man_is_no_town():
    [event] = extract_events("In Bogota, thousands of people marched peacefully to the Plaza de Bolivar on Tuesday.", PUB)
    assert event["location"]["name"] in ("Bogota", "Bogotá")


def test_the_commune_a_hamlet_is_in_is_finer_than_the_region():
    [event] = extract_events("In the Dosso region, gunmen killed four villagers in a hamlet in the commune of Falmeytoussa on Sunday.", PUB)
    assert (event["location"]["name"], event["location"]["geo_precision"]) == ("Falmeytoussa", 2)


def test_the_bombers_of_a_suicide_bombing_are_no_aircraft():
    text = ("Two suicide bombers blew themselves up at a market in Maroua on Sunday, killing six people. "
            "The bombers, both women, struck at about noon, police said.")
    assert _types(text) == [("Suicide bomb", "Maroua")]


def test_a_mob_that_sets_a_man_ablaze_is_mob_violence_and_a_teenager_is_one_dead():
    [event] = extract_events("In Maroua, a mob on Sunday set ablaze a man suspected of stealing a goat, police said.", PUB)
    assert (event["sub_event_type"], event["interaction"]) == ("Mob violence", 57)
    [event] = extract_events("Two gendarmes and a teenager were killed in clashes between protesters and police in Maroua on Sunday.", PUB)
    assert event["fatalities"]["best"] == 3


def test_a_city_and_a_colon_opening_the_story_is_its_dateline_not_its_place():
    [event] = extract_events("Lucknow: Gunmen killed three villagers in Bahraich district on Sunday night, police said.", PUB)
    assert event["location"]["name"] != "Lucknow"
    [event] = extract_events("PESHAWAR / BANNU: Security forces killed four terrorists in an operation in Bajaur on Sunday.", PUB)
    assert event["location"]["name"] not in ("Peshawar", "Bannu")


def test_a_wars_toll_since_violence_broke_out_is_no_events_toll_and_village_volunteers_are_people():
    text = ("Two village volunteers were killed in a gunfight near Moirang on Sunday, police said. "
            "More than 100 people have been killed since ethnic violence broke out in May.")
    assert [e["fatalities"]["best"] for e in extract_events(text, PUB)] == [2]


def test_parts_of_the_capital_are_in_the_capital():
    text = ("DHAKA, Nov 13 -- Police arrested 40 opposition activists in Narayanganj on Sunday. "
            "Unidentified men set fire to three buses in different parts of the capital on Sunday evening, firefighters said.")
    assert ("Looting/property destruction", "Dhaka") in _types(text)


def test_a_wanted_man_captured_is_an_arrest_by_the_state_and_an_abduction_by_others():
    [event] = extract_events("In Medellin, police captured alias 'El Tigre', identified as the leader of a local gang, on Sunday.", PUB)
    assert event["sub_event_type"] == "Arrests"
    [event] = extract_events("Gunmen seized two suspected informants in the town of Gwoza on Sunday.", PUB)
    assert event["sub_event_type"] == "Abduction/forced disappearance"
    [event] = extract_events("Rebels captured the town of Gwoza on Sunday.", PUB)
    assert event["sub_event_type"] == "Non-state actor overtakes territory"


def test_a_confrontation_with_troops_is_a_battle_and_rubber_coated_bullets_break_up_a_protest():
    [event] = extract_events("Four suspected gang members were killed on Sunday in a confrontation with marines near Reynosa.", PUB)
    assert (event["sub_event_type"], event["fatalities"]["best"]) == ("Armed clash", 4)
    [event] = extract_events("Police fired rubber-coated metal bullets at the weekly demonstration in Bilin on Sunday.", PUB)
    assert event["sub_event_type"] == "Protest with intervention"
    assert extract_events("The minister said a confrontation with the opposition was not his aim.", PUB) == []


def test_a_trend_of_attacks_is_no_event_but_a_toll_that_rose_still_counts():
    assert extract_events("Since the coup, jihadist attacks have intensified in the Dosso region.", PUB) == []
    assert extract_events("The town of Gwoza has since been hit by several suicide bombings.", PUB) == []
    [event] = extract_events("The toll from government air raids on Gwoza on Sunday has risen to 12 dead, medics said.", PUB)
    assert event["fatalities"]["best"] == 12


def test_troops_who_enter_a_village_in_search_of_fighters_take_no_territory():
    assert extract_events("Soldiers entered the village of Bali at dawn on Sunday in search of separatist fighters.", PUB) == []


def test_demonstrators_who_occupy_a_building_take_no_territory():
    text = "Police fired tear gas in Niamey on Sunday as thousands of demonstrators occupied the state broadcaster."
    assert [e["sub_event_type"] for e in extract_events(text, PUB)] == ["Protest with intervention"]


def test_a_site_in_a_neighbourhood_the_gazetteer_lacks_is_there():
    text = ("NIAMEY (AP) -- Police fired tear gas at demonstrators in Niamey on Saturday. "
            "On Sunday, police detained two opposition leaders at their party's headquarters in Lazaret, a spokesman said.")
    assert ("Arrests", "Lazaret") in _types(text)


def test_a_longer_spanish_or_portuguese_name_is_not_the_town_of_its_first_or_last_word():
    [event] = extract_events("A bus driver was shot dead on Sunday in San Juan de Miraflores, a district of Lima, police said.", PUB)
    assert event["location"]["country"] == "Peru"
    [event] = extract_events("Six people were killed on Sunday during a police raid in the Complexo da Penha, in Rio de Janeiro.", PUB)
    assert event["location"]["name"] == "Rio de Janeiro"


def test_those_a_killing_was_done_by_are_not_its_dead():
    [event] = extract_events("A taxi driver was shot dead on Sunday night in Lima, police said, by two men on a motorcycle.", PUB)
    assert event["fatalities"]["best"] == 1


def test_a_protester_killed_by_a_tear_gas_canister_met_excessive_force_not_shelling():
    [event] = extract_events("A 19-year-old protester died on Sunday in Quito after being struck in the head by a tear gas canister, "
                             "his family said.", PUB)
    assert (event["sub_event_type"], event["fatalities"]["best"]) == ("Excessive force against protesters", 1)
    [event] = extract_events("A protester was hit by rubber bullets in Quito on Sunday.", PUB)
    assert event["sub_event_type"] == "Protest with intervention"


def test_the_ends_of_a_range_are_not_more_dead():
    [event] = extract_events("An air strike killed 11 people in Douma on Sunday, ranging from a baby girl to a 70-year-old man.", PUB)
    assert event["fatalities"]["best"] == 11


def test_a_flash_mob_march_is_a_peaceful_protest():
    [event] = extract_events('In Mandalay, several hundred residents held a dawn "flash mob" march on Sunday, dispersing within minutes.', PUB)
    assert event["sub_event_type"] == "Peaceful protest"


def test_the_fighters_a_force_clashed_with_are_not_its_dead():
    [event] = extract_events("Troops clashed with about 20 rebels near Jolo on Sunday, killing three of them, the army said.", PUB)
    assert event["fatalities"]["best"] == 3


def test_shops_burned_when_an_angry_crowd_ran_amok_are_mob_violence_and_crowds_that_loot_are_no_victims():
    [event] = extract_events("Twelve kiosks were set on fire when an angry crowd ran amok in Jayapura on Sunday.", PUB)
    assert event["sub_event_type"] == "Mob violence"
    [event] = extract_events("Overnight in Valencia, Venezuela, crowds looted at least 20 shops, merchants said on Sunday.", PUB)
    assert event["actor2"] is None or event["actor2"]["inter"] != 6


def test_here_is_the_datelines_town():
    text = ("ZAMBOANGA CITY - An unidentified man hurled a grenade at a grocery store along the main avenue here "
            "on Sunday night, wounding six people, police said.")
    [(sub, name)] = _types(text)
    assert sub == "Grenade" and name.startswith("Zamboanga")


def test_a_village_of_three_words_and_a_military_post_in_a_place_the_gazetteer_lacks():
    [event] = extract_events("Soldiers set fire to 40 houses in Kyee Pin Hla village in Sagaing Region on Sunday.", PUB)
    assert event["location"]["name"] == "Kyee Pin Hla"
    [event] = extract_events("Rebels attacked a military post in Bilogai, Intan Jaya regency, on Sunday.", PUB)
    assert event["location"]["name"] == "Bilogai"


def test_a_longer_name_ending_in_another_groups_name_is_not_that_group():
    [event] = extract_events("Fighters of the West Papua National Liberation Army attacked an army post in Intan Jaya on Sunday.", PUB)
    assert event["actor1"]["name"] != "ELN"
    [event] = extract_events("The National Liberation Army attacked a police station in Arauca on Sunday.", PUB)
    assert event["actor1"]["name"] == "ELN"


def test_men_on_motorcycles_who_fire_on_demonstrators_attack_them():
    [event] = extract_events("In Barquisimeto, a student was killed on Sunday when men on motorcycles opened fire on a group of "
                             "demonstrators.", PUB)
    assert (event["sub_event_type"], event["interaction"]) == ("Attack", 36)
    [event] = extract_events("A student died on Sunday after being hit by a tear-gas canister fired at close range by riot police "
                             "during a march in Barquisimeto.", PUB)
    assert event["sub_event_type"] == "Excessive force against protesters"


def test_strikes_on_homes_and_markets_hit_civilians_not_the_states_forces():
    [event] = extract_events("In Kharkiv, Russian drones struck a residential building in the Saltivskyi district on Sunday.", PUB)
    assert (event["actor2"] or {}).get("name") == "Civilians (Ukraine)"
    [event] = extract_events("Russian missiles struck a military airfield near Starokostiantyniv on Sunday.", PUB)
    assert (event["actor2"] or {}).get("name") == "Military Forces of Ukraine"


def test_riot_police_detaining_people_after_a_gathering_break_it_up():
    text = ('In Kazan, several hundred people gathered in the central square on Sunday evening, chanting "No to war!" '
            "Riot police began grabbing people almost immediately; monitors counted 120 detentions in the city.")
    assert [e["sub_event_type"] for e in extract_events(text, PUB)] == ["Protest with intervention"]


def test_a_presidents_first_name_is_no_town_and_since_is_no_place():
    text = "Protests against the mobilization announced by Vladimir Putin continued on Sunday in Kazan."
    assert [name for _, name in _types(text)] == ["Kazan"]


def test_a_lede_that_names_no_place_happened_in_the_one_town_its_headline_names():
    title = "Second night of protests in Kutaisi as police deploy water cannon"
    text = ("Riot police used water cannon and tear gas to disperse thousands of protesters outside the city hall on Sunday night. "
            "The Georgian opposition called for more rallies. "
            "Protests also took place in Batumi, where several thousand people marched to the regional government building.")
    names = sorted(e["location"]["name"] for e in extract_events(text, PUB, title))
    assert names == ["Batumi", "Kutaisi"]
    # a headline's word that is no place of the article's country places nothing
    title = "Sarin used in attack, experts say"
    assert all(e["location"]["name"] != "Sarin" for e in extract_events("A chemical attack killed 30 people in Idlib province on Sunday.", PUB, title))


def test_blockades_and_slow_convoys_are_protests():
    assert _types("In Kutaisi, students blocked the central Chavchavadze Avenue for two hours on Sunday.") == [("Peaceful protest", "Kutaisi")]
    assert _types("Farmers kept up their blockade of the A7 motorway near Valence on Sunday.")[0][0] == "Peaceful protest"
    assert sorted(_types("Farmers staged slow-moving tractor convoys in Munich and Stuttgart on Sunday.")) == [
        ("Peaceful protest", "Munich"), ("Peaceful protest", "Stuttgart")]


def test_what_a_side_will_do_until_a_town_is_taken_is_a_goal_not_an_event():
    assert extract_events('A KIA spokesman said on Sunday that its units would keep fighting until Bhamo and Myitkyina '
                          'were "liberated".', PUB) == []
    [event] = extract_events("Fighting raged until dawn in Kidal on Sunday, residents said.", PUB)
    assert event["sub_event_type"] == "Armed clash"


def test_what_a_group_is_known_for_is_no_event_and_blasting_caps_are_no_territory():
    assert extract_events("The Abu Sayyaf, notorious for kidnappings and beheadings, has been weakened by years of "
                          "military offensives and surrenders.", PUB) == []
    [event] = extract_events("Police in Jolo arrested a bomb maker on Sunday, seizing blasting caps and wires.", PUB)
    assert event["sub_event_type"] == "Arrests"


def test_the_other_sides_dead_in_a_sentence_whose_only_event_word_is_no_event_join_the_battle():
    text = ("At least nine soldiers were killed on Sunday when their patrol was ambushed near Ayorou, the ministry said.\n\n"
            '"Several dozen terrorists" were killed by ground units and by aircraft called in as reinforcements, '
            "the ministry said on Monday.\n\nThe government declared three days of mourning.\n\n"
            "Schools in the region have been closed for months.")
    [event] = [e for e in extract_events(text, PUB) if e["sub_event_type"] == "Armed clash"]
    assert event["fatalities"]["best"] == 21


def test_a_district_named_with_its_regions_possessive_and_a_local_type_word_is_the_district():
    # "regency" (Indonesia's kabupaten), "raion", "upazila", "taluka": district type words of world news
    [event] = extract_events("Gunmen attacked a health post in Papua's Intan Jaya regency on Monday, killing two nurses.", PUB)
    assert event["location"]["name"] == "Intan Jaya"
    # a health post and its nurses are civilians: an attack, not a battle
    assert (event["sub_event_type"], event["actor2"]["name"]) == ("Attack", "Civilians (Indonesia)")


def test_venezuelas_colectivos_are_a_pro_government_militia():
    [event] = extract_events("Armed colectivos on motorcycles fired on opposition demonstrators in Caracas on Tuesday, "
                             "killing one protester.", PUB)
    assert (event["actor1"]["name"], event["actor1"]["inter"]) == ("Colectivos", 3)


def test_a_groups_supporters_are_a_crowd_associated_with_it():
    [event] = extract_events("Tens of thousands of Houthi supporters rallied in Sanaa on Friday to denounce the strikes.", PUB)
    assert event["sub_event_type"] == "Peaceful protest"
    assert (event["actor1"]["name"], event["assoc_actor1"]) == ("Protesters (Yemen)", ["Houthis"])


def test_a_garrison_overrun_is_territory_taken():
    [event] = extract_events("The militia overran the army garrison in Kodok on Tuesday.", PUB)
    assert event["sub_event_type"] == "Non-state actor overtakes territory"


def test_a_bomb_hidden_by_a_road_is_an_ied_and_a_distance_from_a_city_only_locates_the_place_named():
    [event] = extract_events("A bomb hidden on the roadside tore through a bus near Balad, about 20 kilometers (12 miles) "
                             "north of Mogadishu, on Sunday, killing three passengers.", PUB)
    assert (event["sub_event_type"], event["location"]["name"]) == ("Remote explosive/landmine/IED", "Balad")


def test_an_event_a_day_before_the_one_told_is_news_dated_the_day_before():
    # "a day after X": X is recent news, on the day before the day named; weeks after X, X is background
    events = extract_events("Gunmen shot dead four farmers near Gao on Friday, police said, a day after a suicide "
                            "car bomber hit an army camp in Menaka.", PUB)
    assert sorted((e["sub_event_type"], e["location"]["name"], e["event_date"]) for e in events) == [
        ("Attack", "Gao", "2019-03-01"), ("Suicide bomb", "Menaka", "2019-02-28")]
    [event] = extract_events("Gunmen shot dead four farmers near Gao on Friday, police said, three weeks after a suicide "
                             "car bomber hit an army camp in Menaka.", PUB)
    assert event["location"]["name"] == "Gao"


def test_an_explosives_laden_vehicle_rammed_into_a_camp_is_a_suicide_bomb():
    [event] = extract_events("Late on Thursday, a bomber rammed an explosives-laden vehicle into the wall of an army "
                             "camp in Mastung district, the military said.", PUB)
    assert (event["sub_event_type"], event["location"]["name"]) == ("Suicide bomb", "Mastung")
    [event] = extract_events("An explosives-laden car parked outside a bank in Kirkuk exploded on Monday, killing three people.", PUB)
    assert event["sub_event_type"] == "Remote explosive/landmine/IED"


def test_soldiers_freed_in_a_swap_are_no_territory_and_the_towns_evacuees_came_from_are_not_where_they_were_hit():
    assert extract_events("Eight government soldiers were freed in return for six rebel fighters in Taiz on Sunday.", PUB) == []
    [event] = extract_events("At least 40 evacuees from the towns of Fuaa and Kafraya were killed on Saturday when a car bomb "
                             "hit their buses at a transit point west of Aleppo.", PUB)
    assert event["location"]["name"] == "Aleppo"


def test_a_local_unit_word_says_the_country_and_wild_land_is_named_after_its_settlement():
    # "upazila" is Bangladesh's: not India's Raipur, which GeoNames also spells Raipura
    [event] = extract_events("In Narsingdi, a group of people vandalised a shrine in Raipura upazila on Sunday, police said.", PUB)
    assert (event["location"]["name"], event["location"]["country"]) == ("Raipura", "Bangladesh")
    # a group of people wrecking a shrine is a mob, as ACLED codes it, not an organised group's destruction
    assert (event["sub_event_type"], event["actor1"]["name"]) == ("Mob violence", "Rioters (Bangladesh)")
    [event] = extract_events("Security forces killed five Maoists in an encounter in the forests of Abujhmarh in Narayanpur "
                             "district on Sunday, police said.", PUB)
    assert event["location"]["name"] == "Abujhmarh"


def test_perpetrators_the_news_cannot_name_are_an_unidentified_armed_group():
    [event] = extract_events("Unidentified persons set fire to a dozen houses in a village of Bishnupur district on Sunday.", PUB)
    assert event["actor1"]["name"] == "Unidentified armed group"


def test_a_past_day_told_with_the_trigger_makes_it_background_whatever_else_the_clause_dates():
    assert extract_events("The army closed the crossing last Sunday amid a dispute over the ceasefire that took effect "
                          "on December 2.", PUB) == []


def test_a_sea_named_after_a_place_is_not_the_place_and_attacks_counted_over_months_are_no_event():
    assert extract_events("The rebels launched dozens of drone attacks on ships in the Gulf of Aden between November "
                          "and January.", PUB) == []


def test_attacks_that_stopped_are_no_event():
    assert extract_events("The attacks in Sanaa largely stopped after the truce, residents said.", PUB) == []
    # an agreement in force named as a time ("after the truce") is not one made; one signed is
    assert extract_events("Shops reopened in Sanaa after the truce, residents said.", PUB) == []
    assert [e["sub_event_type"] for e in extract_events("The two sides signed a truce in Sanaa on Sunday.", PUB)] == ["Agreement"]


def test_a_planted_bomb_that_targeted_a_vehicle_is_one_ied_not_a_bombardment_too():
    [event] = extract_events("Four soldiers were killed on Tuesday when an explosive device planted by militants targeted "
                             "their vehicle in Mudiyah district, a military official said.", PUB)
    assert event["sub_event_type"] == "Remote explosive/landmine/IED"


def test_an_armed_group_that_rounds_up_people_abducts_them_and_a_town_across_the_river_is_only_a_landmark():
    events = extract_events("On Saturday, RSF troops stormed Rufaa, on the east bank of the Blue Nile opposite El Hasaheisa, "
                            "and rounded up young men in the town.", PUB)
    taken = [e for e in events if e["sub_event_type"] == "Abduction/forced disappearance"]
    assert [(e["actor1"]["name"], e["location"]["name"]) for e in taken] == [("Rapid Support Forces", "Rufaa")]
    # a group that took its country's government arrests as a state does
    [event] = extract_events("Taliban fighters detained three former soldiers in Bazarak on Sunday.", PUB)
    assert event["sub_event_type"] == "Arrests"


def test_a_drone_that_slammed_into_a_market_is_a_drone_strike():
    [event] = extract_events("An RSF drone slammed into a vegetable market in Omdurman on Saturday, killing seven people.", PUB)
    assert event["sub_event_type"] == "Air/drone strike"


def test_raids_a_side_is_said_to_be_behind_and_attacks_of_a_series_are_no_new_events():
    assert extract_events("Officials have denied that youths from the area are behind raids in Jonglei.", PUB) == []
    [event] = extract_events("Gunmen killed five villagers in Jonglei on Monday, the latest in a string of attacks in the state.", PUB)
    assert event["sub_event_type"] == "Attack"


def test_the_provincial_capital_under_a_dateline_is_the_datelines_town_and_burned_bills_are_a_gesture():
    text = ("LAHORE: Protests against power bills spread to several cities of Punjab on Monday.\n\n"
            "In the provincial capital, police fired tear gas to disperse hundreds of protesters.\n\n"
            "In Faisalabad, women gathered at a square and set fire to their bills.")
    events = extract_events(text, PUB)
    assert ("Protest with intervention", "Lahore") in [(e["sub_event_type"], e["location"]["name"]) for e in events]
    assert "Looting/property destruction" not in [e["sub_event_type"] for e in events]


@pytest.mark.parametrize("victims", ["evacuees", "displaced people", "returnees", "shopkeepers", "schoolchildren", "mourners"])
def test_the_civilians_news_names_by_their_plight_or_trade_are_counted_and_coded_as_civilians(victims):
    [event] = extract_events(f"At least 14 {victims} were killed on Tuesday when a car bomb exploded near a bus station in Kabul.", PUB)
    assert event["fatalities"]["best"] == 14
    assert event["actor2"]["name"].startswith("Civilians") and event["interaction"] == 37


def test_armed_men_killed_in_a_fight_with_troops_are_the_other_side_of_the_fight():
    [event] = extract_events("Six gunmen were killed on Tuesday in a confrontation with army troops near Kaduna, police said.", PUB)
    assert event["sub_event_type"] == "Armed clash"
    assert {event["actor1"]["name"], event["actor2"]["name"]} == {"Unidentified armed group", "Military Forces of Nigeria"}
    assert event["interaction"] == 13 and event["fatalities"]["best"] == 6


def test_victims_named_by_their_kin_with_an_aside_and_a_time_before_by_are_an_attack():
    [event] = extract_events("Four members of one family, including a baby, were killed overnight by armed men "
                             "in a village near Kaduna, police said on Tuesday.", PUB)
    assert event["sub_event_type"] == "Attack" and event["fatalities"]["best"] == 4
    assert event["actor1"]["name"] == "Unidentified armed group" and event["interaction"] == 37


@pytest.mark.parametrize("sentence", [
    "Armed raiders stole some 200 cattle from herders near Nakuru on Tuesday, police said.",
    "About 80 goats and 12 camels were driven off by armed raiders near Nakuru on Tuesday.",
])
def test_livestock_raided_without_harm_is_looting_by_an_armed_group(sentence):
    [event] = extract_events(sentence, PUB)
    assert event["sub_event_type"] == "Looting/property destruction"
    assert event["actor1"]["name"] == "Unidentified armed group"


def test_an_incident_log_places_each_entry_at_its_heading_and_in_the_country_its_places_agree_on():
    # a monitor's log names no country; its entries' places, each only Kenya's, say where it is, and a
    # name GeoNames has only abroad (Kargi, Turkey) is a settlement of the log's county instead
    text = ("Turkana County incident log, 1-7 May\n\n"
            "2 May, Lodwar: two herders were shot dead by armed raiders on the road to the market.\n\n"
            "3 May, Kakuma: police recovered three rifles hidden in a hut following a tip-off.\n\n"
            "4 May, Kargi area: about 150 goats were driven off by a group of armed raiders. No one was hurt.")
    events = extract_events(text, "2019-05-09")
    assert [(e["sub_event_type"], e["location"]["name"], e["location"]["country"], e["event_date"]) for e in events] == [
        ("Attack", "Lodwar", "Kenya", "2019-05-02"),
        ("Disrupted weapons use", "Kakuma", "Kenya", "2019-05-03"),
        ("Looting/property destruction", "Kargi", "Kenya", "2019-05-04")]


def test_a_toll_counted_over_the_first_months_of_the_year_is_a_total_not_an_event():
    text = ("Angry youths set up roadblocks in Jos on Tuesday and stoned passing cars, police said.\n\n"
            "A rights group says clashes between herders and farmers killed more than 900 people across the country "
            "in the first six months of this year.")
    events = extract_events(text, PUB)
    assert [e["sub_event_type"] for e in events] == ["Violent demonstration"] and events[0]["fatalities"] is None


def test_men_picked_up_by_police_are_arrested_not_fought():
    [event] = extract_events("Seven men were picked up by police in raids across Peshawar on Tuesday.", PUB)
    assert event["sub_event_type"] == "Arrests" and event["interaction"] == 17


def test_a_person_seized_from_his_home_is_abducted_not_a_place_taken():
    [event] = extract_events("The rebels are holding a village administrator they seized from his home near Mandalay on Tuesday night.", PUB)
    assert event["sub_event_type"] == "Abduction/forced disappearance"


def test_the_detained_leader_of_a_march_is_no_new_arrest():
    events = extract_events("Thousands marched through Mandalay on Tuesday carrying portraits of the detained leader.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Peaceful protest"]


@pytest.mark.parametrize("sentence", [
    "A Maoist was shot dead in an exchange of fire with police in a forest near Raipur on Tuesday.",
    "A rebel was gunned down during a gunfight with troops near Raipur on Tuesday.",
])
def test_one_shot_dead_in_a_firefight_is_the_battles_dead_not_an_attack_on_civilians(sentence):
    [event] = extract_events(sentence, PUB)
    assert event["sub_event_type"] == "Armed clash" and event["interaction"] == 12
    assert event["fatalities"]["best"] == 1


def test_a_jihadist_assault_counts_no_jihadist():
    [event] = extract_events("Militants killed 40 guards in a jihadist assault on a gas field near Homs on Tuesday.", PUB)
    assert event["fatalities"]["best"] == 40


@pytest.mark.parametrize("sentence", [
    "A rally planned by the opposition for last Saturday in Harare did not take place after police refused a permit.",
    "A march planned for Saturday in Harare was called off after police refused permission.",
])
def test_a_protest_called_off_or_that_did_not_take_place_is_no_event(sentence):
    assert extract_events(sentence, PUB) == []


def test_a_protest_held_stays_when_another_planned_was_cancelled():
    events = extract_events("Thousands marched in Harare on Saturday, and a rally planned for Sunday was cancelled.", PUB)
    assert [(e["sub_event_type"], e["event_date"]) for e in events] == [("Peaceful protest", "2019-03-02")]


def test_those_killed_in_the_unrest_so_far_are_a_total_not_an_event():
    assert extract_events("Rights groups say at least 30 people have been killed in the unrest in Harare, and thousands have fled.", PUB) == []


@pytest.mark.parametrize("sentence", [
    "Militiamen fought alongside the army against the rebels during the 2016-2018 war in the north.",
    "During the 2016-2018 war, troops shelled villages across the north of Chad.",
    "Exactly one year after gunmen attacked villages near Jos on New Year's Eve, survivors say they still wait for justice.",
])
def test_a_bounded_war_and_an_anniversary_are_history_not_news(sentence):
    assert extract_events(sentence, PUB) == []


def test_police_intervention_told_two_sentences_on_codes_the_march_as_one_event():
    text = ("About 2,000 people marched through Yangon on Monday demanding the release of detained students, "
            "in the latest protest against the arrests.\n\n"
            "The protesters gathered at the Yangon city hall in the morning. Police blocked the road and fired rubber "
            "bullets when some marchers tried to push through the line, injuring at least four, organisers said.")
    events = extract_events(text, PUB)
    assert [(e["sub_event_type"], e["location"]["name"], e["interaction"]) for e in events] == [
        ("Protest with intervention", "Yangon", 16)]


def test_a_region_named_with_its_type_word_outvotes_the_states_listed_as_reacting():
    text = ("Soldiers shot dead four protesters in Monywa, in Sagaing Region, on Tuesday, witnesses said.\n\n"
            "The defence chiefs of a dozen countries, including the United States, Britain and Japan, condemned the killings.")
    events = extract_events(text, PUB)
    assert [(e["sub_event_type"], e["location"]["name"], e["location"]["country"]) for e in events] == [
        ("Excessive force against protesters", "Monywa", "Myanmar")]


def test_portraits_of_a_detained_leader_are_no_arrest():
    events = extract_events("Thousands marched in Mandalay on Tuesday carrying portraits of detained leader Aung San Suu Kyi.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Peaceful protest"]


@pytest.mark.parametrize("sentence", [
    "Fighting between the army and the rebels has displaced more than 40,000 people in Kachin since March, the UN said.",
    "More than 2.1 million people have been displaced in Ituri by the fighting, according to the UN.",
])
def test_displacement_counted_over_a_war_is_no_event(sentence):
    assert extract_events(sentence, PUB) == []


def test_a_battle_that_displaced_people_on_the_day_stays_an_event():
    [event] = extract_events("Heavy fighting between the army and rebels near Goma on Monday displaced thousands of people, officials said.", PUB)
    assert event["sub_event_type"] == "Armed clash"


def test_the_attackers_counted_after_by_are_not_among_the_dead():
    [event] = extract_events("Four villagers were hacked to death near Kaduna on Tuesday by a group of around 30 armed men "
                             "who arrived on motorcycles, police said.", PUB)
    assert event["fatalities"]["best"] == 4


def test_the_troops_own_dead_told_after_the_insurgents_they_killed_are_added_to_the_battle():
    text = ("Troops killed at least nine insurgents in a firefight near Maiduguri on Tuesday, the army said.\n\n"
            "A patrol had come under fire on a track west of the city, a spokesman said. "
            "One soldier was killed and three were wounded in the exchange, he said.")
    [event] = extract_events(text, PUB)
    assert event["sub_event_type"] == "Armed clash" and event["fatalities"]["best"] == 10


def test_an_office_burned_down_and_members_beaten_with_sticks_are_told_in_the_passive():
    text = ("The local office of the opposition party in Gitega was burned down overnight from Sunday to Monday. "
            "Three party members were beaten with sticks on Saturday evening near Gitega by a group of young men.")
    assert sorted(e["sub_event_type"] for e in extract_events(text, PUB)) == ["Attack", "Looting/property destruction"]


def test_a_sports_defeat_is_no_beating():
    assert extract_events("The national team was beaten 3-1 by Ghana in Abuja on Saturday.", PUB) == []


def test_a_post_at_a_settlement_the_gazetteer_lacks_is_placed_there():
    [event] = extract_events("Soldiers repelled an attack on a military post at Zilbaro in Cameroon's Far North region "
                             "on Sunday, killing 15 Boko Haram fighters.", PUB)
    assert event["location"]["name"] == "Zilbaro" and event["location"]["country"] == "Cameroon"


def test_forces_firing_on_stone_throwing_youths_who_marched_is_the_crowds_event_not_an_attack():
    events = extract_events("A teenager died of bullet wounds in Srinagar on Sunday after security forces opened fire on "
                            "stone-throwing youths who had marched towards an army camp.", PUB)
    assert len(events) == 1
    [event] = events
    assert event["sub_event_type"] in ("Violent demonstration", "Excessive force against protesters")
    assert event["fatalities"]["best"] == 1 and event["actor2"]["inter"] in (1, 6)


def test_a_distance_from_a_town_places_the_event_near_it_not_at_a_source():
    [event] = extract_events("GOMA - At least six miners were killed on Tuesday in an attack on a gold-mining site a few kilometres "
                             "from Bunia, local sources said.", PUB)
    assert (event["sub_event_type"], event["location"]["name"], event["location"]["geo_precision"]) == ("Attack", "Bunia", 2)
    assert event["fatalities"]["best"] == 6


def test_a_distance_from_a_settlement_the_gazetteer_lacks_names_a_place():
    [event] = extract_events("Five farmers were abducted in their fields about 3 km from Kalitunga by armed men "
                             "in Congo's North Kivu province on Tuesday.", PUB)
    assert event["sub_event_type"] == "Abduction/forced disappearance"
    assert event["location"]["name"] == "Kalitunga" and event["location"]["country"] == "Democratic Republic of the Congo"


def test_elders_of_two_communities_signing_a_cessation_of_hostilities_is_an_agreement_of_their_militias():
    [event] = extract_events("Turkana and Pokot elders signed a cessation of hostilities in Lodwar on Tuesday.", PUB)
    assert event["sub_event_type"] == "Agreement" and event["interaction"] == 44


def test_an_armed_group_that_rules_a_town_firing_to_disperse_a_rally_is_excessive_force():
    # the codebook's excessive force is lethal force against a demonstration, whoever breaks it up
    [event] = extract_events("Houthi gunmen opened fire to disperse a rally in Sanaa on Tuesday, killing two students.", PUB)
    assert event["sub_event_type"] == "Excessive force against protesters"
    assert event["interaction"] == 26 and event["fatalities"]["best"] == 2


def test_a_deal_people_acted_under_is_no_agreement_made():
    events = extract_events("Police arrested four men in Kirkuk on Tuesday, two of whom had returned home under the "
                            "reconciliation deal.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Arrests"]


@pytest.mark.parametrize("sentence, actor", [
    ("Turkish occupation forces shelled villages north of Aleppo on Tuesday.", "Military Forces of Turkey"),
    ("Israeli enemy warplanes struck a military position near Damascus on Tuesday.", "Military Forces of Israel"),
])
def test_a_state_medias_words_for_a_foreign_army_keep_its_country(sentence, actor):
    [event] = extract_events(sentence, PUB)
    assert event["actor1"]["name"] == actor


def test_a_street_named_after_a_city_is_not_that_city():
    [event] = extract_events("A car bomb exploded on Baghdad street in Damascus on Tuesday, killing three people.", PUB)
    assert (event["location"]["name"], event["location"]["country"]) == ("Damascus", "Syria")


def test_the_day_a_since_clause_names_dates_the_deed_of_its_when_clause():
    assert extract_events("The army has held Palmyra since March 2017, when it drove Islamic State fighters out "
                          "of the city.", PUB) == []


def test_the_old_city_of_daraa_is_in_daraa_not_a_damascus_suburb():
    [event] = extract_events("Shelling hit Daraa al-Balad on Tuesday, killing two civilians.", PUB)
    assert event["location"]["admin1"] == "Daraa"


def test_armed_men_shooting_a_police_officer_is_an_event_even_when_he_survives():
    [event] = extract_events("Gunmen shot a police officer at a checkpoint in Kano on Tuesday.", PUB)
    assert event["sub_event_type"] in ("Armed clash", "Attack") and event["actor2"]["inter"] == 1
    assert (event["fatalities"] or {}).get("best") in (None, 0)


@pytest.mark.parametrize("sentence", [
    "Unidentified gunmen opened fire on the district commissioner outside his home in Kano on Tuesday, killing him.",
    "Gunmen shot a police officer in Kano on Tuesday, killing him.",      # the man counted once, not twice
])
def test_killing_him_counts_one_dead(sentence):
    [event] = extract_events(sentence, PUB)
    assert event["fatalities"]["best"] == 1


def test_a_man_beaten_to_death_by_a_crowd_is_mob_violence():
    [event] = extract_events("A suspected thief was beaten to death by a crowd in Recife on Tuesday.", PUB)
    assert event["sub_event_type"] == "Mob violence" and event["interaction"] == 57
    assert event["fatalities"]["best"] == 1


@pytest.mark.parametrize("sentence", [
    "Residents of a Lagos suburb caught two men they accused of robbery and beat and burned them to death on Tuesday.",
    "A crowd in Lagos pulled out two passengers they accused of kidnapping and stoned them to death on Tuesday.",
])
def test_a_crowd_that_kills_those_it_caught_is_mob_violence_not_a_withdrawal(sentence):
    [event] = extract_events(sentence, PUB)
    assert event["sub_event_type"] == "Mob violence" and event["fatalities"]["best"] == 2


def test_what_has_been_going_on_where_an_event_happened_is_no_event_of_its_own():
    events = extract_events("Gunmen killed four farmers on Tuesday near Jos, where armed groups have been expanding their "
                            "control over grazing land.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Attack"]


def test_people_forced_from_their_homes_are_displaced_not_a_territory_taken():
    assert extract_events("Militants forced hundreds of families out of their homes in Kaduna on Tuesday, residents said.", PUB) == []


def test_armed_men_storming_an_area_and_killing_people_is_an_attack_on_them():
    [event] = extract_events("Gang members stormed a farming district outside Port-au-Prince on Tuesday, killing at least "
                             "nine people.", PUB)
    assert event["sub_event_type"] == "Attack" and event["actor2"]["inter"] == 7


@pytest.mark.parametrize("sentence, dead", [
    ("Bandits stopped a minibus near Gusau on Tuesday, kidnapped nine of the travellers and shot three of them dead.", 3),
    ("Militiamen raided a fishing camp near Bunia on Tuesday and shot four fishermen dead.", 4),
])
def test_shot_with_its_victims_between_shot_and_dead_is_an_attack_with_its_dead(sentence, dead):
    [event] = extract_events(sentence, PUB)
    assert event["sub_event_type"] == "Attack" and event["fatalities"]["best"] == dead


def test_a_state_named_with_its_type_word_is_that_countrys_state():
    [event] = extract_events("Gunmen killed six villagers in Adamawa state on Tuesday, police said.", PUB)
    assert event["location"]["country"] == "Nigeria"


@pytest.mark.parametrize("sentence, dead", [
    ("A soldier shot dead two herders at a checkpoint near Gao on Tuesday.", 2),
    ("A drunken policeman killed two traders at a roadblock in Kisumu on Tuesday.", 2),
    ("Two soldiers killed in an ambush near Gao on Tuesday were buried on Wednesday.", 2),
])
def test_the_counted_killer_is_not_one_of_the_dead(sentence, dead):
    [event] = extract_events(sentence, PUB)
    assert event["fatalities"]["best"] == dead


@pytest.mark.parametrize("sentence", [
    "Houthi fighters launched a cruise missile at Abha on Tuesday, but it was shot down by Saudi air defences.",
    "Saudi air defences on Tuesday intercepted a ballistic missile fired by Houthi fighters towards Abha.",
])
def test_a_missile_shot_down_is_disrupted_weapons_use_only(sentence):
    [event] = extract_events(sentence, PUB)
    assert event["sub_event_type"] == "Disrupted weapons use"
    assert event["actor1"]["name"] == "Military Forces of Saudi Arabia" and event["actor2"]["inter"] == 2


def test_a_salvo_partly_intercepted_is_also_an_attack():
    types = {e["sub_event_type"] for e in extract_events(
        "Air defences intercepted most of the 30 rockets fired from Gaza at Sderot on Tuesday, the army said.", PUB)}
    assert types == {"Disrupted weapons use", "Shelling/artillery/missile attack"}


def test_a_countrys_weapon_system_that_acts_is_not_a_place():
    [event] = extract_events("Israel's Arrow system intercepted a missile fired from Yemen at Eilat on Tuesday, the army said.", PUB)
    assert event["location"]["name"] == "Eilat"


def test_rockets_fired_from_one_place_at_another_land_at_the_second():
    [event] = extract_events("Militants fired 12 rockets from Gaza at Sderot on Tuesday, the Israeli military said.", PUB)
    assert event["location"]["name"] == "Sderot"


def test_air_defences_do_not_make_a_missile_attack_an_air_strike():
    types = {e["sub_event_type"] for e in extract_events(
        "Air defences intercepted most of the 30 rockets fired from Gaza at Ashkelon on Tuesday, the Israeli military said.", PUB)}
    assert "Air/drone strike" not in types


@pytest.mark.parametrize("sentence, taken", [
    ("Forces loyal to the region's former ruling party entered the provincial capital Kidal on Tuesday, residents said.",
     "Non-state actor overtakes territory"),
    ("Forces loyal to President Ibrahim Boubacar Keita retook the town of Kidal on Tuesday.", "Government regains territory"),
])
def test_forces_loyal_to_someone_are_the_side_they_follow(sentence, taken):
    [event] = extract_events(sentence, PUB)
    assert event["sub_event_type"] == taken


def test_a_town_that_only_measures_a_distance_is_not_what_the_city_refers_to():
    events = extract_events("Rebels seized the town of Bambari on Tuesday. The town lies about 380 kilometres northeast of the "
                            "capital, Bangui, on the main road to the east. Looting broke out in the city on Tuesday night, "
                            "residents said.", PUB)
    assert {e["location"]["name"] for e in events} == {"Bambari"}


@pytest.mark.parametrize("sentence", [
    "Church leaders meeting in Bamenda called for an end to the violence and the withdrawal of troops from Anglophone towns.",
    "Opposition parties have called for demonstrations next week in the capital, Yaounde.",
    "Rights groups have accused the army of extrajudicial killings and mass arrests in the Northwest region.",
    "Analysts said the collapse of the talks was likely to lead to renewed fighting in the Northwest region.",
])
def test_demands_allegations_of_a_pattern_and_forecasts_are_no_events(sentence):
    assert extract_events(sentence, PUB) == []


def test_tyres_set_on_fire_by_protesters_are_their_barricade_not_property_destroyed():
    types = [e["sub_event_type"] for e in extract_events(
        "In Bamenda, police fired tear gas at youths who threw stones and set tyres on fire on Tuesday.", PUB)]
    assert types == ["Violent demonstration"]


def test_protesters_stoning_vehicles_is_a_violent_demonstration():
    [event] = extract_events("Protesters blocked the road to Bamenda and stoned passing vehicles in Bafut on Tuesday.", PUB)
    assert event["sub_event_type"] == "Violent demonstration"


def test_protesters_named_in_another_deed_are_no_protest_of_their_own():
    types = [e["sub_event_type"] for e in extract_events(
        "A grenade was thrown at a police patrol in Ngozi on Tuesday, police said, blaming criminals infiltrated among the "
        "protesters.", PUB)]
    assert types == ["Grenade"]


def test_where_those_who_fled_arrived_is_not_where_it_happened():
    [kosti] = find_places("Families who arrived in Kosti on Wednesday said gunmen had burned their village on Monday.")
    assert kosti.surface == "Kosti" and kosti.role == "source"


def test_a_crowd_that_disperses_calmly_met_no_intervention():
    [event] = extract_events("Hundreds of teachers held a sit-in in Bukavu on Tuesday. The demonstrators dispersed calmly "
                             "after handing a petition to the governor.", PUB)
    assert event["sub_event_type"] == "Peaceful protest"


def test_a_base_handed_over_is_a_non_violent_transfer():
    [event] = extract_events("UN peacekeepers handed over their former logistics base in Kidal to the Malian army on Tuesday.", PUB)
    assert event["sub_event_type"] == "Non-violent transfer of territory"


@pytest.mark.parametrize("sentence", [
    "A grenade was thrown into a market in Baidoa on Tuesday, wounding five people; no one was killed, police said.",
    "No one was killed when a grenade exploded at a market in Baidoa on Tuesday, police said.",
])
def test_no_one_killed_is_zero_dead(sentence):
    [event] = extract_events(sentence, PUB)
    assert event["fatalities"]["best"] == 0


@pytest.mark.parametrize("follow_up", ["No casualties were reported.", "There were no injuries.", "No one was hurt, police said."])
def test_a_next_sentence_that_says_no_one_was_hurt_gives_zero_dead(follow_up):
    [event] = extract_events("Mortar shells landed near the central market of Kadugli on Tuesday. " + follow_up, PUB)
    assert event["fatalities"]["best"] == 0


def test_no_casualties_among_one_side_leaves_the_toll():
    [event] = extract_events("Rebels shelled Kadugli on Tuesday, killing two civilians. No casualties were reported among "
                             "soldiers.", PUB)
    assert event["fatalities"]["best"] == 2


def test_a_local_government_area_is_a_district_not_an_organisation():
    [event] = extract_events("Gunmen killed nine villagers in Kwanar Dutsinma, Maru Local Government Area, on Tuesday.", PUB)
    assert event["location"]["admin1"] == "Zamfara"


def test_a_town_handed_back_is_a_non_violent_transfer():
    [event] = extract_events("The rebels withdrew from the town of Lashio on Tuesday and handed it back to the army.", PUB)
    assert event["sub_event_type"] == "Non-violent transfer of territory"


def test_bodies_set_ablaze_by_a_mob_are_its_killing_not_property_destroyed():
    types = [e["sub_event_type"] for e in extract_events(
        "In Kano, a mob on Tuesday lynched two men accused of theft and set their bodies ablaze.", PUB)]
    assert types == ["Mob violence"]


@pytest.mark.parametrize("sentence", [
    "Clashes between security forces and supporters of the jailed opposition leader spread to Thies on Tuesday.",
    "Students at the university in Thies fought running battles with police on Tuesday.",
])
def test_a_crowd_fighting_the_states_forces_is_a_violent_demonstration(sentence):
    [event] = extract_events(sentence, PUB)
    assert event["sub_event_type"] == "Violent demonstration"


def test_weapons_recovered_in_a_clash_are_its_spoils_not_an_event_of_their_own():
    types = [e["sub_event_type"] for e in extract_events(
        "Troops killed three separatists in a clash in Batibo on Tuesday and recovered two locally made guns.", PUB)]
    assert types == ["Armed clash"]


def test_fighting_people_have_fled_with_no_day_told_is_no_event():
    assert extract_events("Thousands of families have fled the fighting in northern Rakhine.", PUB) == []


def test_a_television_crew_attacked_is_an_attack_on_civilians():
    [event] = extract_events("Suspected political thugs attacked a crew of a private television station in Ikeja on Tuesday.", PUB)
    assert event["sub_event_type"] == "Attack" and event["actor2"]["inter"] == 7


def test_a_deed_dated_to_a_month_of_a_past_year_far_after_the_verb_is_history():
    assert extract_events("A witness told the court on Tuesday how militiamen attacked Muslim neighbourhoods of the "
                          "Central African Republic's capital Bangui in December 2013, killing dozens of civilians.", PUB) == []


def test_a_deed_dated_to_this_years_month_is_news():
    [event] = extract_events("Gunmen killed 12 civilians in Bangui in March 2019, police said.", PUB)
    assert event["sub_event_type"] == "Attack"


@pytest.mark.parametrize("sentence, dead", [
    ("Soldiers fired on students marching in Abeche on Tuesday, killing one of them.", 1),
    ("Gunmen shot dead U Tin Maung, 48, a ward administrator, in Madaya on Tuesday.", 1),
    ("Jihadists attacked an army base in Djibo on Tuesday; 20 soldiers were killed along with dozens of assailants.", 32),
])
def test_the_dead_news_names_one_by_one_or_along_with_others(sentence, dead):
    events = extract_events(sentence, PUB)
    assert max(e["fatalities"]["best"] or 0 for e in events) == dead


def test_a_deed_dated_later_that_month_is_told_of_a_past_month():
    assert extract_events("A militant offensive in May encircled Kidal, but troops pushed back the assault the following "
                          "month.", PUB) == []


@pytest.mark.parametrize("sentence, name", [
    ("Pro-government militias attacked the village of Tawila in North Darfur on Tuesday, killing five civilians.",
     "Pro-Government Militia (Sudan)"),
    ("Pro-government militias shelled the town of Douma on Tuesday, killing five civilians.", "National Defence Forces"),
])
def test_a_generic_militia_word_names_syrias_ndf_only_in_syria(sentence, name):
    [event] = extract_events(sentence, PUB)
    assert event["actor1"] == {"name": name, "inter": 3}


@pytest.mark.parametrize("sentence, dead", [
    ("At least seven people were killed when a bomb tore through a crowded bus in Quetta on Tuesday morning.", 7),
    ("A bomb ripped through a busy market in Peshawar on Tuesday, killing nine people.", 9),
])
def test_a_bomb_that_tore_through_a_place_exploded(sentence, dead):
    [event] = extract_events(sentence, PUB)
    assert (event["sub_event_type"], event["fatalities"]["best"]) == ("Remote explosive/landmine/IED", dead)


def test_a_figure_of_speech_is_no_bomb():
    assert extract_events("The verdict ripped through the party like a bomb on Tuesday, its leader said.", PUB) == []


@pytest.mark.parametrize("text", [
    "A car bomb exploded outside the prison in Guayaquil on Tuesday, damaging two houses but causing no injuries, police said.",
    "A car bomb exploded outside the prison in Guayaquil on Tuesday. Police said no one was killed in the blast, and the "
    "injured were taken to hospital.",
    "A car bomb exploded outside the prison in Guayaquil on Tuesday. No one was hurt, he said.",
])
def test_a_statement_that_no_one_died_gives_the_event_no_dead(text):
    [event] = extract_events(text, PUB)
    assert event["fatalities"]["best"] == 0


def test_dead_told_after_a_no_one_hurt_statement_are_counted():
    [event] = extract_events("A car bomb exploded outside the prison in Guayaquil on Tuesday. No one was hurt at first, "
                             "he said, but two guards died later in hospital.", PUB)
    assert event["fatalities"]["best"] != 0


@pytest.mark.parametrize("sentence", [
    "During the 2016 protests, security forces killed more than 30 protesters in Basra in a single day.",
    "Basra was the scene of the deadliest violence of Iraq's 2016 protest movement, when security forces killed more "
    "than 30 protesters.",
])
def test_a_past_event_named_by_its_year_is_history(sentence):
    assert extract_events(sentence, PUB) == []


def test_a_year_that_names_a_past_war_in_a_relative_clause_does_not_date_the_event():
    [event] = extract_events("Rebels shelled parts of Aleppo, which was before the 2011 civil war the country's main "
                             "commercial hub, on Tuesday.", PUB)
    assert event["event_date"] == "2019-03-05"


@pytest.mark.parametrize("sentence", [
    "A suicide bomber struck a mosque in a mostly Hazara neighbourhood of Kabul on Tuesday, killing seven worshippers.",
    "Gunmen attacked a predominantly Christian village near Jos on Tuesday, killing 12 people.",
])
def test_who_lives_in_a_place_is_not_its_name(sentence):
    [event] = extract_events(sentence, PUB)
    assert event["location"]["name"] in ("Kabul", "Jos")


def test_fighters_of_a_group_news_calls_proscribed_are_that_group():
    [event] = extract_events("Two militants of the proscribed Lashkar-e-Taiba were killed in a gunfight with government "
                             "forces in Srinagar on Tuesday, police said.", PUB)
    assert (event["actor1"]["name"], event["actor2"]["name"]) == ("Military Forces of India", "Lashkar-e-Taiba")


def test_in_the_capital_is_the_capital_not_the_town_told_before():
    events = extract_events("Thousands of activists joined the party's rally in Rangpur on Tuesday, which ended peacefully. "
                            "In the capital, police arrested 45 party leaders and activists in overnight raids on Tuesday, "
                            "the party said.", PUB)
    assert ("Arrests", "Dhaka") in [(e["sub_event_type"], e["location"]["name"]) for e in events]


def test_a_monitors_count_for_the_whole_country_is_no_event():
    assert extract_events("Between 1 and 28 February, the UN mission documented at least 376 people killed and 112 "
                          "kidnapped across the country.", PUB) == []


def test_an_event_set_beside_the_countrys_tally_stays():
    [event] = extract_events("Gunmen kidnapped 12 passengers on the road to Mirebalais on Tuesday, the latest of several "
                             "abductions recorded across the country this year.", PUB)
    assert event["sub_event_type"] == "Abduction/forced disappearance"


def test_a_police_sub_station_is_the_polices_building_not_the_police_acting():
    [event] = extract_events("On 4 March, gang members attacked the police sub-station in Mirebalais, north of the capital, "
                             "and took control of the town after a four-hour gunfight with police officers.", PUB)
    assert (event["sub_event_type"], event["actor1"]["inter"]) == ("Non-state actor overtakes territory", 3)


def test_tear_shells_are_tear_gas_not_artillery():
    events = extract_events("A party activist was killed as police fired rubber bullets and tear shells to disperse a "
                            "procession in Dhaka on Tuesday.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Excessive force against protesters"]


@pytest.mark.parametrize("sentence, dead", [
    ("Special forces killed three militants and detained two others in a raid on a hideout in Jalalabad on Tuesday.", 3),
    ("In an operation in Tank District on Tuesday, troops neutralised two terrorists, while one terrorist was apprehended.", 2),
])
def test_men_taken_in_a_fight_of_the_states_forces_are_part_of_it(sentence, dead):
    [event] = extract_events(sentence, PUB)
    assert (event["sub_event_type"], event["fatalities"]["best"]) == ("Armed clash", dead)


def test_khwarij_are_pakistans_militarys_word_for_ttp_fighters():
    [event] = extract_events("Troops neutralised four khwarij in North Waziristan on Tuesday, the military said.", PUB)
    assert (event["actor2"]["name"], event["fatalities"]["best"]) == ("TTP", 4)


def test_arrests_after_a_fight_told_as_background_stay_arrests():
    events = extract_events("Police arrested 14 opposition supporters in Lahore on Tuesday, a day after clashes with rival "
                            "activists.", PUB)
    assert "Arrests" in [e["sub_event_type"] for e in events]


def test_who_flew_a_strike_is_whom_the_next_mention_names():
    [event] = extract_events("Air strikes on a crowded market in Maarat al-Numan killed at least nine people on Tuesday, "
                             "rescue workers said.\n\nThe civil defence group said Russian jets struck the market shortly "
                             "before the evening meal.", PUB)
    assert (event["sub_event_type"], event["actor1"]) == ("Air/drone strike", {"name": "Military Forces of Russia", "inter": 8})


@pytest.mark.parametrize("sentence, dead", [
    ("A suicide bomber blew himself up in a restaurant in Mogadishu on Tuesday. Six people died at the scene and three "
     "more died in hospital overnight, police said.", 9),
    ("A suicide bomber blew himself up in a restaurant in Mogadishu on Tuesday. Six people died at the scene and more "
     "than 20 were wounded, police said.", 6),
])
def test_further_dead_told_with_a_verb_of_their_own_are_added(sentence, dead):
    [event] = extract_events(sentence, PUB)
    assert event["fatalities"]["best"] == dead


def test_a_group_that_claimed_the_named_bombing_did_it():
    events = extract_events("A suicide car bomber struck an army checkpoint at the entrance to the town of Hit on Tuesday, "
                            "killing seven soldiers.\n\nThe Islamic State group claimed the Hit bombing in a statement.", PUB)
    assert [(e["sub_event_type"], e["actor1"]["name"]) for e in events] == [("Suicide bomb", "Islamic State")]


def test_a_claim_of_an_attack_not_told_before_is_that_attack():
    events = extract_events("Islamic State fighters also claimed a suicide attack on a rival rebel group in the town of "
                            "Dumeir on Tuesday that killed 16 people.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Suicide bomb"]


@pytest.mark.parametrize("sentence", [
    "The United Nations has warned that an attack on the city could displace hundreds of thousands of people.",
    "Aid groups fear that an escalation of fighting in and around Hodeidah could affect up to 600,000 people.",
    "The statement said the explosives were intended for attacks in Mogadishu.",
    "Police on Tuesday dismissed as fake news social media reports that a school in Garissa had been attacked.",
    "The Tillaberi region, near the border with Mali, has been hit by repeated attacks by jihadists.",
    "Protest leaders vowed to take their demands to the capital next week.",
])
def test_what_could_happen_was_denied_or_recurs_is_no_event(sentence):
    assert extract_events(sentence, PUB) == []


@pytest.mark.parametrize("sentence", [
    "Gunmen attacked the village of Kurmin near Kaduna on Tuesday and could return, residents said.",
    "Fighting in Kidal on Tuesday killed five soldiers and could spread to other towns, officials said.",
])
def test_an_event_told_with_what_may_follow_stays(sentence):
    assert len(extract_events(sentence, PUB)) == 1


def test_a_road_between_two_towns_is_one_place():
    events = extract_events("Army engineers on Tuesday dismantled two explosive devices planted on the road between the "
                            "towns of Nawa and Jasim.", PUB)
    assert len(events) == 1


def test_two_towns_attacked_are_two_events():
    assert len(extract_events("Rebels attacked the towns of Nawa and Jasim on Tuesday.", PUB)) == 2


@pytest.mark.parametrize("sentence, victim", [
    ("A mob on Tuesday beat to death a trader accused of blasphemy and set his shop ablaze at the market in Bauchi.", 7),
    ("A police officer was burned to death inside his patrol car by a crowd in Juliaca on Tuesday night.", 1),
    ("A police officer was lynched by a mob in Juliaca on Tuesday.", 1),
])
def test_a_mob_that_killed_someone_is_mob_violence_against_them(sentence, victim):
    [event] = extract_events(sentence, PUB)
    assert (event["sub_event_type"], event["actor1"]["inter"], event["actor2"]["inter"]) == ("Mob violence", 5, victim)


def test_a_would_be_bomber_stopped_is_disrupted_weapons_use():
    events = extract_events("Soldiers shot dead a would-be suicide bomber before she could detonate her explosives at a "
                            "checkpoint in Maroua on Tuesday.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Disrupted weapons use"]


def test_a_base_named_with_three_words_is_established():
    [event] = extract_events("Troops established a new forward operating base near Beledweyne on Tuesday.", PUB)
    assert event["sub_event_type"] == "Headquarters or base established"


def test_gang_members_shot_dead_in_a_shootout_are_the_fights_dead():
    events = extract_events("Soldiers shot dead three suspected gang members during a shootout in Guayaquil on Tuesday.", PUB)
    assert [(e["sub_event_type"], e["fatalities"]["best"]) for e in events] == [("Armed clash", 3)]


def test_overnight_before_a_named_day_is_that_days_night():
    [event] = extract_events("Police arrested 45 opposition activists in Dhaka in overnight raids on Monday, the party said.", PUB)
    assert event["event_date"] == "2019-03-04"


def test_where_attackers_fled_into_is_not_where_they_struck():
    [event] = extract_events("Suspected al-Shabaab gunmen raided a village near Witu in Lamu County on Tuesday, shot dead "
                             "two men and torched five houses before fleeing into the Boni forest.", PUB)
    assert event["location"]["name"] == "Witu"


@pytest.mark.parametrize("sentence", [
    "The market town of Kidal has been repeatedly targeted by jihadist fighters, who roam the surrounding desert.",
    "The district has been under repeated attack by armed gangs in recent weeks.",
    "The militia has carried out dozens of drone attacks on army posts in the province this year.",
    "Since October, the rebels have launched scores of raids on villages along the highway.",
    "The group has previously claimed attacks on police stations in the capital.",
])
def test_a_deed_told_as_a_habit_in_the_present_perfect_is_no_event(sentence):
    assert _types(sentence) == []


def test_a_habit_told_with_the_day_of_one_deed_keeps_that_deed():
    events = extract_events("Government aircraft have stepped up air strikes in recent days, bombing a market in Idlib "
                            "on Tuesday and killing nine people.", PUB)
    assert [(e["sub_event_type"], e["location"]["name"]) for e in events] == [("Air/drone strike", "Idlib")]


def test_a_series_before_a_coordinated_clause_leaves_the_clauses_deed():
    events = extract_events("Six roadside bombs have been found near Tete since January, and two children have died "
                            "in an explosion on Tuesday.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Remote explosive/landmine/IED"]


@pytest.mark.parametrize("sentence", [
    "A suicide bomber blew himself up at the gate of a hotel in Mogadishu on Tuesday and gunmen then stormed the "
    "building, killing 12 people.",
    "Militants attacked a village near Imphal with rifles and drone-dropped bombs on Tuesday, killing two people.",
])
def test_a_complex_attack_is_one_event_coded_by_its_weapon(sentence):
    assert [t for t, _ in _types(sentence)] in (["Suicide bomb"], ["Air/drone strike"])


@pytest.mark.parametrize("sentence, name", [
    ("Rebels stormed Wad al-Harrah, near Kassala, on Tuesday, killing six villagers.", "Wad al-Harrah"),
    ("A shell landed on a house in Mabanga Tiro, a few kilometres from Bunia, on Tuesday, killing two people.", "Mabanga Tiro"),
    ("Gunmen attacked Kolomba, about 20 km north of Kisangani, on Tuesday, killing four villagers.", "Kolomba"),
    ("Soldiers clashed with rebels in Tumbura payam of Yambio County on Tuesday.", "Tumbura"),
])
def test_a_village_the_gazetteer_lacks_is_named_by_where_the_text_sets_it(sentence, name):
    [event] = extract_events(sentence, PUB)
    assert event["location"]["name"] == name


@pytest.mark.parametrize("sentence, deaths", [
    ("Troops killed twenty-one terrorists near Tera on Tuesday.", 21),
    ("Militants ambushed a convoy near Tera on Tuesday, killing six (06) soldiers and wounding eleven (11) others, "
     "the army said in a communique.", 6),
    ("Gunmen killed fifteen villagers near Kaduna on Tuesday.", 15),
])
def test_a_count_in_words_past_twelve_or_with_its_figures_is_read(sentence, deaths):
    [event] = extract_events(sentence, PUB)
    assert event["fatalities"]["best"] == deaths


@pytest.mark.parametrize("sentence, sub", [
    ("Militants attacked an army post near Bannu with mortars on Tuesday, killing two soldiers.", "Shelling/artillery/missile attack"),
    ("Gunmen attacked a police station in Peshawar with hand grenades on Tuesday, wounding three officers.", "Grenade"),
])
def test_an_attack_on_forces_done_with_a_weapon_is_coded_by_the_weapon(sentence, sub):
    assert [t for t, _ in _types(sentence)] == [sub]


def test_live_fire_with_no_crowd_is_no_crackdown_on_protesters_and_a_raid_is_no_capture():
    events = extract_events("Armed settlers entered the village near Nablus on Tuesday, firing live ammunition and "
                            "throwing firebombs at homes.", PUB)
    assert not {e["sub_event_type"] for e in events} & {"Excessive force against protesters", "Non-state actor overtakes territory"}


def test_live_fire_on_a_crowd_is_still_excessive_force():
    events = extract_events("Police fired live ammunition at a crowd of protesters in Nairobi on Tuesday, killing two.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Excessive force against protesters"]


def test_arms_recovered_in_a_state_forces_fight_are_the_fights():
    events = extract_events("Security forces killed three militants in a gunfight in Sopore on Tuesday, police said, adding "
                            "that two rifles and ammunition were recovered.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Armed clash"]


def test_fighting_that_spread_across_a_region_is_the_backdrop_of_the_event_told():
    events = extract_events("A drone strike hit a market in Bahir Dar on Tuesday, killing 12 people, as fighting between the "
                            "army and a regional militia spread across the region.", PUB)
    assert [e["sub_event_type"] for e in events] == ["Air/drone strike"]


@pytest.mark.parametrize("sentence, deaths", [
    ("Militants ambushed an army convoy near Djibo on Tuesday; six soldiers were killed and 20 terrorists were "
     "neutralised in the fighting, the army said.", 26),
    ("Militants ambushed an army convoy near Djibo on Tuesday; ten children were among at least 48 people killed.", 48),
])
def test_two_sides_dead_told_with_verbs_of_their_own_are_summed(sentence, deaths):
    [event] = extract_events(sentence, PUB)
    assert event["fatalities"]["best"] == deaths


@pytest.mark.parametrize("sentence, deaths", [
    ("Maoists killed a 40-year-old villager in Narayanpur on Tuesday night, accusing him of being a police informer.", 1),
    ("A farmer and his son were killed by gunmen near Kaduna on Tuesday.", 2),
])
def test_one_civilian_or_a_family_killed_is_an_attack_on_civilians(sentence, deaths):
    [event] = extract_events(sentence, PUB)
    assert (event["sub_event_type"], event["actor2"]["inter"], event["fatalities"]["best"]) == ("Attack", 7, deaths)


@pytest.mark.parametrize("sentence, name", [
    ("Gunmen shot dead seven labourers in the Surbandar area of Gwadar on Tuesday, police said.", "Surbandar"),
    ("Security forces killed two militants in the Hadipora area of Sopore on Tuesday.", "Hadipora"),
])
def test_the_named_area_of_a_town_is_the_place(sentence, name):
    [event] = extract_events(sentence, PUB)
    assert event["location"]["name"] == name


def test_an_area_held_by_a_side_is_not_a_name():
    [event] = extract_events("Air strikes killed 15 civilians in the IS-held area of Boleel outside Deir ez-Zor on Tuesday.", PUB)
    assert event["location"]["name"] == "Boleel"


@pytest.mark.parametrize("sentence", [
    "Zamfara is one of the states worst hit by banditry in the north-west.",
    "Kidal was among the towns hardest hit by the fighting between the army and the rebels.",
])
def test_how_badly_a_place_fared_is_no_event(sentence):
    assert _types(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Fighters of the Western Front, the largest rebel splinter faction, attacked the police station in the town of Suarez, "
    "in Cauca, with drones carrying explosives on Tuesday, injuring two police officers and a civilian, police said.",
])
def test_an_attack_with_weaponised_drones_is_a_drone_strike(sentence):
    assert [t for t, _ in _types(sentence)] == ["Air/drone strike"]


def test_armed_drones_shot_down_are_an_interception():
    assert [t for t, _ in _types("The army said it shot down two armed drones launched by rebels near Goma on Tuesday.")] \
        == ["Disrupted weapons use"]


@pytest.mark.parametrize("sentence, name", [
    ("Relatives of missing men held a sit-in outside the Turbat Press Club on Tuesday.", "Turbat"),
    ("Doctors protested in front of the Quetta Civil Hospital on Tuesday over unpaid salaries.", "Quetta"),
])
def test_a_towns_local_facility_stands_in_that_town(sentence, name):
    [event] = extract_events(sentence, PUB)
    assert event["location"]["name"] == name


def test_residents_of_a_place_who_tell_the_news_are_its_source():
    [event] = extract_events("Residents of Buea said soldiers killed three civilians on Sunday.", PUB)
    assert (event["sub_event_type"], event["actor1"]["inter"]) == ("Attack", 1)


def test_a_named_neighbourhood_is_a_part_of_the_city_told_not_a_village_of_the_name():
    events = extract_events("Two children were killed when rebels shelled a residential area of Taiz on Tuesday, an official "
                            "said. The shells struck houses in the Al-Rawdah neighbourhood in the east of the city.", PUB)
    assert [(e["sub_event_type"], e["fatalities"]["best"]) for e in events] == [("Shelling/artillery/missile attack", 2)]


def test_unrest_is_the_mood_when_the_sentence_tells_the_protest():
    [event] = extract_events("The city saw another day of unrest on Tuesday as hundreds of students marched to the governor's "
                             "office in Imphal, demanding justice.", PUB)
    assert event["sub_event_type"] == "Peaceful protest"


@pytest.mark.parametrize("sentence", [
    "08:15 - Explosions heard in Kyiv.",
    "Residents also reported loud explosions in Taiz and Dhamar on Tuesday.",
])
def test_explosions_heard_are_a_sound_not_a_bombing(sentence):
    assert _types(sentence) == []


def test_an_explosion_that_did_harm_is_still_told():
    assert [t for t, _ in _types("A loud explosion shook the market in Kabul on Tuesday, killing five people.")] \
        == ["Remote explosive/landmine/IED"]


def test_a_side_saying_what_it_fights_for_is_no_fight():
    assert _types("The rebels' leaders say they are fighting to defend their lands and identity in Amhara.") == []


def test_a_fight_for_control_is_still_a_fight():
    assert [t for t, _ in _types("Rebels are fighting for control of Bahir Dar, residents said on Tuesday.")] == ["Armed clash"]


def test_a_bomber_who_detonated_his_explosives_is_a_suicide_bomber():
    assert [t for t, _ in _types("The bomber walked into a mosque in Kunduz during Friday prayers and detonated his "
                                 "explosives among the worshippers, witnesses said.")] == ["Suicide bomb"]


def test_a_sentence_that_opens_near_a_village_places_its_event_there():
    [event] = extract_events("Near Kougoudou, about 40 kilometres on, the convoy ran into an ambush by jihadists on Tuesday, "
                             "and 12 soldiers were killed.", PUB)
    assert event["location"]["name"] == "Kougoudou"


@pytest.mark.parametrize("sentence", [
    "Police broke up a protest by opposition supporters in Lahore on Tuesday and arrested at least 40 of them.",
    "Hundreds of students rallied in Dhaka on Tuesday; police arrested 12 of them.",
])
def test_arrests_at_a_protest_are_the_intervention_in_it(sentence):
    assert [t for t, _ in _types(sentence)] == ["Protest with intervention"]


def test_fighters_dead_told_in_the_next_sentence_are_the_fights_toll():
    [event] = extract_events("Jihadists ambushed an army convoy near Djibo on Tuesday. At least 31 soldiers were killed and "
                             "several others remain missing, the army said.", PUB)
    assert (event["sub_event_type"], event["fatalities"]["best"]) == ("Armed clash", 31)



def test_where_the_teller_is_does_not_place_the_fight_told_before():
    events = extract_events("Gunmen attacked an army post in Kaya on Tuesday, sparking hours of fighting with soldiers. "
                            "A security source in Ouagadougou said nine soldiers were killed in the fighting.", PUB)
    assert [(e["sub_event_type"], e["location"]["name"], e["fatalities"]["best"]) for e in events] \
        == [("Armed clash", "Kaya", 9)]


def test_where_the_teller_is_places_a_lede_with_no_place_of_its_own():
    [event] = extract_events("A missile strike on an air base killed four soldiers, a military source in Homs told reporters.", PUB)
    assert event["location"]["name"] == "Homs"


@pytest.mark.parametrize("sentence", [
    "A resident said people hid in their homes as gunfire and explosions echoed across Maiduguri on Tuesday.",
    "Several blasts rang out in Kabul overnight, residents said.",
])
def test_explosions_that_echo_are_a_sound_not_a_hit(sentence):
    assert [t for t, _ in _types(sentence) if t == "Remote explosive/landmine/IED"] == []


@pytest.mark.parametrize("sentence", [
    "Gunmen killed 12 villagers near Kaduna on Tuesday, a local official and a relative of one of the victims said.",
    "Gunmen killed 12 villagers near Kaduna on Tuesday, an official and a witness told reporters.",
])
def test_two_tellers_of_a_toll_are_not_among_its_dead(sentence):
    [event] = extract_events(sentence, PUB)
    assert event["fatalities"]["best"] == 12


def test_what_the_attackers_burned_is_the_attacks_damage():
    events = extract_events("Militants stormed an army base in Monguno on Tuesday, killing five soldiers. Residents said "
                            "the attackers torched several houses near the base.", PUB)
    assert [(e["sub_event_type"], e["fatalities"]["best"]) for e in events] == [("Armed clash", 5)]


def test_burning_by_others_later_is_its_own_event():
    events = extract_events("Gunmen attacked a police station in Maiduguri on Tuesday, killing four officers. On Thursday, "
                            "angry youths set fire to the local government secretariat in Maiduguri.", PUB)
    assert "Looting/property destruction" in [e["sub_event_type"] for e in events] \
        or "Violent demonstration" in [e["sub_event_type"] for e in events]


@pytest.mark.parametrize("sentence", [
    "Gunmen attacked a police station in Maiduguri on Tuesday, killing four officers, before they withdrew.",
    "Gunmen attacked a police station in Maiduguri on Tuesday, killing four officers. The attackers then withdrew.",
])
def test_attackers_withdrawing_is_how_the_attack_ended(sentence):
    assert "Change to group/activity" not in [t for t, _ in _types(sentence)]


def test_the_arrest_of_a_groups_men_is_the_polices_arrest():
    events = extract_events("Police in Srinagar said they had busted a terror module of the Lashkar-e-Taiba (LeT) with the arrest of "
                            "three associates on Monday.", PUB)
    assert [(e["sub_event_type"], e["actor1"]["name"]) for e in events] == [("Arrests", "Police Forces of India")]


def test_a_longer_name_for_a_sector_is_not_the_town_of_its_first_word():
    names = [m.place.name for m in find_places("Troops exchanged fire in the Krishna Ghati sector of Poonch district.")]
    assert "Krishna" not in names and "Poonch" in names


def test_one_states_troops_firing_on_anothers_posts_is_a_battle():
    [event] = extract_events("Pakistani troops fired on Indian posts in Poonch district on Saturday night, the army said.", PUB)
    assert (event["sub_event_type"], event["interaction"]) == ("Armed clash", 18)


def test_a_township_capitalised_is_still_its_seat_town():
    names = [m.place.name for m in find_places("A jet bombed a village in Sagaing Region's Kanbalu Township on Tuesday.")]
    assert "Kanbalu" in names


@pytest.mark.parametrize("sentence, named", [
    ("The Kachin Independence Army said it had captured an outpost near Bhamo on Monday.", "Bhamo"),
    ("In the province of Idlib Nusra Front members kidnapped a priest on Monday.", "Idlib"),
])
def test_a_place_word_of_an_armed_groups_name_is_no_place(sentence, named):
    names = [m.surface for m in find_places(sentence)]
    assert named in names and (named != "Bhamo" or "Kachin" not in names)


@pytest.mark.parametrize("sentence, dead", [
    ("Artillery shells hit a village near Bhamo on Tuesday, killing two civilians, a farmer and his teenage daughter.", 2),
    ("Gunmen killed two soldiers, a policeman and a civilian near Kaduna on Tuesday.", 4),
    ("Gunmen killed a farmer and a teacher near Kaduna on Tuesday.", 2),
])
def test_the_dead_named_after_a_count_and_the_dead_listed(sentence, dead):
    [event] = extract_events(sentence, PUB)
    assert event["fatalities"]["best"] == dead


def test_explosives_rigged_for_an_attack_are_no_attack():
    events = extract_events("Intelligence agents detained four members of an Islamic State cell in Herat on Saturday and seized "
                            "explosives and a motorcycle rigged for an attack.", PUB)
    assert sorted(e["sub_event_type"] for e in events) == ["Arrests", "Disrupted weapons use"]


def test_an_official_speaking_from_the_capital_does_not_place_the_strike_told():
    events = extract_events("Pakistani aircraft bombed two villages in Urgun district of Paktika province late on Sunday, killing "
                            "eight civilians. A security official in Islamabad, speaking on condition of anonymity, said hideouts "
                            "of terrorists along the border had been targeted.", PUB)
    assert [e["location"]["name"] for e in events] == ["Urgun"]
