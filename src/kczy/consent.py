"""A registered partner takes part only with its consent: `partners/<unit>.yaml`, written by that unit.

An application may name another registered unit as its partner, and that name is published on the
notice. The named unit confirms by listing the application in its own file `partners/<unit>.yaml`
(`confirms:`), which only its own accounts (or the secretariat, recording a written confirmation) may
change: `kczy check-pr` holds it to that, as it holds an application to its applicant. For 一企一对接
the signed agreement among the attachments is the evidence, and no confirmation is asked for.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from kczy.findings import Finding
from kczy.roundfiles import ParsedFile, RoundFiles

AGREEMENT_TYPES = ("yiqi-yiduijie",)
"""Types whose signed agreement (a required attachment) already shows the partner's consent."""


def confirmation_path(files: RoundFiles, unit: str) -> str:
    return f"{files.prefix}partners/{unit}.yaml"


def confirmed(files: RoundFiles, unit: str) -> set[str]:
    """The applications `unit` confirms in its `partners/<unit>.yaml` (nothing when missing or unreadable)."""
    path = confirmation_path(files, unit)
    document = files.parse(path) if path in files.roles else None
    confirms = document.data.get("confirms") if document is not None else None
    return {x for x in confirms if isinstance(x, str)} if isinstance(confirms, list) else set()


def check_partner_consent(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    """An application of a real round: each registered unit it names as partner has confirmed it.
    (A sample round's units are invented: its confirmations show the form, nothing is enforced.)"""
    if parsed.document is None or parsed.role.type_id in AGREEMENT_TYPES:
        return
    if files.settings.sample:
        return
    units = files.unit_registry.entries  # empty when units.yaml cannot be read: its findings say why
    by_name = {_name_key(entry.name): unit_id for unit_id, entry in units.items()}
    application = files.application(parsed.path)
    if application is None:  # the rules read only files of the shape they read
        return
    for partner in application.partners:
        name, index = partner.name, partner.at[-1]
        registered = by_name.get(_name_key(name)) if name is not None and name.strip() else None
        if registered is not None:  # a registered unit written as an outside organisation: its consent too
            line, column = application.place(*partner.at, "name")
            yield Finding(parsed.path, line, column, "cross.partner-registered-by-name",
                          {"name": name, "unit": registered}, f"/partners/{index}/name")
            continue
        unit = partner.unit
        if unit is None or unit not in units or parsed.role.file_id in confirmed(files, unit):
            continue
        line, column = application.place(*partner.at, "unit")
        yield Finding(
            parsed.path, line, column, "cross.partner-unconfirmed",
            {"unit": unit, "name": units[unit].name, "application": parsed.role.file_id,
             "file": f"partners/{unit}.yaml"},
            f"/partners/{index}/unit",
        )


def _name_key(name: object) -> str:
    """A unit's name as two writings of it compare: NFKC (full-width letters), no spaces, any case."""
    text = unicodedata.normalize("NFKC", name) if isinstance(name, str) else ""
    return "".join(text.split()).casefold()


def check_confirmation(files: RoundFiles, parsed: ParsedFile) -> Iterator[Finding]:
    """partners/<unit>.yaml: its unit is the file's and registered; each application it confirms exists
    and names the unit as partner."""
    if parsed.document is None:
        return
    unit = parsed.data.get("unit")
    if isinstance(unit, str) and unit != parsed.role.file_id:
        line, column = parsed.document.place(("unit",))
        yield Finding(parsed.path, line, column, "layout.unit-mismatch",
                      {"unit": unit, "name": parsed.role.file_id}, "/unit")
    elif isinstance(unit, str) and files.unit_registry.entries and unit not in files.unit_registry.entries:
        line, column = parsed.document.place(("unit",))
        yield Finding(parsed.path, line, column, "cross.confirmation-unknown-unit", {"unit": unit}, "/unit")
    confirms = parsed.data.get("confirms")
    applications = files.application_paths()
    for index, app_id in enumerate(confirms if isinstance(confirms, list) else []):
        if not isinstance(app_id, str):
            continue
        app_path = applications.get(app_id)
        document = files.parse(app_path) if app_path is not None else None
        partners = document.data.get("partners") if document is not None else None
        named = isinstance(partners, list) and any(
            isinstance(p, dict) and p.get("unit") == parsed.role.file_id for p in partners
        )
        if not named:
            line, column = parsed.document.place(("confirms", index))
            yield Finding(parsed.path, line, column, "cross.confirms-unnamed",
                          {"application": app_id}, f"/confirms/{index}")
