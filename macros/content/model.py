"""The typed content model: one class per kind of entry in `content/*.yml`.

Every class forbids unknown keys and coerces nothing (strict mode), so a typo such as
`titel:` or a number where text belongs is an error, never silently accepted. The loader
attaches where each object came from (file, YAML path) after validation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import MappingProxyType
from typing import Annotated, Any, ClassVar, Final, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from ..phrases.matcher import Matcher
from ..phrases.normalise import normalise
from ..phrases.spec import Phrase as CompiledPhrase
from ..phrases.spec import make_spec
from ..phrases.syntax import (
    PatternCompiler,
    literal_min_length,
    literal_needs,
    literal_text,
    satisfies,
)
from .markers import strip_markers
from .where import Path as KeyPath
from .where import Where


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("不能只有空白")
    return value


def _one_or_many(value: Any) -> Any:
    """Let editors write `source: seed-004` as well as `source: [seed-004, seed-002]`."""
    return [value] if isinstance(value, str) else value


Text = Annotated[str, StringConstraints(min_length=1), AfterValidator(_not_blank)]
# Ids become anchors, storage keys and file names: lower-case words joined by hyphens.
ID_PATTERN: Final = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_MAX_LENGTH: Final = 64
# The load's ids by what editors call their objects (title, name, the 禁语's words), for a
# reference written as the name: methods: [补偿法] for buchang-fa (see loader.id_names).
NAMES_CONTEXT: Final = "id_names"


def _name_for_id(value: Any, info: ValidationInfo) -> Any:
    """A name where an id belongs: said with the id, not only that Chinese is no id."""
    names = info.context.get(NAMES_CONTEXT) if isinstance(info.context, dict) else None
    if not isinstance(value, str) or re.match(ID_PATTERN, value) or not names:
        return value
    if (ident := names.get(name_key(value))) is not None:
        raise ValueError(f"这里要写编号（id），不是名称：“{value}”的编号是 {ident}")
    return value


def name_key(name: str) -> str:
    """A name as the id_names map keys it: 我不知道。 and 我不知道 alike."""
    return name.strip().rstrip("。")


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH),
    BeforeValidator(_name_for_id),  # last: it runs first, and the schema keeps the pattern
]
Texts = list[Text]


def _once_each(values: list[str]) -> list[str]:
    """A word listed twice is a slip (a merge, a copy): say which."""
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"“{value}”写了两次；每个词只写一次")
        seen.add(value)
    return values


# Words search finds an entry by: each once.
Keywords = Annotated[Texts, AfterValidator(_once_each)]
EDITORS_SOURCE: Final = "editors"  # the source id (content/sources.yml) of what editors wrote
# Notes for editors (what the editors added, inferred or corrected): shown in the editor view
# only, never to staff or on paper. One note or a list.
EditorNotes = Annotated[Texts, BeforeValidator(_one_or_many, json_schema_input_type=Text | Texts)]
Sources = Annotated[
    list[Id],
    BeforeValidator(_one_or_many, json_schema_input_type=Id | list[Id]),
    Field(min_length=1),
]


class FieldError(ValueError):
    """A whole object's check whose finding lies in one of its fields: the loader reports it
    at that field's line (`at`, a path below the object), not at the object's first line."""

    def __init__(self, message: str, at: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.at = at


class Ref:
    """A reference to an id elsewhere in the content; `kinds` limits what it may point to."""

    def __init__(
        self, path: tuple[str | int, ...], target: str, kinds: tuple[str, ...] = ()
    ) -> None:
        self.path = path
        self.target = target
        self.kinds = kinds


class Node(BaseModel):
    """Base of every object read from YAML."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=False)
    _where: Where = PrivateAttr(default_factory=Where.unknown)

    @property
    def where(self) -> Where:
        return self._where

    # Fields holding ids of other objects, and the kinds they may name (empty: any kind).
    REFS: ClassVar[dict[str, tuple[str, ...]]] = {}
    # The list of children whose last member an outdented `editor_note` line would leave for
    # this object's own note (valid YAML either way): this object's note comes before the list.
    CHILDREN: ClassVar[str | None] = None
    NAME: ClassVar[str] = "对象"  # what editors call this object in messages

    def references(self) -> Iterator[Ref]:
        """Ids this object points to; the loader checks each one exists and is of the right kind."""
        for name, kinds in self.REFS.items():
            value = getattr(self, name)
            if isinstance(value, str):
                yield Ref((name,), value, kinds)
            else:
                for index, target in enumerate(value):
                    yield Ref((name, index), target, kinds)


