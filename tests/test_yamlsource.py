"""The YAML reader: plain data with positions, and a problem instead of a crash for bad bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from woonbod.reading.source import parse_bytes, read_document


def test_positions_of_keys_and_values() -> None:
    doc, problems = parse_bytes(b"a: 1\nb:\n  c: [x, 'y']\n", "f")
    assert problems == [] and doc is not None
    assert doc.data == {"a": 1, "b": {"c": ["x", "y"]}}
    assert doc.key_at[("b", "c")] == (3, 3)
    assert doc.value_at[("b", "c", 1)] == (3, 10)
    assert doc.where(("b", "c", 5)) == (3, 6)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes", "yes"),
        ("on", "on"),
        ("1:30", "1:30"),
        ("12.000", 12.0),
        ("'12'", "12"),
        ("~", None),
        ("true", True),
        ("0o17", "0o17"),
        ("2022-09-29", "2022-09-29"),
        ("12_500", "12_500"),
    ],
)
def test_scalars_follow_yaml_1_2_not_1_1(text: str, value: object) -> None:
    doc, _ = parse_bytes(f"v: {text}\n".encode(), "f")
    assert doc is not None and doc.data["v"] == value


def test_tags_are_never_constructed() -> None:
    doc, problems = parse_bytes(b"v: !!python/object/apply:os.system ['touch /tmp/pwned']\n", "f")
    assert doc is None and problems[0].rule == "yaml-tag"


def test_zero_byte_file(tmp_path: Path) -> None:
    path = tmp_path / "leeg.yaml"
    path.write_bytes(b"")
    doc, problems = read_document(path)
    assert doc is None and [(p.line, p.col, p.rule) for p in problems] == [(1, 1, "empty-file")]


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "groot.yaml"
    path.write_text("toelichting: " + "x" * 200 + "\n")
    assert read_document(path, max_bytes=100)[1][0].rule == "file-too-large"
    assert read_document(path, max_bytes=1000)[1] == []


def test_utf16_is_named(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes("provincie: Utrecht\n".encode("utf-16"))
    assert "UTF-16" in read_document(path)[1][0].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read every file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "geheim.yaml"
    path.write_text("a: 1\n")
    path.chmod(0)
    assert read_document(path)[1][0].rule == "file-unreadable"


def test_a_refused_open_is_a_problem_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same path as chmod 0 for a user who is not root (CI runs as root, where the test
    # above cannot work): the operating system refuses to open the file.
    import woonbod.reading.source

    def refuse(path: object, flags: int) -> int:
        raise PermissionError(13, "Permission denied", str(path))

    path = tmp_path / "geheim.yaml"
    path.write_text("a: 1\n")
    monkeypatch.setattr(woonbod.reading.source.os, "open", refuse)
    doc, problems = read_document(path)
    assert doc is None
    assert [(p.line, p.col, p.rule, p.message) for p in problems] == [
        (1, 1, "file-unreadable", "cannot read the file: Permission denied")
    ]
    assert problems[0].hint == "check that it exists and that you may read it"


def test_duplicate_keys_do_not_stop_the_file() -> None:
    doc, problems = parse_bytes(b"a: 1\na: 2\nb: 3\nb: 4\n", "f")
    assert doc is not None
    assert [(p.line, p.rule) for p in problems] == [(2, "duplicate-key"), (4, "duplicate-key")]


def test_libyaml_is_used() -> None:
    from woonbod.reading.source import HAS_LIBYAML

    assert HAS_LIBYAML, "PyYAML without libyaml: install a wheel with the C extension for speed"


@pytest.mark.parametrize(
    "path",
    sorted((Path(__file__).parent / "fixtures").glob("*/*.yaml")),
    ids=lambda p: f"{p.parent.name}/{p.stem}",
)
def test_libyaml_and_pure_python_parser_agree(path: Path) -> None:
    raw = path.read_bytes()
    fast_doc, fast = parse_bytes(raw, "f")
    slow_doc, slow = parse_bytes(raw, "f", pure=True)
    assert [(p.line, p.col, p.rule) for p in fast] == [(p.line, p.col, p.rule) for p in slow]
    assert (fast_doc is None) == (slow_doc is None)
    if fast_doc is not None and slow_doc is not None:
        assert fast_doc.data == slow_doc.data
        assert fast_doc.key_at == slow_doc.key_at and fast_doc.value_at == slow_doc.value_at


def test_a_file_that_grew_after_fstat_is_read_on_up_to_the_limit() -> None:
    from woonbod.reading.source import _read_up_to

    for written, size, limit, expected in (
        (b"0123456789", 3, 100, b"0123456789"),  # grew from 3 to 10 bytes: all of it
        (b"0123456789", 3, 5, b"012345"),  # beyond the limit: one byte past it, to say so
        (b"012", 10, 100, b"012"),  # shrank: what is there
    ):
        read, write = os.pipe()
        os.write(write, written)
        os.close(write)
        try:
            assert _read_up_to(read, size, limit) == expected
        finally:
            os.close(read)


def test_positions_worked_out_when_asked_match_the_event_stream() -> None:
    # An ordinary file's positions are worked out the first time one is asked for (reading.nodes).
    raw = b"a: 1\nb:\n  c: [x, 'y', {d: 2}]\n  e: ~\nf: [[1, 2], []]\ng: {}\n"
    fast, _ = parse_bytes(raw, "f")
    slow, _ = parse_bytes(raw, "f", pure=True)
    assert fast is not None and slow is not None
    assert (fast.value_at, fast.key_at, fast.text_at) == (slow.value_at, slow.key_at, slow.text_at)
    assert fast == slow
    kept, _ = parse_bytes(raw, "f")
    assert kept is not None
    kept.text_at = {}  # as the loader does once the file is validated, before any position is asked
    assert kept.key_at == slow.key_at and kept.value_at == slow.value_at and kept.text_at == {}
