"""Conditional composition keywords: allOf, anyOf, oneOf, not, if/then/else."""

from __future__ import annotations

from jstruct.compiler.keywords import Keyword

COMPOSITION_TABLE: dict[str, Keyword] = {}
