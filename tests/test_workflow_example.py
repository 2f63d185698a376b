"""The example GitHub Actions workflow in docs/ci/ works as written (as far as it can offline)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import yaml

from conftest import DATA, ROOT

WORKFLOW = ROOT / "docs" / "ci" / "bids-workflow.yml"


def test_the_workflow_is_a_valid_github_workflow() -> None:
    # check-jsonschema ships the GitHub workflow schema, so this needs no network.
    schema = ("--builtin-schema", "vendor.github-workflows")
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", *schema, str(WORKFLOW)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflows_woonbod_steps_pass_on_the_shipped_bids(tmp_path: Path) -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    commands = [run for run in steps if run.lstrip().startswith("woonbod ")]
    assert commands, "the workflow runs no woonbod command"
    shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns("rondes"))
    summary = tmp_path / "summary.md"
    job_env = {k: str(v) for job in workflow["jobs"].values() for k, v in job.get("env", {}).items()}
    env = {
        **os.environ,
        **job_env,
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
        "PATH": os.pathsep.join((sysconfig.get_path("scripts"), os.environ.get("PATH", ""))),
    }
    for command in commands:
        done = subprocess.run(
            command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, f"{command}\n{done.stdout}{done.stderr}"
    assert (tmp_path / "woonbod.sarif").is_file()
    # The workflow sets WOONBOD_LANG=nl: the summary is Dutch, with a Dutch number.
    written = summary.read_text(encoding="utf-8")
    assert "917.193" in written
    assert "Som" in written
