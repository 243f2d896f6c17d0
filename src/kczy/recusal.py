"""Recusal (回避): a member may not vote for an application that one of the member's affiliations
applied for or takes part in as a partner. Pure; the tally, the ballot template and the dossier ask here."""

from __future__ import annotations

from collections.abc import Iterable

from kczy.readers import Application


def recused_units(affiliations: Iterable[str], application: Application | None) -> list[str]:
    """A member's affiliations (`kczy.registries.Member.affiliations`) involved in the application (its
    applicant and partners named by unit id, `kczy.readers.Application.units`; empty: no recusal), sorted.
    An application that cannot be read involves nobody (its findings stop the tally)."""
    return sorted(application.units & set(affiliations)) if application is not None else []
