"""What every task process would otherwise do before its first article, done once: extract's tables
(gazetteer, actor lexicon, trigger rules: ~1-2 s of CPU) and the Great Expectations context (~0.5 s).

tools/stack.py puts this module in the scheduler's forkserver preload, so it runs once per scheduler
start and each task process (an os.fork of a LocalExecutor worker forked from that forkserver)
inherits the loaded tables copy-on-write. Nothing else imports it.
"""

from __future__ import annotations

from pipeline.extract.actors import load_lexicon
from pipeline.extract.places import load_gazetteer
from pipeline.extract.triggers import load_rules, prefix_index
from pipeline.validate.suite import gx_context

load_gazetteer(), load_lexicon(), load_rules(), prefix_index()
gx_context()
