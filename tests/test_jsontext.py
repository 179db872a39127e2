"""Tests for jstruct.jsontext: strict loading, error locations, Locator, iter_ndjson."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import math
import pickle
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jstruct import jsontext
from jstruct.errors import to_pointer
from jstruct.jsontext import (
    MAX_DEPTH,
    JSONTextError,
    Locator,
    decode_text,
    error_at,
    iter_ndjson,
    loads,
    loads_fast,
)

INVALID = "INSTANCE_JSON_INVALID"
DUPLICATE = "INSTANCE_DUPLICATE_KEY"
DEEP = "INSTANCE_MAX_DEPTH_EXCEEDED"
INT_LIMIT = getattr(sys, "get_int_max_str_digits", lambda: 0)()


def outcome(function: Any, data: Any, **options: Any) -> tuple[Any, ...]:
    """A comparable summary of a call: the value (types kept) or the error's fields."""
    try:
        value = function(data, **options)
    except JSONTextError as exc:
        return ("error", exc.code, exc.message, exc.line, exc.column, exc.pointer)
    return ("value", typed(value))


class _Key(str):
    """Marks a member name in :func:`typed`'s output."""


_CLOSE = object()


def typed(value: Any) -> list[Any]:
    """``value`` flattened with every scalar's type explicit (1 == 1.0 == True otherwise).

    Iterative, since some values are nested deeper than Python recursion goes.
    """
    out: list[Any] = []
    todo = [value]
    while todo:
        item = todo.pop()
        if item is _CLOSE:
            out.append(")")
        elif isinstance(item, _Key):
            out.append(("key", str(item)))
        elif isinstance(item, dict):
            out.append("{")
            todo.append(_CLOSE)
            for key, child in reversed(item.items()):
                todo.extend((child, _Key(key)))
        elif isinstance(item, list):
            out.append("[")
            todo.append(_CLOSE)
            todo.extend(reversed(item))
        elif isinstance(item, float):
            out.append(("float", item.hex() if math.isfinite(item) else repr(item)))
        else:
            out.append((type(item).__name__, item))
    return out


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def measured_depth(value: Any) -> int:
    deepest, todo = 0, [(value, 0)]
    while todo:
        item, depth = todo.pop()
        if isinstance(item, (list, dict)):
            depth += 1
            deepest = max(deepest, depth)
            todo.extend(
                (child, depth) for child in (item.values() if isinstance(item, dict) else item)
            )
    return deepest


# --- errors: code, message, line, column ----------------------------------------------------

