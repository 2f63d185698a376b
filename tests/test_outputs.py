"""The one output rule and the one writer (woonbod.outputs), through every command that writes.

Issue #12, class 2 (overwriting user files) and class 3 (half-written outputs).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA
from woonbod.cli import app
from woonbod.outputs import refusal, write_atomic

runner = CliRunner(
    env={"NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None}
)


def _writers(data: Path) -> dict[str, list[str]]:
    """Every command that writes a file, with the options it needs; `-o FILE` goes last."""
    folder = str(data)
    return {
        "validate": ["validate", folder, "-f", "sarif"],
        "check": ["check", folder, "--as-of", "2022-10-02", "-f", "junit"],
        "gaps": ["gaps", folder, "--as-of", "2022-10-02", "-f", "csv"],
        "gaps-github": ["gaps", folder, "--as-of", "2022-10-02", "-f", "github"],
        "schema": ["schema"],
        "report": ["report", folder, "--as-of", "2022-10-02"],
        "export": ["export", folder, "--as-of", "2022-10-02"],
        "export-csv": ["export", folder, "--as-of", "2022-10-02", "-f", "csv"],
        "init": ["init", "utrecht"],
    }


WRITERS = list(_writers(DATA))


def _run(args: list[str], output: Path, *more: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, *more, "-o", str(output)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


@pytest.mark.parametrize("command", WRITERS)
@pytest.mark.parametrize("force", [False, True])
def test_a_bid_is_never_overwritten(data_copy: Path, command: str, force: bool) -> None:
    """`-o data/*.yaml`: the shell makes the first bid the output. Refused, whatever the flags
    (init --force excepted: it may replace a YAML file that is not its input)."""
    args = _writers(data_copy)[command]
    bid = data_copy / "drenthe.yaml"
    before = bid.read_bytes()
    code, stderr = _run(args, bid, *(["--force"] if force else []))
    if command == "init" and force:
        assert code == 0  # init has no inputs; --force is its documented way to start over
        return
    assert code == 2
    assert bid.read_bytes() == before
    assert stderr.endswith("nothing was written (use --force to overwrite it)\n" if command == "init" else "")
    if command != "init":
        assert stderr.endswith(
            f"woonbod: {bid} is a YAML file and a report is never a bid: nothing was written\n"
        )


@pytest.mark.parametrize("command", ["validate", "check", "gaps"])
def test_the_shell_glob_case_exits_2(data_copy: Path, command: str) -> None:
    """The reproduction of the issue: `woonbod validate -o data/*.yaml` replaced drenthe.yaml."""
    files = sorted(str(p) for p in data_copy.glob("*.yaml") if p.name != "ronde.yaml")
    before = {f: Path(f).read_bytes() for f in files}
    extra = ["--as-of", "2022-10-02"] if command != "validate" else []
    result = runner.invoke(app, [command, *extra, "-o", *files])
    assert result.exit_code == 2
    assert {f: Path(f).read_bytes() for f in files} == before


@pytest.mark.parametrize("command", [c for c in WRITERS if c not in ("schema", "init")])
def test_an_input_is_never_overwritten_even_through_links(
    data_copy: Path, tmp_path: Path, command: str
) -> None:
    args = _writers(data_copy)[command]
    bid = data_copy / "utrecht.yaml"
    (tmp_path / "hard.txt").hardlink_to(bid)
    (tmp_path / "soft.txt").symlink_to(bid)
    before = bid.read_bytes()
    for output in (tmp_path / "hard.txt", tmp_path / "soft.txt"):
        # the bid given as a file: the same file under another name is still the input
        code, stderr = _run([*args[:1], str(bid), *args[2:]], output, "--force")
        assert code == 2, stderr
        why = "is one of the files read: nothing was written (name another --output file)"
        assert stderr == f"woonbod: {output} {why}\n"
    assert bid.read_bytes() == before


def test_the_round_file_is_never_overwritten(data_copy: Path, tmp_path: Path) -> None:
    round_file = tmp_path / "ronde.txt"
    round_file.write_bytes((data_copy / "ronde.yaml").read_bytes())
    code, stderr = _run(["validate", str(data_copy), "--ronde", str(round_file)], round_file, "--force")
    assert code == 2 and "is one of the files read" in stderr
    for command in ("validate", "report"):
        code, stderr = _run([command, str(data_copy)], data_copy / "ronde.yaml", "--force")
        assert code == 2 and "is a YAML file" in stderr


@pytest.mark.parametrize("command", WRITERS)
def test_an_existing_file_needs_force_for_every_command(
    data_copy: Path, tmp_path: Path, command: str
) -> None:
    """The one documented rule: an existing file is replaced only with --force."""
    args = _writers(data_copy)[command]
    target = tmp_path / ("out.yaml" if command == "init" else "out.file")
    target.write_text("mijn werk\n")
    code, stderr = _run(args, target)
    assert code == 2
    assert stderr == f"woonbod: {target} exists already: nothing was written (use --force to overwrite it)\n"
    assert target.read_text() == "mijn werk\n"
    code, stderr = _run(args, target, "--force")
    assert code in (0, 1), stderr
    assert target.read_bytes() != b"mijn werk\n"


@pytest.mark.parametrize("command", WRITERS)
def test_a_folder_fifo_or_device_is_refused_without_blocking(
    data_copy: Path, tmp_path: Path, command: str
) -> None:
    args = _writers(data_copy)[command]
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target, kind in (
        (fifo, "not a regular file (a FIFO, device or socket)"),
        (Path(os.devnull), "not a regular file (a FIFO, device or socket)"),
        (tmp_path, "a folder"),
    ):
        code, stderr = _run(args, target, "--force")
        assert code == 2
        assert stderr == f"woonbod: {target} is {kind}: nothing was written (name a file with --output)\n"


def test_init_force_replaces_a_symlink_not_its_target(tmp_path: Path) -> None:
    precious = tmp_path / "precious.yaml"
    precious.write_text("mijn werk\n")
    link = tmp_path / "utrecht.yaml"
    link.symlink_to(precious)
    result = runner.invoke(app, ["init", "utrecht", "-o", str(link), "--force"])
    assert result.exit_code == 0, result.stderr
    assert precious.read_text() == "mijn werk\n"
    assert not link.is_symlink() and link.read_text().startswith("# yaml-language-server")


def test_the_writer_leaves_the_old_file_whole_when_rendering_fails(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("the good report\n")
    target.chmod(0o640)

    def half(stream: object) -> None:
        stream.write("<html>half")  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, half)
    assert target.read_text() == "the good report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no temporary left behind
    write_atomic(target, lambda stream: stream.write("new\n"))
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # a replaced file keeps its permissions


def test_a_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.csv", lambda stream: stream.write("a\n"))
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644


def test_a_killed_run_leaves_the_old_file(tmp_path: Path) -> None:
    """kill -9 half-way through rendering: the output is the old file, whole."""
    target = tmp_path / "out.txt"
    target.write_text("the good file\n")
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from woonbod.outputs import write_atomic\n"
        "def render(stream):\n"
        "    stream.write('half' * 100000)\n"
        "    stream.flush()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        f"write_atomic(Path({str(target)!r}), render)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], check=False)
    assert done.returncode == -9
    assert target.read_text() == "the good file\n"


def test_refusal_is_one_pure_rule(tmp_path: Path) -> None:
    bid = tmp_path / "a.yaml"
    bid.write_text("x: 1\n")
    other = tmp_path / "report.txt"
    other.write_text("old\n")
    assert refusal(tmp_path / "new.txt") is None
    assert refusal(tmp_path / "new.yaml") is None  # a new file named .yaml is not a bid yet
    assert refusal(other, force=True) is None
    assert refusal(other) is not None
    assert refusal(bid, force=True) is not None
    assert refusal(bid, force=True, replace_yaml=True) is None
    assert refusal(bid, inputs=[bid], force=True, replace_yaml=True) is not None
    upper = tmp_path / "B.YML"
    upper.write_text("x: 1\n")
    assert refusal(upper, force=True) is not None


def test_a_long_name_and_a_link_loop(tmp_path: Path) -> None:
    long = tmp_path / ("x" * 250 + ".csv")
    write_atomic(long, lambda stream: stream.write("a\n"))
    assert long.read_text() == "a\n"
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert refusal(loop) == f"{loop} exists already: nothing was written (use --force to overwrite it)"
    assert refusal(loop, force=True) is None
    write_atomic(loop, lambda stream: stream.write("b\n"))
    assert not loop.is_symlink() and loop.read_text() == "b\n"
