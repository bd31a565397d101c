"""One module per headless subcommand; each exposes `register(subparsers)`."""

from __future__ import annotations

import sys


def warn(message: str) -> None:
    """A warning as one line on stderr, the command going on (e.g. a failed backup: the
    library opened and saves as usual). Pass it as `Library.open(..., warn=warn)`."""
    sys.stderr.write(f"duizhao: warning: {message}\n")
