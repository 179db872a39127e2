"""ECMAScript pattern translation, matching semantics, errors, timeouts and object behaviour."""

from __future__ import annotations

import math
import pickle
import threading
import time

import pytest

from jstruct.formats import ecma
from jstruct.formats.ecma import (
    DEFAULT_TIMEOUT,
    MAX_EXPANSION,
    EcmaPattern,
    PatternSyntaxError,
    PatternTimeout,
    compile_pattern,
    is_regex,
)

# (pattern, subject, RegExp.prototype.test result)
MATCHES: list[tuple[str, str, bool]] = [
    # anchors: no multiline, "$" is the very end
    ("^abc$", "abc", True),
    ("^abc$", "abc\n", False),
    ("abc$", "xabc", True),
    ("^abc", "xabc", False),
    ("^a", "b\na", False),
    ("a$", "a\nb", False),
    ("$", "", True),
    ("", "anything", True),
    # unanchored search
    ("b", "abc", True),
    ("[0-9]{3}", "ab123", True),
    # \d \w \s are ASCII / ECMAScript sets
    (r"\d", "3", True),
    (r"\d", "٣", False),
    (r"\d", "３", False),
    (r"\D", "٣", True),
    (r"^\D$", "3", False),
    (r"\w", "é", False),
    (r"\w", "_", True),
    (r"\W", "é", True),
    (r"^\W$", "a", False),
    (r"\s", "\ufeff", True),
    (r"\s", "\u2028", True),
    (r"\s", "\xa0", True),
    (r"\s", "\x1c", False),  # Python's \s includes the file separators; ECMAScript's does not
    (r"\s", "\x85", False),
    (r"\S", "\x85", True),
    # word boundaries are ASCII
    (r"\bx", "éx", True),
    (r"\Bx", "éx", False),
    (r"\bword\b", "a word here", True),
    (r"\bword\b", "swordfish", False),
    (r"é\b", "é", False),
    # Unicode properties
    (r"\p{L}", "é", True),
    (r"^\p{L}+$", "école", True),
    (r"\p{Lu}", "é", False),
    (r"\P{L}", "é", False),
    (r"\p{Script=Greek}", "α", True),
    (r"\p{sc=Greek}", "a", False),
    (r"\p{General_Category=Decimal_Number}", "٣", True),
    (r"^[\p{L}\d]+$", "é3", True),
    (r"^\p{digit}+$", "৪২", True),
    # dot and [^]
    (".", "\n", False),
    (".", "\r", False),
    (".", "\u2028", False),
    (".", "\u2029", False),
    (".", "\x85", True),
    ("^.$", "😀", True),  # one code point
    ("[^]", "\n", True),
    ("[]", "a", False),
    ("[]", "", False),
    ("^[^]*$", "a\nb", True),
    # character escapes
    (r"^\cC$", "\x03", True),
    (r"^\cc$", "\x03", True),
    (r"^\u{1F600}$", "😀", True),
    (r"^\uD83D\uDE00$", "😀", True),
    (r"^\u0041$", "A", True),
    (r"^\x41$", "A", True),
    (r"\/", "/", True),
    (r"^\t\n\v\f\r$", "\t\n\v\f\r", True),
    (r"\0", "\0", True),
    (r"^\.\*\+\?\(\)\[\]\{\}\|\^\$\\$", ".*+?()[]{}|^$\\", True),
    (r"\-", "-", True),  # leniency: escaped punctuation
    (r"a\ b", "a b", True),
    # classes
    (r"[\d-]", "-", True),
    (r"[\D]", "5", False),
    (r"[^\D]", "5", True),
    (r"[\w.]", "é", False),
    (r"^[a-c-e]+$", "a-e", True),
    (r"^[a-c-e]+$", "d", False),
    (r"[\b]", "\b", True),
    (r"[\-]", "-", True),
    (r"^[\u{1F600}-\u{1F64F}]$", "😃", True),
    (r"[[]", "[", True),
    (r"[a[]]", "[]", True),
    (r"^[^\s]$", " ", False),
    (r"^[\S]$", "\ufeff", False),
    (r"[&&]", "&", True),  # no set operations outside ECMAScript's v flag
    (r"^[--0]+$", "-./0", True),  # a range from "-" to "0", not a set difference
    (r"^[--0]+$", "a", False),
    (r"^[a||b]+$", "|", True),
    # groups and backreferences
    (r"(?<year>\d{4})-\k<year>", "2024-2024", True),
    (r"(?<year>\d{4})-\k<year>", "2024-2025", False),
    (r"^(?<$x>a)\k<$x>$", "aa", True),
    (r"^(?<\u0061>x)\k<a>$", "xx", True),
    (r"^(a)\1$", "aa", True),
    (r"(a)|\1b", "b", True),  # a group that did not participate matches empty
    (r"^\1(a)$", "a", True),  # forward reference
    (r"^(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\10$", "abcdefghijj", True),
    (r"(?:ab)+", "abab", True),
    (r"(?=a)a", "a", True),
    (r"(?!a)b", "b", True),
    (r"(?<=a)b", "ab", True),
    (r"(?<!a)b", "ab", False),
    (r"(?<=a+)b", "aaab", True),  # variable-length lookbehind
    # quantifiers
    (r"^a{2}$", "aa", True),
    (r"^a{2,}$", "aaaa", True),
    (r"^a{2,3}$", "aaaa", False),
    (r"^a*?$", "aaa", True),
    (r"^a{0,99999999999}$", "aaa", True),
    ("a{", "a{", True),  # leniency: a "{" that does not start a quantifier
    ("a{,2}", "a{,2}", True),
    ("}", "}", True),
    ("]", "]", True),
    # literals that are special to the regex package but not to ECMAScript
    ("#", "#", True),
    (" ", " ", True),
    ("~", "~", True),
    ("&", "&", True),
]


