"""The import stage: ``$import`` / ``$importdefs`` expanded into a new, self-contained document.

Imports copy, they do not link (Import draft): an imported type behaves exactly as if it had been
declared where it is mounted. So the whole feature is a pure document-to-document rewrite done
before compiling, and the compiler never needs to know that a type came from elsewhere.

Nothing is fetched (D8). A URI resolves only through what the caller allows:

- ``imports``: a mapping of URI -> document (a mapping) or local file (``str`` / ``os.PathLike``);
- ``import_dir``: a folder; a *relative* ``$import`` reference is then read as a file path relative
  to the folder of the importing file (the root document counts as living in ``import_dir``), and
  is refused when it resolves (after symlinks and ``..``) outside that folder.

Limits: an import chain deeper than :data:`MAX_IMPORT_DEPTH` documents and more than
:data:`MAX_IMPORTS` imports in one expansion are both ``SCHEMA_IMPORT_TOO_DEEP`` (the second stops
a "diamond" of documents that import one another several times from growing exponentially).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jstruct import codes
from jstruct.errors import to_pointer
from jstruct.pointers import nesting_exceeds
from jstruct.schema import meta

__all__ = [
    "MAX_IMPORTS",
    "MAX_IMPORT_DEPTH",
    "MAX_IMPORT_FILE_BYTES",
    "ImportSources",
    "expand_imports",
]

#: Documents in one import chain (the importing document counts as the first).
MAX_IMPORT_DEPTH = 32
#: Import operations in one expansion, counting each nested one.
MAX_IMPORTS = 1000
#: Imported files larger than this are refused rather than read into memory.
MAX_IMPORT_FILE_BYTES = 16 * 1024 * 1024
#: Nesting allowed in an imported document, as for the importing one.
MAX_IMPORT_NESTING = 1000

IMPORT_KEYWORDS = ("$import", "$importdefs")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# Members that describe the document, not its root type: they are not copied into the mounted
# root type.
_DOCUMENT_MEMBERS = frozenset(
    {"$schema", "$id", "$uses", "$offers", "definitions", "$root", "name", *IMPORT_KEYWORDS}
)
# Keywords whose values are data (or free-form annotation maps), never schemas: a "$ref" member
# found inside them is data and must not be rewritten.
_DATA_KEYWORDS = frozenset(
    {
        "const",
        "enum",
        "default",
        "examples",
        "altnames",
        "altenums",
        "descriptions",
        "symbols",
    }
)
# Keywords whose values are pointers into the document ("scope" is the Relations keyword).
_POINTER_KEYWORDS = frozenset({"$ref", "$extends", "$addins", "scope"})
# Composition keywords: an object carrying one is a schema, not a namespace.
_SCHEMA_MARKERS = ("type", "$ref", "allOf", "anyOf", "oneOf", "not", "if", "then", "else")

Report = Callable[[str, str, str], None]
# (code, message, pointer, import chain that led there): the chain is told once, at the top.
_Report = Callable[[str, str, str, tuple[str, ...]], None]


class _ImportFailed(Exception):
    """One import could not be performed; reported once, at the outermost ``$import``."""

    def __init__(self, code: str, message: str, via: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        #: the imported documents the failing import sits in, outermost first
        self.via = via


@dataclass(frozen=True)
class ImportSources:
    """What the caller allows imports to read (D8)."""

    mapping: Mapping[str, Any] = field(default_factory=dict)
    import_dir: Path | None = None

    @classmethod
    def from_options(
        cls, imports: Mapping[str, Any] | None, import_dir: str | os.PathLike[str] | None
    ) -> ImportSources | None:
        """Check the caller's options; paths become absolute so a rebuilt validator finds them."""
        if imports is None and import_dir is None:
            return None
        mapping: dict[str, Any] = {}
        if imports is not None:
            if not isinstance(imports, Mapping):
                raise TypeError("imports must map URIs to documents or file paths")
            for uri, source in imports.items():
                if not isinstance(uri, str):
                    raise TypeError(f"imports keys must be URI strings, not {type(uri).__name__}")
                if isinstance(source, Mapping):
                    mapping[uri] = source
                elif isinstance(source, (str, os.PathLike)):
                    mapping[uri] = os.path.abspath(os.fspath(source))
                else:
                    raise TypeError(
                        f"imports[{uri!r}] must be a document (a mapping) or a file path, "
                        f"not {type(source).__name__}"
                    )
        folder: Path | None = None
        if import_dir is not None:
            folder = Path(os.path.realpath(os.fspath(import_dir)))
            if not folder.is_dir():
                raise ValueError(f"import_dir {os.fspath(import_dir)!r} is not a directory")
        return cls(mapping, folder)

    def options(self) -> tuple[dict[str, Any] | None, str | None]:
        """The (imports, import_dir) keyword arguments that rebuild these sources."""
        return (
            dict(self.mapping) if self.mapping else None,
            str(self.import_dir) if self.import_dir is not None else None,
        )


