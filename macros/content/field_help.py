"""What each field of the content means, in an editor's words: the schema's descriptions
(an editor's YAML plugin shows them while typing) and `check`'s message for a field left out.

(The `kind` field's, which names the kinds the loader knows, is added in schema.py.)
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

FIELD_HELP: Final[MappingProxyType[str, str]] = MappingProxyType(
    {
        "id": "唯一标识：小写拼音或英文单词，用连字符连接，例如 ni-yinggai。会成为网址里的锚点，发布后不要改。",
        "source": "来源：content/sources.yml 里的 id（如 seed-004），可写一个或一个列表；编辑自己补写的写 editors。",
        "editor_note": "给编辑看的说明（一句或一个列表）：补写了什么、哪里是推断或错字修正、原课件怎么写。只在编辑视图里显示，员工看不到，也不打印。",
        "keywords": "关键词：同事可能搜索的说法、口语和同义词，会显示成小标签。",
        "asked": "常见问法：同事遇到这种情况时会怎么搜，用他们自己的话写整句（“客户嫌贵怎么回”）。只用于搜索，页面和打印稿上不显示。",
        "title": "标题。",
        "summary": "一两句话的简介。",
        "text": "原话或正文。禁语、方法名等短条目保持原文措辞。",
        "reason": "为什么不能这样说：客户听了会有什么感受。",
        "alternatives": "可以改成怎么说：至少一句，用“您”。",
        "patterns": "话术自查用的匹配式：原话之外的变体写法。(甲|乙) 任选其一，[你您] 任选一字，? 可有可无，* 中间可夹几个字。",
        "exceptions": "话术自查的例外：含有这句禁语但其实没问题的说法（写法同 patterns；另可写 ** 表示中间可夹更多的字，最多 30 个，不跨句子）。",
        "related": "相关条目的 id。",
        "near_misses": "听着客气、其实还是犯了同样毛病的说法（建议写 3 句），每句写 text 和 why（错在哪里）。"
        "禁语自测里用作错误选项，答题后显示 why；不写时错误选项用别的禁语，题目就太容易了。",
        "why": "这句话（这个错误选项）错在哪里，一句话，例如“还是没说清什么时候、谁来办”。选了它的人答完题会看到，答案页上也印出来。",
        "items": "要点列表：每项可以只写一句话，也可以写 name / detail / value。",
        "steps": "步骤列表。",
        "example": "柜台示例对话：每句写 who（客户 或 员工）和 text。",
        "when": "什么时候用。",
        "notes": "补充说明（例如原文缺失、推断之处）。",
        "critical": "是否必做（true / false）。",
        "refs": "这一项对应的手册条目 id。",
        "signers": "纸质表上签字的人，每人一条签字线，例如 [交班人, 接班人]；不写就是填表人一条。主管/检查人的签字线每张表都有。",
        "day_start_hour": "每天几点起算新的一张检查表（0–23，默认 4 即凌晨 4 点）：跨过午夜的班次，勾选仍算在当班的表上。",
        "paper_questions": "打印时一份试卷最多几题（默认 25，约三张 A4）：题目更多的自测可以分成几份打印，每份题数差不多，答案也按份打印。",
        "explanation": "答题后显示的解析。",
        "ref": "引用的手册条目 id：题目考的条目，或搜索建议点开的条目。",
        # Keys whose meaning depends on the kind say each meaning.
        "do": "要做到的几点，每点一句（流程的步骤里、客户类型里都用）。",
        "dont": "不要做的几点，每点一句。",
        "say": "推荐的说法，每句是员工可以照着说的原话（改写规则里的“改说”，流程步骤里的“可以这样说”）。",
        "avoid": "不要说的话：改写规则里写“忌说”的原话；流程步骤里写禁语的 id（content/phrasing.yml 里的，如 ni-bie-jidong），不写句子。",
        "tips": "小提示，每条一句。",
        "questions": "流程步骤里：可以问客户的问题，每个一句；quizzes.yml 里：自测题的列表。",
        "caution": "用这个方法时要注意什么，一句话。",
        "practice": "是否放进对练（默认 true）。写 false：这一条不适合“客户说一句、你来回答”的练法（比如示例由员工先开口，或场景不是营业厅的）。",
        "who": "这句话是谁说的：客户 或 员工。",
        "customer": "对话示例里客户说的话。",
        "reply": "常见异议里：参考回答（员工可以怎么回）；对话示例里：员工原来那句不好的回答。",
        "problem": "对话示例里：原来的回答错在哪里。",
        "better": "对话示例里：更好的回答，员工可以照着说。",
        "point": "改写规则的要点：怎样改说法，一句话。",
        "use": "规范用语在什么场合用。",
        "category": "常见异议的类别，例如“价格”“时间”。",
        "methods": "适合这条异议的处理方法的 id（方法条目，如 buchang-fa）；没有合适的方法时写 []。",
        "traits": "这类客户的特点。",
        "strategy": "接待这类客户的做法，每条一句。",
        "stage": "服务项目所在环节：销售、签约、续期 或 其他。",
        "number": "服务项目在原表里的序号（从 1 起）。",
        "owner": "由谁负责：总公司 或 机构。",
        "standard": "这项服务的标准，一句话。",
        "detail": "这一点的说明（可不写）。",
        "value": "这一点的数字或程度，例如 45%（可不写）。",
        "ordered": "列表有没有先后顺序：true 显示成 1. 2. 3.，false 显示成圆点。",
        "discussion": "true：列表是培训时讨论的题目，说明是带教老师的参考思路；打印的讲义只印题目，留出写的地方。",
        "audience": "这一章给谁看：staff（前台同事，默认）或 trainers（培训资料，搜索时排在后面）。",
    }
)
