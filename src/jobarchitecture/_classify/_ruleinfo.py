"""A rule as ``jobarchitecture rules`` lists it: its own module, so that a cold
``classify`` does not create the class."""

from __future__ import annotations

import attrs


@attrs.frozen
class RuleInfo:
    """A classification rule (indelingsregel) as ``jobarchitecture rules`` lists it.

    Attributes:
        name: The name the rule is used by.
        source: ``"built-in"``, or the distribution, version and entry point it comes from.
        distribution: The distribution's name; None for a built-in.
        version: The distribution's version; None for a built-in.
        laws: The laws the rule declares (names from :data:`LAWS`).
        description: Its one-line description, or None.
        broken: Why the rule cannot be used (it cannot load, is no rule, takes a
            built-in's name, ...); None when it can.
    """

    name: str
    source: str
    distribution: str | None = None
    version: str | None = None
    laws: tuple[str, ...] = ()
    description: str | None = None
    broken: str | None = None

    @property
    def usable(self) -> bool:
        """True when the rule can be used by its name."""
        return self.broken is None
