"""Check a parsed file against its pydantic model, telling editors what to change and where."""

from __future__ import annotations

import types
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from rapidfuzz import fuzz, process

from bot.errors import FileRejected
from bot.kb.knowledge import Problem
from bot.kb.models import BilingualList, BilingualText
from bot.kb.yamlread import KeyPath, YamlDocument

ModelT = TypeVar("ModelT", bound=BaseModel)

_EXPECTED_MAPPING = {
    BilingualText: "a text, or zh: and en: texts",
    BilingualList: "a list, or zh: and en: lists",
}
_EXPECTED = {
    "string_type": "text",
    "list_type": 'a list ([a, b], or lines starting with "- ")',
}
_MAPPING_ERRORS = frozenset({"model_type", "dict_type", "model_attributes_type"})


@dataclass(frozen=True)
class FileShape(Generic[ModelT]):
    """How a file's data is checked: its model, and where its named items (entries...) live."""

    model: type[ModelT]
    top: type[dict[str, Any]] | type[list[Any]]  # what the file holds at its top level
    layout: str  # that top level in an editor's words, for an empty or misshapen file
    items: KeyPath  # where the list of named items is, in the file's data
    noun: str  # what one item is called in messages: "entry", "source"
    wrap: str | None = None  # the model field a top-level list fills (sources.yaml is a list)


def validate_document(shape: FileShape[ModelT], doc: YamlDocument, file: str) -> ModelT:
    """Validate a file's data strictly; raise FileRejected with positioned editor messages."""
    if doc.data is None or doc.data == {}:  # `[]` is a list written empty on purpose
        raise FileRejected([Problem(file, 1, 1, f"the file is empty: it holds {shape.layout}")])
    if not isinstance(doc.data, shape.top):
        message = f"the file should hold {shape.layout}, not {_describe(doc.data)}"
        at = doc.position(())
        raise FileRejected([Problem(file, at.line, at.col, message)])
    data = {shape.wrap: doc.data} if shape.wrap else doc.data
    try:
        return shape.model.model_validate(data)
    except ValidationError as error:
        problems = [_problem(detail, shape, doc, file) for detail in error.errors()]
        raise FileRejected(problems) from None


def closest(word: str, choices: Iterable[str]) -> str | None:
    """Return the choice an editor most likely meant by `word`, if one is close enough."""
    found = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=60)
    return None if found is None else found[0]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ' (did you mean "x"?)' for the closest choice, or nothing."""
    best = closest(word, choices)
    return "" if best is None else f' (did you mean "{best}"?)'


def _item_name(data: Any, shape: FileShape[Any], index: int) -> str:
    """Name the item at `index` of the file's item list: its id, or its number."""
    items: Any = data
    for step in shape.items:
        items = items.get(step) if isinstance(items, dict) else None
    item = items[index] if isinstance(items, list) and index < len(items) else None
    item_id = item.get("id") if isinstance(item, dict) else None
    return f'{shape.noun} "{item_id}"' if isinstance(item_id, str) else f"{shape.noun} {index + 1}"


def _problem(detail: ErrorDetails, shape: FileShape[Any], doc: YamlDocument, file: str) -> Problem:
    loc = tuple(detail["loc"])
    path = loc[1:] if shape.wrap else loc
    at_key = detail["type"] == "extra_forbidden"
    where = doc.key_position(path) if at_key else doc.position(path)
    return Problem(file, where.line, where.col, _message(detail, shape, doc.data, loc, path))


