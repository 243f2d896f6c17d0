"""Every user-facing string comes from the message catalog (design decision D7): no Chinese string literal in
`src/kczy` outside `src/kczy/messages/`. Docstrings and comments do not count (they are for maintainers).

Until every area is moved, `TO_MOVE` lists the files that still hold Chinese literals. Whoever moves a file's
strings into the catalog removes it from the list; the test fails as well when a listed file has none left,
so the list cannot go stale."""

from __future__ import annotations

import ast
import re
from collections.abc import Collection

from conftest import PROJECT

SOURCE = PROJECT / "src" / "kczy"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

# Files (relative to src/kczy) that still hold Chinese string literals: remove a file when its wording moves.
TO_MOVE: set[str] = set()


# Chinese literals that are data, not wording: names that must stay as they are to find what they name.
NOT_WORDING = {
    # the font families GB/T 9704-2012 prescribes, by the names Word and Typst look them up by
    "documents/layout.py": {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"},
    # what a person may type for yes or no, a full-width colon and space: characters looked for in input
    "schemas.py": {"是", "否", "：", "\u3000"},
    # the sample round's attachments, by the names their files have in submissions/2021/attachments/
    "samplepdf.py": {"/合作协议.pdf", "/ysyp-luoyang-zhuangbei/领导小组会议纪要.pdf"},
}


def chinese_literals(text: str, data: Collection[str] = ()) -> list[int]:
    """The lines of string literals (f-string parts included) with a Chinese character, not docstrings (a
    string standing alone as a statement: a module's, class's or function's, or an attribute's below it)
    nor the literals of `data`."""
    tree = ast.parse(text)
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }
    return sorted(
        {
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and node.value not in data
            and CJK.search(node.value)
        }
    )


def wording_in_code() -> dict[str, list[int]]:
    """Each module outside the catalog with Chinese literals, and their lines."""
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        name = path.relative_to(SOURCE).as_posix()
        if name.startswith("messages/"):
            continue
        lines = chinese_literals(path.read_text("utf-8"), NOT_WORDING.get(name, ()))
        if lines:
            found[name] = lines
    return found


def test_no_chinese_string_in_code_outside_the_catalog() -> None:
    """A Chinese literal in a module not listed in TO_MOVE is a sentence that belongs in the catalog."""
    found = wording_in_code()
    assert {name: lines for name, lines in found.items() if name not in TO_MOVE} == {}


def test_the_list_of_files_still_to_move_is_not_stale() -> None:
    """A file whose wording has moved (or that no longer exists) comes off TO_MOVE; data not found where
    NOT_WORDING says comes off that list."""
    assert sorted(TO_MOVE - set(wording_in_code())) == []
    for name, literals in NOT_WORDING.items():
        assert (SOURCE / name).is_file(), name
        text = (SOURCE / name).read_text("utf-8")
        assert [literal for literal in literals if repr(literal)[1:-1] not in text] == [], name


def test_the_check_sees_chinese_literals_but_not_docstrings_or_comments() -> None:
    probe = (
        '"""模块说明。"""\n'
        "def f(x):\n"
        '    """函数说明。"""\n'
        "    # 注释\n"
        '    return f"共 {x} 份"\n'
        "class C:\n"
        '    """类说明。"""\n'
        '    label = "一市一品"\n'
        'TITLE = "Plain English", "（示例）"\n'
        'NAME = "x"\n'
        '"""属性说明。"""\n'
        "def g():\n"
        '    return "年度"\n'
    )
    assert chinese_literals(probe) == [5, 8, 9, 13]


def test_no_chinese_in_the_typst_templates_outside_comments() -> None:
    """The Typst templates place the catalog's words (dossier.typ: `w("key", ...)` over dossier.book.*);
    only their `//` comments may be Chinese. Every key the dossier's template asks for is in the catalog."""
    from kczy.dossier.typeset import book_words

    for template in sorted(SOURCE.rglob("*.typ")):
        code = [line.split("//")[0] for line in template.read_text("utf-8").splitlines()]
        assert not [n for n, line in enumerate(code, 1) if CJK.search(line)], template
    dossier = (SOURCE / "dossier" / "dossier.typ").read_text("utf-8")
    asked = set(re.findall(r'\bw\("([a-z.-]+)"', dossier)) - {"head."}
    head_lists = " ".join(re.findall(r"\(([^()]*)\)\.map", dossier))
    heads = {f"head.{h}" for h in re.findall(r'"([a-z]+)"', head_lists)}
    assert len(asked) > 30 and len(heads) == 8
    assert asked | heads <= set(book_words())
