"""Recusal (回避): a member may not vote for an application that one of the member's affiliations
applied for or takes part in as a partner. Pure; the tally, the ballot template and the dossier ask here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def involved_units(data: Mapping[str, Any]) -> frozenset[str]:
    """The registered units of an application: its applicant and every partner named by unit id."""
    applicant = data.get("applicant")
    partners = data.get("partners")
    units = {applicant} if isinstance(applicant, str) else set()
    units |= {
        p["unit"]
        for p in (partners if isinstance(partners, list) else [])
        if isinstance(p, dict) and isinstance(p.get("unit"), str)
    }
    return frozenset(units - {""})


def recused_units(affiliations: Iterable[str], data: Mapping[str, Any]) -> list[str]:
    """A member's affiliations (`kczy.registries.Member.affiliations`) involved in the application (empty:
    no recusal), sorted."""
    return sorted(involved_units(data) & set(affiliations))
