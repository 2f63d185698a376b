"""Turn Pydantic's validation errors into problems at the line and column of the value."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from woonbod.formatting import excerpt, quoted
from woonbod.i18n import N_, _
from woonbod.model.quantities import BadValue, diagnose_number
from woonbod.problems import Level, Problem
from woonbod.reading.source import Document, Path_, dotted


def problems_from_validation(
    error: ValidationError, doc: Document, name: str, model: type[BaseModel]
) -> list[Problem]:
    """One problem per schema error, pointing at the offending key or value."""
    return [_problem(detail, doc, name, model) for detail in error.errors(include_url=False)]


# Errors about text, choices or yes/no fields: a number-like value there is not the trap.
_TEXT_KINDS = frozenset({"literal_error", "string_type", "string_pattern_mismatch", "bool_type"})
# Fields read by woonbod that are not numbers of homes: their own message says it best.
_NOT_NUMBERS = frozenset({"unknown-province", "invalid-date", "invalid-period"})


def _clean_loc(loc: tuple[int | str, ...]) -> tuple[Path_, bool]:
    """Drop Pydantic's union tags; say whether the error is about a key rather than a value."""
    is_key = bool(loc) and loc[-1] == "[key]"
    path = tuple(p for p in loc if not (isinstance(p, str) and (p.startswith("〈") or p == "[key]")))
    return path, is_key


def _problem(detail: ErrorDetails, doc: Document, name: str, model: type[BaseModel]) -> Problem:
    path, is_key = _clean_loc(detail["loc"])
    kind = detail["type"]
    if kind in ("extra_forbidden", "missing"):
        return _key_problem(kind, path, doc, name, model)
    line, col = doc.where(path, key=is_key)
    where = dotted(path)
    text = doc.text_at.get(path)
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    error = ctx.get("error")
    if isinstance(error, BadValue) and error.rule in _NOT_NUMBERS:
        return Problem(name, line, col, error.rule, Level.ERROR, f"{where}: {error.message}", error.hint)
    if text is not None and not is_key and kind not in _TEXT_KINDS:
        diagnosis = diagnose_number(text)
        if diagnosis is not None:
            message = f"{where}: {diagnosis.message}"
            return Problem(name, line, col, diagnosis.rule, Level.ERROR, message, diagnosis.hint)
    if isinstance(error, BadValue):
        if error.key is not None:
            line, col = doc.key_at.get((*path, error.key), (line, col))
        return Problem(name, line, col, error.rule, Level.ERROR, f"{where}: {error.message}", error.hint)
    rule, message, hint = _value_problem(detail, path, ctx)
    return Problem(name, line, col, rule, Level.ERROR, f"{where}: {message}", hint)


def _key_problem(kind: str, path: Path_, doc: Document, name: str, model: type[BaseModel]) -> Problem:
    """A key this place does not have (with the nearest one), or a required key that is missing."""
    key = str(path[-1]) if path else ""
    if kind == "extra_forbidden":
        line, col = doc.where(path, key=True)
        allowed = _allowed_keys(model, path[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6) if len(key) <= 40 else []
        hint = (
            _("did you mean '{name}'?").format(name=close[0])
            if close
            else _("the keys here are: {keys}").format(keys=", ".join(allowed))
        )
        message = _("unknown key {key}").format(key=quoted(key))
        return Problem(name, line, col, "unknown-key", Level.ERROR, message, hint)
    line, col = doc.where(path[:-1])
    message = (
        # Translators: {where} is where the key belongs, such as segmenten or regios[2].
        _("the required key '{key}' is missing in {where}").format(key=key, where=dotted(path[:-1]))
        if path[:-1]
        else _("the required key '{key}' is missing").format(key=key)
    )
    hint = _("add a line `{key}: …`").format(key=key)
    return Problem(name, line, col, "missing-key", Level.ERROR, message, hint)


def _value_problem(detail: ErrorDetails, path: Path_, ctx: dict[str, Any]) -> tuple[str, str, str]:
    """A value of the wrong kind: (rule, message, hint)."""
    kind = detail["type"]
    shown = _shown(detail["input"])
    if kind == "literal_error":
        options = [o.strip(" '") for o in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        said = str(detail["input"])
        close = difflib.get_close_matches(said, options, n=1, cutoff=0.5) if len(said) <= 40 else []
        hint = (
            _("did you mean '{name}'?").format(name=close[0])
            if close
            else _("write one of: {values}").format(values=", ".join(options))
        )
        return "invalid-value", _("{value} is not one of the allowed values").format(value=shown), hint
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        hint = (
            _("write the keys on their own lines, indented below this one")
            if path
            else _("a bid file starts with lines such as `provincie: Utrecht`")
        )
        return "not-a-mapping", _("expected a mapping of keys, found {value}").format(value=shown), hint
    if kind == "string_pattern_mismatch":
        key = str(path[-1]) if path else ""
        if key == "url":
            message = _("{value} is not a web address starting with https://")
            hint = _("write a web address starting with https://")
        else:
            message, hint = _("{value} is not an e-mail address"), _("write an e-mail address")
        return "invalid-value", message.format(value=shown), hint
    if kind in _SIMPLE:
        message, hint = _SIMPLE[kind]
        return "invalid-value", _(message).format(value=shown), _(hint)
    return "invalid-value", excerpt(detail["msg"].removeprefix("Value error, "), 200), ""


# Pydantic error type -> what was expected there ({value}: what was found), and how to write it.
_SIMPLE = {
    "list_type": (
        N_("expected a list, found {value}"),
        N_("write each item on its own line starting with '- '"),
    ),
    "bool_type": (N_("expected true or false, found {value}"), N_("write true or false")),
    "string_type": (N_("expected text, found {value}"), N_("put the value in quotes")),
}


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if value is None:
        return _("nothing (null)")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return quoted(value)
    return excerpt(str(value))


def _allowed_keys(model: type[BaseModel], path: Path_) -> list[str]:
    """The keys the format allows at ``path`` (a mapping inside ``model``)."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """The model class inside Optional[...] / list[...] / Annotated[...], if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None
