"""Tables of valid and invalid values for every string checker in ``jstruct.formats``."""

from __future__ import annotations

import base64
import binascii
import calendar
import random
import time
import zlib
from collections.abc import Callable

import pytest

from jstruct import formats
from jstruct.formats import BINARY_CHECKERS, FORMAT_CHECKERS

Checker = Callable[[str], bool]

# --- temporal ----------------------------------------------------------------------------------

DATE_VALID = [
    "2024-01-15",
    "2024-02-29",  # leap year
    "2000-02-29",  # divisible by 400
    "1600-02-29",
    "1900-02-28",
    "0000-01-01",
    "0000-02-29",  # year 0 is a leap year in the proleptic Gregorian calendar
    "9999-12-31",
    "2023-04-30",
    "2023-12-31",
    "2023-01-31",
]
DATE_INVALID = [
    "",
    "2023-02-29",  # not a leap year
    "1900-02-29",  # divisible by 100, not by 400
    "2024-02-30",
    "2024-04-31",
    "2024-06-31",
    "2024-13-01",
    "2024-00-10",
    "2024-01-00",
    "2024-01-32",
    "2024-W01-1",  # week date
    "2024-005",  # ordinal date
    "2024-1-5",
    "24-01-15",
    "20240115",
    "2024/01/15",
    "+2024-01-15",
    " 2024-01-15",
    "2024-01-15\n",  # trailing newline
    "\n2024-01-15",
    "2024-01-15 ",
    "２０２４-01-15",  # fullwidth digits
    "2024-01-1٥",  # Arabic-Indic digit
    "2024-01-15T00:00:00Z",
]

DATETIME_VALID = [
    "2024-01-15T10:30:00Z",
    "2024-01-15T10:30:00.000Z",
    "2024-01-15t10:30:00z",
    "2024-01-15T10:30:00+05:30",
    "2024-01-15T10:30:00-08:00",
    "2024-01-15T10:30:00.5+00:00",
    "2024-02-29T23:59:60Z",  # leap second
    "2024-12-31T23:59:59.123456789+23:59",
    "0001-01-01T00:00:00-00:00",
    "2000-02-29T00:00:00Z",
]
DATETIME_INVALID = [
    "",
    "2024-01-15 10:30:00Z",  # space separator
    "2024-01-15T10:30:00",  # offset required
    "2024-01-15T24:00:00Z",
    "2024-01-15T10:60:00Z",
    "2024-01-15T10:30:61Z",
    "2024-01-15T10:30:00+24:00",
    "2024-01-15T10:30:00+05:60",
    "2024-01-15T10:30:00+0530",
    "2024-01-15T10:30:00+05",
    "2023-02-29T10:30:00Z",  # calendar
    "2024-04-31T10:30:00Z",
    "2024-01-15T10:30:00.Z",
    "2024-01-15T10:30Z",
    "2024-01-15T10:30:00Z\n",
    "2024-01-15T10:30:00ZZ",
    "2024-01-15T10:30:00 Z",
    "2024-01-15T1٠:30:00Z",  # Arabic-Indic digit
    "2024-01-15",
    "2024-01-15T10:30:00,5Z",
]

TIME_VALID = [
    "10:30:00",
    "00:00:00",
    "23:59:59",
    "23:59:60",
    "10:30:00.123",
    "10:30:00Z",
    "10:30:00z",
    "10:30:00+05:30",
    "10:30:00.5-08:00",
]
TIME_INVALID = [
    "",
    "24:00:00",
    "10:60:00",
    "10:30:61",
    "10:30",
    "1:30:00",
    "10:30:00.",
    "10:30:00+24:00",
    "10:30:00+0530",
    "10:30:00 Z",
    "10:30:00\n",
    "T10:30:00",
    "١٠:30:00",
    "10:30:00ZZ",
]

FULL_TIME_VALID = [
    "10:30:00Z",
    "10:30:00z",
    "00:00:00+00:00",
    "23:59:60Z",
    "10:30:00.123Z",
    "10:30:00+05:30",
    "10:30:00.5-08:00",
    "23:59:59-23:59",
]
FULL_TIME_INVALID = [
    *TIME_INVALID,
    "10:30:00",  # offset required for the format
    "10:30:00.123",
]

