/* 今日复习: the items due today, one card at a time, at most data-review-session of them (about
   two minutes). A quiz question is answered again (right: good, wrong: again); a forbidden
   phrase or a customer line is recalled, then revealed and rated by the reader. Every card
   links to its entry. The queue and the schedule are review-queue.js's; what an item says
   comes from review/items.json (macros/render/review.py). Text is set with textContent. */
"use strict";

(() => {
  const GOOD = 3;
  const AGAIN = 1;
  const KIND = { q: "自测题", p: "禁语", r: "对练" };
  const RATINGS = {
    p: [
      ["想起来了", 3],
      ["有点模糊", 2],
      ["没想起来", 1],
    ],
    r: [
      ["像", 3],
      ["差一点", 2],
      ["不像", 1],
    ],
  };

  function add(parent, tag, className, text) {
    const node = parent.appendChild(document.createElement(tag));
    if (className) node.className = `hb-review__${className}`;
    if (text != null) node.textContent = text;
    return node;
  }

  function button(parent, text, primary) {
    const node = add(parent, "button", "", text);
    node.type = "button";
    node.className = `md-button${primary ? " md-button--primary" : ""}`;
    return node;
  }

  function link(parent, label, href, text) {
    const line = add(parent, "p", "see", label);
    const a = add(line, "a", "", text);
    a.href = href;
    return line;
  }

  /* A number that scatters ids spelt alike (FNV-1a): the same order on every visit. */
  function mixed(id) {
    let hash = 2166136261;
    for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
    return hash >>> 0;
  }

  /* A random order: the options of a question, so a position is not what is remembered. */
  function shuffled(list) {
    const out = list.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /* A quiz question: choose, confirm, see right or wrong with the explanation. */
  function question(card, id, item, graded) {
    const prompt = add(card, "p", "prompt", item.q[0]);
    prompt.id = `hb-review-q-${id}`;
    /* as the quiz marks it: the one sign that several answers may be right */
    if (item.m)
      prompt.prepend(
        Object.assign(document.createElement("span"), {
          className: "hb-review__kind",
          textContent: "多选",
        }),
      );
    for (const line of item.q.slice(1)) add(card, "p", "context", line);
    const list = add(card, "ul", "options"); /* named by the question, as a quiz's fieldset */
    list.setAttribute("role", item.m ? "group" : "radiogroup");
    list.setAttribute("aria-labelledby", prompt.id);
    const inputs = shuffled(item.o).map(([text, right, why]) => {
      const label = add(add(list, "li"), "label", "option");
      const input = label.appendChild(document.createElement("input"));
      input.type = item.m ? "checkbox" : "radio";
      input.name = `hb-review-${id}`;
      input.dataset.right = right ? "1" : "";
      if (why) input.dataset.why = why;
      add(label, "span", "", text);
      return input;
    });
    const actions = add(card, "p", "actions");
    const confirm = button(actions, "确定", true);
    confirm.disabled = true;
    list.addEventListener("change", () => {
      confirm.disabled = !inputs.some((input) => input.checked);
    });
    confirm.addEventListener("click", () => {
      const right = inputs.every((input) => input.checked === !!input.dataset.right);
      for (const input of inputs) {
        input.disabled = true;
        const option = input.closest("li");
        option.classList.toggle("is-right", !!input.dataset.right);
        option.classList.toggle("is-wrong", input.checked && !input.dataset.right);
      }
      actions.remove();
      const verdict = add(card, "div", `verdict ${right ? "is-ok" : "is-bad"}`);
      /* Run together with "；", each without its own full stop (not "不投诉。；不投诉的…"). */
      const answer = item.o
        .filter((option) => option[1])
        .map((option) => option[0].replace(/[。；;\s]+$/u, ""));
      /* Focus goes on to 下一条, which a screen reader then reads with this line. */
      add(
        verdict,
        "p",
        "verdict-text",
        right ? words("saidRight") : fill("saidWrong", answer.join("；")),
      ).id = `hb-review-v-${id}`;
      for (const input of inputs) {
        if (input.checked && input.dataset.why) {
          add(verdict, "p", "miss", fill("saidChose", input.dataset.why));
        }
      }
      add(verdict, "p", "why", item.e);
      link(verdict, "见 ", item.h, item.t);
      graded(right ? GOOD : AGAIN, verdict);
    });
  }

  /* What the page says that needs no number is in its data-ask-… and data-said-… attributes
     (review/page.html): the page's own JS has a size budget, its HTML more room. */
  const words = (name) => document.querySelector("[data-review]").dataset[name];
  /* The words of `name` (page.html) with %0, %1 … filled in. */
  const fill = (name, ...values) => words(name).replace(/%(\d)/g, (_, n) => values[n]);

  /* A phrase or a customer line: think of the answer first, then see it and rate yourself. */
  function recall(card, kind, item, graded) {
    if (kind === "p") {
      add(card, "p", "prompt", fill("saidPhrase", item.x));
      add(card, "p", "ask", words("askPhrase"));
    } else {
      add(card, "p", "prompt", fill("saidLine", item.x));
      add(card, "p", "ask", words("askLine"));
    }
    // A reply written down is there to compare with the model answer (without it, 像不像 was
    // asked of an answer she never wrote); saying it aloud is enough too.
    const box = kind === "p" ? null : add(card, "textarea", "");
    if (box) {
      box.className = "hb-textarea hb-review__reply";
      box.rows = 3;
      box.setAttribute("aria-label", "你的回答");
      box.placeholder = words("replyHint");
    }
    const actions = add(card, "p", "actions");
    const reveal = button(actions, kind === "p" ? "看答案" : "看示范回答", true);
    reveal.addEventListener("click", () => {
      actions.remove();
      const mine = box?.value.trim();
      box?.remove();
      const answer = add(card, "div", "answer");
      if (mine) {
        add(answer, "p", "label", "你的回答");
        add(answer, "p", "mine", mine);
      }
      add(answer, "p", "label", kind === "p" ? "换成这样说" : "手册的示范回答");
      const list = add(answer, "ul", "alternatives");
      for (const text of item.a) add(list, "li", "", text);
      if (kind === "p") {
        add(answer, "p", "why", words("saidWhy") + item.r);
        link(answer, "见 ", item.h, `禁语速查：${item.x}`);
      } else {
        link(answer, "见 ", item.h, item.t);
        link(answer, "", item.p, "去对练这一句");
      }
      add(answer, "p", "label", words(kind === "p" ? "askRecalled" : "askAlike"));
      const grades = add(answer, "p", "grades");
      for (const [text, grade] of RATINGS[kind]) {
        const choice = button(grades, text);
        choice.dataset.reviewGrade = String(grade);
        choice.addEventListener("click", () => {
          grades.remove();
          graded(grade, answer);
        });
      }
      if (mine) listedIn(mine, answer, grades);
      /* where 看答案 was: a screen reader reads the answer, Tab goes on to the ratings */
      answer.tabIndex = -1;
      answer.focus({ preventScroll: true });
      // every rating on screen: 没想起来 was below the fold, which invited the kinder grade
      window.hbBringIntoView(card, grades);
    });
  }

  /* A reply written to a customer line, checked as 对练 checks it: a 禁语 in it is said, 像
     is not offered (a new hire's 这是公司规定，我也不知道 could be rated 像 here and not
     there), and the phrase enters the queue as one caught. Not checked offline before the
     matcher was saved: the ratings stay as they are. */
  function listedIn(reply, answer, grades) {
    const { reviewSpec, reviewCore } = document.querySelector("[data-review]").dataset;
    window
      .hbLoadChecker(reviewSpec, reviewCore)
      .then((compiled) => {
        const found = new Map();
        for (const { phrase } of HandbookChecker.findPhrases(reply, compiled)) {
          if (phrase.kind !== "tone") found.set(phrase.id, `“${phrase.text}”`);
        }
        if (!found.size) return;
        const said = add(answer, "p", "listed", fill("saidListed", [...found.values()].join("、")));
        answer.querySelector(".hb-review__mine").after(said);
        grades.querySelector('[data-review-grade="3"]').disabled = true;
        answer.dispatchEvent(
          new CustomEvent("hb-phrases-found", { bubbles: true, detail: [...found.keys()] }),
        );
      })
      .catch(() => {});
  }

  function setup(root) {
    if (root.dataset.reviewReady) return;
    root.dataset.reviewReady = "1";
    const queue = window.hbReview;
    const hour = queue.hourOf(root);
    const size = Number(root.dataset.reviewSession) || 8;
    const status = root.querySelector("[data-review-status]");
    const stage = root.querySelector("[data-review-stage]");
    const empty = root.querySelector("[data-review-empty]");
    if (!queue.any()) {
      // Nothing in the queue yet: no need to fetch what items say (the page's first load).
      status.textContent = words("saidNone");
      empty.hidden = false;
      return;
    }
    status.textContent = words("saidPreparing");
    queue.loadItems(new URL(root.dataset.reviewData, location.href).href).then((data) => {
      if (!data) {
        status.textContent = words("saidUnopened");
        return;
      }
      let session = [];
      let done = 0;
      let kept = 0; // answered right or remembered, this round

      /* What comes next, in words: 明天有 3 条. */
      function next() {
        const day = queue.today(hour);
        const coming = queue.nextAfter(hour, data.items, day);
        return coming ? fill("saidNext", queue.when(coming[0] - day, hour), coming[1]) : "";
      }

      function round() {
        /* Of the items due the same day, what to say first, facts and figures last (the
         * build's "w", macros/render/review.py); within that, mixed by a hash of the id, not
         * in id order, where questions made alike (type-do-…, four in a row) cue each other. */
        const later = (id) => Number(data.items[id].w) || 0;
        session = queue
          .dueOn(
            hour,
            data.items,
            queue.today(hour),
            (a, b) =>
              a.card.due - b.card.due || later(a.id) - later(b.id) || mixed(a.id) - mixed(b.id),
          )
          .map((x) => x.id);
        const more = session.length - size;
        session = session.slice(0, size);
        done = kept = 0;
        stage.textContent = "";
        empty.hidden = true;
        if (!session.length) {
          status.textContent = `${words("saidNone")}${next()}`;
          empty.hidden = false;
          return;
        }
        status.textContent =
          more > 0 ? fill("saidMore", session.length + more, session.length) : "";
        show();
      }

      function show() {
        const id = session[done];
        const item = data.items[id];
        const card = document.createElement("article");
        card.className = "hb-review__card";
        card.dataset.reviewItem = id;
        card.dataset.reviewKind = item.k;
        card.tabIndex = -1;
        add(card, "p", "count", `${KIND[item.k]} · 第 ${done + 1} 条，共 ${session.length} 条`);
        const graded = (grade, box) => {
          queue.record(id, grade);
          if (grade !== AGAIN) kept++;
          const after = queue.cards(hour, new Set([id]))[0]?.card;
          const back = after ? queue.when(after.due - queue.today(hour), hour) : "";
          add(box, "p", "saved", back ? fill("saidSaved", back) : words("saidUnsaved")).id =
            `hb-review-s-${id}`;
          const last = done + 1 >= session.length;
          const go = button(add(box, "p", "actions"), last ? "完成" : "下一条", true);
          // Read with the button the focus goes to: the verdict, if any, and when it comes back.
          const said = box.querySelectorAll(".hb-review__verdict-text, .hb-review__saved");
          go.setAttribute("aria-describedby", [...said].map((p) => p.id).join(" "));
          go.addEventListener("click", () => (++done < session.length ? show() : finish()));
          go.focus({ preventScroll: true });
          window.hbBringIntoView(card, go); // on a phone 下一条 was below the fold
        };
        if (item.k === "q") question(card, id, item, graded);
        else recall(card, item.k, item, graded);
        stage.replaceChildren(card);
        card.focus({ preventScroll: true });
        // From the second card on, the card at the top: the intro above it had to be scrolled
        // past on every card.
        if (done || card.getBoundingClientRect().top < 64) {
          window.hbQuietBackToTop?.(); // a scroll up of ours, not the reader's
          card.scrollIntoView({ block: "start" });
        }
      }

      function finish() {
        const left = queue.dueOn(hour, data.items, queue.today(hour)).length;
        stage.textContent = "";
        const summary = add(stage, "div", "summary");
        summary.tabIndex = -1;
        const missed = session.length - kept;
        add(
          summary,
          "p",
          "done",
          `这一轮复习完了：${session.length} 条，${missed ? `${kept ? `${kept} 条答对或记得，` : ""}${missed} 条还要再看` : "全部答对或记得"}。`,
        );
        if (left) {
          add(summary, "p", "", fill("saidLeft", left));
          button(add(summary, "p", "actions"), "再来一轮", true).addEventListener("click", round);
        } else add(summary, "p", "", words("saidDone") + next());
        status.textContent = "";
        summary.focus({ preventScroll: true });
      }

      round();
    });
  }

  function start() {
    const root = document.querySelector("[data-review]");
    if (root) setup(root);
  }

  const ready = () => (window.document$ ? window.document$.subscribe(start) : start());
  if (window.hbReview) ready();
  else document.addEventListener("hb-review-ready", ready, { once: true });
})();