def _message(
    detail: ErrorDetails, shape: FileShape[Any], data: Any, loc: KeyPath, path: KeyPath
) -> str:
    """Say what is wrong at `path` and what to write instead."""
    kind, value = detail["type"], detail["input"]
    owner, rest = _split_item(data, shape, path)
    if kind == "extra_forbidden":
        fields = _annotation_at(shape.model, loc[:-1])
        names = list(fields.model_fields) if _is_model(fields) else []
        hint = did_you_mean(str(path[-1]), names) or f" (fields here: {', '.join(names)})"
        return _join(owner, _label(rest[:-1]), f'unknown field "{path[-1]}"{hint}')
    subject = _join(owner, _label(rest), "") or "the file"
    if kind == "missing":
        return _join(owner, _label(rest[:-1]), f'"{path[-1]}" is missing')
    if kind == "literal_error":
        allowed = ", ".join(get_args(_annotation_at(shape.model, loc)))
        if isinstance(value, str):
            return _join(owner, "", f'unknown {path[-1]} "{value}": use one of {allowed}')
        return f"{subject} should be one of {allowed}, not {_describe(value)}"
    expected = _expected(kind, shape.model, loc)
    if expected is not None:
        if value is None:
            return f"{subject} is empty: write {expected}"
        return f"{subject} should be {expected}, not {_describe(value)}"
    return f"{subject}{_detail(detail)}"


def _detail(detail: ErrorDetails) -> str:
    """Word the remaining kinds of error; each starts where the subject ends."""
    kind, ctx = detail["type"], detail.get("ctx") or {}
    if kind == "string_pattern_mismatch":
        return (
            f': "{detail["input"]}" is not a valid id: ids use lower-case letters, digits '
            'and - (e.g. "biomed-policy")'
        )
    if kind == "string_too_short":
        return " is empty"
    if kind == "string_too_long":
        return f" is too long: at most {ctx['max_length']} characters"
    if kind == "too_short":
        count = ctx["min_length"]
        return f" needs at least {count} item{'s' if count > 1 else ''}"
    if kind == "value_error":
        return f": {ctx['error']}"
    return f": {detail['msg']}"


def _expected(kind: str, model: type[BaseModel], loc: KeyPath) -> str | None:
    if kind in _MAPPING_ERRORS:
        annotation = _annotation_at(model, loc)
        return _EXPECTED_MAPPING.get(annotation, "a mapping of fields (key: value lines)")
    return _EXPECTED.get(kind)


def _split_item(data: Any, shape: FileShape[Any], path: KeyPath) -> tuple[str, KeyPath]:
    """Split a path into the item it is inside ('entry "x"') and the rest of the path."""
    prefix = len(shape.items)
    index = path[prefix] if len(path) > prefix and path[:prefix] == shape.items else None
    if isinstance(index, int):
        return _item_name(data, shape, index), path[prefix + 1 :]
    return "", path


def _label(rest: KeyPath) -> str:
    """Show a path inside an item as an editor reads it: "questions.en" item 2."""
    names = ".".join(step for step in rest if isinstance(step, str))
    label = f'"{names}"' if names else ""
    if rest and isinstance(rest[-1], int):
        label = f"{label} item {rest[-1] + 1}".strip()
    return label


def _join(owner: str, label: str, message: str) -> str:
    head = ": ".join(part for part in (owner, label) if part)
    if not message:
        return head
    return f"{head}: {message}" if head else message


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f'the text "{text[:40]}…"' if len(text) > 40 else f'the text "{text}"'


def _annotation_at(model: type[BaseModel], loc: KeyPath) -> Any:
    """Follow an error's location through the model's type hints to the type expected there."""
    hint: Any = model
    for step in loc:
        hint = _unwrap(hint)
        if _is_model(hint) and isinstance(step, str) and step in hint.model_fields:
            hint = hint.model_fields[step].annotation
        elif get_origin(hint) is list and isinstance(step, int):
            hint = get_args(hint)[0]
        else:
            return None
    return _unwrap(hint)


def _unwrap(hint: Any) -> Any:
    """Strip Annotated[...] and Optional[...] down to the type they wrap."""
    while True:
        origin = get_origin(hint)
        if origin is Annotated:
            hint = get_args(hint)[0]
        elif origin in (Union, types.UnionType):
            members = [arg for arg in get_args(hint) if arg is not type(None)]
            if len(members) != 1:
                return hint
            hint = members[0]
        else:
            return hint


def _is_model(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, BaseModel)