DURATION_VALID = [
    "P1Y2M3DT4H5M6S",
    "PT2.5S",
    "P3W",
    "P1D",
    "PT0S",
    "P0D",
    "PT1.5M",  # fraction on the last component
    "P1,5D",  # comma separator
    "P1Y",
    "P1M",
    "PT1M",
    "PT36H",
    "P0.5W",
    "P1DT2H",
    "P1Y2M3DT4H5M6.789S",
]
DURATION_INVALID = [
    "",
    "P",
    "PT",
    "P1YT",
    "1Y",
    "p1y",
    "P-1D",
    "P1W2D",
    "P2W1D",
    "P1.5Y2M",  # fraction not on the last component
    "PT1.5H2M",
    "P1D1M",  # out of order
    "P1Y1Y",
    "PT1H1H",
    "P1H",  # time component without T
    "PT1D",
    "P1DT",
    "P1D\n",
    "P١D",
    "P1.D",
    "P.5D",
    "P1 D",
    "PT1S ",
]

# --- identifiers -------------------------------------------------------------------------------

UUID_VALID = [
    "123e4567-e89b-12d3-a456-426614174000",
    "123E4567-E89B-12D3-A456-426614174000",
    "A987fbc9-4bed-3078-cf07-9141ba07c9f3",
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "018f4f1e-7c2a-7b3c-9d4e-5f6a7b8c9d0e",
    "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
    "FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF",
]
UUID_INVALID = [
    "",
    "{123e4567-e89b-12d3-a456-426614174000}",
    "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
    "123e4567e89b12d3a456426614174000",
    "123e4567-e89b-12d3-a456-42661417400",
    "123e4567-e89b-12d3-a456-4266141740000",
    "g23e4567-e89b-12d3-a456-426614174000",
    "123e4567-e89b-12d3-a456-426614174000\n",
    "123e4567e-89b-12d3-a456-426614174000",
    "123e4567-e89b-12d3-a456_426614174000",
    "１23e4567-e89b-12d3-a456-426614174000",
    " 123e4567-e89b-12d3-a456-42661417400",
]

URI_VALID = [
    "http://example.com",
    "https://example.com/path?q=1#frag",
    "urn:isbn:0451450523",
    "mailto:user@example.com",
    "file:///etc/passwd",
    "http://[::1]:8080/",
    "ldap://[2001:db8::7]/c=GB?objectClass?one",
    "http://[v7.fe:80]/",
    "ftp://user:pw@ftp.example.com:21/",
    "tel:+1-816-555-1212",
    "a:b:c",
    "http://example.com/%20",
    "x+y.z-w:",
    "http://192.168.0.1/",
    "http://example.com:/",
    "news:comp.infosystems.www.servers.unix",
]
URI_INVALID = [
    "",
    "//example.com",  # relative
    "/path",
    "example.com",
    "http://exa mple.com",
    "http://example.com/<a>",
    'http://example.com/"',
    "http://example.com/{x}",
    "http://example.com/a|b",
    "http://example.com/a\\b",
    "http://example.com/^",
    "http://example.com/`",
    "http://example.com/%zz",
    "http://example.com/%2",
    "http://[::1x]/",
    "http://[1.2.3.4]/",
    "http://[fe80::1%25eth0]/",
    "http://host:abc/",
    "1http://x",
    "http://ex\x7f.com",
    "http://é.com",
    "http://example.com/\n",
    "http://example.com#a#b",
]

URI_REFERENCE_VALID = [
    "",
    "#frag",
    "#",
    "../a",
    "a:b:c",
    "http://example.com",
    "//example.com/path",
    "/abs/path",
    "rel/path",
    "?q=1",
    "./a:b",
    "%41",
    "a#b?c",
    "http://[::ffff:192.0.2.1]/",
    "//[::1]",
]
URI_REFERENCE_INVALID = [
    " ",
    "a b",
    "\x01",
    "é",
    "<a>",
    'a"b',
    "{a}",
    "a|b",
    "a\\b",
    "a^b",
    "a`b",
    "%zz",
    "%2",
    "http://[::1x]/",
    "http://host:abc/",
    ":a",  # empty scheme / colon in first relative segment
    "a\n",
    "#a#b",
]

