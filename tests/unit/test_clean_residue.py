"""The residual clean-up removes extractor leftovers and repairs text, and never loses a sentence."""

import pytest

from pipeline.clean import clean_record, clean_text, is_residue_line

pytestmark = pytest.mark.unit

ARTICLE = ("Rebels shelled the town of Example on Monday, killing three people, a monitor said.\n\n"
           "The army said it had repelled the attack.")


@pytest.mark.parametrize("line", [
    "Skip to main content",
    "Leave a comment",
    "Leave a Reply",
    "No comments:",
    "Post a Comment",
    "No comments yet. Be the first to comment.",
    "12 Comments",
    "fourteen − three =",
    "seven + 2 = ",
    "For the latest on Syria and the Kurdish region, follow us on Twitter :",
    "Follow The Example Times on Twitter and Facebook for the latest updates.",
    "  • Short link :",
    "Enable Read mode",
    "100% Font Size",
    "Published: Updated:",
    "Updated at 1:23 p.m.",
    "June 4, 2013 10:32 GMT",
    "Top Content Trending",
    "Reporting by: Adel Hassan",
    "Reporting by Tom Perry; Editing by Jane Doe",
    "Source: ARA News",
    "SOURCE: News agencies",
    "Share this article",
    "Share on Facebook",
    "Tweet",
    "|",
    "• • •",
    "Related: Ten things to know about the ceasefire",
    "You may also like:",
    "Advertisement",
    "© 2015 Example Media. All rights reserved.",
])
def test_residue_lines_are_recognised(line):
    assert is_residue_line(line)


@pytest.mark.parametrize("line", [
    "Rebels shelled the town on Monday, killing three people.",
    "Coalition pounds Raqqa",
    "Source: a military official told reporters the convoy was hit twice near the border crossing at dawn.",
    "Comments by the minister were broadcast on state television on Sunday evening.",
    "Share prices fell sharply in Damascus as the fighting spread.",
    "At least 4 people were killed.",
    "Published reports said 20 soldiers died.",
    "Reporting from the front line has become more dangerous.",
    "Updated figures from the ministry put the toll at 42.",
    "He said: “Follow the money.”",
])
def test_article_lines_are_not_residue(line):
    assert not is_residue_line(line)


def test_residue_lines_are_dropped_and_sentences_kept():
    text = ("Skip to main content\n\n" + ARTICLE +
            "\n\nReporting by: Adel Hassan\n\nSource: ARA News\n\nLeave a comment\n\nfourteen − three =\n|")
    cleaned = clean_text(text)
    assert cleaned == ARTICLE


def test_trailing_photo_credit_is_removed_but_caption_kept():
    cleaned = clean_text("Fighters at a hilltop in the Qalamoun region (AFP)\n\n" + ARTICLE)
    assert "(AFP)" not in cleaned
    assert "Fighters at a hilltop in the Qalamoun region" in cleaned
    # an agency dateline inside a sentence is reporting, not a credit
    assert "BEIRUT (Reuters) - Shelling" in clean_text("BEIRUT (Reuters) - Shelling resumed on Monday.")


def test_hard_wrapped_lines_are_rejoined_into_paragraphs():
    text = ("Government forces seized the town of Example near the border on Sunday\n"
            "after a week of fighting, pushing rebels back towards the hills around\n"
            "the valley, activists and state media said on Sunday evening.\n"
            "The military command said the operation was over and that the Islamic\n"
            "State of Iraq and the Levant had lost its last positions in the valley\n"
            "and the surrounding villages, according to the statement on television.")
    cleaned = clean_text(text)
    assert cleaned.split("\n\n") == [
        "Government forces seized the town of Example near the border on Sunday after a week of fighting, "
        "pushing rebels back towards the hills around the valley, activists and state media said on Sunday evening.",
        "The military command said the operation was over and that the Islamic State of Iraq and the Levant "
        "had lost its last positions in the valley and the surrounding villages, according to the statement "
        "on television.",
    ]


def test_headings_stay_separate_paragraphs():
    text = "Coalition pounds Raqqa\nThe coalition struck Raqqa overnight, killing 30 people."
    assert clean_text(text) == "Coalition pounds Raqqa\n\nThe coalition struck Raqqa overnight, killing 30 people."


@pytest.mark.parametrize("glued, repaired", [
    ("Kasab were overrun.In eastern Syria", "Kasab were overrun. In eastern Syria"),
    ("refers to rebels as “terrorists.”The Observatory", "refers to rebels as “terrorists.” The Observatory"),
    ("the group (ISIS).The army", "the group (ISIS). The army"),
])
def test_missing_space_after_sentence_end_is_repaired(glued, repaired):
    assert clean_text(glued) == repaired


@pytest.mark.parametrize("text", [
    "The U.S. Army and the U.N. said 3.5 million people fled.",
    "Details at www.Example.com and https://example.org/News.Today in full.",
    "Mr.Smith met e.g.Jones at St.Louis airport.",
    "The rate rose to 2.5%.",
])
def test_abbreviations_decimals_and_urls_are_left_alone(text):
    assert clean_text(text) == text


def test_whitespace_is_normalised():
    text = "  Rebels\u00a0 attacked   the town\u200b on Monday .\r\n\r\n\r\n\r\nThe army   responded.  "
    assert clean_text(text) == "Rebels attacked the town on Monday .\n\nThe army responded."


def test_clean_text_is_idempotent_on_messy_input():
    text = ("Skip to main content\nBREAKING NEWS\nTroops advanced on the town\nof Example on Monday,\n"
            "officials said.In the north, clashes\ncontinued.\n\n\nNo comments:\nPost a Comment\n"
            "The toll rose to 12 (Reuters)\n|\n")
    once = clean_text(text)
    assert clean_text(once) == once
    assert "officials said. In the north" in once


def test_empty_text_gives_empty_string():
    assert clean_text("") == ""
    assert clean_text("\n\n  \n") == ""


def test_clean_record_with_text():
    out = clean_record({"id": "a1", "text": "Skip to main content\n\n" + ARTICLE})
    assert out == {"id": "a1", "text": ARTICLE, "title": None, "author": None, "published": None, "language": None}


def test_clean_record_with_html():
    html = ("<html lang='en'><head><title>Shelling in Example</title></head><body><article>"
            "<h1>Shelling in Example</h1>" + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")) * 3 +
            "</article></body></html>")
    out = clean_record({"id": "b2", "html": html, "url": "https://news.example.com/a"})
    assert set(out) == {"id", "text", "title", "author", "published", "language"}
    assert out["id"] == "b2"
    assert "killing three people" in out["text"]
    assert out["title"] == "Shelling in Example"
    assert out["language"] == "en"


@pytest.mark.parametrize("record, message", [
    ({"text": "x"}, "no 'id'"),
    ({"id": "x"}, "needs 'html'"),
    ({"id": "x", "text": 5}, "'text' must be a string"),
    ({"id": "x", "html": ["<p>"]}, "'html' must be a string"),
    ("not a dict", "JSON object"),
])
def test_clean_record_rejects_bad_records(record, message):
    with pytest.raises(ValueError, match=message):
        clean_record(record)
