/* 话术自查: mark forbidden phrases in typed or pasted text; nothing leaves the browser.
 * Same algorithm as macros/phrase_patterns.py, run on the spec the page embeds
 * ([data-checker-spec], a hidden element); tests/test_checker_identity.py proves identical findings. */
(function () {
  "use strict";

  var RANK = { "，": 1, "。": 2, "\n": 3 };

  function compile(spec) {
    var c = spec.classes;
    var cls = function (body) { return new RegExp("^[" + body + "]$", "u"); };
    var rx = function (source) { return new RegExp(source, "gu"); };
    return {
      nl: cls(c.newline), stop: cls(c.stop), ignore: cls(c.ignore), pause: cls(c.pause),
      phrases: spec.phrases.map(function (p) {
        return { p: p, match: p.match.map(rx), except: p.except.map(rx) };
      })
    };
  }

  function fold(ch) {
    var code = ch.codePointAt(0);
    if (code >= 0x80 && !(code >= 0x4e00 && code <= 0x9fff)) ch = ch.normalize("NFKC");
    return ch.replace(/[A-Z]/g, function (m) { return m.toLowerCase(); });
  }

  function kindOf(d, k) {
    var code = d.codePointAt(0);
    if (code >= 0x4e00 && code <= 0x9fff) return "lit";
    if (k.nl.test(d)) return "\n";
    if (k.stop.test(d)) return "。";
    if (k.ignore.test(d)) return "";
    if (k.pause.test(d)) return "，";
    return "lit";
  }

  /* starts/ends: original UTF-16 span per normalised code point; cp: code point per unit. */
  function normalise(text, k) {
    var out = "", starts = [], ends = [], cp = [], run = "", runStart = 0, runEnd = 0, i = 0;
    var push = function (s, a, b) {
      out += s;
      for (var u = 0; u < s.length; u++) cp.push(starts.length);
      starts.push(a);
      ends.push(b);
    };
    for (var ch of text) {
      var next = i + ch.length;
      for (var d of fold(ch)) {
        var kind = kindOf(d, k);
        if (kind === "") continue;
        if (kind === "lit") {
          if (run) { push(run, runStart, runEnd); run = ""; }
          push(d, i, next);
          continue;
        }
        if (!run) { run = kind; runStart = i; }
        else if (RANK[kind] > RANK[run]) run = kind;
        runEnd = next;
      }
      i = next;
    }
    if (run) push(run, runStart, runEnd);
    return { text: out, starts: starts, ends: ends, cp: cp };
  }

  function spans(regexes, n) {
    var found = [], m;
    regexes.forEach(function (r) {
      r.lastIndex = 0;
      while ((m = r.exec(n.text))) {
        if (m[0].length) found.push([n.cp[m.index], n.cp[m.index + m[0].length - 1] + 1]);
        if (!m[0].length) r.lastIndex++;
      }
    });
    return found;
  }

  function find(text, k) {
    var n = normalise(text, k), candidates = [], kept = [];
    k.phrases.forEach(function (ph, order) {
      var hits = spans(ph.match, n);
      if (!hits.length) return;
      var exceptions = spans(ph.except, n);
      hits.forEach(function (h) {
        var excused = exceptions.some(function (e) { return e[0] <= h[0] && h[1] <= e[1]; });
        if (h[1] > h[0] && !excused) candidates.push([h[0], h[1], order]);
      });
    });
    candidates.sort(function (a, b) { return (a[0] - a[1]) - (b[0] - b[1]) || a[0] - b[0] || a[2] - b[2]; });
    candidates.forEach(function (c) {
      if (kept.every(function (x) { return c[1] <= x[0] || x[1] <= c[0]; })) kept.push(c);
    });
    kept.sort(function (a, b) { return a[0] - b[0]; });
    return kept.map(function (c) {
      var s = n.starts[c[0]], e = n.ends[c[1] - 1];
      return { phrase: k.phrases[c[2]].p, start: s, end: e, text: text.slice(s, e) };
    });
  }

  /* Line and column in code points, as the command line reports them. */
  function locate(text, findings) {
    var line = 1, col = 1, i = 0, f = 0;
    for (var ch of text) {
      while (f < findings.length && findings[f].start === i) {
        findings[f].line = line;
        findings[f].column = col;
        f++;
      }
      if (ch === "\n" || ch === "\u2028" || ch === "\u2029" || (ch === "\r" && text[i + 1] !== "\n")) {
        line++;
        col = 1;
      } else col++;
      i += ch.length;
    }
  }

  function add(parent, tag, cls, text) {
    var node = parent.appendChild(document.createElement(tag));
    if (cls) node.className = "hb-checker__" + cls;
    if (text != null) node.textContent = text;
    return node;
  }

  /* One card per phrase found: where it was said, the entry link, reason, alternatives. */
  function card(list, g, multiline) {
    var p = g.phrase, li = add(list, "li", "card"), head = add(li, "p", "said");
    li.dataset.phrase = p.id;
    add(head, "span", "n", g.n);
    g.findings.forEach(function (f, i) {
      if (i) head.append("、");
      add(head, "q", "", f.text);
      if (multiline) add(head, "span", "where", "第 " + f.line + " 行");
    });
    add(li, "a", "entry", "禁语：" + p.text).href = p.href;
    add(li, "p", "label", "为什么不能说");
    add(li, "p", "reason", p.reason);
    add(li, "p", "label hb-checker__label--do", "可以这样说");
    var ul = add(li, "ul", "alternatives");
    p.alternatives.forEach(function (a) { add(ul, "li", "", a); });
  }

  function render(root, k, text) {
    var out = root.querySelector("[data-checker-text]"), list = root.querySelector("[data-checker-list]");
    var blank = !text.trim(), findings = blank ? [] : find(text, k), groups = [], byId = {}, pos = 0;
    out.textContent = "";
    list.textContent = "";
    locate(text, findings);
    findings.forEach(function (f) {
      var g = byId[f.phrase.id];
      if (!g) groups.push(g = byId[f.phrase.id] = { phrase: f.phrase, findings: [], n: groups.length + 1 });
      g.findings.push(f);
      out.append(text.slice(pos, f.start));
      var mark = add(out, "mark", "mark", f.text);
      mark.title = "禁语：" + f.phrase.text;
      Object.assign(mark.dataset, { phrase: f.phrase.id, n: g.n, line: f.line, column: f.column });
      pos = f.end;
    });
    out.append(text.slice(pos));
    out.hidden = blank;
    groups.forEach(function (g) { card(list, g, /[\n\r\u2028\u2029]/.test(text.trim())); });
    root.dataset.state = blank ? "empty" : findings.length ? "found" : "clean";
    root.querySelector("[data-checker-status]").textContent = blank
      ? "在上面输入或粘贴要检查的话，结果会马上显示在这里。"
      : findings.length ? "发现 " + findings.length + " 处禁语（" + groups.length + " 条），已用颜色标出；按编号看为什么不能说、可以怎么说。"
      : "没有发现禁语。";
  }

  function init() {
    var root = document.querySelector("[data-checker]");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    var input = root.querySelector("textarea"), frame = 0, k;
    try {
      k = compile(JSON.parse(root.querySelector("[data-checker-spec]").textContent));
    } catch (e) {
      root.querySelector("[data-checker-status]").textContent = "自查工具没能加载，请刷新页面再试。";
      return;
    }
    var update = function () { frame = 0; render(root, k, input.value); };
    input.addEventListener("input", function () {
      if (!frame) frame = window.requestAnimationFrame(update);
    });
    root.querySelector("[data-checker-clear]").addEventListener("click", function () {
      input.value = "";
      update();
      input.focus();
    });
    input.disabled = false;
    update();
  }

  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
