"""Run every workload for every peer in one process and write benchmarks/RESULTS.md.

    python benchmarks/run.py            # full run (a few minutes)
    python benchmarks/run.py --quick    # smaller data, fewer rounds (a smoke test)

Contestants are interleaved: each round times every contestant once, in turn, and the median
over rounds is reported, so a slow spell of the machine hits all of them alike. In-process
workloads are timed in CPU time of this process (``time.process_time``), which other load on a
shared machine disturbs less than wall time; the NDJSON runs (which use worker processes) are
timed in wall time. Verdicts are compared before anything is timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import data  # noqa: E402
import peers  # noqa: E402

import jstruct  # noqa: E402
from jstruct import api  # noqa: E402
from jstruct.bulk import validate_ndjson  # noqa: E402

Row = tuple[str, float]
WALL_ONE = "jstruct validate_ndjson jobs=1 [wall]"
WALL_ALL = f"jstruct validate_ndjson jobs=0 ({os.cpu_count()} cores) [wall]"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def per_instance(check: Callable[[Any], Any], items: list[Any], budget: float) -> float:
    """CPU ns per item, looping over ``items`` enough times to fill about ``budget`` s."""
    start = time.process_time()
    for item in items:
        check(item)
    once = max(time.process_time() - start, 1e-6)
    loops = max(1, int(budget / once))
    start = time.process_time()
    for _ in range(loops):
        for item in items:
            check(item)
    return (time.process_time() - start) / (loops * len(items)) * 1e9


def interleaved(contestants: dict[str, Callable[[], float]], rounds: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in contestants}
    for round_ in range(rounds):
        names = list(contestants)
        if round_ % 2:
            names.reverse()  # alternate the order as well
        for name in names:
            samples[name].append(contestants[name]())
    return {name: statistics.median(values) for name, values in samples.items()}


def dict_workload(
    struct_doc: dict[str, Any],
    json_schema: dict[str, Any],
    labelled: list[tuple[Any, str | None]],
    smtp: bool,
    rounds: int,
    budget: float,
    sdk_items: int,
) -> tuple[dict[str, float], dict[str, str]]:
    contestants, missing = peers.dict_contestants(struct_doc, json_schema, smtp)
    validator = jstruct.Validator(struct_doc)
    peers.assert_agree(contestants, validator.is_valid, labelled)
    items = [instance for instance, _ in labelled]
    valid = [instance for instance, fault in labelled if fault is None]
    timed: dict[str, Callable[[], float]] = {}
    for name, check in contestants.items():
        # The SDK is two orders of magnitude slower: time it on a prefix of the same data.
        sample = items[:sdk_items] if name.startswith("json-structure") else items
        timed[name] = lambda c=check, s=sample: per_instance(c, s, budget)
    timed["jstruct is_valid [valid only]"] = lambda: per_instance(validator.is_valid, valid, budget)
    timed["jstruct validate [valid only]"] = lambda: per_instance(validator.validate, valid, budget)
    return interleaved(timed, rounds), missing


def ndjson_workload(path: Path, lines: int, rounds: int) -> tuple[dict[str, float], dict[str, str]]:
    """ns per line of parse + validate over the whole file, for each contestant."""
    struct_doc = data.load(data.SMTP_STRUCT)
    json_schema = data.load(data.SMTP_JSON_SCHEMA)
    validator = jstruct.Validator(struct_doc)
    per_line, missing = peers.line_contestants(struct_doc, json_schema)
    # Verdicts first, on the first few thousand lines.
    with open(path, "rb") as handle:
        head = [next(handle) for _ in range(min(lines, 5000))]
    expected = [r.valid for r in validate_ndjson(validator, head)]
    for name, check in per_line.items():
        got = [check(line) for line in head if line.strip()]
        if got != expected:
            raise AssertionError(f"{name} disagrees with jstruct on the NDJSON data")

    def jstruct_run(jobs: int, clock: Callable[[], float]) -> float:
        start = clock()
        count = 0
        for _ in validate_ndjson(validator, path, jobs=jobs):
            count += 1
        return (clock() - start) / count * 1e9

    def peer_run(check: Callable[[bytes], bool]) -> float:
        start = time.process_time()
        count = 0
        with open(path, "rb") as handle:
            for line in handle:
                if line.strip():
                    check(line)
                    count += 1
        return (time.process_time() - start) / count * 1e9

    # One process: CPU time of this process, like workloads A and C.
    timed: dict[str, Callable[[], float]] = {
        "jstruct validate_ndjson jobs=1": lambda: jstruct_run(1, time.process_time),
    }
    for name, check in per_line.items():
        timed[name] = lambda c=check: peer_run(c)
    # Scaling needs wall time (the work happens in worker processes), so it is measured
    # separately, both sides in wall time and interleaved.
    timed[WALL_ONE] = lambda: jstruct_run(1, time.perf_counter)
    timed[WALL_ALL] = lambda: jstruct_run(0, time.perf_counter)
    return interleaved(timed, rounds), missing


def compile_workload(rounds: int) -> dict[str, float]:
    """Compile time (CPU us) of both schemas, cold and through the jstruct.validate cache."""
    docs = {"smtp": data.load(data.SMTP_STRUCT), "order": data.load(data.ORDER_STRUCT)}
    schemas = {"smtp": data.load(data.SMTP_JSON_SCHEMA), "order": data.load(data.ORDER_JSON_SCHEMA)}
    timed: dict[str, Callable[[], float]] = {}

    def cost(build: Callable[[], Any], repeat: int) -> float:
        start = time.process_time()
        for _ in range(repeat):
            build()
        return (time.process_time() - start) / repeat * 1e9

    for key, doc in docs.items():
        timed[f"{key}: jstruct.Validator (cold)"] = lambda d=doc: cost(
            lambda: jstruct.Validator(d), 20
        )
        api._cached(doc)
        timed[f"{key}: jstruct.validate cache hit"] = lambda d=doc: cost(
            lambda: api._cached(d), 200
        )
        try:
            import fastjsonschema

            timed[f"{key}: fastjsonschema.compile"] = lambda s=schemas[key]: cost(
                lambda: fastjsonschema.compile(s), 5
            )
        except ImportError:
            pass
        try:
            import jsonschema_rs

            timed[f"{key}: jsonschema_rs.validator_for"] = lambda s=schemas[key]: cost(
                lambda: jsonschema_rs.validator_for(s, validate_formats=True), 50
            )
        except ImportError:
            pass
        try:
            from json_structure import InstanceValidator

            timed[f"{key}: json-structure InstanceValidator"] = lambda d=doc: cost(
                lambda: InstanceValidator(d), 50
            )
        except ImportError:
            pass
    return interleaved(timed, rounds)


_MEMORY_CHILD = """
import resource, sys, tempfile, pathlib
sys.path[:0] = [{root!r}, {here!r}]
import data
from jstruct.bulk import validate_ndjson
with tempfile.TemporaryDirectory() as tmp:
    path = pathlib.Path(tmp) / "tokens.ndjson"
    data.write_smtp_ndjson(path, {count})
    invalid = sum(1 for r in validate_ndjson(data.load(data.SMTP_STRUCT), path) if not r.valid)
