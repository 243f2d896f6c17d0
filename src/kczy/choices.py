"""Choices a person types into a record (an objection's status, why it is not admitted, how it arrived):
each choice has an id that the code compares and a Chinese word that people write, and both mean the same.

The schema is the one source. A property with choices lists them under `x-choices` as `[id, word]` pairs,
and its `enum` holds every id and every word, so that kczy, editors and the schema downloads accept both:

    "status": {"enum": ["待处理", "成立", …, "pending", "upheld", …],
               "x-choices": [["pending", "待处理"], ["upheld", "成立"], …]}

Everything that reads such a record (validate's date rules, status, verify, the site, the documents)
reads it through `canonical_record`, so `成立` and `upheld` are one value everywhere. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kczy.messages import joined, words

CHOICES = "x-choices"


def choice_pairs(node: Mapping[str, Any]) -> tuple[tuple[Any, str], ...]:
    """The `(id, word)` pairs a schema node declares; empty when it declares none."""
    pairs = node.get(CHOICES)
    if not isinstance(pairs, list):
        return ()
    return tuple(
        (pair[0], str(pair[1])) for pair in pairs if isinstance(pair, list) and len(pair) == 2
    )


def choice_id(node: Mapping[str, Any], value: Any) -> Any:
    """The id of `value` (a word or an id) under `node`'s choices; anything else comes back unchanged
    (the schema reports it)."""
    for choice, word in choice_pairs(node):
        if isinstance(value, str) and value == word:
            return choice
    return value


def choice_word(node: Mapping[str, Any], value: Any) -> str:
    """The Chinese word of `value` (an id or a word); anything else as written."""
    for choice, word in choice_pairs(node):
        if _same(value, choice) or value == word:
            return word
    return str(value)


def shown_id(choice: Any) -> str:
    """An id as it is written in YAML (`true`, `pending`)."""
    return ("true" if choice else "false") if isinstance(choice, bool) else str(choice)


def allowed_text(node: Mapping[str, Any]) -> str:
    """The allowed values for a message, words first with their ids: `“待处理”（pending）、“成立”（upheld）`;
    empty when the node declares no choices."""
    pairs = choice_pairs(node)
    return joined(words("choices.allowed", word=word, id=shown_id(choice)) for choice, word in pairs)


def template_text(node: Mapping[str, Any]) -> str:
    """The allowed values for a template's comment: the words, then the ids as the other way to write them;
    empty when the node declares no choices."""
    pairs = choice_pairs(node)
    if not pairs:
        return ""
    listed = joined(word for _, word in pairs)
    ids = joined(shown_id(choice) for choice, _ in pairs)
    return words("choices.template", words=listed, ids=ids)


def canonical_record(schema: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
    """`data` with every top-level value that has choices in `schema` written as its id."""
    properties = schema.get("properties")
    if not isinstance(properties, Mapping):
        return dict(data)
    found = dict(data)
    for key, node in properties.items():
        if key in found and isinstance(node, Mapping) and CHOICES in node:
            found[key] = choice_id(node, found[key])
    return found


def choices_problems(node: Mapping[str, Any]) -> list[tuple[str, dict[str, str]]]:
    """What is wrong with a node's `x-choices` against its `enum`, as (code, parameters) for the schema
    loader: every id and every word must be allowed, every allowed value must be a choice (else it would
    pass validation and mean nothing), and no id or word may be written twice."""
    raw = node.get(CHOICES)
    pairs = choice_pairs(node)
    if not pairs or not isinstance(raw, list) or len(pairs) != len(raw) or not all(
        isinstance(pair[1], str) for pair in raw
    ):
        return [("schemafile.choices-shape", {})]
    enum = node.get("enum")
    if not isinstance(enum, list):
        return [("schemafile.choices-enum", {"value": shown_id(pairs[0][0])})]
    problems = []
    allowed = [*(choice for choice, _ in pairs), *(word for _, word in pairs)]
    for value in allowed:
        if not any(_same(value, item) for item in enum):
            problems.append(("schemafile.choices-enum", {"value": shown_id(value)}))
    for item in enum:
        if not any(_same(value, item) for value in allowed):
            problems.append(("schemafile.choices-meaningless", {"value": shown_id(item)}))
    seen: list[Any] = []
    for value in allowed:
        if any(_same(value, other) for other in seen):
            problems.append(("schemafile.choices-repeated", {"value": shown_id(value)}))
        seen.append(value)
    return problems


def _same(left: Any, right: Any) -> bool:
    """Equal and of the same type: `true` is not the number 1, as JSON Schema's enum says."""
    return type(left) is type(right) and left == right
