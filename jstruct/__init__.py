"""jstruct: a strict, fast validator for JSON Structure.

Schemas are compiled once into closures; instances are validated against them::

    import jstruct
    result = jstruct.validate(schema, instance)
    if not result:
        for error in result.errors:
            print(error.path, error.code, error.message)
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from jstruct.api import check_schema, compile, is_valid, validate
from jstruct.errors import Error, Result, SchemaError, SchemaReport
from jstruct.validator import Validator


def __getattr__(name: str) -> Any:
    # The bulk module brings in multiprocessing; it is imported only when asked for.
    if name == "validate_ndjson":
        from jstruct.bulk import validate_ndjson

        return validate_ndjson
    raise AttributeError(f"module 'jstruct' has no attribute {name!r}")


try:
    __version__ = version("jstruct")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = [
    "Error",
    "Result",
    "SchemaError",
    "SchemaReport",
    "Validator",
    "__version__",
    "check_schema",
    "compile",
    "is_valid",
    "validate",
    "validate_ndjson",
]
