"""The pre-commit hooks of this repository, run by pre-commit itself on a throwaway bids repository."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import DATA, ROOT

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")


def _run(*argv: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False
    )


@pytest.fixture
def bids_repo(tmp_path: Path) -> Path:
    """A git repository with the shipped bids in data/, as a province or IPO would keep them."""
    repo = tmp_path / "bids"
    (repo / "data").mkdir(parents=True)
    for path in DATA.glob("*.yaml"):
        shutil.copy(path, repo / "data" / path.name)
    assert _run("git", "init", "-q", cwd=repo).returncode == 0
    _run("git", "add", ".", cwd=repo)
    who = ("-c", "user.name=t", "-c", "user.email=t@example.org")
    done = _run("git", *who, "commit", "-qm", "bids", cwd=repo)
    assert done.returncode == 0, done.stdout
    return repo


def _try_repo(repo: Path, hook: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    import os

    # pre-commit builds the hook's environment from this working tree (uncommitted changes too);
    # its own cache in a temporary folder, so nothing stale from an earlier run is reused.
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("COLUMNS", None)
    return _run(
        sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--verbose", cwd=repo, env=env
    )


def test_the_validate_hook_lets_a_good_change_pass_and_stops_a_bad_one(
    bids_repo: Path, tmp_path: Path
) -> None:
    utrecht = bids_repo / "data" / "utrecht.yaml"
    utrecht.write_text(utrecht.read_text(encoding="utf-8") + "# nagekeken\n", encoding="utf-8")
    _run("git", "add", "data", cwd=bids_repo)
    good = _try_repo(bids_repo, "woonbod-validate", tmp_path)
    assert good.returncode == 0, good.stdout
    assert re.search(r"woonbod validate\.+Passed", good.stdout), good.stdout

    text = utrecht.read_text(encoding="utf-8")
    utrecht.write_text(re.sub(r"(?m)^totaal: .*$", "totaal: 83.500", text), encoding="utf-8")
    _run("git", "add", "data", cwd=bids_repo)
    bad = _try_repo(bids_repo, "woonbod-validate", tmp_path)
    assert bad.returncode != 0, bad.stdout
    assert "data/utrecht.yaml:" in bad.stdout and "[thousands-separator]" in bad.stdout, bad.stdout


def test_deleting_a_bid_runs_the_check_hook(bids_repo: Path, tmp_path: Path) -> None:
    # No bid file is staged when one is deleted: the hooks run at every commit (always_run).
    assert _run("git", "rm", "-q", "data/utrecht.yaml", cwd=bids_repo).returncode == 0
    ran = _try_repo(bids_repo, "woonbod-check", tmp_path)
    assert "no files to check" not in ran.stdout
    assert "Failed" in ran.stdout and ran.returncode == 1, ran.stdout[-3000:]
    assert "data/ronde.yaml: error [missing-bid] no bid file for Utrecht" in ran.stdout


def test_the_pre_commit_example_in_the_docs_names_hooks_and_a_rev_that_exist() -> None:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", text, re.S)
    assert block is not None, "docs/ci.md lost its .pre-commit-config.yaml example"
    config = yaml.safe_load(block.group(1))
    (entry,) = config["repos"]
    hooks = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert {hook["id"] for hook in entry["hooks"]} <= hooks
    # The rev must be something git can check out in this repository (a branch, tag or commit).
    found = _run("git", "rev-parse", "--verify", "--quiet", f"{entry['rev']}^{{commit}}", cwd=ROOT)
    if found.returncode != 0 and not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    assert found.returncode == 0, f"rev {entry['rev']!r} does not exist in this repository"
