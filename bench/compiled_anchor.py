"""The compiled anchor: parse each file with libyaml (PyYAML's C loader) and validate it against
schema/bod.schema.json with jsonschema_rs (a validator compiled from Rust), nothing else."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema_rs
import yaml

SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "bod.schema.json"


def main() -> int:
    validator = jsonschema_rs.validator_for(json.loads(SCHEMA.read_text(encoding="utf-8")))
    invalid = 0
    for name in sys.argv[1:]:
        errors = list(validator.iter_errors(yaml.load(Path(name).read_bytes(), Loader=yaml.CSafeLoader)))
        for error in errors:
            print(f"{name}: {error.message}")
        invalid += bool(errors)
    return 1 if invalid else 0


if __name__ == "__main__":
    raise SystemExit(main())
