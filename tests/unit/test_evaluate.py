"""`make eval`'s glue: the cleaned AEB pages go to `eventwire extract`, and what it finds is counted."""

import json

import pytest

from tools.evaluate import count_events, write_extract_inputs

pytestmark = pytest.mark.unit


def test_cleaned_pages_become_extract_inputs_and_events_are_counted(tmp_path):
    cleaned = tmp_path / "pages.out.jsonl"
    cleaned.write_text("\n".join(json.dumps(p) for p in [
        {"id": "a", "text": "Rebels shelled Aleppo on Monday.", "title": "Shelling", "published": "2019-03-05",
         "author": "someone", "language": "en"},
        {"id": "b", "text": "", "title": "An empty page"},
    ]) + "\n", encoding="utf-8")
    inputs = tmp_path / "pages.events.in.jsonl"
    assert write_extract_inputs(cleaned, inputs) == 1
    assert [json.loads(line) for line in inputs.read_text(encoding="utf-8").splitlines()] == [
        {"id": "a", "text": "Rebels shelled Aleppo on Monday.", "published": "2019-03-05", "title": "Shelling"}]

    extracted = tmp_path / "pages.events.out.jsonl"
    extracted.write_text(json.dumps({"id": "a", "events": [{}, {}]}) + "\n" + json.dumps({"id": "b", "events": []}) + "\n",
                         encoding="utf-8")
    assert count_events(extracted) == 2


def test_world_dev_towns_are_swapped_for_towns_of_the_same_country_in_text_title_and_gold(tmp_path):
    from pipeline.extract.places import load_gazetteer
    from tools.swap_places import swap_world

    world = tmp_path / "world"
    world.mkdir()
    text = "Gunmen attacked a market in Kaduna on Monday. Police in Kaduna said four people died."
    (world / "articles.jsonl").write_text(json.dumps(
        {"id": "w1", "title": "Attack in Kaduna", "text": text, "published": "2020-01-07"}) + "\n", encoding="utf-8")
    event = {"id": "1-1", "sub_event_type": "Attack", "location": {
        "name": "Kaduna", "aliases": [], "admin1": "Kaduna", "country": "Nigeria", "latitude": 10.5, "longitude": 7.4,
        "geo_precision": 1}}
    region = {"id": "1-2", "sub_event_type": "Attack", "location": {"name": "Kaduna State", "geo_precision": 3}}
    (world / "gold.json").write_text(json.dumps({"articles": [{"file": "w1", "events": [event, region]}]}), encoding="utf-8")

    inputs, gold = tmp_path / "in.jsonl", tmp_path / "gold.json"
    assert swap_world(world, 1, inputs, gold) == 1
    [swapped] = [json.loads(line) for line in inputs.read_text(encoding="utf-8").splitlines()]
    [town_event, region_event] = json.loads(gold.read_text(encoding="utf-8"))["articles"][0]["events"]
    town = town_event["location"]["name"]
    [place] = load_gazetteer().lookup(town)
    assert town != "Kaduna" and place.country_code == "NG"
    assert swapped["text"] == text.replace("Kaduna", town) and swapped["title"] == f"Attack in {town}"
    assert (town_event["location"]["latitude"], town_event["location"]["longitude"]) == (place.latitude, place.longitude)
    assert region_event["location"]["name"] == "Kaduna State"      # only towns are swapped
    assert swap_world(world, 1, tmp_path / "again.jsonl", tmp_path / "again.json") == 1
    assert (tmp_path / "again.jsonl").read_text(encoding="utf-8") == inputs.read_text(encoding="utf-8")   # a seed draws the same
