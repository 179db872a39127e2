"""Deterministic benchmark data: SMTP tokens and orders, about 10% of them invalid.

Every generator takes a seed, so two runs (and every peer in one run) see the same instances.
Faults are varied on purpose (a missing member, a wrong type, an impossible or offset-less
date-time, a value out of its grammar, a garbage line) so that no validator is measured on a
single cheap rejection.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCHEMAS = HERE / "schemas"

SMTP_STRUCT = ROOT / "examples" / "smtp-token.struct.json"
SMTP_JSON_SCHEMA = SCHEMAS / "smtp-token.schema.json"
ORDER_STRUCT = SCHEMAS / "order.struct.json"
ORDER_JSON_SCHEMA = SCHEMAS / "order.schema.json"

INVALID_SHARE = 0.10

# Date-times every validator here rejects. "+0100" offsets are left out on purpose:
# fastjsonschema accepts them, RFC 3339 (and jstruct) do not.
MALFORMED_DATETIMES = (
    "2024-03-01T10:00:00",  # no offset
    "2024-3-01T10:00:00Z",  # one-digit month (msgspec accepts a space separator, so not that)
    "2024-03-01T10:00Z",  # no seconds
)
IMPOSSIBLE_DATETIMES = (
    "2024-02-30T10:00:00Z",  # no such day
    "2023-02-29T08:15:00Z",  # not a leap year
    "2024-13-01T10:00:00Z",  # month 13
    "2024-03-01T24:00:00Z",  # hour 24
)
SMTP_FAULTS = ("missing", "wrong-type", "bad-datetime", "impossible-date", "null-member")
# The reference SDK (json-structure 0.8.0) checks the shape of a date-time but not its ranges
# (it accepts month 13, hour 24 and February 30): its verdicts differ on these faults only.
CALENDAR_FAULTS = frozenset({"impossible-date"})
# It also lets an undeclared member through an object with "additionalProperties": false.
SDK_LENIENT_FAULTS = CALENDAR_FAULTS | {"item-extra-member"}


def load(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _datetime(rng: random.Random) -> str:
    year = rng.randint(2000, 2030)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    hour, minute, second = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    fraction = rng.choice(("", ".000", ".123456"))
    # No lowercase "z": RFC 3339 allows it, the reference SDK does not; keep peers comparable.
    offset = rng.choice(("Z", "+02:00", "-05:30"))
    clock = f"{hour:02d}:{minute:02d}:{second:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}T{clock}{fraction}{offset}"


def smtp_token(rng: random.Random, index: int) -> dict[str, Any]:
    token: dict[str, Any] = {
        "id": f"smtp-token-{index:08x}",
        "campaignName": rng.choice(("Password Reset Emails", "Weekly digest", "Onboarding")),
        "emailCampaignId": f"campaign-{rng.getrandbits(32):08x}",
        "createContact": rng.random() < 0.5,
        "createdAt": _datetime(rng),
        "createdBy": rng.choice(("user@example.com", "app:mailer", "ops@example.org")),
        "password": f"{rng.getrandbits(64):016x}",
    }
    if rng.random() < 0.2:
        del token["emailCampaignId"]  # optional member
    return token


def break_smtp(rng: random.Random, token: dict[str, Any]) -> str:
    """Apply one fault in place; return its kind."""
    fault = rng.choice(SMTP_FAULTS)
    if fault == "missing":
        del token[rng.choice(("id", "createdAt", "createdBy", "campaignName", "password"))]
    elif fault == "wrong-type":
        name, value = rng.choice((("createContact", "yes"), ("id", 12345), ("password", None)))
        token[name] = value
    elif fault == "bad-datetime":
        token["createdAt"] = rng.choice(MALFORMED_DATETIMES)
    elif fault == "impossible-date":
        token["createdAt"] = rng.choice(IMPOSSIBLE_DATETIMES)
    else:
        token["campaignName"] = None
    return fault


def smtp_tokens(count: int, seed: int = 7) -> list[tuple[dict[str, Any], str | None]]:
    """``count`` tokens with their fault kind (None when valid)."""
    rng = random.Random(seed)
    out: list[tuple[dict[str, Any], str | None]] = []
    for index in range(count):
        token = smtp_token(rng, index)
        fault = break_smtp(rng, token) if rng.random() < INVALID_SHARE else None
        out.append((token, fault))
    return out


def smtp_ndjson_lines(count: int, seed: int = 11, garbage: bool = True) -> Iterator[bytes]:
    """NDJSON lines (with ``\\n``) of SMTP tokens; some invalid ones are broken JSON."""
    rng = random.Random(seed)
    for index in range(count):
        token = smtp_token(rng, index)
        if rng.random() < INVALID_SHARE:
            if garbage and rng.random() < 0.2:
                text = json.dumps(token, separators=(",", ":"))
                yield (text[: rng.randint(1, len(text) - 1)] + "\n").encode()
                continue
            break_smtp(rng, token)
        yield (json.dumps(token, separators=(",", ":")) + "\n").encode()


def write_smtp_ndjson(path: Path, count: int, seed: int = 11) -> int:
    """Write ``count`` lines; a pool of lines is reused (with fresh ids) to write 1M quickly."""
    pool = list(smtp_ndjson_lines(min(count, 8192), seed))
    size = 0
    with open(path, "wb", buffering=1 << 20) as handle:
        for index in range(count):
            line = pool[index % len(pool)]
            handle.write(line)
            size += len(line)
    return size


def order(rng: random.Random, index: int) -> dict[str, Any]:
    items = []
    for n in range(rng.randint(50, 200)):
        item: dict[str, Any] = {
            "sku": f"SKU-{rng.getrandbits(24):06X}-{n}",
            "productId": str(rng.randint(1, 2**62)),
            "quantity": rng.randint(1, 20),
            "unitPrice": f"{rng.randint(0, 9999)}.{rng.randint(0, 99):02d}",
        }
        if rng.random() < 0.3:
            item["giftWrap"] = rng.random() < 0.5
        if rng.random() < 0.2:
            item["note"] = rng.choice(("fragile", "leave at door", "gift"))
        items.append(item)
    payment: dict[str, Any]
    if rng.random() < 0.5:
        payment = {"card": {"last4": f"{rng.randint(0, 9999):04d}", "expires": "2029-08-31"}}
    else:
        payment = {"invoice": {"dueDays": rng.choice((14, 30, 60)), "reference": f"PO-{index}"}}
    return {
        "orderId": str(rng.randint(-(2**63), 2**63 - 1)),
        "customer": f"customer-{rng.getrandbits(20)}",
        "placedAt": _datetime(rng),
        "status": rng.choice(("new", "paid", "shipped", "cancelled")),
        "total": f"{rng.randint(0, 10**6)}.{rng.randint(0, 99):02d}",
        "items": items,
        "attributes": {f"k{i}": f"v{rng.getrandbits(16)}" for i in range(rng.randint(0, 6))},
        "location": [rng.uniform(-90, 90), rng.uniform(-180, 180)],
        "payment": payment,
    }


ORDER_FAULTS = (
    "missing",
    "item-wrong-type",
    "item-extra-member",
    "bad-datetime",
    "impossible-date",
    "bad-decimal",
    "bad-int64",
    "tuple-length",
    "two-choices",
    "map-value",
)


def break_order(rng: random.Random, doc: dict[str, Any]) -> str:
    fault = rng.choice(ORDER_FAULTS)
    # Faults deep in the items array sit near its end, so a validator has to walk it.
    item = doc["items"][-1 - rng.randint(0, 3)]
    if fault == "missing":
        del doc[rng.choice(("orderId", "placedAt", "payment"))]
    elif fault == "item-wrong-type":
        item["quantity"] = str(item["quantity"])
    elif fault == "item-extra-member":
        item["colour"] = "red"
    elif fault == "bad-datetime":
        doc["placedAt"] = rng.choice(MALFORMED_DATETIMES)
    elif fault == "impossible-date":
        doc["placedAt"] = rng.choice(IMPOSSIBLE_DATETIMES)
    elif fault == "bad-decimal":
        item["unitPrice"] = "12,50"
    elif fault == "bad-int64":
        item["productId"] = int(item["productId"])
    elif fault == "tuple-length":
        doc["location"] = doc["location"][:1]
    elif fault == "two-choices":
        doc["payment"] = {
            "card": {"last4": "1234", "expires": "2029-08-31"},
            "invoice": {"dueDays": 30},
        }
    else:
        doc["attributes"]["k9"] = 9
    return fault


def orders(count: int, seed: int = 13) -> list[tuple[dict[str, Any], str | None]]:
    rng = random.Random(seed)
    out: list[tuple[dict[str, Any], str | None]] = []
    for index in range(count):
        doc = order(rng, index)
        fault = break_order(rng, doc) if rng.random() < INVALID_SHARE else None
        out.append((doc, fault))
    return out
