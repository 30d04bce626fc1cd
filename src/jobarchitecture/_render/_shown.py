"""What a document shows of a family in its language, and how much of it is Dutch.

The renderers share no document tree: Markdown writes lines, HTML fills Jinja2
templates, DOCX adds paragraphs, each walking a :class:`JobProfile` or a
:class:`Comparison` in its own way. What they do share is this: every family text
a document shows goes through one :class:`Shown`, which gives it in the document's
language and counts those that fall back to Dutch. A document says "some text is
in Dutch" when, and only when, its ``Shown`` counted one, so the notice follows
what is on the page rather than what is in the data (a competency's definition
that no profile shows, a role name that is no role).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from .._model import Descriptor, Text, check_lang, connective

if TYPE_CHECKING:
    from .._compare import DescriptorChange, WordRun


@attrs.define
class Shown:
    """The family texts one document shows in *lang*, counting those shown in Dutch.

    Attributes:
        lang: The document's language.
        dutch: How many texts so far were shown in Dutch for want of a translation.
    """

    lang: str = attrs.field(converter=check_lang)
    dutch: int = 0

    def falls_back(self, value: Text) -> bool:
        """Whether *value* has no text in the document's language (and so shows in Dutch)."""
        return self.lang != "nl" and not value.has(self.lang)

    def text(self, value: Text) -> str:
        """*value* in the document's language, counted when it falls back to Dutch."""
        if self.falls_back(value):
            self.dutch += 1
        return value.get(self.lang)

    def sentence(self, activity: Text, connector: str, outcome: Text) -> str:
        """A purpose or result area, ``activity connector outcome``, as it reads in the
        document's language (:func:`jobarchitecture._model.sentence`), each half counted."""
        word = connective(activity, connector, outcome, self.lang)
        parts = (self.text(activity), word, self.text(outcome))
        return " ".join(x for x in parts if x)

    def descriptor(self, descriptor: Descriptor) -> str:
        """*descriptor*'s text (:meth:`Descriptor.text`), each clause counted."""
        for clause in descriptor.clauses:
            self.text(clause.text)
        return descriptor.text(self.lang)

    def change(self, change: DescriptorChange) -> tuple[WordRun, ...]:
        """The word difference of *change*, counted once when its texts fall back to Dutch."""
        if self.lang != "nl" and not change.has(self.lang):
            self.dutch += 1
        return change.diff(self.lang)
