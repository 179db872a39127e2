"""The README tells the truth: its quick start runs as written."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def quick_start() -> str:
    return README.split("## Quick start", 1)[1].split("\n## ", 1)[0]


def test_python_quick_start_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    (code,) = re.findall(r"```python\n(.*?)```", quick_start(), flags=re.DOTALL)
    monkeypatch.chdir(REPO)
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})


def test_command_line_quick_start_runs() -> None:
    (console,) = re.findall(r"```console\n(.*?)```", quick_start(), flags=re.DOTALL)
    install, command = console.strip().splitlines()
    assert install == "python3 -m pip install ."
    argv = shlex.split(command)
    assert argv[0] == "jstruct"
    installed = shutil.which("jstruct")
    program = [installed] if installed else [sys.executable, "-m", "jstruct"]
    done = subprocess.run(program + argv[1:], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.strip().splitlines()
    located = [line for line in lines if line.startswith("examples/smtp-token-invalid.json:")]
    assert len(located) == 3
    assert re.match(r"examples/smtp-token-invalid\.json:\d+:\d+: INSTANCE_", located[0])
    assert re.match(r"1 valid, 1 invalid \(", lines[-1])


def test_ci_runs_the_readme_test_command() -> None:
    (command,) = re.findall(r"```console\n(python3 -m pip install '\.\[test\]'.*?)\n```", README)
    _, test = command.split(" && ")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pip install" in ci and "'.[test]'" in ci
    assert test in ci.splitlines()
