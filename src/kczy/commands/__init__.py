"""The sub-commands of `kczy`: one module per command in this package, each with HELP, DESCRIPTION,
configure(parser) and run(args).

A command's module is imported only when that command runs (`kczy --help` imports them all, for their
HELP lines), so `kczy validate` does not pay for git or pypdf. To add a command: write
`kczy/commands/<module>.py` and add one line `"<command>": "<module>"` to COMMANDS. Keep heavy imports
(git, pypdf, jsonschema) inside the functions that need them.
"""

from __future__ import annotations

import importlib
from types import ModuleType

COMMANDS: dict[str, str] = {
    "validate": "validate",
    "new": "new",
    "status": "status",
    "tally": "tally",
    "check-pr": "check_pr",
    "verify": "verify",
    "approve": "approve",
    "retire": "retire",
    "dossier": "dossier",
    "documents": "documents",
    "codeowners": "codeowners",
    "keys": "keys",
    "seal": "seal",
    "allowed-signers": "allowed_signers",
    "site": "site",
}
"""Command name → module in `kczy.commands`, in the order `kczy --help` lists them."""


def load_command(name: str) -> ModuleType:
    """The module of command `name` (imported now, on first use)."""
    return importlib.import_module(f"{__name__}.{COMMANDS[name]}")
