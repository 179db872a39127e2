"""Error records, results and the schema exception.

An :class:`Error` is plain immutable data. Validation builds one only when something fails, so
the valid path allocates nothing here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

__all__ = ["Error", "Result", "SchemaError", "SchemaReport", "escape_token", "to_pointer"]


def escape_token(token: object) -> str:
    """Escape one reference token for an RFC 6901 pointer."""
    return str(token).replace("~", "~0").replace("/", "~1")


def to_pointer(parts: Iterable[object]) -> str:
    """Render a path (keys and indexes) as an RFC 6901 JSON Pointer; ``()`` is ``""``."""
    tokens = [
        str(part)
        if type(part) is int
        else part
        if type(part) is str and "~" not in part and "/" not in part
        else escape_token(part)
        for part in parts
    ]
    return "/" + "/".join(tokens) if tokens else ""


class Error(NamedTuple):
    """One problem found in an instance or a schema document.

    ``path`` points into the instance (or, for schema problems, into the document);
    ``schema_path`` points into the schema document at the rule that failed. ``line`` and
    ``column`` (1-based) are set when the input came from text. ``context`` holds the reasons of
    the branches of a failed union, ``anyOf``, ``oneOf`` or choice.

    A named tuple: immutable, and the cheapest record Python builds, which matters on the error
    path of bulk validation.
    """

    code: str
    message: str
    path: str = ""
    schema_path: str = ""
    line: int | None = None
    column: int | None = None
    context: tuple[Error, ...] = ()

    def at(self, line: int | None, column: int | None) -> Error:
        """The same error with a text location."""
        return self._replace(line=line, column=column)

    def trimmed(self, depth: int) -> Error:
        """The same error with branch reasons kept ``depth`` levels deep: reasons of unions
        inside unions of a deep recursive value would otherwise nest once per level."""
        if not self.context:
            return self
        if depth <= 1:
            return self._replace(context=())
        return self._replace(context=tuple(c.trimmed(depth - 1) for c in self.context))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view (the stable machine-readable shape)."""
        out: dict[str, Any] = {
            "code": self.code,
            "message": self.message,
            "path": self.path,
            "schemaPath": self.schema_path,
        }
        if self.line is not None:
            out["line"] = self.line
            out["column"] = self.column
        if self.context:
            out["context"] = [c.to_dict() for c in self.context]
        return out

    def __str__(self) -> str:
        where = self.path if self.path else "(root)"
        return f"{self.code} {self.message} (at {where})"


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of validating one instance: truthy when valid."""

    errors: tuple[Error, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.errors

    def __bool__(self) -> bool:
        return not self.errors

    def __iter__(self) -> Iterator[Error]:
        return iter(self.errors)

    def __len__(self) -> int:
        return len(self.errors)


VALID = Result()


@dataclass(frozen=True, slots=True)
class SchemaReport:
    """The outcome of checking a schema document."""

    errors: tuple[Error, ...] = ()
    warnings: tuple[Error, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.errors

    def __bool__(self) -> bool:
        return not self.errors


class SchemaError(ValueError):
    """Raised when a document is not a valid JSON Structure schema.

    ``errors`` holds every problem found (one pass reports them all); their ``path`` points into
    the schema document.
    """

    def __init__(self, errors: Sequence[Error], warnings: Sequence[Error] = ()) -> None:
        self.errors: tuple[Error, ...] = tuple(errors)
        self.warnings: tuple[Error, ...] = tuple(warnings)
        first = self.errors[0] if self.errors else None
        more = len(self.errors) - 1
        text = "invalid schema" if first is None else f"invalid schema: {first}"
        if more > 0:
            text += f" (and {more} more)"
        super().__init__(text)

    def __reduce__(self) -> tuple[Any, ...]:
        return (SchemaError, (self.errors, self.warnings))
