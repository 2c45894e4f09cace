"""Number parsing and death counts: ACLED's conservative reading of casualty language."""

import pytest

from pipeline.extract.numbers import fatalities, parse_number

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text, value", [
    ("4", 4), ("1,200", 1200), ("four", 4), ("twenty-one", 21), ("two hundred", 200),
    ("dozens", 12), ("a dozen", 12), ("scores", 12), ("hundreds", 100), ("tens", 10),
])
def test_parse_number_reads_digits_words_and_vague_quantities(text, value):
    assert parse_number(text) == value


def test_parse_number_rejects_non_numbers():
    assert parse_number("rebels") is None


@pytest.mark.parametrize("sentence, deaths", [
    ("Shelling on the market killed at least 7 people.", 7),
    ("More than 40 soldiers were killed in the ambush.", 40),
    ("Dozens of fighters are believed to have been killed in the clashes.", 12),
    ("A police officer was killed when gunmen opened fire.", 1),
    ("The raid killed three civilians and wounded at least nine others.", 3),
    ("At least 12 people were killed and 30 others were wounded by the blast.", 12),
])
def test_fatalities_counts_deaths_only(sentence, deaths):
    assert fatalities(sentence) == deaths


def test_fatalities_sums_the_sides_a_sentence_names():
    text = ("The monitor said at least 9 army soldiers had been killed in the fighting, "
            "along with 6 insurgents, over the past day.")
    assert fatalities(text) == 15


def test_fatalities_ignores_subsets_introduced_by_including():
    assert fatalities("The strike killed more than 20 people, including five children.") == 20


def test_fatalities_gives_no_count_for_killed_or_captured():
    assert fatalities("The fighters killed or captured dozens of soldiers near the dam.") is None


def test_fatalities_gives_no_count_for_killed_and_wounded_together():
    assert fatalities("The unit suffered more than 50 killed and wounded.") is None


def test_fatalities_ignores_whole_war_tolls():
    assert fatalities("The conflict has killed over 100,000 people since it began in 2011.") is None


def test_fatalities_reads_no_casualties_as_zero():
    assert fatalities("The jets struck the depot; there were no reported casualties.") == 0


def test_fatalities_after_a_killing_verb_need_no_noun():
    assert fatalities("The blast tore through the market, killing at least 20, including six children.") == 20


def test_fatalities_keep_killed_and_wounded_apart_when_counted_separately():
    assert fatalities("6 civilians killed 22 injured in shelling on the city.") == 6
    assert fatalities("At least 20 civilians were killed and 50 others wounded by artillery fire.") == 20


def test_fatalities_wounded_only_is_no_death_count():
    assert fatalities("Six soldiers were wounded in the attack.") is None


def test_a_part_among_a_counted_whole_gives_the_whole():
    assert fatalities("Two medics were among at least 31 people killed on Saturday in shelling of the town.") == 31
    assert fatalities("Ten children and 13 rebels were among 48 people executed by government forces.") == 48
    # with no whole counted, the part is all the text counts
    assert fatalities("At least six children were among those killed in the air raids.") == 6


def test_the_wounded_after_a_long_subject_are_not_dead():
    text = ("A child was killed and six other civilians including three children (5-8 years) were injured "
            "when a mortar shell hit the city.")
    assert fatalities(text) == 1


@pytest.mark.parametrize("sentence, deaths", [
    # a feed's date stamp before the headline is no count: the number after the first verb is its object
    ("Tue Mar 5 2019 Gunmen abducted 40 Killed 6 Villagers near Maiduguri.", 6),
    ("Mon Mar 4 2019 Rocket Attack Kills Three Injures Five in Kabul.", 3),
    # a headline's subject before its verb: the count after it belongs to the next verb
    ("Farmer killed two others injured in mortar attack on Homs.", 1),
    ("5 March 2019 Soldier killed 4 wounded in ambush near Gao.", 1),
    ("05-03-2019 Woman killed 7 Civilians Injured in Rocket Attack on Kabul.", 1),
    # a count before the second verb still leaves the first verb's count alone
    ("A bomb killed six people and wounded 30 others in Kabul.", 6),
])
def test_headline_counts_after_a_date_stamp_or_a_subject(sentence, deaths):
    assert fatalities(sentence) == deaths


