/* 对练: one customer line at a time; the reader writes (or dictates) a reply, 对照 marks the
   forbidden phrases in it with checker-core.js (HandbookChecker, the matcher of 话术自查, and
   its phrase spec, both loaded at the first 对照), shows the handbook's model answers, and a rating (像 good, 差一点
   hard, 不像 again) puts the line into 今日复习 (review-queue.js). Without a script the page is
   the list of every line with its model answers. ?item=<id> opens that line. */
"use strict";

(() => {
  const KEPT = "hb-practice:v1"; /* the line, reply, result and rating on screen (localStorage) */
  const KEPT_FOR = 60 * 60 * 1000; /* then 对练 starts as on a new visit: a due line first */

  function add(parent, tag, className, text) {
    const node = parent.appendChild(document.createElement(tag));
    if (className) node.className = `hb-practice__${className}`;
    if (text != null) node.textContent = text;
    return node;
  }

  /* What a finding is: a listed phrase (禁语), or a line whose tone sounds like a brush-off
     (语气, no phrase of the list in it), as 话术自查 names them (checker-core.js, loaded
     with the spec before anything is reported). */
  const labelOf = (phrase) => HandbookChecker.labelOf(phrase);

  /* The words of `name` (a data-said-… of review/practice.html: the page's HTML has more
     room than its script's byte budget), %0 filled in. */
  const said = (name, value) =>
    document.querySelector("[data-practice]").dataset[name].replace("%0", () => value);

  function statusText(findings) {
    if (!findings.length) return said("saidClean");
    const tone = findings.filter((finding) => finding.phrase.kind === "tone").length;
    const listed = findings.length - tone;
    const what = [
      listed && `${listed} 处手册列出的禁语`,
      tone && `${tone} 处语气生硬（听起来像推脱或顶撞）`,
    ].filter(Boolean);
    return `回答里有 ${what.join("，还有 ")}，已标出来。`;
  }

  /* The reply with each forbidden phrase marked, and one note per phrase: why not, what instead. */
  function report(root, text, findings) {
    const marked = root.querySelector("[data-practice-marked]");
    const found = root.querySelector("[data-practice-found]");
    marked.textContent = "";
    found.textContent = "";
    let shown = 0;
    const phrases = new Map();
    for (const finding of findings) {
      marked.append(text.slice(shown, finding.start));
      const mark = add(marked, "mark", "mark", finding.text);
      mark.dataset.phrase = finding.phrase.id;
      mark.title = `${labelOf(finding.phrase)}：${finding.phrase.text}`;
      if (finding.phrase.kind === "tone") mark.classList.add("hb-practice__mark--tone");
      shown = finding.end;
      phrases.set(finding.phrase.id, finding.phrase);
    }
    marked.append(text.slice(shown));
    for (const phrase of phrases.values()) {
      const note = add(found, "li", "note");
      note.dataset.phrase = phrase.id;
      const title = add(note, "a", "phrase", `${labelOf(phrase)}：${phrase.text}`);
      title.href = phrase.href;
      add(note, "p", "", phrase.reason);
      add(note, "p", "", `可以这样说：${phrase.alternatives.join(" / ")}`);
    }
    root.querySelector("[data-practice-status]").textContent = statusText(findings);
    return [...phrases.keys()];
  }

  function setup(root) {
    if (root.dataset.practiceReady) return;
    const items = [...root.querySelectorAll("[data-practice-item]")];
    const $ = (selector) => root.querySelector(selector);
    if (!items.length) return; // the page stays the list of lines and answers
    root.dataset.practiceReady = "1";
    const queue = window.hbReview;
    const hour = queue.hourOf(root);
    const input = $("textarea");
    const check = $("[data-practice-check]");
    const result = $("[data-practice-result]");
    const grades = [...root.querySelectorAll("[data-practice-grade]")];
    const saved = $("[data-practice-saved]");
    const like = grades.find((grade) => grade.dataset.practiceGrade === "3");
    const unlike = $("[data-practice-unlike]"); // why 像 is not offered for this reply
    const onward = $("[data-practice-onward]"); // after rating: the way on is here, not up top
    const idOf = (index) => items[index].dataset.practiceItem;
    const status = $("[data-practice-status]");
    /* After a rating the three are disabled, the one chosen pressed (seen and read out). */
    function rated(chosen) {
      for (const grade of grades) {
        grade.disabled = chosen != null;
        if (chosen == null) grade.removeAttribute("aria-pressed");
        else grade.setAttribute("aria-pressed", String(grade.dataset.practiceGrade === chosen));
      }
    }

    /* Where the reader is: following the model answer's 见 … link and coming Back finds the
       same line, the reply, its result and the rating. Kept for an hour, and a reply typed but
       not yet 对照'd for the rest of the review day, in a closed tab too: a new hire called
       to the counter comes back to it. */
    const ids = items.map((item) => item.dataset.practiceItem);
    const asked = new URLSearchParams(location.search).get("item");
    let kept = window.hbStorage.read(KEPT);
    const unfinished = kept?.reply && !kept.checked;
    const fresh =
      Date.now() - kept?.at < KEPT_FOR ||
      (unfinished && queue.today(hour, kept.at) === queue.today(hour));
    if (!fresh || !ids.includes(kept.line) || (asked && asked !== kept.line)) kept = null;
    const state = {
      line: "",
      reply: "",
      checked: false,
      saved: "",
      grade: "",
      practised: [],
      at: 0,
    };
    const keep = () => window.hbStorage.write(KEPT, { ...state, at: Date.now() });

    /* The line the reader was on, else the one asked for, else one due in 今日复习, else any. */
    function first() {
      if (kept) return ids.indexOf(kept.line);
      const due = queue.due(hour, new Set(ids))[0];
      const wanted = ids.indexOf(asked) >= 0 ? asked : due?.id;
      return wanted ? ids.indexOf(wanted) : Math.floor(Math.random() * items.length);
    }

    let at = first();
    /* How many lines this visit has checked, not the line's place in the list: the first line
       is chosen (asked for, due, or at random), so "第 19 句" read as 18 already done. */
    const practised = new Set(kept?.practised?.filter((id) => ids.includes(id)));
    function progress() {
      $("[data-practice-progress]").textContent =
        `共 ${items.length} 句 · 这次练了 ${practised.size} 句`;
    }
    function show() {
      const item = items[at];
      root.dataset.practiceShown = idOf(at);
      progress();
      $("[data-practice-stage]").replaceChildren(
        item.querySelector(".hb-practice__line").cloneNode(true),
      );
      input.value = "";
      check.disabled = true;
      result.hidden = true;
      saved.textContent = "";
      status.textContent = "";
      onward.hidden = true;
      rated(null);
      unlike.hidden = true;
      Object.assign(state, { line: idOf(at), reply: "", checked: false, saved: "", grade: "" });
      state.practised = [...practised];
      keep();
    }

    input.addEventListener("input", () => {
      check.disabled = !input.value.trim();
      state.reply = input.value;
      keep();
    });
    /* 对照: mark the reply, show the model answer. `again`: the result the reader had before
       leaving the page, shown again (nothing recorded twice, nothing scrolled). */
    async function compare(again = false) {
      const text = input.value;
      const shown = at;
      status.textContent = said("saidChecking");
      // The matcher and the phrase spec, shared with 话术自查: fetched at the first 对照; not
      // saved yet and no network, they are tried again at the next.
      const { practiceSpec, practiceCore } = root.dataset;
      const compiled = await window.hbLoadChecker(practiceSpec, practiceCore).catch(() => null);
      if (shown !== at) return; // the reader moved on to another line meanwhile
      const findings = compiled ? HandbookChecker.findPhrases(text, compiled) : [];
      const phrases = report(root, text, findings);
      // A reply with a listed 禁语 in it is not 像 the model answer, however close the rest
      // (a tone is a guess: it leaves the choice to the reader).
      const listed = findings.some((finding) => finding.phrase.kind !== "tone");
      if (!state.saved) like.disabled = listed;
      unlike.hidden = !listed || !!state.saved;
      if (!compiled) status.textContent = said("saidUnopened");
      $("[data-practice-shown]").replaceChildren(
        items[at].querySelector("[data-practice-model]").cloneNode(true),
      );
      result.hidden = false;
      practised.add(idOf(shown));
      progress();
      Object.assign(state, { checked: true, practised: [...practised] });
      keep();
      if (again) return;
      // A forbidden phrase said here goes into 今日复习 as one caught in 话术自查 does.
      if (phrases.length) {
        root.dispatchEvent(new CustomEvent("hb-phrases-found", { bubbles: true, detail: phrases }));
      }
      $("[data-practice-outcome]").scrollIntoView({ block: "nearest" });
    }
    check.addEventListener("click", () => compare());
    for (const button of grades) {
      button.addEventListener("click", () => {
        const id = idOf(at);
        const ok = queue.record(id, Number(button.dataset.practiceGrade));
        const card = queue.cards(hour, new Set([id]))[0]?.card;
        saved.textContent =
          ok && card
            ? said("saidSaved", queue.when(card.due - queue.today(hour), hour))
            : said("saidUnsaved");
        rated(button.dataset.practiceGrade);
        unlike.hidden = true;
        onward.hidden = false;
        // The disabled button had the focus: it goes on to 下一句, read with what was saved.
        onward.focus({ preventScroll: true });
        window.hbBringIntoView($(".hb-practice__rate"), onward);
        Object.assign(state, { saved: saved.textContent, grade: button.dataset.practiceGrade });
        keep();
      });
    }
    function next() {
      at = (at + 1) % items.length;
      show();
      input.focus({ preventScroll: true });
    }
    $("[data-practice-next]").addEventListener("click", next);
    onward.addEventListener("click", () => {
      next();
      $("[data-practice-stage]").scrollIntoView({ block: "center" });
    });
    root.classList.add("is-live");
    $("[data-practice-work]").hidden = false;
    show();
    if (kept) {
      input.value = state.reply = kept.reply || "";
      check.disabled = !input.value.trim();
      keep();
      if (kept.checked && input.value.trim()) compare(true);
      if (kept.saved) {
        saved.textContent = state.saved = kept.saved;
        onward.hidden = false;
        state.grade = kept.grade || "";
        rated(state.grade);
        keep();
      }
    }
  }

  function start() {
    const root = document.querySelector("[data-practice]");
    if (root) setup(root);
  }

  const ready = () => (window.document$ ? window.document$.subscribe(start) : start());
  if (window.hbReview) ready();
  else document.addEventListener("hb-review-ready", ready, { once: true });
})();
