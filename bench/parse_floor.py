"""The floor: read and parse each file with libyaml (PyYAML's C loader) and nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main() -> int:
    for name in sys.argv[1:]:
        yaml.load(Path(name).read_bytes(), Loader=yaml.CSafeLoader)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
