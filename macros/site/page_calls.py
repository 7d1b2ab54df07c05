"""The macro calls a page in docs/ makes, checked before mkdocs-macros runs them: a misspelt
chapter or macro name, or arguments the macro does not take, otherwise end the build in a
Python traceback (mkdocs-macros prints every exception a macro raises with its stack)."""

from __future__ import annotations

import ast
import difflib
import inspect
import re
from collections.abc import Callable, Collection, Mapping
from typing import Final

from ..content.handbook import Handbook

# `{{ name(...) }}`: the whole call, arguments included (they may span lines).
CALL: Final = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*\((.*?)\)\s*\}\}", re.S)
CARDS: Final = ("checklists", "quizzes")  # home's cards besides the chapters


def call_problems(
    page: str, markdown: str, handbook: Handbook, macros: Mapping[str, Callable[..., str]]
) -> list[str]:
    """What is wrong with the calls in `markdown` (docs/`page`), each with its line."""
    problems = []
    chapters = sorted(handbook.chapters)
    for match in CALL.finditer(markdown):
        name, arguments = match.groups()
        line = markdown.count("\n", 0, match.start()) + 1
        if name not in macros:
            problems.append(f"docs/{page}:{line}: 没有叫 {name} 的宏{_guess(name, macros)}")
            continue
        try:
            call = ast.parse(f"f({arguments})", mode="eval").body
        except SyntaxError:
            hint = f"{name}(…) 的括号里写法有误（文字要加引号，项之间用逗号）"
            problems.append(f"docs/{page}:{line}: {hint}")
            continue
        assert isinstance(call, ast.Call)
        if mismatch := _arguments_mismatch(macros[name], call):
            usage = f"{name}({', '.join(map(_written, _parameters(macros[name])))})"
            problems.append(f"docs/{page}:{line}: {name}(…) {mismatch}：应写成 {usage}")
            continue
        # The arguments start on the call's line: a constant's own line is counted from it.
        if name == "chapter":
            for arg in call.args:
                stem = str(arg.value) if isinstance(arg, ast.Constant) else ""
                if stem and stem not in handbook.chapters:
                    where = f"docs/{page}:{line + arg.lineno - 1}"
                    guess = _guess(stem, chapters)
                    problems.append(f'{where}: chapter("{stem}") 里的“{stem}”不是章节{guess}')
        elif name == "home":
            for keyword in call.keywords:
                if keyword.arg in ("primary", "secondary") and isinstance(keyword.value, ast.List):
                    for element in keyword.value.elts:
                        key = str(element.value) if isinstance(element, ast.Constant) else ""
                        if key and key not in handbook.chapters and key not in CARDS:
                            where = f"docs/{page}:{line + element.lineno - 1}"
                            guess = _guess(key, [*chapters, *CARDS])
                            problems.append(
                                f"{where}: home 的 {keyword.arg} 里的“{key}”不是章节{guess}"
                            )
    return problems


def _arguments_mismatch(macro: Callable[..., str], call: ast.Call) -> str:
    """What is wrong with the number or names of `call`'s arguments for `macro`, or ''."""
    if any(isinstance(arg, ast.Starred) for arg in call.args) or any(
        keyword.arg is None for keyword in call.keywords
    ):
        return ""  # *args / **kwargs: counted only when it runs
    signature = inspect.signature(macro)
    names = [keyword.arg for keyword in call.keywords if keyword.arg]
    if unknown := [n for n in names if n not in signature.parameters]:
        return f"没有叫 {'、'.join(unknown)} 的参数"
    try:
        signature.bind(*call.args, **dict.fromkeys(names))
    except TypeError:
        given, every = len(call.args) + len(names), _parameters(macro)
        least = sum(p.default is p.empty for p in every)
        if least <= given <= len(every):
            return "参数重复了"
        wanted = f"{least} 到 {len(every)}" if least < len(every) else str(least)
        return f"参数个数不对（写了 {given} 个，要 {wanted} 个）"
    return ""


def _parameters(macro: Callable[..., str]) -> list[inspect.Parameter]:
    return list(inspect.signature(macro).parameters.values())


def _written(parameter: inspect.Parameter) -> str:
    """A parameter as a page writes it: its name, with its default when it may be left out."""
    if parameter.default is parameter.empty:
        return parameter.name
    return f"{parameter.name}={parameter.default!r}"


def _guess(name: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    listed = "、".join(sorted(known))
    return f"，是不是想写“{close[0]}”？" if close else f"；可用的：{listed}"
