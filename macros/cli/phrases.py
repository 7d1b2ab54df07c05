"""`python -m macros phrases FILE...`: find forbidden phrases in transcripts (trainers, 质检).

Runs the same compiled spec as the 话术自查 page (`content.phrase_spec.build_spec` + `phrases.matcher.Matcher`), so
the command and the browser report the same findings, a line marked for its tone (语气) among
them. Exit status: 0 nothing found, 1 forbidden phrases or tone found, 2 a file could not be
read or was empty (a failed export must not pass as clean) or the content is invalid (this wins
over 1).
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from pathlib import Path
from typing import Any

from ..content.loader import load_content
from ..content.phrase_spec import build_spec
from ..content.problems import ContentError
from ..content.yaml_source import is_utf16, utf16_codec
from ..phrases.matcher import Finding, Matcher
from ..phrases.spec import Phrase, ToneSpec

HELP = (
    "检查通话记录、聊天记录等文本文件里的禁语和生硬的语气：列出文件、行、列、原因和替代说法。"
    "退出码：0 没有发现，1 有发现，2 有文件读不出或是空的（其他文件照样检查）"
)
ROOT = Path(__file__).resolve().parents[2]
FOUND, UNREADABLE = 1, 2
AUTO = "auto"  # each file's own encoding: a folder of exports may mix them


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="+",
        metavar="文件",
        help="要检查的文本文件（编码逐个自动认出）；写 - 表示读标准输入",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="输出 JSON，供其他工具读取")
    output.add_argument(
        "--brief",
        action="store_true",
        help="每处一行：文件:行:列: 原话（禁语或语气），不列原因和替代说法",
    )
    parser.add_argument(
        "--encoding",
        default=AUTO,
        help="文件编码；默认 auto：每个文件各自认出 UTF-8、GBK（Windows 记事本常见）或 UTF-16",
    )
    parser.add_argument(
        "--content", type=Path, default=ROOT / "content", help="内容文件夹（默认本项目的 content/）"
    )


class Unreadable(Exception):
    """A file that cannot be read as text; the message says what to do."""


def _codec(encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise Unreadable(f"不认识的编码“{encoding}”，常用的有 utf-8、gbk") from None
    # GB18030 is a superset of GBK and GB2312: decode with it so rarer characters survive too.
    return "gb18030" if name in ("gbk", "gb2312", "gb18030") else name


def guess(raw: bytes) -> str:
    """A file's text in the encoding it was written in: UTF-16 (by its byte-order mark, or its
    zero bytes: the loader's test), else UTF-8 (with a mark or none), else GB18030 (GBK's
    superset: Windows Notepad's on a Chinese system). UTF-8's rules reject GBK text at its
    first Chinese character, so trying UTF-8 first does not misread GBK."""
    utf16 = utf16_codec(raw)
    for codec in (utf16,) if utf16 else ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
    raise Unreadable(f"认不出文件的编码（第 {line} 行）：请另存为 UTF-8 文本，或用 --encoding 指定")


def decode(raw: bytes, encoding: str) -> str:
    if encoding == AUTO:
        return guess(raw)
    codec = _codec(encoding)
    if codec == "utf-8":
        if is_utf16(raw):
            raise Unreadable("这是 UTF-16 编码的文件；请另存为 UTF-8，或加 --encoding utf-16")
        codec = "utf-8-sig"  # a UTF-8 BOM (Windows) is not part of the text
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        if codec != "utf-8-sig":
            raise Unreadable(f"按 {encoding} 解码失败（第 {line} 行）：请确认文件的编码") from None
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            hint = "请先另存为 UTF-8 文本"
        else:
            hint = "看起来是 GBK 编码（Windows 记事本常见），请加 --encoding gbk 再试"
        raise Unreadable(f"不是 UTF-8 文本（第 {line} 行）：{hint}") from None


def read(name: str, encoding: str) -> str:
    try:
        raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except FileNotFoundError:
        raise Unreadable("找不到这个文件") from None
    except IsADirectoryError:
        raise Unreadable("这是文件夹，请写文件名（例如 记录/*.txt）") from None
    except OSError as error:
        raise Unreadable(f"无法读取：{error.strerror}") from None
    text = decode(raw, encoding)
    if not text.strip():
        raise Unreadable("文件是空的，没有可检查的话：请确认导出是否成功")
    return text


def as_record(name: str, finding: Finding, phrase: Phrase | ToneSpec) -> dict[str, Any]:
    return {
        "file": name,
        "line": finding.line,
        "column": finding.column,
        "end_column": finding.column + len(finding.text),
        "text": finding.text,
        "phrase": phrase["id"],
        "phrase_text": phrase["text"],
        "kind": "tone" if phrase.get("kind") == "tone" else "phrase",
        "reason": phrase.get("reason", ""),
        "alternatives": phrase.get("alternatives", []),
        "url": phrase.get("url", ""),
    }


def format_record(record: dict[str, Any], brief: bool = False) -> str:
    place = f"{record['file']}:{record['line']}:{record['column']}: {record['text']}"
    what = f"{'语气' if record['kind'] == 'tone' else '禁语'}：{record['phrase_text']}"
    if brief:  # one line a finding, to read down a batch of calls
        return f"{place}（{what}）"
    lines = [
        place,
        f"  {what}（手册 {record['url']}）",
        f"  为什么不能说：{record['reason']}",
        "  可以这样说：",
        *(f"    - {text}" for text in record["alternatives"]),
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    try:
        handbook = load_content(args.content)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return UNREADABLE
    matcher = Matcher(build_spec(handbook))
    records: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []
    shown_name = {"-": "<标准输入>"}
    for name in args.files:
        shown = shown_name.get(name, name)
        try:
            text = read(name, args.encoding)
        except Unreadable as unreadable:
            errors.append({"file": shown, "message": str(unreadable)})
            continue
        for finding in matcher.find(text):
            records.append(as_record(shown, finding, matcher.phrase(finding.phrase)))
    if args.json:
        report = {
            "files": len(args.files),
            "checked": len(args.files) - len(errors),
            "findings": records,  # end_column: the column after the finding's last character
            "errors": errors,
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for record in records:
            print(format_record(record, args.brief))
        for problem in errors:
            print(f"{problem['file']}: {problem['message']}", file=sys.stderr)
        checked = len(args.files) - len(errors)
        tone = sum(1 for record in records if record["kind"] == "tone")
        parts = [
            f"{len(records) - tone} 处禁语" if len(records) > tone else "",
            f"{tone} 处语气生硬" if tone else "",
        ]
        found = "发现 " + "、".join(p for p in parts if p) if records else "没有发现禁语"
        print(
            f"共检查 {checked} 个文件，{found}。"
            + (f"{len(errors)} 个文件无法读取。" if errors else "")
        )
    if errors:
        return UNREADABLE
    return FOUND if records else 0
