"""Extraction pauses Python's cyclic garbage collector while it reads an article.

A long article makes hundreds of thousands of small objects (sentences, mentions, candidates) that
live until the article is done, and none of them is cyclic garbage: the collector would only walk
them again and again (about 15 % of the CPU time on 5 MB of dense news; docs/extraction.md, Speed). Reference
counting still frees what is dropped at once; the collector resumes when the outermost pause ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0              # pauses open in this process (threads may extract at once)
_resume = False         # whether the collector was on when the first of them began


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic collection inside the block; nested and concurrent blocks resume it once, at the end
    of the last one, and only if it was on before the first."""
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
