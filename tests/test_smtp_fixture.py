"""The reference fixture: HubSpot's SMTP token definition."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import jstruct
from tests.conftest import EXAMPLES, load, shared_path

REQUIRED = ["id", "createdAt", "createdBy", "campaignName", "createContact", "password"]
MEMBERS = {
    "id": "string",
    "campaignName": "string",
    "emailCampaignId": "string",
    "createContact": "boolean",
    "createdAt": "datetime",
    "createdBy": "string",
    "password": "string",
}
WRONG_VALUES: dict[str, list[Any]] = {
    "string": [1, 1.5, True, None, [], {}],
    "boolean": ["true", 1, 0, None, [], {}],
    "datetime": [1705314600, True, None, [], {}],
}
BAD_DATETIMES = [
    "2023-02-29T10:30:00Z",  # no 29 February in 2023
    "2024-13-01T10:30:00Z",
    "2024-04-31T10:30:00Z",
    "2024-01-15T24:00:00Z",
    "2024-01-15T10:60:00Z",
    "2024-01-15T10:30:00",  # offset missing
    "2024-01-15T10:30:00.000",
    "2024-01-15 10:30:00Z",  # space separator
    "2024-01-15T10:30Z",  # seconds missing
    "2024-01-15",
    "yesterday",
    "",
    "2024-01-15T10:30:00+2:00",
    "2024-01-15T10:30:00Z\n",
    "２０２４-01-15T10:30:00Z",  # non-ASCII digits
]
GOOD_DATETIMES = [
    "2024-01-15T10:30:00Z",
    "2024-01-15T10:30:00.000Z",
    "2024-01-15t10:30:00z",
    "2024-02-29T00:00:00+01:00",
    "2016-12-31T23:59:60Z",
    "2024-01-15T10:30:00.123456789-05:30",
]


@pytest.fixture(scope="module")
def validator(smtp_schema: dict[str, Any]) -> jstruct.Validator:
    return jstruct.compile(smtp_schema)


def test_shipped_copy_matches_the_shared_fixture(smtp_schema: dict[str, Any]) -> None:
    assert load(shared_path("fixtures", "smtp-token.struct.json")) == smtp_schema


def test_schema_is_valid_without_warnings(smtp_schema: dict[str, Any]) -> None:
    report = jstruct.check_schema(smtp_schema)
    assert report.valid and report.errors == () and report.warnings == ()


def test_valid_example(validator: jstruct.Validator, smtp_instance: dict[str, Any]) -> None:
    result = validator.validate(smtp_instance)
    assert result.valid and bool(result) and result.errors == ()
    assert validator.is_valid(smtp_instance)


@pytest.mark.parametrize("member", REQUIRED)
def test_each_required_member_missing(
    validator: jstruct.Validator, smtp_instance: dict[str, Any], member: str
) -> None:
    instance = {k: v for k, v in smtp_instance.items() if k != member}
    result = validator.validate(instance)
    assert not validator.is_valid(instance)
    assert [(e.code, e.path) for e in result.errors] == [("INSTANCE_REQUIRED_PROPERTY_MISSING", "")]
    assert member in result.errors[0].message


def test_optional_member_may_be_missing(
    validator: jstruct.Validator, smtp_instance: dict[str, Any]
) -> None:
    instance = {k: v for k, v in smtp_instance.items() if k != "emailCampaignId"}
    assert validator.validate(instance).valid


@pytest.mark.parametrize(
    ("member", "value"),
    [(m, v) for m, kind in MEMBERS.items() for v in WRONG_VALUES[kind]],
)
def test_each_member_with_a_wrong_type(
    validator: jstruct.Validator, smtp_instance: dict[str, Any], member: str, value: Any
) -> None:
    instance = {**smtp_instance, member: value}
    result = validator.validate(instance)
    assert not result.valid and not validator.is_valid(instance)
    assert [e.path for e in result.errors] == [f"/{member}"]


@pytest.mark.parametrize("value", BAD_DATETIMES)
def test_bad_datetimes(
    validator: jstruct.Validator, smtp_instance: dict[str, Any], value: str
) -> None:
    instance = {**smtp_instance, "createdAt": value}
    result = validator.validate(instance)
    assert not validator.is_valid(instance)
    assert [(e.code, e.path) for e in result.errors] == [
        ("INSTANCE_DATETIME_FORMAT_INVALID", "/createdAt")
    ]


@pytest.mark.parametrize("value", GOOD_DATETIMES)
def test_good_datetimes(
    validator: jstruct.Validator, smtp_instance: dict[str, Any], value: str
) -> None:
    assert validator.validate({**smtp_instance, "createdAt": value}).valid


def test_extra_members_are_allowed(
    validator: jstruct.Validator, smtp_instance: dict[str, Any]
) -> None:
    instance = {**smtp_instance, "extra": {"anything": [1, 2]}, "another": None}
    assert validator.validate(instance).valid and validator.is_valid(instance)


@pytest.mark.parametrize("instance", [None, True, 0, 1.5, "token", [], [{}]])
def test_non_object_instances(validator: jstruct.Validator, instance: Any) -> None:
    result = validator.validate(instance)
    assert not validator.is_valid(instance)
    assert [(e.code, e.path) for e in result.errors] == [("INSTANCE_OBJECT_EXPECTED", "")]


def test_every_problem_is_reported_at_once(validator: jstruct.Validator) -> None:
    result = validator.validate(load(EXAMPLES / "smtp-token-invalid.json"))
    assert sorted((e.code, e.path) for e in result.errors) == [
        ("INSTANCE_BOOLEAN_EXPECTED", "/createContact"),
        ("INSTANCE_DATETIME_FORMAT_INVALID", "/createdAt"),
        ("INSTANCE_REQUIRED_PROPERTY_MISSING", ""),
    ]


def test_validation_does_not_mutate(
    validator: jstruct.Validator, smtp_schema: dict[str, Any], smtp_instance: dict[str, Any]
) -> None:
    schema_before = copy.deepcopy(smtp_schema)
    bad = {**smtp_instance, "$schema": smtp_schema["$id"], "createContact": "no"}
    bad_before = copy.deepcopy(bad)
    validator.validate(bad)
    validator.is_valid(bad)
    jstruct.validate(smtp_schema, bad)
    assert bad == bad_before and smtp_schema == schema_before
