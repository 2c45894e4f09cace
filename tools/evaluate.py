"""`make eval`: score eventwire with the same scripts and inputs the outside checks use.

It drives the real `eventwire extract` / `eventwire clean` commands over the material in ../shared
(never copied into the project) and prints each scorer's verdict line.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.config import REPO_ROOT


def _eventwire() -> str:
    return str(Path(sys.executable).with_name("eventwire"))


def _run_cli(command: str, src: Path, dst: Path) -> float:
    started = time.monotonic()
    done = subprocess.run([_eventwire(), command, "--input", str(src), "--output", str(dst)],
                          stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"eventwire {command} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return time.monotonic() - started


def _score(script: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True)
    return (done.stdout + done.stderr).strip()


def _score_json(script: Path, gold: Path, predictions: Path) -> dict | None:
    """The event scorer's figures (`--json`), or None when it failed."""
    done = subprocess.run([sys.executable, str(script), str(gold), str(predictions), "--json"], capture_output=True, text=True)
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        return None


def confidence_report(script: Path, gold: Path, predictions: Path, thresholds=(0.7, 0.9)) -> str:
    """Precision of the events at or above each confidence threshold (what an analyst's filter keeps)."""
    parts = []
    for thr in thresholds:
        kept = predictions.with_suffix(f".conf{thr}.jsonl")
        with predictions.open(encoding="utf-8") as src, kept.open("w", encoding="utf-8") as dst:
            for line in src:
                rec = json.loads(line)
                if "events" in rec:
                    rec["events"] = [e for e in rec["events"] if (e.get("confidence") or 0) >= thr]
                dst.write(json.dumps(rec) + "\n")
        r = _score_json(script, gold, kept)
        if r is None:
            parts.append(f">={thr}: scorer failed")
            continue
        parts.append(f"confidence>={thr}: P={r['precision']} R={r['recall']} (tp={r['tp']} fp={r['fp']})")
    return "; ".join(parts)


def write_seed_inputs(shared: Path, out: Path) -> int:
    gold = json.loads((shared / "eval" / "seeds-gold.json").read_text(encoding="utf-8"))
    with out.open("w", encoding="utf-8") as fh:
        for art in gold["articles"]:
            text = (shared / "seeds" / art["file"]).read_text(encoding="utf-8")
            fh.write(json.dumps({"id": art["file"], "text": text, "published": art["published"]}) + "\n")
    return len(gold["articles"])


def write_world_inputs(articles: Path, out: Path) -> int:
    """The world development set with only the fields `eventwire extract` takes (no country hint)."""
    return write_extract_inputs(articles, out, keep_empty=True)


def write_snippet_inputs(tsv: Path, out: Path) -> int:
    n = 0
    with tsv.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as fh:
        for row in csv.DictReader(src, delimiter="\t"):
            fh.write(json.dumps({"id": row["id"], "text": row["EventSnippet"]}) + "\n")
            n += 1
    return n


def write_page_inputs(aeb: Path, out: Path) -> int:
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for page_id, meta in truth.items():
            path = aeb / "html" / f"{page_id}.html.gz"
            if not path.exists():
                continue
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            fh.write(json.dumps({"id": page_id, "html": html, "url": meta.get("url")}) + "\n")
            n += 1
    return n


def write_extract_inputs(records: Path, out: Path, *, keep_empty: bool = False) -> int:
    """JSON lines (an article set, or `eventwire clean` output) as `eventwire extract` input: only the
    fields it takes (id, text, date, title); a record with no text is left out unless `keep_empty`."""
    n = 0
    with records.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as fh:
        for line in src:
            rec = json.loads(line)
            if keep_empty or rec.get("text"):
                fh.write(json.dumps({k: rec.get(k) for k in ("id", "text", "published", "title")}) + "\n")
                n += 1
    return n


def count_events(extracted: Path) -> int:
    with extracted.open(encoding="utf-8") as fh:
        return sum(len(json.loads(line).get("events") or []) for line in fh)


SWAP_SEEDS = (1, 2, 3)


