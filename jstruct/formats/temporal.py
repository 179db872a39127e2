"""RFC 3339 dates and times and ISO 8601 durations.

Every checker takes a ``str`` and returns ``bool``. Each is one precompiled ``fullmatch`` over an
ASCII-only pattern (``[0-9]``, never ``\\d``, which would accept other scripts' digits); the
pattern encodes month lengths and leap years, so no Python-level calendar check runs at all.

Decisions where the RFCs leave room:

* Second ``60`` is accepted at any hour and minute (RFC 3339 section 5.7 grammar); whether a leap
  second really happened then is not checked.
* Years ``0000``-``9999`` only (RFC 3339 has no expanded years); the proleptic Gregorian calendar
  decides leap years.
* Durations use the ISO 8601 designator form only (``P1Y2M``), not the alternative format
  (``P0001-02-00``); a fraction may use ``.`` or ``,`` and only on the last component.
"""

from __future__ import annotations

import re

__all__ = ["is_date", "is_datetime", "is_duration", "is_full_time", "is_time"]

# The calendar is in the pattern itself, so each check is a single C-level fullmatch: 31-day
# months, 30-day months, February 1-28, then February 29 of Gregorian leap years (divisible by 4
# and not ending in 00, or a multiple of 400).
_DATE = (
    r"(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    r"|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)"
)
_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\.[0-9]+)?"
_OFFSET = r"(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"

_date_match = re.compile(_DATE).fullmatch
_datetime_match = re.compile(f"{_DATE}[Tt]{_TIME}{_OFFSET}").fullmatch
_time_match = re.compile(f"{_TIME}{_OFFSET}?").fullmatch
_full_time_match = re.compile(f"{_TIME}{_OFFSET}").fullmatch

# A fraction is allowed on a component only when its designator ends the string, which is what
# "only the last component may be fractional" means; the lookahead states exactly that.
_N = r"[0-9]+"


def _comp(designator: str) -> str:
    """An optional ``n<designator>`` component, fractional only when it ends the string."""
    return f"(?:{_N}(?:[.,][0-9]+(?={designator}\\Z))?{designator})?"


_duration_match = re.compile(
    f"P(?:{_N}(?:[.,][0-9]+)?W"  # weeks stand alone
    # At least one component must follow "P", and at least one must follow "T".
    f"|(?=[0-9]|T[0-9]){_comp('Y')}{_comp('M')}{_comp('D')}"
    f"(?:T(?=[0-9]){_comp('H')}{_comp('M')}{_comp('S')})?)"
).fullmatch


def is_date(s: str) -> bool:
    """RFC 3339 ``full-date`` (``YYYY-MM-DD``) naming a real calendar day."""
    return _date_match(s) is not None


def is_datetime(s: str) -> bool:
    """RFC 3339 ``date-time``: ``T``/``t`` separator, optional fraction, offset required."""
    return _datetime_match(s) is not None


def is_time(s: str) -> bool:
    """``hh:mm:ss`` with an optional fraction and an OPTIONAL offset (the core ``time`` type)."""
    return _time_match(s) is not None


def is_full_time(s: str) -> bool:
    """RFC 3339 ``full-time``: as :func:`is_time` but the offset is required (``time`` format)."""
    return _full_time_match(s) is not None


def is_duration(s: str) -> bool:
    """ISO 8601 duration, designator form: ``PnYnMnDTnHnMnS`` or ``PnW``."""
    return _duration_match(s) is not None