IRI_VALID = [
    "http://é.com",
    "http://例え.テスト/パス",
    "http://example.com/ü?q=ß#ñ",
    "urn:example:ä",
    "http://example.com/?\ue000",  # iprivate is allowed in the query
    "http://example.com",
    "mailto:用户@例子.广告",
    "a:b:c",
    "http://[::1]/ü",
]
IRI_INVALID = [
    "",
    "//é.com",
    "é",
    "http://example.com/\ue000",  # iprivate outside the query
    "http://exa mple.com",
    "http://example.com/\ud800",  # lone surrogate
    "http://example.com/\ufff0",
    "http://example.com/\ufdd0",  # noncharacter
    "http://example.com/<",
    "http://é.com/%zz",
    "http://example.com/\x7f",
    "http://é.com/\n",
]

IRI_REFERENCE_VALID = [
    "",
    "é",
    "../ü",
    "#ñ",
    "http://é.com",
    "//例え.テスト",
    "?q=\ue000",
    "a:b:c",
    "/パス/ü",
]
IRI_REFERENCE_INVALID = [
    "é é",
    "\ue000",
    "%zz",
    "<é>",
    "é\n",
    "http://[::1x]/",
    "a\\é",
    "\ufdd0",
    "\ud800",
]

JSON_POINTER_STRICT_VALID = [
    "",
    "/",
    "/a/b",
    "/a~0b",
    "/a~1b",
    "/~01",
    "/a b",
    "/ü",
    "//",
    "/0",
    "/a\n",  # any character other than "~" and "/" is literal
    "/%",
]
JSON_POINTER_STRICT_INVALID = [
    "#",
    "#/a",
    "a",
    "/~",
    "/~2",
    "/a~",
    "~1",
    " /a",
    "/a~x",
    "\n",
]

JSON_POINTER_VALID = [
    *JSON_POINTER_STRICT_VALID,
    "#",
    "#/a",
    "#/a%20b",
    "#/a~1b",
    "#/%C3%BC",
    "#/%7E0",
]
JSON_POINTER_INVALID = [
    "a",
    "/~",
    "/~2",
    "/a~",
    "#a",
    "#/a b",  # not percent-encoded
    "#/%7E2",  # decodes to "~2"
    "#/%ff",  # not UTF-8
    "#/%zz",
    "~0",
    "#/a#b",
    "#/ü",
]

RELATIVE_JSON_POINTER_VALID = [
    "0",
    "1",
    "0#",
    "1/a",
    "10/a/b",
    "0/",
    "2/a~0b",
    "120/foo/bar",
    "0/a~1b",
]
RELATIVE_JSON_POINTER_INVALID = [
    "",
    "-1",
    "+1",
    "01",
    "01#",
    "0##",
    "#",
    "/a",
    "1/~2",
    "1a",
    "١/a",
    "0 #",
    "1#/a",
    "1\n",
]

URI_TEMPLATE_VALID = [
    "",
    "http://example.com/{term:1}/{term}",
    "{var}",
    "{+var}",
    "{#x,y}",
    "{/x*}",
    "{;x,y*}",
    "{?x,y}{&z}",
    "{.dom}",
    "{x:9999}",
    "{x.y}",
    "{%41b}",
    "/path/{id}/sub",
    "{var_1}",
    "é{x}",
    "plain",
]
URI_TEMPLATE_INVALID = [
    "{x",
    "x}",
    "{}",
    "{=x}",  # reserved operator
    "{x:10000}",
    "{x:0}",
    "{x:01}",
    "{x..y}",
    "a b",
    "{x y}",
    "{+}",
    "{x*:2}",
    "{{x}}",
    "%zz",
    "<{x}>",
    "{x,}",
    "{x}\n",
]

