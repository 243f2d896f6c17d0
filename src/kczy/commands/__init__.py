"""The sub-commands of `kczy`: one module per command in this package, each with HELP, DESCRIPTION,
configure(parser), a frozen dataclass `Options` and `run(options: Options) -> int`.

`configure` adds the command's arguments to its argparse parser; `Options` has one typed field per
argument, named as argparse's dest (`--show-partial` → `show_partial`, `--from` with dest="source" →
`source`; `repo` for the common `--repo`), and nothing else. `kczy.cli.options_for` builds it from the
parsed namespace, so `run` never sees argparse and a test can call `run(Options(...))` in process;
`tests/test_commands.py` checks that each parser produces exactly its Options' fields.

A command's module is imported only when that command runs (`kczy --help` imports them all, for their
HELP lines), so `kczy validate` does not pay for git or pypdf. To add a command: write
`kczy/commands/<module>.py` (HELP, DESCRIPTION, configure, Options, run) and add one line
`"<command>": "<module>"` to COMMANDS. Keep heavy imports (git, pypdf, jsonschema) inside the functions
that need them.
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