def walk_nodes(value: Any, path: KeyPath) -> list[tuple[Node, KeyPath]]:
    """Every object under `value`, parents first, with its key path."""
    found: list[tuple[Node, KeyPath]] = []
    _collect_nodes(value, path, found)
    return found


def _collect_nodes(value: Any, path: KeyPath, found: list[tuple[Node, KeyPath]]) -> None:
    # A list, not a generator: the load walks every file several times, and strings (most
    # fields) are skipped before a call is made for them.
    if isinstance(value, Node):
        found.append((value, path))
        for name in type(value).model_fields:
            child = getattr(value, name)
            if isinstance(child, Node | list):
                _collect_nodes(child, (*path, name), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, Node | list):
                _collect_nodes(item, (*path, index), found)


class Entry(Node):
    """Anything with its own id, anchor and source."""

    label: ClassVar[str] = ""

    kind: str
    id: Id
    source: Sources
    editor_note: EditorNotes = []
    keywords: Keywords = []
    # How staff ask for this entry in their own words ("客户嫌贵怎么回"): found by search,
    # never shown on the page or on paper.
    asked: Texts = []

    @property
    def title_text(self) -> str:
        raise NotImplementedError

    @model_validator(mode="after")
    def _editors_say_what_they_wrote(self) -> Entry:
        if EDITORS_SOURCE in self.source and not self.editor_note:
            raise ValueError(
                f"source 里有 {EDITORS_SOURCE}（编辑写的内容）时，要在 editor_note 里说明写了什么、依据是什么"
            )
        return self

    def children(self) -> Iterator[Node]:
        """Nested objects that carry ids of their own (steps, items)."""
        return iter(())


# --- chapters ---------------------------------------------------------------------------


class Item(Node):
    """One point of a topic's list; `value` holds a figure such as 45%."""

    name: Text
    detail: Text | None = None
    value: Text | None = None


def _item_from_text(value: Any) -> Any:
    return {"name": value} if isinstance(value, str) else value


ItemField = Annotated[Item, BeforeValidator(_item_from_text, json_schema_input_type=Text | Item)]


class Topic(Entry):
    label: ClassVar[str] = "知识点"

    REFS: ClassVar[dict[str, tuple[str, ...]]] = {"related": ()}

    kind: Literal["topic"]
    title: Text
    summary: Text | None = None
    items: list[ItemField] = []
    ordered: bool = True
    # The items are questions a class talks over, each detail the trainer's thoughts on one:
    # the handout prints the questions with room to write, not the thoughts.
    discussion: bool = False
    notes: Texts = []
    related: list[Id] = []  # entries elsewhere that say more, shown as "相关" links

    @property
    def title_text(self) -> str:
        return self.title


# How the phrase checker (话术自查, `python -m macros phrases`) finds a forbidden phrase: its own
# `text` (without the trailing ……/。) always counts; `patterns` add the other ways staff say it,
# and `exceptions` list wordings that contain it but are fine. Both are checked against text
# normalised first: full-width and half-width are the same (Ａ１ = A1), so are upper and lower
# case; spaces are ignored and every run of punctuation counts as one pause. Syntax, for editors:
#
#   普通的字        照字面查找：我们不可能
#   标点            这里可以停顿，也可以不停顿：一分钱，一分货 也能查出“一分钱一分货”
#   (甲|乙)         几种说法任选一种：绝对(不会|不可能)
#   [你您]          方括号里的字任选一个：[你您]别激动
#   ?               半角问号：前面一个字、一组括号或方括号可有可无：这事?不关我的?事
#   *               中间可以夹几个字（最多 8 个，不跨句子）：你*弄错了
#   **              只用在 exceptions 里：中间可以夹更多的字（最多 30 个，不跨句子），用来写
#                   “先说了限度、后面接着给出办法”：我*不(知道|清楚)**我马上(问|查)
#   {名字}          词表（content/checker.yml）里的任何一个说法：{我方}{不管}这(个|事)
#   ^ 开头、$ 结尾  从一句或半句的开头查起（整段开头，句号、逗号、冒号、换行之后）、查到一句话的
#                   结尾（句号、问号、叹号、换行、整段结尾；逗号不算）：^不(知道|清楚)$ 查得出
#                   “不知道。”“好的，不知道。”，查不出“不知道，我帮您查”
#
# Brackets, braces, | and * may be full-width（）｛｝｜【】＊; a full-width ？ right after a
# bracket or brace is "?", after a character an ordinary question mark (a pause).
# Not allowed (each is an error naming the pattern and the place): backslash \, dot ., + { },
# ^ anywhere but first, $ anywhere but last (or in a list's words; with | outside brackets),
# anything starting with (? (lookbehind, named groups, flags), * inside brackets or at either
# end, and patterns that match fewer than 2 characters. Rules: `macros/phrases/syntax.py`.
# The key of pydantic's validation context that carries the pattern compiler of a content load:
# it knows the word lists (content/checker.yml) and compiles each pattern once per load.
COMPILER_CONTEXT: Final = "phrase_compiler"


