"""The one exception type: the repository or the environment is broken (exit status 2).

Problems in user input are never raised; they are `Finding` values.
"""


class FatalError(Exception):
    """Something outside the input files is wrong: no repository, unreadable schema, bad option."""
