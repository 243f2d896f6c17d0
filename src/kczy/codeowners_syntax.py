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
from kczy.messages import words


def _comments(*codes: str) -> str:
    """Catalog entries as comment lines, each ending with a line break."""
    return "".join(f"# {words(code)}\n" for code in codes)


def _header(*codes: str) -> str:
    """What every generated file says first, then the lines of its own syntax (`codes`)."""
    return _comments("codeowners.generated", "codeowners.rule", "codeowners.rule-sample", *codes)


def _year(year: str) -> str:
    return f"# {words('codeowners.year', year=year)}"


def _everything(pattern: str, owners: CodeOwners) -> str:
    """The line that gives every file to the current secretariat, or a comment when there is none."""
    return (
        f"{pattern} {_mentions(owners.everything)}"
        if owners.everything
        else f"# {words('codeowners.nobody')}"
    )


def _mentions(owners: tuple[str, ...]) -> str:
    return " ".join(f"@{login}" for login in owners)


def render_github(owners: CodeOwners) -> str:
    lines = [_header("codeowners.github"), _everything("*", owners), ""]
    for section in owners.sections:
        lines.append(_year(section.year))
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
    lines = [_header("codeowners.gitea"), _everything(".*", owners), ""]
    for section in owners.sections:
        lines.append(_year(section.year))
        lines += [f"{gitea_pattern(rule)} {_mentions(rule.owners)}" for rule in section.rules]
        lines.append("")
    return "\n".join(lines)


def render_gitlab(owners: CodeOwners) -> str:
    header = _header("codeowners.gitlab", "codeowners.gitlab-secretariat")
    lines = [header, *(["[secretariat]"] if owners.everything else []), _everything("*", owners), ""]
    for section in owners.sections:
        lines.append(_year(section.year))
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