# --- network -----------------------------------------------------------------------------------

IPV4_VALID = [
    "0.0.0.0",
    "255.255.255.255",
    "192.168.1.1",
    "10.0.0.1",
    "127.0.0.1",
    "1.2.3.4",
    "100.64.0.0",
    "8.8.8.8",
]
IPV4_INVALID = [
    "",
    "256.0.0.1",
    "01.2.3.4",  # leading zero
    "192.168.001.1",
    "1.2.3",
    "1.2.3.4.5",
    "1.2.3.4\n",
    "١.2.3.4",
    "1.2.3.-1",
    " 1.2.3.4",
    "1.2.3.4/24",
    "0x1.2.3.4",
    "1..2.3",
]

IPV6_VALID = [
    "::",
    "::1",
    "1::",
    "2001:db8::1",
    "2001:0db8:0000:0000:0000:0000:0000:0001",
    "fe80::1",
    "::ffff:192.0.2.1",
    "64:ff9b::192.0.2.33",
    "1:2:3:4:5:6:7:8",
    "1:2:3:4:5:6:1.2.3.4",
    "ABCD:EF01::",
    "1::8",
    "::2:3:4:5:6:7:8",
    "1:2:3:4:5:6:7::",
]
IPV6_INVALID = [
    "",
    ":::",
    "1:2:3:4:5:6:7:8:9",
    "1::2::3",
    "fe80::1%eth0",  # zone id
    "12345::",
    "g::",
    "1:2:3:4:5:6:7",
    "::ffff:256.0.0.1",
    "::ffff:1.2.3",
    "::ffff:01.2.3.4",
    "1.2.3.4",
    "::1\n",
    "[::1]",
    "::1/128",
    "1:",
    ":1",
    "1:2:3:4:5:6:7:1.2.3.4",
    " ::1",
    "١::",
]

_LONG_HOST = "a" * 63 + "." + "b" * 63 + "." + "c" * 63 + "." + "d" * 61  # 253 characters

HOSTNAME_VALID = [
    "example.com",
    "a",
    "localhost",
    "xn--bcher-kva.example",
    "XN--BCHER-KVA.example",
    "a-b.c-d",
    "EXAMPLE.COM",
    "a" * 63 + ".com",
    "123.example",
    "sub.domain.example.org",
    _LONG_HOST,
    "ab--cd.example",  # only xn-- labels are checked as A-labels
]
HOSTNAME_INVALID = [
    "",
    "example.com.",  # trailing dot (documented decision)
    "-a.com",
    "a-.com",
    "a_b.com",
    "a" * 64 + ".com",
    "a..b",
    ".a",
    ".",
    "exa mple.com",
    "é.com",
    "xn--X",
    "XN--aa---o47jg78q",
    _LONG_HOST + "d",  # 254 characters
    "example.com\n",
    "*.example.com",
    "a.b-",
]

IDN_HOSTNAME_VALID = [
    *HOSTNAME_VALID,
    "bücher.example",
    "例え.テスト",
    "例え。テスト",  # ideographic full stop
    "l·l.example",  # CONTEXTO middle dot between two l
    "ελληνικά.gr",
    "日本語.jp",
    "ß.de",
    "ab--cd.bücher",
]
IDN_HOSTNAME_INVALID = [
    "",
    "Bücher.example",  # IDNA2008 U-labels are lower case (no UTS #46 mapping)
    "a·l.example",
    "-bücher.example",
    "bücher-.example",
    "bücher..example",
    "bücher.example.",
    "ü" * 64 + ".example",
    "a b.例え",
    "xn--X.例え",
    "\u0300a.com",  # leading combining mark
    "bü_cher.example",
    "例え.テスト\n",
    "例え." + "a" * 250,
    "example.com.",
]

