"""The contestants of each workload: jstruct and the peers, as ``instance -> bool`` callables.

A peer that is not installed is left out with the reason (``missing``). Every contestant is
checked for the same verdicts as jstruct on the data set before anything is timed
(:func:`assert_agree`); the reference SDK is excused only for faults it is known not to check
(see ``data.SDK_LENIENT_FAULTS``).
"""

from __future__ import annotations

import importlib.metadata
import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Annotated, Any

import data

import jstruct
from jstruct.compiler import primitives

Check = Callable[[Any], bool]
LineCheck = Callable[[bytes], bool]

PEER_PACKAGES = ("fastjsonschema", "jsonschema-rs", "json-structure", "msgspec", "orjson")


def versions() -> dict[str, str]:
    out = {"jstruct": jstruct.__version__}
    for name in PEER_PACKAGES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def baseline_validator(document: dict[str, Any]) -> jstruct.Validator:
    """jstruct compiled without the plain-gate fast path: the "before" of the optimisation."""
    saved = dict(primitives.PLAIN_GATES)
    primitives.PLAIN_GATES.clear()
    try:
        return jstruct.Validator(document)
    finally:
        primitives.PLAIN_GATES.update(saved)


def _fastjsonschema(schema: dict[str, Any]) -> Check:
    import fastjsonschema  # format checking (date-time, date) is on by default

    validate = fastjsonschema.compile(schema)
    failure = fastjsonschema.JsonSchemaException

    def check(instance: Any) -> bool:
        try:
            validate(instance)
        except failure:
            return False
        return True

    return check


def _jsonschema_rs(schema: dict[str, Any]) -> Check:
    import jsonschema_rs

    # Formats are annotations by default in draft 2019+ and off here unless asked for.
    return jsonschema_rs.validator_for(schema, validate_formats=True).is_valid


def _sdk(document: dict[str, Any]) -> Check:
    from json_structure import InstanceValidator

    validator = InstanceValidator(document)
    return lambda instance: not validator.validate(instance)


def _smtp_struct_type() -> Any:
    import msgspec

    # defstruct, not a class statement: this module's annotations are strings that msgspec
    # would have to evaluate in a namespace where the local import is not visible.
    return msgspec.defstruct(
        "SmtpToken",
        [
            ("id", str),
            ("campaignName", str),
            ("createContact", bool),
            ("createdAt", Annotated[datetime, msgspec.Meta(tz=True)]),
            ("createdBy", str),
            ("password", str),
            ("emailCampaignId", str | msgspec.UnsetType, msgspec.UNSET),
        ],
    )


def _msgspec_convert() -> Check:
    import msgspec

    kind = _smtp_struct_type()
    convert = msgspec.convert
    failure = msgspec.ValidationError

    def check(instance: Any) -> bool:
        try:
            convert(instance, kind)
        except failure:
            return False
        return True

    return check


def _optional(build: Callable[[], Any], package: str) -> tuple[Any, str | None]:
    try:
        return build(), None
    except ImportError:
        return None, f"{package} is not installed"


def dict_contestants(
    struct_doc: dict[str, Any], json_schema: dict[str, Any], smtp: bool
) -> tuple[dict[str, Check], dict[str, str]]:
    """Contestants over parsed values, and the reasons of those left out."""
    validator = jstruct.Validator(struct_doc)
    before = baseline_validator(struct_doc)
    found: dict[str, Check] = {
        "jstruct is_valid": validator.is_valid,
        "jstruct validate": lambda x: validator.validate(x).valid,
        "jstruct is_valid (before fast path)": before.is_valid,
    }
    missing: dict[str, str] = {}
    builders: list[tuple[str, str, Callable[[], Check]]] = [
        ("fastjsonschema", "fastjsonschema", lambda: _fastjsonschema(json_schema)),
        ("jsonschema-rs", "jsonschema-rs", lambda: _jsonschema_rs(json_schema)),
        ("json-structure SDK", "json-structure", lambda: _sdk(struct_doc)),
    ]
    if smtp:
        builders.append(("msgspec convert", "msgspec", _msgspec_convert))
    for name, package, build in builders:
        check, reason = _optional(build, package)
        if check is None:
            missing[name] = reason or ""
        else:
            found[name] = check
    return found, missing


def line_contestants(
    struct_doc: dict[str, Any], json_schema: dict[str, Any]
) -> tuple[dict[str, LineCheck], dict[str, str]]:
    """Parse + validate one NDJSON line (the per-line peers of workload B)."""
    found: dict[str, LineCheck] = {}
    missing: dict[str, str] = {}
    fjs, reason = _optional(lambda: _fastjsonschema(json_schema), "fastjsonschema")
    if fjs is None:
        missing["json.loads + fastjsonschema"] = reason or ""
    else:
        loads = json.loads

        def stdlib_fjs(line: bytes) -> bool:
            try:
                value = loads(line)
            except ValueError:
                return False
            return fjs(value)

        found["json.loads + fastjsonschema"] = stdlib_fjs
    try:
        import orjson
    except ImportError:
        missing["orjson + jsonschema-rs"] = "orjson is not installed"
        missing["msgspec decode"] = "orjson is not installed"
        return found, missing
    rs, reason = _optional(lambda: _jsonschema_rs(json_schema), "jsonschema-rs")
    if rs is None:
        missing["orjson + jsonschema-rs"] = reason or ""
    else:
        orjson_loads = orjson.loads
        error = orjson.JSONDecodeError

        def orjson_rs(line: bytes) -> bool:
            try:
                value = orjson_loads(line)
            except error:
                return False
            return rs(value)

        found["orjson + jsonschema-rs"] = orjson_rs
    try:
        import msgspec
    except ImportError:
        missing["msgspec decode"] = "msgspec is not installed"
        return found, missing
    decode = msgspec.json.Decoder(_smtp_struct_type()).decode
    failure = msgspec.DecodeError  # ValidationError is a subclass

    def msgspec_line(line: bytes) -> bool:
        try:
            decode(line)
        except failure:
            return False
        return True

    found["msgspec decode"] = msgspec_line
    return found, missing


def assert_agree(
    contestants: dict[str, Check],
    reference: Check,
    labelled: Iterable[tuple[Any, str | None]],
) -> None:
    """Every contestant judges every instance as jstruct does (SDK: known gaps excepted)."""
    items = list(labelled)
    for name, check in contestants.items():
        for index, (instance, fault) in enumerate(items):
            expected = reference(instance)
            if expected != (fault is None):
                raise AssertionError(f"jstruct judged instance {index} ({fault}) wrongly")
            if check(instance) != expected:
                if name.startswith("json-structure") and fault in data.SDK_LENIENT_FAULTS:
                    continue
                raise AssertionError(f"{name} disagrees with jstruct on instance {index} ({fault})")
