/* 话术自查: mark forbidden phrases in typed or pasted text; nothing leaves the browser.
 * The matching is checker-core.js (HandbookChecker), run on the phrase spec; both come after the
 * page (checker-loader.js, from the addresses [data-checker] names). This file only draws the
 * marks and the cards. A line marked for its tone (语气) rather than a listed phrase has its own
 * kind of mark; a customer's words in a call record (not checked) are shaded. */
"use strict";

(() => {
  const LINE_BREAK = /(\r\n|[\n\r\u2028\u2029])/; // captured: split at, keeping them

  function add(parent, tag, className, text) {
    const node = parent.appendChild(document.createElement(tag));
    if (className) node.className = `hb-checker__${className}`;
    if (text != null) node.textContent = text;
    return node;
  }

  const labelOf = (phrase) => HandbookChecker.labelOf(phrase); /* 禁语 or 语气 */

  /* A browser compiles a regular expression at its first run, and to machine code at its
     second: the first check paid for every phrase's at once (0.5 s on a cheap phone, each key
     after it slow too). Run each twice on Chinese text, a few at a time while the page is idle
     (the reader is still reading how it works), until all are ready or a check comes first. */
  const idle =
    window.requestIdleCallback ||
    ((step) => setTimeout(() => step({ timeRemaining: () => 8 }), 50));
  function warmUp(compiled) {
    const expressions = HandbookChecker.expressionsOf(compiled);
    const step = (deadline) => {
      while (expressions.length && deadline.timeRemaining() > 2) {
        const expression = expressions.pop();
        for (let run = 0; run < 2; run++) {
          expression.lastIndex = 0;
          expression.exec("您好，请稍等，我帮您查一下。");
        }
      }
      if (expressions.length) idle(step);
    };
    idle(step);
  }

  /* Past this many characters (a pasted call), the text is checked once typing pauses, not at
     every key: a whole transcript took 0.3 s a key on a cheap phone. */
  const LONG_TEXT = 600;
  const PAUSE_MS = 250;

  /* Where a jump led (a mark, a card): focused, so outlined, until the reader moves on. */
  function lead(target) {
    target.tabIndex = -1;
    target.focus({ preventScroll: true });
    target.addEventListener("blur", () => target.removeAttribute("tabindex"), { once: true });
  }

  /* One card per phrase found: where it was said, the entry link, why not, what instead. */
  function addCard(list, group, multiline) {
    const { phrase } = group;
    const card = add(list, "li", "card");
    const said = add(card, "p", "said");
    card.dataset.phrase = phrase.id;
    add(said, "span", "n", group.number);
    group.findings.forEach((finding, index) => {
      if (index) said.append("、");
      add(said, "q", "", finding.text);
      if (!multiline) return;
      // In a long transcript: a link to the place in the text (render: the mark leads back
      // here). A link, not a button: with a button each, a long call's check took half as
      // long again on a slow phone (scripts/bench_checker.py).
      const where = add(said, "a", "where", `第 ${finding.line} 行`);
      where.href = "#";
      where.dataset.mark = finding.index;
    });
    add(card, "a", "entry", `${labelOf(phrase)}：${phrase.text}`).href = phrase.href;
    add(card, "p", "label", "为什么不能说");
    add(card, "p", "reason", phrase.reason);
    add(card, "p", "label hb-checker__label--do", "可以这样说");
    const alternatives = add(card, "ul", "alternatives");
    for (const alternative of phrase.alternatives) add(alternatives, "li", "", alternative);
  }

  function statusText(blank, findings, groups, turns) {
    if (blank) return "在上面输入或粘贴要检查的话，结果会马上显示在这里。";
    const theirs = turns.some((turn) => turn.customer);
    if (theirs && !turns.some((turn) => !turn.customer && turn.words)) {
      return "这里只有客户说的话（客户：…），不检查；写上工作人员说的话再看。";
    }
    const shaded = theirs ? "灰底的是客户说的话，不查。" : "";
    // Says what was checked and how sure it is: listed phrases, and a tone that is guessed.
    if (!findings.length) {
      return `没有查到禁语，也没发现语气生硬的地方。${shaded}语气是估计的，态度还要自己把关。`;
    }
    // Places, and the cards they are grouped in (a phrase said twice, or in two of its
    // forms, is one card): "2 处 … 1 条禁语" over one card read as a miscount.
    const tone = findings.filter((finding) => finding.phrase.kind === "tone").length;
    const phrases = groups.filter((group) => group.phrase.kind !== "tone").length;
    const what = [
      phrases && `出自 ${phrases} 条禁语`,
      tone && `${phrases ? "另有 " : ""}${tone} 处语气生硬`,
    ].filter(Boolean);
    return `${findings.length} 处需要改（${what.join("，")}），已用颜色标出；按编号看为什么不能说、可以怎么说。${shaded}`;
  }

  /* The text from `from` to `to`, which has no mark, with the customer's turns in it shaded
     line by line (a shaded line break showed as a blank box after the line). */
  function show(marked, text, from, to, theirs) {
    let at = from;
    for (const turn of theirs) {
      const start = Math.max(turn.start, at);
      const end = Math.min(turn.end, to);
      if (start >= end) continue;
      marked.append(text.slice(at, start));
      text
        .slice(start, end)
        .split(LINE_BREAK)
        .forEach((piece, index) => {
          if (index % 2 || !piece) marked.append(piece);
          else add(marked, "span", "customer", piece);
        });
      at = end;
    }
    marked.append(text.slice(at, to));
  }

  function render(root, compiled, text) {
    const marked = root.querySelector("[data-checker-text]");
    const list = root.querySelector("[data-checker-list]");
    const blank = !text.trim();
    const { findings, turns } = blank
      ? { findings: [], turns: [] }
      : HandbookChecker.readText(text, compiled);
    const theirs = turns.filter((turn) => turn.customer);
    const groups = new Map();
    let shownUpTo = 0;
    marked.textContent = "";
    list.textContent = "";
    for (const finding of findings) {
      const { phrase } = finding;
      if (!groups.has(phrase.id)) {
        groups.set(phrase.id, { phrase, findings: [], number: groups.size + 1 });
      }
      const group = groups.get(phrase.id);
      group.findings.push(finding);
      show(marked, text, shownUpTo, finding.start, theirs);
      const mark = add(marked, "mark", "mark", finding.text);
      finding.index = marked.childElementCount - 1; // marks and shaded turns: its place among them
      if (phrase.kind === "tone") mark.classList.add("hb-checker__mark--tone");
      mark.title = `${labelOf(phrase)}：${phrase.text}`;
      Object.assign(mark.dataset, {
        phrase: phrase.id,
        n: group.number,
        line: finding.line,
        column: finding.column,
      });
      shownUpTo = finding.end;
    }
    show(marked, text, shownUpTo, text.length, theirs);
    marked.hidden = blank;
    const multiline = LINE_BREAK.test(text.trim());
    for (const group of groups.values()) addCard(list, group, multiline);
    // 今日复习 (review-queue.js) takes a phrase caught here into its queue, unless the reader
    // checks someone else's words.
    if (groups.size && !root.querySelector("[data-checker-others]").checked) {
      root.dispatchEvent(
        new CustomEvent("hb-phrases-found", { bubbles: true, detail: [...groups.keys()] }),
      );
    }
    root.dataset.state = blank ? "empty" : findings.length ? "found" : "clean";
    // Written only when it says something new: it is a live region, and a screen reader would
    // read the same sentence again at every key.
    const status = root.querySelector("[data-checker-status]");
    const said = statusText(blank, findings, [...groups.values()], turns);
    if (status.textContent !== said) status.textContent = said;
  }

  /* A mark leads to its card (number n), below the header; a card's 第 N 行 to its mark, in
     the text box and on the screen. */
  function linkMarksAndCards(root) {
    const marked = root.querySelector("[data-checker-text]");
    const list = root.querySelector("[data-checker-list]");
    marked.addEventListener("click", (event) => {
      const card = list.children[event.target.closest("mark")?.dataset.n - 1];
      if (!card) return;
      window.hbBringIntoView(card, card);
      lead(card);
    });
    list.addEventListener("click", (event) => {
      const where = event.target.closest("[data-mark]");
      if (!where) return;
      event.preventDefault();
      event.stopPropagation(); // not a page to go to: Material's instant navigation took it
      const mark = marked.children[where.dataset.mark];
      mark.scrollIntoView({ block: "center" });
      lead(mark);
    });
  }

  /* What was in the box when the reader left the page by a link (a card's 禁语, the menu):
     back again, the text is there and checked. Held in this tab's memory only, as the page
     itself is; a reload or another tab starts empty. */
  let kept = "";
  const OTHERS = "hb-checker:others"; // localStorage: true while checking others' words

  function start() {
    const root = document.querySelector("[data-checker]");
    if (!root || root.dataset.started) return;
    root.dataset.started = "1";
    const input = root.querySelector("textarea");
    const status = root.querySelector("[data-checker-status]");
    status.textContent = "正在载入禁语清单……";
    input.disabled = false; // typing may start now: the text is checked once the data is in
    const others = root.querySelector("[data-checker-others]");
    others.checked = window.hbStorage.read(OTHERS) === true;
    others.onchange = () => window.hbStorage.write(OTHERS, others.checked || null);
    others.parentElement.hidden = false;
    linkMarksAndCards(root);
    input.value ||= kept;
    window.hbLoadChecker(root.dataset.checkerSpec, root.dataset.checkerCore).then(
      (compiled) => {
        let frame = 0;
        let pause = 0;
        const update = () => {
          frame = 0;
          clearTimeout(pause);
          kept = input.value;
          render(root, compiled, input.value);
        };
        input.addEventListener("input", () => {
          if (input.value.length > LONG_TEXT) {
            clearTimeout(pause);
            pause = setTimeout(update, PAUSE_MS);
          } else if (!frame) frame = window.requestAnimationFrame(update);
        });
        // A phone's keyboard takes half the screen: the status under the box comes into
        // sight (the box's label below the header) when it opens and while typing.
        const label = root.querySelector("label");
        const keep = () => {
          if (document.activeElement === input) window.hbBringIntoView(label, status);
        };
        for (const [target, event] of [
          [input, "focus"],
          [input, "input"],
          [window.visualViewport, "resize"],
        ]) {
          target?.addEventListener(event, keep);
        }
        root.querySelector("[data-checker-clear]").addEventListener("click", () => {
          input.value = "";
          update();
          input.focus();
        });
        update();
        warmUp(compiled);
        root.dataset.ready = "1";
      },
      () => {
        status.textContent = "自查工具没能加载，请刷新页面再试。";
      },
    );
  }

  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
