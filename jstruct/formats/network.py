"""Network names and addresses: IPv4, IPv6, hostnames (plain and IDN) and e-mail addresses.

Every checker takes a ``str`` and returns ``bool``; none raises for any input string.

Decisions where the RFCs leave room:

* ``is_hostname`` rejects a trailing dot (``example.com.``): a schema value names a host, it is not
  a DNS presentation-format FQDN, and the JSON Schema test suite treats the bare form as canonical.
* Labels beginning ``xn--`` (any case) must be valid IDNA A-labels (RFC 5891 section 4.2.3.1 via
  the ``idna`` package); other labels follow RFC 1123 only.
* ``is_idn_hostname`` treats U+3002, U+FF0E and U+FF61 as label separators (RFC 3490 section 3.1,
  which the ``idna`` package also follows) and applies IDNA2008 strictly to non-ASCII labels: no
  UTS #46 mapping, so an upper-case letter inside a U-label is invalid.
* ``is_email`` accepts only the ``[IPv4]`` and ``[IPv6:...]`` address literals, not the RFC 5321
  general ``[tag:content]`` form, and does not accept comments or folding white space (RFC 5322).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import idna

__all__ = [
    "IPV4_PATTERN",
    "IPV6_PATTERN",
    "is_email",
    "is_hostname",
    "is_idn_email",
    "is_idn_hostname",
    "is_ipv4",
    "is_ipv6",
]

# RFC 3986 dec-octet: no leading zeros, so "01.2.3.4" is not an address.
_DEC_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
IPV4_PATTERN = rf"{_DEC_OCTET}(?:\.{_DEC_OCTET}){{3}}"


def _ipv6_pattern() -> str:
    """RFC 3986 section 3.2.2 IPv6address, branch by branch, as a regex source string."""
    h16 = "[0-9A-Fa-f]{1,4}"
    ls32 = f"(?:{h16}:{h16}|{IPV4_PATTERN})"
    branches = [
        f"(?:{h16}:){{6}}{ls32}",
        f"::(?:{h16}:){{5}}{ls32}",
        f"(?:{h16})?::(?:{h16}:){{4}}{ls32}",
        f"(?:(?:{h16}:){{0,1}}{h16})?::(?:{h16}:){{3}}{ls32}",
        f"(?:(?:{h16}:){{0,2}}{h16})?::(?:{h16}:){{2}}{ls32}",
        f"(?:(?:{h16}:){{0,3}}{h16})?::{h16}:{ls32}",
        f"(?:(?:{h16}:){{0,4}}{h16})?::{ls32}",
        f"(?:(?:{h16}:){{0,5}}{h16})?::{h16}",
        f"(?:(?:{h16}:){{0,6}}{h16})?::",
    ]
    return "(?:" + "|".join(branches) + ")"


IPV6_PATTERN = _ipv6_pattern()

# Patterns are ASCII-only, so a non-ASCII digit can never match (no ``\d`` anywhere).
_ipv4_match = re.compile(IPV4_PATTERN).fullmatch
_ipv6_match = re.compile(IPV6_PATTERN).fullmatch

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_hostname_match = re.compile(rf"{_LABEL}(?:\.{_LABEL})*").fullmatch

_Matcher = Callable[[str], "re.Match[str] | None"]

# RFC 5321 atext and qtextSMTP / quoted-pairSMTP.
_ATEXT = r"A-Za-z0-9!#$%&'*+/=?^_`{|}~\-"  # "-" escaped: more ranges follow it in a class
_local_match = re.compile(
    rf"[{_ATEXT}]+(?:\.[{_ATEXT}]+)*"
    r'|"[\x20\x21\x23-\x5b\x5d-\x7e]*(?:\\[\x20-\x7e][\x20\x21\x23-\x5b\x5d-\x7e]*)*"'
).fullmatch
# RFC 6531 adds UTF8-non-ascii (every scalar value above U+007F; lone surrogates are not UTF-8).
_U8 = "\x80-\ud7ff\ue000-\U0010ffff"
_idn_local_match = re.compile(
    rf"[{_ATEXT}{_U8}]+(?:\.[{_ATEXT}{_U8}]+)*"
    rf'|"[\x20\x21\x23-\x5b\x5d-\x7e{_U8}]*(?:\\[\x20-\x7e][\x20\x21\x23-\x5b\x5d-\x7e{_U8}]*)*"'
).fullmatch

# IDNA label separators besides ".": ideographic, fullwidth and halfwidth ideographic full stops.
_IDN_DOTS = re.compile("[.\u3002\uff0e\uff61]")


def is_ipv4(s: str) -> bool:
    """RFC 2673 dotted-quad: four decimal octets 0-255 without leading zeros."""
    return len(s) <= 15 and _ipv4_match(s) is not None


def is_ipv6(s: str) -> bool:
    """RFC 4291 section 2.2 text form (``::`` compression, IPv4 tail); no zone id, no prefix."""
    return len(s) <= 45 and _ipv6_match(s) is not None


def _a_labels_ok(s: str) -> bool:
    """Every ``xn--`` label of an LDH host name decodes to a valid U-label."""
    for label in s.split("."):
        if label[2:4] == "--" and label[:2].lower() == "xn":
            try:
                idna.ulabel(label)
            except (UnicodeError, ValueError):  # IDNAError subclasses UnicodeError
                return False
    return True


def is_hostname(s: str) -> bool:
    """RFC 1123 host name: dot-separated LDH labels of 1-63 octets, at most 253 in total.

    No trailing dot; ``xn--`` labels must be valid A-labels.
    """
    if len(s) > 253 or _hostname_match(s) is None:
        return False
    # Only a name containing "--" can hold an A-label; skip the split on the common path.
    return "--" not in s or _a_labels_ok(s)


def is_idn_hostname(s: str) -> bool:
    """RFC 5890/5891 internationalized host name (U-labels, A-labels or LDH labels)."""
    if s.isascii():
        return is_hostname(s)
    total = -1  # one separator fewer than labels
    for label in _IDN_DOTS.split(s):
        if label.isascii():
            # Empty labels (leading, doubled or trailing separators) fail here too.
            if len(label) > 63 or _hostname_match(label) is None:
                return False
            if label[2:4] == "--" and not _a_labels_ok(label):
                return False
            total += len(label) + 1
        else:
            try:
                total += len(idna.alabel(label)) + 1
            except (UnicodeError, ValueError):
                return False
    return total <= 253


def _is_address_literal(lit: str) -> bool:
    """RFC 5321 section 4.1.3 ``[IPv4]`` or ``[IPv6:addr]`` (brackets included)."""
    if len(lit) < 3 or lit[-1] != "]":
        return False
    body = lit[1:-1]
    if body[:5].lower() == "ipv6:":
        return is_ipv6(body[5:])
    return is_ipv4(body)


def _is_mailbox(s: str, local_match: _Matcher, idn: bool) -> bool:
    local, at, domain = s.rpartition("@")
    if not at or not local or not domain or len(local) > 64:
        return False
    if local_match(local) is None:
        return False
    # The 64-octet limit is on the wire form, i.e. UTF-8 for RFC 6531.
    if idn and len(local.encode("utf-8")) > 64:
        return False
    if domain[0] == "[":
        return _is_address_literal(domain)
    return is_idn_hostname(domain) if idn else is_hostname(domain)


def is_email(s: str) -> bool:
    """RFC 5321 Mailbox: dot-atom or quoted-string local part (<= 64 octets) ``@`` domain.

    The domain is a host name (see :func:`is_hostname`) or an ``[IPv4]`` / ``[IPv6:...]``
    address literal.
    """
    return s.isascii() and _is_mailbox(s, _local_match, False)


def is_idn_email(s: str) -> bool:
    """RFC 6531 Mailbox: as :func:`is_email` with UTF-8 in the local part and an IDN domain."""
    if s.isascii():
        return _is_mailbox(s, _local_match, False)
    return _is_mailbox(s, _idn_local_match, True)
