"""Shared test helpers: where the repository and the shared data live."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a visible reason when it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (clone without ../shared)")
    return path


@pytest.fixture(scope="session")
def smtp_schema() -> dict[str, Any]:
    return load(EXAMPLES / "smtp-token.struct.json")


@pytest.fixture(scope="session")
def smtp_instance() -> dict[str, Any]:
    return load(EXAMPLES / "smtp-token.json")
