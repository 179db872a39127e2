"""The JSON Structure conformance runner.

Runs the project's own suite (``conformance/`` in a source checkout), the cross-SDK test assets
of json-structure/sdk and the primer's core samples against the installed engine, checking each
case's verdict, expected error code and path, that ``is_valid`` agrees with ``validate``, that
nothing raises, and how long each case takes. ``jstruct conformance`` delegates to :func:`main`;
``tests/test_conformance.py`` runs the same cases through :class:`Runner`.
"""

from __future__ import annotations

from jstruct.conformance.command import collect, main, summary_line
from jstruct.conformance.loading import (
    collect_own,
    collect_samples,
    collect_shared,
    collect_test_assets,
    load_expectations,
    own_expectations_dir,
    own_suite_dir,
)
from jstruct.conformance.model import Case, Outcome
from jstruct.conformance.running import DEFAULT_SLOW_SECONDS, Runner

__all__ = [
    "DEFAULT_SLOW_SECONDS",
    "Case",
    "Outcome",
    "Runner",
    "collect",
    "collect_own",
    "collect_samples",
    "collect_shared",
    "collect_test_assets",
    "load_expectations",
    "main",
    "own_expectations_dir",
    "own_suite_dir",
    "summary_line",
]
