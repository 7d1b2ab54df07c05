"""`python -m macros schema`: write the JSON Schemas of the content files to schemas/."""

from __future__ import annotations

import argparse
import sys

from ..content.schema import SCHEMA_DIR, all_schemas

HELP = "根据内容模型生成 schemas/*.schema.json（编辑器据此补全和检查 YAML）；--check 只检查是否过期"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="不写文件；schemas/ 过期时退出码为 1")


def run(args: argparse.Namespace) -> int:
    wanted = all_schemas()
    stale = [
        name
        for name, text in wanted.items()
        if not (SCHEMA_DIR / name).exists()
        or (SCHEMA_DIR / name).read_text(encoding="utf-8") != text
    ]
    extra = (
        sorted(p.name for p in SCHEMA_DIR.glob("*.json") if p.name not in wanted)
        if SCHEMA_DIR.exists()
        else []
    )
    if args.check:
        if stale or extra:
            print(
                "schemas/ 已过期，请运行 python -m macros schema：" + "、".join(stale + extra),
                file=sys.stderr,
            )
            return 1
        print("schemas/ 与内容模型一致。")
        return 0
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name, text in wanted.items():
        (SCHEMA_DIR / name).write_text(text, encoding="utf-8")
    for name in extra:
        (SCHEMA_DIR / name).unlink()
    print(f"已写入 {len(wanted)} 个 schema 到 {SCHEMA_DIR.name}/。")
    return 0
