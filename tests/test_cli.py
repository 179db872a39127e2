"""The ``jstruct`` command line.

Most cases drive ``jstruct.cli.run()`` in-process with in-memory streams (fast); a
representative set runs the real program in a subprocess (``python -m jstruct`` and, when it
is installed, the ``jstruct`` console script).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import jstruct
from jstruct import cli
from jstruct.jsontext import JSONTextError, loads

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SCHEMA = str(EXAMPLES / "smtp-token.struct.json")
VALID = str(EXAMPLES / "smtp-token.json")
INVALID = str(EXAMPLES / "smtp-token-invalid.json")
REPORT_SCHEMA = ROOT / "docs" / "cli-report.struct.json"
META = "https://json-structure.org/meta/core/v0/#"
SUMMARY = re.compile(r"^\d+ valid, \d+ invalid(, \d+ unreadable)? \(\d+\.\d\d s\)$")
# A location line: FILE:LINE:COLUMN: CODE message (at POINTER)
LOCATED = re.compile(
    r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z_]+) .* \(at .*\)$"
)

RECORD_OK = {
    "id": "a",
    "campaignName": "c",
    "createContact": True,
    "createdAt": "2024-01-15T10:30:00Z",
    "createdBy": "u",
    "password": "p",
}
RECORD_BAD = {**RECORD_OK, "createContact": "x"}


class FakeTTY(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def cli_run(
    *args: str,
    stdin: bytes = b"",
    env: dict[str, str] | None = None,
    stdout: io.StringIO | None = None,
    stderr: io.StringIO | None = None,
) -> tuple[int, str, str]:
    out = stdout if stdout is not None else io.StringIO()
    err = stderr if stderr is not None else io.StringIO()
    text_in = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    status = cli.run(list(args), text_in, out, err, env={} if env is None else env)
    return status, out.getvalue(), err.getvalue()


def check_report(text: str) -> dict[str, Any]:
    """The JSON report, validated against the documented shape with jstruct itself."""
    report = json.loads(text)
    validator = jstruct.compile(json.loads(REPORT_SCHEMA.read_text()))
    result = validator.validate(report)
    assert result.valid, [str(e) for e in result.errors]
    return report


def write(path: Path, content: Any) -> str:
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(json.dumps(content, indent=2), encoding="utf-8")
    return str(path)


def ndjson(*records: Any) -> bytes:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    return ("\n".join(lines) + "\n").encode()


# --- validate: text ---------------------------------------------------------------------------


def test_valid_instance_exits_0_with_summary() -> None:
    status, out, err = cli_run("validate", "-s", SCHEMA, VALID)
    assert status == 0, out + err
    lines = out.splitlines()
    assert len(lines) == 1 and SUMMARY.match(lines[0]) and lines[0].startswith("1 valid, 0 invalid")


def test_invalid_instance_errors_are_located() -> None:
    status, out, _ = cli_run("validate", "-s", SCHEMA, INVALID, VALID)
    assert status == 1
    lines = out.splitlines()
    assert lines[:3] == [
        f"{INVALID}:1:1: INSTANCE_REQUIRED_PROPERTY_MISSING "
        "Required property 'password' is missing. (at (root))",
        f'{INVALID}:4:3: INSTANCE_BOOLEAN_EXPECTED Expected a boolean, got string "yes". '
        "(at /createContact)",
        f"{INVALID}:5:3: INSTANCE_DATETIME_FORMAT_INVALID "
        'Value "2024-02-30 10:30:00" is not an RFC 3339 date-time with a time-zone offset. '
        "(at /createdAt)",
    ]
    assert SUMMARY.match(lines[3]) and lines[3].startswith("1 valid, 1 invalid")


def test_locations_are_not_computed_for_valid_instances(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> None:
        raise AssertionError("a valid instance was located")

    monkeypatch.setattr(cli, "Locator", refuse)
    status, _, _ = cli_run("validate", "-s", SCHEMA, VALID, VALID)
    assert status == 0
    recs = ndjson(RECORD_OK, RECORD_OK)
    assert cli_run("validate", "-s", SCHEMA, "--ndjson", "-", stdin=recs)[0] == 0


def test_stdin_dash() -> None:
    status, out, _ = cli_run("validate", "-s", SCHEMA, "-", stdin=Path(INVALID).read_bytes())
    assert status == 1
    assert out.startswith("<stdin>:1:1: INSTANCE_REQUIRED_PROPERTY_MISSING")


def test_quiet_prints_nothing() -> None:
    assert cli_run("validate", "-q", "-s", SCHEMA, INVALID) == (1, "", "")
    assert cli_run("validate", "--quiet", "-s", SCHEMA, VALID) == (0, "", "")
    assert cli_run("validate", "-q", "-s", SCHEMA, "/no/such/file.json")[0:2] == (2, "")


def test_max_errors_per_instance() -> None:
    status, out, _ = cli_run("validate", "--max-errors", "1", "-s", SCHEMA, INVALID)
    assert status == 1
    lines = out.splitlines()
    assert [LOCATED.match(x) is not None for x in lines[:1]] == [True]
    assert lines[1] == f"{INVALID}: 2 more error(s) not shown (--max-errors)"
    status, out, _ = cli_run(
        "validate", "--format", "json", "--max-errors", "2", "-s", SCHEMA, INVALID
    )
    report = check_report(out)
    assert len(report["files"][0]["errors"]) == 2 and report["files"][0]["omittedErrors"] == 1


def test_color_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" in cli_run("validate", "--color", "always", "-s", SCHEMA, INVALID)[1]
    assert "\x1b[" not in cli_run("validate", "--color", "never", "-s", SCHEMA, INVALID)[1]
    # auto: colour only on a terminal, and only without NO_COLOR.
    assert "\x1b[" not in cli_run("validate", "-s", SCHEMA, INVALID)[1]
    tty = FakeTTY()
    cli_run("validate", "-s", SCHEMA, INVALID, stdout=tty)
    assert "\x1b[" in tty.getvalue()
    tty = FakeTTY()
    cli_run("validate", "-s", SCHEMA, INVALID, stdout=tty, env={"NO_COLOR": "1"})
    assert "\x1b[" not in tty.getvalue()


# --- validate: JSON report ------------------------------------------------------------------


def test_json_report_shape_one_file_and_many() -> None:
    status, out, _ = cli_run("validate", "--format", "json", "-s", SCHEMA, INVALID)
    assert status == 1
    one = check_report(out)
    assert one["command"] == "validate" and one["valid"] is False
    assert one["summary"] == {
        "files": 1,
        "valid": 0,
        "invalid": 1,
        "unreadable": 0,
        "errors": 3,
        "warnings": 0,
    }
    entry = one["files"][0]
    assert entry["file"] == INVALID and entry["kind"] == "instance" and entry["schema"] == SCHEMA
    assert entry["errors"][1] == {
        "code": "INSTANCE_BOOLEAN_EXPECTED",
        "message": 'Expected a boolean, got string "yes".',
        "path": "/createContact",
        "schemaPath": "/properties/createContact/type",
        "line": 4,
        "column": 3,
        "file": INVALID,
    }
    assert isinstance(one["elapsed"], float)

    status, out, _ = cli_run("validate", "--format", "json", "-s", SCHEMA, INVALID, VALID)
    many = check_report(out)
    assert status == 1 and set(many) == set(one)
    assert [f["valid"] for f in many["files"]] == [False, True]
    assert set(many["files"][1]) == set(entry)


def test_json_report_for_ndjson_and_unreadable(tmp_path: Path) -> None:
    records = write(tmp_path / "r.ndjson", ndjson(RECORD_OK, "{nope", RECORD_BAD))
    status, out, _ = cli_run(
        "validate", "--format", "json", "-s", SCHEMA, records, str(tmp_path / "missing.json")
    )
    assert status == 2
    report = check_report(out)
    first, second = report["files"]
    assert first["kind"] == "ndjson" and first["counts"] == {"valid": 1, "invalid": 2}
    assert [(e["record"], e["line"], e["code"]) for e in first["errors"]] == [
        (2, 2, "INSTANCE_JSON_INVALID"),
        (3, 3, "INSTANCE_BOOLEAN_EXPECTED"),
    ]
    assert second["errors"][0]["code"] == "CLI_FILE_UNREADABLE"
    assert report["summary"]["unreadable"] == 1


# --- NDJSON ---------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".ndjson", ".jsonl"])
def test_ndjson_by_extension(tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path / f"records{suffix}", ndjson(RECORD_OK, "", RECORD_BAD, "not json"))
    status, out, _ = cli_run("validate", "-s", SCHEMA, path)
    assert status == 1
    lines = out.splitlines()
    column = json.dumps(RECORD_BAD).index('"createContact"') + 1
    assert lines[0] == (
        f'{path}:3:{column}: INSTANCE_BOOLEAN_EXPECTED Expected a boolean, got string "x". '
        "(at /createContact)"
    )
    # A line that is not JSON is reported with its line number, and the run goes on.
    assert re.match(rf"{re.escape(path)}:4:1: INSTANCE_JSON_INVALID ", lines[1])
    assert lines[2].startswith("1 valid, 2 invalid (")


def test_ndjson_flag_and_stdin() -> None:
    status, out, _ = cli_run("validate", "-s", SCHEMA, "--ndjson", "-", stdin=ndjson(RECORD_OK))
    assert status == 0 and out.startswith("1 valid, 0 invalid")
    bad_utf8 = b'{"id": "\xff"}\n'
    status, out, _ = cli_run("validate", "-s", SCHEMA, "--ndjson", "-", stdin=bad_utf8)
    assert status == 1 and out.startswith("<stdin>:1:9: INSTANCE_JSON_INVALID invalid UTF-8")


def test_ndjson_streams_in_constant_memory(tmp_path: Path) -> None:
    import tracemalloc

    line = json.dumps(RECORD_OK).encode() + b"\n"

    def peak(count: int) -> int:
        path = write(tmp_path / f"{count}.ndjson", line * count)
        tracemalloc.start()
        try:
            status, out, _ = cli_run("validate", "-s", SCHEMA, path)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            assert status == 0 and out.startswith(f"{count} valid, 0 invalid")

    peak(10)  # warm the caches before measuring
    small, large = peak(1500), peak(6000)  # about 3 and 12 read chunks
    assert large < small * 1.5, f"peak {small} bytes for 1500 records, {large} for 6000"


def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = write(tmp_path / "r.ndjson", ndjson(RECORD_OK, RECORD_BAD, RECORD_OK))
    monkeypatch.setattr(cli, "_PROGRESS_INTERVAL", 0.0)  # draw on every record
    tty = FakeTTY()
    status, _, _ = cli_run("validate", "-s", SCHEMA, path, stderr=tty)
    assert status == 1
    assert f"{path}: 3 records" in tty.getvalue() and "1 invalid" in tty.getvalue()
    assert tty.getvalue().endswith("\r\x1b[K")  # the display is wiped at the end
    tty = FakeTTY()
    cli_run("validate", "--no-progress", "-s", SCHEMA, path, stderr=tty)
    assert tty.getvalue() == ""
    assert cli_run("validate", "-s", SCHEMA, path)[2] == ""  # stderr not a terminal


def test_progress_redraws_at_most_five_times_a_second(tmp_path: Path) -> None:
    path = write(tmp_path / "r.ndjson", ndjson(*[RECORD_OK] * 3000))
    tty = FakeTTY()
    cli_run("validate", "-s", SCHEMA, path, stderr=tty)
    draws = tty.getvalue().count("records")
    assert draws <= 20  # 3000 records take well under four seconds


def test_jobs(tmp_path: Path) -> None:
    path = write(tmp_path / "r.ndjson", ndjson(RECORD_OK, RECORD_BAD, "{", RECORD_OK))
    try:
        import jstruct.bulk  # noqa: F401
    except ImportError:
        status, out, err = cli_run("validate", "--jobs", "2", "-s", SCHEMA, path)
        assert status == 2 and out == "" and "jstruct.bulk" in err
        return
    one = cli_run("validate", "-s", SCHEMA, path)
    two = cli_run("validate", "--jobs", "2", "-s", SCHEMA, path)
    assert one[0] == two[0] == 1
    assert one[1].splitlines()[:-1] == two[1].splitlines()[:-1]


# --- check ----------------------------------------------------------------------------------


def test_check_valid_and_invalid_schemas(tmp_path: Path) -> None:
    bad = write(
        tmp_path / "bad.struct.json",
        '{"$schema": ' + json.dumps(META) + ', "$id": "https://x/y", "name": "T",\n'
        ' "type": "object", "properties": {"a": {"type": "strin"}}}',
    )
    status, out, _ = cli_run("check", SCHEMA, bad)
    assert status == 1
    lines = out.splitlines()
    assert (
        lines[0] == f"{bad}:2:41: SCHEMA_TYPE_INVALID Unknown type 'strin'. (at /properties/a/type)"
    )
    assert lines[1].startswith("1 valid, 1 invalid (")
    assert cli_run("check", SCHEMA)[0] == 0


def test_check_warnings_are_located_and_reported_in_json(tmp_path: Path) -> None:
    schema = {
        "$schema": META,
        "$id": "https://x/w",
        "name": "T",
        "type": "object",
        "$uses": ["JSONSchemaValidation"],
        "properties": {"a": {"type": "string"}},
    }
    path = write(tmp_path / "w.struct.json", schema)
    status, out, _ = cli_run("check", path)
    assert status == 0
    assert re.match(rf"{re.escape(path)}:\d+:\d+: warning SCHEMA_USES_ALIAS ", out)
    report = check_report(cli_run("check", "--format", "json", path)[1])
    assert report["command"] == "check" and report["summary"]["warnings"] == 1
    assert report["files"][0]["warnings"][0]["line"] == 7


def test_check_text_that_is_not_json(tmp_path: Path) -> None:
    text = '{\n  "a": 1,\n}'
    path = write(tmp_path / "s.json", text)
    status, out, _ = cli_run("check", path)
    # Where a trailing comma is reported depends on the Python version's json module.
    with pytest.raises(JSONTextError) as problem:
        loads(text)
    where = f"{problem.value.line}:{problem.value.column}"
    assert status == 1 and re.match(rf"{re.escape(path)}:{where}: INSTANCE_JSON_INVALID ", out)


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "where", "code"),
    [
        (b"", "1:1", "INSTANCE_JSON_INVALID"),
        (b'{\n  "id": }', "2:9", "INSTANCE_JSON_INVALID"),
        (b'{"a": "\xc3\x28"}', "1:8", "INSTANCE_JSON_INVALID"),
        (b"\xff\xfe{\x00}\x00", "1:1", "INSTANCE_JSON_INVALID"),
        (b'{"a": 1,\n "a": 2}', "2:2", "INSTANCE_DUPLICATE_KEY"),
        (b"[NaN]", "1:2", "INSTANCE_JSON_INVALID"),
    ],
    ids=["empty", "syntax", "bad-utf8", "utf16", "duplicate-D52", "nan"],
)
def test_instance_text_problems_are_located(
    tmp_path: Path, content: bytes, where: str, code: str
) -> None:
    path = write(tmp_path / "i.json", content)
    status, out, err = cli_run("validate", "-s", SCHEMA, path)
    assert status == 1 and err == ""
    assert out.startswith(f"{path}:{where}: {code} "), out


def test_missing_file_and_directory_exit_2(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.json")
    status, out, _ = cli_run("validate", "-s", SCHEMA, missing, str(tmp_path), VALID)
    assert status == 2
    assert f"{missing}: CLI_FILE_UNREADABLE cannot read the file: No such file" in out
    assert f"{tmp_path}: CLI_FILE_UNREADABLE cannot read the file: Is a directory" in out
    assert out.splitlines()[-1].startswith("1 valid, 0 invalid, 2 unreadable")
    status, out, _ = cli_run("validate", "--ndjson", "-s", SCHEMA, str(tmp_path))
    assert status == 2 and "CLI_FILE_UNREADABLE" in out
    assert cli_run("validate", "-s", missing, VALID)[0] == 2
    assert cli_run("check", missing)[0] == 2


def test_invalid_schema_given_to_validate_exits_2(tmp_path: Path) -> None:
    bad = write(
        tmp_path / "bad.struct.json",
        {"$schema": META, "$id": "https://x/y", "type": "object", "properties": {}},
    )
    status, out, _ = cli_run("validate", "-s", bad, VALID)
    assert status == 2
    assert all(LOCATED.match(x) for x in out.splitlines()[:-1]), out
    assert out.startswith(f"{bad}:1:1: SCHEMA_")
    report = check_report(cli_run("validate", "--format", "json", "-s", bad, VALID)[1])
    assert report["files"][0]["kind"] == "schema" and report["valid"] is False
    notjson = write(tmp_path / "n.struct.json", "{")
    status, out, _ = cli_run("validate", "-s", notjson, VALID)
    assert status == 2 and out.startswith(f"{notjson}:1:2: INSTANCE_JSON_INVALID")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["validate", VALID],
        ["validate", "-s", SCHEMA],
        ["validate", "--max-errors", "0", "-s", SCHEMA, VALID],
        ["validate", "--format", "xml", "-s", SCHEMA, VALID],
        ["validate", "--color", "sometimes", "-s", SCHEMA, VALID],
        ["validate", "--import", "no-equals-sign", "-s", SCHEMA, VALID],
        ["validate", "--schema-dir", "/no/such/dir", VALID],
        ["validate", "--jobs", "2", "--schema-dir", str(EXAMPLES), VALID],
        ["validate", "--jobs", "-1", "-s", SCHEMA, VALID],
    ],
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    status, out, err = cli_run(*argv)
    assert status == 2 and out == "" and err
    assert "Traceback" not in err


def test_version_and_help() -> None:
    status, out, _ = cli_run("--version")
    assert status == 0 and out == f"jstruct {jstruct.__version__}\n"
    status, out, _ = cli_run("--help")
    assert status == 0 and "validate" in out and "conformance" in out
    status, out, _ = cli_run("validate", "--help")
    assert status == 0 and "--schema-dir" in out


def test_keyboard_interrupt_exits_130_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "loads_fast", interrupt)
    assert cli_run("validate", "-s", SCHEMA, VALID) == (130, "", "")


def test_broken_pipe_exits_quietly() -> None:
    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    status, _, err = cli_run("validate", "-s", SCHEMA, INVALID, stdout=Closed())
    assert status == 141 and err == ""


# --- --schema-dir and --import --------------------------------------------------------------


def _schema_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "schemas"
    (folder / "nested").mkdir(parents=True)
    write(folder / "nested" / "smtp.struct.json", Path(SCHEMA).read_bytes())
    write(folder / "notes.json", {"not": "a schema"})
    write(folder / "broken.json", "{")
    write(
        folder / "person.json",
        {
            "$schema": "https://json-structure.org/meta/extended/v0/#",
            "$id": "https://example.com/person",
            "name": "Person",
            "type": "object",
            "properties": {"name": {"type": "string"}},
            "required": ["name"],
        },
    )
    write(
        folder / "team.json",
        {
            "$schema": "https://json-structure.org/meta/extended/v0/#",
            "$id": "https://example.com/team",
            "name": "Team",
            "type": "object",
            "properties": {"lead": {"type": {"$ref": "#/definitions/Person"}}},
            "required": ["lead"],
            "definitions": {"$import": "https://example.com/person"},
        },
    )
    return folder


def test_schema_dir_selects_by_schema_member(tmp_path: Path) -> None:
    folder = _schema_dir(tmp_path)
    smtp_id = json.loads(Path(SCHEMA).read_text())["$id"]
    good = write(tmp_path / "good.json", {"$schema": smtp_id, **RECORD_OK})
    bad = write(tmp_path / "bad.json", {"$schema": smtp_id, **RECORD_BAD})
    status, out, _ = cli_run("validate", "--schema-dir", str(folder), good, bad)
    assert status == 1
    assert out.startswith(f"{bad}:5:3: INSTANCE_BOOLEAN_EXPECTED")
    # NDJSON records may each name their schema.
    recs = ndjson({"$schema": smtp_id, **RECORD_OK}, {"$schema": "https://example.com/person"})
    status, out, _ = cli_run("validate", "--schema-dir", str(folder), "--ndjson", "-", stdin=recs)
    assert status == 1 and "<stdin>:2:1: INSTANCE_REQUIRED_PROPERTY_MISSING" in out


def test_schema_dir_unknown_schema_exits_2(tmp_path: Path) -> None:
    folder = _schema_dir(tmp_path)
    other = write(tmp_path / "o.json", {"$schema": "https://example.com/nothing"})
    status, out, _ = cli_run("validate", "--schema-dir", str(folder), other)
    assert status == 2 and f"{other}: CLI_NO_SCHEMA " in out
    plain = write(tmp_path / "p.json", {"a": 1})
    assert cli_run("validate", "--schema-dir", str(folder), plain)[0] == 2


def test_schema_dir_resolves_imports(tmp_path: Path) -> None:
    folder = _schema_dir(tmp_path)
    team = {"$schema": "https://example.com/team", "lead": {"name": "Ada"}}
    status, out, _ = cli_run(
        "validate", "--schema-dir", str(folder), write(tmp_path / "t.json", team)
    )
    assert status == 0, out
    lost = write(tmp_path / "l.json", {"$schema": "https://example.com/team", "lead": {}})
    status, out, _ = cli_run("validate", "--schema-dir", str(folder), lost)
    assert status == 1 and "INSTANCE_REQUIRED_PROPERTY_MISSING" in out and "(at /lead)" in out
    # check resolves the same imports.
    assert cli_run("check", "--schema-dir", str(folder), str(folder / "team.json"))[0] == 0


def test_import_option(tmp_path: Path) -> None:
    folder = _schema_dir(tmp_path)
    team, person = str(folder / "team.json"), str(folder / "person.json")
    instance = write(tmp_path / "t.json", {"lead": {"name": "Ada"}})
    assert cli_run("validate", "-s", team, instance)[0] == 2  # the import is not supplied
    imported = f"https://example.com/person={person}"
    status, out, _ = cli_run("validate", "--import", imported, "-s", team, instance)
    assert status == 0, out
    status, _, err = cli_run(
        "validate", "--import", f"u={tmp_path}/none.json", "-s", team, instance
    )
    assert status == 2 and "--import" in err


# --- the real program -----------------------------------------------------------------------

ProcessResult = tuple[int, str, str]


@pytest.fixture(scope="module")
def processes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ProcessResult]:
    """A representative set of real runs, started together (each pays interpreter start-up)."""
    bad = tmp_path_factory.mktemp("process") / "bad.json"
    bad.write_bytes(b'{"a": 1, "a": 2}')
    python = [sys.executable, "-m", "jstruct"]
    runs: dict[str, tuple[list[str], bytes | None]] = {
        "text": ([*python, "validate", "-s", SCHEMA, INVALID, VALID], None),
        "json": (
            [*python, "validate", "--format", "json", "-s", SCHEMA, "-"],
            Path(VALID).read_bytes(),
        ),
        "check": ([*python, "check", "--format", "json", SCHEMA], None),
        "usage": ([*python, "validate", VALID], None),
        "bad": ([*python, "validate", "-s", SCHEMA, str(bad), str(bad) + ".missing"], None),
        "conformance": ([*python, "conformance", "--help"], None),
    }
    program = shutil.which("jstruct")
    if program is not None:
        runs["installed"] = ([program, "validate", "-s", SCHEMA, INVALID], None)
        runs["installed-version"] = ([program, "--version"], None)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = {
        name: subprocess.Popen(
            command,
            stdin=subprocess.PIPE if data is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=env,
        )
        for name, (command, data) in runs.items()
    }
    results: dict[str, ProcessResult] = {}
    for name, proc in started.items():
        out, err = proc.communicate(runs[name][1], timeout=120)
        results[name] = (proc.returncode, out.decode(), err.decode())
    results["bad-file"] = (0, str(bad), "")
    return results


def test_process_text_and_json(processes: dict[str, ProcessResult]) -> None:
    status, out, err = processes["text"]
    assert status == 1 and err == ""
    assert LOCATED.match(out.splitlines()[0]) and SUMMARY.match(out.splitlines()[-1])
    status, out, err = processes["json"]
    assert status == 0 and err == ""
    assert check_report(out)["files"][0]["file"] == "<stdin>"


def test_process_check_and_usage(processes: dict[str, ProcessResult]) -> None:
    status, out, _ = processes["check"]
    assert status == 0 and check_report(out)["valid"] is True
    status, out, err = processes["usage"]
    assert status == 2 and out == "" and "error:" in err and "Traceback" not in err


def test_process_bad_input_has_no_traceback(processes: dict[str, ProcessResult]) -> None:
    status, out, err = processes["bad"]
    bad = processes["bad-file"][1]
    assert status == 2 and "Traceback" not in out + err
    assert f"{bad}:1:10: INSTANCE_DUPLICATE_KEY" in out
    assert f"{bad}.missing: CLI_FILE_UNREADABLE" in out


def test_process_conformance_subcommand(processes: dict[str, ProcessResult]) -> None:
    status, out, err = processes["conformance"]
    try:
        import jstruct.conformance  # noqa: F401
    except ImportError:
        assert status == 2 and "jstruct.conformance" in err
        return
    assert status == 0 and "usage" in out.lower()


def test_installed_console_script(processes: dict[str, ProcessResult]) -> None:
    if "installed" not in processes:
        pytest.skip("the jstruct console script is not on PATH (pip install -e .)")
    status, out, _ = processes["installed"]
    assert status == 1 and LOCATED.match(out.splitlines()[0])
    status, out, _ = processes["installed-version"]
    assert status == 0 and out.startswith("jstruct ")


def test_process_broken_pipe_and_interrupt(tmp_path: Path) -> None:
    many = write(tmp_path / "many.ndjson", ndjson(*[RECORD_BAD] * 3000))
    command = [sys.executable, "-m", "jstruct", "validate", "-s", SCHEMA, many]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(10)
        proc.stdout.close()  # like `| head -c 10`
        err = proc.stderr.read()
        assert proc.wait(timeout=60) == 141
    assert err == b""
    # Ctrl-C while reading standard input: exit 130, no traceback. -u makes the first error
    # appear at once, which tells us the program is running (so the signal is not early).
    command = [sys.executable, "-u", "-m", "jstruct", "validate", "-s", SCHEMA, "--ndjson", "-"]
    with subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    ) as proc:
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        proc.stdin.write(ndjson(RECORD_BAD))
        proc.stdin.flush()
        assert b"INSTANCE_BOOLEAN_EXPECTED" in proc.stdout.readline()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 130
        assert proc.stderr.read() == b""


def test_pre_commit_hooks() -> None:
    yaml = pytest.importorskip("yaml", reason="PyYAML reads .pre-commit-hooks.yaml")
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert hooks["jstruct-check"]["entry"] == "jstruct check"
    assert hooks["jstruct-check"]["files"] == r"\.struct\.json$"
    assert hooks["jstruct-validate"]["entry"] == "jstruct validate"
    assert re.search(hooks["jstruct-validate"]["files"], "data/x.jsonl")
    assert "pre-commit" in (ROOT / "docs" / "cli.md").read_text()
