"""The JSON Schema of the bid file and the round file, generated from the models."""

from __future__ import annotations

import json
from typing import Any, Literal

from woonbod.model.models import Bid, Ronde
from woonbod.model.provinces import PROVINCES

SCHEMA_IDS = {
    "bod": "https://woonbod.example.org/schema/bod.schema.json",
    "ronde": "https://woonbod.example.org/schema/ronde.schema.json",
}


def _province_names() -> list[str]:
    names: list[str] = []
    for p in PROVINCES:
        names += [p.name, p.code, p.iso]
    return [*names, "Friesland", "Fryslan"]


def build_schema(kind: Literal["bod", "ronde"]) -> dict[str, Any]:
    """The schema as a dict: draft 2020-12, with Dutch descriptions on every field."""
    model = Bid if kind == "bod" else Ronde
    schema = model.model_json_schema()
    if kind == "bod":
        # Editors complete from an enum; woonbod itself also accepts other capitalisations.
        schema["properties"]["provincie"] = {
            "description": schema["properties"]["provincie"].get("description", ""),
            "enum": _province_names(),
        }
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_IDS[kind], **schema}


def schema_text(kind: Literal["bod", "ronde"]) -> str:
    """The schema as stable, indented JSON text."""
    return json.dumps(build_schema(kind), ensure_ascii=False, indent=2) + "\n"