def compiler_of(info: ValidationInfo) -> PatternCompiler:
    """The load's compiler; outside the loader, one without word lists. Its `lists` are `None`
    (any name is accepted) when content/checker.yml has a mistake of its own."""
    context: Any = info.context
    if isinstance(context, dict) and COMPILER_CONTEXT in context:
        found: PatternCompiler = context[COMPILER_CONTEXT]
        return found
    return PatternCompiler()


def _pattern(value: str, info: ValidationInfo) -> str:
    """The pattern must compile; the message names what is wrong."""
    compiler_of(info)(value)
    return value


def _exception(value: str, info: ValidationInfo) -> str:
    """The same for `exceptions:` items, where `**` is allowed too."""
    compiler_of(info)(value, exception=True)
    return value


Pattern = Annotated[
    str, StringConstraints(min_length=1), AfterValidator(_not_blank), AfterValidator(_pattern)
]
ExceptionPattern = Annotated[
    str,
    StringConstraints(min_length=1),
    AfterValidator(_not_blank),
    AfterValidator(_exception),
]


class NearMiss(Node):
    """A reply that sounds polite yet does what its 禁语 does: a wrong option of the quiz."""

    text: Text
    why: Text


# A 禁语 is one spoken line, and its card is posted at the counter on 禁语速查表 (two A4 pages
# for 62 phrases): a long text or reason passed every check and spilled the sheet onto a third
# page, found only by CI's print test (an editors' audit). The longest today: 14, 62 and 44.
PHRASE_TEXT_MAX: Final = 30
PHRASE_REASON_MAX: Final = 120
PHRASE_ALTERNATIVE_MAX: Final = 80


def _at_most(most: int, why: str, what: str = "") -> AfterValidator:
    """A text of at most `most` characters, and why, said when it has more."""

    def check(text: str) -> str:
        if len(text) > most:
            raise ValueError(f"{what}最多 {most} 个字，这里有 {len(text)} 个字：{why}")
        return text

    return AfterValidator(check)


PhraseText = Annotated[
    Text,
    _at_most(PHRASE_TEXT_MAX, "写员工会说出口的那一句，解释放在 reason 里"),
    Field(json_schema_extra={"maxLength": PHRASE_TEXT_MAX}),
]
PhraseReason = Annotated[
    Text,
    _at_most(PHRASE_REASON_MAX, "一两句话说清为什么不能说：速查表要贴在柜台上"),
    Field(json_schema_extra={"maxLength": PHRASE_REASON_MAX}),
]
PhraseAlternative = Annotated[
    Text,
    _at_most(PHRASE_ALTERNATIVE_MAX, "一条是一句能直接说的话，要说几件事就分成几条"),
    Field(json_schema_extra={"maxLength": PHRASE_ALTERNATIVE_MAX}),
]


