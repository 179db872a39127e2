"""Turning suites on disk into :class:`Case` lists.

Three layouts are understood:

* the project's own suite (``conformance/<category>/*.json``, groups of schema + tests, see
  ``conformance/README.md``);
* the cross-SDK test assets of json-structure/sdk (``schemas/`` and ``instances/`` folders),
  whose expectations come from the folder names plus an expectations file;
* the primer's core samples (``<sample>/schema.struct.json`` with ``example*.json``).

Nothing here imports pytest: the command line and the test suite share this code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from jstruct.conformance.model import MISSING, Case
from jstruct.jsontext import JSONTextError, loads

__all__ = [
    "EXPECTATION_KEYS",
    "ExpectationsError",
    "collect_own",
    "collect_samples",
    "collect_shared",
    "collect_test_assets",
    "expectations_for",
    "is_samples",
    "is_shared_root",
    "is_test_assets",
    "load_expectations",
    "own_expectations_dir",
    "own_suite_dir",
    "read_json",
]

# Case files nest instances far deeper than :mod:`json`'s recursion allows (the depth cases go
# past 1000 levels on purpose), so they are read with the iterative strict parser and a depth
# limit that only guards against absurd input.
_FILE_MAX_DEPTH = 100_000

SDK_INVALID_SCHEMAS = "schemas/invalid"
SDK_WARNING_SCHEMAS = "schemas/warnings"
SDK_VALIDATION_SCHEMAS = "schemas/validation"
SDK_ADVERSARIAL_SCHEMAS = "schemas/adversarial"
SDK_VALIDATION_INSTANCES = "instances/validation"
SDK_INVALID_INSTANCES = "instances/invalid"
SDK_ADVERSARIAL_INSTANCES = "instances/adversarial"

# The suite README says these adversarial schemas must be rejected; every other adversarial
# schema only has to be processed without an exception.
_MUST_REJECT_ADVERSARIAL = frozenset(
    {
        "ref-to-nowhere",
        "malformed-json-pointer",
        "self-referencing-extends",
        "extends-circular-chain",
    }
)
_EXTENSION_WARNING = "SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED"
# The one schema in schemas/warnings that enables its keywords and so must warn about nothing.
_NO_WARNINGS = "all-extension-keywords-with-uses"

EXPECTATION_KEYS = frozenset(
    {"schema_valid", "errors", "warnings", "valid", "error", "path", "schema", "reason", "skip"}
)


class ExpectationsError(ValueError):
    """An expectations file that cannot be used (unknown member, wrong type)."""


def own_suite_dir() -> Path | None:
    """The project's ``conformance/`` folder in a source checkout, or None when installed."""
    import jstruct

    path = Path(jstruct.__file__).resolve().parents[1] / "conformance"
    return path if path.is_dir() else None


def own_expectations_dir() -> Path | None:
    suite = own_suite_dir()
    if suite is None:
        return None
    path = suite / "expectations"
    return path if path.is_dir() else None


def read_json(path: Path) -> Any:
    """Read a JSON file strictly (duplicate names, NaN and bad UTF-8 are errors)."""
    return loads(path.read_bytes(), max_depth=_FILE_MAX_DEPTH)


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


# --- the project's own suite -------------------------------------------------------------------


def _unique(ident: str, seen: dict[str, int]) -> str:
    # Two tests may share a description; suffixing keeps every pytest id distinct and stable.
    count = seen.get(ident, 0) + 1
    seen[ident] = count
    return ident if count == 1 else f"{ident} #{count}"


def collect_own(root: Path) -> list[Case]:
    """Every case of a suite in the project's case-file format (``<category>/*.json``)."""
    cases: list[Case] = []
    for category in sorted(p for p in root.iterdir() if p.is_dir()):
        if category.name == "expectations":
            continue
        # Only the top level of a category holds case files; subfolders hold data they refer
        # to (import targets), which are not case files.
        for path in sorted(category.glob("*.json")):
            cases.extend(_cases_of_file(path, root))
    return cases


def _broken(ident: str, category: str, file: str, message: str) -> Case:
    return Case(
        id=ident, category=category, file=file, kind="schema", schema_key=ident, broken=message
    )


def _cases_of_file(path: Path, root: Path) -> list[Case]:
    file = _rel(path, root)
    category = path.parent.name
    try:
        groups = read_json(path)
    except (OSError, JSONTextError) as exc:
        return [_broken(file, category, file, f"cannot read the case file: {exc}")]
    if not isinstance(groups, list):
        return [_broken(file, category, file, "a case file must be a JSON array of groups")]
    cases: list[Case] = []
    seen: dict[str, int] = {}
    for index, group in enumerate(groups):
        if not isinstance(group, dict) or "schema" not in group:
            ident = _unique(f"{file}::group {index}", seen)
            cases.append(_broken(ident, category, file, "a group needs a 'schema' member"))
            continue
        cases.extend(_cases_of_group(group, index, path, file, category, seen))
    return cases