EMAIL_VALID = [
    "user@example.com",
    "first.last@example.com",
    "user+tag@example.com",
    '"john doe"@example.com',
    '"a\\"b"@example.com',
    '"@"@example.com',
    '""@example.com',
    "user@[192.168.0.1]",
    "user@[IPv6:2001:db8::1]",
    "x@a",
    "!#$%&'*+/=?^_`{|}~-@example.com",
    "a" * 64 + "@example.com",
    "user@xn--bcher-kva.example",
]
EMAIL_INVALID = [
    "",
    "user",
    "@example.com",
    "user@",
    "user@@example.com",
    ".user@example.com",
    "user.@example.com",
    "us..er@example.com",
    "user name@example.com",
    "a" * 65 + "@example.com",
    "user@-example.com",
    "user@example.com.",
    "user@[256.0.0.1]",
    "user@[IPv6:::1x]",
    "user@[2001:db8::1]",
    "user@[tag:content]",
    "üser@example.com",
    "user@bücher.example",
    "user@example.com\n",
    '"unterminated@example.com',
    'a"b@example.com',
    '"a\\"@example.com',
]

IDN_EMAIL_VALID = [
    *EMAIL_VALID,
    "üser@example.com",
    "用户@例子.广告",
    "user@bücher.example",
    '"ü ü"@example.com',
    "Pelé@example.com",
    "δοκιμή@παράδειγμα.δοκιμή",
    "ü" * 32 + "@example.com",  # 64 octets
]
IDN_EMAIL_INVALID = [
    "",
    "user",
    "@bücher.example",
    "üser@",
    "ü" * 33 + "@example.com",  # 66 octets
    "ü ser@example.com",
    "üser@-bücher.example",
    "üser@bücher..example",
    ".ü@example.com",
    "ü@example.com\n",
    "\ud800@example.com",
    "üser@[IPv6:::1x]",
]

REGEX_VALID = [
    "",
    "^abc$",
    "[a-z]+",
    r"\d{3}-\d{4}",
    r"(?<year>\d{4})-\k<year>",
    r"\p{L}+",
    r"(?:a|b)*?",
    r"a{2,}",
    r"(?<=a)b",
    r"\u{1F600}",
    "[^]",
    r"\bword\b",
    r"^\cC$",
    "x{",
]
REGEX_INVALID = [
    "(",
    ")",
    "[a",
    "a**",
    "(?i)a",
    "(?P<n>a)",
    r"\Z",
    r"\A",
    "a++",
    "(?>a)",
    r"\z",
    r"\a",
    "[z-a]",
    r"\1",
    r"\p{Foo}",
]

# --- binary encodings --------------------------------------------------------------------------

BASE64_VALID = [
    "",
    "QQ==",
    "QUI=",
    "QUJD",
    "QR==",  # non-zero trailing bits, as b64decode(validate=True) accepts
    "SGVsbG8gV29ybGQ=",
    "+/+/",
    "AAAAAAAA",
    "YWJjZA==",
]
BASE64_INVALID = [
    "QQ",
    "QQ=",
    "QQ===",
    "Q===",
    "QUJD=",
    "QU JD",
    "QUJD\n",
    "-_-_",
    "QQ==QQ==",
    "=QQQ",
    "Q",
    "QU=D",
    "ÀÀÀÀ",
]
BASE64URL_VALID = ["", "QQ", "QQ==", "QUI", "QUI=", "-_-_", "SGVsbG8", "QUJD", "_w"]
BASE64URL_INVALID = [
    "Q",
    "QQ=",
    "+/+/",
    "QQ===",
    "QUJD=",
    "QQ==QQ==",
    "QU JD",
    "QUJD\n",
    "Q=Q=",
    "QUJDQ",
]
BASE16_VALID = ["", "00", "ff", "FF", "DeadBeef", "0123456789abcdef", "ABCDEF", "a0b1"]
BASE16_INVALID = ["0", "abc", "gg", "0x00", " 00", "00\n", "٠٠", "0g", "zz"]
BASE32_VALID = [
    "",
    "MY======",
    "MZXQ====",
    "MZXW6===",
    "MZXW6YQ=",
    "MZXW6YTB",
    "MZXW6YTBOI======",
    "AAAAAAAA",
]
BASE32_INVALID = [
    "MY",
    "my======",
    "MY=====",
    "M=======",
    "MZX=====",
    "MZXW6Y==",
    "MZXW6Y1=",
    "MZXW6YTB\n",
    "MZXW 6YT",
    "MZXW6YTBOI=====",
    "CPNMUOJ0",
]
BASE32HEX_VALID = [
    "",
    "CO======",
    "CPNG====",
    "CPNMU===",
    "CPNMUOG=",
    "CPNMUOJ1",
    "CPNMUOJ1E8======",
    "0123456V",
]
BASE32HEX_INVALID = [
    "CO",
    "co======",
    "W0000000",
    "C=======",
    "CPN=====",
    "CPNMUO==",
    "CPNMUOJ1\n",
    "CPNM UOJ1",
    "MZXW6YTB",
]