class Phrase(Entry):
    """A forbidden phrase (禁语) or complaint taboo (禁忌): what not to say and what instead."""

    label: ClassVar[str] = "禁语"

    REFS: ClassVar[dict[str, tuple[str, ...]]] = {"related": ()}

    kind: Literal["phrase"]
    text: PhraseText
    reason: PhraseReason
    alternatives: Annotated[list[PhraseAlternative], Field(min_length=1)]
    patterns: list[Pattern] = []
    exceptions: list[ExceptionPattern] = []
    related: list[Id] = []
    # Wrong options of the 禁语自测 question "which reply can replace it": without them the
    # other options are rude 禁语, and the one polite sentence gives itself away.
    near_misses: list[NearMiss] = []

    @property
    def title_text(self) -> str:
        return self.text

    @property
    def spoken(self) -> str:
        """The phrase as a colleague says it, without the editors' markers: what the checker
        finds (a 【推断】 after it used to stop the phrase finding itself)."""
        return strip_markers(self.text)

    @field_validator("near_misses")
    @classmethod
    def _near_misses_are_wrong_replies(
        cls, misses: list[NearMiss], info: ValidationInfo
    ) -> list[NearMiss]:
        approved = info.data.get("alternatives", [])
        seen: set[str] = set()
        for miss in misses:
            if miss.text in approved:
                raise ValueError(
                    f"“{miss.text}”既写在 alternatives（可以这样说）里，"
                    "又写在 near_misses（听着客气也不行）里：只能留在一处"
                )
            if miss.text in seen:
                raise ValueError(f"“{miss.text}”写了两次；每句只写一次")
            seen.add(miss.text)
        return misses

    @model_validator(mode="after")
    def _checkable(self, info: ValidationInfo) -> Phrase:
        """The phrase's own text must be findable, and its alternatives must not be found."""
        said = self.spoken
        if literal_min_length(said) < 2:
            raise ValueError("禁语原文去掉标点后至少要有 2 个字，否则话术自查无法查找")
        compile = compiler_of(info)
        lists = compile.lists
        if lists is None:
            return self  # the word lists have a mistake of their own: reported there
        own = (literal_text(said), literal_needs(said))
        matches = [own, *((c.regex, c.needs) for c in map(compile, self.patterns))]
        excepts = [compile(p, exception=True) for p in self.exceptions]
        for index, text in enumerate(self.alternatives):
            # Only the regexes that can match this text are compiled and run: the others can
            # neither find it nor, for exceptions, take a finding back.
            present = set(normalise(text).text)
            match = list(dict.fromkeys(r for r, needs in matches if satisfies(present, needs)))
            if not match:
                continue
            spec: CompiledPhrase = {
                "id": self.id,
                "text": said,
                "match": match,
                "except": [c.regex for c in excepts if satisfies(present, c.needs)],
            }
            matcher = Matcher(make_spec([spec], lists))
            found = matcher.find(text)
            if found:
                raise FieldError(
                    f"替代说法“{text}”里的“{found[0].text}”会被这条禁语的写法查出来："
                    "员工照着说，话术自查会说他说了禁语。请换个说法；这里的用法确实没问题时，"
                    "在 exceptions 里写上这种说法",
                    ("alternatives", index),
                )
        return self


class Rewrite(Entry):
    """A rewording rule with its 忌说/改说 example pair."""

    label: ClassVar[str] = "措辞改写"

    kind: Literal["rewrite"]
    title: Text
    point: Text
    avoid: Annotated[Texts, Field(min_length=1)]
    say: Annotated[Texts, Field(min_length=1)]

    @property
    def title_text(self) -> str:
        return self.title


class ApprovedPhrase(Entry):
    label: ClassVar[str] = "规范用语"

    kind: Literal["approved"]
    text: Text
    use: Text

    @property
    def title_text(self) -> str:
        return self.text


class Dialogue(Entry):
    """A customer line, a poor reply from the seeds, what is wrong, and a better reply."""

    label: ClassVar[str] = "对话示例"

    kind: Literal["dialogue"]
    customer: Text
    reply: Text
    problem: Text
    better: Text
    # replies that sound better yet go wrong too: the quiz's other wrong options, beside the
    # seed's curt one (which, alone against the better reply, gave the answer away)
    near_misses: list[NearMiss] = []
    # false: 对练 leaves the line out, a scene that is not a counter's (the seed's shop and
    # training school), which staff practising took for services of their own
    practice: bool = True

    @property
    def title_text(self) -> str:
        return self.customer


class Step(Node):
    REFS: ClassVar[dict[str, tuple[str, ...]]] = {"avoid": ("phrase",)}

    id: Id
    name: Text
    detail: Text | None = None
    do: Texts = []
    say: Texts = []
    asked: Texts = []  # how staff ask for this step: found by search, never shown
    avoid: list[Id] = []
    questions: Texts = []
    tips: Texts = []
    editor_note: EditorNotes = []


class Procedure(Entry):
    """An ordered sequence of named steps (complaint steps, teaching steps, ...)."""

    label: ClassVar[str] = "流程"  # its steps are 步骤 (changes.py)

    REFS: ClassVar[dict[str, tuple[str, ...]]] = {"related": ()}

    kind: Literal["procedure"]
    title: Text
    summary: Text | None = None
    steps: Annotated[list[Step], Field(min_length=2)]
    notes: Texts = []
    related: list[Id] = []  # procedures for a neighbouring moment (a late callback, a threat)

    @property
    def title_text(self) -> str:
        return self.title

    def children(self) -> Iterator[Node]:
        return iter(self.steps)


