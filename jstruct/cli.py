"""The ``jstruct`` command line: check schemas, validate instances, run the conformance suite.

``main()`` is the console script; ``run()`` does the work on streams it is given, so tests can
drive it in-process. Exit status: 0 all valid, 1 something invalid, 2 usage error, unreadable
file, or an unusable schema given to ``validate``. See ``docs/cli.md`` for the report shapes.
"""

from __future__ import annotations

import argparse
import inspect
import io
import json
import os
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO, NoReturn, Protocol

import jstruct
from jstruct.errors import Error, SchemaError
from jstruct.jsontext import JSONTextError, Locator, decode_text, iter_ndjson, loads_fast
from jstruct.schema.meta import meta_features
from jstruct.validator import Validator

__all__ = ["main", "run"]

# Codes for problems the command line finds itself (the library's codes cover the rest).
FILE_UNREADABLE = "CLI_FILE_UNREADABLE"
NO_SCHEMA = "CLI_NO_SCHEMA"
SCHEMA_UNUSABLE = "CLI_SCHEMA_INVALID"

REPORT_VERSION = 1
STDIN_NAME = "<stdin>"
_NDJSON_SUFFIXES = (".ndjson", ".jsonl")
_PROGRESS_INTERVAL = 0.2  # seconds between redraws: at most five a second
_EXIT_USAGE = 2
_EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for Ctrl-C
_EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as if the pipe had killed us


class _UsageError(Exception):
    """A bad command line (argparse's own complaints go through it too)."""