ERROR_CASES: list[tuple[str, bytes | str, dict[str, Any], str, str, int, int, str]] = [
    (
        "duplicate at top",
        '{\n  "a": 1,\n  "a": 2\n}',
        {},
        DUPLICATE,
        "duplicate member name 'a'",
        3,
        3,
        "",
    ),
    (
        "duplicate nested",
        '{"x": [{"b": 1, "b": 2}]}',
        {},
        DUPLICATE,
        "duplicate member name 'b'",
        1,
        17,
        "/x/0",
    ),
    (
        "duplicate pointer escaped",
        '{"a/b": {"~": {"k": 1, "k": 2}}}',
        {},
        DUPLICATE,
        "'k'",
        1,
        24,
        "/a~1b/~0",
    ),
    (
        "duplicate third occurrence",
        '{"a": 1, "b": 2, "b": 3, "a": 4}',
        {},
        DUPLICATE,
        "'b'",
        1,
        18,
        "",
    ),
    ("duplicate escaped spelling", '{"ab": 1, "a\\u0062": 2}', {}, DUPLICATE, "'ab'", 1, 11, ""),
    ("NaN", "NaN", {}, INVALID, "NaN is not valid JSON", 1, 1, ""),
    ("-Infinity", "-Infinity", {}, INVALID, "-Infinity is not valid JSON", 1, 1, ""),
    ("Infinity in array", "[1, Infinity]", {}, INVALID, "Infinity is not valid JSON", 1, 5, ""),
    ("NaN on line 2", '{"a":\n   NaN}', {}, INVALID, "NaN is not valid JSON", 2, 4, ""),
    ("NaN before duplicate closes", '{"a": 1, "a": NaN}', {}, INVALID, "NaN", 1, 15, ""),
    ("bad UTF-8", b'{"a": "\xff"}', {}, INVALID, "invalid UTF-8 byte 0xff", 1, 8, ""),
    (
        "bad UTF-8 after multibyte",
        b'{"\xc3\xa9": 1,\n "b": "\xe2\x82"}',
        {},
        INVALID,
        "0xe2",
        2,
        8,
        "",
    ),
    ("UTF-16 LE BOM", b"\xff\xfe{\x00}\x00", {}, INVALID, "UTF-16", 1, 1, ""),
    ("UTF-16 BE BOM", b"\xfe\xff\x00[\x00]", {}, INVALID, "UTF-16", 1, 1, ""),
    ("UTF-32 LE BOM", b"\xff\xfe\x00\x00[\x00\x00\x00", {}, INVALID, "UTF-32", 1, 1, ""),
    ("UTF-32 BE BOM", b"\x00\x00\xfe\xff\x00\x00\x00[", {}, INVALID, "UTF-32", 1, 1, ""),
    ("UTF-16 without BOM", '{"a": 1}'.encode("utf-16-le"), {}, INVALID, "not UTF-8", 1, 1, ""),
    ("depth 100000", "[" * 100_000, {}, DEEP, "nesting deeper than 1000 levels", 1, 1001, ""),
    ("depth 1001", nested(1001), {}, DEEP, "nesting deeper than 1000 levels", 1, 1001, ""),
    (
        "objects 1001 deep",
        '{"a":' * 1001 + "1" + "}" * 1001,
        {},
        DEEP,
        "deeper than 1000",
        1,
        5001,
        "",
    ),
    (
        "depth limit 2",
        "[1, [2, [3]]]",
        {"max_depth": 2},
        DEEP,
        "nesting deeper than 2 levels",
        1,
        9,
        "",
    ),
    ("depth before syntax", "[[[1]]] x", {"max_depth": 2}, DEEP, "deeper than 2", 1, 3, ""),
    ("truncated array", '{"a": [1, 2', {}, INVALID, "Expecting ',' delimiter", 1, 12, ""),
    ("truncated member", '{"a": ', {}, INVALID, "Expecting value", 1, 7, ""),
    ("truncated string", '["abc', {}, INVALID, "Unterminated string", 1, 2, ""),
    ("missing colon", '{"a" 1}', {}, INVALID, "Expecting ':' delimiter", 1, 6, ""),
    ("unquoted key", "{a: 1}", {}, INVALID, "Expecting property name", 1, 2, ""),
    (
        "control character",
        '["a\x01"]',
        {},
        INVALID,
        "Invalid control character in string",
        1,
        4,
        "",
    ),
    ("trailing garbage", '{"a": 1} x', {}, INVALID, "Extra data", 1, 10, ""),
    ("two documents", "[1]\n[2]", {}, INVALID, "Extra data", 2, 1, ""),
    ("empty", "", {}, INVALID, "empty document", 1, 1, ""),
    ("empty bytes", b"", {}, INVALID, "empty document", 1, 1, ""),
    ("whitespace only", " \n\t", {}, INVALID, "empty document", 2, 2, ""),
    ("BOM only", b"\xef\xbb\xbf", {}, INVALID, "empty document", 1, 1, ""),
    ("BOM not counted", b'\xef\xbb\xbf{"a": x}', {}, INVALID, "Expecting value", 1, 7, ""),
    (
        "columns count code points",
        '{"é😀": [1 2]}',
        {},
        INVALID,
        "Expecting ',' delimiter",
        1,
        11,
        "",
    ),
    ("leading zero", "[01]", {}, INVALID, "Expecting ',' delimiter", 1, 3, ""),
    ("single quotes", "{'a': 1}", {}, INVALID, "Expecting property name", 1, 2, ""),
]


@pytest.mark.parametrize(
    ("data", "options", "code", "fragment", "line", "column", "pointer"),
    [case[1:] for case in ERROR_CASES],
    ids=[case[0] for case in ERROR_CASES],
)
def test_errors(
    data: bytes | str,
    options: dict[str, Any],
    code: str,
    fragment: str,
    line: int,
    column: int,
    pointer: str,
) -> None:
    with pytest.raises(JSONTextError) as info:
        loads(data, **options)
    err = info.value
    assert (err.code, err.line, err.column, err.pointer) == (code, line, column, pointer)
    assert fragment in err.message
    assert str(err) == f"{err.message} (line {line}, column {column})"
    # No "during handling of the above exception" chain in tracebacks.
    assert err.__context__ is None or err.__suppress_context__


