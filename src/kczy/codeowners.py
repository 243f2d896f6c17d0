"""`.github/CODEOWNERS` from the registries, so that GitHub's review rules agree with `kczy check-pr`."""

from __future__ import annotations

from collections.abc import Iterable

from kczy.roundfiles import RoundFiles

HEADER = """\
# 由 kczy codeowners 根据 round.yaml、units.yaml、committee.yaml 生成，请勿手工修改。
# 规则与 kczy check-pr 一致：秘书处负责全部文件；每份申报书由申报单位、每张选票由评委本人负责。
# 后面的规则优先于前面的规则。
"""


def _owners(logins: Iterable[str]) -> str:
    return " ".join(f"@{login}" for login in sorted(set(logins)))


def _logins(item: object) -> list[str]:
    logins = item.get("logins") if isinstance(item, dict) else None
    return [x for x in logins if isinstance(x, str)] if isinstance(logins, list) else []


def render_codeowners(rounds: Iterable[RoundFiles]) -> str:
    rounds = list(rounds)
    secretariat: set[str] = set()
    for files in rounds:
        secretariat |= set(_logins(files.record("round").get("secretariat")))
    lines = [HEADER, f"* {_owners(secretariat)}", ""]
    for files in rounds:
        own = set(_logins(files.record("round").get("secretariat")))
        units = files.units()
        lines.append(f"# {files.year} 年度")
        for app_id, path in sorted(files.application_paths().items()):
            document = files.parse(path)
            unit = document.data.get("applicant") if document is not None else None
            unit_logins = _logins(units.get(unit)) if isinstance(unit, str) else []
            lines.append(f"/{path} {_owners([*unit_logins, *own])}")
            lines.append(f"/{files.prefix}attachments/{app_id}/ {_owners([*unit_logins, *own])}")
        for member_id, member in sorted(files.members().items()):
            lines.append(f"/{files.prefix}ballots/{member_id}.yaml {_owners([*_logins(member), *own])}")
        lines.append("")
    return "\n".join(lines)
