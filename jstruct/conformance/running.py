"""Running one case against the installed engine and judging the result."""

from __future__ import annotations

import inspect
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jstruct
from jstruct.conformance.model import MISSING, Case, Outcome
from jstruct.jsontext import JSONTextError, loads

__all__ = ["DEFAULT_SLOW_SECONDS", "Runner", "SchemaVerdict"]

# Generous on purpose: the bound is there to catch hangs and blow-ups (ReDoS, exponential
# composition), not to benchmark, so a slow CI machine must not trip it.
DEFAULT_SLOW_SECONDS = 2.0


@dataclass(frozen=True)
class SchemaVerdict:
    """What the engine made of one schema document (shared by every case that uses it)."""

    validator: jstruct.Validator | None
    accepted: bool
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    # Set when the engine misbehaved (an exception, an unsupported option, two entry points
    # disagreeing): every case on this document then fails with this message.
    problem: str | None = None
    seconds: float = 0.0

    def describe(self) -> str:
        if self.accepted:
            shown = ", ".join(sorted(set(self.warnings))) or "none"
            return f"schema accepted, warnings: {shown}"
        return "schema rejected" + (f" with {', '.join(self.errors)}" if self.errors else "")


def _crash(what: str, exc: BaseException) -> str:
    # The innermost frame says where the engine broke, which is what a maintainer needs first.
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"{what} raised {type(exc).__name__}: {exc}{where}"


def _unsupported(func: Callable[..., Any], options: Mapping[str, Any]) -> list[str]:
    """The option names ``func`` would refuse as keyword arguments."""
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return []
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return []
    usable = {
        name
        for name, p in params.items()
        if p.kind in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    }
    return sorted(set(options) - usable)


def _resolve_options(options: Mapping[str, Any], base_dir: Path | None) -> dict[str, Any]:
    """Options as the API takes them: file names in them become absolute paths.

    Case files name import targets (``imports`` values, ``import_dir``) relative to themselves
    so the suite can move as a whole; the engine resolves relative paths against the working
    directory, so they are anchored here. The engine reads the files itself: a missing or
    malformed import file is part of what the case tests (D8).
    """
    if base_dir is None:
        return dict(options)
    resolved = dict(options)
    imports = options.get("imports")
    if isinstance(imports, Mapping):
        resolved["imports"] = {
            uri: str(base_dir / target) if isinstance(target, str) else target
            for uri, target in imports.items()
        }
    import_dir = options.get("import_dir")
    if isinstance(import_dir, str):
        resolved["import_dir"] = str(base_dir / import_dir)
    return resolved


