"""Strict loading of JSON text, and finding values in it by JSON Pointer.

Every bad input ends in a :class:`JSONTextError` carrying a code, a one-sentence message and a
1-based line and column; columns count code points of the decoded text and lines are separated
by ``"\\n"`` (as :class:`json.JSONDecodeError` counts them).

Decisions:

* **Encoding.** Bytes must be UTF-8 (RFC 8259 section 8.1). A leading UTF-8 byte order mark is
  skipped, since the same section lets a parser ignore it and editors on some systems write
  one; it is not counted in columns. UTF-16 and UTF-32 text (with or without a byte order mark)
  is rejected with a message naming the encoding rather than a puzzling syntax error.
* **Strictness.** ``NaN``, ``Infinity`` and ``-Infinity`` are rejected; duplicate member names
  are rejected unless ``allow_duplicates`` (then the last value wins, as in :mod:`json`).
* **Huge integers.** Python limits ``int()`` of long digit strings
  (``sys.get_int_max_str_digits()``, 4300 by default) because the conversion is quadratic; a
  longer integer literal is rejected as "integer literal too long" at its location rather than
  parsed some other way, which RFC 8259 section 9 allows ("An implementation may set limits on
  the range and precision of numbers"). Raising the interpreter's limit raises ours.
* **Depth.** Documents nested deeper than ``max_depth`` (default :data:`MAX_DEPTH`) are
  rejected at the bracket that goes one level too deep, whether or not :mod:`json` could
  recurse that far; documents :mod:`json` cannot recurse into but within the limit still load.
  Depth is measured only when the text has more than ``max_depth`` brackets.
* **Which error.** When a text has several problems, the one reported is the first that a
  left-to-right parse meets; a duplicate member name is met when its object closes, as in
  :mod:`json`'s ``object_pairs_hook``.
* **orjson.** :func:`loads_fast` keeps orjson's value only when cheap checks prove
  :func:`loads` would return the same: no duplicate member (the colon count of the text equals
  that of orjson's compact re-serialisation), no integer of 19 digits or more (orjson turns
  integers past 64 bits into floats), depth within the limit. Anything else goes to
  :func:`loads`, which also words every error.

The common path is :mod:`json`'s C scanner. Only when it fails in a way that carries no
location (a hook raised, an integer was too long, recursion ran out) does an exact iterative
parser re-read the text; it still hands values and clean subtrees to the C scanner.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
from json.decoder import scanstring
from typing import Any, BinaryIO

from .codes import INSTANCE_DUPLICATE_KEY, INSTANCE_JSON_INVALID, INSTANCE_MAX_DEPTH_EXCEEDED
from .errors import Error, to_pointer

__all__ = [
    "MAX_DEPTH",
    "JSONTextError",
    "Locator",
    "decode_text",
    "error_at",
    "iter_ndjson",
    "loads",
    "loads_fast",
]

MAX_DEPTH: int = 1000
"""Default nesting limit: a document may hold containers nested this many levels deep."""


class JSONTextError(ValueError):
    """Text that is not acceptable JSON, with where the problem is.

    ``code`` is ``INSTANCE_JSON_INVALID``, ``INSTANCE_DUPLICATE_KEY`` or
    ``INSTANCE_MAX_DEPTH_EXCEEDED``; ``line`` and ``column``
    are 1-based (columns count code points); ``pointer`` is the JSON Pointer of the object
    holding a duplicate member name, ``""`` otherwise.
    """

    code: str
    message: str
    line: int
    column: int
    pointer: str

    def __init__(self, code: str, message: str, line: int, column: int, pointer: str = "") -> None:
        super().__init__(f"{message} (line {line}, column {column})")
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.pointer = pointer

    def to_error(self, first_line: int = 1) -> Error:
        """The same problem as an :class:`~jstruct.errors.Error` record (its path is the
        pointer of the object holding a duplicate, ``""`` otherwise); ``first_line`` is the
        line the text starts on in its file."""
        return Error(
            self.code, self.message, self.pointer, "", self.line + first_line - 1, self.column
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # The default would call __init__ with the formatted string alone.
        return (type(self), (self.code, self.message, self.line, self.column, self.pointer))


def error_at(text: str, index: int, code: str, message: str, pointer: str = "") -> JSONTextError:
    """A :class:`JSONTextError` for the character at ``index`` of ``text``."""
    index = min(max(index, 0), len(text))
    line = text.count("\n", 0, index) + 1
    column = index - text.rfind("\n", 0, index)  # rfind gives -1 on the first line
    return JSONTextError(code, message, line, column, pointer)


# --- decoding -------------------------------------------------------------------------------

_UTF8_BOM = b"\xef\xbb\xbf"
# UTF-32 first: its little-endian mark begins with UTF-16's.
_FOREIGN_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def decode_text(data: bytes | str) -> str:
    """The text of a JSON document: UTF-8 decoded strictly, a leading byte order mark skipped.

    A ``str`` is returned as it is, less a leading U+FEFF (what decoding a UTF-8 file with a
    mark as plain UTF-8 leaves).
    """
    if isinstance(data, str):
        return data[1:] if data.startswith("\ufeff") else data
    if not isinstance(data, bytes):
        data = bytes(data)  # bytearray, memoryview
    # RFC 8259 section 8.1: a parser may ignore a UTF-8 byte order mark.
    body = data[3:] if data.startswith(_UTF8_BOM) else data
    try:
        text = body.decode()
    except UnicodeDecodeError as exc:
        raise _undecodable(body, exc.start) from None
    # A NUL byte is U+0000, which JSON text never holds unescaped; one among the first two
    # bytes is how UTF-16 or UTF-32 without a mark looks (RFC 4627 section 3).
    if len(body) > 1 and (body[0] == 0 or body[1] == 0):
        raise JSONTextError(
            INSTANCE_JSON_INVALID,
            "the text is not UTF-8 (its NUL bytes suggest UTF-16 or UTF-32)",
            1,
            1,
        )
    return text


def _undecodable(body: bytes, bad: int) -> JSONTextError:
    for mark, name in _FOREIGN_BOMS:
        if body.startswith(mark):
            return JSONTextError(
                INSTANCE_JSON_INVALID,
                f"the text is {name}, not UTF-8 (it starts with a {name} byte order mark)",
                1,
                1,
            )
    prefix = body[:bad].decode()  # valid: the decoder stops at the first bad byte
    return error_at(
        prefix, len(prefix), INSTANCE_JSON_INVALID, f"invalid UTF-8 byte 0x{body[bad]:02x}"
    )


# --- the C fast path ------------------------------------------------------------------------


class _Duplicate(Exception):
    """Raised by the pairs hook; the exact parser finds where."""


class _Constant(Exception):
    """Raised for NaN / Infinity / -Infinity; the exact parser finds where."""


def _check_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # dict() in C, then one length compare: the whole cost on the common path.
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _Duplicate
    return obj


def _reject_constant(name: str) -> Any:
    raise _Constant(name)


_STRICT = json.JSONDecoder(object_pairs_hook=_check_pairs, parse_constant=_reject_constant)
# No hook at all when duplicates are allowed: the C scanner builds dicts itself, last value wins.
_LENIENT = json.JSONDecoder(parse_constant=_reject_constant)
# For skipping values in Locator: accepts anything json can read, converts no numbers.
_SKIPPER = json.JSONDecoder(parse_int=str, parse_float=str, parse_constant=str, strict=False)

_WS = re.compile(r"[ \t\n\r]*")
_BLANK = frozenset(" \t\n\r")  # JSON whitespace; "" (the end) is not in it
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)")
# Brackets, and strings (closed or running to the end of a prefix) to step over.
_STRUCTURE = re.compile(r'([\[{])|([\]}])|"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_BRACKET_OR_QUOTE = bytes(byte for byte in range(256) if byte not in b'[]{}"')
_BRACES_TO_BRACKETS = bytes.maketrans(b"{}", b"[]")
# Past this many levels, _deeper_than sums the brackets instead of peeling levels off.
_ROUNDS = 64
# Level change per byte of bracket text.
_DEPTH_STEP = [0] * 256
_DEPTH_STEP[ord("[")] = _DEPTH_STEP[ord("{")] = 1
_DEPTH_STEP[ord("]")] = _DEPTH_STEP[ord("}")] = -1
# json reworded these around a position; the position is ours to give.
_MESSAGES = {
    "Unterminated string starting at": "Unterminated string",
    "Invalid control character at": "Invalid control character in string",
}


def _stdlib_rejects_trailing_commas_by_name() -> bool:
    # Python 3.13 names trailing commas ("Illegal trailing comma before end of array") at the
    # comma; older versions say "Expecting value" after it. The exact parser says what json says.
    try:
        json.loads("[0,]")
    except json.JSONDecodeError as exc:
        return exc.msg.startswith("Illegal trailing comma")
    return False  # pragma: no cover - json always rejects it


_TRAILING_COMMA_NAMED = _stdlib_rejects_trailing_commas_by_name()


def loads(data: bytes | str, *, max_depth: int = MAX_DEPTH, allow_duplicates: bool = False) -> Any:
    """Parse one JSON document strictly; raise :class:`JSONTextError` for anything else.

    ``data`` is UTF-8 bytes or text (see :func:`decode_text`). Containers may nest
    ``max_depth`` levels deep. A repeated member name is an error unless ``allow_duplicates``,
    when the last value wins.
    """
    text = decode_text(data)
    decoder = _LENIENT if allow_duplicates else _STRICT
    try:
        value = decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise _syntax_error(text, exc, max_depth) from None
    except (_Duplicate, _Constant, ValueError, RecursionError):
        # No location in these (ValueError: an integer too long for int()); re-read exactly,
        # outside the handler so the error does not chain to this one.
        pass
    else:
        # Deeper than max_depth takes 2 * (max_depth + 1) characters: short texts skip this.
        if len(text) > 2 * max_depth + 1:
            too_deep = _find_too_deep(text, 0, len(text), 0, max_depth)
            if too_deep >= 0:
                raise _depth_error(text, too_deep, max_depth)
        return value
    return _parse_exact(text, max_depth, allow_duplicates)


def _syntax_error(text: str, exc: json.JSONDecodeError, max_depth: int) -> JSONTextError:
    if _WS.match(text).end() == len(text):
        return error_at(text, len(text), INSTANCE_JSON_INVALID, "empty document")
    # A nesting violation before the syntax error comes first in reading order.
    too_deep = _find_too_deep(text, 0, exc.pos, 0, max_depth)
    if too_deep >= 0:
        return _depth_error(text, too_deep, max_depth)
    return error_at(text, exc.pos, INSTANCE_JSON_INVALID, _MESSAGES.get(exc.msg, exc.msg))


def _depth_error(text: str, index: int, max_depth: int) -> JSONTextError:
    # D53: the same code as nesting found in an already-parsed instance.
    return error_at(
        text, index, INSTANCE_MAX_DEPTH_EXCEEDED, f"nesting deeper than {max_depth} levels"
    )


def _find_too_deep(text: str, start: int, end: int, depth: int, max_depth: int) -> int:
    """Index of the first bracket in ``text[start:end]`` that opens level ``max_depth + 1``.

    ``depth`` is the level outside ``start``. The slice is valid JSON or a valid prefix of it.
    Returns -1 when there is none.
    """
    room = max_depth - depth
    if end - start <= room:
        return -1
    if text.count("[", start, end) + text.count("{", start, end) <= room:
        return -1
    if not _deeper_than(text[start:end].encode("utf-8", "surrogatepass"), room):
        return -1
    # Locating is the rare part, so a Python loop is fine here.
    for match in _STRUCTURE.finditer(text, start, end):
        kind = match.lastindex
        if kind == 1:
            depth += 1
            if depth > max_depth:
                return match.start()
        elif kind == 2:
            depth -= 1
    return -1  # pragma: no cover - _deeper_than said there is one


def _deeper_than(raw: bytes, room: int) -> bool:
    """Whether UTF-8 JSON text (or a valid prefix of it) nests deeper than ``room`` levels."""
    # At C speed as far as possible: what json parsed in C should not cost a Python loop here.
    if b"\\" in raw:
        # Escaped backslashes first: replace() pairs them left to right as the parser does.
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    # Braces become brackets (valid JSON nests the same either way); only quotes stay besides.
    kept = raw.translate(_BRACES_TO_BRACKETS, _NOT_BRACKET_OR_QUOTE)
    # Two adjacent quotes enclose no bracket: an empty string, or one string's end and the
    # next one's start. What is left between quotes is string content.
    kept = kept.replace(b'""', b"")
    if b'"' in kept:
        kept = b"".join(kept.split(b'"')[::2])
    # Each round drops the innermost containers; a round that drops any proves one more level.
    brackets = kept
    for level in range(1, _ROUNDS + 1):
        if not kept:
            return level - 1 > room
        shorter = kept.replace(b"[]", b"")
        if len(shorter) == len(kept):
            break  # an unclosed prefix: count exactly below
        if level > room:
            return True
        kept = shorter
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0) > room


# --- the exact parser -----------------------------------------------------------------------

# How many times the exact parser may hand a container to the C scanner and see it fail. Each
# failure re-reads part of the text (successes read their part once, as the exact parser
# would), so the bound keeps the worst case at a few C parses plus one Python parse.
_C_FAILURES = 8
_NOTHING = object()


class _Frame:
    """One open container of the exact parser."""

    __slots__ = ("is_object", "items", "key", "key_at", "token")

    def __init__(self, is_object: bool, token: str | int | None) -> None:
        self.is_object = is_object
        self.items: list[Any] = []  # elements, or (key, value) pairs
        self.key = ""
        self.key_at: list[int] = []  # where each member's key starts
        self.token = token  # this container's name in its parent (None at the top)


def _parse_exact(text: str, max_depth: int, allow_duplicates: bool) -> Any:
    """Parse with :mod:`json`'s semantics, raising the first problem in reading order.

    Iterative, so depth costs no recursion. Scalars, keys and (near the top) whole containers
    go to the C scanner; a container it rejects is opened here instead.
    """
    scan_once = (_LENIENT if allow_duplicates else _STRICT).scan_once
    skip_ws = _WS.match
    size = len(text)
    idx = skip_ws(text, 0).end()
    if idx == size:
        raise error_at(text, idx, INSTANCE_JSON_INVALID, "empty document")
    stack: list[_Frame] = []
    failures_left = _C_FAILURES

    def fail(index: int, message: str) -> JSONTextError:
        return error_at(text, index, INSTANCE_JSON_INVALID, message)

    def read_key(frame: _Frame, at: int) -> int:
        if text[at : at + 1] != '"':
            raise fail(at, "Expecting property name enclosed in double quotes")
        try:
            frame.key, end = scanstring(text, at + 1, True)
        except json.JSONDecodeError as exc:
            raise fail(exc.pos, _MESSAGES.get(exc.msg, exc.msg)) from None
        frame.key_at.append(at)
        at = skip_ws(text, end).end()
        if text[at : at + 1] != ":":
            raise fail(at, "Expecting ':' delimiter")
        return skip_ws(text, at + 1).end()

    while True:
        # A value starts at idx.
        char = text[idx : idx + 1]
        value: Any = _NOTHING
        end = idx
        if char == "[" or char == "{":
            depth = len(stack)
            if depth >= max_depth:
                raise _depth_error(text, idx, max_depth)
            # The top level already failed in C (that is why this parser runs); the C scanner
            # recurses only as deep as the container it is given, whatever this stack's height.
            if depth and failures_left:
                try:
                    value, end = scan_once(text, idx)
                except (_Duplicate, _Constant, ValueError, StopIteration, RecursionError):
                    failures_left -= 1  # the problem is inside: open it here to find where
                else:
                    if end - idx > max_depth - depth:
                        too_deep = _find_too_deep(text, idx, end, depth, max_depth)
                        if too_deep >= 0:
                            raise _depth_error(text, too_deep, max_depth)
            if value is _NOTHING:
                parent = stack[-1] if stack else None
                token = None
                if parent is not None:
                    token = parent.key if parent.is_object else len(parent.items)
                frame = _Frame(char == "{", token)
                idx = skip_ws(text, idx + 1).end()
                if text[idx : idx + 1] == ("}" if frame.is_object else "]"):
                    value, end = ({} if frame.is_object else []), idx + 1
                else:
                    stack.append(frame)
                    if frame.is_object:
                        idx = read_key(frame, idx)
                    continue
        else:
            try:
                value, end = scan_once(text, idx)
            except StopIteration as exc:
                raise fail(exc.value, "Expecting value") from None
            except _Constant as exc:
                raise fail(idx, f"{exc.args[0]} is not valid JSON") from None
            except json.JSONDecodeError as exc:
                raise fail(exc.pos, _MESSAGES.get(exc.msg, exc.msg)) from None
            except ValueError:
                raise _too_long(text, idx) from None
        # A value ends at end: hand it to the open containers, closing those that end here.
        while True:
            if not stack:
                idx = skip_ws(text, end).end()
                if idx != size:
                    raise fail(idx, "Extra data")
                return value
            frame = stack[-1]
            idx = skip_ws(text, end).end()
            char = text[idx : idx + 1]
            if frame.is_object:
                frame.items.append((frame.key, value))
                closer = "}"
            else:
                frame.items.append(value)
                closer = "]"
            if char == closer:
                stack.pop()
                value = (
                    _close(text, frame, stack, allow_duplicates) if frame.is_object else frame.items
                )
                end = idx + 1
                continue
            if char != ",":
                raise fail(idx, "Expecting ',' delimiter")
            comma = idx
            idx = skip_ws(text, idx + 1).end()
            if _TRAILING_COMMA_NAMED and text[idx : idx + 1] == closer:
                kind = "object" if frame.is_object else "array"
                raise fail(comma, f"Illegal trailing comma before end of {kind}")
            if frame.is_object:
                idx = read_key(frame, idx)
            break


def _close(text: str, frame: _Frame, stack: list[_Frame], allow_duplicates: bool) -> dict[str, Any]:
    pairs = frame.items
    obj = dict(pairs)
    if len(obj) != len(pairs) and not allow_duplicates:
        seen: set[str] = set()
        for at, (key, _) in zip(frame.key_at, pairs, strict=True):
            if key in seen:
                # The outermost frame is the document itself, which has no name.
                path = [f.token for f in (*stack, frame)[1:]]
                raise error_at(
                    text,
                    at,
                    INSTANCE_DUPLICATE_KEY,
                    f"duplicate member name {key!r}",
                    to_pointer(path),
                )
            seen.add(key)
    return obj


def _too_long(text: str, idx: int) -> JSONTextError:
    match = _NUMBER.match(text, idx)
    digits = len(match.group().lstrip("-")) if match else 0
    limit = getattr(sys, "get_int_max_str_digits", lambda: 0)()
    return error_at(
        text,
        idx,
        INSTANCE_JSON_INVALID,
        f"integer literal too long: {digits} digits, more than the limit of {limit}",
    )


# --- orjson ---------------------------------------------------------------------------------

# Bytes that are digits become "0", all others ".": a 19-digit run is then a substring search.
_DIGIT_CLASS = bytes(48 if 48 <= byte <= 57 else 46 for byte in range(256))
_LONG_DIGIT_RUN = b"0" * 19


@functools.lru_cache(maxsize=1)
def _orjson() -> tuple[Callable[[bytes], Any], Callable[[Any], bytes]] | None:
    try:
        import orjson  # optional: only loads_fast uses it, and only when installed
    except ImportError:
        return None
    return orjson.loads, orjson.dumps


def loads_fast(
    data: bytes | str, *, max_depth: int = MAX_DEPTH, allow_duplicates: bool = False
) -> Any:
    """:func:`loads` with orjson when it is installed: the same values and the same errors.

    orjson's value is kept only when cheap checks prove :func:`loads` would return it;
    otherwise, and for anything orjson rejects, :func:`loads` decides (and words the error).
    """
    functions = _orjson()
    if functions is None or isinstance(data, str):
        return loads(data, max_depth=max_depth, allow_duplicates=allow_duplicates)
    if not isinstance(data, bytes):
        data = bytes(data)  # bytearray, memoryview: the checks below need bytes methods
    orjson_loads, orjson_dumps = functions
    try:
        value = orjson_loads(data)
    except Exception:  # orjson's error type, its recursion limit: loads() says what is wrong
        return loads(data, max_depth=max_depth, allow_duplicates=allow_duplicates)
    if _same_as_loads(data, value, max_depth, allow_duplicates, orjson_dumps):
        return value
    return loads(data, max_depth=max_depth, allow_duplicates=allow_duplicates)


def _same_as_loads(
    data: bytes,
    value: Any,
    max_depth: int,
    allow_duplicates: bool,
    orjson_dumps: Callable[[Any], bytes],
) -> bool:
    """Whether :func:`loads` would accept ``data`` (which orjson parsed) and give ``value``."""
    try:
        dumped = orjson_dumps(value)
    except Exception:  # orjson.dumps nests at most 255 levels
        return False
    # Compact JSON (what most NDJSON writers emit) re-serialises to the very same bytes: then
    # no member was dropped as a duplicate and no long integer became a float.
    if dumped != data:
        # orjson keeps integers to 64 bits and turns longer ones into floats; 18 digits fit.
        if _LONG_DIGIT_RUN in data.translate(_DIGIT_CLASS):
            return False
        if not allow_duplicates:
            # Every member has one ':' and so does its compact re-serialisation, and strings
            # keep their colons; a duplicate drops a member, so the dump has fewer. Escaped
            # colons (\u003a) would appear only in the dump and could hide that: not trusted.
            colons = data.count(b":")
            if colons:
                if b"\\" in data and b"\\u003" in data:  # one-byte search first: it is faster
                    return False
                if dumped.count(b":") != colons:
                    return False
    # As in loads(): only a long text with many brackets can be too deep (and orjson accepted
    # it, so it is valid UTF-8 JSON as _deeper_than needs).
    return not (
        len(data) > 2 * max_depth + 1
        and data.count(b"[") + data.count(b"{") > max_depth
        and _deeper_than(data, max_depth)
    )


# --- locating -------------------------------------------------------------------------------

_BAD_ESCAPE = re.compile(r"~(?![01])")
# An index of 19 digits or more could not be in memory (and int() of a huge one would raise).
_INDEX = re.compile(r"(?:0|[1-9][0-9]{0,17})\Z")
# Below this many lookups, counting newlines in the prefix is cheaper than a line table.
_TABLE_AFTER = 8


class Locator:
    """Finds where the value a JSON Pointer designates is written in a JSON text.

    ``text`` is what :func:`decode_text` returns, so positions agree with :func:`loads`'
    errors. Lazy: nothing is read until :meth:`locate`, which walks only along the pointer's
    path and skips sibling values with the C scanner. Containers it has read are remembered,
    so many lookups into one document cost about one parse of it.
    """

    __slots__ = ("_arrays", "_line_starts", "_lookups", "_objects", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._objects: dict[int, dict[str, tuple[int, int]]] = {}
        self._arrays: dict[int, tuple[list[int], list[bool]]] = {}
        self._line_starts: list[int] | None = None
        self._lookups = 0

    def locate(self, pointer: str) -> tuple[int, int] | None:
        """1-based ``(line, column)`` of what ``pointer`` designates, or ``None``.

        An object member is placed at its key's opening quote, an array element at its first
        character, ``""`` at the document's first non-whitespace character. With duplicate
        member names, the last one counts (the one :mod:`json` keeps). ``None`` when the
        pointer designates nothing in the text, or is not a valid RFC 6901 pointer.
        """
        tokens = _split_pointer(pointer)
        if tokens is None:
            return None
        text = self._text
        idx = _WS.match(text).end()
        if idx == len(text):
            return None
        where = idx
        for token in tokens:
            char = text[idx : idx + 1]
            if char == "{":
                member = self._members(idx).get(token)
                if member is None:
                    return None
                where, idx = member
            elif char == "[" and _INDEX.match(token):
                element = self._element(idx, int(token))
                if element is None:
                    return None
                where = idx = element
            else:
                return None
        return self._line_column(where)

    def nearest(self, pointer: str) -> tuple[int, int] | None:
        """Like :meth:`locate`, but a pointer that designates nothing in the text (a missing
        member) is placed at its closest ancestor that does."""
        while True:
            where = self.locate(pointer)
            if where is not None or not pointer:
                return where
            pointer = pointer.rsplit("/", 1)[0]

    def place(self, errors: Iterable[Error], first_line: int = 1) -> list[Error]:
        """``errors`` with the line and column of their paths; ``first_line`` is the line this
        text starts on in its file (an NDJSON record's line number)."""
        placed = []
        for error in errors:
            where = self.nearest(error.path)
            if where is None:
                placed.append(error)
            else:
                placed.append(error.at(where[0] + first_line - 1, where[1]))
        return placed

    def _skip(self, idx: int) -> int:
        """Index just after the value starting at ``idx``, or -1 if none is there."""
        try:
            return _SKIPPER.scan_once(self._text, idx)[1]
        except RecursionError:
            return _skip_deep(self._text, idx)
        except (StopIteration, ValueError):
            return -1

    def _members(self, start: int) -> dict[str, tuple[int, int]]:
        """Key name -> (key position, value position) of the object at ``start``."""
        members = self._objects.get(start)
        if members is not None:
            return members
        text = self._text
        skip_ws = _WS.match
        members = self._objects[start] = {}
        idx = skip_ws(text, start + 1).end()
        # Read to the end (not the first match) so a repeated name maps to its last occurrence.
        # Compact JSON has no whitespace between tokens: each skip tests one character before
        # it runs the whitespace pattern.
        while text[idx : idx + 1] == '"':
            try:
                key, end = scanstring(text, idx + 1, False)
            except ValueError:
                break
            colon = end if text[end : end + 1] == ":" else skip_ws(text, end).end()
            if text[colon : colon + 1] != ":":
                break
            value_at = colon + 1
            if text[value_at : value_at + 1] in _BLANK:
                value_at = skip_ws(text, value_at).end()
            if value_at == len(text):
                break
            # Kept even if the value is broken: what precedes the break may still be found.
            members[key] = (idx, value_at)
            end = self._skip(value_at)
            if end < 0:
                break
            idx = end if text[end : end + 1] == "," else skip_ws(text, end).end()
            if text[idx : idx + 1] != ",":
                break
            idx += 1
            if text[idx : idx + 1] in _BLANK:
                idx = skip_ws(text, idx).end()
        return members

    def _element(self, start: int, index: int) -> int | None:
        """Position of element ``index`` of the array at ``start``; read only as far as needed."""
        text = self._text
        skip_ws = _WS.match
        known = self._arrays.get(start)
        if known is None:
            first = skip_ws(text, start + 1).end()
            empty = text[first : first + 1] == "]"
            known = self._arrays[start] = ([] if empty else [first], [empty])
        starts, done = known
        while len(starts) <= index and not done[0]:
            end = self._skip(starts[-1])
            idx = skip_ws(text, end).end() if end >= 0 else -1
            if end >= 0 and text[idx : idx + 1] == ",":
                starts.append(skip_ws(text, idx + 1).end())
            else:
                done[0] = True
        return starts[index] if index < len(starts) else None

    def _line_column(self, index: int) -> tuple[int, int]:
        text = self._text
        self._lookups += 1
        if self._line_starts is None and self._lookups > _TABLE_AFTER:
            starts = [0]
            find = text.find
            newline = find("\n")
            while newline >= 0:
                starts.append(newline + 1)
                newline = find("\n", newline + 1)
            self._line_starts = starts
        if self._line_starts is None:
            return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
        line = bisect_right(self._line_starts, index)
        return line, index - self._line_starts[line - 1] + 1


def _split_pointer(pointer: str) -> list[str] | None:
    if not pointer:
        return []
    if pointer[0] != "/" or _BAD_ESCAPE.search(pointer):
        return None
    tokens = pointer[1:].split("/")
    if "~" in pointer:
        # "~1" first, so that "~01" becomes "~1" and not "/".
        tokens = [token.replace("~1", "/").replace("~0", "~") for token in tokens]
    return tokens


def _skip_deep(text: str, idx: int) -> int:
    """End of the container at ``idx`` found by brackets alone (for what json cannot recurse)."""
    depth = 0
    for match in _STRUCTURE.finditer(text, idx):
        kind = match.lastindex
        if kind == 1:
            depth += 1
        elif kind == 2:
            depth -= 1
            if depth == 0:
                return match.end()
        elif depth == 0:
            return match.end()  # pragma: no cover - only containers recurse
    return -1


# --- JSON Lines -----------------------------------------------------------------------------

_CHUNK = 1 << 16
_BLANK_LINE = re.compile(rb"[ \t\r]*\Z")


def iter_ndjson(stream: BinaryIO | Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """``(line number, line)`` for each non-blank line of an NDJSON / JSON Lines byte stream.

    Lines are numbered from 1, counting blank ones, and yielded without their ``\\n`` or
    ``\\r\\n``. ``stream`` is a binary file or any iterable of byte chunks cut anywhere; it is
    read a chunk at a time, so memory stays at one line plus one chunk.
    """
    # read1 returns what is there instead of waiting for a full chunk: a pipe streams.
    read = getattr(stream, "read1", None) or getattr(stream, "read", None)
    chunks: Iterable[bytes] = _read_chunks(read) if read is not None else stream  # type: ignore[arg-type]
    number = 0
    pending: list[bytes] = []  # pieces of a line that runs across chunks
    for chunk in chunks:
        if not isinstance(chunk, bytes):
            chunk = bytes(chunk)
        lines = chunk.split(b"\n")
        if len(lines) == 1:
            if chunk:
                pending.append(chunk)
            continue
        if pending:
            pending.append(lines[0])
            lines[0] = b"".join(pending)
            pending.clear()
        tail = lines.pop()
        for line in lines:
            number += 1
            if line.endswith(b"\r"):
                line = line[:-1]
            if not _BLANK_LINE.match(line):
                yield number, line
        if tail:
            pending.append(tail)
    if pending:
        line = b"".join(pending)
        number += 1
        if line.endswith(b"\r"):
            line = line[:-1]
        if not _BLANK_LINE.match(line):
            yield number, line


def _read_chunks(read: Callable[[int], bytes | None]) -> Iterator[bytes]:
    while chunk := read(_CHUNK):
        yield chunk