@dataclass
class _Loaded:
    document: dict[str, Any]
    folder: Path | None  # folder of the file it came from (relative imports resolve there)
    key: str  # identity for cycle detection


@dataclass
class _State:
    sources: ImportSources | None
    count: int = 0
    # The expanded form of a document depends only on the document, not on where it is mounted.
    cache: dict[str, dict[str, Any]] = field(default_factory=dict)


def document_features(document: dict[str, Any]) -> frozenset[str]:
    """The extensions a document enables (its meta-schema plus ``$uses``), read leniently."""
    uri = document.get("$schema")
    enabled = set(meta.meta_features(uri) or ()) if isinstance(uri, str) else set()
    uses = document.get("$uses")
    if isinstance(uses, list):
        for name in uses:
            if isinstance(name, str) and name in meta.EXTENSIONS:
                enabled.add(name)
            elif isinstance(name, str) and name in meta.ALIASES:
                enabled.add(meta.ALIASES[name])
    return frozenset(enabled)


def has_imports(document: Any) -> bool:
    """True when the document uses ``$import``/``$importdefs`` where the draft allows them."""
    if not isinstance(document, dict):
        return False
    if any(k in document for k in IMPORT_KEYWORDS):
        return True
    return _namespace_has_imports(document.get("definitions"))


def _namespace_has_imports(namespace: Any) -> bool:
    if not isinstance(namespace, dict):
        return False
    if any(k in namespace for k in IMPORT_KEYWORDS):
        return True
    return any(
        _namespace_has_imports(member)
        for member in namespace.values()
        if isinstance(member, dict) and not _is_schema(member)
    )


def _is_schema(member: dict[str, Any]) -> bool:
    return any(k in member for k in _SCHEMA_MARKERS)


def expand_imports(
    document: dict[str, Any],
    sources: ImportSources | None,
    enabled: bool,
    report: Report,
) -> dict[str, Any]:
    """The document with every import performed; the caller's document is never changed.

    ``enabled`` says whether the document enables the Import extension. Problems go to
    ``report(code, message, pointer)`` with a pointer into ``document`` (an import nested in an
    imported document is reported at the import of the importing document that led to it).
    Without any import keyword the document itself is returned.
    """
    if not has_imports(document):
        return document
    state = _State(sources)
    root_folder = sources.import_dir if sources is not None else None
    root_id = document.get("$id")
    chain = (frozenset({f"id:{root_id}"}),) if isinstance(root_id, str) else (frozenset(),)

    def tell(code: str, message: str, where: str, via: tuple[str, ...]) -> None:
        if via:
            message = f"{message} (import chain: {' -> '.join(via)})"
        report(code, message, where)

    return _expand(document, root_folder, chain, state, enabled, tell)


def _expand(
    document: dict[str, Any],
    folder: Path | None,
    chain: tuple[frozenset[str], ...],
    state: _State,
    enabled: bool,
    report: _Report,
) -> dict[str, Any]:
    """Expand one document's imports (``report`` pointers are relative to this document)."""
    out = {k: v for k, v in document.items() if k not in IMPORT_KEYWORDS}
    root_imports = {k: document[k] for k in IMPORT_KEYWORDS if k in document}
    definitions = document.get("definitions")
    if root_imports or isinstance(definitions, dict):
        # A root-level import mounts into the root namespace, as one directly under definitions.
        namespace = definitions if isinstance(definitions, dict) else {}
        expanded = _namespace(
            namespace,
            ("definitions",),
            root_imports,
            "",
            document,
            folder,
            chain,
            state,
            enabled,
            report,
        )
        if expanded or "definitions" in document:
            out["definitions"] = expanded
    return out