TABLES: dict[str, tuple[Checker, list[str], list[str]]] = {
    "is_date": (formats.is_date, DATE_VALID, DATE_INVALID),
    "is_datetime": (formats.is_datetime, DATETIME_VALID, DATETIME_INVALID),
    "is_time": (formats.is_time, TIME_VALID, TIME_INVALID),
    "is_full_time": (formats.is_full_time, FULL_TIME_VALID, FULL_TIME_INVALID),
    "is_duration": (formats.is_duration, DURATION_VALID, DURATION_INVALID),
    "is_uuid": (formats.is_uuid, UUID_VALID, UUID_INVALID),
    "is_uri": (formats.is_uri, URI_VALID, URI_INVALID),
    "is_uri_reference": (formats.is_uri_reference, URI_REFERENCE_VALID, URI_REFERENCE_INVALID),
    "is_iri": (formats.is_iri, IRI_VALID + URI_VALID, IRI_INVALID),
    "is_iri_reference": (
        formats.is_iri_reference,
        IRI_REFERENCE_VALID + URI_REFERENCE_VALID,
        IRI_REFERENCE_INVALID,
    ),
    "is_json_pointer": (formats.is_json_pointer, JSON_POINTER_VALID, JSON_POINTER_INVALID),
    "is_json_pointer_strict": (
        formats.is_json_pointer_strict,
        JSON_POINTER_STRICT_VALID,
        JSON_POINTER_STRICT_INVALID,
    ),
    "is_relative_json_pointer": (
        formats.is_relative_json_pointer,
        RELATIVE_JSON_POINTER_VALID,
        RELATIVE_JSON_POINTER_INVALID,
    ),
    "is_uri_template": (formats.is_uri_template, URI_TEMPLATE_VALID, URI_TEMPLATE_INVALID),
    "is_ipv4": (formats.is_ipv4, IPV4_VALID, IPV4_INVALID),
    "is_ipv6": (formats.is_ipv6, IPV6_VALID, IPV6_INVALID),
    "is_hostname": (formats.is_hostname, HOSTNAME_VALID, HOSTNAME_INVALID),
    "is_idn_hostname": (formats.is_idn_hostname, IDN_HOSTNAME_VALID, IDN_HOSTNAME_INVALID),
    "is_email": (formats.is_email, EMAIL_VALID, EMAIL_INVALID),
    "is_idn_email": (formats.is_idn_email, IDN_EMAIL_VALID, IDN_EMAIL_INVALID),
    "is_regex": (formats.is_regex, REGEX_VALID, REGEX_INVALID),
    "is_base64": (formats.is_base64, BASE64_VALID, BASE64_INVALID),
    "is_base64url": (formats.is_base64url, BASE64URL_VALID, BASE64URL_INVALID),
    "is_base16": (formats.is_base16, BASE16_VALID, BASE16_INVALID),
    "is_base32": (formats.is_base32, BASE32_VALID, BASE32_INVALID),
    "is_base32hex": (formats.is_base32hex, BASE32HEX_VALID, BASE32HEX_INVALID),
}

