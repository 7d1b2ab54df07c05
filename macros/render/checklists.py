"""Checklist pages: tick on a phone, print as A4 forms.

Python decides what each checklist shows (links, step groups, counts); the templates in
`macros/render/templates/checklists/` only print it and `overrides/assets/js/checklist.js` adds the
ticking. Ids are the contract: the container carries `data-checklist="<checklist id>"`, each
checkbox `data-item="<item id>"`, and the browser saves ticks under those ids, never positions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from markupsafe import Markup

from ..content.model import Checklist, ChecklistItem, Procedure, Step
from ..content.urls import CHECKLISTS_PRINT_URL, CHECKLISTS_URL, checklist_url
from .escape import anchor, css_string, json_text
from .printouts import print_footer
from .renderer import Link, Renderer

# The fields at the top of the paper form, in print order, with the key a saved record keeps
# them under: a printed record fills them in, a blank form leaves them empty.
FORM_FIELDS: Final = (("网点", "site"), ("姓名", "name"), ("日期", "day"), ("班次", "shift"))
# Who fills them in on the phone (the day is the record's own).
WHO_FIELDS: Final = (("姓名", "name"), ("网点", "site"), ("班次", "shift"))
SIGN_FIELD: Final = "签字"  # the one signature line of a checklist that names no signers
TIME_FIELD: Final = "时间"
# Every form ends with the supervisor's or inspector's sign-off.
CHECK_FIELDS: Final = ("主管/检查人签字", "检查时间")
# How long the phone keeps each day's records (the issue asks for at least 30 days).
KEEP_DAYS: Final = 60
# The longest note a record keeps: a complaint's cause, course and outcome (处理投诉's last
# step asks for them) in a few sentences; a record with it still prints on one A4 sheet.
NOTE_LENGTH: Final = 200


@dataclass(frozen=True)
class ItemView:
    item: ChecklistItem
    refs: list[Link]
    editor: dict[str, Any]  # the editor view's lines (renderer.editor_meta)


@dataclass(frozen=True)
class GroupView:
    """Consecutive items under one heading; `heading` is empty for a plain list."""

    heading: str
    items: list[ItemView]


@dataclass(frozen=True)
class ChecklistView:
    checklist: Checklist
    groups: list[GroupView]
    href: Markup
    editor: dict[str, Any]

    @property
    def count(self) -> int:
        return len(self.checklist.items)

    @property
    def critical(self) -> int:
        return sum(item.critical for item in self.checklist.items)

    @property
    def signatures(self) -> list[str]:
        """The signature lines in print order, two a row: the signers (with a time beside a
        lone one), then the supervisor's sign-off and its time."""
        staff = [f"{name}签字" for name in self.checklist.signers] or [SIGN_FIELD]
        if len(staff) % 2:
            staff.append(TIME_FIELD)
        return [*staff, *CHECK_FIELDS]

    @property
    def item_ids(self) -> Markup:
        """Space-separated item ids for `data-items` (ids are checked: no spaces, no quotes)."""
        return Markup(" ".join(anchor(item.id) for item in self.checklist.items))

    @property
    def critical_ids(self) -> Markup:
        """The required items' ids, the same way, for `data-must`."""
        required = (item for item in self.checklist.items if item.critical)
        return Markup(" ".join(anchor(item.id) for item in required))


def find_checklist(renderer: Renderer, ident: str) -> Checklist:
    for checklist in renderer.handbook.checklists.checklists:
        if checklist.id == ident:
            return checklist
    known = ", ".join(c.id for c in renderer.handbook.checklists.checklists)
    raise KeyError(f"checklist_page: no checklist “{ident}” in content/checklists.yml ({known})")


def followed_procedure(renderer: Renderer, checklist: Checklist) -> Procedure | None:
    """The procedure a checklist walks through step by step, if it does.

    That is the case when every item's first reference is a step of one and the same
    procedure (the complaint checklist and the seven complaint steps); its items are then
    shown under the steps' names.
    """
    steps_of: dict[str, Procedure] = {}
    for entry in renderer.handbook.entries("procedure"):
        assert isinstance(entry, Procedure)
        for step in entry.steps:
            steps_of[step.id] = entry
    owners = [steps_of.get(item.refs[0]) for item in checklist.items]
    first = owners[0]
    if first is not None and all(owner is first for owner in owners):
        return first
    return None


