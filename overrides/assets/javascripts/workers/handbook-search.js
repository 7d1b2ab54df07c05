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

var SETUP = 0; /* SearchMessageType.SETUP */
var QUERY = 2; /* SearchMessageType.QUERY */
var SENTINEL = "\u3007";
var LONGEST = 8;
var HAN = /\p{Script=Han}+/gu;
/* Question words and particles staff add to a query ("嫌贵怎么办") match nearly every entry. */
var FILLER = new Set(["怎么办", "怎么样", "怎么", "如何", "为什么", "什么", "一下", "的", "了", "吗", "呢", "吧", "啊", "嘛"]);
/* A word found in more than this share of entries ("客户", "服务") tells them apart poorly;
 * it is dropped when the query has other words. */
var COMMON = 0.2;

/* Words of the index and in how many documents each occurs. "words" come from the text as jieba
 * segmented it; "pairs" only from the extra field of character pairs, which may straddle two
 * words ("别激" in 你别激动嘛), so a cut prefers real words. */
var words = new Map();
var pairs = new Set();
var documents = 1;

function tokens(text, separator) {
  return text
    .replace(/<[^>]*>/g, " ")
    .toLowerCase()
    .split(separator)
    .filter(function (token) {
      return token.length > 1 && token.length <= LONGEST;
    });
}

function learn(config, docs) {
  var separator = new RegExp(config.separator, "g");
  documents = Math.max(docs.length, 1);
  docs.forEach(function (doc) {
    var seen = new Set();
    ["title", "text"].forEach(function (field) {
      if (typeof doc[field] === "string") tokens(doc[field], separator).forEach(seen.add, seen);
    });
    seen.forEach(function (token) {
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
  var best = [{ cost: 0, words: [] }];
  for (var end = 1; end <= run.length; end++) {
    best[end] = null;
    for (var start = Math.max(0, end - LONGEST); start < end; start++) {
      if (!best[start]) continue;
      var word = run.slice(start, end);
      var cost = word.length === 1 ? 2 : words.has(word) ? 1 : pairs.has(word) ? 1.5 : Infinity;
      var total = best[start].cost + cost;
      if (!best[end] || total < best[end].cost) {
        best[end] = { cost: total, words: best[start].words.concat([word]) };
      }
    }
  }
  return best[run.length].words;
}

function keep(cutWords) {
  var meaningful = cutWords.filter(function (word) {
    return !FILLER.has(word);
  });
  if (!meaningful.length) return cutWords;
  var distinctive = meaningful.filter(function (word) {
    return !common(word);
  });
  return distinctive.length ? distinctive : meaningful;
}

/* Terms for one run of Chinese: its words, kept whole by the 〇 and matched as prefixes by
 * Material; single characters are exact terms, used only when no longer word is left, and then
 * all required, so a run of unrelated characters finds nothing rather than noise. */
function terms(run) {
  var kept = keep(cut(run));
  var long = kept.filter(function (word) {
    return word.length > 1;
  });
  if (long.length) {
    return long.map(function (word) {
      return word + SENTINEL;
    });
  }
  return kept.map(function (char) {
    return kept.length > 1 ? "+" + char : char + "^1";
  });
}

function rewrite(query) {
  var text = String(query).normalize("NFKC").toLowerCase();
  var runs = text.match(HAN) || [];
  var all = runs.reduce(function (list, run) {
    return list.concat(terms(run));
  }, []);
  var latin = text.replace(HAN, " ").trim();
  return (latin + " " + all.join(" ")).replace(/\s+/g, " ").trim();
}

self.addEventListener("message", function (event) {
  var message = event.data;
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
