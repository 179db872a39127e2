"""The library's entry points."""

from __future__ import annotations

import copy
import json
import os
from collections import OrderedDict
from collections.abc import Mapping
from threading import Lock
from typing import Any

from jstruct.compiler.context import DEFAULT_MAX_DEPTH
from jstruct.errors import Result, SchemaReport
from jstruct.validator import Validator, check_document

__all__ = ["check_schema", "compile", "is_valid", "validate"]

_CACHE_SIZE = 64
_cache: OrderedDict[str, Validator] = OrderedDict()
_recent: dict[int, tuple[Mapping[str, Any], Any, Validator]] = {}
_cache_lock = Lock()


def compile(
    document: Mapping[str, Any],
    *,
    max_depth: int = DEFAULT_MAX_DEPTH,
    imports: Mapping[str, Any] | None = None,
    import_dir: str | os.PathLike[str] | None = None,
    wire_names: bool = False,
) -> Validator:
    """Compile a schema document once; raises :class:`jstruct.SchemaError` when it is invalid.

    ``imports`` maps the URIs that ``$import``/``$importdefs`` may name to a document or a local
    file path; ``import_dir`` lets relative import references read files inside that folder.
    Nothing else is ever loaded (D8). ``wire_names`` reads member names and enum symbols
    through ``altnames.json`` / ``altenums.json``.
    """
    return Validator(
        document,
        max_depth=max_depth,
        imports=imports,
        import_dir=import_dir,
        wire_names=wire_names,
    )


def _cached(document: Mapping[str, Any]) -> Validator:
    # The same document object passed again is recognised by identity and checked against a
    # snapshot (a C-level comparison), so a document changed in place compiles again; other
    # objects are looked up by their content.
    recent = _recent.get(id(document))
    if recent is not None and recent[0] is document and recent[1] == document:
        return recent[2]
    try:
        key = json.dumps(document, sort_keys=True, default=repr)
    except (TypeError, ValueError, RecursionError):
        return Validator(document)
    with _cache_lock:
        validator = _cache.get(key)
        if validator is not None:
            _cache.move_to_end(key)
    if validator is not None:
        return validator
    validator = Validator(document)
    snapshot = copy.deepcopy(document)  # once per compile, never on the fast path
    with _cache_lock:
        _cache[key] = validator
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
        # Holding the document keeps its id from being reused while the entry lives.
        _recent[id(document)] = (document, snapshot, validator)
        if len(_recent) > _CACHE_SIZE:
            _recent.pop(next(iter(_recent)))
    return validator


def validate(document: Mapping[str, Any], instance: Any) -> Result:
    """Validate ``instance`` against the schema ``document`` (compiled once and cached)."""
    return _cached(document).validate(instance)


def is_valid(document: Mapping[str, Any], instance: Any) -> bool:
    """True when ``instance`` is valid against ``document``; the fast boolean path."""
    return _cached(document).is_valid(instance)


def check_schema(
    document: Any,
    *,
    imports: Mapping[str, Any] | None = None,
    import_dir: str | os.PathLike[str] | None = None,
    wire_names: bool = False,
) -> SchemaReport:
    """Check a schema document and report every error and warning it has (options as for
    :func:`compile`)."""
    return check_document(document, imports=imports, import_dir=import_dir, wire_names=wire_names)