@pytest.mark.skipif(INT_LIMIT == 0, reason="this Python has no int() digit limit")
def test_huge_integer_is_rejected_with_its_location() -> None:
    with pytest.raises(JSONTextError) as info:
        loads('{"n": [0,\n  -' + "9" * 5000 + "]}")
    err = info.value
    assert (err.code, err.line, err.column) == (INVALID, 2, 3)
    assert "integer literal too long" in err.message
    assert "5000 digits" in err.message and str(INT_LIMIT) in err.message


def test_integers_below_the_limit_and_long_floats_load() -> None:
    assert loads("1" * 4000) == int("1" * 4000)
    assert loads("1" * 5000 + ".5") == float("1" * 5000 + ".5")


def test_duplicates_allowed_keep_the_last_value() -> None:
    assert loads('{"a": 1, "b": 2, "a": 3}', allow_duplicates=True) == {"a": 3, "b": 2}
    assert list(loads('{"a": 1, "b": 2, "a": 3}', allow_duplicates=True)) == ["a", "b"]


def test_depth_limit_boundary() -> None:
    assert measured_depth(loads(nested(999))) == 999
    assert measured_depth(loads(nested(MAX_DEPTH))) == MAX_DEPTH
    assert measured_depth(loads(nested(40), max_depth=40)) == 40
    with pytest.raises(JSONTextError, match="deeper than 39"):
        loads(nested(40), max_depth=39)
    assert loads("[]", max_depth=1) == [] and loads("1", max_depth=0) == 1
    with pytest.raises(JSONTextError):
        loads("[]", max_depth=0)


def test_deep_documents_load_beyond_json_recursion() -> None:
    # Deeper than CPython's json can recurse here, with wide siblings the C scanner still takes.
    wide = '{"k": [1, 2.5, "s", {"x": null}]}, ' * 50
    text = "[" + wide + '{"deep": ' + nested(990) + "}, " + wide + "true]"
    value = loads(text)
    assert measured_depth(value) == 992
    assert value[-1] is True and value[0] == {"k": [1, 2.5, "s", {"x": None}]}
    deep_error = "[" + wide + nested(3000)[:-1] + "]"
    with pytest.raises(JSONTextError) as info:
        loads(deep_error)
    assert info.value.column == 2 + len(wide) + 999


def test_depth_error_inside_a_deep_document_with_a_duplicate_later() -> None:
    text = '{"a": ' + nested(1500) + ', "a": 1}'
    with pytest.raises(JSONTextError) as info:
        loads(text)
    assert info.value.message == "nesting deeper than 1000 levels"
    assert info.value.column == 7 + 999


def test_lone_surrogates_load() -> None:
    assert loads('"\\ud800"') == "\ud800"
    assert loads(b'{"\\udc00": ["\\ud83d\\ude00", "\\ude00x"]}') == {"\udc00": ["😀", "\ude00x"]}


def test_bom_is_skipped() -> None:
    assert loads(b'\xef\xbb\xbf{"a": [1]}') == {"a": [1]}
    assert loads('\ufeff{"a": [1]}') == {"a": [1]}
    assert decode_text(b"\xef\xbb\xbf[]") == "[]"
    assert decode_text("\ufeff[]") == "[]"
    assert decode_text(bytearray(b"[1]")) == "[1]"


def test_error_is_picklable_and_a_value_error() -> None:
    err = JSONTextError(DUPLICATE, "duplicate member name 'a'", 3, 3, "/x")
    copy = pickle.loads(pickle.dumps(err))
    assert isinstance(copy, ValueError)
    assert (copy.code, copy.message, copy.line, copy.column, copy.pointer) == (
        DUPLICATE,
        "duplicate member name 'a'",
        3,
        3,
        "/x",
    )
    assert str(copy) == "duplicate member name 'a' (line 3, column 3)"


def test_error_at_counts_lines_and_code_points() -> None:
    text = "ab\né😀x\n"
    assert (error_at(text, 0, INVALID, "m").line, error_at(text, 0, INVALID, "m").column) == (1, 1)
    err = error_at(text, 5, INVALID, "m", "/p")
    assert (err.line, err.column, err.pointer, err.code) == (2, 3, "/p", INVALID)
    clamped = error_at(text, 99, INVALID, "m")
    assert (clamped.line, clamped.column) == (3, 1)