# Each ``format`` name and the table its checker must satisfy.
FORMAT_TABLES: dict[str, str] = {
    "date": "is_date",
    "date-time": "is_datetime",
    "time": "is_full_time",
    "duration": "is_duration",
    "email": "is_email",
    "idn-email": "is_idn_email",
    "hostname": "is_hostname",
    "idn-hostname": "is_idn_hostname",
    "ipv4": "is_ipv4",
    "ipv6": "is_ipv6",
    "uri": "is_uri",
    "uri-reference": "is_uri_reference",
    "iri": "is_iri",
    "iri-reference": "is_iri_reference",
    "uri-template": "is_uri_template",
    "json-pointer": "is_json_pointer_strict",
    "relative-json-pointer": "is_relative_json_pointer",
    "regex": "is_regex",
    "uuid": "is_uuid",
}
BINARY_TABLES: dict[str, str] = {
    "base64": "is_base64",
    "base64url": "is_base64url",
    "base16": "is_base16",
    "base32": "is_base32",
    "base32hex": "is_base32hex",
}


def _cases(expected: bool) -> list[object]:
    return [
        pytest.param(name, value, id=f"{name}-{value!r}")
        for name, (_, valid, invalid) in TABLES.items()
        for value in (valid if expected else invalid)
    ]


def _format_cases(
    table: dict[str, str], checkers: dict[str, Checker], expected: bool
) -> list[object]:
    out = []
    for key, table_name in table.items():
        _, valid, invalid = TABLES[table_name]
        for value in valid if expected else invalid:
            out.append(pytest.param(checkers[key], value, id=f"{key}-{value!r}"))
    return out


@pytest.mark.parametrize(("name", "value"), _cases(True))
def test_valid(name: str, value: str) -> None:
    assert TABLES[name][0](value) is True


@pytest.mark.parametrize(("name", "value"), _cases(False))
def test_invalid(name: str, value: str) -> None:
    assert TABLES[name][0](value) is False


@pytest.mark.parametrize("name", sorted(TABLES))
def test_tables_are_large_enough(name: str) -> None:
    _, valid, invalid = TABLES[name]
    assert len(valid) >= 8
    assert len(invalid) >= 8
    assert not set(valid) & set(invalid)


@pytest.mark.parametrize(("checker", "value"), _format_cases(FORMAT_TABLES, FORMAT_CHECKERS, True))
def test_format_valid(checker: Checker, value: str) -> None:
    assert checker(value) is True


@pytest.mark.parametrize(("checker", "value"), _format_cases(FORMAT_TABLES, FORMAT_CHECKERS, False))
def test_format_invalid(checker: Checker, value: str) -> None:
    assert checker(value) is False


@pytest.mark.parametrize(("checker", "value"), _format_cases(BINARY_TABLES, BINARY_CHECKERS, True))
def test_binary_valid(checker: Checker, value: str) -> None:
    assert checker(value) is True


@pytest.mark.parametrize(("checker", "value"), _format_cases(BINARY_TABLES, BINARY_CHECKERS, False))
def test_binary_invalid(checker: Checker, value: str) -> None:
    assert checker(value) is False


def test_table_keys() -> None:
    assert set(FORMAT_CHECKERS) == set(FORMAT_TABLES)
    assert set(BINARY_CHECKERS) == set(BINARY_TABLES)
    for key, table_name in {**FORMAT_TABLES, **BINARY_TABLES}.items():
        checker = FORMAT_CHECKERS.get(key) or BINARY_CHECKERS[key]
        assert checker is TABLES[table_name][0]


def test_core_time_differs_from_time_format() -> None:
    assert formats.is_time("10:30:00")
    assert not FORMAT_CHECKERS["time"]("10:30:00")
    assert FORMAT_CHECKERS["time"]("10:30:00Z")


# --- cross-checks against reference implementations ---------------------------------------------


@pytest.mark.parametrize("year", [*range(0, 30), *range(1580, 2420), 9996, 9999])
def test_date_calendar_matches_stdlib(year: int) -> None:
    for month in range(1, 13):
        # calendar has no year 0; 2000 shares its leap status.
        last = calendar.monthrange(year or 2000, month)[1]
        for day in (28, 29, 30, 31):
            text = f"{year:04d}-{month:02d}-{day:02d}"
            assert formats.is_date(text) is (day <= last), text
            stamp = f"{text}T12:00:00Z"
            assert formats.is_datetime(stamp) is (day <= last), stamp