class Turn(Node):
    who: Literal["客户", "员工"]
    text: Text


class Method(Entry):
    """A named technique: objection handling (异议处理法) or closing (成交法)."""

    label: ClassVar[str] = "方法"

    kind: Literal["method"]
    name: Text
    summary: Text
    when: Text
    steps: Texts = []
    example: Annotated[list[Turn], Field(min_length=1)]
    caution: Text | None = None
    # 对练 asks the example's first 客户 line and takes the 员工 answer after it as the model;
    # false: a method whose example the worker opens (SPIN's questions) is not practised so.
    practice: bool = True

    @property
    def title_text(self) -> str:
        return self.name


class Objection(Entry):
    """A sentence customers say, the methods that fit it and a sample reply."""

    label: ClassVar[str] = "常见异议"

    REFS: ClassVar[dict[str, tuple[str, ...]]] = {"methods": ("method",)}

    kind: Literal["objection"]
    text: Text
    category: Text
    # Empty where no method fits: a plain refusal (我不感兴趣) is respected, not worked on.
    methods: list[Id]
    reply: Text

    @property
    def title_text(self) -> str:
        return self.text


class CustomerType(Entry):
    label: ClassVar[str] = "客户类型"

    kind: Literal["customer_type"]
    name: Text
    traits: Text
    strategy: Annotated[Texts, Field(min_length=1)]
    do: Texts = []
    dont: Texts = []

    @property
    def title_text(self) -> str:
        return self.name


class ServiceItem(Entry):
    """A row of the basic service items table (基础服务项目一览表)."""

    label: ClassVar[str] = "服务项目"

    kind: Literal["service_item"]
    stage: Literal["销售", "签约", "续期", "其他"]
    number: Annotated[int, Field(ge=1)]
    name: Text
    owner: Literal["总公司", "机构"]
    standard: Text

    @property
    def title_text(self) -> str:
        return self.name


AnyEntry = Annotated[
    Topic
    | Phrase
    | Rewrite
    | ApprovedPhrase
    | Dialogue
    | Procedure
    | Method
    | Objection
    | CustomerType
    | ServiceItem,
    Field(discriminator="kind"),
]

ENTRY_TYPES: tuple[type[Entry], ...] = (
    Topic,
    Phrase,
    Rewrite,
    ApprovedPhrase,
    Dialogue,
    Procedure,
    Method,
    Objection,
    CustomerType,
    ServiceItem,
)


# Written in a section's summary, stands for how many entries the section has ("这 {条数} 句话"),
# so the prose stays right when editors add or remove an entry.
ENTRY_COUNT: Final = "{条数}"


# Braces of any width, with what they hold: each must be exactly {条数}.
_PLACEHOLDER: Final = re.compile(r"[{｛]+[^{}｛｝]*[}｝]+")


def _placeholders(value: str) -> str:
    """A misspelt {条数} would reach staff as it is written ({条目数}, ｛条数｝, {{条数}})."""
    for written in _PLACEHOLDER.findall(value):
        if written != ENTRY_COUNT:
            raise ValueError(
                f"“{written}”不认识：小节说明里只能用 {ENTRY_COUNT}（半角花括号，中间不加空格）"
                "代表这一节有几条"
            )
    return value


class Section(Node):
    CHILDREN = "entries"
    NAME = "小节"

    id: Id
    title: Text
    # may say {条数}: the number of entries
    summary: Annotated[Text, AfterValidator(_placeholders)] | None = None
    # how staff ask for the section as a whole ("服务禁语有哪些"): found by search, never shown
    asked: Texts = []
    editor_note: EditorNotes = []
    entries: Annotated[list[AnyEntry], Field(min_length=1)]

    @property
    def summary_text(self) -> str:
        """The summary as readers see it, {条数} filled in."""
        return (self.summary or "").replace(ENTRY_COUNT, str(len(self.entries)))


class Chapter(Node):
    """One content file that becomes one handbook page."""

    CHILDREN = "sections"
    NAME = "章节"

    title: Text
    summary: Text
    keywords: Keywords = []
    # Who the page is for: "trainers" pages (course material) rank below staff pages in search,
    # so a counter question finds the answer, not the role-play that rehearses it.
    audience: Literal["staff", "trainers"] = "staff"
    editor_note: EditorNotes = []
    sections: Annotated[list[Section], Field(min_length=1)]


