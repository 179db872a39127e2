"""Meta-schema URIs and extension names (decisions D2 and D3)."""

from __future__ import annotations

VALIDATION = "JSONStructureValidation"
COMPOSITION = "JSONStructureConditionalComposition"
IMPORT = "JSONStructureImport"
ALTERNATE_NAMES = "JSONStructureAlternateNames"
UNITS = "JSONStructureUnits"
RELATIONS = "JSONStructureRelations"
SEMANTIC_ANNOTATIONS = "JSONStructureSemanticAnnotations"

EXTENSIONS: frozenset[str] = frozenset(
    {VALIDATION, COMPOSITION, IMPORT, ALTERNATE_NAMES, UNITS, RELATIONS, SEMANTIC_ANNOTATIONS}
)

# Spellings the drafts use that the meta-schemas and SDKs replaced; accepted with a warning.
ALIASES: dict[str, str] = {
    "JSONSchemaValidation": VALIDATION,
    "JSONSchemaConditionalComposition": COMPOSITION,
    "JSONSchemaImport": IMPORT,
    "JSONStructureImports": IMPORT,
    "JSONSchemaImports": IMPORT,
    "JSONSchemaAlternateNames": ALTERNATE_NAMES,
    "JSONSchemaUnits": UNITS,
    "JSONSchemaRelations": RELATIONS,
    "JSONSchemaSemanticAnnotations": SEMANTIC_ANNOTATIONS,
}

_CANONICAL_HOST = "https://json-structure.org/meta/"
_LEGACY_HOST = "https://json-structure.github.io/meta/"

_EXTENDED = frozenset({IMPORT})
# What each known meta-schema switches on before the document's own "$uses".
META_SCHEMAS: dict[str, frozenset[str]] = {
    _CANONICAL_HOST + "core/v0/": frozenset(),
    _CANONICAL_HOST + "extended/v0/": _EXTENDED,
    _CANONICAL_HOST + "validation/v0/": frozenset(
        {VALIDATION, COMPOSITION, IMPORT, ALTERNATE_NAMES, UNITS}
    ),
    _CANONICAL_HOST + "relations/v0/": _EXTENDED | {RELATIONS},
    _CANONICAL_HOST + "semantic-annotations/v0/": _EXTENDED | {SEMANTIC_ANNOTATIONS},
}

KNOWN_META_SCHEMAS: tuple[str, ...] = tuple(uri + "#" for uri in META_SCHEMAS)


def normalize_meta_uri(uri: str) -> str:
    """Strip one trailing ``#`` and map the legacy github.io host to json-structure.org."""
    if uri.endswith("#"):
        uri = uri[:-1]
    if uri.startswith(_LEGACY_HOST):
        uri = _CANONICAL_HOST + uri[len(_LEGACY_HOST) :]
    return uri


def meta_features(uri: str) -> frozenset[str] | None:
    """The extensions a meta-schema URI enables, or None when the URI is not a known one."""
    return META_SCHEMAS.get(normalize_meta_uri(uri))
