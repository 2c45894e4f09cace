"""Actors beyond Syria: country words for every state, named armed groups of today's wars, crowds in
ACLED's style, and who did what to whom read from the sentence's structure (all sentences written for
these tests)."""

import csv

import pytest

from pipeline.extract import extract_events
from pipeline.extract.actors import DATA, find_actors, load_lexicon

pytestmark = pytest.mark.unit


def _only(text, published="2024-03-04"):
    events = extract_events(text, published)
    assert len(events) == 1, events
    return events[0]


def test_country_words_cover_every_state():
    with open(DATA / "nationalities.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    named = {r["country_code"] for r in rows if r["form"] == "name"}
    # 193 UN member states plus Palestine, Kosovo, Taiwan, Western Sahara (and Hong Kong)
    assert len(named) >= 197
    assert {"PS", "XK", "TW", "EH", "SS", "TL", "ER"} <= named
    assert all(len(r["country_code"]) == 2 and r["country_code"].isupper() for r in rows)
    words = [r["word"].lower() for r in rows]
    assert len(words) == len(set(words)), "a country word maps to one country only"


@pytest.mark.parametrize("phrase, code, name", [
    ("Burkinabe soldiers", "BF", "Military Forces of Burkina Faso"),
    ("Congolese army", "CD", "Military Forces of Democratic Republic of the Congo"),
    ("Sri Lankan military", "LK", "Military Forces of Sri Lanka"),
    ("Afghan police", "AF", "Police Forces of Afghanistan"),
    ("Myanmar security forces", "MM", "Military Forces of Myanmar"),
    ("Nigerien troops", "NE", "Military Forces of Niger"),
    ("Nigerian troops", "NG", "Military Forces of Nigeria"),
    ("South Sudanese soldiers", "SS", "Military Forces of South Sudan"),
])
def test_nationality_adjectives_name_the_state_forces(phrase, code, name):
    [a] = find_actors(f"{phrase} moved into the district.")
    assert a.country_code == code
    assert a.actor.named(load_lexicon().country_names[code]) == name


def test_acronyms_that_are_words_match_only_in_their_case():
    assert [a.actor.name for a in find_actors("ADF rebels raided a village.")] == ["ADF"]
    assert [a.actor.name for a in find_actors("Fano fighters entered the town.")] == ["Fano"]
    assert find_actors("They read a PDF file about the saf fano.") == []
    assert find_actors("Talks may mend ties; the party wants an Islamic state in the south.") == []
    # "car bombers" is not a country's air force
    assert all(a.country_code is None for a in find_actors("The car bombers escaped."))


def test_named_groups_of_current_wars_carry_their_inter_codes():
    got = {a.actor.name: a.actor.inter for a in find_actors(
        "ISWAP, JNIM, M23, the Rapid Support Forces, the Sinaloa Cartel and Wagner mercenaries were named.")}
    assert got == {"Islamic State West Africa Province": 2, "JNIM": 2, "M23": 2, "Rapid Support Forces": 2,
                   "Sinaloa Cartel": 3, "Wagner Group": 8}


def test_foreign_jets_are_external_forces():
    event = _only("Israeli jets struck a house in Khan Younis on Sunday, killing five people.")
    assert event["actor1"] == {"name": "Military Forces of Israel", "inter": 8}
    assert event["interaction"] == 78


def test_a_country_that_strikes_is_its_military():
    event = _only("Russia launched a missile strike on Kharkiv on Monday, killing four people.")
    assert event["actor1"] == {"name": "Military Forces of Russia", "inter": 8}


def test_a_nationality_before_airstrikes_names_who_struck():
    event = _only("Israeli airstrikes hit Hezbollah positions in Nabatieh on Monday.")
    assert event["actor1"]["name"] == "Military Forces of Israel"
    assert event["actor2"] == {"name": "Hezbollah", "inter": 3}      # a militia at home, external in Syria
    assert event["interaction"] == 38


def test_forces_firing_on_protesters_is_16_with_the_country_in_parentheses():
    event = _only("Security forces in Myanmar opened fire on protesters in Mandalay on Sunday, killing at least 18 people.")
    assert event["sub_event_type"] == "Excessive force against protesters"
    # ACLED (and world-dev's gold) codes the force that fired first, the demonstrators second
    assert event["actor1"]["name"] == "Military Forces of Myanmar"
    assert event["actor2"] == {"name": "Protesters (Myanmar)", "inter": 6}
    assert event["interaction"] == 16


def test_rioters_carry_their_country():
    event = _only("Rioters looted shops and set cars on fire in Manchester on Monday night.", "2011-08-10")
    assert event["actor1"] == {"name": "Rioters (United Kingdom)", "inter": 5}


def test_passive_agent_acts_on_the_subject():
    event = _only("Burkinabe soldiers were ambushed by JNIM militants near Djibo on Friday.")
    assert event["actor1"] == {"name": "JNIM", "inter": 2}
    assert event["actor2"] == {"name": "Military Forces of Burkina Faso", "inter": 1}


def test_subject_of_a_passive_killing_is_the_target():
    event = _only("Three Afghan policemen were killed by a roadside bomb in Kandahar on Monday.")
    assert event["actor1"]["inter"] == 3
    assert event["actor2"] == {"name": "Police Forces of Afghanistan", "inter": 1}
    assert event["interaction"] == 13


def test_an_attacked_police_station_makes_the_police_the_target():
    event = _only("A police station in Peshawar was attacked by TTP militants on Monday.")
    assert event["actor1"] == {"name": "TTP", "inter": 2}
    assert event["actor2"] == {"name": "Police Forces of Pakistan", "inter": 1}


def test_bomb_outside_a_police_post_targets_the_police():
    event = _only("A car bomb exploded outside a police post in Kirkuk on Monday, wounding 12 people.")
    assert event["interaction"] == 13


def test_the_suicide_bomber_is_the_attacker_not_the_convoy():
    event = _only("A suicide bomber blew himself up next to a NATO convoy in Kabul on Monday, wounding three soldiers.")
    assert event["actor1"]["name"] == "Unidentified armed group"
    assert event["actor2"] == {"name": "NATO", "inter": 8}


def test_they_refers_to_the_armed_group_just_named():
    text = ("Al-Shabaab fighters overran an army base near Baidoa on Monday. "
            "They also attacked a police post in Mogadishu on Tuesday.")
    events = extract_events(text, "2024-03-05")
    second = [e for e in events if e["location"]["name"] == "Mogadishu"]
    assert second and second[0]["actor1"] == {"name": "Al Shabaab", "inter": 2}
    assert second[0]["actor2"] == {"name": "Police Forces of Somalia", "inter": 1}


def test_the_aircraft_keep_the_nationality_given_before():
    text = ("A US drone strike killed three militants in North Waziristan on Thursday. "
            "The unmanned aircraft fired two missiles at a house in Miran Shah.")
    events = extract_events(text, "2024-03-08")
    assert events and all(e["actor1"]["name"] == "Military Forces of United States" for e in events)


def test_bystanders_are_never_a_side_of_a_battle():
    event = _only("Thousands of civilians were displaced by heavy fighting near Rutshuru on Friday.")
    assert event["sub_event_type"] == "Armed clash"
    assert 7 not in (event["actor1"]["inter"], (event["actor2"] or {}).get("inter"))


def test_a_government_ally_killed_in_clashes_fought_the_rebels():
    event = _only("Four Hezbollah fighters were killed in clashes near Aleppo on Monday.", "2016-06-14")
    assert event["sub_event_type"] == "Armed clash"
    assert event["actor2"] == {"name": "Hezbollah", "inter": 8}
    assert event["actor1"]["inter"] == 2


def test_an_owner_named_after_the_bombing_is_not_the_bomber():
    event = _only("At least 30 people were killed in a bomb attack outside Tartus, a stronghold of the army, on Monday.",
                  "2016-09-05")
    assert event["actor1"]["name"] == "Unidentified armed group"
    assert event["interaction"] == 37


def test_a_state_named_as_passive_agent_of_a_strike():
    event = _only("A drone strike by Turkey killed two PKK militants near Sinjar on Tuesday.")
    assert event["actor1"] == {"name": "Military Forces of Turkey", "inter": 8}
    assert event["actor2"] == {"name": "PKK", "inter": 2}


def test_a_group_that_claims_an_attack_carried_it_out():
    event = _only("Al-Shabaab claimed an attack on a Kenyan army base in Lamu on Monday.")
    assert event["actor1"] == {"name": "Al Shabaab", "inter": 2}
    assert event["actor2"] == {"name": "Military Forces of Kenya", "inter": 1}


def test_protesters_who_clash_with_no_one_named_clash_with_the_police():
    event = _only("Protesters clashed in central Nairobi on Tuesday.")
    assert event["sub_event_type"] == "Violent demonstration"
    assert event["interaction"] == 15
    assert event["actor2"] == {"name": "Police Forces of Kenya", "inter": 1}


def test_blowing_up_a_pipeline_harms_no_one_named():
    event = _only("A bomb planted by ISWAP militants exploded on an oil pipeline near Maiduguri on Tuesday.")
    assert event["actor1"]["name"] == "Islamic State West Africa Province"
    assert event["actor2"] is None and event["interaction"] == 20


def test_forces_who_use_a_road_did_not_mine_it():
    event = _only("Four civilians were killed when their car hit a mine on a road used by NATO troops near Kandahar on Monday.")
    assert event["actor1"]["name"] == "Unidentified armed group"
    assert event["interaction"] == 37


def test_elders_who_sign_an_agreement_are_civilians():
    text = "British troops signed an agreement with tribal elders in Musa Qala on Monday."
    events = [e for e in extract_events(text, "2006-10-02") if e["sub_event_type"] == "Agreement"]
    assert events and events[0]["actor2"]["inter"] == 7


def test_a_head_of_government_with_a_country_word_is_the_government():
    [gov, rebels] = find_actors("The Sudanese President and rebels signed a ceasefire.")
    assert (gov.actor.named("Sudan"), gov.actor.inter, gov.role) == ("Government of Sudan", 1, "main")
    assert rebels.actor.inter == 2
    assert find_actors("The President visited the market.") == []
    [speaker, _] = find_actors("Iraqi Prime Minister Haider al-Abadi said the army had won.")
    assert speaker.role == "source"


def test_who_reports_at_the_end_of_the_sentence_is_a_source():
    roles = [(a.text, a.role) for a in find_actors(
        "Separatist guerrillas wounded two British soldiers in a bomb attack on Thursday, police said.")]
    assert roles == [("guerrillas", "main"), ("British soldiers", "main"), ("police", "source")]
    event = _only("Separatist guerrillas wounded two British soldiers in a bomb attack in Belfast on Thursday, police said.",
                  "1991-05-03")
    assert event["actor2"]["name"] == "Military Forces of United Kingdom"


def test_a_force_listed_after_a_national_one_shares_its_country():
    [jets, gunships, _] = find_actors("Russian jets including helicopter gunships killed 30 villagers.")
    assert jets.country_code == gunships.country_code == "RU"
    [tanks] = find_actors("Israeli tanks fired shells at the camp.")
    assert tanks.country_code == "IL" and tanks.actor.inter == 1
    assert find_actors("Two fuel tanks exploded.") == []


def test_servicemen_killed_by_a_bomb_are_its_target():
    event = _only("Three US servicemen were killed by a roadside bomb outside Basra on Monday.", "2007-03-05")
    assert event["actor2"] == {"name": "Military Forces of United States", "inter": 8}
    assert event["interaction"] == 38


@pytest.mark.parametrize("text, sides", [
    # two states' armies at one event are two sides, unless a coalition joins them
    ("Eritrean and Ethiopian troops exchanged fire near the town of Zalambessa on Sunday.", {"Eritrea", "Ethiopia"}),
    ("Burundian warplanes bombed Rwandan army positions near Kirundo on Friday, killing four soldiers.", {"Burundi", "Rwanda"}),
    ("A Venezuelan missile struck a Guyanese army post near Lethem on Saturday.", {"Venezuela", "Guyana"}),
])
def test_two_states_forces_are_two_sides(text, sides):
    event = _only(text)
    named = {event["actor1"]["name"].removeprefix("Military Forces of "),
             (event["actor2"] or {}).get("name", "").removeprefix("Military Forces of ")}
    assert named == sides


def test_forces_of_one_coalition_are_one_side():
    # Nigeria and Chad fight together in the Lake Chad task force (data/coalitions.yaml)
    event = _only("Nigerian and Chadian troops ambushed Boko Haram fighters near Monguno on Sunday, killing 20.")
    assert event["actor1"]["name"] in ("Military Forces of Nigeria", "Military Forces of Chad")
    assert event["actor2"]["name"] == "Boko Haram"


def test_a_missile_with_a_country_word_is_that_states():
    event = _only("A Russian missile hit a shopping centre in Kharkiv on Sunday, killing 6 civilians.")
    assert event["actor1"]["name"] == "Military Forces of Russia"
    assert event["actor2"]["name"] == "Civilians (Ukraine)"
    assert event["fatalities"]["best"] == 6


def test_the_agent_of_strikes_carried_out_by_allies_is_the_first_named():
    event = _only("Air strikes carried out by Syrian government and Russian jets killed 11 civilians in Maarat al-Numan on Monday.")
    assert event["actor1"]["name"] == "Military Forces of Syria"
    assert event["actor2"]["name"] == "Civilians (Syria)"


def test_a_base_established_has_one_side():
    event = _only("Turkish troops set up a new military base near Afrin on Sunday, days after Syrian government forces moved in.")
    assert event["sub_event_type"] == "Headquarters or base established"
    assert event["actor2"] is None


def test_a_state_strike_on_infrastructure_that_harms_no_one_has_no_second_side():
    event = _only("Pakistani jets struck a power station near Khost on Sunday, Afghan officials said.")
    assert event["actor1"]["name"] == "Military Forces of Pakistan"
    assert event["actor2"] is None and event["interaction"] == 80


def test_fire_with_a_country_word_is_that_states_forces():
    event = _only("Two Afghan migrants were killed by Iranian fire in an attack near the border town of Saravan on Sunday.")
    assert event["actor1"]["name"] == "Military Forces of Iran"


def test_firing_on_a_crowd_with_no_protest_told_is_an_attack_on_civilians():
    event = _only("Soldiers opened fire on a crowd gathered at a food distribution point in Khartoum on Monday, killing 9 people.")
    assert event["sub_event_type"] == "Attack"
    assert event["actor2"]["inter"] == 7 and event["fatalities"]["best"] == 9


def test_the_police_who_fired_on_a_march_told_before_are_its_other_side():
    event = _only("Hundreds of students marched in Dhaka on Monday. Police fired on the crowd, killing one student.")
    assert event["sub_event_type"] == "Excessive force against protesters"
    # (ACLED's order for excessive force: the force first, the demonstrators second)
    assert (event["actor1"]["name"], event["actor2"]["name"]) == ("Police Forces of Bangladesh", "Protesters (Bangladesh)")


def test_a_country_that_responds_with_strikes_in_a_clause_of_its_own_struck():
    events = extract_events("Houthi rebels fired a missile at the Saudi city of Jizan on Monday, the coalition said, "
                            "and Saudi Arabia responded with air strikes on Sanaa.", "2024-03-04")
    strike = next(e for e in events if e["sub_event_type"] == "Air/drone strike")
    assert strike["actor1"]["name"] == "Military Forces of Saudi Arabia"
    assert strike["location"]["name"] == "Sanaa"


@pytest.mark.parametrize("text, group", [
    ("Gunmen stormed a checkpoint near Bannu on Monday, killing four policemen, officials said. "
     "The Pakistani Taliban claimed responsibility.", "TTP"),
    ("A car bomb exploded near a market in Baidoa on Friday, killing eight people. "
     "Al-Shabaab said it carried out the bombing.", "Al Shabaab"),
])
def test_a_claim_after_the_event_names_who_did_it(text, group):
    events = extract_events(text, "2024-03-04")
    assert [e["actor1"]["name"] for e in events] == [group]


def test_a_country_word_that_is_part_of_a_groups_name_is_that_group():
    [mention] = [a for a in find_actors("The Pakistani Taliban attacked the post.") if a.role == "main"]
    assert mention.actor.name == "TTP"


def test_a_government_that_signs_a_deal_is_the_government():
    event = _only("The Philippine government and the Moro rebels signed a peace agreement in Kuala Lumpur on Friday.")
    assert event["sub_event_type"] == "Agreement"
    assert event["actor1"]["name"] == "Government of Philippines"


def test_the_generic_word_after_a_groups_acronym_is_that_group():
    event = _only("Islamic State West Africa Province (ISWAP) fighters killed 9 soldiers in an attack on a base near Monguno on Sunday.")
    assert event["actor1"]["name"] == "Islamic State West Africa Province"


def test_a_crowd_that_burns_a_building_is_mob_violence_and_the_death_that_angered_it_is_no_toll():
    event = _only("Angry villagers set fire to a police post in the town of Gulu on Monday after a trader died in custody.")
    assert event["sub_event_type"] == "Mob violence"
    assert event["fatalities"] is None


def test_a_raid_that_is_how_a_rape_was_done_is_no_event_of_its_own():
    event = _only("Militiamen raped 9 women during a raid on a village near Bunia on Saturday, a UN report said.")
    assert event["sub_event_type"] == "Sexual violence"


def test_soldiers_taken_by_an_armed_group_are_the_state_side_of_the_abduction():
    event = _only("Three soldiers were captured by Boko Haram fighters near the town of Dikwa on Sunday.")
    assert event["sub_event_type"] == "Abduction/forced disappearance"
    assert event["actor2"]["name"] == "Military Forces of Nigeria"


def test_people_captured_with_no_one_named_as_captor_are_no_territory_change():
    assert extract_events("Nine Syrian nationals were captured while crossing the border into Trinidad and Tobago, officials said.",
                          "2024-03-04") == []


def test_clashes_between_rival_groups_none_of_them_named_are_33():
    events = extract_events("Police in Port Harcourt detained 12 youths on Monday after clashes between rival cult groups "
                            "left three people dead.", "2024-03-05")
    clash = next(e for e in events if e["sub_event_type"] == "Armed clash")
    assert clash["interaction"] == 33 and clash["fatalities"]["best"] == 3


def test_the_frontier_corps_are_state_forces():
    event = _only("A roadside bomb killed four members of the Frontier Corps near the town of Turbat on Sunday.")
    assert event["actor2"]["name"] == "Military Forces of Pakistan"


def test_the_group_a_lede_names_is_who_the_body_calls_the_militants():
    event = _only("Boko Haram fighters attacked a military base in northeastern Nigeria on Sunday, killing 12 soldiers, the army said. "
                  "The militants stormed the base in the town of Gajiram after a two-hour gun battle, an officer said.")
    assert event["actor1"]["name"] == "Boko Haram"
    assert event["location"]["name"] == "Gajiram" and event["fatalities"]["best"] == 12


def test_a_community_militia_fighting_villagers_is_communal_fighting_between_militias():
    event = _only("Fulani herders clashed with farmers near the town of Bankass on Monday, killing six people.")
    assert event["interaction"] == 44


def test_a_drone_with_no_country_word_is_no_side():
    # (Sudan: no front of data/coalitions.yaml, where unclaimed strikes have an author of their own)
    event = _only("A drone attack on Port Sudan killed two people overnight, local officials said on Monday.")
    assert event["actor1"]["name"] == "Unidentified armed group"


def test_an_armed_group_named_after_an_air_strike_did_not_fly_it():
    event = _only("Air strikes hit a market in the town of Sarmada on Monday, killing 7 civilians, in an area where "
                  "Hayat Tahrir al-Sham fighters are based.")
    assert event["actor1"]["name"] != "Hayat Tahrir al-Sham"


def test_who_said_on_a_day_that_something_happened_is_a_source():
    [police] = [a for a in find_actors("Police said Friday that soldiers had killed four gunmen near Kisumu.") if a.text == "Police"]
    assert police.role == "source"


def test_the_white_army_is_an_identity_militia():
    event = _only("South Sudanese troops clashed with the White Army militia near the town of Nasir on Friday, leaving 20 dead.")
    assert event["actor2"]["name"] == "White Army" and event["interaction"] == 14


# --- wars between states (data/coalitions.yaml, `wars`): the side a text leaves unnamed

def test_a_foreign_army_taking_a_village_of_a_state_it_is_at_war_with_overtakes_it_from_that_states_forces():
    event = _only("Russian troops seized the village of Velyka Novosilka in the Donetsk region on Tuesday, the ministry said.")
    assert event["sub_event_type"] == "Non-state actor overtakes territory"      # ACLED: a foreign state's forces abroad
    assert event["actor1"]["name"] == "Military Forces of Russia"
    assert event["actor2"]["name"] == "Military Forces of Ukraine"


def test_an_ally_helping_the_government_still_regains_territory():
    event = _only("Russian troops seized the town of Maarat al-Numan in Idlib province on Tuesday.")
    assert event["sub_event_type"] == "Government regains territory"


def test_a_foreign_army_outside_a_listed_war_keeps_the_default_opponent():
    event = _only("Turkish troops seized the village of Jinderes in northern Syria on Tuesday.")
    assert event["sub_event_type"] == "Non-state actor overtakes territory"
    assert event["actor2"]["name"] == "Opposition rebels"       # not Syria's army: Turkey fights the SDF there


def test_on_a_wars_front_the_states_own_forces_fight_the_invader():
    event = _only("Ukrainian troops retook the village of Robotyne in the Zaporizhzhia region on Monday.")
    assert event["actor1"]["name"] == "Military Forces of Ukraine"
    assert event["actor2"]["name"] == "Military Forces of Russia"
    event = _only("Heavy fighting raged near the town of Pokrovsk in the Donetsk region on Monday.")
    assert {event["actor1"]["name"], event["actor2"]["name"]} == {"Military Forces of Ukraine", "Military Forces of Russia"}


def test_on_a_wars_front_unclaimed_shelling_is_the_invaders():
    event = _only("Shelling killed three civilians in the city of Kherson on Monday, the governor said.")
    assert event["actor1"]["name"] == "Military Forces of Russia"
    assert event["actor2"]["name"] == "Civilians (Ukraine)"


def test_forces_of_two_states_at_war_strike_each_others_forces():
    event = _only("Indian artillery shelled a village near the town of Kotli on Sunday, the Pakistani army said.")
    assert event["actor1"]["name"] == "Military Forces of India"
    assert event["actor2"]["name"] != "Opposition rebels"


# --- "came under fire": the subject is hit, the agent follows "from" or "by"

def test_troops_that_came_under_fire_from_militants_are_the_target():
    event = _only("An army convoy came under fire from militants near the town of Bannu on Monday.")
    assert event["sub_event_type"] == "Armed clash"
    assert event["actor1"]["name"] == "Opposition rebels"
    assert event["actor2"]["name"] == "Military Forces of Pakistan"


def test_a_patrol_that_came_under_attack_by_gunmen_is_the_target():
    event = _only("A police patrol came under attack by gunmen near the town of Garissa on Tuesday.")
    assert event["actor1"]["name"] == "Unidentified armed group"
    assert event["actor2"]["name"] == "Police Forces of Kenya"


@pytest.mark.parametrize("text", [
    "The finance minister came under fire from lawmakers over his budget on Tuesday.",
    "The ministry came under attack for its handling of the floods in Nairobi.",
    "The old market also came under fire on Tuesday.",        # neither who fired nor who was hit
])
def test_criticism_and_an_unattributed_place_under_fire_are_no_events(text):
    assert extract_events(text, "2024-03-05") == []


# --- allies named together as one subject: the first leads, the others are its associates

def test_a_generic_word_before_a_groups_name_in_parentheses_is_that_group():
    names = [(a.text, a.actor.name) for a in find_actors("Volunteer fighters (VDP) repelled an attack near Kaya on Sunday.")]
    assert [n for _, n in names] == ["VDP"]          # not "fighters" (Opposition rebels) beside it


def test_allies_named_together_act_together_the_first_leading():
    event = _only("Burkinabe soldiers and volunteer fighters (VDP) repelled an attack by jihadists near the town of Djibo on Sunday.")
    assert event["actor1"]["name"] == "Military Forces of Burkina Faso"
    assert event["assoc_actor1"] == ["VDP"]
    event = _only("Syrian troops and Hezbollah fighters attacked rebel positions near Zabadani on Monday.")
    assert event["actor1"]["name"] == "Military Forces of Syria" and event["assoc_actor1"] == ["Hezbollah"]


def test_a_foreign_strike_on_an_air_base_hits_the_states_forces():
    event = _only("Israeli missiles struck a military airfield near the city of Homs early on Monday, killing 14 people.")
    assert event["actor1"]["name"] == "Military Forces of Israel"
    assert event["actor2"]["name"] == "Military Forces of Syria"


def test_a_foreign_strike_near_a_base_that_kills_civilians_hits_civilians():
    event = _only("Israeli missiles struck houses near an air base outside the city of Homs on Monday, killing four civilians.")
    assert event["actor2"]["name"] == "Civilians (Syria)"


def test_armed_men_of_two_named_communities_are_identity_militias():
    event = _only("Armed men from the Naga and Kuki communities exchanged fire near the town of Ukhrul on Saturday, killing two people.")
    assert event["interaction"] == 44


def test_rival_armed_groups_none_named_are_two_unidentified_groups():
    event = _only("Heavy clashes broke out between rival armed groups in the city of Zawiya on Monday night, killing 12 people.")
    assert event["actor1"]["name"] == event["actor2"]["name"] == "Unidentified armed group"
    assert event["interaction"] == 33


def test_rival_rebel_groups_stay_rebels():
    event = _only("Clashes broke out between rival rebel groups in the town of Atarib on Monday, killing 12 fighters.")
    assert event["actor1"]["inter"] == 2


def test_fighters_repulsed_by_troops_are_the_troops_opponents():
    event = _only("Al-Shabaab fighters were repulsed by government troops after they attacked a military base near the town "
                  "of Balad on Tuesday.")
    assert event["actor1"]["name"] == "Military Forces of Somalia"
    assert event["actor2"]["name"] == "Al Shabaab"


def test_homes_demolished_by_a_force_were_civilians():
    event = _only("Israeli forces demolished homes in the town of Jenin on Tuesday.")
    assert event["sub_event_type"] == "Looting/property destruction"
    assert event["actor2"]["name"] == "Civilians (Palestine)"


def test_policemen_shot_dead_by_militants_are_a_side_not_civilians():
    event = _only("Two policemen were shot dead by suspected militants at a checkpoint near the town of Tank on Tuesday.")
    assert event["sub_event_type"] == "Armed clash"
    assert event["actor2"]["name"] == "Police Forces of Pakistan"


def test_captured_soldiers_executed_stay_an_attack():
    event = _only("Ten captured soldiers were executed by militants near the town of Tank on Tuesday.")
    assert event["sub_event_type"] == "Attack"


def test_a_foreign_groups_fire_on_a_state_it_does_not_fight_beside_hits_that_states_forces():
    event = _only("Hezbollah fired dozens of rockets at the town of Kiryat Shmona on Sunday.")
    assert event["actor1"]["name"] == "Hezbollah"
    assert event["actor2"]["name"] == "Military Forces of Israel"


def test_a_foreign_group_beside_the_government_still_fires_on_its_opponents():
    event = _only("Hezbollah fired dozens of rockets at the town of Zabadani on Sunday.")
    assert event["actor2"]["name"] != "Military Forces of Syria"


def test_kurdish_led_forces_are_the_sdf():
    assert "Syrian Democratic Forces" in [a.actor.name for a in find_actors("Kurdish-led forces captured the village on Monday.")]


def test_drones_downed_are_the_other_sides_and_the_state_downed_them():
    event = _only("Air defences downed 40 Russian drones over the city of Kharkiv overnight, the governor said.")
    assert event["sub_event_type"] == "Disrupted weapons use"
    assert event["actor1"]["name"] == "Military Forces of Ukraine"
    assert event["actor2"]["name"] == "Military Forces of Russia"


def test_an_allys_helicopter_shot_down_fell_to_the_governments_opponents():
    event = _only("A Russian helicopter was shot down near the town of Saraqeb on Monday, the defence ministry said.")
    assert event["actor1"]["name"] == "Opposition rebels"
    assert event["actor2"]["name"] == "Military Forces of Russia"


def test_a_bomb_defused_is_the_states_whoever_speaks_for_it():
    event = _only("A bomb was found near the airport outside Colombo and defused, a spokesman for the Air Force said.")
    assert event["actor1"]["name"] == "Military Forces of Sri Lanka"


@pytest.mark.parametrize("text, name", [
    ("The National Front for Liberation shelled army positions on Monday.", "National Front for Liberation"),
    ("Hurras al-Din militants attacked a checkpoint on Monday.", "Hurras al-Din"),
    ("Faylaq al-Rahman fighters clashed with troops on Monday.", "Faylaq al-Rahman"),
])
def test_the_syrian_oppositions_factions_are_named(text, name):
    assert name in [a.actor.name for a in find_actors(text)]


def test_clashes_between_herders_and_farmers_are_between_two_communities_militias():
    event = _only("Clashes between herders and farmers killed 20 people near the town of Mopti on Monday.")
    assert event["interaction"] == 44


def test_two_allied_air_forces_named_together_are_the_first_and_its_associate():
    [event] = extract_events("U.S. and British warplanes struck rebel positions near the port city of Hodeidah on Thursday, "
                             "killing two people, the group's television said.", "2024-06-27")
    assert event["actor1"]["name"] == "Military Forces of United States"
    assert event["assoc_actor1"] == ["Military Forces of United Kingdom"]


def test_one_person_killed_by_a_drone_across_a_front_is_a_civilian():
    [event] = extract_events("In Russia's Belgorod region, a Ukrainian drone attack killed one person on Tuesday, the governor said.",
                             "2024-08-16")
    assert event["actor2"]["name"] == "Civilians (Russia)"


def test_two_rival_armies_named_together_that_exchanged_fire_are_the_two_sides():
    [event] = extract_events("Indian and Pakistani troops exchanged fire near the city of Poonch on Wednesday, killing two "
                             "civilians, officials said.", "2024-06-12")
    assert {event["actor1"]["name"], event["actor2"]["name"]} == {"Military Forces of India", "Military Forces of Pakistan"}


@pytest.mark.parametrize("published, actor1, inter", [
    ("2019-03-06", "Taliban", 2),
    ("2023-05-30", "Military Forces of Afghanistan (2021-)", 1),
])
def test_the_taliban_are_afghanistans_state_forces_once_they_took_power(published, actor1, inter):
    [event] = extract_events("Taliban fighters attacked a checkpoint near the city of Herat on Sunday, killing two guards, "
                             "officials said.", published)
    assert (event["actor1"]["name"], event["actor1"]["inter"]) == (actor1, inter)


@pytest.mark.parametrize("sentence, inter", [
    ("Rebels attacked a navy base near the city of Trincomalee on Friday, killing 14 sailors, the military said.", 1),
    ("Pirates attacked a cargo ship off the city of Mogadishu on Friday, killing two sailors, officials said.", 7),
])
def test_a_navys_sailors_are_its_forces_a_ships_are_its_crew(sentence, inter):
    [event] = extract_events(sentence, "2019-03-06")
    assert event["actor2"]["inter"] == inter


@pytest.mark.parametrize("words", ["Plainclothes officers", "Secret police", "Security agents"])
def test_plainclothes_and_secret_police_are_police(words):
    [a] = find_actors(f"{words} raided the apartment on Friday.")
    assert a.actor.name == "Police Forces of {country}"


def test_renamo_is_mozambiques_rebel_movement():
    [a] = [a for a in find_actors("Renamo fighters attacked a bus in Sofala province.") if a.role == "main"]
    assert (a.actor.name, a.actor.inter) == ("Renamo", 2)


@pytest.mark.parametrize("words, name", [
    ("IDF troops", "Military Forces of Israel"), ("The Israel Defense Forces", "Military Forces of Israel"),
    ("The ENDF", "Military Forces of Ethiopia"), ("The Ethiopian National Defense Force", "Military Forces of Ethiopia"),
    ("CRPF personnel", "Police Forces of India"), ("JEM rebels", "Justice and Equality Movement"),
    ("Somali National Army troops", "Military Forces of Somalia"),
])
def test_states_forces_and_groups_named_by_their_own_title_or_acronym(words, name):
    mains = [a for a in find_actors(f"{words} attacked the town on Sunday.") if a.role == "main"]
    assert mains and mains[0].actor.name == name


def test_the_israeli_army_in_the_west_bank_is_external():
    [event] = extract_events("IDF troops killed two gunmen in a raid on the Jenin refugee camp on Sunday.", "2023-07-03")
    assert event["actor1"] == {"name": "Military Forces of Israel", "inter": 8}


@pytest.mark.parametrize("words, name", [
    ("the Islamic State in the Sahel", "Islamic State Sahel Province"),
    ("the Islamic State in Mozambique", "Islamic State Mozambique Province"),
    ("the Islamic State in Central Africa", "Islamic State Central Africa Province"),
    ("the Islamic State in Afghanistan", "Islamic State Khorasan Province"),
])
def test_an_islamic_state_province_named_by_its_region(words, name):
    mains = [a for a in find_actors(f"Fighters of {words} attacked the town on Sunday.") if a.role == "main"]
    assert mains and mains[0].actor.name == name
