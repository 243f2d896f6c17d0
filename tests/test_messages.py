"""The message catalog (`kczy.messages`) is where user-facing sentences live: the code raises and reports
by code, never with a Chinese sentence of its own."""

from __future__ import annotations

import ast
import re

from conftest import PROJECT

SOURCE = PROJECT / "src" / "kczy"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def fatal_errors_with_chinese(text: str) -> list[int]:
    """The lines of `FatalError(...)` calls with a Chinese string (or f-string part) among their arguments."""
    lines = []
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name == "FatalError" and any(
            isinstance(each, ast.Constant) and isinstance(each.value, str) and CJK.search(each.value)
            for each in ast.walk(node)
        ):
            lines.append(node.lineno)
    return lines


def test_no_fatal_error_carries_a_chinese_sentence_outside_the_catalog() -> None:
    """`raise FatalError(render_message("stop.…", {...}))`, never `FatalError(f"无法…")`."""
    found = [
        f"{path.relative_to(PROJECT)}:{line}"
        for path in sorted(SOURCE.rglob("*.py"))
        for line in fatal_errors_with_chinese(path.read_text("utf-8"))
    ]
    assert found == []


def test_the_check_sees_a_chinese_sentence_in_a_fatal_error() -> None:
    probe = (
        "from kczy import errors\n"
        "from kczy.errors import FatalError\n"
        "def f(x):\n"
        '    raise FatalError(f"无法读取 {x}")\n'
        "def g(x):\n"
        '    raise errors.FatalError("找不到" + x) from None\n'
        "def h(x):\n"
        '    raise FatalError(render_message("stop.no-git", {"x": x}))\n'
        "def i(error):\n"
        "    raise FatalError(str(error))\n"
    )
    assert fatal_errors_with_chinese(probe) == [4, 6]


def test_each_code_is_defined_in_exactly_one_part_of_the_catalog() -> None:
    """The catalog is a package of parts by audience (general, commands, site, documents), merged into
    one `CATALOG`: a code defined in two parts would silently keep only one of the two texts."""
    from kczy import messages

    owners: dict[str, list[str]] = {}
    for name, part in messages.PARTS.items():
        for code in part:
            owners.setdefault(code, []).append(name)
    assert {code: names for code, names in owners.items() if len(names) > 1} == {}
    assert set(messages.CATALOG) == set(owners)
    assert sorted(messages.PARTS) == sorted(
        path.name for path in (SOURCE / "messages").glob("*.py")
    ), "every part of the catalog is merged into CATALOG"
