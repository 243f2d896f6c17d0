"""The YAML loader: every trap a person can fall into gets a finding with its code and place."""

from __future__ import annotations

import pytest

from kczy.yamlload import parse_yaml


def codes_and_places(text: str | bytes) -> list[tuple[str, int, int]]:
    content = text.encode("utf-8") if isinstance(text, str) else text
    _, findings = parse_yaml(content, "x.yaml")
    return [(f.code, f.line, f.column) for f in findings]


def data_of(text: str | bytes) -> object:
    content = text.encode("utf-8") if isinstance(text, str) else text
    document, findings = parse_yaml(content, "x.yaml")
    assert findings == []
    assert document is not None
    return document.data


def test_scalars_follow_yaml_1_2_without_dates_or_leading_zeros() -> None:
    data = data_of(
        "a: 1\nb: 010020\nc: 13800138000\nd: 2021-01-02\ne: yes\nf: true\ng: ~\nh: 1.5\ni: '7'\n"
        "j: 1:30\nk: 0o17\nl: !!str 12\nm: 是\n"
    )
    assert data == {
        "a": 1,
        "b": "010020",
        "c": 13800138000,
        "d": "2021-01-02",
        "e": "yes",
        "f": True,
        "g": None,
        "h": 1.5,
        "i": "7",
        "j": "1:30",
        "k": "0o17",
        "l": "12",
        "m": "是",
    }


def test_places_count_characters_not_bytes_and_keep_keys() -> None:
    document, _ = parse_yaml("名字: 中文内容\n列表:\n  - 甲\n  - 乙: 1\n".encode(), "x.yaml")
    assert document is not None
    assert document.place(("名字",)) == (1, 5)
    assert document.place(("名字",), key=True) == (1, 1)
    assert document.place(("列表", 1, "乙")) == (4, 8)
    assert document.place(("列表", 1, "乙"), key=True) == (4, 5)
    assert document.place(("列表", 5, "missing")) == (3, 3)  # the nearest written ancestor: the list


@pytest.mark.parametrize(
    "content",
    [
        "\ufeffa: 1\nb: 中文\n".encode(),
        b"a: 1\r\nb: \xe4\xb8\xad\xe6\x96\x87\r\n",
        "# 注释\na: 1 # 行尾注释\nb: 中文\n".encode(),
        "{a: 1, b: 中文}\n".encode(),
    ],
    ids=["bom", "crlf", "comments", "flow"],
)
def test_harmless_variations_read_the_same(content: bytes) -> None:
    assert data_of(content) == {"a": 1, "b": "中文"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", [("yaml.duplicate-key", 3, 1)]),
        ("a: &x 1\nb: *x\n", [("yaml.anchor", 1, 4), ("yaml.alias", 2, 4)]),
        ("a:\n\tb: 1\n", [("yaml.tab", 2, 1)]),
        ("title: x\nsummary： abc\nz: 1\n", [("yaml.fullwidth-colon", 2, 8)]),
        ("标题： 内容\n", [("yaml.fullwidth-colon", 1, 3)]),
        ("a: 1\n---\nb: 2\n", [("yaml.multiple-documents", 2, 1)]),
        ("- a\n- b\n", [("yaml.not-mapping", 1, 1)]),
        ("", [("yaml.empty", 1, 1)]),
        ("# 只有注释\n", [("yaml.empty", 1, 1)]),
        ("a: !!python/object:os.system x\n", [("yaml.tag", 1, 4)]),
        ("a: !!int abc\n", [("yaml.tag", 1, 4)]),
        ("a: b\u200bc\n", [("text.zero-width", 1, 5)]),
        ("a: b\u202ec\n", [("text.bidi-control", 1, 5)]),
        ('a: "b\\u2067c"\n', [("text.bidi-control", 1, 4)]),
        ("a:\n\u3000b: 1\n", [("text.fullwidth-space", 2, 1)]),
        ("a: b\x07c\n", [("text.control-char", 1, 5)]),
        ("a: 'abc\nb: 1\n", [("yaml.unclosed-quote", 1, 4)]),
        ("? [a, b]\n: 1\nc: 2\n", [("yaml.complex-key", 1, 3)]),
        ("a: " + "[" * 50 + "]" * 50 + "\n", [("yaml.too-deep", 1, 43)]),
        ("a: 1\ntitle:\u3000名称\nb: 2\n", [("yaml.fullwidth-space-after-colon", 2, 7)]),
        ("a: 1\ntitle:\u00a0名称\nb: 2\n", [("yaml.fullwidth-space-after-colon", 2, 7)]),
        ('a: "x\\uffffy"\n', [("text.control-char", 1, 4)]),
    ],
    ids=[
        "duplicate-key",
        "alias",
        "tab",
        "fullwidth-colon",
        "fullwidth-colon-first-line",
        "two-documents",
        "list-at-top",
        "empty",
        "only-comments",
        "python-tag",
        "wrong-standard-tag",
        "zero-width",
        "bidi-override",
        "escaped-bidi-isolate",
        "fullwidth-space",
        "control-char",
        "unclosed-quote",
        "complex-key",
        "deep",
        "fullwidth-space-after-colon",
        "no-break-space-after-colon",
        "escaped-noncharacter",
    ],
)
def test_traps_are_findings_with_places(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert codes_and_places(text) == expected


def test_gbk_file_is_told_to_save_as_utf8() -> None:
    assert codes_and_places("a: 1\n标题: 中文\n".encode("gbk")) == [("encoding.gbk", 2, 1)]


def test_utf16_and_binary_files_are_refused() -> None:
    assert codes_and_places("a: 1\n".encode("utf-16")) == [("encoding.utf16", 1, 1)]
    assert codes_and_places(b"a: \xff\xfe\xfa\n") == [("encoding.not-utf8", 1, 4)]


def test_huge_file_is_refused_before_parsing() -> None:
    _, findings = parse_yaml(b"a: " + b"x" * 2_000, "x.yaml", max_bytes=1_000)
    assert [f.code for f in findings] == ["yaml.too-large"]


def test_alias_bomb_is_refused_without_expanding() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    _, findings = parse_yaml("\n".join(lines).encode(), "x.yaml")
    assert {f.code for f in findings} == {"yaml.anchor", "yaml.alias"}
    assert len(findings) == 10 + 81


def test_every_message_is_chinese_and_complete() -> None:
    _, findings = parse_yaml(b"a: 1\na: 2\n", "x.yaml")
    assert findings[0].message == "键“a”重复（第 1 行已出现），请删除或合并其中一个"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: b: c\n", "多了一个“: ”"),
        ("a:\n  b: 1\n c: 2\n", "同一层的键应左对齐"),
        ("a: [1, 2\n", "方括号列表没有闭合"),
        ('a: "\\q"\n', "反斜杠"),
    ],
    ids=["extra-colon", "indentation", "open-bracket", "bad-escape"],
)
def test_common_syntax_errors_are_explained_in_chinese(text: str, words: str) -> None:
    _, findings = parse_yaml(text.encode(), "x.yaml")
    assert [f.code for f in findings] == ["yaml.syntax"]
    assert words in findings[0].message
    assert not any("a" <= char <= "z" for char in findings[0].message.split("：", 1)[1][:8])


