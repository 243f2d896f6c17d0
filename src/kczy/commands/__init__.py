"""The sub-commands of `kczy`, each a module with HELP, DESCRIPTION, configure(parser) and run(args)."""

from types import ModuleType

from kczy.commands import (
    allowed_signers,
    check_pr,
    codeowners,
    keys,
    new,
    seal,
    status,
    tally,
    validate,
    verify,
)

COMMANDS: dict[str, ModuleType] = {
    "validate": validate,
    "new": new,
    "status": status,
    "tally": tally,
    "check-pr": check_pr,
    "verify": verify,
    "codeowners": codeowners,
    "keys": keys,
    "seal": seal,
    "allowed-signers": allowed_signers,
}
