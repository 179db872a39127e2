"""pytest-benchmark suite: ``python -m pytest benchmarks --benchmark-enable -p no:cacheprovider``.

Not part of the default ``pytest`` run (testpaths is ``tests``). The one-command report with
interleaved rounds is ``python benchmarks/run.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for entry in (str(HERE.parent), str(HERE)):
    if entry not in sys.path:
        sys.path.insert(0, entry)
