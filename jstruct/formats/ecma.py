"""ECMAScript (ECMA-262) regular expressions, run on the ``regex`` package.

:func:`compile_pattern` walks the pattern once with a small tokenizer that knows whether it is
inside a character class, checks it against the ECMAScript grammar (Unicode mode, with the
leniencies listed below) and emits an equivalent ``regex`` pattern. Everything the two dialects
read differently is spelled out explicitly in the output:

* ``\\d \\w \\s`` (and negations) become ASCII / ECMAScript-white-space classes; ``\\b \\B`` become
  ASCII word boundaries (a scoped ``(?a:...)``, so ``\\p{...}`` stays Unicode-aware).
* ``.`` excludes only the four ECMAScript line terminators; ``[^]`` matches anything; ``[]``
  matches nothing.
* ``$`` is the very end of the input (``regex``'s ``$`` would also match before a final newline);
  there are no flags, so ``^`` and ``$`` never act per line.
* Backreferences to a group that has not matched match the empty string, as in ECMAScript
  (``regex`` would fail there), via a conditional ``(?(n)\\g<n>)``.
* Named groups are emitted as plain numbered groups (ECMAScript numbers them too), so names with
  ``$`` or other characters ``regex`` would not allow need no mangling.
* Every literal is emitted as a ``\\uHHHH`` escape unless it is ASCII alphanumeric, so no character
  can take on a ``regex``-only meaning.

Python/PCRE-only syntax is rejected: inline flags ``(?i)`` and modifiers ``(?i:...)``,
``(?P<name>...)``, atomic groups, possessive quantifiers, ``\\A \\Z \\z``, and every escape of a
letter or digit that ECMAScript does not define (``\\a``, ``\\e``, ``\\h``...).

Leniencies (Annex B behaviour where it is unambiguous, because hand-written schemas rely on it):
an escaped ASCII punctuation character is that character (``\\-``, ``\\"``, ``\\#``); a ``{``
that does not start a well-formed quantifier, and a lone ``}`` or ``]``, are literals. ``\\p{...}``
accepts every property the ``regex`` package knows, a superset of ECMAScript's.

Limits: quantifier minimums are unrolled by ``regex`` at compile time, so a pattern whose minimum
repetitions multiply past ``MAX_EXPANSION`` is refused; a maximum above ``2**31`` is treated as
unbounded. ``timeout=math.inf`` turns the per-search time budget off (it costs a few
microseconds per call); use it only for patterns from trusted schemas.
"""

from __future__ import annotations

import functools
import math
from typing import Final

import regex

__all__ = [
    "DEFAULT_TIMEOUT",
    "MAX_EXPANSION",
    "EcmaPattern",
    "PatternSyntaxError",
    "PatternTimeout",
    "compile_pattern",
    "is_regex",
]

DEFAULT_TIMEOUT: Final = 0.1
"""Seconds one ``search`` call may run before :class:`PatternTimeout` is raised."""

MAX_EXPANSION: Final = 20_000
#: Groups nested deeper than this are refused: the regex package's parser recurses once per
#: level, so the limit keeps compiling independent of the interpreter's recursion limit.
MAX_GROUP_DEPTH: Final = 200
"""Upper bound on the atoms ``regex`` would unroll for the minimum repeat counts of a pattern."""

_CACHE_SIZE: Final = 512
_TOO_BIG: Final = f"repetition counts expand beyond {MAX_EXPANSION} atoms"
_UNBOUNDED: Final = 2**31  # a larger maximum can never be reached by a Python string in practice


def _shorten(source: str) -> str:
    """The pattern as quoted in messages: long sources are cut so errors stay readable."""
    return source if len(source) <= 60 else source[:57] + "..."


class PatternSyntaxError(ValueError):
    """The pattern is not a valid ECMAScript regular expression (or cannot be compiled)."""

    def __init__(self, message: str, source: str, position: int | None = None) -> None:
        where = f" at position {position}" if position is not None else ""
        super().__init__(f"invalid regular expression {_shorten(source)!r}: {message}{where}")
        self.source = source
        self.position = position