# --- the exact parser agrees with json --------------------------------------------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.sampled_from('ab:[]{}"\\/~ é😀\n'), max_size=4)
    | st.text(max_size=3)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(alphabet=st.sampled_from('ab/~0é\\"\n😀'), max_size=3), children, max_size=4
        )
    ),
    max_leaves=25,
)
SNIPPETS = [
    "NaN",
    "-Infinity",
    ",",
    '"a": 1,',
    '"a": 1',
    "[[[",
    '{"a":',
    "]",
    "}",
    ":",
    '"',
    "\\",
    "1" * 5000,
    "\x01",
    "tru",
    "-",
    "1.",
    "01",
    "\ud800",
]


@st.composite
def broken_texts(draw: st.DrawFn) -> str:
    text = json.dumps(
        draw(json_values),
        indent=draw(st.sampled_from([None, 0, 1])),
        ensure_ascii=draw(st.booleans()),
    )
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(SNIPPETS)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 3)) :]
    return text


def exact_parse(text: str, *, max_depth: int, allow_duplicates: bool) -> Any:
    return jsontext._parse_exact(text, max_depth, allow_duplicates)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=broken_texts(),
    max_depth=st.sampled_from([0, 1, 2, 3, MAX_DEPTH]),
    duplicates=st.booleans(),
)
def test_exact_parser_matches_json(text: str, max_depth: int, duplicates: bool) -> None:
    """The fallback parser gives what the C path gives, in every mode it runs in."""
    expected = outcome(loads, text, max_depth=max_depth, allow_duplicates=duplicates)
    saved = jsontext._C_FAILURES
    try:
        for budget in (saved, 1, 0):  # C scanner for containers as long as it may fail / never
            jsontext._C_FAILURES = budget
            exact = outcome(exact_parse, text, max_depth=max_depth, allow_duplicates=duplicates)
            assert exact == expected
    finally:
        jsontext._C_FAILURES = saved


@settings(max_examples=200, deadline=None)
@given(
    data=st.binary(max_size=40) | broken_texts().map(lambda t: t.encode("utf-8", "surrogatepass"))
)
def test_nothing_but_json_text_errors_escape(data: bytes) -> None:
    for function in (loads, loads_fast):
        with contextlib.suppress(JSONTextError):
            function(data)


def test_json_module_error_passes_through_with_its_wording() -> None:
    with pytest.raises(JSONTextError) as info:
        loads('["\\x"]')
    assert info.value.message.startswith("Invalid \\escape")
    assert (info.value.line, info.value.column) == (1, 3)


# --- loads_fast ---------------------------------------------------------------------------------

FAST_CASES: list[bytes] = [
    b'{"a": 1, "b": [true, false, null], "c": {"d": "e:f"}}',
    b'{"a": 1, "a": 2}',
    b'{"a": {"x": 1, "x": 1}}',
    b'{"a": 1, "a": "\\u003a"}',  # an escaped colon would balance the colon count
    b'{"a": "\\u003a", "b": 1}',
    b'{"t": "12:00:00", "u": "http://x"}',
    b"18446744073709551615",
    b"18446744073709551616",
    b"-9223372036854775808",
    b"-9223372036854775809",
    b"[0.1234567890123456789, 1e400, -1e-400, -0, -0.0, 1E2]",
    b"1e400",
    b"NaN",
    b"[Infinity]",
    b"",
    b"  \n ",
    b"[1] x",
    b"[1,]",
    b'{"a": 1,}',
    b"\xef\xbb\xbf[1]",
    b'["\xff"]',
    b'"\\ud800"',
    b'"\\ud83d\\ude00"',
    b'"\x7f\xef\xbf\xbf"',
    b'"\x01"',
    nested(999).encode(),
    nested(1000).encode(),
    nested(1001).encode(),
    nested(1024).encode(),
    nested(1100).encode(),
    b"[" + b'{"a": [1, {"b": 2}]}, ' * 1200 + b"0]",
    b'{"a": ' * 300 + b"1" + b"}" * 300,
    b"[" + b"9" * 5000 + b"]",
    '{"é": "ü", "k": ["😀"]}'.encode(),
]


@pytest.mark.parametrize("data", FAST_CASES, ids=range(len(FAST_CASES)))
def test_loads_fast_agrees_with_loads(data: bytes) -> None:
    for options in ({}, {"allow_duplicates": True}, {"max_depth": 2}):
        assert outcome(loads_fast, data, **options) == outcome(loads, data, **options)