def group_items(renderer: Renderer, checklist: Checklist) -> list[GroupView]:
    def view(item: ChecklistItem) -> ItemView:
        return ItemView(
            item, [renderer.link(ident) for ident in item.refs], renderer.editor_meta(item)
        )

    procedure = followed_procedure(renderer, checklist)
    if procedure is None:
        return [GroupView("", [view(item) for item in checklist.items])]
    number = {step.id: index for index, step in enumerate(procedure.steps, start=1)}
    groups: list[GroupView] = []
    current = ""
    for item in checklist.items:
        step = renderer.handbook.get(item.refs[0])
        assert isinstance(step, Step)
        heading = f"第 {number[step.id]} 步 · {step.name}"
        if heading != current or not groups:
            groups.append(GroupView(heading, []))
            current = heading
        groups[-1].items.append(view(item))
    return groups


def checklist_view(renderer: Renderer, checklist: Checklist) -> ChecklistView:
    return ChecklistView(
        checklist=checklist,
        groups=group_items(renderer, checklist),
        href=Markup(renderer.links.href_page(checklist_url(checklist.id))),
        editor=renderer.editor_meta(checklist),
    )


def records_data(views: list[ChecklistView]) -> Markup:
    """What the index page's history and CSV export need to name a saved record's items:
    each checklist's id, title, page and items ([id, text, critical]), in the handbook's order."""
    return json_text(
        [
            {
                "id": view.checklist.id,
                "title": view.checklist.title,
                "href": str(view.href),
                "items": [[i.id, i.text, i.critical] for i in view.checklist.items],
            }
            for view in views
        ]
    )


def _context(renderer: Renderer, **extra: Any) -> dict[str, Any]:
    start = renderer.handbook.checklists.day_start_hour
    return {
        "fields": FORM_FIELDS,
        "who_fields": WHO_FIELDS,
        "version": renderer.site.version_of(renderer.handbook.checklists.where.file),
        "day_start": start,
        "day_start_text": f"{start:02d}:00",
        "keep_days": KEEP_DAYS,
        "note_length": NOTE_LENGTH,
        "print_all_href": Markup(renderer.links.href_page(CHECKLISTS_PRINT_URL)),
        "index_href": Markup(renderer.links.href_page(CHECKLISTS_URL)),
        **extra,
    }


def render_index(renderer: Renderer) -> str:
    """The checklists landing page: each checklist with when, summary, counts and progress,
    then the records this phone keeps (filled in by checklist.js)."""
    views = [checklist_view(renderer, c) for c in renderer.handbook.checklists.checklists]
    return renderer.render(
        "checklists/index.html",
        **_context(
            renderer, file=renderer.handbook.checklists, views=views, data=records_data(views)
        ),
    )


def render_page(renderer: Renderer, ident: str) -> str:
    """One checklist to tick on a phone; printed, it is a one-page A4 form."""
    view = checklist_view(renderer, find_checklist(renderer, ident))
    return renderer.render(
        "checklists/page.html",
        **_context(renderer, view=view, live=True, title_tag=Markup("h1")),
    )


def render_print_all(renderer: Renderer) -> str:
    """Every checklist as a paper form, one per page. Each sheet says at its foot which
    checklist it is, not 打印全部检查表 and its place in the pile: handed out one by one, a
    form read 第 3 / 6 页."""
    checklists = renderer.handbook.checklists
    views = [checklist_view(renderer, c) for c in checklists.checklists]
    version = renderer.site.version_of(checklists.where.file)
    footers = [
        css_string(print_footer(renderer.site.site_name, c.title, version))
        for c in checklists.checklists
    ]
    return renderer.render(
        "checklists/print_all.html",
        **_context(renderer, views=views, footers=footers, live=False, title_tag=Markup("h2")),
    )