def _cases_of_group(
    group: Mapping[str, Any],
    index: int,
    path: Path,
    file: str,
    category: str,
    seen: dict[str, int],
) -> list[Case]:
    group_id = f"{file}::{group.get('description', f'group {index}')}"
    common: dict[str, Any] = {
        "category": category,
        "file": file,
        "schema_key": f"{path.resolve()}#{index}",
        "schema": group["schema"],
        "options": group.get("options") or {},
        "base_dir": path.parent,
    }
    schema_valid = group.get("schema_valid", True)
    tests = group.get("tests") or []
    cases: list[Case] = []
    # The verdict on the document is a case of its own when it says something the tests do
    # not: a rejection, a warning set, or a valid schema without tests.
    if not schema_valid or "warnings" in group or not tests:
        warnings = group.get("warnings")
        cases.append(
            Case(
                id=_unique(group_id, seen),
                kind="schema",
                schema_valid=bool(schema_valid),
                errors=tuple(group.get("errors") or ()),
                warnings=None if warnings is None else frozenset(warnings),
                **common,
            )
        )
    if not schema_valid:
        return cases
    for number, test in enumerate(tests):
        ident = _unique(f"{group_id}::{test.get('description', f'test {number}')}", seen)
        if "valid" not in test or ("data" not in test and "data_text" not in test):
            cases.append(_broken(ident, category, file, "a test needs 'valid' and data"))
            continue
        cases.append(
            Case(
                id=ident,
                kind="instance",
                data=test.get("data", MISSING),
                data_text=test.get("data_text"),
                valid=bool(test["valid"]),
                error=test.get("error"),
                path=test.get("path"),
                **common,
            )
        )
    return cases


# --- expectations ------------------------------------------------------------------------------


def load_expectations(path: Path | None) -> dict[str, dict[str, Any]]:
    """The ``cases`` mapping of an expectations file (empty for None); checked for typos."""
    if path is None:
        return {}
    data = read_json(path)
    cases = data.get("cases") if isinstance(data, dict) else None
    if not isinstance(cases, dict):
        raise ExpectationsError(f"{path}: expected an object with a 'cases' object")
    for key, entry in cases.items():
        if not isinstance(entry, dict):
            raise ExpectationsError(f"{path}: entry {key!r} must be an object")
        unknown = set(entry) - EXPECTATION_KEYS
        if unknown:
            # A misspelt member would silently leave the default in force.
            raise ExpectationsError(f"{path}: entry {key!r} has unknown members {sorted(unknown)}")
    return cases


def _apply(case: Case, entry: Mapping[str, Any] | None) -> Case:
    """Override a case's layout-derived defaults with its expectations entry."""
    if not entry:
        return case
    changes: dict[str, Any] = {}
    for key in ("schema_valid", "valid", "error", "path", "reason", "skip"):
        if key in entry:
            changes[key] = entry[key]
    if "errors" in entry:
        changes["errors"] = tuple(entry["errors"] or ())
    if "warnings" in entry:
        warnings = entry["warnings"]
        changes["warnings"] = None if warnings is None else frozenset(warnings)
    return replace(case, **changes)


# --- cross-SDK test assets ---------------------------------------------------------------------


def is_test_assets(path: Path) -> bool:
    return (path / "schemas").is_dir() and (path / "instances").is_dir()


def is_samples(path: Path) -> bool:
    return path.is_dir() and any(path.glob("*/schema.struct.json"))


def is_shared_root(path: Path) -> bool:
    """A folder holding both external suites side by side (``/work/shared/conformance``)."""
    return is_test_assets(path / "sdk-test-assets") and is_samples(path / "primer-samples-core")


class _SchemaFiles:
    """Schema documents read once each, however many cases refer to them."""

    def __init__(self) -> None:
        self._docs: dict[Path, tuple[Any, tuple[str, str] | None]] = {}

    def get(self, path: Path) -> tuple[Any, tuple[str, str] | None]:
        path = path.resolve()
        if path not in self._docs:
            try:
                self._docs[path] = (read_json(path), None)
            except JSONTextError as exc:
                self._docs[path] = (None, (exc.code, str(exc)))
        return self._docs[path]


