"""Near-duplicate detection: a wire story republished with small edits is found, different stories are not."""

import csv
import random
from pathlib import Path

import pytest

from pipeline.clean import dedup

pytestmark = pytest.mark.unit

FAKES = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "fakes-articles.csv"

STORY = (
    "At least 16 civilians including women and children were killed on Friday during an air raid on the "
    "opposition-held neighbourhood of Tariq al-Bab in Aleppo, Syria's largest city, according to a civil "
    "defence source. The missiles fired from a warplane also wounded 25 others, the source told reporters. "
    "Syria has been locked in a civil war since early 2011, when the regime cracked down on protests that "
    "erupted as part of the Arab Spring uprisings. Since then hundreds of thousands of people have been killed "
    "and more than ten million displaced, according to the United Nations. Rescue workers said the death toll "
    "could rise as several people remained trapped under the rubble of two collapsed buildings near the market."
)
OTHER = (
    "Turkish troops and allied rebels shelled positions held by Kurdish fighters near the town of Manbij on "
    "Sunday, a war monitor said, as talks between Ankara and Washington over a buffer zone stalled. The "
    "Syrian Observatory for Human Rights reported clashes along the Sajur river front line and said two "
    "fighters had died. Turkish officials did not comment. The United States has warned both sides against "
    "escalation and said its patrols in the area would continue. Residents said shops in the town centre "
    "closed early and families left for villages to the south, fearing a wider offensive in coming days."
)


def _republished(text: str) -> str:
    """What an outlet does to a wire story: its own dateline, one sentence trimmed, a word or two changed."""
    edited = text.replace("On Friday", "on Friday").replace("reporters", "Anadolu Agency")
    edited = edited.replace(" Rescue workers said the death toll could rise", " The toll could rise")
    return "BEIRUT (AFP) - " + edited + " Follow us on social media."


def test_republished_wire_copy_is_a_near_duplicate():
    a, b = dedup.minhash(STORY), dedup.minhash(_republished(STORY))
    assert dedup.similarity(a, b) >= dedup.NEAR_DUP_THRESHOLD
    assert set(dedup.band_keys(a)) & set(dedup.band_keys(b)), "LSH must make the copy a candidate"


def test_different_story_is_not_a_near_duplicate():
    assert dedup.similarity(dedup.minhash(STORY), dedup.minhash(OTHER)) < 0.1


def test_signature_is_deterministic_and_fits_postgres_integer():
    sig = dedup.minhash(STORY)
    assert sig == dedup.minhash(STORY)
    assert len(sig) == dedup.NUM_PERM
    assert all(0 <= v < 2**31 for v in sig)
    assert len(dedup.band_keys(sig)) == dedup.BANDS
    assert all(-(2**63) <= k < 2**63 for k in dedup.band_keys(sig))


def test_case_punctuation_and_spacing_do_not_matter():
    assert dedup.minhash(STORY) == dedup.minhash(STORY.upper().replace(",", " ,").replace(" ", "  "))


def test_short_texts_get_no_signature():
    assert dedup.minhash("Subscribe to read the full story.") is None
    assert dedup.minhash("") is None


def test_estimate_tracks_true_jaccard():
    rng = random.Random(7)
    words = STORY.split() + OTHER.split()
    for _ in range(20):
        x = " ".join(rng.choice(words) for _ in range(200))
        y = " ".join(x.split()[:150] + [rng.choice(words) for _ in range(50)])
        sx, sy = dedup.shingles(x), dedup.shingles(y)
        true = len(sx & sy) / len(sx | sy)
        assert abs(dedup.similarity(dedup.minhash(x), dedup.minhash(y)) - true) < 0.15


@pytest.mark.skipif(not FAKES.exists(), reason="FA-KES corpus not found")
def test_fakes_corpus_near_duplicate_pairs_are_same_story():
    """On FA-KES the pairs at or above the threshold are the same report: same casualty figure in the title."""
    rows = list(csv.DictReader(FAKES.open(encoding="utf-8")))
    sigs = [dedup.minhash(r["article_content"]) for r in rows]
    assert sum(s is None for s in sigs) <= 5
    buckets: dict[int, set[int]] = {}
    for i, sig in enumerate(sigs):
        for key in dedup.band_keys(sig or []) if sig else []:
            buckets.setdefault(key, set()).add(i)
    pairs = {(i, j) for ids in buckets.values() for i in ids for j in ids if i < j
             and dedup.similarity(sigs[i], sigs[j]) >= dedup.NEAR_DUP_THRESHOLD}
    # the corpus carries dozens of republished copies (SANA items posted twice, AFP via several outlets)
    assert 35 <= len(pairs) <= 80
    different_titles = [(rows[i]["article_title"], rows[j]["article_title"]) for i, j in pairs
                        if rows[i]["article_title"][:25].lower() != rows[j]["article_title"][:25].lower()]
    assert len(different_titles) <= len(pairs) // 4
