"""Writing to a standard output that is gone, and a step summary that cannot be written.

Issue #12, class 7: `>/dev/full`, a closed stdout and a pipe whose reader left gave
tracebacks (and turned a passing check into exit 1). Each is exit 2: a full disk or a closed
stdout with one line on stderr, a broken pipe quietly (the reader chose to stop).
Run as real processes: the test runner's captured streams cannot break like these.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA
from woonbod.cli import app

ROUND = str(DATA / "rondes" / "2022-06-indicatief")
COMMANDS = {
    "validate": ["validate", str(DATA)],
    "check": ["check", str(DATA), "--as-of", "2022-09-01"],
    "total": ["total", str(DATA), "-s", "all"],
    "status": ["status", str(DATA), "--as-of", "2022-09-01"],
    "gaps": ["gaps", str(DATA), "--as-of", "2022-09-01"],
    "knelpunten": ["knelpunten", str(DATA)],
    "schema": ["schema"],
    "init": ["init", "utrecht"],
    "report": ["report", str(DATA), "--as-of", "2022-09-01"],
    "export": ["export", str(DATA), "-f", "csv", "--as-of", "2022-09-01"],
    "diff": ["diff", ROUND, str(DATA)],
    "help": ["--help"],
}
ENV = {
    **{k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")},
    "NO_COLOR": "1",
}


def _woonbod(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-c", "from woonbod.cli import main; main()", *args],
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        env=ENV,
        timeout=120,
        **kwargs,
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_disk_exits_2_with_one_line(command: str) -> None:
    with Path("/dev/full").open("w") as full:
        done = _woonbod(COMMANDS[command], stdout=full)
    assert done.returncode == 2
    assert done.stderr.endswith("woonbod: cannot write to standard output: No space left on device\n")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_a_pipe_whose_reader_left_exits_2_quietly(command: str) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line: `| head -0`, deterministically
    try:
        done = _woonbod(COMMANDS[command], stdout=write)
    finally:
        os.close(write)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert "Broken pipe" not in done.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_a_closed_stdout_exits_2_with_one_line(command: str) -> None:
    script = "import os; os.close(1); from woonbod.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", script, *COMMANDS[command]],
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        env=ENV,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "woonbod: standard output is closed: run with output to a terminal, a file or a pipe\n"
    )


def test_head_reads_the_first_line_and_the_run_ends_quietly() -> None:
    """The reproduction from the issue, `woonbod validate data | head -1`, through a shell."""
    command = f"{sys.executable} -c 'from woonbod.cli import main; main()' total {DATA} -s all | head -1"
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, check=False, env=ENV)
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == 1
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_output_written_in_full_keeps_its_exit_code(tmp_path: Path) -> None:
    with (tmp_path / "out.txt").open("w") as out:
        assert _woonbod(["check", str(DATA), "--as-of", "2022-09-01"], stdout=out).returncode == 0
        assert _woonbod(["validate", str(tmp_path / "missing")], stdout=out).returncode == 2


@pytest.mark.parametrize("kind", ["folder", "fifo", "no-folder", "read-only"])
def test_an_unwritable_step_summary_is_a_warning(tmp_path: Path, kind: str) -> None:
    target = {
        "folder": tmp_path,
        "fifo": tmp_path / "fifo",
        "no-folder": tmp_path / "missing" / "summary.md",
        "read-only": tmp_path / "summary.md",
    }[kind]
    if kind == "fifo":
        os.mkfifo(target)  # nobody reads it: an open for writing would wait for ever
    if kind == "read-only":
        target.write_text("")
        target.chmod(0o444)
        if os.access(target, os.W_OK):
            pytest.skip("root can write a read-only file")
    runner = CliRunner(env={"GITHUB_STEP_SUMMARY": str(target), "GITHUB_ACTIONS": None, "NO_COLOR": "1"})
    result = runner.invoke(app, ["check", str(DATA), "--as-of", "2022-09-01"])
    assert result.exit_code == 0  # the verdict of a passing check stands
    assert result.stderr.startswith(f"woonbod: warning: cannot write the step summary to {target}: ")
    assert len(result.stderr.splitlines()) == 1


def test_a_fifo_step_summary_with_a_reader_is_still_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        runner = CliRunner(env={"GITHUB_STEP_SUMMARY": str(fifo), "GITHUB_ACTIONS": None, "NO_COLOR": "1"})
        result = runner.invoke(app, ["check", str(DATA), "--as-of", "2022-09-01"])
    finally:
        os.close(reader)
    assert result.exit_code == 0
    assert result.stderr == f"woonbod: warning: cannot write the step summary to {fifo}: not a regular file\n"
