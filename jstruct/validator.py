"""The compiled validator: immutable, thread-safe, picklable."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from jstruct import codes
from jstruct.compiler.context import DEFAULT_MAX_DEPTH, Compiler, ensure_recursion_limit
from jstruct.compiler.document import compile_document
from jstruct.compiler.nodes import Node, describe
from jstruct.errors import VALID, Error, Result, SchemaError, SchemaReport
from jstruct.schema.imports import ImportSources

__all__ = ["Validator", "check_document"]

_METADATA = ("$schema", "$uses")
_MISSING = object()
# Frames per level of instance nesting, with headroom: closures call one another a few times
# per level (container, member gate, keyword checks).
_FRAMES_PER_LEVEL = 8


def _frames_for(max_depth: int) -> int:
    return max_depth * _FRAMES_PER_LEVEL + 1000


# Raised once, when jstruct is imported, for the default limits (compiling a schema nested to
# its limit needs fewer frames than that); only a larger max_depth raises it again later.
ensure_recursion_limit(_frames_for(DEFAULT_MAX_DEPTH))


def _compile(
    document: Any,
    max_depth: int,
    addins: frozenset[str] = frozenset(),
    imports: ImportSources | None = None,
    wire_names: bool = False,
) -> tuple[Compiler, Node]:
    compiler = Compiler(
        document, max_depth=max_depth, addins=addins, imports=imports, wire_names=wire_names
    )
    root = compile_document(compiler)
    if compiler.recursive and not compiler.errors:
        # Recursive schemas meet unbounded nesting: compile again with depth counting (D53).
        # The first pass already expanded the imports, so the second reads no file again.
        compiler = Compiler(
            compiler.document,
            max_depth=max_depth,
            addins=addins,
            track_depth=True,
            wire_names=wire_names,
        )
        root = compile_document(compiler)
        ensure_recursion_limit(_frames_for(max_depth))
    return compiler, root


def check_document(
    document: Any,
    *,
    max_depth: int = DEFAULT_MAX_DEPTH,
    imports: Mapping[str, Any] | None = None,
    import_dir: str | os.PathLike[str] | None = None,
    wire_names: bool = False,
) -> SchemaReport:
    """Check a schema document: every error and warning, in one pass."""
    sources = ImportSources.from_options(imports, import_dir)
    compiler, _ = _compile(document, max_depth, imports=sources, wire_names=wire_names)
    return SchemaReport(tuple(compiler.errors), tuple(compiler.warnings))


class Validator:
    """A schema document compiled once; validate any number of instances with it.

    Instances of this class never change after construction (the add-in variants cache only
    grows, and each entry is itself immutable), so one validator can serve many threads.
    """

    __slots__ = (
        "_addin_names",
        "_document",
        "_expanded",
        "_imports",
        "_lock",
        "_max_depth",
        "_root",
        "_root_check",
        "_variants",
        "_warnings",
        "_wire_names",
    )

    def __init__(
        self,
        document: Mapping[str, Any],
        *,
        max_depth: int = DEFAULT_MAX_DEPTH,
        imports: Mapping[str, Any] | None = None,
        import_dir: str | os.PathLike[str] | None = None,
        wire_names: bool = False,
    ) -> None:
        if type(max_depth) is not int or max_depth < 1:
            raise ValueError("max_depth must be a positive integer")
        if not isinstance(wire_names, bool):
            raise TypeError("wire_names must be True or False")
        sources = ImportSources.from_options(imports, import_dir)
        compiler, root = _compile(document, max_depth, imports=sources, wire_names=wire_names)
        if compiler.errors:
            raise SchemaError(compiler.errors, compiler.warnings)
        self._document = document
        # Kept so that pickling can recompile from the same sources (files are read again).
        self._imports = sources
        self._wire_names = wire_names
        # Add-in variants compile this already-expanded copy: no import is read twice.
        self._expanded = compiler.document
        self._max_depth = max_depth
        self._root = root
        self._root_check = root.is_valid
        self._addin_names = frozenset(compiler.offers)
        self._variants: dict[frozenset[str], Node] = {}
        self._lock = threading.Lock()
        self._warnings: tuple[Error, ...] = tuple(compiler.warnings)

    @property
    def warnings(self) -> tuple[Error, ...]:
        """The schema's warnings (a valid document may still have some)."""
        return self._warnings

    @property
    def document(self) -> Mapping[str, Any]:
        return self._document

    def __reduce__(self) -> tuple[Any, ...]:
        imports, import_dir = self._imports.options() if self._imports else (None, None)
        return (
            _rebuild,
            (self._document, self._max_depth, imports, import_dir, self._wire_names),
        )

    def __repr__(self) -> str:
        name = self._document.get("name") or self._document.get("$id", "")
        return f"<jstruct.Validator {name}>"

    # --- instance-root metadata (D5) -----------------------------------------------------------

    def _variant(self, names: frozenset[str]) -> Node:
        node = self._variants.get(names)
        if node is None:
            _, node = _compile(self._expanded, self._max_depth, names, wire_names=self._wire_names)
            with self._lock:
                node = self._variants.setdefault(names, node)
        return node

    def _select(self, instance: dict[str, Any]) -> tuple[Node, Any, Error | None]:
        """The root node for an instance carrying metadata, the data without it, any error."""
        data = {k: v for k, v in instance.items() if k not in _METADATA}
        uses = instance.get("$uses", _MISSING)
        if uses is _MISSING:
            return self._root, data, None
        if not isinstance(uses, list) or not all(type(u) is str for u in uses):
            return (
                self._root,
                data,
                Error(
                    codes.INSTANCE_USES_INVALID,
                    f"$uses must be an array of add-in names, got {describe(uses)}.",
                    "/$uses",
                    "/$offers",
                ),
            )
        unknown = [u for u in uses if u not in self._addin_names]
        if unknown:
            offered = ", ".join(sorted(self._addin_names)) or "none"
            return (
                self._root,
                data,
                Error(
                    codes.INSTANCE_USES_UNKNOWN_ADDIN,
                    f"$uses names {', '.join(map(repr, unknown))}, which the schema does not offer "
                    f"(offered: {offered}).",
                    "/$uses",
                    "/$offers",
                ),
            )
        return self._variant(frozenset(uses)), data, None

    # --- validation ----------------------------------------------------------------------------

    def is_valid(self, instance: Any) -> bool:
        """True when ``instance`` is valid; builds no error objects."""
        if type(instance) is dict and ("$uses" in instance or "$schema" in instance):
            root, instance, problem = self._select(instance)
            if problem is not None:
                return False
            check = root.is_valid
        else:
            check = self._root_check
        try:
            return check(instance)
        except RecursionError:
            return False

    def validate_text(self, data: str | bytes) -> Result:
        """Validate an instance given as JSON text, read strictly (D52: no duplicate member
        names, no NaN literals, valid UTF-8, bounded nesting). Every error carries the line and
        column where it sits in the text; a text that is not JSON is one error saying where."""
        from jstruct.jsontext import JSONTextError, Locator, decode_text, loads

        try:
            instance = loads(data, max_depth=self._max_depth)
        except JSONTextError as problem:
            return Result((problem.to_error(),))
        result = self.validate(instance)
        if result.valid:
            return result
        text = data if isinstance(data, str) else decode_text(data)
        return Result(tuple(Locator(text).place(result.errors)))

    def validate_many(self, instances: Iterable[Any]) -> Iterator[Result]:
        """The :class:`Result` of each instance, in order, computed lazily."""
        from jstruct.bulk import validate_many

        return validate_many(self, instances)

    def iter_errors(self, instance: Any) -> Iterator[Error]:
        """Every error of ``instance`` (nothing when it is valid)."""
        return iter(self.validate(instance).errors)

    def validate(self, instance: Any) -> Result:
        """Validate ``instance``; the result is truthy when it is valid."""
        root = self._root
        problem: Error | None = None
        if type(instance) is dict and ("$uses" in instance or "$schema" in instance):
            root, instance, problem = self._select(instance)
        try:
            if problem is None and root.is_valid(instance):
                return VALID
            sink: list[Error] = [] if problem is None else [problem]
            root.errors(instance, (), sink)
        except RecursionError:
            sink = [
                Error(
                    codes.INSTANCE_MAX_DEPTH_EXCEEDED,
                    f"The instance is nested deeper than the limit of {self._max_depth} levels.",
                )
            ]
        return Result(tuple(sink))


def _rebuild(
    document: Mapping[str, Any],
    max_depth: int,
    imports: Mapping[str, Any] | None = None,
    import_dir: str | None = None,
    wire_names: bool = False,
) -> Validator:
    return Validator(
        document,
        max_depth=max_depth,
        imports=imports,
        import_dir=import_dir,
        wire_names=wire_names,
    )