def _namespace(
    namespace: dict[str, Any],
    tokens: tuple[str, ...],
    extra_imports: dict[str, Any],
    extra_where: str,
    document: dict[str, Any],
    folder: Path | None,
    chain: tuple[frozenset[str], ...],
    state: _State,
    enabled: bool,
    report: _Report,
) -> dict[str, Any]:
    """A namespace with its own sub-namespaces expanded and then its imports merged in."""
    local: dict[str, Any] = {}
    for name, member in namespace.items():
        if name in IMPORT_KEYWORDS:
            continue
        if isinstance(member, dict) and not _is_schema(member):
            member = _namespace(
                member, (*tokens, name), {}, "", document, folder, chain, state, enabled, report
            )
        local[name] = member
    requests: list[tuple[str, Any, str]] = [
        (k, v, extra_where + "/" + k) for k, v in extra_imports.items()
    ]
    requests += [
        (k, namespace[k], to_pointer((*tokens, k))) for k in IMPORT_KEYWORDS if k in namespace
    ]
    for keyword, uri, where in requests:
        if not enabled:
            report(
                codes.SCHEMA_IMPORT_NOT_ALLOWED,
                f'"{keyword}" needs the {meta.IMPORT} extension, which this document does not '
                f'enable (use the extended or validation meta-schema, or "$uses": '
                f'["{meta.IMPORT}"]).',
                where,
                (),
            )
            continue
        if not isinstance(uri, str) or not uri:
            report(
                codes.SCHEMA_KEYWORD_INVALID_TYPE,
                f'"{keyword}" must be the URI of a schema document (a non-empty string).',
                where,
                (),
            )
            continue
        try:
            imported = _import(uri, keyword == "$import", tokens, document, folder, chain, state)
        except _ImportFailed as failure:
            report(failure.code, failure.message, where, failure.via)
            continue
        # Local declarations win over imported ones; an earlier import wins over a later one.
        local = _merge(local, imported)
    return local


def _merge(local: dict[str, Any], imported: dict[str, Any]) -> dict[str, Any]:
    """Merge imported members under local ones: a local type shadows an imported one
    completely; two namespaces of the same name merge member by member."""
    merged = dict(local)
    for name, member in imported.items():
        mine = merged.get(name)
        if mine is None:
            merged[name] = member
        elif (
            isinstance(mine, dict)
            and isinstance(member, dict)
            and not _is_schema(mine)
            and not _is_schema(member)
        ):
            merged[name] = _merge(mine, member)
    return merged


def _import(
    uri: str,
    with_root: bool,
    mount: tuple[str, ...],
    importer: dict[str, Any],
    folder: Path | None,
    chain: tuple[frozenset[str], ...],
    state: _State,
) -> dict[str, Any]:
    """The members one import adds to the namespace at ``mount``, refs already rewritten."""
    state.count += 1
    if state.count > MAX_IMPORTS:
        raise _ImportFailed(
            codes.SCHEMA_IMPORT_TOO_DEEP,
            f"More than {MAX_IMPORTS} imports in one document; refusing to expand further.",
        )
    if len(chain) >= MAX_IMPORT_DEPTH:
        raise _ImportFailed(
            codes.SCHEMA_IMPORT_TOO_DEEP,
            f"Importing {uri} would make the import chain deeper than {MAX_IMPORT_DEPTH} "
            "documents.",
        )
    loaded = _load(uri, importer, folder, state.sources)
    doc_id = loaded.document.get("$id")
    keys = {loaded.key} | ({f"id:{doc_id}"} if isinstance(doc_id, str) else set())
    if any(keys & link for link in chain):
        raise _ImportFailed(
            codes.SCHEMA_IMPORT_CIRCULAR,
            f"Importing {uri} closes a cycle: that document is already being imported "
            "further up this import chain.",
        )
    expanded = state.cache.get(loaded.key)
    if expanded is None:
        problems: list[tuple[str, str, str, tuple[str, ...]]] = []
        expanded = _expand(
            loaded.document,
            loaded.folder,
            (*chain, frozenset(keys)),
            state,
            meta.IMPORT in document_features(loaded.document),
            lambda code, message, where, via: problems.append((code, message, where, via)),
        )
        if problems:
            code, message, where, via = problems[0]
            raise _ImportFailed(code, message, (f"{uri} at {where or '/'}", *via))
        state.cache[loaded.key] = expanded
    prefix = to_pointer(mount)
    members: dict[str, Any] = {}
    if with_root and "type" in expanded and isinstance(expanded.get("name"), str):
        root = {k: v for k, v in expanded.items() if k not in _DOCUMENT_MEMBERS}
        members[expanded["name"]] = _rewrite(root, prefix)
    definitions = expanded.get("definitions")
    if isinstance(definitions, dict):
        for name, member in definitions.items():
            if name not in members:
                members[name] = _rewrite(member, prefix)
    return members


