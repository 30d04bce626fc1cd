"""Registers jobarchitecture's strategies with hypothesis, so that
``st.from_type(Family)`` and friends work without set-up.

Hypothesis calls :func:`_hypothesis_setup_hook` (entry point group ``hypothesis``)
while it is being imported. This module imports nothing at import time; the hook
imports the model classes it registers, and registers a function per class, so
that ``jobarchitecture.strategies`` is imported only when hypothesis first
resolves one of them.
"""

from __future__ import annotations

from typing import Any


def _lazy(name: str) -> Any:
    def resolve(_type: type) -> Any:
        from jobarchitecture import strategies

        return getattr(strategies, name)()

    return resolve


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from jobarchitecture._classify import Classification
    from jobarchitecture._classify._rules import Rule
    from jobarchitecture._model import Family, Level, Scale, Text
    from jobarchitecture._profile import JobProfile

    def any_level(_type: type) -> Any:
        from jobarchitecture import strategies

        return strategies.scales().flatmap(strategies.levels)

    st.register_type_strategy(Family, _lazy("families"))
    st.register_type_strategy(Scale, _lazy("scales"))
    st.register_type_strategy(Level, any_level)
    st.register_type_strategy(Text, _lazy("texts"))
    st.register_type_strategy(Rule, _lazy("rules"))
    st.register_type_strategy(Classification, _lazy("classifications"))
    st.register_type_strategy(JobProfile, _lazy("job_profiles"))