print(invalid)
"""


def peak_memory(count: int) -> tuple[int, int]:
    """(peak RSS in KiB, invalid records) of a child validating ``count`` generated lines."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    script = _MEMORY_CHILD.format(root=str(HERE.parent), here=str(HERE), count=count)
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest child so far: run the small one first.
    return max(after, before), int(out.strip())


def table(results: dict[str, float], reference: str, unit: str = "ns") -> list[str]:
    base = results[reference]
    lines = [f"| contestant | {unit} / instance | time ÷ {reference} |", "|---|---:|---:|"]
    for name, value in sorted(results.items(), key=lambda item: item[1]):
        lines.append(f"| {name} | {value:,.0f} | {value / base:.2f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small data, few rounds")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    quick = args.quick
    rounds = 3 if quick else 5
    budget = 0.05 if quick else 0.25
    began = time.perf_counter()

    smtp = data.smtp_tokens(500 if quick else 2000)
    a, a_missing = dict_workload(
        data.load(data.SMTP_STRUCT),
        data.load(data.SMTP_JSON_SCHEMA),
        smtp,
        True,
        rounds,
        budget,
        sdk_items=100 if quick else 300,
    )
    print("A done", round(time.perf_counter() - began), "s", flush=True)
    ords = data.orders(10 if quick else 40)
    c, c_missing = dict_workload(
        data.load(data.ORDER_STRUCT),
        data.load(data.ORDER_JSON_SCHEMA),
        ords,
        False,
        rounds,
        budget,
        sdk_items=3 if quick else 8,
    )
    print("C done", round(time.perf_counter() - began), "s", flush=True)
    d = compile_workload(rounds)
    print("D done", round(time.perf_counter() - began), "s", flush=True)
    b_lines = 20_000 if quick else 200_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tokens.ndjson"
        size = data.write_smtp_ndjson(path, b_lines)
        b, b_missing = ndjson_workload(path, b_lines, 2 if quick else 3)
    print("B done", round(time.perf_counter() - began), "s", flush=True)
    memory = [(n, *peak_memory(n)) for n in ((10_000, 100_000) if quick else (100_000, 1_000_000))]
    print("memory done", round(time.perf_counter() - began), "s", flush=True)

    one = b.pop(WALL_ONE)
    many = b.pop(WALL_ALL)
    out = [
        "# Benchmark results",
        "",
        "Generated by `python benchmarks/run.py`"
        + (" --quick (smoke run: small data, not for comparison)" if quick else "")
        + f" on {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, "
        f"in {time.perf_counter() - began:.0f} s.",
        "",
        f"- Machine: {cpu_model()}, {os.cpu_count()} cores; {platform.platform()}",
        f"- Load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
        "(other work shares this machine; CPU-time timing limits its effect).",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        "- Packages: " + ", ".join(f"{k} {v}" for k, v in peers.versions().items()),
        f"- Rounds: {rounds} interleaved, median reported.",
        "",
        "Every peer was checked to give jstruct's verdict on every instance of the data set",
        "before timing (JSON Schema peers with date-time format checking on: fastjsonschema by",
        "default, jsonschema-rs with `validate_formats=True`). The json-structure SDK is",
        "excused on faults it does not check: impossible dates (2024-02-30, month 13, hour 24)",
        "and an undeclared member where `additionalProperties` is false.",
        "",
        f"## A. SMTP token, parsed dicts ({len(smtp)} instances, "
        f"{sum(f is not None for _, f in smtp)} invalid; CPU ns per instance)",
        "",
        *table(a, "jstruct is_valid"),
        "",
        f"## B. SMTP token NDJSON, parse + validate ({b_lines:,} lines, {size / 1e6:.1f} MB; "
        "CPU ns per line)",
        "",
        *table(b, "jstruct validate_ndjson jobs=1"),
        "",
        f"Parallel scaling (wall time, interleaved): jobs=1 {one:,.0f} ns/line, "
        f"jobs=0 ({os.cpu_count()} cores) {many:,.0f} ns/line: {one / many:.2f}x the rate.",
        "",
        f"## C. Order with 50-200 line items ({len(ords)} instances; CPU ns per instance)",
        "",
        *table(c, "jstruct is_valid"),
        "",
        "## D. Compile time (CPU ns per compile)",
        "",
        "| contestant | ns |",
        "|---|---:|",
        *[f"| {k} | {v:,.0f} |" for k, v in d.items()],
        "",
        "## Peak memory of validate_ndjson (jobs=1), child process",
        "",
        "| lines | peak RSS (MiB) | invalid records |",
        "|---:|---:|---:|",
        *[f"| {n:,} | {rss / 1024:.1f} | {bad:,} |" for n, rss, bad in memory],
        "",
    ]
    skipped = {**a_missing, **b_missing, **c_missing}
    if skipped:
        out += ["## Skipped peers", "", *[f"- {k}: {v}" for k, v in skipped.items()], ""]
    notes = HERE / "NOTES.md"
    if notes.exists():
        out += [notes.read_text().rstrip(), ""]
    args.output.write_text("\n".join(out))
    print("\n".join(out))


if __name__ == "__main__":
    main()
