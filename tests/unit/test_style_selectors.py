"""The styles name entry kinds by class (`.hb-entry--<kind>`): a misspelt kind matches nothing
and its rule is silently lost (paper kept `.hb-entry--service` whole, a kind that does not
exist: service standards are `service_item`)."""

from __future__ import annotations

import re
import typing

from macros.content import model

from ..support import ROOT

KIND_CLASS = re.compile(r"\.hb-entry--([a-z][a-z0-9_-]*)")


def entry_kinds() -> set[str]:
    """Every `kind` an entry of the content model can have."""
    kinds: set[str] = set()
    for cls in vars(model).values():
        if isinstance(cls, type) and issubclass(cls, model.Entry) and cls is not model.Entry:
            kinds.update(typing.get_args(cls.model_fields["kind"].annotation))
    return kinds


def test_every_entry_kind_the_styles_name_exists() -> None:
    kinds = entry_kinds()
    assert {"phrase", "service_item", "customer_type"} <= kinds  # the model is read right
    named = {
        (css.name, kind)
        for css in sorted((ROOT / "overrides" / "assets" / "css").glob("*.css"))
        for kind in KIND_CLASS.findall(css.read_text(encoding="utf-8"))
    }
    assert named, "no style names an entry kind: the pattern no longer fits the CSS"
    assert sorted((css, kind) for css, kind in named if kind not in kinds) == []