@settings(max_examples=200, deadline=None)
@given(value=json_values, duplicate=st.booleans(), indent=st.sampled_from([None, 2]))
def test_loads_fast_agrees_on_random_documents(
    value: Any, duplicate: bool, indent: int | None
) -> None:
    data = json.dumps(value, indent=indent, ensure_ascii=False).encode("utf-8", "surrogatepass")
    if duplicate and b'{"' in data:
        data = data.replace(b'{"', b'{"dup": 1, "dup": 2, "', 1)
    assert outcome(loads_fast, data) == outcome(loads, data)


def test_loads_fast_without_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsontext, "_orjson", lambda: None)
    assert loads_fast(b'{"a": [1]}') == {"a": [1]}
    with pytest.raises(JSONTextError, match="duplicate"):
        loads_fast(b'{"a": 1, "a": 1}')
    assert loads_fast('{"s": 1}') == {"s": 1}


# --- Locator ------------------------------------------------------------------------------------

DOC = """{
  "name": "x",
  "items": [
    1,
    [10, [20, 21]],
    {"k": "v"}
  ],
  "a/b": {"m~n": true},
  "a\\u0062": 5,
  "é😀": {"z": null}
}"""


@pytest.mark.parametrize(
    ("pointer", "where"),
    [
        ("", (1, 1)),
        ("/name", (2, 3)),
        ("/items", (3, 3)),
        ("/items/0", (4, 5)),
        ("/items/1", (5, 5)),
        ("/items/1/1", (5, 10)),
        ("/items/1/1/1", (5, 15)),
        ("/items/2/k", (6, 6)),
        ("/a~1b", (8, 3)),
        ("/a~1b/m~0n", (8, 11)),
        ("/ab", (9, 3)),
        ("/é😀/z", (10, 10)),
        ("/missing", None),
        ("/items/3", None),
        ("/items/-", None),
        ("/items/01", None),
        ("/items/x", None),
        ("/items/" + "9" * 5000, None),
        ("/items/1" + "0" * 18, None),
        ("/name/0", None),
        ("/a~2b", None),
        ("name", None),
        ("/items/1/1/1/0", None),
    ],
)
def test_locate(pointer: str, where: tuple[int, int] | None) -> None:
    assert Locator(DOC).locate(pointer) == where


def test_locate_root_skips_whitespace_and_empty_text_has_nothing() -> None:
    assert Locator("\n  \n   [1]").locate("") == (3, 4)
    assert Locator(" \n").locate("") is None
    assert Locator("").locate("/a") is None


def test_locate_duplicate_gives_the_last_occurrence() -> None:
    text = '{"a": 1,\n "a": {"b": 2}}'
    assert Locator(text).locate("/a") == (2, 2)
    assert Locator(text).locate("/a/b") == (2, 8)
    assert loads(text, allow_duplicates=True)["a"] == {"b": 2}


def test_locate_skips_values_json_cannot_recurse_into() -> None:
    text = '{"deep": ' + nested(5000) + ',\n "b": [' + nested(3000) + ", 7]}"
    locator = Locator(text)
    assert locator.locate("/b") == (2, 2)
    assert locator.locate("/b/1") == (2, 8 + 6000 + 2)
    assert locator.locate("/deep/0/0") == (1, 12)


def test_locate_many_lookups_use_a_line_table() -> None:
    lines = [f'  "k{i}": {i}' for i in range(50)]
    text = "{\n" + ",\n".join(lines) + "\n}"
    locator = Locator(text)
    for _ in range(2):  # the second pass runs on the cached table and member maps
        for i in range(50):
            assert locator.locate(f"/k{i}") == (i + 2, 3)


def test_locate_is_lazy_and_never_raises_on_broken_text() -> None:
    locator = Locator('{"a": [1, 2, {"b": ')
    assert locator.locate("/a/1") == (1, 11)
    assert locator.locate("/a/2/b") is None
    assert locator.locate("/a/5") is None
    assert Locator('{"a" 1}').locate("/a") is None
    assert Locator('{"a": 1e5000, "b": ' + "1" * 5000 + ', "c": NaN, "d": 0}').locate("/d") == (
        1,
        5032,
    )


@settings(max_examples=100, deadline=None)
@given(text=broken_texts(), pointer=st.text(alphabet=st.sampled_from("/~01ab"), max_size=6))
def test_locate_never_raises(text: str, pointer: str) -> None:
    result = Locator(text).locate(pointer)
    assert result is None or (result[0] >= 1 and result[1] >= 1)


