"""The document stage: root members (D1-D3), definitions, ``$offers`` and the root type."""

from __future__ import annotations

from typing import Any

from jstruct import codes
from jstruct.compiler.context import ABSOLUTE_URI, Compiler, is_identifier, type_label
from jstruct.compiler.nodes import ACCEPT, Node
from jstruct.errors import to_pointer
from jstruct.pointers import fragment, nesting_exceeds, parse_fragment
from jstruct.schema import meta
from jstruct.schema.imports import expand_imports

#: Nesting of a schema document's JSON (the same bound as for JSON text, D53).
MAX_DOCUMENT_DEPTH = 1000


def compile_document(compiler: Compiler) -> Node:
    """Check the document's root members and compile its root type."""
    c = compiler
    document = c.document
    if not isinstance(document, dict):
        c.schema_error(
            codes.SCHEMA_INVALID_TYPE,
            f"A schema document must be a JSON object, found {type_label(document)}.",
            "",
        )
        return ACCEPT
    if nesting_exceeds(document, MAX_DOCUMENT_DEPTH):
        # Walking such a document (namespaces, imports, annotations) would recurse too deep.
        c.schema_error(
            codes.SCHEMA_MAX_DEPTH_EXCEEDED,
            f"The document nests objects and arrays deeper than {MAX_DOCUMENT_DEPTH} levels.",
            "",
        )
        return ACCEPT
    c.features = _features(c, document)
    # Imports copy types into the document, so every later stage must see the expanded copy
    # (the caller's document is left untouched).
    document = c.document = expand_imports(
        document, c.import_sources, c.enabled(meta.IMPORT), c.schema_error
    )
    _check_id(c, document)
    _read_offers(c, document)  # before definitions: add-ins may extend concrete types
    if "definitions" in document:
        c.walk_definitions(document["definitions"], ("definitions",))
    return _root(c, document)


def _features(c: Compiler, document: dict[str, Any]) -> frozenset[str]:
    features: set[str] = set()
    if "$schema" not in document:
        c.schema_error(
            codes.SCHEMA_MISSING_SCHEMA,
            'The document needs "$schema", the URI of a JSON Structure meta-schema.',
            "",
        )
    else:
        uri = document["$schema"]
        enabled = meta.meta_features(uri) if isinstance(uri, str) else None
        if enabled is None:
            c.schema_error(
                codes.SCHEMA_META_UNKNOWN,
                f"$schema {describe_value(uri)} is not a known meta-schema; use one of "
                f"{', '.join(meta.KNOWN_META_SCHEMAS)}.",
                "/$schema",
            )
        else:
            features |= enabled
    uses = document.get("$uses")
    if uses is None:
        return frozenset(features)
    if not isinstance(uses, list):
        c.schema_error(
            codes.SCHEMA_KEYWORD_INVALID_TYPE,
            '"$uses" must be an array of extension names.',
            "/$uses",
        )
        return frozenset(features)
    for index, name in enumerate(uses):
        where = f"/$uses/{index}"
        if isinstance(name, str) and name in meta.EXTENSIONS:
            features.add(name)
        elif isinstance(name, str) and name in meta.ALIASES:
            canonical = meta.ALIASES[name]
            features.add(canonical)
            c.schema_warning(
                codes.SCHEMA_USES_ALIAS,
                f"{name!r} is an old spelling of {canonical!r}; it is accepted.",
                where,
            )
        else:
            c.schema_error(
                codes.SCHEMA_USES_UNKNOWN_EXTENSION,
                f"{describe_value(name)} is not a JSON Structure extension; known: "
                f"{', '.join(sorted(meta.EXTENSIONS))}.",
                where,
            )
    return frozenset(features)


def describe_value(value: Any) -> str:
    return repr(value) if isinstance(value, str) else type_label(value)


def _check_id(c: Compiler, document: dict[str, Any]) -> None:
    if "$id" not in document:
        c.schema_error(
            codes.SCHEMA_MISSING_ID, 'The document needs "$id", an absolute URI naming it.', ""
        )
        return
    value = document["$id"]
    if not isinstance(value, str) or ABSOLUTE_URI.fullmatch(value) is None:
        c.schema_error(
            codes.SCHEMA_ID_INVALID,
            f'"$id" must be an absolute URI, found {describe_value(value)}.',
            "/$id",
        )