@pytest.mark.parametrize(("pattern", "subject", "expected"), MATCHES)
def test_matches(pattern: str, subject: str, expected: bool) -> None:
    assert compile_pattern(pattern).search(subject) is expected


INVALID: list[tuple[str, str]] = [
    # (pattern, fragment of the message)
    ("(?i)a", "inline flags"),
    ("(?i:a)", "modifiers"),
    ("(?-i:a)", "modifiers"),
    ("(?P<n>a)", "(?P"),
    ("(?P=n)", "(?P"),
    ("(?>a)", "atomic"),
    ("(?#comment)", "comments"),
    ("(?|a)", "branch-reset"),
    ("(?", "incomplete group"),
    (r"\Z", r"\Z"),
    (r"\A", r"\A"),
    (r"\z", r"\z"),
    (r"\a", r"\a"),
    (r"\e", r"\e"),
    (r"\h", r"\h"),
    (r"\_a\q", r"\q"),
    ("a++", "nothing to repeat"),
    ("a*+", "nothing to repeat"),
    ("a?+", "nothing to repeat"),
    ("a{2}+", "nothing to repeat"),
    ("a**", "nothing to repeat"),
    ("*", "nothing to repeat"),
    ("+a", "nothing to repeat"),
    ("{1}", "nothing to repeat"),
    ("a|*", "nothing to repeat"),
    ("(*)", "nothing to repeat"),
    ("^*", "nothing to repeat"),
    (r"\b+", "nothing to repeat"),
    ("(?=a)*", "nothing to repeat"),
    ("(?<=a)+", "nothing to repeat"),
    ("(", "missing ')'"),
    ("(a", "missing ')'"),
    ("a)", "unmatched ')'"),
    ("[a", "unterminated character class"),
    ("[", "unterminated character class"),
    ("[a-", "unterminated character class"),
    ("[z-a]", "out of order"),
    ("a{2,1}", "out of order"),
    (r"[\d-z]", "class escape"),
    (r"[a-\w]", "class escape"),
    (r"\1", "missing group"),
    (r"(a)\2", "missing group"),
    (r"\8", "missing group"),
    (r"\k<x>(?<y>a)", "undefined group name"),
    (r"\k", r"\k"),
    (r"\k<x", "unterminated group name"),
    ("(?<a>x)(?<a>y)", "duplicate group name"),
    ("(?<1a>x)", "invalid group name"),
    ("(?<>x)", "invalid group name"),
    ("(?<a-b>x)", "invalid group name"),
    (r"\p{Foo}", "unknown property"),
    (r"\p{L", r"\p"),
    (r"\pL", r"\p"),
    (r"\p{Greek=x}", "invalid property"),
    (r"\p{Script=}", "invalid property"),
    (r"\p{L}-\p{a b}", "invalid property"),
    (r"\u12", r"\u"),
    (r"\u{}", r"\u{"),
    (r"\u{110000}", "U+10FFFF"),
    (r"\u{12", r"\u{"),
    (r"\x1", r"\x"),
    (r"\xg0", r"\x"),
    (r"\c1", r"\c"),
    (r"\c", r"\c"),
    (r"[\c_]", r"\c"),
    (r"\00", "octal"),
    (r"[\1]", "not allowed in a character class"),
    (r"[\B]", "not allowed in a character class"),
    (r"[\k]", "not allowed in a character class"),
    ("\\", "lone backslash"),
    ("[\\", "lone backslash"),
    (r"[a--b]", "out of order"),
    ("a{100000}", "expand beyond"),
    ("(?:(?:a{1000}){1000})", "expand beyond"),
    ("(?:a{150}){150}", "expand beyond"),
    ("(" * 2000 + ")" * 2000, "nested too deeply"),
]


