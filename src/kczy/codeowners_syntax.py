"""CODEOWNERS in each hosting platform's place and syntax, from one `CodeOwners`. Pure.

- GitHub reads `.github/CODEOWNERS`: gitignore-like patterns, the last matching line decides.
- Gitea and Forgejo read `.gitea/CODEOWNERS`: each line is a Go regular expression matched against the
  whole path (Gitea anchors it with ^…$); the owners of every matching line are asked to review;
  `\\`, `#` and spaces are escaped with a backslash.
- GitLab reads `.gitlab/CODEOWNERS`: GitHub's patterns in sections; within a section the last matching
  line decides, and every section with a matching line needs its own approval.
Each platform reads the first of several places (GitHub `.github/` first; Gitea and Forgejo the root
and docs/ before `.gitea/`; GitLab the root and docs/ before `.gitlab/`), so there must be no
CODEOWNERS at the root or in docs/.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kczy.codeowners import CodeOwners, OwnerRule

_GENERATED = "# 由 kczy codeowners 根据 round.yaml、units.yaml、committee.yaml 生成，请勿手工修改。\n"
_RULE = (
    "# 规则与 kczy check-pr 一致：当前轮次（最新的非示例年度）的秘书处负责全部文件；每份申报书由申报单位、\n"
    "# 每张选票由评委本人负责；示例年度（sample: true）中的账号没有任何权限。\n"
)
_NOBODY = "# 仓库中只有示例年度，没有秘书处：程序、数据格式、工作流和示例数据的改动由维护者审核。"


def _everything(pattern: str, owners: CodeOwners) -> str:
    """The line that gives every file to the current secretariat, or a comment when there is none."""
    return f"{pattern} {_mentions(owners.everything)}" if owners.everything else _NOBODY


def _mentions(owners: tuple[str, ...]) -> str:
    return " ".join(f"@{login}" for login in owners)


def render_github(owners: CodeOwners) -> str:
    lines = [_GENERATED + _RULE + "# 后面的规则优先于前面的规则。\n", _everything("*", owners), ""]
    for section in owners.sections:
        lines.append(f"# {section.year} 年度")
        lines += [f"/{rule.path} {_mentions(rule.owners)}" for rule in section.rules]
        lines.append("")
    return "\n".join(lines)


_GO_REGEXP_SPECIAL = re.compile(r"([.+*?()|\[\]{}^$\\])")


def gitea_pattern(rule: OwnerRule) -> str:
    """The rule's path as Gitea's CODEOWNERS writes it: the regular expression (a folder and all below it),
    then the file's own escapes for backslash, `#` and space."""
    expression = _GO_REGEXP_SPECIAL.sub(r"\\\1", rule.path) + (".*" if rule.path.endswith("/") else "")
    return re.sub(r"([\\# ])", r"\\\1", expression)


def render_gitea(owners: CodeOwners) -> str:
    header = (
        _GENERATED
        + _RULE
        + "# Gitea 与 Forgejo 的写法：每行是一个正则表达式；与文件匹配的每一行的负责人都会被请求审核。\n"
    )
    lines = [header, _everything(".*", owners), ""]
    for section in owners.sections:
        lines.append(f"# {section.year} 年度")
        lines += [f"{gitea_pattern(rule)} {_mentions(rule.owners)}" for rule in section.rules]
        lines.append("")
    return "\n".join(lines)


def render_gitlab(owners: CodeOwners) -> str:
    header = (
        _GENERATED
        + _RULE
        + "# GitLab 的写法：每个 [小节] 内后面的规则优先；文件所在的每个小节都要有一位负责人批准，\n"
        + "# 秘书处在每条规则中，秘书处一人批准即满足全部小节。\n"
    )
    lines = [header, *(["[secretariat]"] if owners.everything else []), _everything("*", owners), ""]
    for section in owners.sections:
        lines.append(f"# {section.year} 年度")
        lines.append(f"[round-{section.year}]")
        lines += [f"/{rule.path} {_mentions(rule.owners)}" for rule in section.rules]
        lines.append("")
    return "\n".join(lines)


# Where each platform reads its file, and how it is written there.
PLATFORMS: dict[str, tuple[str, Callable[[CodeOwners], str]]] = {
    "github": (".github/CODEOWNERS", render_github),
    "gitea": (".gitea/CODEOWNERS", render_gitea),
    "gitlab": (".gitlab/CODEOWNERS", render_gitlab),
}