def _strip(instance: Any, *, drop_schema: bool) -> Any:
    # `_`-prefixed members are the suite's annotations (_description, _expectedError, ...);
    # `$schema` in a sample names the schema, it is not data.
    if not isinstance(instance, dict):
        return instance
    return {
        k: v
        for k, v in instance.items()
        if not k.startswith("_") and not (drop_schema and k == "$schema")
    }


def _schema_case(
    path: Path, root: Path, category: str, prefix: str, files: _SchemaFiles, **expect: Any
) -> Case:
    doc, load_error = files.get(path)
    rel = _rel(path, root)
    return Case(
        id=prefix + rel,
        category=category,
        file=prefix + rel,
        kind="schema",
        schema_key=str(path.resolve()),
        schema=doc,
        schema_load_error=load_error,
        base_dir=path.parent,
        **expect,
    )


def _instance_case(
    path: Path,
    root: Path,
    category: str,
    prefix: str,
    schema_path: Path | None,
    files: _SchemaFiles,
    *,
    drop_schema: bool,
    value_member: bool = False,
    **expect: Any,
) -> Case:
    rel = _rel(path, root)
    base: dict[str, Any] = {"id": prefix + rel, "category": category, "file": prefix + rel}
    if schema_path is None or not schema_path.is_file():
        where = "no schema" if schema_path is None else f"missing schema {schema_path}"
        return Case(
            kind="instance", schema_key=base["id"], broken=f"{where} for this instance", **base
        )
    doc, load_error = files.get(schema_path)
    text = path.read_bytes().decode("utf-8", errors="surrogateescape")
    data: Any = MISSING
    data_text: str | None = None
    try:
        raw = read_json(path)
    except JSONTextError:
        # Left as text: the runner parses it again and reports the text error as the verdict.
        data_text = text
        raw = None
    error = expect.pop("error", None)
    if data_text is None:
        if isinstance(raw, dict) and error is None and isinstance(raw.get("_expectedError"), str):
            error = raw["_expectedError"]
        data = (
            raw["value"]
            if value_member and isinstance(raw, dict) and "value" in raw
            else (_strip(raw, drop_schema=drop_schema))
        )
    return Case(
        kind="instance",
        schema_key=str(schema_path.resolve()),
        schema=doc,
        schema_load_error=load_error,
        base_dir=schema_path.parent,
        data=data,
        data_text=data_text,
        error=error,
        **base,
        **expect,
    )


def _adversarial_schemas(root: Path, files: _SchemaFiles) -> dict[str, Path]:
    # Adversarial instances name their schema by its `$id` in their `$schema` member.
    by_id: dict[str, Path] = {}
    for path in sorted((root / SDK_ADVERSARIAL_SCHEMAS).glob("*.struct.json")):
        doc, _ = files.get(path)
        if isinstance(doc, dict) and isinstance(doc.get("$id"), str):
            by_id[doc["$id"]] = path
    return by_id