# --- sources ----------------------------------------------------------------------------


class Source(Node):
    id: Id
    title: Text
    file: Text | None = None
    description: Text


class SourcesFile(Node):
    sources: Annotated[list[Source], Field(min_length=1)]


def kind_name(cls: type[Entry]) -> str:
    """The `kind:` value a class of entry is written with (its `Literal` annotation)."""
    (name,) = get_args(cls.model_fields["kind"].annotation)
    return str(name)


# --- checklists -------------------------------------------------------------------------


# What a checklist item may point to: any handbook entry, a procedure step or a section
# (the page shows a link to each), never a checklist, a quiz or a source.
CHECKLIST_REF_KINDS: tuple[str, ...] = (
    *(kind_name(cls) for cls in ENTRY_TYPES),
    "step",
    "section",
)


# A checklist is ticked on a phone and printed on one A4 form: a limit on its items and on
# their length keeps both (tests/test_printouts.py prints every checklist to check the paper).
CHECKLIST_MAX_ITEMS: Final = 16
CHECKLIST_MIN_ITEMS: Final = 5  # fewer: merge it into a related checklist
CHECKLIST_ITEM_MAX_CHARS: Final = 50


_short_item = _at_most(
    CHECKLIST_ITEM_MAX_CHARS,
    "一项只写一件要做的事，做法和理由写在 refs 所链接的条目里（页面上“看依据”会链接过去）",
    what="一项",
)


# A finding of an object's own check: what is wrong, and where below the object it lies.
Finding = tuple[str, tuple[str | int, ...]]


def findings_of(found: list[Finding], data: Any) -> list[InitErrorDetails]:
    return [
        {"type": "value_error", "loc": at, "input": data, "ctx": {"error": ValueError(message)}}
        for message, at in found
    ]


def said_together(
    title: str, own: list[InitErrorDetails], fields: ValidationError | None = None
) -> ValidationError:
    """An object's own findings with its fields' errors, in one error: pydantic stops at the
    fields, and an editor learnt of the object's own slips only on the next run."""
    inside: list[InitErrorDetails] = [
        {"type": e["type"], "loc": e["loc"], "input": e["input"], "ctx": e.get("ctx", {})}
        for e in (fields.errors() if fields else [])
    ]
    return ValidationError.from_exception_data(fields.title if fields else title, [*inside, *own])


def _fits_one_form(items: Any, validate: ValidatorFunctionWrapHandler) -> Any:
    """At most CHECKLIST_MAX_ITEMS items, said together with any mistake inside the items (an
    editor who added items learns both at once)."""
    if not isinstance(items, list) or len(items) <= CHECKLIST_MAX_ITEMS:
        return validate(items)
    too_many = PydanticCustomError(
        "too_many_items",
        "一张检查表最多 {most} 项（打印出来只有一张 A4 纸），这里有 {count} 项："
        "请合并相近的项、删掉重复的，或拆成两张表",
        {"most": CHECKLIST_MAX_ITEMS, "count": len(items)},
    )
    try:
        validate(items)
    except ValidationError as error:
        own: list[InitErrorDetails] = [{"type": too_many, "loc": (), "input": items}]
        raise said_together("items", own, error) from None
    raise too_many


class ChecklistItem(Node):
    """One thing to tick; its id keys the saved tick, so rewording or moving it keeps the tick."""

    REFS: ClassVar[dict[str, tuple[str, ...]]] = {"refs": CHECKLIST_REF_KINDS}

    id: Id
    text: Annotated[
        Text,
        _short_item,
        Field(json_schema_extra={"maxLength": CHECKLIST_ITEM_MAX_CHARS}),
    ]
    critical: bool = False
    refs: Annotated[list[Id], Field(min_length=1)]
    editor_note: EditorNotes = []


