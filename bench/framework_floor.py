"""The framework floor as a program: a Typer command with the kind of options woonbod's commands
have, that reads one YAML file with libyaml and validates it with a one-field Pydantic model.

What any Typer + Pydantic + PyYAML tool pays before it does its own work: importing the three,
Typer building a command and converting its options (Typer 0.29 does that with Pydantic
TypeAdapters), Pydantic building one model's validator. Pydantic's plugin scan is skipped the
way woonbod skips it (woonbod.cli.startup), so that the floor holds only what cannot be avoided.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
import yaml
from pydantic import BaseModel, ConfigDict

from woonbod.cli.startup import skip_plugin_scan

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
skip_plugin_scan()
app = typer.Typer(add_completion=False)


class Bid(BaseModel):
    model_config = ConfigDict(extra="allow")
    provincie: str


@app.command()
def validate(
    path: Path,
    quiet: Annotated[bool, typer.Option("--quiet")] = False,
    output_format: Annotated[str, typer.Option("--format")] = "text",
) -> None:
    Bid.model_validate(yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader))


if __name__ == "__main__":
    app()