def collect_test_assets(
    root: Path,
    samples: Path | None = None,
    expectations: Mapping[str, Mapping[str, Any]] | None = None,
    prefix: str = "",
) -> list[Case]:
    """Every case of a cross-SDK test-assets folder, expectations applied.

    ``samples`` is the primer's core samples folder; without it the ``instances/invalid`` cases
    are skipped. ``prefix`` is put before every id (to tell suites apart in one run).
    """
    expectations = expectations or {}
    files = _SchemaFiles()
    cases: list[Case] = []

    def add(case: Case, key: str) -> None:
        cases.append(_apply(case, expectations.get(key)))

    schemas = root / "schemas"
    for path in sorted((schemas / "invalid").glob("*.json")):
        add(
            _schema_case(path, root, SDK_INVALID_SCHEMAS, prefix, files, schema_valid=False),
            _rel(path, root),
        )
    for path in sorted((schemas / "warnings").glob("*.json")):
        stem = path.name.removesuffix(".struct.json")
        warnings = frozenset() if stem == _NO_WARNINGS else frozenset({_EXTENSION_WARNING})
        add(
            _schema_case(path, root, SDK_WARNING_SCHEMAS, prefix, files, warnings=warnings),
            _rel(path, root),
        )
    for path in sorted((schemas / "validation").glob("*.json")):
        add(_schema_case(path, root, SDK_VALIDATION_SCHEMAS, prefix, files), _rel(path, root))
    for path in sorted((schemas / "adversarial").glob("*.json")):
        stem = path.name.removesuffix(".struct.json")
        verdict = False if stem in _MUST_REJECT_ADVERSARIAL else None
        add(
            _schema_case(path, root, SDK_ADVERSARIAL_SCHEMAS, prefix, files, schema_valid=verdict),
            _rel(path, root),
        )

    instances = root / "instances"
    for folder in sorted(p for p in (instances / "validation").glob("*") if p.is_dir()):
        schema_path = schemas / "validation" / f"{folder.name}.struct.json"
        for path in sorted(folder.glob("*.json")):
            key = _rel(path, root)
            add(
                _instance_case(
                    path,
                    root,
                    SDK_VALIDATION_INSTANCES,
                    prefix,
                    _override_schema(schema_path, root, expectations.get(key)),
                    files,
                    drop_schema=False,
                    value_member=True,
                    valid=False,
                ),
                key,
            )
    for folder in sorted(p for p in (instances / "invalid").glob("*") if p.is_dir()):
        for path in sorted(folder.glob("*.json")):
            key = _rel(path, root)
            if samples is None:
                case = Case(
                    id=prefix + key,
                    category=SDK_INVALID_INSTANCES,
                    file=prefix + key,
                    kind="instance",
                    schema_key=key,
                    skip="needs the primer samples (--samples DIR)",
                )
                cases.append(case)
                continue
            schema_path = samples / folder.name / "schema.struct.json"
            add(
                _instance_case(
                    path,
                    root,
                    SDK_INVALID_INSTANCES,
                    prefix,
                    _override_schema(schema_path, root, expectations.get(key)),
                    files,
                    drop_schema=True,
                    valid=False,
                ),
                key,
            )
    by_id = _adversarial_schemas(root, files)
    for path in sorted((instances / "adversarial").glob("*.json")):
        key = _rel(path, root)
        schema_path = _adversarial_schema_for(path, by_id)
        add(
            _instance_case(
                path,
                root,
                SDK_ADVERSARIAL_INSTANCES,
                prefix,
                _override_schema(schema_path, root, expectations.get(key)),
                files,
                drop_schema=True,
                valid=None,
            ),
            key,
        )
    return cases


def _override_schema(
    default: Path | None, root: Path, entry: Mapping[str, Any] | None
) -> Path | None:
    if entry and isinstance(entry.get("schema"), str):
        return root / entry["schema"]
    return default


def _adversarial_schema_for(path: Path, by_id: Mapping[str, Path]) -> Path | None:
    try:
        raw = read_json(path)
    except JSONTextError:
        return None
    target = raw.get("$schema") if isinstance(raw, dict) else None
    return by_id.get(target) if isinstance(target, str) else None


# --- primer samples ----------------------------------------------------------------------------


def collect_samples(
    root: Path,
    expectations: Mapping[str, Mapping[str, Any]] | None = None,
    prefix: str = "",
) -> list[Case]:
    """Every sample schema must be accepted, every ``example*.json`` must be valid."""
    expectations = expectations or {}
    files = _SchemaFiles()
    cases: list[Case] = []
    for schema_path in sorted(root.glob("*/schema.struct.json")):
        key = _rel(schema_path, root)
        cases.append(
            _apply(
                _schema_case(schema_path, root, "primer/schemas", prefix, files),
                expectations.get(key),
            )
        )
        for path in sorted(schema_path.parent.glob("example*.json")):
            key = _rel(path, root)
            cases.append(
                _apply(
                    _instance_case(
                        path,
                        root,
                        "primer/examples",
                        prefix,
                        schema_path,
                        files,
                        drop_schema=True,
                        valid=True,
                    ),
                    expectations.get(key),
                )
            )
    return cases


def collect_shared(root: Path, expectations_dir: Path | None = None) -> list[Case]:
    """Both external suites of a shared folder (``sdk-test-assets`` + ``primer-samples-core``)."""
    assets = root / "sdk-test-assets"
    samples = root / "primer-samples-core"
    return collect_test_assets(
        assets,
        samples,
        load_expectations(_expectations_file(expectations_dir, assets)),
        prefix="sdk-test-assets/",
    ) + collect_samples(
        samples,
        load_expectations(_expectations_file(expectations_dir, samples)),
        prefix="primer-samples-core/",
    )


def _expectations_file(directory: Path | None, suite: Path) -> Path | None:
    if directory is None:
        return None
    # Suites are matched to expectations by their layout, not their folder name, so a copy of
    # the test assets under another name still finds its expectations.
    name = "sdk-test-assets.json" if is_test_assets(suite) else "primer-samples-core.json"
    path = directory / name
    return path if path.is_file() else None


def expectations_for(suite: Path, directory: Path | None) -> Path | None:
    """The project's expectations file for a suite folder, when there is one."""
    return _expectations_file(directory, suite)