def _random_strings(alphabet: str, count: int, max_len: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(max_len + 1)))
        for _ in range(count)
    ]


def _decodes(decode: Callable[[str], bytes], value: str) -> bool:
    try:
        decode(value)
    except (binascii.Error, ValueError):
        return False
    return True


def test_base64_agrees_with_b64decode() -> None:
    for value in _random_strings("AQw+/=-_ ", 20_000, 12, seed=1):
        ours = formats.is_base64(value)
        if ours:
            assert _decodes(lambda v: base64.b64decode(v, validate=True), value), value
        elif len(value) % 4 == 0:
            # With a whole number of quanta the two agree exactly.
            assert not _decodes(lambda v: base64.b64decode(v, validate=True), value), value


def test_base64url_accepts_only_decodable() -> None:
    for value in _random_strings("AQw-_=+/ ", 20_000, 12, seed=2):
        if formats.is_base64url(value):
            padded = value + "=" * (-len(value) % 4)
            assert _decodes(lambda v: base64.b64decode(v, b"-_", validate=True), padded), value


def test_base32_agrees_with_b32decode() -> None:
    for value in _random_strings("MZXW6YQ=a1", 20_000, 16, seed=3):
        assert formats.is_base32(value) is _decodes(base64.b32decode, value), value
    for value in _random_strings("CPNMUOG=W1", 20_000, 16, seed=4):
        assert formats.is_base32hex(value) is _decodes(base64.b32hexdecode, value), value


def test_base16_agrees_with_b16decode() -> None:
    for value in _random_strings("0aFg ", 5_000, 8, seed=5):
        expected = _decodes(lambda v: base64.b16decode(v, casefold=True), value)
        assert formats.is_base16(value) is expected, value


def test_ipv6_agrees_with_ipaddress() -> None:
    import ipaddress

    for value in _random_strings("0f:.1", 20_000, 14, seed=6):
        try:
            ipaddress.IPv6Address(value)
        except ValueError:
            expected = False
        else:
            expected = True
        assert formats.is_ipv6(value) is expected, value


def test_ipv4_agrees_with_ipaddress() -> None:
    import ipaddress

    for value in _random_strings("0129.5", 20_000, 15, seed=7):
        try:
            ipaddress.IPv4Address(value)
        except ValueError:
            expected = False
        else:
            expected = True
        assert formats.is_ipv4(value) is expected, value


# --- robustness --------------------------------------------------------------------------------

_FUZZ_ALPHABET = "aZ09-._~:/?#[]@!$&'()*+,;=%{}<>\"\\ \n\t\x00é€😀\ud800·。=+T"


@pytest.mark.parametrize("name", sorted(TABLES))
def test_never_raises_always_bool(name: str) -> None:
    checker = TABLES[name][0]
    for value in _random_strings(_FUZZ_ALPHABET, 500, 24, seed=zlib.crc32(name.encode())):
        assert type(checker(value)) is bool


HOSTILE = [
    "/" * 50_000 + " ",
    "a/" * 25_000 + " ",
    "a" * 50_000 + " ",
    "//" + "a:" * 25_000,
    "http://" + "%41" * 15_000 + " ",
    "a" * 25_000 + "@" + "b" * 25_000 + "@",
    "{" + "a," * 25_000,
    "P" + "1" * 50_000 + "X",
    "1" * 50_000 + "::",
    "#" + "/a" * 25_000 + "~",
]


# Compiling a pattern (is_regex) is not a per-instance hot path and is bounded separately.
@pytest.mark.parametrize("name", sorted(set(TABLES) - {"is_regex"}))
def test_linear_on_hostile_input(name: str) -> None:
    checker = TABLES[name][0]
    for value in HOSTILE:
        start = time.perf_counter()
        checker(value)
        assert time.perf_counter() - start < 2.0, (name, value[:20])
