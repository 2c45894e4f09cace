"""What every task process would otherwise do before its first article, done once: extract's tables
(gazetteer, actor lexicon, trigger rules: ~1-2 s of CPU) and the Great Expectations context (~0.5 s).

tools/stack.py puts this module in the scheduler's forkserver preload, so it runs once per scheduler
start and each task process (an os.fork of a LocalExecutor worker forked from that forkserver)
inherits the loaded tables copy-on-write. Nothing else imports it.
"""

from __future__ import annotations

from pipeline.extract.record import load_tables
from pipeline.validate.suite import gx_context

load_tables()
gx_context()