@pytest.mark.parametrize(("pattern", "fragment"), INVALID)
def test_invalid(pattern: str, fragment: str) -> None:
    with pytest.raises(PatternSyntaxError) as info:
        compile_pattern(pattern)
    assert fragment in str(info.value)
    assert info.value.source == pattern
    assert not is_regex(pattern)


def test_syntax_error_is_value_error_with_position() -> None:
    with pytest.raises(ValueError, match=r"position 3") as info:
        compile_pattern("abc)")
    assert isinstance(info.value, PatternSyntaxError)
    assert info.value.position == 3


def test_long_source_is_shortened_in_message() -> None:
    with pytest.raises(PatternSyntaxError) as info:
        compile_pattern("a" * 1000 + ")")
    assert len(str(info.value)) < 200


@pytest.mark.parametrize(
    "pattern",
    [r"(a+)+$", r"^(a+)+$", r"^([a-zA-Z0-9]+)*$"],
)
def test_catastrophic_backtracking_times_out(pattern: str) -> None:
    compiled = compile_pattern(pattern)
    start = time.perf_counter()
    with pytest.raises(PatternTimeout, match="exceeded"):
        compiled.search("a" * 50_000 + "!")
    assert time.perf_counter() - start < 5.0  # hang guard, not a precise bound


def test_timeout_is_per_pattern() -> None:
    compiled = compile_pattern(r"^(a+)+$", timeout=0.02)
    assert compiled.timeout == 0.02
    with pytest.raises(PatternTimeout):
        compiled.search("a" * 50_000 + "!")
    assert compiled.search("aaa")  # still usable after a timeout


def test_timeout_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        compile_pattern("a", timeout=0)
    with pytest.raises(ValueError, match="positive"):
        EcmaPattern("a", -1.0)


def test_infinite_timeout_disables_budget() -> None:
    compiled = compile_pattern(r"^\d+$", timeout=math.inf)
    assert compiled.timeout == math.inf
    assert compiled.search("123")
    assert not compiled.search("12a")
    assert pickle.loads(pickle.dumps(compiled)) == compiled
    with pytest.raises(ValueError, match="positive"):
        compile_pattern("a", timeout=math.nan)


