"""`python -m macros tone`: learn the tone check's weights again from the corpus and the content.

Run it after changing tests/checker_corpus.yml (a test fails while the weights were learned
from another corpus); editors' changes to the handbook's wording do not require it, a developer
runs it now and then to take them in. Deterministic: the same examples give the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..content.loader import load_content
from ..content.problems import ContentError
from ..content.tone_examples import corpus_units, examples
from ..phrases.tone import MODEL_FILE, ModelFile, fingerprint, train

HELP = "重新学习话术自查的“语气”判断：从 tests/checker_corpus.yml 的例句和手册里的说法学出权重，写入 macros/phrases/tone_model.json"
ROOT = Path(__file__).resolve().parents[2]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content", type=Path, default=ROOT / "content", help="内容文件夹（默认本项目的 content/）"
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=ROOT / "tests" / "checker_corpus.yml",
        help="标好的例句（默认 tests/checker_corpus.yml）",
    )
    parser.add_argument("--out", type=Path, default=MODEL_FILE, help="写到哪个文件")


def run(args: argparse.Namespace) -> int:
    try:
        handbook = load_content(args.content)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 2
    found = examples(handbook, args.corpus)
    written: ModelFile = {
        "about": "由 python -m macros tone 生成，请勿手改：话术自查判断语气用的权重",
        "trained_on": fingerprint(corpus_units(args.corpus)),
        "examples": len(found),
        "model": train(found),
    }
    args.out.write_text(json.dumps(written, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    bad = sum(1 for _, is_bad in found if is_bad)
    print(f"已从 {len(found)} 句例句（{bad} 句推脱、顶撞）学出语气权重，写入 {args.out}")
    return 0
