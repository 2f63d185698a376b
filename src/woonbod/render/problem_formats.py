"""Every problem format by name: text and JSON (render.problems) and the CI formats (render.ci)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from woonbod.render.problems import ProblemReport, render_json, render_text

ProblemRenderer = Callable[[ProblemReport, TextIO], None]


def problem_renderers() -> dict[str, ProblemRenderer]:
    """Every problem format by name (the CI formats live in render.ci, loaded when used)."""

    def ci(name: str) -> ProblemRenderer:
        def render(report: ProblemReport, out: TextIO) -> None:
            from woonbod.render import ci as render_ci  # only when asked for

            getattr(render_ci, name)(report, out)

        return render

    return {
        "text": render_text,
        "json": render_json,
        "github": ci("render_github"),
        "sarif": ci("render_sarif"),
        "junit": ci("render_junit"),
    }


PROBLEM_FORMATS = ("text", "json", "github", "sarif", "junit")