def pointers(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from pointers(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from pointers(item, (*path, index))


@settings(max_examples=200, deadline=None)
@given(value=json_values, indent=st.sampled_from([None, 0, 1, 2, "\t"]), ascii_only=st.booleans())
def test_every_pointer_locates_its_value(
    value: Any, indent: int | str | None, ascii_only: bool
) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
    locator = Locator(text)
    decoder = json.JSONDecoder()
    for path, expected in pointers(value):
        where = locator.locate(to_pointer(path))
        assert where is not None
        index = starts[where[0] - 1] + where[1] - 1
        if path and isinstance(path[-1], str):  # a member: at its key's opening quote
            key, end = json.decoder.scanstring(text, index + 1)
            assert key == path[-1]
            index = text.index(":", end) + 1
            while text[index] in " \t\n\r":
                index += 1
        assert decoder.raw_decode(text, index)[0] == expected


# --- iter_ndjson --------------------------------------------------------------------------------

NDJSON = b'{"a": 1}\n\n  \t\n[2]\r\n\r\n"three"\n 4 '
NDJSON_LINES = [(1, b'{"a": 1}'), (4, b"[2]"), (6, b'"three"'), (7, b" 4 ")]


def test_iter_ndjson_file() -> None:
    assert list(iter_ndjson(io.BytesIO(NDJSON))) == NDJSON_LINES
    assert list(iter_ndjson(io.BytesIO(NDJSON + b"\n"))) == NDJSON_LINES
    assert list(iter_ndjson(io.BytesIO(b""))) == []
    assert list(iter_ndjson(io.BytesIO(b"\n\r\n  \n"))) == []


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 13, 64])
def test_iter_ndjson_chunks_cut_anywhere(size: int) -> None:
    chunks = (NDJSON[i : i + size] for i in range(0, len(NDJSON), size))
    assert list(iter_ndjson(chunks)) == NDJSON_LINES


def test_iter_ndjson_crlf_split_across_chunks_and_bytes_like_chunks() -> None:
    chunks = [b"[1]\r", b"\n[2", bytearray(b"]\r"), memoryview(b"\n\r"), b"\n", b"[3]\r"]
    assert list(iter_ndjson(chunks)) == [(1, b"[1]"), (2, b"[2]"), (4, b"[3]")]


def test_iter_ndjson_long_line_streams(tmp_path: Any) -> None:
    long = b"[" + b"1," * 200_000 + b"1]"
    path = tmp_path / "big.ndjson"
    path.write_bytes(b"[0]\n" + long + b"\n[2]")
    with path.open("rb") as stream:
        lines = iter_ndjson(stream)
        assert next(lines) == (1, b"[0]")
        assert next(lines) == (2, long)
        assert list(lines) == [(3, b"[2]")]


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(
        st.sampled_from([b"", b" ", b"\t\r", b"[1]", b'{"a": "b"}', b" x ", b"\r"]), max_size=8
    ),
    ending=st.sampled_from([b"\n", b"\r\n"]),
    final_newline=st.booleans(),
    cuts=st.lists(st.integers(0, 200), max_size=6),
)
def test_iter_ndjson_matches_splitting(
    lines: list[bytes], ending: bytes, final_newline: bool, cuts: list[int]
) -> None:
    data = ending.join(lines) + (ending if final_newline and lines else b"")
    marks = sorted({0, len(data), *(cut % (len(data) + 1) for cut in cuts)})
    chunks = [data[a:b] for a, b in itertools.pairwise(marks)]
    expected = []
    for number, line in enumerate(data.split(b"\n"), 1):
        line = line.removesuffix(b"\r")
        if line.strip(b" \t\r"):
            expected.append((number, line))
    assert list(iter_ndjson(chunks)) == expected
    assert list(iter_ndjson(io.BytesIO(data))) == expected


def test_ndjson_lines_load_with_their_line_numbers() -> None:
    stream = io.BytesIO(b'{"a": 1}\n\n{"a": 1, "a": 2}\n')
    results = []
    for number, line in iter_ndjson(stream):
        try:
            results.append((number, loads(line)))
        except JSONTextError as exc:
            results.append((number, exc.code))
    assert results == [(1, {"a": 1}), (3, DUPLICATE)]