def swapped_world_report(shared: Path, world: Path, tmp: Path) -> str:
    """F1 on world-dev with each gold town replaced by another of its country (tools/swap_places.py),
    one line per seed: a drop from the plain figure is what the rules owe to the names they have seen."""
    from tools.swap_places import swap_world

    parts = []
    for seed in SWAP_SEEDS:
        inputs, gold, out = tmp / f"world.swap{seed}.in.jsonl", tmp / f"world.swap{seed}.gold.json", tmp / f"world.swap{seed}.out.jsonl"
        swaps = swap_world(world, seed, inputs, gold)
        _run_cli("extract", inputs, out)
        r = _score_json(shared / "eval" / "score_events.py", gold, out)
        if r is None:
            parts.append(f"seed {seed}: scorer failed")
            continue
        parts.append(f"seed {seed} ({swaps} towns): F1={r['f1']} P={r['precision']} R={r['recall']}")
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(REPO_ROOT.parent / "shared"), help="the shared material (default ../shared)")
    parser.add_argument("--only", choices=["seeds", "world", "snippets", "text"], action="append",
                        help="run only these parts (repeatable)")
    args = parser.parse_args(argv)
    shared = Path(args.shared).resolve()
    if not (shared / "eval").is_dir():
        print(f"make eval: the shared material is not at {shared} (expected ../shared beside the repo); nothing to score.")
        return 2
    parts = args.only or ["seeds", "world", "snippets", "text"]
    tmp = Path(tempfile.mkdtemp(prefix="eventwire-eval-"))
    results = {}
    if "seeds" in parts:
        n = write_seed_inputs(shared, tmp / "seeds.in.jsonl")
        secs = _run_cli("extract", tmp / "seeds.in.jsonl", tmp / "seeds.out.jsonl")
        out = _score(shared / "eval" / "score_events.py", str(shared / "eval" / "seeds-gold.json"), str(tmp / "seeds.out.jsonl"))
        print(f"== seeds ({n} articles, {secs:.1f}s)\n{out}\n")
        results["seeds"] = out.splitlines()[-1]
    if "world" in parts:
        world = shared / "eval" / "world-dev"
        n = write_world_inputs(world / "articles.jsonl", tmp / "world.in.jsonl")
        secs = _run_cli("extract", tmp / "world.in.jsonl", tmp / "world.out.jsonl")
        out = _score(shared / "eval" / "score_events.py", str(world / "gold.json"), str(tmp / "world.out.jsonl"))
        conf = confidence_report(shared / "eval" / "score_events.py", world / "gold.json", tmp / "world.out.jsonl")
        print(f"== world-dev ({n} articles, {secs:.1f}s)\n{out}\n{conf}\n")
        results["world-dev"] = out.splitlines()[-1] if out else ""
        results["world-dev by confidence"] = conf
        results["world-dev, towns swapped"] = swapped_world_report(shared, world, tmp)
        print(f"== world-dev with its towns swapped for others of the same country\n{results['world-dev, towns swapped']}\n")
    if "snippets" in parts:
        tsv = shared / "corpora" / "case2021-task2-dev.tsv"
        n = write_snippet_inputs(tsv, tmp / "snippets.in.jsonl")
        secs = _run_cli("extract", tmp / "snippets.in.jsonl", tmp / "snippets.out.jsonl")
        out = _score(shared / "eval" / "score_snippets.py", str(tsv), str(tmp / "snippets.out.jsonl"))
        print(f"== snippets ({n} snippets, {secs:.1f}s)\n{out}\n")
        results["snippets"] = out.splitlines()[-1] if out else ""
    if "text" in parts:
        aeb = shared / "corpora" / "aeb"
        n = write_page_inputs(aeb, tmp / "pages.in.jsonl")
        secs = _run_cli("clean", tmp / "pages.in.jsonl", tmp / "pages.out.jsonl")
        out = _score(shared / "eval" / "score_text.py", str(aeb / "ground-truth.json"), str(tmp / "pages.out.jsonl"),
                     "--baseline-trafilatura", str(aeb / "html"))
        print(f"== text extraction ({n} pages, {secs:.1f}s)\n{out}\n")
        results["text"] = out.splitlines()[-1] if out else ""
        # the same pages through `eventwire extract`: general news from outlets nobody tuned for, mostly
        # not about conflict. No gold: a count of what the rules find there, to be read, not a score
        pages = write_extract_inputs(tmp / "pages.out.jsonl", tmp / "pages.events.in.jsonl")
        _run_cli("extract", tmp / "pages.events.in.jsonl", tmp / "pages.events.out.jsonl")
        found = count_events(tmp / "pages.events.out.jsonl")
        line = (f"{found} events on {pages} general-news pages (no gold: most of these pages report no conflict "
                f"event; read them in pages.events.out.jsonl)")
        print(f"== events on the AEB pages\n{line}\n")
        results["events on AEB pages"] = line
    print("summary:")
    for part, line in results.items():
        print(f"  {part}: {line}")
    print(f"(inputs and outputs kept in {tmp})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