def _read_offers(c: Compiler, document: dict[str, Any]) -> None:
    offers = document.get("$offers")
    if offers is None:
        return
    if not isinstance(offers, dict):
        c.schema_error(
            codes.SCHEMA_OFFERS_INVALID,
            '"$offers" must map add-in names to pointers (or arrays of pointers).',
            "/$offers",
        )
        return
    for name, value in offers.items():
        where = "/$offers/" + name.replace("~", "~0").replace("/", "~1")
        refs = value if isinstance(value, list) else [value]
        targets: list[tuple[str, ...]] = []
        for ref in refs:
            tokens = parse_fragment(ref)
            addin = c.lookup(tokens) if tokens is not None else None
            if not isinstance(addin, dict) or addin.get("type") != "object":
                c.schema_error(
                    codes.SCHEMA_OFFERS_INVALID,
                    f"Offer {name!r} must point at an add-in object type; {ref!r} does not.",
                    where,
                )
                continue
            extends = parse_fragment(addin.get("$extends"))
            if addin.get("abstract") is not True or extends is None:
                c.schema_error(
                    codes.SCHEMA_OFFERS_INVALID,
                    f'Add-in {ref} must be abstract and "$extends" the type it adds to.',
                    where,
                )
                continue
            targets.append(tokens)  # type: ignore[arg-type]
        c.offers[name] = targets
    for name in c.active_addins:
        for addin in c.offers.get(name, ()):
            target = parse_fragment(c.lookup(addin).get("$extends"))
            if target is not None:
                c.addin_targets.setdefault(target, []).append(addin)


def _root(c: Compiler, document: dict[str, Any]) -> Node:
    has_type = "type" in document
    has_root = "$root" in document
    if "name" in document and not is_identifier(document["name"]):
        c.schema_error(
            codes.SCHEMA_NAME_INVALID,
            f"The root name must match [A-Za-z_][A-Za-z0-9_]*; "
            f"{describe_value(document['name'])} does not.",
            "/name",
        )
    if has_type and has_root:
        c.schema_error(
            codes.SCHEMA_ROOT_CONFLICT,
            'The root declares both "type" and "$root"; use one.',
            "",
        )
        return ACCEPT
    if has_root:
        tokens = parse_fragment(document["$root"])
        target = c.lookup(tokens) if tokens is not None and tokens[:1] == ("definitions",) else None
        if not isinstance(target, dict) or "type" not in target:
            c.schema_error(
                codes.SCHEMA_ROOT_INVALID,
                f"$root {describe_value(document['$root'])} does not point at a type declared "
                "under definitions.",
                "/$root",
            )
            return ACCEPT
        if target.get("abstract") is True:
            c.schema_error(
                codes.SCHEMA_ROOT_INVALID,
                f"$root {fragment(tokens)} is abstract and cannot be the root type.",  # type: ignore[arg-type]
                "/$root",
            )
            return ACCEPT
        return c.definition(tokens)  # type: ignore[arg-type]
    if not has_type:
        if c.enabled(meta.COMPOSITION) and any(
            k in document for k in ("allOf", "anyOf", "oneOf", "not", "if")
        ):
            return c.schema(document, "", ())
        c.schema_error(
            codes.SCHEMA_ROOT_MISSING_TYPE,
            'The document needs a root "type" or a "$root" pointing into definitions.',
            "",
        )
        return ACCEPT
    if "name" not in document:
        c.schema_error(
            codes.SCHEMA_ROOT_MISSING_NAME,
            'A document with a root "type" needs "name", the name of that type.',
            "",
        )
    type_value = document["type"]
    if isinstance(type_value, (list, dict)):
        c.schema_error(
            codes.SCHEMA_ROOT_INVALID,
            "The root type cannot be a union or a reference; declare it in definitions and "
            'point "$root" at it.',
            "/type",
        )
        return ACCEPT
    if document.get("abstract") is True:
        c.schema_error(codes.SCHEMA_ROOT_INVALID, "The root type cannot be abstract.", "/abstract")
    return c.schema(document, to_pointer(()), ())