def _load(
    uri: str, importer: dict[str, Any], folder: Path | None, sources: ImportSources | None
) -> _Loaded:
    """Find the document a URI names among the sources the caller allowed."""
    mapping = sources.mapping if sources is not None else {}
    candidates = [uri]
    base = importer.get("$id")
    if isinstance(base, str) and _SCHEME.match(base):
        resolved = urljoin(base, uri)  # RFC 3986 resolution against the importer's $id
        if resolved != uri:
            candidates.append(resolved)
    for candidate in candidates:
        if candidate in mapping:
            source = mapping[candidate]
            if isinstance(source, Mapping):
                return _Loaded(_as_schema(uri, source), None, f"uri:{candidate}")
            path = Path(source)
            return _Loaded(_read(uri, path), path.parent, f"file:{os.path.realpath(path)}")
    root = sources.import_dir if sources is not None else None
    if root is not None and folder is not None and not _SCHEME.match(uri):
        path = _inside(uri, folder, root)
        return _Loaded(_read(uri, path), path.parent, f"file:{path}")
    if root is not None and not _SCHEME.match(uri):
        reason = "the importing document was not read from a folder under import_dir"
    elif root is not None:
        reason = "import_dir allows relative references only, and no mapping names this URI"
    else:
        reason = "the caller supplied no document for it (pass imports={uri: document_or_path})"
    raise _ImportFailed(
        codes.SCHEMA_IMPORT_NOT_ALLOWED,
        f"Cannot import {uri}: {reason}; nothing is fetched from the network.",
    )


def _inside(reference: str, folder: Path, root: Path) -> Path:
    """The file a relative reference names, refused unless it lies inside ``root``."""
    if "\x00" in reference or reference.startswith(("/", "\\")) or "?" in reference:
        raise _ImportFailed(
            codes.SCHEMA_IMPORT_NOT_ALLOWED,
            f"Cannot import {reference!r}: only relative file references are allowed here.",
        )
    path_part = reference.split("#", 1)[0]
    target = Path(os.path.realpath(folder / path_part))
    # realpath has resolved symlinks and "..", so a plain prefix test on whole components holds.
    if target != root and root not in target.parents:
        raise _ImportFailed(
            codes.SCHEMA_IMPORT_NOT_ALLOWED,
            f"Cannot import {reference!r}: it resolves outside import_dir.",
        )
    return target


def _read(uri: str, path: Path) -> dict[str, Any]:
    from jstruct.jsontext import JSONTextError, loads

    try:
        if not path.is_file():
            raise FileNotFoundError(path)
        if path.stat().st_size > MAX_IMPORT_FILE_BYTES:
            raise _ImportFailed(
                codes.SCHEMA_IMPORT_INVALID,
                f"Imported file for {uri} is larger than {MAX_IMPORT_FILE_BYTES} bytes.",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise _ImportFailed(
            codes.SCHEMA_IMPORT_NOT_FOUND,
            f"Cannot import {uri}: file {str(path)!r} cannot be read ({exc.__class__.__name__}).",
        ) from None
    try:
        document = loads(data)
    except JSONTextError as exc:
        raise _ImportFailed(
            codes.SCHEMA_IMPORT_INVALID,
            f"Imported file for {uri} is not valid JSON: {exc}",
        ) from None
    return _as_schema(uri, document)


def _as_schema(uri: str, document: Any) -> dict[str, Any]:
    """The document, if it is recognisably a JSON Structure schema document."""
    if not isinstance(document, Mapping):
        raise _ImportFailed(
            codes.SCHEMA_IMPORT_INVALID,
            f"Imported document {uri} is not a JSON object, so not a schema document.",
        )
    if nesting_exceeds(document, MAX_IMPORT_NESTING):
        raise _ImportFailed(
            codes.SCHEMA_IMPORT_INVALID,
            f"Imported document {uri} nests deeper than {MAX_IMPORT_NESTING} levels.",
        )
    schema_uri = document.get("$schema")
    if not isinstance(schema_uri, str) or meta.meta_features(schema_uri) is None:
        raise _ImportFailed(
            codes.SCHEMA_IMPORT_INVALID,
            f'Imported document {uri} is not a schema document: its "$schema" is not a JSON '
            "Structure meta-schema.",
        )
    if "type" not in document and "definitions" not in document and "$root" not in document:
        raise _ImportFailed(
            codes.SCHEMA_IMPORT_INVALID,
            f'Imported document {uri} declares no types (no "type" and no "definitions").',
        )
    return dict(document)


# --- pointer rewriting -----------------------------------------------------------------------


def _rewrite(value: Any, prefix: str) -> Any:
    """A copy of imported content with its ``#/definitions`` pointers moved under ``prefix``."""
    if isinstance(value, list):
        return [_rewrite(item, prefix) for item in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, member in value.items():
        if key in _DATA_KEYWORDS:
            out[key] = member
        elif key in _POINTER_KEYWORDS and isinstance(member, (str, list)):
            out[key] = _moved(member, prefix)
        else:
            out[key] = _rewrite(member, prefix)
    return out


def _moved(pointer: Any, prefix: str) -> Any:
    if isinstance(pointer, list):
        return [_moved(p, prefix) for p in pointer]
    if isinstance(pointer, str) and (
        pointer == "#/definitions" or pointer.startswith("#/definitions/")
    ):
        return "#" + prefix + pointer[len("#/definitions") :]
    return pointer
