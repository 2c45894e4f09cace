"""The five seed articles through the shared scorer: the extractor must reach event F1 >= 0.5."""

import importlib.util
import json
import os
from pathlib import Path

import pytest

from pipeline.config import REPO_ROOT
from pipeline.extract import extract_events

pytestmark = pytest.mark.unit

SEEDS_DIR = REPO_ROOT / "seeds"
SHARED = Path(os.environ.get("EVENTWIRE_SHARED_DIR", REPO_ROOT.parent / "shared"))
GOLD_FILE = SHARED / "eval" / "seeds-gold.json"
SCORER = SHARED / "eval" / "score_events.py"


def _load_scorer():
    spec = importlib.util.spec_from_file_location("score_events", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (GOLD_FILE.exists() and SCORER.exists()),
                    reason=f"shared gold/scorer not found under {SHARED} (set EVENTWIRE_SHARED_DIR)")
def test_seed_articles_reach_event_f1_of_one_half():
    scorer = _load_scorer()
    gold = json.loads(GOLD_FILE.read_text(encoding="utf-8"))
    dates = {s["file"]: s["published"] for s in json.loads((SEEDS_DIR / "seeds.json").read_text(encoding="utf-8"))}
    predictions = {name: extract_events((SEEDS_DIR / name).read_text(encoding="utf-8"), published)
                   for name, published in dates.items()}
    result = scorer.score(gold, predictions)
    assert result["f1"] >= 0.5, result
