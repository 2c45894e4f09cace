"""Score the extractor with the shared scorers: seed articles, CASE snippets, and throughput.

Run `python -m tools.evaluate_extract [--shared DIR] [--clean]`; it writes JSONL predictions
to a temporary directory and prints the scorers' summary lines, so numbers match the outside checks.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.extract import extract_events

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"


def load_scorer(shared: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, shared / "eval" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed_predictions(shared: Path, seeds_dir: Path | None = None, clean=None) -> list[dict]:
    gold = json.loads((shared / "eval" / "seeds-gold.json").read_text(encoding="utf-8"))
    seeds_dir = seeds_dir or shared / "seeds"
    out = []
    for art in gold["articles"]:
        text = (seeds_dir / art["file"]).read_text(encoding="utf-8")
        if clean is not None:
            text = clean(text)
        out.append({"id": art["file"], "events": extract_events(text, art["published"])})
    return out


def _write(rows: list[dict], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def snippet_predictions(shared: Path) -> list[dict]:
    out = []
    with open(shared / "corpora" / "case2021-task2-dev.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out.append({"id": row["id"], "events": extract_events(row["EventSnippet"])})
    return out


def throughput(shared: Path) -> tuple[float, float, float]:
    csv.field_size_limit(10**9)
    with open(shared / "corpora" / "fakes-articles.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    extract_events("warm-up: government forces shelled Aleppo on Sunday.", "2016-01-01")
    t0, c0 = time.perf_counter(), time.process_time()
    for r in rows:
        extract_events(r["article_content"], None, r.get("article_title"))
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return len(rows) / elapsed, len(rows) / cpu, peak_mb


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--clean", action="store_true", help="apply pipeline.clean.clean_text first")
    ap.add_argument("--skip-speed", action="store_true")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="extract-eval-"))
    clean = None
    if args.clean:
        from pipeline.clean import clean_text as clean
    _write(seed_predictions(args.shared, clean=clean), tmp / "seeds.jsonl")
    subprocess.run([sys.executable, str(args.shared / "eval" / "score_events.py"),
                    str(args.shared / "eval" / "seeds-gold.json"), str(tmp / "seeds.jsonl")], check=False)
    _write(snippet_predictions(args.shared), tmp / "snippets.jsonl")
    subprocess.run([sys.executable, str(args.shared / "eval" / "score_snippets.py"),
                    str(args.shared / "corpora" / "case2021-task2-dev.tsv"), str(tmp / "snippets.jsonl")], check=False)
    if not args.skip_speed:
        rate, cpu_rate, peak = throughput(args.shared)
        print(f"speed: {rate:.1f} articles/s wall, {cpu_rate:.1f} articles/s per CPU second, peak RSS {peak:.0f} MB")
    print(f"predictions in {tmp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
