"""String checkers called by compiled validators: formats, core string types, binary encodings.

Every checker is a plain function ``(str) -> bool`` that never raises for any ``str`` input (the
regex checker's compile errors are caught). Callers look them up once, at schema compile time, in
:data:`FORMAT_CHECKERS` (the ``format`` keyword) and :data:`BINARY_CHECKERS` (``contentEncoding``).

Binary encodings (RFC 4648) are checked by a length test plus one precompiled ``fullmatch``,
never by decoding. The empty string is valid in every encoding. Choices:

* ``base64``: standard alphabet, padding required, length a multiple of 4, no white space.
  Non-zero trailing bits (``QR==``) are accepted, as ``base64.b64decode(validate=True)`` does.
* ``base64url``: URL-safe alphabet; padding optional, but when present the length must be a
  multiple of 4; an unpadded length of ``4k + 1`` is impossible and rejected.
* ``base16``: hex digits in either case, even length.
* ``base32`` / ``base32hex``: the RFC 4648 upper-case alphabets (as ``base64.b32decode`` without
  ``casefold``), padding required.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .ecma import (
    DEFAULT_TIMEOUT,
    EcmaPattern,
    PatternSyntaxError,
    PatternTimeout,
    compile_pattern,
    is_regex,
)
from .identifiers import (
    is_iri,
    is_iri_reference,
    is_json_pointer,
    is_json_pointer_strict,
    is_relative_json_pointer,
    is_uri,
    is_uri_reference,
    is_uri_template,
    is_uuid,
)
from .network import (
    is_email,
    is_hostname,
    is_idn_email,
    is_idn_hostname,
    is_ipv4,
    is_ipv6,
)
from .temporal import is_date, is_datetime, is_duration, is_full_time, is_time

__all__ = [
    "BINARY_CHECKERS",
    "DEFAULT_TIMEOUT",
    "FORMAT_CHECKERS",
    "EcmaPattern",
    "PatternSyntaxError",
    "PatternTimeout",
    "compile_pattern",
    "is_base16",
    "is_base32",
    "is_base32hex",
    "is_base64",
    "is_base64url",
    "is_date",
    "is_datetime",
    "is_duration",
    "is_email",
    "is_full_time",
    "is_hostname",
    "is_idn_email",
    "is_idn_hostname",
    "is_ipv4",
    "is_ipv6",
    "is_iri",
    "is_iri_reference",
    "is_json_pointer",
    "is_json_pointer_strict",
    "is_regex",
    "is_relative_json_pointer",
    "is_time",
    "is_uri",
    "is_uri_reference",
    "is_uri_template",
    "is_uuid",
]

# With the length already a multiple of the quantum, "data* then an optional padded tail" can
# only split one way, so a single character-class run does the work (no per-quantum group).
_b64_match = re.compile(r"[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?").fullmatch
_b64url_padded_match = re.compile(
    r"[A-Za-z0-9_-]*(?:[A-Za-z0-9_-]{2}==|[A-Za-z0-9_-]{3}=)?"
).fullmatch
_b64url_match = re.compile(r"[A-Za-z0-9_-]*").fullmatch
_b16_match = re.compile(r"[0-9A-Fa-f]*").fullmatch
# A final base32 quantum carries 2, 4, 5 or 7 data characters, padded to 8.
_b32_match = re.compile(
    r"[A-Z2-7]*(?:[A-Z2-7]{2}={6}|[A-Z2-7]{4}={4}|[A-Z2-7]{5}={3}|[A-Z2-7]{7}=)?"
).fullmatch
_b32hex_match = re.compile(
    r"[0-9A-V]*(?:[0-9A-V]{2}={6}|[0-9A-V]{4}={4}|[0-9A-V]{5}={3}|[0-9A-V]{7}=)?"
).fullmatch


def is_base64(s: str) -> bool:
    """RFC 4648 section 4 base64: standard alphabet, required padding."""
    return len(s) % 4 == 0 and _b64_match(s) is not None


def is_base64url(s: str) -> bool:
    """RFC 4648 section 5 base64url: URL-safe alphabet, padding optional but correct if present."""
    if s.endswith("="):
        return len(s) % 4 == 0 and _b64url_padded_match(s) is not None
    return len(s) % 4 != 1 and _b64url_match(s) is not None


def is_base16(s: str) -> bool:
    """RFC 4648 section 8 base16 (hex), either case."""
    return len(s) % 2 == 0 and _b16_match(s) is not None


def is_base32(s: str) -> bool:
    """RFC 4648 section 6 base32: upper-case alphabet, required padding."""
    return len(s) % 8 == 0 and _b32_match(s) is not None


def is_base32hex(s: str) -> bool:
    """RFC 4648 section 7 base32hex: extended-hex alphabet, required padding."""
    return len(s) % 8 == 0 and _b32hex_match(s) is not None


FORMAT_CHECKERS: dict[str, Callable[[str], bool]] = {
    "date": is_date,
    "date-time": is_datetime,
    "time": is_full_time,  # the format requires an offset; the core ``time`` type does not
    "duration": is_duration,
    "email": is_email,
    "idn-email": is_idn_email,
    "hostname": is_hostname,
    "idn-hostname": is_idn_hostname,
    "ipv4": is_ipv4,
    "ipv6": is_ipv6,
    "uri": is_uri,
    "uri-reference": is_uri_reference,
    "iri": is_iri,
    "iri-reference": is_iri_reference,
    "uri-template": is_uri_template,
    "json-pointer": is_json_pointer_strict,
    "relative-json-pointer": is_relative_json_pointer,
    "regex": is_regex,
    "uuid": is_uuid,
}
"""Checkers for the ``format`` keyword, by format name."""

BINARY_CHECKERS: dict[str, Callable[[str], bool]] = {
    "base64": is_base64,
    "base64url": is_base64url,
    "base16": is_base16,
    "base32": is_base32,
    "base32hex": is_base32hex,
}
"""Checkers for the ``contentEncoding`` keyword, by encoding name."""