class _ParserExit(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


@dataclass(frozen=True)
class _Streams:
    stdout: IO[str]
    stderr: IO[str]


class _Parser(argparse.ArgumentParser):
    """argparse writing to the streams ``run()`` was given and raising instead of exiting."""

    def __init__(self, *args: Any, streams: _Streams, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.streams = streams

    def _print_message(self, message: str, file: IO[str] | None = None) -> None:
        if message:
            # argparse names sys.stdout / sys.stderr itself; map them onto run()'s streams.
            target = self.streams.stderr if file is sys.stderr else self.streams.stdout
            target.write(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self.streams.stderr.write(message)
        raise _ParserExit(status)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise _UsageError(message)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (one per core) or more, got {value}")
    return value


def _build_parser(streams: _Streams) -> _Parser:
    common = _Parser(add_help=False, streams=streams)
    common.add_argument("--format", choices=("text", "json"), default="text")
    common.add_argument(
        "-q", "--quiet", action="store_true", help="print nothing; exit status only"
    )
    common.add_argument(
        "--max-errors", type=_positive_int, metavar="N", help="report at most N errors per document"
    )
    common.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    common.add_argument("--no-progress", action="store_true", help="no progress display on stderr")
    common.add_argument(
        "--schema-dir",
        type=Path,
        metavar="DIR",
        help="index the schema documents under DIR by $id (for $schema and $import)",
    )
    common.add_argument(
        "--import",
        dest="imports",
        action="append",
        default=[],
        metavar="URI=FILE",
        help="make FILE the document $import of URI resolves to (repeatable)",
    )

    parser = _Parser(
        prog="jstruct", description="A strict JSON Structure validator.", streams=streams
    )
    parser.add_argument("--version", action="version", version=f"jstruct {jstruct.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser(
        "check", parents=[common], help="check schema documents", streams=streams
    )
    check.add_argument("files", nargs="+", metavar="SCHEMA")

    validate = commands.add_parser(
        "validate", parents=[common], help="validate instance documents", streams=streams
    )
    validate.add_argument("-s", "--schema", metavar="SCHEMA", help="the schema document")
    validate.add_argument(
        "files", nargs="+", metavar="INSTANCE", help="instance files; - reads standard input"
    )
    validate.add_argument(
        "--ndjson",
        action="store_true",
        help="every file is NDJSON / JSON Lines (implied by .ndjson and .jsonl)",
    )
    validate.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="worker processes for NDJSON (0: one per core)",
    )

    # Listed for --help only: run() hands "conformance" and what follows to jstruct.conformance.
    commands.add_parser(
        "conformance",
        help="run the conformance suite (see jstruct conformance --help)",
        add_help=False,
        streams=streams,
    )
    return parser


# --- reading documents ------------------------------------------------------------------------


@dataclass
class _Document:
    """A JSON document read from a file, with its text kept for locating errors."""

    name: str
    raw: bytes
    value: Any
    _locator: Locator | None = None

    @property
    def locator(self) -> Locator:
        if self._locator is None:
            # Decoding again costs less than keeping text for documents that turn out valid.
            self._locator = Locator(decode_text(self.raw))
        return self._locator


class _Unreadable(Exception):
    def __init__(self, error: Error) -> None:
        super().__init__(error.message)
        self.error = error


def _read_bytes(name: str, stdin: BinaryIO) -> bytes:
    if name == "-":
        return stdin.read()
    try:
        with open(name, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise _Unreadable(_unreadable(exc)) from None


def _unreadable(exc: OSError) -> Error:
    reason = exc.strerror or str(exc)
    return Error(FILE_UNREADABLE, f"cannot read the file: {reason}.")


def _located(
    errors: Sequence[Error], locator: Locator, limit: int | None, first_line: int = 1
) -> list[Error]:
    """``errors`` with text locations; only the first ``limit`` (those shown) are located."""
    shown = len(errors) if limit is None else limit
    return locator.place(errors[:shown], first_line) + list(errors[shown:])


def _display_name(name: str) -> str:
    return STDIN_NAME if name == "-" else name


# --- reports ------------------------------------------------------------------------------------


class _Reporter(Protocol):
    def begin_file(self, name: str, kind: str, schema: str | None) -> None: ...
    def error(self, name: str, error: Error, record: int | None = None) -> None: ...
    def warning(self, name: str, warning: Error) -> None: ...
    def omitted(self, name: str, count: int, record: int | None = None) -> None: ...
    def end_file(self, valid: bool, counts: dict[str, int]) -> None: ...
    def finish(self, summary: dict[str, int], elapsed: float, valid: bool) -> None: ...


class _Quiet:
    def begin_file(self, name: str, kind: str, schema: str | None) -> None:
        pass

    def error(self, name: str, error: Error, record: int | None = None) -> None:
        pass

    def warning(self, name: str, warning: Error) -> None:
        pass

    def omitted(self, name: str, count: int, record: int | None = None) -> None:
        pass

    def end_file(self, valid: bool, counts: dict[str, int]) -> None:
        pass

    def finish(self, summary: dict[str, int], elapsed: float, valid: bool) -> None:
        pass


class _Style:
    """ANSI styling, or none."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text


class _TextReport:
    """``FILE:LINE:COLUMN: CODE message (at POINTER)`` lines and a summary line."""

    def __init__(self, out: IO[str], style: _Style, progress: _Progress) -> None:
        self.out = out
        self.style = style
        self.progress = progress

    def begin_file(self, name: str, kind: str, schema: str | None) -> None:
        pass

    def _line(self, name: str, error: Error, label: str, color: str) -> None:
        self.progress.clear()  # a half-drawn progress line would garble the terminal
        where = name
        if error.line is not None:
            where += f":{error.line}" if error.column is None else f":{error.line}:{error.column}"
        code = self.style(label + error.code, color)
        text = f"{self.style(where, '1')}: {code} {error.message}"
        if error.line is not None or error.path:
            # Problems with a file as a whole (unreadable, no schema) point at nothing inside it.
            text += f" (at {error.path if error.path else '(root)'})"
        self.out.write(text + "\n")

    def error(self, name: str, error: Error, record: int | None = None) -> None:
        self._line(name, error, "", "31")

    def warning(self, name: str, warning: Error) -> None:
        self._line(name, warning, "warning ", "33")

    def omitted(self, name: str, count: int, record: int | None = None) -> None:
        where = name if record is None else f"{name}:{record}"
        self.out.write(f"{where}: {count} more error(s) not shown (--max-errors)\n")

    def end_file(self, valid: bool, counts: dict[str, int]) -> None:
        pass

    def finish(self, summary: dict[str, int], elapsed: float, valid: bool) -> None:
        text = f"{summary['valid']} valid, {summary['invalid']} invalid"
        if summary["unreadable"]:
            text += f", {summary['unreadable']} unreadable"
        text += f" ({elapsed:.2f} s)"
        self.out.write(self.style(text, "32" if valid else "31") + "\n")


class _JsonReport:
    """One report object, written as results arrive so NDJSON runs keep constant memory."""

    def __init__(self, out: IO[str], command: str) -> None:
        self.out = out
        self.files = 0
        self.items = 0
        self.warnings: list[dict[str, Any]] = []
        self.omitted_errors = 0
        head = {"report": "jstruct", "version": REPORT_VERSION, "command": command}
        out.write(json.dumps(head)[:-1] + ', "files": [')

    def begin_file(self, name: str, kind: str, schema: str | None) -> None:
        head = {"file": name, "kind": kind, "schema": schema}
        self.out.write(("," if self.files else "") + "\n  " + json.dumps(head)[:-1])
        self.out.write(', "errors": [')
        self.files += 1
        self.items = 0
        self.warnings = []
        self.omitted_errors = 0

    def error(self, name: str, error: Error, record: int | None = None) -> None:
        entry = error.to_dict()
        entry["file"] = name
        if record is not None:
            entry["record"] = record
        self.out.write(("," if self.items else "") + "\n    " + json.dumps(entry))
        self.items += 1

    def warning(self, name: str, warning: Error) -> None:
        entry = warning.to_dict()
        entry["file"] = name
        self.warnings.append(entry)

    def omitted(self, name: str, count: int, record: int | None = None) -> None:
        self.omitted_errors += count

    def end_file(self, valid: bool, counts: dict[str, int]) -> None:
        tail = {
            "warnings": self.warnings,
            "omittedErrors": self.omitted_errors,
            "valid": valid,
            "counts": counts,
        }
        self.out.write(("\n  " if self.items else "") + "], " + json.dumps(tail)[1:])

    def finish(self, summary: dict[str, int], elapsed: float, valid: bool) -> None:
        tail = {"summary": summary, "valid": valid, "elapsed": round(elapsed, 6)}
        self.out.write(("\n" if self.files else "") + "], " + json.dumps(tail)[1:] + "\n")


class _Progress:
    """A one-line count of NDJSON records on stderr, redrawn at most five times a second."""

    def __init__(self, stream: IO[str], enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.shown = False
        self.name = ""
        self.start = 0.0
        self.next_draw = 0.0

    def begin(self, name: str) -> None:
        self.name = name
        self.start = time.monotonic()
        self.next_draw = self.start + _PROGRESS_INTERVAL

    def tick(self, done: int, invalid: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now < self.next_draw:
            return
        self.next_draw = now + _PROGRESS_INTERVAL
        rate = done / max(now - self.start, 1e-9)
        self.stream.write(f"\r\x1b[K{self.name}: {done} records, {rate:,.0f}/s, {invalid} invalid")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _is_tty(stream: IO[str]) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or not a real file
        return False


# --- schemas ------------------------------------------------------------------------------------


def _compile_accepts_imports() -> bool:
    try:
        return "imports" in inspect.signature(jstruct.compile).parameters
    except (TypeError, ValueError):
        return False


@dataclass
class _Schemas:
    """The schema given with ``-s``, the ``--schema-dir`` index, and ``--import`` documents."""

    index: dict[str, _Document] = field(default_factory=dict)
    imports: dict[str, Any] = field(default_factory=dict)
    validators: dict[str, Validator | None] = field(default_factory=dict)

    import_dir: Path | None = None

    def compile(self, document: _Document) -> Validator:
        if (self.imports or self.import_dir) and _compile_accepts_imports():
            return jstruct.compile(document.value, imports=self.imports, import_dir=self.import_dir)
        return jstruct.compile(document.value)

    def lookup(self, instance: Any) -> _Document | None:
        if type(instance) is not dict:
            return None
        uri = instance.get("$schema")
        if not isinstance(uri, str):
            return None
        return self.index.get(uri) or self.index.get(uri.rstrip("#"))


def _is_schema_document(value: Any) -> bool:
    if type(value) is not dict:
        return False
    meta, uri = value.get("$schema"), value.get("$id")
    return isinstance(meta, str) and meta_features(meta) is not None and isinstance(uri, str)


def _index_schema_dir(directory: Path, schemas: _Schemas, stderr: IO[str]) -> None:
    if not directory.is_dir():
        raise _UsageError(f"--schema-dir: {directory} is not a directory")
    # Relative $import references of the indexed schemas are files of the same folder.
    schemas.import_dir = directory
    for path in sorted(directory.rglob("*.json")):
        try:
            raw = path.read_bytes()
            value = loads_fast(raw)
        except (OSError, JSONTextError):
            continue  # not a schema document; the folder may hold instances too
        if not _is_schema_document(value):
            continue
        uri = value["$id"]
        if uri in schemas.index:
            stderr.write(
                f"jstruct: {path} has the $id of {schemas.index[uri].name}; the latter is used\n"
            )
            continue
        schemas.index[uri] = _Document(str(path), raw, value)
        schemas.imports[uri] = value


def _add_imports(specs: Sequence[str], schemas: _Schemas, stdin: BinaryIO) -> None:
    if specs and not _compile_accepts_imports():
        raise _UsageError("--import needs import support in jstruct.compile(imports=...)")
    for spec in specs:
        uri, sep, name = spec.partition("=")
        if not sep or not uri or not name:
            raise _UsageError(f"--import wants URI=FILE, got {spec!r}")
        try:
            value = loads_fast(_read_bytes(name, stdin))
        except _Unreadable as exc:
            raise _UsageError(f"--import {name}: {exc.error.message}") from None
        except JSONTextError as exc:
            raise _UsageError(f"--import {name}: {exc}") from None
        schemas.imports[uri] = value


# --- the run ----------------------------------------------------------------------------------


@dataclass
class _Tally:
    valid: int = 0
    invalid: int = 0
    unreadable: int = 0
    errors: int = 0
    warnings: int = 0
    files: int = 0
    unusable_schema: bool = False

    def summary(self) -> dict[str, int]:
        return {
            "files": self.files,
            "valid": self.valid,
            "invalid": self.invalid,
            "unreadable": self.unreadable,
            "errors": self.errors,
            "warnings": self.warnings,
        }

    def exit_status(self) -> int:
        if self.unreadable or self.unusable_schema:
            return _EXIT_USAGE
        return 1 if self.invalid else 0


class _Session:
    def __init__(
        self,
        args: argparse.Namespace,
        stdin: BinaryIO,
        streams: _Streams,
        env: Mapping[str, str],
        schemas: _Schemas,
    ) -> None:
        self.args = args
        self.stdin = stdin
        self.stderr = streams.stderr
        self.tally = _Tally()
        quiet = args.quiet
        self.progress = _Progress(
            streams.stderr, not (quiet or args.no_progress) and _is_tty(streams.stderr)
        )
        self.report: _Reporter
        if quiet:
            self.report = _Quiet()
        elif args.format == "json":
            self.report = _JsonReport(streams.stdout, args.command)
        else:
            # NO_COLOR per no-color.org: set to a non-empty value, it turns colour off.
            colour = args.color == "always" or (
                args.color == "auto" and _is_tty(streams.stdout) and not env.get("NO_COLOR")
            )
            self.report = _TextReport(streams.stdout, _Style(colour), self.progress)
        self.max_errors: int | None = args.max_errors
        self.schemas = schemas

    def _errors(self, name: str, errors: Sequence[Error], record: int | None = None) -> None:
        shown = errors if self.max_errors is None else errors[: self.max_errors]
        for error in shown:
            self.report.error(name, error, record)
        self.tally.errors += len(shown)
        if len(errors) > len(shown):
            self.report.omitted(name, len(errors) - len(shown), record)

    def _unreadable_file(self, name: str, kind: str, error: Error) -> None:
        self.report.begin_file(name, kind, None)
        self._errors(name, [error])
        self.report.end_file(False, {"valid": 0, "invalid": 0})
        self.tally.unreadable += 1

    def _load(self, name: str, kind: str) -> _Document | None:
        """The document in ``name``; None (reported) when it cannot be read."""
        display = _display_name(name)
        try:
            raw = _read_bytes(name, self.stdin)
        except _Unreadable as exc:
            self._unreadable_file(display, kind, exc.error)
            return None
        return _Document(display, raw, None)

    def _parse(self, document: _Document) -> JSONTextError | None:
        try:
            document.value = loads_fast(document.raw)
        except JSONTextError as exc:
            return exc
        return None

    def finish(self, started: float) -> int:
        self.progress.clear()
        tally = self.tally
        status = tally.exit_status()
        self.report.finish(tally.summary(), time.perf_counter() - started, status == 0)
        return status

    # --- check --------------------------------------------------------------------------------

    def check(self) -> None:
        for name in self.args.files:
            document = self._load(name, "schema")
            if document is None:
                continue
            self.tally.files += 1
            self.report.begin_file(document.name, "schema", None)
            problem = self._parse(document)
            if problem is not None:
                errors: Sequence[Error] = [problem.to_error()]
                warnings: Sequence[Error] = ()
            else:
                errors, warnings = self._check_document(document)
                errors = _located(errors, document.locator, self.max_errors)
                warnings = _located(warnings, document.locator, None)
            self._errors(document.name, errors)
            for warning in warnings:
                self.report.warning(document.name, warning)
            self.tally.warnings += len(warnings)
            valid = not errors
            self._count(valid)
            self.report.end_file(valid, {"valid": int(valid), "invalid": int(not valid)})

    def _check_document(self, document: _Document) -> tuple[Sequence[Error], Sequence[Error]]:
        if (self.schemas.imports or self.schemas.import_dir) and _compile_accepts_imports():
            # check_schema() has no imports; compiling resolves $import the way validate would.
            try:
                validator = self.schemas.compile(document)
            except SchemaError as exc:
                return exc.errors, exc.warnings
            return (), validator.warnings
        report = jstruct.check_schema(document.value)
        return report.errors, report.warnings

    def _count(self, valid: bool) -> None:
        if valid:
            self.tally.valid += 1
        else:
            self.tally.invalid += 1

    # --- validate -----------------------------------------------------------------------------

    def _schema_validator(self, document: _Document) -> Validator | None:
        """The compiled schema; None after reporting it (once) when it is not usable."""
        cache = self.schemas.validators
        if document.name in cache:
            return cache[document.name]
        validator: Validator | None = None
        errors: Sequence[Error] = ()
        if document.value is None:
            problem = self._parse(document)
            if problem is not None:
                errors = [problem.to_error()]
        if not errors:
            try:
                validator = self.schemas.compile(document)
            except SchemaError as exc:
                errors = _located(exc.errors, document.locator, self.max_errors)
        cache[document.name] = validator
        if validator is None:
            self.tally.unusable_schema = True
            self.report.begin_file(document.name, "schema", None)
            self._errors(document.name, errors)
            self.report.end_file(False, {"valid": 0, "invalid": 1})
        return validator

    def validate(self) -> None:
        args = self.args
        fixed: _Document | None = None
        if args.schema is not None:
            fixed = self._load(args.schema, "schema")
            if fixed is None or self._schema_validator(fixed) is None:
                return  # nothing can be validated against a schema that is not there
        for name in args.files:
            ndjson = args.ndjson or name.lower().endswith(_NDJSON_SUFFIXES)
            if ndjson:
                self._validate_ndjson(name, fixed)
            else:
                self._validate_file(name, fixed)

    def _pick(self, fixed: _Document | None, value: Any) -> tuple[_Document | None, Error | None]:
        if fixed is not None:
            return fixed, None
        document = self.schemas.lookup(value)
        if document is not None:
            return document, None
        uri = value.get("$schema") if type(value) is dict else None
        why = (
            f"its $schema {uri!r} is not the $id of a schema in --schema-dir"
            if isinstance(uri, str)
            else "it names no schema ($schema) and no --schema was given"
        )
        return None, Error(NO_SCHEMA, f"No schema to validate against: {why}.")

    def _validate_file(self, name: str, fixed: _Document | None) -> None:
        document = self._load(name, "instance")
        if document is None:
            return
        self.tally.files += 1
        problem = self._parse(document)
        schema_doc, missing = (None, None) if problem else self._pick(fixed, document.value)
        self.report.begin_file(document.name, "instance", schema_doc.name if schema_doc else None)
        errors: Sequence[Error]
        if problem is not None:
            errors = [problem.to_error()]
        elif missing is not None:
            errors = [missing]
            self.tally.unusable_schema = True
        else:
            assert schema_doc is not None
            validator = self._schema_validator(schema_doc)
            if validator is None:
                errors = [Error(SCHEMA_UNUSABLE, f"The schema {schema_doc.name} is not valid.")]
            else:
                errors = validator.validate(document.value).errors
                if errors:
                    # Locations are computed here only, for instances that failed.
                    errors = _located(errors, document.locator, self.max_errors)
        self._errors(document.name, errors)
        valid = not errors
        self._count(valid)
        self.report.end_file(valid, {"valid": int(valid), "invalid": int(not valid)})

    def _open_binary(self, name: str) -> BinaryIO:
        if name == "-":
            return self.stdin
        try:
            return open(name, "rb")
        except OSError as exc:
            raise _Unreadable(_unreadable(exc)) from None

    def _validate_ndjson(self, name: str, fixed: _Document | None) -> None:
        display = _display_name(name)
        try:
            stream = self._open_binary(name)
        except _Unreadable as exc:
            self._unreadable_file(display, "ndjson", exc.error)
            return
        self.tally.files += 1
        self.report.begin_file(display, "ndjson", fixed.name if fixed else None)
        self.progress.begin(display)
        try:
            if self.args.jobs != 1:
                assert fixed is not None
                valid, invalid = self._ndjson_bulk(display, stream, fixed)
            else:
                valid, invalid = self._ndjson_records(display, stream, fixed)
        except OSError as exc:  # a directory opens but cannot be read, and disks fail
            self.progress.clear()
            self._errors(display, [_unreadable(exc)])
            self.tally.unreadable += 1
            self.report.end_file(False, {"valid": 0, "invalid": 0})
            return
        finally:
            if stream is not self.stdin:
                stream.close()
        self.progress.clear()
        self.tally.valid += valid
        self.tally.invalid += invalid
        self.report.end_file(invalid == 0, {"valid": valid, "invalid": invalid})

    def _ndjson_records(
        self, name: str, stream: BinaryIO, fixed: _Document | None
    ) -> tuple[int, int]:
        valid = invalid = 0
        for number, line in iter_ndjson(stream):
            errors = self._record_errors(number, line, fixed)
            if errors:
                invalid += 1
                self._errors(name, errors, number)
            else:
                valid += 1
            self.progress.tick(valid + invalid, invalid)
        return valid, invalid

    def _record_errors(self, number: int, line: bytes, fixed: _Document | None) -> Sequence[Error]:
        try:
            value = loads_fast(line)
        except JSONTextError as exc:
            # Within a record the text is one line: its line number is the record's.
            return [exc.to_error(number)]
        schema_doc, missing = self._pick(fixed, value)
        if missing is not None:
            self.tally.unusable_schema = True
            return [missing]
        assert schema_doc is not None
        validator = self._schema_validator(schema_doc)
        if validator is None:
            return [Error(SCHEMA_UNUSABLE, f"The schema {schema_doc.name} is not valid.")]
        errors = validator.validate(value).errors
        if not errors:
            return ()
        # A record is one line: its errors are on the record's line.
        return _located(errors, Locator(decode_text(line)), self.max_errors, number)

    def _ndjson_bulk(self, name: str, stream: BinaryIO, fixed: _Document) -> tuple[int, int]:
        from jstruct import bulk  # present: _check_usage() made sure

        validator = self._schema_validator(fixed)
        assert validator is not None  # validate() returned early otherwise
        valid = invalid = 0
        for item in bulk.validate_ndjson(validator, stream, jobs=self.args.jobs):
            errors = getattr(item, "errors", None)
            if errors is None:
                errors = item.result.errors
            if errors:
                invalid += 1
                self._errors(name, list(errors), item.line)
            else:
                valid += 1
            self.progress.tick(valid + invalid, invalid)
        return valid, invalid


def _check_usage(args: argparse.Namespace) -> None:
    """Problems with the command line as a whole, found before any output is written."""
    if args.command != "validate":
        return
    if args.schema is None and args.schema_dir is None:
        raise _UsageError("validate needs --schema SCHEMA (or --schema-dir DIR)")
    if args.jobs != 1:
        if args.schema is None:
            raise _UsageError("--jobs needs --schema: workers validate against one schema")
        try:
            from jstruct import bulk  # noqa: F401 - written alongside; absent in older trees
        except ImportError:
            raise _UsageError("--jobs needs jstruct.bulk, which this installation lacks") from None


def _binary_stdin(stdin: IO[Any]) -> BinaryIO:
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        return buffer  # type: ignore[no-any-return]
    if isinstance(stdin, io.TextIOBase):
        # An in-memory text stream (tests): hand its text over as UTF-8 bytes.
        return io.BytesIO(stdin.read().encode())
    return stdin  # type: ignore[return-value]


def _conformance(argv: list[str], streams: _Streams) -> int:
    try:
        from jstruct import conformance  # written alongside; absent in older trees
    except ImportError:
        streams.stderr.write(
            "jstruct: error: the conformance command needs jstruct.conformance, "
            "which this installation lacks\n"
        )
        return _EXIT_USAGE
    return int(conformance.main(argv, streams.stdout, streams.stderr))


def run(
    argv: Sequence[str] | None,
    stdin: IO[Any],
    stdout: IO[str],
    stderr: IO[str],
    *,
    env: Mapping[str, str] | None = None,
) -> int:
    """Run the command line ``argv`` (without the program name) on the given streams."""
    argv = list(sys.argv[1:] if argv is None else argv)
    streams = _Streams(stdout, stderr)
    try:
        if argv and argv[0] == "conformance":
            return _conformance(argv[1:], streams)
        parser = _build_parser(streams)
        try:
            args = parser.parse_args(argv)
        except _ParserExit as exc:
            return exc.status
        except _UsageError as exc:
            stderr.write(f"jstruct: error: {exc}\n")
            return _EXIT_USAGE
        started = time.perf_counter()
        binary_stdin = _binary_stdin(stdin)
        schemas = _Schemas()
        try:
            _check_usage(args)
            if args.schema_dir is not None:
                _index_schema_dir(args.schema_dir, schemas, stderr)
            _add_imports(args.imports, schemas, binary_stdin)
        except _UsageError as exc:
            stderr.write(f"jstruct: error: {exc}\n")
            return _EXIT_USAGE
        session = _Session(args, binary_stdin, streams, os.environ if env is None else env, schemas)
        if args.command == "check":
            session.check()
        else:
            session.validate()
        status = session.finish(started)
        stdout.flush()
        return status
    except KeyboardInterrupt:
        return _EXIT_INTERRUPTED
    except BrokenPipeError:
        return _EXIT_BROKEN_PIPE


def main(argv: Sequence[str] | None = None) -> int:
    """The console script."""
    status = run(argv, sys.stdin, sys.stdout, sys.stderr)
    if status == _EXIT_BROKEN_PIPE:
        # Python flushes stdout at exit and would complain about the closed pipe again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return status
