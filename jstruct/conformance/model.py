"""The data a conformance run works on: cases, their expectations, and outcomes.

A :class:`Case` is self-contained (it carries its schema document and instance), so a case can be
run on its own, in any order, by the command line or by one pytest test.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

__all__ = ["MISSING", "Case", "Outcome", "Status"]

Status = Literal["passed", "failed", "skipped"]


class _Missing:
    """Marks "no instance" apart from a JSON ``null`` instance."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Case:
    """One check: a schema verdict, or one instance's verdict against a schema.

    ``schema_valid``/``valid`` of ``None`` mean "not checked": the case only has to finish
    without an exception (the adversarial data promises nothing more).
    """

    id: str
    category: str
    file: str
    kind: Literal["schema", "instance"]
    # Identifies the schema document so a run compiles each document once, however many
    # instance cases share it.
    schema_key: str
    schema: Any = None
    # Set when the schema file itself could not be read as JSON: the document is then rejected
    # with this code without ever reaching the engine.
    schema_load_error: tuple[str, str] | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    base_dir: Path | None = None
    schema_valid: bool | None = True
    errors: tuple[str, ...] = ()
    warnings: frozenset[str] | None = None
    data: Any = MISSING
    data_text: str | None = None
    valid: bool | None = None
    error: str | None = None
    path: str | None = None
    # Why this case's expectation differs from what its suite's README says.
    reason: str | None = None
    skip: str | None = None
    # Set when the case's own data is unusable (an unreadable case file, a group without a
    # schema): the case fails with this message, so a broken suite never passes silently.
    broken: str | None = None

    def expected_text(self) -> str:
        """The expectation in a few words, for reports."""
        if self.skip is not None:
            return "skipped"
        if self.kind == "schema":
            if self.schema_valid is None:
                return "finishes without an exception"
            if not self.schema_valid:
                return "schema rejected" + (
                    f" with {', '.join(self.errors)}" if self.errors else ""
                )
            if self.warnings is None:
                return "schema accepted"
            shown = ", ".join(sorted(self.warnings)) or "none"
            return f"schema accepted, warnings: {shown}"
        if self.valid is None:
            return "finishes without an exception"
        if self.valid:
            return "instance valid"
        text = "instance invalid"
        if self.error:
            text += f" with {self.error}"
            if self.path is not None:
                text += f" at {self.path!r}"
        return text


@dataclass(frozen=True)
class Outcome:
    """What running one case produced."""

    case: Case
    status: Status
    actual: str
    detail: str = ""
    codes: tuple[str, ...] = ()
    seconds: float = 0.0
    slow: bool = False

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def explain(self) -> str:
        """A multi-line account of the outcome, as printed for a failure."""
        lines = [
            f"{self.case.file} :: {self.case.id}",
            f"  expected: {self.case.expected_text()}",
            f"  actual:   {self.actual}",
        ]
        if self.codes:
            lines.append(f"  codes:    {', '.join(self.codes)}")
        if self.detail:
            lines.append(f"  why:      {self.detail}")
        if self.case.reason:
            lines.append(f"  note:     {self.case.reason}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.case.id,
            "category": self.case.category,
            "file": self.case.file,
            "status": self.status,
            "expected": self.case.expected_text(),
            "actual": self.actual,
            "codes": list(self.codes),
            "detail": self.detail,
            "reason": self.case.reason,
            "seconds": round(self.seconds, 6),
            "slow": self.slow,
        }
