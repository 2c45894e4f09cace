"""Extraction gives the same events whatever the process's hash seed.

Python randomises the order of a set of strings per process; a rule that walks such a set where order
decides (a tie between two countries a headline names) would make re-runs in other task processes
disagree. The article is written for the test.
"""

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.unit

_SCRIPT = """
import json, sys
from pipeline.extract import extract_events
title = "Iran says Syria to let U.N. inspectors visit chemical sites"
text = ("The foreign minister said on Sunday that the government had told Tehran it would let U.N. inspectors visit areas "
        "hit by chemical weapons. Hundreds were killed in the attack, the opposition says.")
events = extract_events(text, "2013-08-25", title)
print(json.dumps([(e["sub_event_type"], e["location"]["name"], e["interaction"]) for e in events]))
"""


def _events_with_seed(seed: str) -> list:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    out = subprocess.run([sys.executable, "-c", _SCRIPT], env=env, capture_output=True, text=True, check=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_events_do_not_depend_on_the_hash_seed():
    runs = [_events_with_seed(seed) for seed in ("1", "4", "7")]      # (1 and 4 disagreed before the fix)
    assert runs[0] and all(run == runs[0] for run in runs)
