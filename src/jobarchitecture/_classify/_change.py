"""A change of one rating, as :meth:`Classification.to_reach` proposes it.

Its own module so that a cold ``classify`` does not create the class.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class Change:
    """One change of a rating: set *criterion* from *from_level* to *to_level*.

    Attributes:
        criterion: The criterion's code.
        from_level: The current rating (``"C"`` or a span ``"C..B"``), None when unrated.
        to_level: The level to rate it at.
    """

    criterion: str
    from_level: str | None
    to_level: str

    def __str__(self) -> str:
        return f"{self.criterion}: {self.from_level or '-'} -> {self.to_level}"