def test_timeout_message_is_short() -> None:
    compiled = compile_pattern("(a+)+$" + "b?" * 100, timeout=0.01)
    with pytest.raises(PatternTimeout) as info:
        compiled.search("a" * 50_000 + "!")
    assert len(str(info.value)) < 200


def test_default_timeout() -> None:
    assert compile_pattern("a").timeout == DEFAULT_TIMEOUT
    assert 0 < DEFAULT_TIMEOUT <= 1


def test_expansion_limit_boundary() -> None:
    compile_pattern(f"a{{{MAX_EXPANSION}}}")
    compile_pattern("(?:a{100}){100}")  # 10 000 atoms
    with pytest.raises(PatternSyntaxError):
        compile_pattern(f"a{{{MAX_EXPANSION + 1}}}")
    with pytest.raises(PatternSyntaxError):
        compile_pattern("(?:a{100}){100}(?:a{100}){100}(?:a{100}){100}")


def test_large_maximum_is_unbounded() -> None:
    compiled = compile_pattern("^a{1,99999999999999999999}$")
    assert compiled.search("a" * 1000)


def test_cache_returns_same_object() -> None:
    first = compile_pattern(r"^cache-\d+$")
    assert compile_pattern(r"^cache-\d+$") is first
    assert compile_pattern(r"^cache-\d+$", timeout=0.5) is not first


def test_pickle_round_trip() -> None:
    original = compile_pattern(r"^(?<n>\d+)-\k<n>$", timeout=0.25)
    clone = pickle.loads(pickle.dumps(original))
    assert clone == original
    assert hash(clone) == hash(original)
    assert clone.source == original.source
    assert clone.timeout == 0.25
    assert clone.search("12-12")
    assert not clone.search("12-13")


def test_immutable() -> None:
    compiled = compile_pattern("a")
    with pytest.raises(AttributeError):
        compiled._source = "b"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        compiled.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        del compiled._source
    with pytest.raises(AttributeError):
        compiled.source = "b"  # type: ignore[misc]
    assert compiled.source == "a"


def test_repr_equality_and_translation() -> None:
    compiled = compile_pattern(r"\d$")
    assert repr(compiled) == r"EcmaPattern('\\d$', timeout=0.1)"
    assert compiled != compile_pattern(r"\d")
    assert compiled != r"\d$"
    assert compiled.translated.endswith("\\Z")
    assert "[0-9]" in compiled.translated


def test_translate_function() -> None:
    assert ecma.translate("a.b") == "a[^\\n\\r\\u2028\\u2029]b"
    assert ecma.translate("^$") == "^\\Z"
    with pytest.raises(PatternSyntaxError):
        ecma.translate("(?i)")


def test_thread_safety() -> None:
    compiled = compile_pattern(r"^(?<word>[a-z]+)-\k<word>$")
    errors: list[BaseException] = []

    def work(seed: int) -> None:
        try:
            for i in range(500):
                word = "abc"[: 1 + (seed + i) % 3]
                assert compiled.search(f"{word}-{word}")
                assert not compiled.search(f"{word}-{word}x")
        except BaseException as exc:  # pragma: no cover - only on failure
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors


@pytest.mark.parametrize(
    "pattern",
    [
        "",
        "^[a-zA-Z_][a-zA-Z0-9_]*$",
        r"^\d{4}-\d{2}-\d{2}$",
        r"^[\w.+-]+@[\w-]+\.[\w.]+$",
        r"^(\([0-9]{3}\))?[0-9]{3}-[0-9]{4}$",
        r"^https?://",
        r"^\S+$",
        r"^[^@\s]+@[^@\s]+$",
        "^(?:[a-z0-9!#$%&'*+/=?^_`{|}~-]+)$",
        r"^#(?:[0-9a-fA-F]{3}){1,2}$",
    ],
)
def test_common_schema_patterns_compile(pattern: str) -> None:
    assert is_regex(pattern)