# Where libyaml stumbles is not where the mistake is: each of these is reported at its real cause.
REAL_CAUSES = [
    (  # an unclosed quote on line 3: the parser reads on to the next quote and fails lines later
        'type: yiye-yibao\ntitle: 研究报告\napplicant: "hn-spkx\npartners:\n  - name: 学会\n'
        '    kind: national-society\ncontact:\n  phone: "0371-65950102"\n  email: a@example.org\n',
        ("yaml.unclosed-quote", 3, 12),
        "这一行的引号 \" 没有闭合",
    ),
    (  # over-indentation: not an extra colon
        "type: yiye-yibao\ntitle: 研究报告\n  applicant: hn-spkx\nsummary: 简介\n",
        ("yaml.over-indented", 3, 1),
        "这一行比上一行多缩进了 2 个空格：上一行的“title”已经写了值",
    ),
    (  # list items under the template's `key: []`
        "member: m1\nvotes:\n  yishi-yipin: []\n    - ysyp-luoyang\n  yiye-yibao: []\n",
        ("yaml.empty-then-items", 3, 16),
        "请删去第 3 行的“[]”",
    ),
    (
        "member: m1\nvotes:\n  yishi-yipin: []\n  - ysyp-luoyang\n",
        ("yaml.empty-then-items", 3, 16),
        "请删去第 3 行的“[]”",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "said"), REAL_CAUSES, ids=["quote", "indent", "empty-list", "dash"]
)
def test_a_syntax_error_is_reported_at_its_real_cause(
    text: str, expected: tuple[str, int, int], said: str
) -> None:
    _, findings = parse_yaml(text.encode(), "x.yaml")
    assert [(f.code, f.line, f.column) for f in findings] == [expected]
    assert said in findings[0].message


def test_list_item_keys_and_folded_text_are_no_over_indentation() -> None:
    """Lines more indented than a `- key: value` line or a `key: >-` line are legal and stay so."""
    data_of("a:\n  - kind: 会议\n    date: '2021-05-18'\nb: >-\n  长文字\n  第二行\n")
    assert codes_and_places("a: 1\nb: x: y\n") == [("yaml.syntax", 2, 5)]
