/* Search over the handbook's index for what counter staff type: short, colloquial Chinese.
 *
 * Chinese is matched by character pairs (bigrams), the way CJK search engines do it: a query
 * and a document share the pairs of the words they share, whatever the segmentation, so
 * "客户嫌套餐贵" finds 嫌贵 and 套餐, and "系统崩了查不了余额" finds 系统 and 余额. Each pair
 * is weighted by BM25 over four fields (title, the names an entry is known by `k`, how staff
 * ask for it `q`, its text),
 * a document must cover a good part of the query, and every document carries the boost the
 * build gave it (macros/site/search_index.py): a prior on what answers a staff question,
 * entries above the pages that hold them. Titles and names also match loosely, across one
 * character ("我挂了" finds 不说话我就挂了). A query of one character matches single
 * characters. Latin words match by prefix.
 * Words of one class of content/synonyms.yml (联通/电信/别家, 骂/吼/发火) also count as one
 * word, a "concept", in the query and in every field of every document: a question in the
 * customer's words meets an entry written in the handbook's.
 *
 * No DOM and no worker API here: search.js's worker (handbook-search.js) loads this file, and
 * Node runs it in the tests and the benchmark over the built index.
 */
"use strict";

(() => {
  const HAN = /\p{Script=Han}/u;
  const RUN = /[\p{Script=Han}]+|[a-z0-9]+/gu;
  const UNTYPED = /[^\p{Script=Han}a-z0-9]/gu;
  /* Northern and spoken forms of the question words, read as the written ones first; 想不想
   * asks whether one wants to (客户想不想办), and its pairs must not find 想不开 or 不想活了. */
  const SPOKEN = [
    ["想不想", "想"],
    ["咋办", "怎么办"],
    ["咋整", "怎么办"],
    ["咋弄", "怎么办"],
    ["咋", "怎么"],
    ["啥", "什么"],
  ];
  /* Words that only make a question a question ("嫌贵怎么办"), cut out before pairing. */
  const FILLER = [
    "行不行",
    "行吗",
    "该不该",
    "会不会",
    "有没有",
    "可不可以",
    "怎么回事",
    "怎么弄",
    "怎么搞",
    "怎么办",
    "怎么样",
    "怎么说",
    "怎么",
    "如何",
    "为什么",
    "什么",
    "哪些",
    "多少",
    "是不是",
    "能不能",
    "可以吗",
    "一下",
    "要不要",
    "对不对",
    "算不算",
    "用不用",
    "需不需要",
    "需要吗",
    "的话",
    "要做",
    "可以",
  ];
  /* Words that only name the kind of page wanted ("接待客户打勾清单", "投诉处理检查表"): the
   * intent below reads them, the matching does not (they would find the one checklist whose
   * wording mentions ticking, not the one asked for). */
  const KIND_WORDS = [
    "打勾清单",
    "打勾表",
    "打勾",
    "勾选",
    "检查表",
    "检查单",
    "对照表",
    "核对表",
    "自查表",
  ];
  /* How staff quote what they heard ("客户说太贵了"): the quote is the query. */
  const QUOTING = /^(客户|顾客|用户|对方)(一直|老是|总是|非要|又)?(说|问|讲|嫌|觉得)/u;
  /* Who a question is about, when it opens with them: a name matches with or without it
   * ("客户要投诉" is the 要投诉 of "客户说要投诉"). */
  const SUBJECT = /^(客户|顾客|用户|对方)/u;
  const bare = (words) => words.replace(SUBJECT, "");
  /* What the question asks for, from how it is asked: something to do ("下班前要做什么"),
   * something to say ("怎么说好听") or a reason ("客户为什么走了"). Documents of that kind, or
   * with a title of that kind (客户离开我们的原因), rank higher. */
  const INTENTS = [
    {
      asked: /要做|做什么|该做|做哪些|准备什么|步骤|流程/u,
      kinds: new Set(["procedure", "method", "step", "checklist"]),
    },
    {
      asked: /怎么说|说什么|怎么回|怎么答|怎么讲|说法|好听/u,
      kinds: new Set(["phrase", "approved", "rewrite", "dialogue", "objection"]),
    },
    { asked: /为什么|为啥|为何|原因|怎么会/u, titles: /原因|为什么|为何|因为/u },
    /* Where a thing comes from ("客户的期望是怎么来的", "异议从哪来"): a title of its origin. */
    {
      asked: /(怎么|咋)来的|从哪(里|儿)?来|哪(儿)?来的|来源|怎么产生|如何产生|怎么形成|如何形成/u,
      titles: /来源|从哪里来|从哪来|产生|形成/u,
    },
    /* How a thing is divided ("售前售中售后怎么分", "投诉分几类"): a title of its kinds. */
    {
      asked: /怎么分$|怎么分类|分类|分(几|哪几)(类|种)|哪几类|有几类/u,
      titles: /分类|类型|种类|几类|几种/u,
    },
    /* A checklist to tick ("接待客户打勾清单"): the checklists, by more, as the words that said
     * so are cut before matching (KIND_WORDS; not 清单 alone, which 话费清单 is too). */
    {
      asked: /打勾|勾选|检查表|检查单|对照表|核对表|自查表|清单/u,
      kinds: new Set(["checklist"]),
      bonus: 3,
    },
    /* What a thing is ("客户服务是啥", "什么是异议"): a title that defines it. */
    {
      asked: /是什么|是啥|什么是|啥是|啥意思|什么意思|指什么|指的是/u,
      titles: /定义|含义|什么是|是什么/u,
    },
    /* Whether a line of one's own may be said ("这么说行吗", "回了句这我哪知道"): the
     * phrase cards, their rewrites and the approved phrases. */
    {
      asked: /(这么|这样)(说|讲)|(说|回)了(一)?句|能说吗|能不能说/u,
      kinds: new Set(["phrase", "rewrite", "approved"]),
    },
    /* A kind of customer, described ("爱说爱笑的客户"): the customer types. */
    { asked: /的(客户|顾客)$/u, kinds: new Set(["customer_type"]) },
    /* Practice questions ("禁语测试题", "投诉练习题"): the quizzes, which answer nothing else
     * (a quiz is named after its chapter, yet 成交方法 asks for the methods, not their quiz). */
    {
      asked: /自测|测试|练习题|测验|试题|考题|考试|试卷|做题|刷题|出题|题目/u,
      kinds: new Set(["quiz"]),
      only: true,
    },
  ];
  const INTENT_BONUS = 2;
  /* "投诉七步第三步": a step of a procedure by its number. */
  const ORDINAL = /第\s*([一二三四五六七八九十]|[1-9]\d?)\s*步/u;
  const NUMERALS = "一二三四五六七八九十";
  const PARTICLES = new Set(["的", "了", "吗", "呢", "吧", "啊", "嘛", "呀", "哦", "么"]);
  const FIELDS = { title: 3, k: 3, q: 1.5, text: 1 };
  const K1 = 1.2;
  const B = 0.6;
  /* Share of the query a document must match. Shares, not idf, so that a rare pair across two
   * words ("要不" in "不要不要") cannot outweigh the words around it. */
  const MIN_COVER = 0.2;
  const CHARACTERS_COVER = 0.5;
  const TITLE_BONUS = 2; /* a whole run of the query in the title */
  const NAME_BONUS = 3; /* a name typed exactly: the entry, or the section of a group, it names */
  const SHARED_NAME = 3; /* a name on more documents than this names none of them */
  const JOINED = /、/u; /* a title naming several subjects */
  const KEEP = 0.1; /* results scoring under this share of the best are noise */
  /* A best result that reaches less of the query than this, counting the pairs of words the
   * handbook never uses ("工资几号发", "光猫红灯"), is only the nearest thing to a topic the
   * handbook may not cover: the page says so above the results. Chosen on the tuned query
   * sets and a batch of off-topic questions, so that about 3% of questions whose first
   * result is right get the note (README, Search). */
  const WEAK_REACH = 0.41;
  const MAX_RESULTS = 30;

  /* Text as the index stores it: NFKC (full-width letters and digits), lower case. */
  const fold = (text) => String(text).normalize("NFKC").toLowerCase();

  function pairs(run) {
    const out = [];
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    return out;
  }

  /* Terms of a text for the index: Han pairs and single characters, Latin words; with `loose`,
   * also the pairs across one character ("3我挂" in 我就挂). */
  function indexTerms(text, loose = false) {
    const terms = [];
    for (const run of fold(text).match(RUN) || []) {
      if (HAN.test(run)) {
        const chars = [...run];
        for (const c of chars) terms.push(`1${c}`);
        for (let i = 0; i + 1 < chars.length; i++) terms.push(`2${chars[i]}${chars[i + 1]}`);
        if (loose)
          for (let i = 0; i + 2 < chars.length; i++) terms.push(`3${chars[i]}${chars[i + 2]}`);
      } else {
        terms.push(`w${run}`);
      }
    }
    return terms;
  }

  /* Each word class of content/synonyms.yml as one pattern, longest word first (携号转网 is one
   * match, not 转网 inside it). */
  const literal = (word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  function conceptPatterns(classes) {
    const patterns = (classes || []).map(
      (words) =>
        new RegExp(
          words
            .map(fold)
            .sort((a, b) => b.length - a.length)
            .map(literal)
            .join("|"),
          "gu",
        ),
    );
    /* The classes with a word that starts with each character: a text is only searched for
     * the classes whose first characters it holds (eighty patterns over every field of every
     * document were a fifth of building the index, on every page a phone loads in full). */
    const starting = new Map();
    (classes || []).forEach((words, number) => {
      for (const word of words) {
        const first = [...fold(word)][0];
        if (first === undefined) continue;
        if (!starting.has(first)) starting.set(first, new Set());
        starting.get(first).add(number);
      }
    });
    return { patterns, starting };
  }

  /* The concepts a text names, once per mention: [term, the word that named it]. In the
   * order of the classes, as if every pattern had searched the text. */
  function conceptTerms(concepts, text) {
    const found = [];
    const folded = fold(text);
    const candidates = new Set();
    for (const c of folded)
      for (const number of concepts.starting.get(c) || []) candidates.add(number);
    for (const number of [...candidates].sort((a, b) => a - b))
      for (const [word] of folded.matchAll(concepts.patterns[number]))
        found.push([`c${number}`, word]);
    return found;
  }

  /* Runs of a query without its question words; particles split runs too ("贵了" → "贵"). */
  function queryRuns(query) {
    let text = fold(query)
      .trim()
      .replace(QUOTING, (quote) => (quote.endsWith("嫌") ? "嫌" : " "));
    /* (each only where it occurs: the index reads a thousand phrases of `q` this way) */
    for (const [spoken, written] of SPOKEN)
      if (text.includes(spoken)) text = text.split(spoken).join(written);
    for (const word of FILLER) if (text.includes(word)) text = text.split(word).join(" ");
    for (const word of KIND_WORDS) if (text.includes(word)) text = text.split(word).join(" ");
    const runs = [];
    for (const run of text.match(RUN) || []) {
      if (!HAN.test(run)) {
        runs.push({ latin: run });
        continue;
      }
      let part = "";
      for (const c of run) {
        if (PARTICLES.has(c)) {
          if (part) runs.push({ han: part });
          part = "";
        } else {
          part += c;
        }
      }
      if (part) runs.push({ han: part });
    }
    /* A query made only of particles ("了") is still a query. */
    if (!runs.length) for (const run of text.match(RUN) || []) runs.push({ han: run });
    return runs;
  }

  /** The index in memory: postings per term and field, document lengths, idf. */
  function buildIndex(data) {
    const docs = data.docs.map((doc) => ({ ...doc }));
    const concepts = conceptPatterns(data.concepts);
    const postings = new Map();
    const lengths = Object.fromEntries(Object.keys(FIELDS).map((field) => [field, 0]));
    docs.forEach((doc, number) => {
      /* Its names, and how staff ask for it as a query would read after its question words
       * are cut ("客户嫌贵怎么回" → 客户嫌贵回): typing one of them exactly names the entry. */
      const asked = (doc.q || "").split(" ").filter(Boolean);
      doc.names = new Set(
        [
          ...fold(doc.k || "").split(" "),
          /* a name that is not matched as words, only typed whole (a checklist's title); its
           * punctuation is not typed: 处理投诉（七步） is named by 处理投诉七步 */
          ...(doc.n ? [fold(doc.n).replace(UNTYPED, "")] : []),
          ...asked.map((phrase) =>
            queryRuns(phrase)
              .map((run) => run.han || run.latin)
              .join(""),
          ),
        ]
          .map(bare)
          .filter(Boolean),
      );
      doc.lengths = {};
      for (const field of Object.keys(FIELDS)) {
        const text = doc[field] || "";
        const terms = [
          ...indexTerms(text, LOOSE_FIELDS.has(field)),
          ...conceptTerms(concepts, text).map(([term]) => term),
        ];
        const length = terms.filter((term) => !term.startsWith("3")).length;
        doc.lengths[field] = length;
        lengths[field] += length;
        const counts = new Map();
        for (const term of terms) counts.set(term, (counts.get(term) || 0) + 1);
        for (const [term, count] of counts) {
          if (!postings.has(term)) postings.set(term, new Map());
          const entry = postings.get(term);
          if (!entry.has(number)) entry.set(number, {});
          entry.get(number)[field] = count;
        }
      }
    });
    /* A name many documents share (禁语 on fourteen cards) names none of them: only a section
     * keeps it, as the name of the group. */
    const named = new Map();
    for (const doc of docs)
      for (const name of doc.names) named.set(name, (named.get(name) || 0) + 1);
    for (const doc of docs) {
      if (doc.c === "section") continue;
      for (const name of doc.names) if (named.get(name) > SHARED_NAME) doc.names.delete(name);
    }
    const average = {};
    for (const field of Object.keys(FIELDS)) average[field] = lengths[field] / docs.length || 1;
    const latin = [...postings.keys()].filter((term) => term.startsWith("w"));
    return { docs, postings, average, latin, concepts, count: docs.length };
  }

  function idf(index, term) {
    const found = index.postings.get(term);
    const df = found ? found.size : 0;
    return Math.log(1 + (index.count - df + 0.5) / (df + 0.5));
  }

  /* Query terms. Each has a `weight` for the score (its idf) and a `share` of the query it
   * stands for: every pair and Latin word counts 1 and every character a quarter (so "嫌套餐贵"
   * still meets 嫌贵, and "诱导法" 诱敌深入法), a query of one character counts it fully. A
   * concept counts as much as a pair and weighs twice its idf: it stands for a whole word. */
  const CHARACTER_SHARE = 0.25;
  const CONCEPT_SHARE = 1;
  const CONCEPT_WEIGHT = 2;
  const COMMON_IDF = 1.5;
  /* Titles and names are quotes and short names, which staff recall loosely ("我挂了" for
   * 不说话我就挂了, "这种事见多了" for 这种问题我们见得多了): there a pair of the query also
   * matches across one character, as half a pair, where the pair itself is missing. */
  const LOOSE_FIELDS = new Set(["title", "k"]);
  /* Fields the reader sees on the entry (its names are its chips); `q` is never shown. */
  const VISIBLE = ["title", "k", "text"];
  const LOOSE = 0.5;

  function queryTerms(index, query) {
    const terms = new Map();
    const add = (term, share, shown, weight = 1, literal = undefined) => {
      const known = terms.get(term);
      if (!known || known.share < share) {
        terms.set(term, { weight: weight * share * idf(index, term), share, shown, literal });
      }
    };
    const runs = queryRuns(query);
    for (const run of runs) {
      if (run.latin) {
        const matches = index.latin.filter((term) => term.slice(1).startsWith(run.latin));
        for (const term of matches) add(term, 1, run.latin);
        if (!matches.length) add(`w${run.latin}`, 1, run.latin);
        continue;
      }
      const chars = [...run.han];
      /* a character alone counts fully only as the whole query ("贵"), not as what is left
       * of a run around a particle ("有的" → 有) */
      const share = chars.length === 1 && runs.length === 1 ? 1 : CHARACTER_SHARE;
      for (const c of chars) add(`1${c}`, share, c);
      for (const pair of pairs(chars)) {
        const term = `2${pair.join("")}`;
        add(term, Math.min(1, idf(index, term) / COMMON_IDF), pair.join(""));
      }
    }
    for (const [term, { share }] of [...terms]) {
      if (!term.startsWith("2")) continue;
      const loose = `3${term.slice(1)}`;
      terms.set(loose, {
        weight: LOOSE * share * idf(index, loose),
        share: LOOSE * share,
        instead: term,
      });
    }
    for (const [term, word] of conceptTerms(index.concepts, query)) {
      const chars = [...word];
      const literal =
        chars.length > 1 ? pairs(chars).map((pair) => `2${pair.join("")}`) : [`1${word}`];
      add(term, CONCEPT_SHARE, word, CONCEPT_WEIGHT, literal);
    }
    return terms;
  }

  /* No pair of the query is a word the index knows ("诱导法" for 诱敌深入法): match its
   * characters alone, each a full share, counting the characters the index has never seen
   * too, so a run of unrelated characters ("鳄鱼潜艇") covers too little to show. */
  function charactersOnly(index, terms) {
    const words = [...terms.keys()].filter((term) => !/^[13]/.test(term));
    if (!words.length || words.some((term) => index.postings.has(term))) return terms;
    const characters = new Map();
    for (const [term, value] of terms) {
      if (term.startsWith("1")) {
        characters.set(term, { ...value, weight: idf(index, term), share: 1 });
      }
    }
    return characters;
  }

  /* The step a query asks for by number ("第三步" is 3), or 0. */
  function ordinal(query) {
    const found = fold(query).match(ORDINAL);
    if (!found) return 0;
    return NUMERALS.includes(found[1]) ? NUMERALS.indexOf(found[1]) + 1 : Number(found[1]);
  }

  /* A procedure asked for with a step number opens on that step. */
  function atStep(doc, number) {
    const step = number && doc.st ? doc.st[number - 1] : null;
    if (!step) return doc;
    const [page] = doc.location.split("#");
    const title = `${doc.title}：第${number}步 ${step[1]}`;
    return { ...doc, location: `${page}#${step[0]}`, title, s: step[2] || "" };
  }

  function fieldScore(index, doc, counts, weight) {
    let score = 0;
    for (const [field, boost] of Object.entries(FIELDS)) {
      const tf = counts[field];
      if (!tf) continue;
      const norm = 1 - B + (B * doc.lengths[field]) / index.average[field];
      score += (boost * (tf * (K1 + 1))) / (tf + K1 * norm);
    }
    return score * weight;
  }

  /**
   * Documents for `query`, best first: [{doc, score, terms}] where `terms` maps the words to
   * mark, in the result and on the page it opens, to true (see marks).
   */
  function search(index, query) {
    const terms = charactersOnly(index, queryTerms(index, query));
    const characters = [...terms.keys()].every((term) => term.startsWith("1"));
    /* Pairs the index has never seen ("跟老" in "我回去跟老公商量下") say nothing; unknown
     * characters do count when only characters are matched. */
    const total = [...terms]
      .filter(([term, t]) => !t.instead && (characters || index.postings.has(term)))
      .reduce((sum, [, t]) => sum + t.share, 0);
    if (!total || ![...terms.keys()].some((term) => index.postings.has(term))) return [];
    const found = new Map();
    for (const [term, { weight, share, literal, instead }] of terms) {
      const posting = index.postings.get(term);
      if (!posting) continue;
      for (const [number, counts] of posting) {
        const doc = index.docs[number];
        const hit = found.get(number) || {
          score: 0,
          covered: 0,
          matched: new Set(),
          seen: new Set(),
        };
        if (instead && hit.matched.has(instead)) continue; /* loose only where the pair is not */
        /* A concept scores only where the query's own word is missing: the word itself has
         * scored already (concepts come last), and its kin must not count twice. */
        const said = literal?.every((word) => hit.matched.has(word));
        if (!said) hit.score += fieldScore(index, doc, counts, weight);
        hit.covered += share;
        hit.matched.add(term);
        if (VISIBLE.some((field) => counts[field])) hit.seen.add(term);
        found.set(number, hit);
      }
    }
    /* Pairs of the query the handbook never uses: they are part of the question all the
     * same, and count against how much of it a document reaches. */
    const unseen = queryRuns(query)
      .flatMap((run) => (run.han ? pairs([...run.han]) : []))
      .filter((pair) => !index.postings.has(`2${pair.join("")}`)).length;
    const runs = queryRuns(query).map((run) => run.han || run.latin);
    const wanted = INTENTS.filter((intent) => intent.asked.test(fold(query)));
    const whole = runs.join("");
    const step = ordinal(query);
    /* Characters alone must cover most of the query to count as a match. */
    const needed = characters && terms.size > 1 ? CHARACTERS_COVER : MIN_COVER;
    /* Kinds of document that answer only the intent that asks for them. */
    const unasked = new Set(
      INTENTS.filter((intent) => intent.only && !wanted.includes(intent)).flatMap((intent) => [
        ...intent.kinds,
      ]),
    );
    const results = [];
    for (const [number, hit] of found) {
      const cover = hit.covered / total;
      if (cover < needed) continue;
      const doc = index.docs[number];
      if (unasked.has(doc.c)) continue;
      const title = fold(doc.title);
      /* The whole query, or one whole run of it, in the title: the entry is named after it;
       * a title that is mostly the query (太贵了。) counts up to half a bonus more. */
      let named = 1;
      if (whole.length > 1 && title.includes(whole)) {
        named = TITLE_BONUS + Math.max(0, whole.length / title.length - 0.5);
      } else if (runs.some((run) => run.length > 1 && title.includes(run))) named = TITLE_BONUS;
      if (doc.names?.has(bare(whole))) {
        /* one of the names it is known by, which says more than a title that contains the
         * words (投诉 names the seven steps, not 小常识：投诉的价值); a group's name opens the
         * group (禁语 → 服务的禁言) */
        named = Math.max(named, NAME_BONUS);
      }
      /* A step asked for by number ("第三步") is asked of a procedure that has it. */
      const numbered = step > 0 && doc.st?.[step - 1];
      const fitting = wanted.filter(
        (intent) => intent.kinds?.has(doc.c) || intent.titles?.test(title),
      );
      const fits = Math.max(
        numbered ? INTENT_BONUS : 1,
        ...fitting.map((intent) => intent.bonus || INTENT_BONUS),
      );
      const score = hit.score * cover * cover * named * fits * (doc.boost || 1);
      const reach = hit.covered / (total + unseen);
      results.push({ doc: atStep(doc, step), score, hit, reach, cover });
    }
    /* A page comes after the entries it holds that match: tapping it opens the top of a long
     * chapter, tapping the entry opens the answer. */
    holdBelow(
      results,
      (r) => r.doc.location.includes("#") && r.doc.location.split("#")[0],
      (r) => r.doc.c === "page" && r.doc.location,
      () => true,
    );
    /* A section whose title joins several subjects (客户等久了、有人插队) is the sum of its
     * entries: one of them that reaches as much of the question answers it more closely, and
     * the section's top shows the first subject, not the one asked about. */
    holdBelow(
      results,
      (r) => r.doc.g,
      (r) => r.doc.c === "section" && JOINED.test(r.doc.title) && r.doc.location.split("#")[1],
      (section, entry) => entry.cover >= section.cover,
    );
    results.sort((a, b) => b.score - a.score);
    const best = results.length ? results[0].score : 0;
    /* A procedure opened at a step and the step's own document lead to one place: once. */
    const seen = new Set();
    const unmarked = unmarkedPairs(query, terms);
    return results
      .filter(
        (r) => r.score >= best * KEEP && !seen.has(r.doc.location) && seen.add(r.doc.location),
      )
      .slice(0, MAX_RESULTS)
      .map(({ doc, score, hit, reach }) => ({
        doc,
        score,
        reach,
        terms: marks(index, doc, terms, hit, unmarked),
      }));
  }

  /* Results that hold others rank just below the best of those they hold: `within(r)` names
   * the holder a result is in, `holder(r)` the name a result holds others by, and
   * `yields(holder, best)` whether it gives way to the best of them. */
  function holdBelow(results, within, holder, yields) {
    const best = new Map();
    for (const r of results) {
      const name = within(r);
      if (name && !(best.get(name)?.score > r.score)) best.set(name, r);
    }
    for (const r of results) {
      const inner = best.get(holder(r));
      if (inner && yields(r, inner)) r.score = Math.min(r.score, inner.score * 0.99);
    }
  }

  /* Whether the best of `results` is only the nearest thing to the question (WEAK_REACH). */
  const weak = (results) => results.length > 0 && results[0].reach < WEAK_REACH;

  /* Pairs of the query not worth marking: one so common in the handbook that it is on every
   * card (客户), and its neighbours, which straddle it (跟客 of 跟客户说 would mark 跟客 in
   * 跟客户叫板). Marked all the same when the query is made of common words only (客户服务). */
  function unmarkedPairs(query, terms) {
    const all = new Set();
    const common = new Set();
    const straddling = new Set();
    const isCommon = (word) => word !== undefined && terms.get(`2${word}`)?.share < 1;
    for (const run of queryRuns(query)) {
      if (!run.han) continue;
      const words = pairs([...run.han]).map((pair) => pair.join(""));
      words.forEach((word, i) => {
        all.add(word);
        if (isCommon(word)) common.add(word);
        else if (isCommon(words[i - 1]) || isCommon(words[i + 1])) straddling.add(word);
      });
    }
    return common.size < all.size ? new Set([...common, ...straddling]) : new Set();
  }

  /* The words to mark in a result and on the page it opens: the query's words found where the
   * reader sees them (a pair matched only in how staff ask for it, such as "才不" of
   * 客户搞错了怎么说才不得罪人, would mark stray characters on the page), except the
   * `unmarked` pairs, and, for a concept the query named, the document's own words of it
   * (钱不够 finds 太贵: 太贵 is marked). */
  function marks(index, doc, terms, hit, unmarked) {
    const shown = {};
    for (const [term, { shown: word }] of terms) {
      if (word && !term.startsWith("c")) shown[word] ||= hit.seen.has(term) && !unmarked.has(word);
    }
    const named = [...hit.matched].filter((term) => term.startsWith("c"));
    if (named.length) {
      const visible = VISIBLE.map((field) => doc[field] || "").join(" ");
      for (const [term, word] of conceptTerms(index.concepts, visible)) {
        if (named.includes(term)) shown[word] = true;
      }
    }
    return shown;
  }

  /* --- a hit as Material's result list shows it ------------------------------------------
   * Material shows a result's title, and its text as a teaser, only for a document without
   * "#" in its address, so an entry's address travels as `page/?hb=<id>`; assets/js/search.js
   * turns it back into `page/#<id>` when the result is tapped. Titles and teasers are
   * escaped here; matched words are marked. */
  const ENTRY_PARAM = "hb";
  const EXCERPT = 24; /* characters shown either side of a match found only in the text */
  const REPEAT = 8; /* characters of the teaser that, found in the text, mean it says it again */

  const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  /* `text` escaped, with every occurrence of a matched word wrapped in <mark>. Folded one
   * character at a time, so that a character whose folded form is longer (… is "...") does not
   * shift the marks off the words. */
  function marked(text, words) {
    let folded = "";
    const source = []; /* for each character of `folded`, the index in `text` it came from */
    for (let i = 0; i < text.length; i++) {
      const piece = fold(text[i]);
      folded += piece;
      for (let j = 0; j < piece.length; j++) source.push(i);
    }
    const hit = new Array(text.length).fill(false);
    for (const word of words) {
      for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + 1)) {
        hit.fill(true, source[at], source[at + word.length - 1] + 1);
      }
    }
    let out = "";
    let open = false;
    for (let i = 0; i < text.length; i++) {
      if (hit[i] !== open) {
        out += open ? "</mark>" : "<mark>";
        open = hit[i];
      }
      out += escapeHtml(text[i]);
    }
    return open ? `${out}</mark>` : out;
  }

  /* How much of the text's opening the teaser already shows. The text often opens with the
   * teaser's own sentence, which the teaser may put behind a label (换成：, 客户：) or cut short
   * (…): the line under it must not repeat any of it. */
  function shownAlready(teaser, text) {
    const body = teaser.endsWith("…") ? teaser.slice(0, -1) : teaser;
    for (let length = Math.min(body.length, text.length); length > 0; length--) {
      if (body.endsWith(text.slice(0, length))) return length;
    }
    return 0;
  }

  /* Where, after `at`, the text goes on with the teaser's sentence (an objection's text opens
   * with its type and methods, then the reply its teaser shows): the line under it stops there. */
  function repeatsFrom(teaser, text, at) {
    const body = teaser.replace(/…$/, "");
    const sentence = body.slice(body.indexOf("：") + 1, body.indexOf("：") + 1 + REPEAT);
    const found = sentence.length === REPEAT ? text.indexOf(sentence, at + 1) : -1;
    return found > at ? found : text.length;
  }

  /* Where the first matched word sits in the text, with a little context, if not in the teaser. */
  function excerpt(doc, words) {
    const teaser = fold(doc.s || "");
    const title = fold(doc.title);
    if (words.some((w) => teaser.includes(w) || title.includes(w))) return "";
    const text = doc.text || "";
    const folded = fold(text);
    const at = Math.min(...words.map((w) => folded.indexOf(w)).filter((i) => i >= 0));
    if (!Number.isFinite(at)) return "";
    const own = shownAlready(doc.s || "", text);
    const start = Math.max(own, at - EXCERPT);
    const end = Math.min(text.length, at + EXCERPT * 2, repeatsFrom(doc.s || "", text, at));
    const shown = text.slice(start, end).trim();
    return `${start > own ? "…" : ""}${shown}${end < text.length ? "…" : ""}`;
  }

  const VERDICTS = { phrase: "别说", approved: "可以说" };

  function item({ doc, score, terms }) {
    const words = Object.keys(terms).filter((word) => terms[word]);
    /* Marked in the result and, by Material, on the page opened: whole words, not single
     * characters (a 要 or 再 marked everywhere says nothing), unless the query was one. */
    const highlight = Object.keys(terms).some((word) => word.length > 1)
      ? words.filter((word) => word.length > 1)
      : words;
    const [address, anchor] = doc.location.split("#");
    const location = anchor ? `${address}?${ENTRY_PARAM}=${encodeURIComponent(anchor)}` : address;
    /* A phrase to avoid and one to use share a page (禁语速查) and read alike in a list ("我向您
     * 道歉"): each says which it is, as its card does. */
    const verdict = VERDICTS[doc.c]
      ? `<span class="hb-result__verdict hb-result__verdict--${doc.c}">${VERDICTS[doc.c]}</span>`
      : "";
    const page = doc.p && doc.p !== doc.title ? escapeHtml(doc.p) : "";
    const where = verdict || page ? `<span class="hb-result__where">${verdict}${page}</span>` : "";
    const more = excerpt(doc, highlight);
    const lines = [doc.s ? marked(doc.s, highlight) : "", more ? marked(more, highlight) : ""];
    const teaser = lines
      .filter(Boolean)
      .map((line) => `<span class="hb-result__line">${line}</span>`);
    return {
      location,
      title: marked(doc.title, highlight),
      text: `${where}${teaser.join("")}`,
      score,
      /* Material marks these on the page opened; a quiz opens unmarked: a word marked in its
       * questions and options would read as a hint. */
      terms: doc.c === "quiz" ? {} : Object.fromEntries(highlight.map((word) => [word, true])),
    };
  }

  const api = { buildIndex, search, weak, queryRuns, fold, result: item };
  if (typeof module === "object" && module.exports) module.exports = api;
  else globalThis.HandbookSearch = api;
})();