class PatternTimeout(Exception):
    """One match of an :class:`EcmaPattern` ran longer than its time budget."""


# ECMAScript WhiteSpace and LineTerminator, the members of \s.
_ES_SPACE: Final = (
    "\t\n\v\f\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_HEX: Final = frozenset("0123456789abcdefABCDEF")
_DIGITS: Final = frozenset("0123456789")
_SYNTAX: Final = frozenset("^$\\.*+?()[]{}|/")
_CONTROL_ESCAPES: Final = {"t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r"}
_ASCII_WORD: Final = "0-9A-Za-z_"
_PROPERTY_CHARS: Final = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"
)
_PROPERTY_KEYS: Final = frozenset(
    {"General_Category", "gc", "Script", "sc", "Script_Extensions", "scx"}
)


def _lit(cp: int) -> str:
    """A code point as a ``regex`` literal that means only itself, in or out of a class."""
    if cp < 128 and chr(cp).isalnum():
        return chr(cp)
    return f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}"


def _class_body(chars: str) -> str:
    return "".join(_lit(ord(c)) for c in chars)


_SPACE_BODY: Final = _class_body(_ES_SPACE)
# Positive class-escape bodies (usable inside a set) and negated ones (as a nested V1 set).
_CLASS_ESCAPES: Final = {
    "d": "0-9",
    "w": _ASCII_WORD,
    "s": _SPACE_BODY,
    "D": "[^0-9]",
    "W": f"[^{_ASCII_WORD}]",
    "S": f"[^{_SPACE_BODY}]",
}
_DOT: Final = "[^\\n\\r\\u2028\\u2029]"


class _Frame:
    """One open group: where it starts, whether it is a lookaround, the weight inside it."""

    __slots__ = ("lookaround", "start", "weight")

    def __init__(self, start: int, lookaround: bool) -> None:
        self.start = start
        self.lookaround = lookaround
        self.weight = 0