@pytest.mark.parametrize("sentence, deaths", [
    # every item of a list of parts is a part, the second as much as the first
    ("At least 15 civilians including a woman and two children were killed in Mosul on Tuesday.", 15),
    ("The attack left seven people dead including a tourist and at least four police officers.", 7),
    ("Air strikes killed nine people, among them a nurse and three children.", 9),
])
def test_a_later_item_of_a_list_of_parts_is_a_part(sentence, deaths):
    assert fatalities(sentence) == deaths


@pytest.mark.parametrize("sentence", [
    "The civil war has killed hundreds of thousands of people and forced millions to flee.",
    "Tens of thousands of people have been killed in the fighting over the past decade.",
])
def test_a_war_s_toll_is_no_event_s_toll(sentence):
    assert fatalities(sentence) is None


@pytest.mark.parametrize("sentence, deaths", [
    ("Jihadists stormed a gas field, killing at least 25 pro-government gunmen.", 25),
    ("Three gunmen were killed when police returned fire.", 3),
    ("Two assailants were also killed in the exchange.", 2),
    ("Troops killed 14 Taliban in a night raid.", 14),
    ("Militants ambushed a convoy, killing seven gendarmes.", 7),
    ("The blast killed four peacekeepers and two tribesmen.", 6),
    ("Fighting claimed the lives of 40 loyalists and 35 rebels.", 75),
])
def test_gunmen_killed_and_the_dead_of_many_trades_and_forces_are_counted(sentence, deaths):
    assert fatalities(sentence) == deaths


@pytest.mark.parametrize("sentence, deaths", [
    ("Ten gunmen killed four gendarmes at a checkpoint.", 4),
    ("Two suicide bombers killed at least nine people at a market.", 9),
    ("The three attackers killed at least 15 people.", 15),
])
def test_the_attackers_who_killed_are_not_counted_among_the_dead(sentence, deaths):
    assert fatalities(sentence) == deaths


@pytest.mark.parametrize("sentence", [
    "A gendarme was killed in the ambush.",
    "A peacekeeper was killed when the convoy hit a mine.",
    "One herder was shot dead near the river.",
])
def test_one_of_these_killed_is_one_death(sentence):
    assert fatalities(sentence) == 1


def test_a_count_after_the_injury_of_is_of_the_injured():
    assert fatalities("The rocket led to the death of two people and the injury of 15 others.") == 2


@pytest.mark.parametrize("sentence, deaths", [
    ("A mortar round left a child dead and a woman injured.", 1),
    ("The blast left two soldiers dead and three civilians wounded.", 2),
    ("Scores of people died in the bombing.", 12),
])
def test_the_word_right_after_the_counted_people_is_theirs(sentence, deaths):
    assert fatalities(sentence) == deaths


@pytest.mark.parametrize("sentence, deaths", [
    ("At least six people were killed in the fighting, according to a regional health official.", 6),
    ("Militants killed 38 people in an attack on a base on Thursday, an army officer said.", 38),
    ("Six people were killed, an official told a news agency.", 6),
    ("The strike killed a soldier and two civilians.", 3),
])
def test_who_tells_the_toll_is_not_counted_in_it(sentence, deaths):
    assert fatalities(sentence) == deaths


@pytest.mark.parametrize("sentence, deaths", [
    ("The death toll from the bombing rose to 30.", 30),
    ("The death toll stood at 12 on Monday.", 12),
    ("The death toll from Sunday's car bombing in Mogadishu has risen to 120, officials said.", 120),
    ("Two dozen soldiers were killed.", 24),
    ("Gunmen killed a teacher and his two sons.", 3),
])
def test_a_toll_that_rose_two_dozen_and_the_family_dead_are_counted(sentence, deaths):
    assert fatalities(sentence) == deaths


def test_the_toll_of_the_injured_is_no_death_toll():
    assert fatalities("The toll of the injured rose to 40.") is None


