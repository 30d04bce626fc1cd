"""A family that could not be used: its own module, so that a cold start with
no broken plugin does not create the class."""

from __future__ import annotations

import attrs


@attrs.frozen
class BrokenFamily:
    """A family plugin or file that could not be used, and why.

    Attributes:
        code: The code it claims.
        origin: Where it comes from (see :meth:`FamilyInfo.describe`).
        reason: What went wrong, one line per problem.
    """

    code: str
    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.code}: {self.origin}: {self.reason}"