class Runner:
    """Runs cases; compiles each schema document once per runner."""

    def __init__(self, slow_seconds: float = DEFAULT_SLOW_SECONDS) -> None:
        self.slow_seconds = slow_seconds
        self._verdicts: dict[str, SchemaVerdict] = {}

    # --- schemas -------------------------------------------------------------------------------

    def verdict(self, case: Case) -> SchemaVerdict:
        cached = self._verdicts.get(case.schema_key)
        if cached is None:
            start = time.perf_counter()
            cached = self._judge_schema(case)
            cached = SchemaVerdict(
                cached.validator,
                cached.accepted,
                cached.errors,
                cached.warnings,
                cached.problem,
                time.perf_counter() - start,
            )
            self._verdicts[case.schema_key] = cached
        return cached

    def _judge_schema(self, case: Case) -> SchemaVerdict:
        if case.schema_load_error is not None:
            code, _message = case.schema_load_error
            # Not JSON at all: rejected before any engine sees it, as any loader would.
            return SchemaVerdict(None, False, (code,))
        refused = _unsupported(jstruct.compile, case.options)
        if refused:
            return SchemaVerdict(
                None,
                False,
                problem=f"jstruct.compile() does not accept the option(s) {', '.join(refused)} "
                "that this case needs",
            )
        options = _resolve_options(case.options, case.base_dir)
        try:
            validator = jstruct.compile(case.schema, **options)
        except jstruct.SchemaError as exc:
            verdict = SchemaVerdict(
                None,
                False,
                tuple(e.code for e in exc.errors),
                tuple(e.code for e in exc.warnings),
            )
        except Exception as exc:  # a crash is a finding, not the end of the run
            return SchemaVerdict(None, False, problem=_crash("jstruct.compile()", exc))
        else:
            verdict = SchemaVerdict(validator, True, (), tuple(e.code for e in validator.warnings))
        return self._cross_check(case, verdict, options)

    def _cross_check(
        self, case: Case, verdict: SchemaVerdict, options: Mapping[str, Any]
    ) -> SchemaVerdict:
        """``check_schema`` must tell the same story as ``compile`` about the same document."""
        if _unsupported(jstruct.check_schema, options):
            # check_schema cannot be given the options (imports, ...), so its answer would be
            # about a different question; compile's verdict stands alone.
            return verdict
        try:
            report = jstruct.check_schema(case.schema, **options)
        except Exception as exc:
            return _with_problem(verdict, _crash("jstruct.check_schema()", exc))
        if report.valid != verdict.accepted:
            return _with_problem(
                verdict,
                f"check_schema() says valid={report.valid} but compile() "
                f"{'accepted' if verdict.accepted else 'rejected'} the document",
            )
        if sorted(e.code for e in report.warnings) != sorted(verdict.warnings):
            return _with_problem(
                verdict,
                "check_schema() and compile() report different warnings: "
                f"{sorted(e.code for e in report.warnings)} vs {sorted(verdict.warnings)}",
            )
        return verdict

    # --- cases ---------------------------------------------------------------------------------

    def run(self, case: Case) -> Outcome:
        start = time.perf_counter()
        outcome = self._run(case)
        seconds = time.perf_counter() - start
        return Outcome(
            case,
            outcome.status,
            outcome.actual,
            outcome.detail,
            outcome.codes,
            seconds,
            seconds > self.slow_seconds,
        )

    def _run(self, case: Case) -> Outcome:
        if case.broken is not None:
            return Outcome(case, "failed", "broken case", case.broken)
        if case.skip is not None:
            return Outcome(case, "skipped", "not run", case.skip)
        verdict = self.verdict(case)
        if verdict.problem is not None:
            return Outcome(case, "failed", "engine error", verdict.problem, verdict.errors)
        if case.kind == "schema":
            return self._judge_schema_case(case, verdict)
        return self._judge_instance_case(case, verdict)

    def _judge_schema_case(self, case: Case, verdict: SchemaVerdict) -> Outcome:
        codes = verdict.errors if not verdict.accepted else verdict.warnings
        actual = verdict.describe()
        if case.schema_valid is None:
            return Outcome(case, "passed", actual, codes=codes)
        if case.schema_valid != verdict.accepted:
            return Outcome(case, "failed", actual, "wrong verdict on the document", codes)
        if not verdict.accepted:
            missing = [c for c in case.errors if c not in verdict.errors]
            if missing:
                return Outcome(case, "failed", actual, f"missing error code(s) {missing}", codes)
        elif case.warnings is not None and set(verdict.warnings) != case.warnings:
            return Outcome(case, "failed", actual, "different warning codes", codes)
        return Outcome(case, "passed", actual, codes=codes)

    def _judge_instance_case(self, case: Case, verdict: SchemaVerdict) -> Outcome:
        if not verdict.accepted or verdict.validator is None:
            actual = verdict.describe() + "; instance not validated"
            if case.valid is None:
                # Adversarial data only asks that nothing breaks; a rejected schema is fine.
                return Outcome(case, "passed", actual, codes=verdict.errors)
            return Outcome(case, "failed", actual, "the schema was rejected", verdict.errors)
        data = case.data
        if case.data_text is not None:
            try:
                data = loads(case.data_text)
            except JSONTextError as exc:
                return self._compare(case, False, (exc.code,), {exc.code: {exc.pointer}})
            except Exception as exc:
                return Outcome(case, "failed", "crash", _crash("jstruct.jsontext.loads()", exc))
        if data is MISSING:
            return Outcome(case, "failed", "broken case", "the case has no instance")
        validator = verdict.validator
        try:
            result = validator.validate(data)
        except Exception as exc:
            return Outcome(case, "failed", "crash", _crash("Validator.validate()", exc))
        try:
            fast = validator.is_valid(data)
        except Exception as exc:
            return Outcome(case, "failed", "crash", _crash("Validator.is_valid()", exc))
        codes = tuple(e.code for e in result.errors)
        if fast is not result.valid:
            return Outcome(
                case,
                "failed",
                f"is_valid()={fast}, validate().valid={result.valid}",
                "the boolean fast path disagrees with validate()",
                codes,
            )
        paths: dict[str, set[str]] = {}
        for error in result.errors:
            paths.setdefault(error.code, set()).add(error.path)
        return self._compare(case, result.valid, codes, paths)

    def _compare(
        self, case: Case, valid: bool, codes: tuple[str, ...], paths: Mapping[str, set[str]]
    ) -> Outcome:
        actual = "instance valid" if valid else "instance invalid"
        if case.valid is None:
            return Outcome(case, "passed", actual, codes=codes)
        if valid != case.valid:
            return Outcome(case, "failed", actual, "wrong verdict on the instance", codes)
        if not valid and case.error is not None:
            if case.error not in codes:
                return Outcome(case, "failed", actual, f"no {case.error} among the errors", codes)
            if case.path is not None and case.path not in paths.get(case.error, set()):
                found = sorted(paths.get(case.error, set()))
                return Outcome(
                    case,
                    "failed",
                    actual,
                    f"{case.error} reported at {found}, not at {case.path!r}",
                    codes,
                )
        return Outcome(case, "passed", actual, codes=codes)


def _with_problem(verdict: SchemaVerdict, problem: str) -> SchemaVerdict:
    return SchemaVerdict(
        verdict.validator, verdict.accepted, verdict.errors, verdict.warnings, problem
    )