@pytest.mark.parametrize("sentence, deaths", [
    ("The army lost 17 soldiers in the fighting for the bridge.", 17),
    ("The rebels lost at least 12 fighters and two tanks in the ambush.", 12),
    ("The militia also lost three of its men in the clashes, residents said.", 3),
    # a loss with no count of people after it is no toll
    ("Government troops lost two villages to the rebels on Monday.", None),
    ("The ruling party lost 40 seats in the election.", None),
    ("The army lost ground in the north.", None),
    ("The militants lost contact with 5 fighters.", None),
])
def test_a_side_that_lost_a_count_of_people_lost_them_dead(sentence, deaths):
    assert fatalities(sentence) == deaths


@pytest.mark.parametrize("sentence, deaths", [
    ("A mob lynched two men accused of theft in the market.", 2),
    ("Three women were burned alive in their homes.", 3),
    ("Rescuers found two survivors alive under the rubble.", None),
])
def test_lynched_and_burned_alive_are_killed(sentence, deaths):
    assert fatalities(sentence) == deaths



@pytest.mark.parametrize("text, expected", [
    # who tells the toll is not one more dead
    ("Air strikes hit the village, killing at least 12 civilians, a health worker said.", 12),
    ("Gunmen killed 12 civilians, a local leader told reporters.", 12),
    ("Gunmen killed 12 civilians and a health worker, residents said.", 13),       # the worker died too
    ("A fighter jet bombed the village on Tuesday, killing 17 people, a member of the local militia said.", 17),
    ("A fighter was killed in the clash on Tuesday, the group said.", 1),
    # things counted with a describing word are not people
    ("Two roadside bombs killed eight policemen, police said.", 8),
    ("At least 43 people were killed by shelling in a rebel-held town on Tuesday.", 43),
    ("Gunmen killed two young men near the village.", 2),
    ("Five children and four medics were killed by airstrikes on a hospital in a rebel-held zone.", 9),   # no rebel
    ("At least five civilians and one peacekeeper were killed in the fighting, the mission said.", 6),
    ("Four medics were killed and a nurse critically wounded when a strike hit the clinic.", 4),
    ("The army repelled an attack by hundreds of jihadists on a post, killing 79 assailants.", 79),   # the attackers
    # a toll that rose, however long the name of its event
    ("The death toll from Saturday's truck bombing at a busy checkpoint in the capital has risen to 30, police said.", 30),
])
def test_words_around_a_toll_that_are_not_its_dead(text, expected):
    assert fatalities(text) == expected


@pytest.mark.parametrize("text, dead", [
    ("Gunmen killed a village chief and his two sons on Tuesday.", 3),
    ("Four women were killed and a driver sustained injuries when gunmen opened fire on their car.", 4),
    ("Two fighters were killed and two others suffered wounds in the clashes.", 2),
])
def test_one_person_named_by_the_place_they_serve_counts_and_the_injured_do_not(text, dead):
    assert fatalities(text) == dead


@pytest.mark.parametrize("text, dead", [("Three more were killed in the town, the governor said.", 3), ("Two others died in hospital.", 2)])
def test_more_or_others_killed_are_counted(text, dead):
    assert fatalities(text) == dead


def test_a_leader_named_by_role_and_those_killed_with_him_are_all_counted():
    assert fatalities("The governor of the province and six of his bodyguards were killed when a car bomb struck his convoy.") == 7


@pytest.mark.parametrize("text", ["A bomb attached to a car exploded in the city, killing a government employee, police said.",
                                  "Gunmen shot dead a shopkeeper in the market."])
def test_one_worker_named_by_trade_killed_is_one_dead(text):
    assert fatalities(text) == 1


def test_who_killed_is_not_counted_among_the_dead():
    assert fatalities("A young man was shot dead by a soldier on Thursday.") == 1


@pytest.mark.parametrize("text, dead", [
    ("Special forces killed a senior Islamic State leader and three of his aides in a raid on a hideout.", 4),
    ("Five civilians of one family including a child were killed in the strike.", 5),
])
def test_a_senior_leader_and_his_aides_count_and_a_part_named_with_including_does_not(text, dead):
    assert fatalities(text) == dead
