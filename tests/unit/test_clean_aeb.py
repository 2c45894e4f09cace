"""Main-text quality on the article-extraction benchmark stays above plain trafilatura's (F1 ≈ 0.953)."""

import gzip
import importlib.util
import json
import os
from pathlib import Path

import pytest

from pipeline.clean import clean_html, clean_text
from pipeline.config import REPO_ROOT

pytestmark = pytest.mark.unit

SHARED = Path(os.environ.get("EVENTWIRE_SHARED_DIR", REPO_ROOT.parent / "shared"))
AEB = SHARED / "corpora" / "aeb"
SCORER = SHARED / "eval" / "score_text.py"


@pytest.mark.skipif(not (AEB / "ground-truth.json").exists() or not SCORER.exists(),
                    reason=f"article-extraction benchmark not found under {SHARED}")
def test_clean_html_scores_above_plain_trafilatura_on_aeb_and_is_idempotent():
    spec = importlib.util.spec_from_file_location("score_text", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    counts = []
    for page_id, truth in gold.items():
        html = gzip.open(AEB / "html" / f"{page_id}.html.gz").read().decode("utf-8", "replace")
        text = clean_html(html)["text"]
        assert clean_text(text) == text, f"residual pass not idempotent on {page_id}"
        counts.append(scorer.page_counts(truth.get("articleBody", ""), text))
    summary = scorer.summarise(counts)
    # plain trafilatura.extract() scores 0.9525 on this corpus; ours measured 0.968
    assert summary["f1"] >= 0.96, summary
