"""``python -m jstruct``: the same command line as the ``jstruct`` console script."""

from __future__ import annotations

from jstruct.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
