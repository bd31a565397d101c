"""Two kinds of failure: the user's/environment's (a message saying what to do) and bugs.

Only `UserError` is caught at the boundaries (CLI, one UI action) and shown as a message;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class ReaderError(Exception):
    """Base of the errors this program raises on purpose."""


class UserError(ReaderError):
    """Bad input or a bad environment: say what is wrong and what to do.

    Args:
        message: what is wrong, naming the file or value concerned.
        hint: what the user can do about it (optional).
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message
