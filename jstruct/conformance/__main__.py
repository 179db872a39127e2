"""``python -m jstruct.conformance``."""

from __future__ import annotations

import sys

from jstruct.conformance.command import main

sys.exit(main(sys.argv[1:], sys.stdout, sys.stderr))