class Checklist(Node):
    CHILDREN = "items"
    NAME = "检查表"

    id: Id
    title: Text
    when: Text
    summary: Text | None = None
    # Who signs the paper form, one signature line each (交接班: 交班人, 接班人); empty: the
    # person who filled it in. A supervisor's sign-off follows on every form.
    signers: Texts = []
    keywords: Keywords = []  # how staff name the moment it is for (开门前, 下班): found by search
    asked: Texts = []  # how staff ask for this checklist: found by search, never shown
    source: Sources
    editor_note: EditorNotes = []
    items: Annotated[
        list[ChecklistItem],
        Field(min_length=1, json_schema_extra={"maxItems": CHECKLIST_MAX_ITEMS}),
        WrapValidator(_fits_one_form),
    ]

    @model_validator(mode="after")
    def _a_whole_form(self) -> Checklist:
        """What makes a form worth a page (the tests alone had said it, so check and the
        preview were green and CI red), said all at once."""
        found: list[Finding] = []
        if len(self.items) < CHECKLIST_MIN_ITEMS:
            found.append(
                (
                    f"只有 {len(self.items)} 项：一张表至少 {CHECKLIST_MIN_ITEMS} 项，"
                    "少的请并进相近的表",
                    ("items",),
                )
            )
        if not any(item.critical for item in self.items):
            found.append(("没有必做的项：至少一项写 critical: true", ("items",)))
        if not self.editor_note:
            found.append(
                ("缺少 editor_note：写明各项是从哪些条目整理出来的（课件里没有现成的表）", ())
            )
        if found:
            raise said_together(type(self).__name__, findings_of(found, self))
        return self


def _hour_of_day(value: Any) -> Any:
    """The hour a checklist day starts: an integer 0–23, with the reason when it is not."""
    wanted = "应为 0 到 23 的整数：每天几点起算新的一张表，例如 4 表示凌晨 4 点"
    if isinstance(value, str) and ":" in value:
        raise ValueError(f"{wanted}；只写小时数，不写成“{value}”")
    if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value <= 23:
        raise ValueError(f"{wanted}；这里是 {value}")
    return value


class ChecklistsFile(Node):
    title: Text
    summary: Text
    # The checklist day starts at this hour, not at midnight: a night shift's ticks after 00:00
    # still belong to its own day's checklist.
    day_start_hour: Annotated[
        int,
        BeforeValidator(_hour_of_day),
        Field(json_schema_extra={"minimum": 0, "maximum": 23}),
    ] = 4
    checklists: Annotated[list[Checklist], Field(min_length=1)]


# --- quizzes ----------------------------------------------------------------------------

# What a question may point to: any handbook entry, a procedure step or a section. The
# explanation links to that anchor, and the question counts towards that chapter's quiz.
QUESTION_REF_KINDS: tuple[str, ...] = (
    *(kind_name(cls) for cls in ENTRY_TYPES),
    "step",
    "section",
)

# Drill generators (macros/content/drills.py) a quiz may use; each builds questions from the entries
# of the quiz's chapters, so drills follow the handbook whenever it changes.
DrillName = Literal[
    "reply",  # 禁语 → which sentence may be said
    "dialogue",  # 对话示例 → which reply is better
    "rewrite",  # 措辞改写 → which wording follows the rule
    "method",  # 方法的柜台示例 → which method is this (within one chapter)
    "objection",  # 常见异议 → which methods the handbook suggests
    "next-step",  # 步骤 → what comes next
    "customer-type",  # 客户类型 → which type / what to do
]
# What editors and reviewers call the questions each drill makes (the change summary).
DRILL_WORDS: Final[MappingProxyType[str, str]] = MappingProxyType(
    {
        "reply": "禁语换说法题",
        "dialogue": "对话示例题",
        "rewrite": "措辞改写题",
        "method": "认方法题",
        "objection": "异议应对题",
        "next-step": "下一步题",
        "customer-type": "客户类型题",
    }
)


class Option(Node):
    text: Text
    correct: bool = False
    # What is wrong with this option: shown to a reader who chose it, and in the answer key
    # (only a wrong option has one: Question checks it with the question's other rules).
    why: Text | None = None


