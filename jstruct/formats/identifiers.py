"""UUIDs, URIs and IRIs, JSON Pointers and URI Templates.

Every checker takes a ``str`` and returns ``bool``. The URI and IRI checkers are single
precompiled regexes transcribed from the RFC 3986 / RFC 3987 ABNF. Repetitions of "character or
percent-escape" are written unrolled (``[c]*(?:%XX[c]*)*``): ``%`` is never in ``[c]``, so the
engine has exactly one way to match and cannot backtrack exponentially on hostile input.

Decisions where the RFCs leave room:

* The ``#`` (URI fragment) form of a JSON Pointer must be a valid RFC 3986 fragment; its
  percent-escapes must decode as UTF-8, and the decoded text must be a valid pointer
  (RFC 6901 section 6).
* URI Templates accept only the operators RFC 6570 defines (``+#./;?&``); the reserved
  operators ``=,!@|`` are rejected because no processor can expand them.
* Relative JSON Pointers follow draft-handrews-relative-json-pointer-01 (no index manipulation).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from .network import IPV6_PATTERN

__all__ = [
    "is_iri",
    "is_iri_reference",
    "is_json_pointer",
    "is_json_pointer_strict",
    "is_relative_json_pointer",
    "is_uri",
    "is_uri_reference",
    "is_uri_template",
    "is_uuid",
]

_uuid_match = re.compile(
    r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
).fullmatch

_PCT = "%[0-9A-Fa-f]{2}"
# RFC 3987 ucschar and iprivate, as character-class ranges.
_UCSCHAR = (
    "\xa0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
    "\U00010000-\U0001fffd\U00020000-\U0002fffd\U00030000-\U0003fffd"
    "\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd"
    "\U00070000-\U0007fffd\U00080000-\U0008fffd\U00090000-\U0009fffd"
    "\U000a0000-\U000afffd\U000b0000-\U000bfffd\U000c0000-\U000cfffd"
    "\U000d0000-\U000dfffd\U000e1000-\U000efffd"
)
_IPRIVATE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"


def _rep(chars: str) -> str:
    """``*( [chars] / pct-encoded )`` unrolled so that it cannot backtrack."""
    return f"[{chars}]*(?:{_PCT}[{chars}]*)*"


def _rep1(chars: str) -> str:
    """``1*( [chars] / pct-encoded )``."""
    return f"(?:[{chars}]|{_PCT}){_rep(chars)}"


def _grammar(extra: str, query_extra: str) -> tuple[str, str]:
    """(absolute URI, URI-reference) regex sources; ``extra`` widens ``unreserved`` for IRIs."""
    unreserved = rf"A-Za-z0-9\-._~{extra}"
    sub_delims = r"!$&'()*+,;="
    pchar = f"{unreserved}{sub_delims}:@"
    pchar_nc = f"{unreserved}{sub_delims}@"  # segment-nz-nc: first segment of a relative path
    scheme = r"[A-Za-z][A-Za-z0-9+\-.]*"
    ip_future = rf"[vV][0-9A-Fa-f]+\.[A-Za-z0-9\-._~{sub_delims}:]+"
    host = rf"(?:\[(?:{IPV6_PATTERN}|{ip_future})\]|{_rep(unreserved + sub_delims)})"
    authority = rf"(?:{_rep(unreserved + sub_delims + ':')}@)?{host}(?::[0-9]*)?"
    segment = _rep(pchar)
    path_abempty = f"(?:/{segment})*"
    path_absolute = f"/(?:{_rep1(pchar)}{path_abempty})?"
    path_rootless = f"{_rep1(pchar)}{path_abempty}"
    path_noscheme = f"{_rep1(pchar_nc)}{path_abempty}"
    query = rf"(?:\?{_rep(pchar + '/?' + query_extra)})?"
    fragment = rf"(?:#{_rep(pchar + '/?')})?"
    hier_part = f"(?://{authority}{path_abempty}|{path_absolute}|{path_rootless})?"
    relative_part = f"(?://{authority}{path_abempty}|{path_absolute}|{path_noscheme})?"
    absolute = f"{scheme}:{hier_part}{query}{fragment}"
    reference = f"(?:{scheme}:{hier_part}|{relative_part}){query}{fragment}"
    return absolute, reference


_URI, _URI_REF = _grammar("", "")
_IRI, _IRI_REF = _grammar(_UCSCHAR, _IPRIVATE)
_uri_match = re.compile(_URI).fullmatch
_uri_ref_match = re.compile(_URI_REF).fullmatch


@functools.cache
def _lazy_fullmatch(pattern: str) -> Callable[[str], re.Match[str] | None]:
    """Compile on first use: the IRI and URI-template patterns carry large Unicode classes
    that cost a noticeable share of start-up, and most schemas never use those formats."""
    return re.compile(pattern).fullmatch


# RFC 6901: "~" must be followed by 0 or 1; every other character is free.
_POINTER = "(?:/[^~/]*(?:~[01][^~/]*)*)*"
_pointer_match = re.compile(_POINTER).fullmatch
_relative_pointer_match = re.compile(f"(?:0|[1-9][0-9]*)(?:#|{_POINTER})").fullmatch
# RFC 3986 fragment, the carrier of the "#" pointer form.
_fragment_match = re.compile(_rep(r"A-Za-z0-9\-._~!$&'()*+,;=:@/?")).fullmatch

# RFC 6570 section 2: literals exclude CTL, SP, '"', "'", "%" (except pct-encoded), "<", ">",
# "\", "^", "`", "{", "|", "}".
_LITERAL = rf"!#$&(-;=?-\[\]_a-z~{_UCSCHAR}{_IPRIVATE}"
_VARCHAR = f"(?:[A-Za-z0-9_]|{_PCT})"
_VARSPEC = rf"{_VARCHAR}(?:\.?{_VARCHAR})*(?::[1-9][0-9]{{0,3}}|\*)?"
_URI_TEMPLATE = rf"{_rep(_LITERAL)}(?:\{{[+#./;?&]?{_VARSPEC}(?:,{_VARSPEC})*\}}{_rep(_LITERAL)})*"


def is_uuid(s: str) -> bool:
    """RFC 9562 text form ``8-4-4-4-12`` hex digits, either case, any version or variant."""
    return len(s) == 36 and _uuid_match(s) is not None


def is_uri(s: str) -> bool:
    """RFC 3986 ``URI``: absolute, with a scheme (a fragment is allowed)."""
    # isascii() is O(1) in CPython and rejects any non-ASCII string before the regex runs.
    return s.isascii() and _uri_match(s) is not None


def is_uri_reference(s: str) -> bool:
    """RFC 3986 ``URI-reference``: a URI or a relative reference (``""`` included)."""
    return s.isascii() and _uri_ref_match(s) is not None


def is_iri(s: str) -> bool:
    """RFC 3987 ``IRI``: as :func:`is_uri` with ``ucschar`` (and ``iprivate`` in the query)."""
    return _lazy_fullmatch(_IRI)(s) is not None


def is_iri_reference(s: str) -> bool:
    """RFC 3987 ``IRI-reference``."""
    return _lazy_fullmatch(_IRI_REF)(s) is not None


def is_json_pointer_strict(s: str) -> bool:
    """RFC 6901 JSON Pointer in its string form only (the ``json-pointer`` format)."""
    return _pointer_match(s) is not None


def is_json_pointer(s: str) -> bool:
    """RFC 6901 JSON Pointer, string form or URI-fragment form (``#/a%20b``)."""
    if not s or s[0] != "#":
        return _pointer_match(s) is not None
    fragment = s[1:]
    if _fragment_match(fragment) is None:
        return False
    if "%" not in fragment:
        return _pointer_match(fragment) is not None
    try:
        decoded = unquote_to_bytes(fragment).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return _pointer_match(decoded) is not None


def is_relative_json_pointer(s: str) -> bool:
    """Relative JSON Pointer: a non-negative integer (no leading zeros), then ``#`` or a pointer."""
    return _relative_pointer_match(s) is not None


def is_uri_template(s: str) -> bool:
    """RFC 6570 URI Template (levels 1-4): literals and ``{...}`` expressions."""
    return _lazy_fullmatch(_URI_TEMPLATE)(s) is not None