class _Translator:
    """Single left-to-right pass over an ECMAScript pattern, emitting a ``regex`` pattern."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.out: list[str] = []
        self.groups = 0
        self.names: dict[str, int] = {}
        self.numeric_refs: list[tuple[int, int]] = []  # (group number, position)
        self.named_refs: list[tuple[str, int, int]] = []  # (name, position, output index)

    # -- errors ---------------------------------------------------------------------------------

    def fail(self, message: str, position: int | None = None) -> PatternSyntaxError:
        return PatternSyntaxError(message, self.src, self.pos if position is None else position)

    # -- driver ---------------------------------------------------------------------------------

    def translate(self) -> str:
        src = self.src
        n = len(src)
        out = self.out
        stack: list[_Frame] = [_Frame(0, False)]
        # Weight of the last quantifiable atom; 0 means "nothing to repeat here".
        atom = 0
        while self.pos < n:
            c = src[self.pos]
            start = self.pos
            self.pos += 1
            if c == "\\":
                atom = self.escape()
            elif c == "[":
                out.append(self.char_class())
                atom = 1
            elif c == "(":
                if len(stack) > MAX_GROUP_DEPTH:
                    raise self.fail(
                        f"groups are nested too deeply (more than {MAX_GROUP_DEPTH} levels)", start
                    )
                stack.append(_Frame(start, self.group_open()))
                atom = 0
            elif c == ")":
                if len(stack) == 1:
                    raise self.fail("unmatched ')'", start)
                frame = stack.pop()
                out.append(")")
                stack[-1].weight += max(frame.weight, 1)
                # ECMAScript (Unicode mode) does not allow quantifying a lookaround.
                atom = 0 if frame.lookaround else max(frame.weight, 1)
                continue
            elif c == "|":
                out.append("|")
                atom = 0
            elif c in "*+?{":
                quantified = self.quantifier(c, start, atom)
                if quantified is None:  # a "{" that is not a quantifier: a literal
                    out.append(_lit(ord(c)))
                    atom = 1
                else:
                    stack[-1].weight += quantified
                    if stack[-1].weight > MAX_EXPANSION:
                        raise self.fail(_TOO_BIG, start)
                    atom = 0  # "a**" and "a*+" (possessive) are "nothing to repeat"
                    continue
            elif c == "^":
                out.append("^")
                atom = 0
            elif c == "$":
                out.append("\\Z")  # absolute end: never before a trailing newline
                atom = 0
            elif c == ".":
                out.append(_DOT)
                atom = 1
            else:
                out.append(_lit(ord(c)))
                atom = 1
            stack[-1].weight += atom
        if len(stack) > 1:
            raise self.fail("missing ')'", stack[-1].start)
        if stack[0].weight > MAX_EXPANSION:
            raise self.fail(_TOO_BIG, 0)
        self.check_references()
        return "".join(out)

    # -- groups ---------------------------------------------------------------------------------

    def group_open(self) -> bool:
        """Emit a group opener; return whether it is a lookaround (not quantifiable)."""
        src = self.src
        if not src.startswith("?", self.pos):
            self.groups += 1
            self.out.append("(")
            return False
        rest = src[self.pos + 1 : self.pos + 3]
        if rest[:1] in (":", "=", "!"):
            self.out.append("(?" + rest[0])
            self.pos += 2
            return rest[0] != ":"
        if rest in ("<=", "<!"):
            self.out.append("(?" + rest)
            self.pos += 3
            return True
        if rest[:1] == "<":
            self.pos += 2
            name = self.group_name()
            if name in self.names:
                raise self.fail(f"duplicate group name {name!r}")
            self.groups += 1
            self.names[name] = self.groups
            self.out.append("(")
            return False
        if not rest:
            raise self.fail("incomplete group", self.pos - 1)
        what = {
            "P": "Python-style '(?P...)' groups",
            ">": "atomic groups",
            "#": "comments",
            "|": "branch-reset groups",
        }.get(rest[:1], "inline flags and pattern modifiers")
        raise self.fail(f"{what} are not ECMAScript syntax", self.pos - 1)

    def group_name(self) -> str:
        """Read ``name>`` (after ``<``); escapes ``\\uHHHH`` / ``\\u{...}`` are allowed."""
        src = self.src
        start = self.pos
        chars: list[str] = []
        while True:
            if self.pos >= len(src):
                raise self.fail("unterminated group name", start)
            c = src[self.pos]
            self.pos += 1
            if c == ">":
                break
            if c == "\\":
                if not src.startswith("u", self.pos):
                    raise self.fail("invalid escape in group name")
                self.pos += 1
                c = chr(self.unicode_escape())
            chars.append(c)
        name = "".join(chars)
        if not _is_identifier_name(name):
            raise self.fail(f"invalid group name {name!r}", start)
        return name

    def check_references(self) -> None:
        for number, position in self.numeric_refs:
            if number > self.groups:
                raise self.fail(f"backreference \\{number} to a missing group", position)
        for name, position, index in self.named_refs:
            number = self.names.get(name)
            if number is None:
                raise self.fail(f"backreference to undefined group name {name!r}", position)
            self.out[index] = _backref(number)

    # -- quantifiers ----------------------------------------------------------------------------

    def quantifier(self, c: str, start: int, atom: int) -> int | None:
        """Emit a quantifier; return the weight it adds, or None for a literal ``{``."""
        if c == "{":
            bounds = self.braces()
            if bounds is None:
                return None
            low, high = bounds
            text = f"{{{low}}}" if high == low else f"{{{low},{'' if high is None else high}}}"
        else:
            low, text = (0 if c != "+" else 1), c
        if atom == 0:
            raise self.fail("nothing to repeat", start)
        if self.src.startswith("?", self.pos):
            self.pos += 1
            text += "?"
        self.out.append(text)
        return atom * (max(low, 1) - 1)

    def braces(self) -> tuple[int, int | None] | None:
        """Parse ``{n}``, ``{n,}`` or ``{n,m}`` after ``{``; None (position kept) if it is not."""
        src = self.src
        start = self.pos
        low_text = self.digits()
        if not low_text:
            self.pos = start
            return None
        high_text: str | None = low_text
        if src.startswith(",", self.pos):
            self.pos += 1
            high_text = self.digits() or None
        if not src.startswith("}", self.pos):
            self.pos = start
            return None
        self.pos += 1
        low = _bound(low_text)
        high = None if high_text is None else _bound(high_text)
        if high is not None and low > high:
            raise self.fail("numbers out of order in {} quantifier", start - 1)
        if low > MAX_EXPANSION:
            raise self.fail(_TOO_BIG, start - 1)
        if high is not None and high >= _UNBOUNDED:
            high = None
        return low, high

    def digits(self) -> str:
        src = self.src
        start = self.pos
        while self.pos < len(src) and src[self.pos] in _DIGITS:
            self.pos += 1
        return src[start : self.pos]

    # -- escapes --------------------------------------------------------------------------------

    def escape(self) -> int:
        """Translate an escape outside a class (after ``\\``); return its weight (0: assertion)."""
        src = self.src
        if self.pos >= len(src):
            raise self.fail("pattern ends with a lone backslash", self.pos - 1)
        start = self.pos - 1
        c = src[self.pos]
        self.pos += 1
        out = self.out
        if c == "b" or c == "B":
            out.append(f"(?a:\\{c})")  # ASCII word boundary, as ECMAScript defines it
            return 0
        if c in "dDsSwW":
            body = _CLASS_ESCAPES[c]
            out.append(body if c.isupper() else f"[{body}]")
            return 1
        if c == "p" or c == "P":
            out.append(self.property(c))
            return 1
        if c in "123456789":
            self.pos -= 1
            number = _bound(self.digits())
            self.numeric_refs.append((number, start))
            out.append(_backref(number))
            return 1
        if c == "k":
            if not src.startswith("<", self.pos):
                raise self.fail("\\k must be followed by <name>", start)
            self.pos += 1
            name = self.group_name()
            self.named_refs.append((name, start, len(out)))
            out.append("")  # replaced once every group name is known
            return 1
        out.append(_lit(self.character_escape(c, start, in_class=False)))
        return 1

    def character_escape(self, c: str, start: int, *, in_class: bool) -> int:
        """The code point of a CharacterEscape whose letter ``c`` was just consumed."""
        src = self.src
        if c in _CONTROL_ESCAPES:
            return ord(_CONTROL_ESCAPES[c])
        if c == "c":
            letter = src[self.pos : self.pos + 1]
            if not (letter.isascii() and letter.isalpha()):
                raise self.fail("\\c must be followed by an ASCII letter", start)
            self.pos += 1
            return ord(letter) % 32
        if c == "0":
            if src[self.pos : self.pos + 1] in _DIGITS:
                raise self.fail("octal escapes are not allowed", start)
            return 0
        if c == "x":
            hex_text = src[self.pos : self.pos + 2]
            if len(hex_text) != 2 or not _HEX.issuperset(hex_text):
                raise self.fail("\\x must be followed by two hex digits", start)
            self.pos += 2
            return int(hex_text, 16)
        if c == "u":
            return self.unicode_escape()
        if c in _SYNTAX or (in_class and c == "-"):
            return ord(c)
        if c.isascii() and c.isprintable() and not c.isalnum():
            return ord(c)  # leniency: escaped ASCII punctuation (or space) is itself
        if c in "AZzGQEKRXhHNaeoy":
            raise self.fail(f"\\{c} is not an ECMAScript escape", start)
        raise self.fail(f"invalid escape \\{c}", start)

    def unicode_escape(self) -> int:
        """``\\uHHHH`` (pairing surrogates), or ``\\u{H...}``; the ``\\u`` is consumed."""
        src = self.src
        start = self.pos - 2
        if src.startswith("{", self.pos):
            end = src.find("}", self.pos + 1)
            hex_text = src[self.pos + 1 : end] if end != -1 else ""
            if not hex_text or not _HEX.issuperset(hex_text):
                raise self.fail("\\u{...} must hold hex digits", start)
            value = int(hex_text, 16) if len(hex_text) <= 8 else 0x110000
            if value > 0x10FFFF:
                raise self.fail("\\u{...} is beyond U+10FFFF", start)
            self.pos = end + 1
            return value
        value = self.hex4(self.pos)
        if value is None:
            raise self.fail("\\u must be followed by four hex digits or {...}", start)
        self.pos += 4
        # Unicode mode reads an escaped surrogate pair as one code point.
        if 0xD800 <= value <= 0xDBFF and src.startswith("\\u", self.pos):
            low = self.hex4(self.pos + 2)
            if low is not None and 0xDC00 <= low <= 0xDFFF:
                self.pos += 6
                return 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
        return value

    def hex4(self, at: int) -> int | None:
        text = self.src[at : at + 4]
        if len(text) == 4 and _HEX.issuperset(text):
            return int(text, 16)
        return None

    def property(self, c: str) -> str:
        """``\\p{...}`` / ``\\P{...}`` (the letter consumed), checked for shape, emitted as is."""
        src = self.src
        start = self.pos - 2
        end = src.find("}", self.pos)
        if not src.startswith("{", self.pos) or end == -1:
            raise self.fail(f"\\{c} must be followed by {{property}}", start)
        body = src[self.pos + 1 : end]
        key, eq, value = body.partition("=")
        if (
            not key
            or not _PROPERTY_CHARS.issuperset(key)
            or (eq and (key not in _PROPERTY_KEYS or not value))
            or not _PROPERTY_CHARS.issuperset(value)
        ):
            raise self.fail(f"invalid property {body!r}", start)
        self.pos = end + 1
        return f"\\{c}{{{body}}}"

    # -- character classes ----------------------------------------------------------------------

    def char_class(self) -> str:
        """Translate a class (after ``[``) up to its ``]``."""
        src = self.src
        n = len(src)
        start = self.pos - 1
        negated = src.startswith("^", self.pos)
        if negated:
            self.pos += 1
        parts: list[str] = []
        while True:
            if self.pos >= n:
                raise self.fail("unterminated character class", start)
            if src[self.pos] == "]":
                self.pos += 1
                break
            first = self.class_atom()
            # A "-" between two atoms makes a range, unless it is last ("[a-]").
            if src.startswith("-", self.pos) and self.pos + 1 < n and src[self.pos + 1] != "]":
                dash = self.pos
                self.pos += 1
                second = self.class_atom()
                if isinstance(first, str) or isinstance(second, str):
                    raise self.fail("a class escape cannot bound a range", dash)
                if first > second:
                    raise self.fail("range out of order in character class", dash)
                parts.append(f"{_lit(first)}-{_lit(second)}")
            else:
                parts.append(first if isinstance(first, str) else _lit(first))
        if not parts:  # "[]" matches nothing, "[^]" any one character
            return "[\\u0000-\\U0010ffff]" if negated else "[^\\u0000-\\U0010ffff]"
        return ("[^" if negated else "[") + "".join(parts) + "]"

    def class_atom(self) -> int | str:
        """One class member: a code point, or (for class escapes) a ready set fragment."""
        src = self.src
        c = src[self.pos]
        self.pos += 1
        if c != "\\":
            return ord(c)
        if self.pos >= len(src):
            raise self.fail("pattern ends with a lone backslash", self.pos - 1)
        start = self.pos - 1
        c = src[self.pos]
        self.pos += 1
        if c in _CLASS_ESCAPES:
            return _CLASS_ESCAPES[c]
        if c == "p" or c == "P":
            return self.property(c)
        if c == "b":
            return 8  # backspace inside a class
        if c in "123456789" or c == "k" or c == "B":
            raise self.fail(f"\\{c} is not allowed in a character class", start)
        return self.character_escape(c, start, in_class=True)


def _bound(digits: str) -> int:
    """A quantifier bound or group number; anything with more than 10 digits is "huge"."""
    return int(digits) if len(digits) <= 10 else _UNBOUNDED


def _backref(number: int) -> str:
    # A group that has not participated matches empty in ECMAScript; in regex it would fail.
    return f"(?:(?({number})\\g<{number}>))"


def _is_identifier_name(name: str) -> bool:
    """ECMAScript RegExpIdentifierName: ID_Start / $ / _, then ID_Continue / $ / ZWNJ / ZWJ."""
    if not name:
        return False
    first = name[0]
    if first not in "$_" and not first.isidentifier():
        return False
    return all(ch in "$\u200c\u200d" or ("_" + ch).isidentifier() for ch in name[1:])


def translate(source: str) -> str:
    """The ``regex`` (VERSION1) pattern equivalent to ECMAScript ``source``.

    Raises :class:`PatternSyntaxError` when ``source`` is not valid ECMAScript syntax.
    """
    return _Translator(source).translate()


class EcmaPattern:
    """A compiled ECMAScript pattern: immutable, picklable and safe to share between threads."""

    __slots__ = ("_bounded", "_regex", "_search", "_source", "_timeout")

    _source: str
    _timeout: float
    _regex: regex.Pattern[str]

    def __init__(self, source: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        if not timeout > 0:  # also rejects NaN
            raise ValueError(f"timeout must be positive, got {timeout!r}")
        translated = translate(source)
        try:
            compiled = regex.compile(translated, regex.VERSION1)
        except RecursionError:  # regex's parser recurses once per nested group
            raise PatternSyntaxError("groups are nested too deeply", source) from None
        except (regex.error, OverflowError, ValueError) as exc:
            # regex's own message carries positions in the translated text: keep only the reason.
            raise PatternSyntaxError(getattr(exc, "msg", None) or str(exc), source) from None
        set_ = object.__setattr__
        set_(self, "_source", source)
        set_(self, "_timeout", float(timeout))
        set_(self, "_regex", compiled)
        set_(self, "_search", compiled.search)
        # Arming regex's timer costs a few microseconds per call; math.inf (trusted patterns
        # only) skips it.
        set_(self, "_bounded", timeout != math.inf)

    @property
    def source(self) -> str:
        """The ECMAScript pattern text as given."""
        return self._source

    @property
    def timeout(self) -> float:
        """Seconds one :meth:`search` may take."""
        return self._timeout

    @property
    def translated(self) -> str:
        """The ``regex`` pattern actually run (for debugging)."""
        return str(self._regex.pattern)

    def search(self, s: str) -> bool:
        """ECMAScript ``RegExp.prototype.test``: does the pattern match anywhere in ``s``?

        Raises :class:`PatternTimeout` if the match runs past the time budget.
        """
        try:
            if self._bounded:
                return self._search(s, timeout=self._timeout) is not None
            return self._search(s) is not None
        except TimeoutError:
            raise PatternTimeout(
                f"pattern {_shorten(self._source)!r} exceeded {self._timeout} s on a "
                f"{len(s)}-character string"
            ) from None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __reduce__(self) -> tuple[object, tuple[str, float]]:
        # Compiled regex objects are rebuilt from the source rather than pickled.
        return (_unpickle, (self._source, self._timeout))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EcmaPattern):
            return NotImplemented
        return self._source == other._source and self._timeout == other._timeout

    def __hash__(self) -> int:
        return hash((self._source, self._timeout))

    def __repr__(self) -> str:
        return f"EcmaPattern({self._source!r}, timeout={self._timeout!r})"


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _compile_cached(source: str, timeout: float) -> EcmaPattern:
    return EcmaPattern(source, timeout)


def compile_pattern(source: str, *, timeout: float = DEFAULT_TIMEOUT) -> EcmaPattern:
    """Compile an ECMAScript pattern (cached, bounded LRU keyed by source and timeout).

    Raises :class:`PatternSyntaxError` if it is not valid ECMAScript or cannot be compiled.
    """
    return _compile_cached(source, float(timeout))


def _unpickle(source: str, timeout: float) -> EcmaPattern:
    return compile_pattern(source, timeout=timeout)


def is_regex(s: str) -> bool:
    """The ``regex`` format: ``s`` compiles as an ECMAScript pattern."""
    try:
        compile_pattern(s)
    except PatternSyntaxError:
        return False
    return True