def _question_findings(data: Any) -> list[InitErrorDetails]:
    """What is wrong with a question as a whole (its type, answer and options together), read
    from what was written: pydantic skips a model's own check once one of its fields failed,
    and an editor fixing two slips in one question learnt of the second only on the next run."""
    if not isinstance(data, dict):
        return []
    options = data.get("options") or []
    options = options if isinstance(options, list) else []
    # As written in YAML, or built by the drills and tests
    options = [o.model_dump(exclude_defaults=True) if isinstance(o, Option) else o for o in options]
    written = [option for option in options if isinstance(option, dict)]
    found: list[Finding] = []
    kind, answer = data.get("type"), data.get("answer")
    if kind == "truefalse":
        if options:
            found.append(("判断题不写 options，用 answer: true 或 false", ()))
        if answer is None:
            found.append(("判断题必须写 answer: true 或 false", ()))
    elif kind in ("single", "multiple"):
        if isinstance(answer, bool):  # any other answer is wrong as a value, said there
            found.append(("选择题不写 answer，在正确选项上写 correct: true", ()))
        correct = sum(option.get("correct") is True for option in written)
        if len(options) < 2:
            found.append(("选择题至少需要 2 个 options", ()))
        elif kind == "single" and correct != 1:
            found.append((f"单选题必须恰好有 1 个 correct: true 的选项（现在有 {correct} 个）", ()))
        elif kind == "multiple" and correct < 2:
            found.append((f"多选题至少要有 2 个 correct: true 的选项（现在有 {correct} 个）", ()))
    for index, option in enumerate(options):
        if isinstance(option, dict) and option.get("correct") is True and "why" in option:
            message = "正确选项不写 why；为什么对，写在题目的 explanation 里"
            found.append((message, ("options", index, "why")))
    texts = [option["text"] for option in written if isinstance(option.get("text"), str)]
    if twice := [text for text in dict.fromkeys(texts) if texts.count(text) > 1]:
        found.append((f"选项文字有重复：“{twice[0]}”写了 {texts.count(twice[0])} 次", ()))
    # Said at the question's first line, which may be far above its options: which one.
    ident = data.get("id")
    if isinstance(ident, str) and ident:
        found = [
            (f"这一题（{ident}）：{message}" if not at else message, at) for message, at in found
        ]
    return findings_of(found, data)


class Question(Node):
    """A hand-written question; it belongs to the quiz that covers the chapter of `ref`."""

    REFS: ClassVar[dict[str, tuple[str, ...]]] = {"ref": QUESTION_REF_KINDS}

    id: Id
    type: Literal["single", "multiple", "truefalse"]
    question: Text
    options: list[Option] = []
    # Options in an order of their own (levels, amounts, the letters of FABE): asked as
    # written. Otherwise a single-choice question's right option is moved so that each
    # chapter's answers spread over the letters (quiz_assembly.py).
    keep_order: bool = False
    answer: bool | None = None
    explanation: Text
    ref: Id
    editor_note: EditorNotes = []

    @model_validator(mode="wrap")
    @classmethod
    def _answer_matches_type(cls, data: Any, validate: ValidatorFunctionWrapHandler) -> Any:
        """The question's own rules, said together with any mistake in its fields."""
        findings = _question_findings(data)
        try:
            question = validate(data)
        except ValidationError as error:
            if not findings:
                raise
            raise said_together(cls.__name__, findings, error) from None
        if findings:
            raise said_together(cls.__name__, findings)
        return question

    @property
    def choices(self) -> list[Option]:
        """The options as shown: a true/false question is a choice between 对 and 错."""
        if self.type == "truefalse":
            return [
                Option(text="对", correct=self.answer is True),
                Option(text="错", correct=self.answer is False),
            ]
        return self.options


class Quiz(Node):
    """One quiz page. A chapter quiz takes the hand-written questions about its chapters plus
    the drills generated from them; a mixed quiz (`mixed: N`) takes N from every chapter."""

    id: Id
    title: Text
    summary: Text
    chapters: list[Id] = []  # content file names without .yml, e.g. phrasing
    drills: list[DrillName] = []
    mixed: Annotated[int, Field(ge=1)] | None = None

    @model_validator(mode="after")
    def _chapters_or_mixed(self) -> Quiz:
        if self.mixed is None and not self.chapters:
            raise ValueError("写上 chapters（这个自测考哪几章），或者用 mixed: 数字 做综合自测")
        if self.mixed is not None and (self.chapters or self.drills):
            raise ValueError("综合自测（mixed）从所有章节抽题，不写 chapters 和 drills")
        return self


class QuizzesFile(Node):
    title: Text
    summary: Text
    keywords: Keywords = []  # what staff call the quizzes (练习题, 考试): search finds the list by them
    # A longer quiz prints in parts of about equal size, each with its own key: a trainer can
    # hand out 23 of 禁语自测's 69 questions (three sheets) instead of nine sheets a trainee.
    paper_questions: Annotated[int, Field(ge=5)] = 25
    quizzes: Annotated[list[Quiz], Field(min_length=1)]
    questions: list[Question] = []


def title_of(node: Node) -> str:
    """The words a node is known by (an entry's title, else its title, name, text or question),
    its id when it has none: for links, reports and the change summary alike."""
    if isinstance(node, Entry):
        return node.title_text
    for name in ("title", "name", "text", "question"):
        value = getattr(node, name, None)
        if isinstance(value, str):
            return value
    return str(getattr(node, "id", ""))
