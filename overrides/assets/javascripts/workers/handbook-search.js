/* Search worker for Chinese queries: wraps Material's own worker (same folder, loaded below)
 * and rewrites each query before Material sees it.
 *
 * Material appends a prefix wildcard to every query word and cuts runs of Chinese greedily
 * into words of the index, but never considers a word that ends on the run's last character:
 * "投诉" shrinks to "投", and a one-character word such as "客*" expands to every index word
 * starting with 客, which drowns the ranking. So this wrapper
 *   1. learns the index vocabulary when Material is given the index (SETUP),
 *   2. cuts each run of Chinese into index words itself (the cut with the fewest, most real
 *      words), then drops question words, particles and words found in most entries
 *      ("客户嫌贵怎么办" → "嫌贵"),
 *   3. sends words of two or more characters followed by 〇 (U+3007, in no index word), so
 *      Material keeps them whole, and single characters as exact terms ("贵^1": no wildcard),
 *   4. separates Latin from Chinese ("FABE介绍" → "fabe 介绍") and folds full-width letters.
 * The build adds single characters and character pairs of every entry's title and keywords
 * to the index (macros/site/search_index.py), so any query can be cut into index words. */
"use strict";

/* In a function: Material's worker, imported at the end, shares this global scope. */
(() => {
  const SETUP = 0; /* SearchMessageType.SETUP */
  const QUERY = 2; /* SearchMessageType.QUERY */
  const SENTINEL = "\u3007";
  const LONGEST = 8;
  const HAN = /\p{Script=Han}+/gu;
  /* Question words and particles staff add to a query ("嫌贵怎么办") match nearly every entry. */
  const FILLER = new Set([
    "怎么办",
    "怎么样",
    "怎么",
    "如何",
    "为什么",
    "什么",
    "一下",
    "的",
    "了",
    "吗",
    "呢",
    "吧",
    "啊",
    "嘛",
  ]);
  /* A word found in more than this share of entries ("客户", "服务") tells them apart poorly;
   * it is dropped when the query has other words. */
  const COMMON = 0.2;

  /* Words of the index and in how many documents each occurs. "words" come from the text as jieba
   * segmented it; "pairs" only from the extra field of character pairs, which may straddle two
   * words ("别激" in 你别激动嘛), so a cut prefers real words. */
  const words = new Map();
  const pairs = new Set();
  let documents = 1;

  function tokens(text, separator) {
    return text
      .replace(/<[^>]*>/g, " ")
      .toLowerCase()
      .split(separator)
      .filter((token) => token.length > 1 && token.length <= LONGEST);
  }

  function learn(config, docs) {
    const separator = new RegExp(config.separator, "g");
    documents = Math.max(docs.length, 1);
    docs.forEach((doc) => {
      const seen = new Set();
      ["title", "text"].forEach((field) => {
        if (typeof doc[field] === "string") tokens(doc[field], separator).forEach(seen.add, seen);
      });
      seen.forEach((token) => {
        words.set(token, (words.get(token) || 0) + 1);
      });
      if (typeof doc.k === "string") tokens(doc.k, separator).forEach(pairs.add, pairs);
    });
  }

  function common(word) {
    return (words.get(word) || 0) / documents > COMMON;
  }

  /* The cheapest cut of a run into known words: a real word costs 1, a known pair 1.5, a single
   * character 2 (dynamic programming over the run). */
  function cut(run) {
    const best = [{ cost: 0, words: [] }];
    for (let end = 1; end <= run.length; end++) {
      best[end] = null;
      for (let start = Math.max(0, end - LONGEST); start < end; start++) {
        if (!best[start]) continue;
        const word = run.slice(start, end);
        const cost = word.length === 1 ? 2 : words.has(word) ? 1 : pairs.has(word) ? 1.5 : Infinity;
        const total = best[start].cost + cost;
        if (!best[end] || total < best[end].cost) {
          best[end] = { cost: total, words: best[start].words.concat([word]) };
        }
      }
    }
    return best[run.length].words;
  }

  function keep(cutWords) {
    const meaningful = cutWords.filter((word) => !FILLER.has(word));
    if (!meaningful.length) return cutWords;
    const distinctive = meaningful.filter((word) => !common(word));
    return distinctive.length ? distinctive : meaningful;
  }

  /* Terms for one run of Chinese: its words, kept whole by the 〇 and matched as prefixes by
   * Material; single characters are exact terms, used only when no longer word is left, and then
   * all required, so a run of unrelated characters finds nothing rather than noise. */
  function terms(run) {
    const kept = keep(cut(run));
    const long = kept.filter((word) => word.length > 1);
    if (long.length) {
      return long.map((word) => word + SENTINEL);
    }
    return kept.map((char) => (kept.length > 1 ? `+${char}` : `${char}^1`));
  }

  function rewrite(query) {
    const text = String(query).normalize("NFKC").toLowerCase();
    const runs = text.match(HAN) || [];
    const all = runs.reduce((list, run) => list.concat(terms(run)), []);
    const latin = text.replace(HAN, " ").trim();
    return `${latin} ${all.join(" ")}`.replace(/\s+/g, " ").trim();
  }

  self.addEventListener("message", (event) => {
    const message = event.data;
    if (!message || message.hbRewritten) return;
    if (message.type === SETUP) {
      learn(message.data.config, message.data.docs);
    } else if (message.type === QUERY) {
      event.stopImmediatePropagation();
      self.dispatchEvent(
        new MessageEvent("message", {
          data: { type: QUERY, data: rewrite(message.data), hbRewritten: true },
        }),
      );
    }
  });

  importScripts(new URL(location.href).searchParams.get("material"));
})();
