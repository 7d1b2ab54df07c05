/* Quiz widget: one question at a time, right or wrong at once, score and review at the end,
   best score per quiz in localStorage. The answers live only in the answer key, which is
   hidden on screen; it is read after the reader confirms. Text is set with textContent.

   A quiz under way is kept in localStorage["hb-quiz-progress:<id>"] (question order, option
   order, answers so far, the question on screen), so following a 见《…》 link and coming
   back, a reload or instant navigation carry on where the reader was. A finished quiz keeps
   it, marked done, so its result and the list of wrong answers are still there after a 见《…》
   link and Back or a reload; starting again clears it. A saved state that no longer fits the
   page (questions changed) is ignored. After a round with mistakes, 只做答错的题 starts a round
   of those questions alone (`mistakes` in the saved state): it scores itself and leaves the
   best score, which is for the whole quiz, alone. */
"use strict";

(() => {
  const PREFIX = "hb-quiz:";
  const PROGRESS = "hb-quiz-progress:";
  const strings = (value) => Array.isArray(value) && value.every((v) => typeof v === "string");

  function loadProgress(id, ids) {
    const saved = window.hbStorage.read(PROGRESS + id);
    try {
      const { order, options, answers, draft, pos, done, mistakes } = saved || {};
      const known = new Set(ids);
      const fits =
        strings(order) &&
        (mistakes === true ? order.length > 0 : order.length === ids.length) &&
        order.every((q) => known.has(q)) &&
        new Set(order).size === order.length &&
        Number.isInteger(pos) &&
        pos >= 0 &&
        pos < order.length &&
        options &&
        typeof options === "object" &&
        Object.values(options).every(strings) &&
        answers &&
        typeof answers === "object" &&
        Object.entries(answers).every(([q, a]) => known.has(q) && strings(a)) &&
        strings(draft) &&
        (!done || order.every((q) => answers[q]));
      if (fits) return { order, options, answers, draft, pos, done, mistakes: mistakes === true };
    } catch {
      /* no storage, or garbage in it: start afresh */
    }
    return null;
  }

  // Storage full or blocked: the quiz still works, without resuming.
  const saveProgress = (id, value) => window.hbStorage.write(PROGRESS + id, value);

  function loadBest(id) {
    const { score, total } = window.hbStorage.read(PREFIX + id) || {};
    if (
      Number.isInteger(score) &&
      Number.isInteger(total) &&
      total > 0 &&
      score >= 0 &&
      score <= total
    ) {
      return { score, total };
    }
    return null; // none, or garbage: no best score
  }

  const saveBest = (id, value) => window.hbStorage.write(PREFIX + id, value);

  const bestText = (best) => (best ? `最好成绩 ${best.score} / ${best.total}` : "还没做过");

  /* How far an unfinished round got, for the list of quizzes ("还没做过" read wrong for a
     quiz left half done): a first round's answers, not a round of the mistakes alone. */
  function roundText(id) {
    const saved = window.hbStorage.read(PROGRESS + id);
    const order = saved?.order;
    const answers = saved?.answers;
    if (!Array.isArray(order) || !answers || typeof answers !== "object") return "";
    if (saved.done || saved.mistakes) return "";
    const done = order.filter((q) => Object.hasOwn(answers, q)).length;
    return done ? `做了 ${done} / ${order.length} 题` : "";
  }

  function showBest(root) {
    root.querySelectorAll("[data-quiz-best]").forEach((el) => {
      const best = loadBest(el.dataset.quizBest);
      const round = roundText(el.dataset.quizBest);
      el.textContent = round && !best ? round : [bestText(best), round].filter(Boolean).join(" · ");
    });
  }

  /* A random order of `list`, different from the current one whenever that is possible. */
  function shuffled(list) {
    const out = list.slice();
    for (let tries = 0; tries < 9; tries++) {
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      if (out.some((item, i) => item !== list[i])) break;
    }
    return out;
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function setup(quiz) {
    if (quiz.dataset.quizReady) return;
    quiz.dataset.quizReady = "1";
    const id = quiz.dataset.quiz;
    const find = (selector) => quiz.querySelector(selector);
    const questions = Array.from(quiz.querySelectorAll("[data-question]"));
    const keys = {};
    for (const li of quiz.querySelectorAll("[data-key]")) keys[li.dataset.key] = li;
    const check = find(".quiz-check");
    const next = find(".quiz-next");
    const feedback = find(".quiz-feedback");
    const result = find(".quiz-result");
    let order = questions;
    let pos = 0;
    let wrong = [];
    let answers = {}; // question id → the values confirmed
    let mistakes = false; // a round of the questions answered wrong, alone
    const byId = {};
    for (const q of questions) byId[q.dataset.question] = q;

    const inputs = (q) => Array.from(q.querySelectorAll("input"));
    const answer = (q) => keys[q.dataset.question].dataset.answer.split(" ");
    const optionText = (q, value) =>
      q.querySelector(`input[value="${value}"]`).parentNode.querySelector(".quiz-text").textContent;
    // An option quoted or run together with others: without its own full stop.
    const bare = (q, value) => optionText(q, value).replace(/[。；;\s]+$/u, "");
    /* The right options, run together with "；". */
    const rightTexts = (q) =>
      answer(q)
        .map((value) => bare(q, value))
        .join("；");

    /* Explanation and link to the entry, copied from the answer key; first, when the key says
       what is wrong with a wrong option the reader chose, that (quoted where the options are
       not on screen). */
    function explain(box, q, chosen, quoted) {
      const key = keys[q.dataset.question];
      // In the list at the end, every wrong choice is named, with or without its why.
      const misses = chosen
        .filter((value) => !answer(q).includes(value))
        .map((value) => {
          const why = key.querySelector(
            `.quiz-key-miss[data-option="${value}"] .quiz-key-miss__why`,
          );
          if (!quoted) return why ? `你选的这句：${why.textContent}。` : "";
          const chose = bare(q, value);
          return why ? `你选的“${chose}”：${why.textContent}。` : `你选的是“${chose}”。`;
        })
        .filter(Boolean);
      // 多选: a right option left out is named too (the verdict alone did not say which).
      const left = answer(q).filter((value) => !chosen.includes(value));
      if (chosen.length && left.length && answer(q).length > 1)
        misses.push(`漏选了“${left.map((value) => bare(q, value)).join("；")}”。`);
      const miss = box.querySelector(".quiz-miss");
      miss.textContent = misses.join("");
      miss.hidden = !misses.length;
      box.querySelector(".quiz-why").textContent = key.querySelector(".quiz-key-why").textContent;
      const see = box.querySelector(".quiz-see");
      see.textContent = "见 ";
      see.append(key.querySelector(".quiz-key-see a").cloneNode(true));
    }

    function show() {
      const q = order[pos];
      started();
      for (const el of questions) el.classList.toggle("is-on", el === q);
      const round = mistakes ? "答错的题：" : "";
      find(".quiz-progress").textContent = `${round}第 ${pos + 1} 题，共 ${order.length} 题`;
      feedback.hidden = next.hidden = true;
      check.hidden = false;
      check.disabled = !inputs(q).some((input) => input.checked);
    }

    const chosenIn = (q) =>
      inputs(q)
        .filter((input) => input.checked)
        .map((input) => input.value);

    /* `done`: the quiz is finished (its result is shown again until 再做一次). */
    function remember(done) {
      const q = order[pos];
      const options = {};
      for (const question of questions) {
        const items = Array.from(question.querySelectorAll(".quiz-options > li"));
        items.sort((a, b) => (Number(a.style.order) || 0) - (Number(b.style.order) || 0));
        options[question.dataset.question] = items.map((li) => li.querySelector("input").value);
      }
      saveProgress(id, {
        order: order.map((question) => question.dataset.question),
        options,
        answers,
        draft: answers[q.dataset.question] ? [] : chosenIn(q),
        pos,
        ...(done ? { done } : {}),
        ...(mistakes ? { mistakes } : {}),
      });
      showBest(quiz); // "还没做过" read wrong under a quiz half done
    }

    function confirm() {
      const q = order[pos];
      const chosen = chosenIn(q);
      answers[q.dataset.question] = chosen;
      started();
      const right = grade(q, chosen);
      if (!right) wrong.push(q);
      // 今日复习 (review-queue.js) takes a question answered wrong into its queue.
      const detail = { id: q.dataset.question, right };
      quiz.dispatchEvent(new CustomEvent("hb-answer", { bubbles: true, detail }));
      remember();
      // The button takes the focus; the verdict must stay readable: on a small phone a plain
      // focus() scrolled the button into view and the verdict above it under the header.
      next.focus({ preventScroll: true });
      window.hbBringIntoView(feedback, next);
    }

    /* Mark the options and show the verdict for `chosen`; true when it is right. */
    function grade(q, chosen) {
      const right = answer(q);
      const ok = isRight(q, chosen);
      inputs(q).forEach((input) => {
        input.checked = chosen.includes(input.value);
        input.disabled = true;
        const li = input.closest("li");
        li.classList.toggle("is-right", right.includes(input.value));
        li.classList.toggle("is-wrong", input.checked && !right.includes(input.value));
      });
      feedback.className = `quiz-feedback ${ok ? "is-ok" : "is-bad"}`;
      find(".quiz-verdict").textContent = ok ? "✓ 答对了" : `✗ 答错了。正确答案：${rightTexts(q)}`;
      explain(feedback, q, chosen, false);
      feedback.hidden = next.hidden = false;
      check.hidden = true;
      next.textContent = pos + 1 < order.length ? "下一题" : "看成绩";
      return ok;
    }

    /* The result; `saved`: a finished quiz shown again (its best score is kept, not counted). */
    function finish(saved) {
      pos = order.length - 1;
      const score = order.length - wrong.length;
      const best = loadBest(id);
      // A score as good as the best is the best: the same words when the result is shown again.
      const record = !mistakes && (!best || score / order.length >= best.score / best.total);
      if (!saved) {
        if (record) saveBest(id, { score, total: order.length });
        remember(true);
      }
      quiz.classList.add("is-done");
      find(".quiz-score").textContent = `答对 ${score} 题，共 ${order.length} 题。`;
      let words = record ? "这是你的最好成绩。" : `${bestText(best)}，再接再厉。`;
      if (record && !wrong.length) words = "全部答对，这是你的最好成绩。";
      if (mistakes) {
        const these = wrong.length > 1 ? "这几题" : "这一题";
        words = wrong.length ? `${these}还要再看看。` : "上次答错的题，这次都答对了。";
      }
      // What happens to the mistakes (今日复习 takes every question answered wrong).
      // Shown again on a later day, "明天" would be a day late.
      const feed = window.hbReviewFeed;
      const next = feed ? feed.nextDay(feed.hourOf(quiz)) : "明天";
      // Shown again, perhaps that same day: "已放进" alone sent readers to a 今日复习 that had
      // nothing due yet.
      // 起: from then on, a few at a time (one entry's questions come on different days).
      const back = saved ? "已放进“今日复习”，到期就会出现" : `${next}起会回到“今日复习”`;
      if (wrong.length) words += `答错的 ${wrong.length} 题${back}。`;
      find(".quiz-record").textContent = words;
      const list = find(".quiz-wrong");
      list.textContent = "";
      wrong.forEach((q) => {
        const li = element("li", "quiz-wrong-item");
        li.dataset.question = q.dataset.question;
        li.append(element("p", "quiz-wrong-prompt", q.querySelector(".quiz-prompt").textContent));
        for (const p of q.querySelectorAll(".quiz-context p")) {
          li.append(element("p", "quiz-wrong-context", p.textContent));
        }
        li.append(element("p", "quiz-wrong-answer", `正确答案：${rightTexts(q)}`));
        li.append(element("p", "quiz-miss"), element("p", "quiz-why"), element("p", "quiz-see"));
        explain(li, q, answers[q.dataset.question] || [], true);
        list.append(li);
      });
      find(".quiz-review").hidden = wrong.length === 0;
      retryWrong.hidden = wrong.length === 0;
      retryWrong.textContent = `只做答错的 ${wrong.length} 题`;
      result.hidden = false;
      showBest(document);
      if (saved) return; // back from a 见 link or reloaded: the browser puts the reader back
      // The score, not the whole end screen: a screen reader read every wrong answer at once.
      find(".quiz-score").focus({ preventScroll: true });
      // Below the sticky header (scroll-margin-top in quiz.css), not under the back-to-top
      // button that scrolling up to it would bring out.
      window.hbQuietBackToTop();
      result.scrollIntoView({ block: "start" });
    }

    /* A new round: all the questions, or only `subset` (the ones just answered wrong). */
    function start(mix, subset) {
      questions.forEach((q) => {
        q.classList.remove("is-on");
        inputs(q).forEach((input) => {
          input.checked = input.disabled = false;
          input.closest("li").classList.remove("is-right", "is-wrong");
        });
        if (mix) {
          shuffled(Array.from(q.querySelectorAll(".quiz-options > li"))).forEach((li, i) => {
            li.style.order = i;
          });
        }
      });
      mistakes = Boolean(subset);
      if (subset) order = shuffled(subset);
      else if (mix) order = shuffled(order.length === questions.length ? order : questions);
      pos = 0;
      wrong = [];
      answers = {};
      quiz.classList.remove("is-done");
      result.hidden = true;
      show();
    }

    /* Carry on from a saved state: same order, same options, answers so far. */
    function resume(saved) {
      start(false);
      order = saved.order.map((q) => byId[q]);
      mistakes = saved.mistakes;
      for (const q of questions) {
        const keys = saved.options[q.dataset.question] || [];
        q.querySelectorAll(".quiz-options > li").forEach((li) => {
          const at = keys.indexOf(li.querySelector("input").value);
          li.style.order = at < 0 ? "" : String(at);
        });
      }
      answers = saved.answers;
      wrong = order.filter((q) => {
        const chosen = answers[q.dataset.question];
        return chosen && !isRight(q, chosen);
      });
      pos = saved.pos;
      if (saved.done) return finish(saved);
      show();
      const q = order[pos];
      const done = answers[q.dataset.question];
      if (done) {
        grade(q, done);
      } else {
        for (const input of inputs(q)) input.checked = saved.draft.includes(input.value);
        check.disabled = !saved.draft.length;
      }
    }

    function isRight(q, chosen) {
      const right = answer(q);
      return chosen.length === right.length && chosen.every((value) => right.includes(value));
    }

    /* The question on screen from its count down (第 2 题，共 77 题), below the header; scrolling
       up would bring Material's back-to-top button out, over it. */
    function present() {
      const q = order[pos];
      q.focus({ preventScroll: true });
      window.hbQuietBackToTop();
      window.hbBringIntoView(find(".quiz-progress"), q);
    }

    quiz.addEventListener("change", () => {
      if (check.hidden) return;
      check.disabled = !inputs(order[pos]).some((input) => input.checked);
      remember();
      // 确定 below the screen after a choice (a small phone, large text): in view, as far as
      // the question's head can stay in it.
      if (!check.disabled) window.hbBringIntoView(find(".quiz-progress"), check);
    });
    check.addEventListener("click", confirm);
    next.addEventListener("click", () => {
      if (++pos >= order.length) return finish();
      show();
      remember();
      present();
    });
    const retryWrong = find(".quiz-retry-wrong");
    const again = (subset) => {
      saveProgress(id, null);
      start(true, subset);
      remember();
      present();
    };
    find(".quiz-retry").addEventListener("click", () => again());
    /* Halfway through, from the first question: the next person on a shared counter PC found
       the last one's answers counted in their score, and 再做一次 only at the end. */
    const restart = find(".quiz-restart");
    const started = () => {
      restart.hidden = !Object.keys(answers).length;
    };
    restart.addEventListener("click", () => window.confirm(restart.dataset.ask) && again());
    retryWrong.addEventListener("click", () => again(wrong.slice()));
    find(".quiz-score").tabIndex = -1;
    quiz.classList.add("is-live");
    const saved = loadProgress(
      id,
      questions.map((q) => q.dataset.question),
    );
    if (saved) resume(saved);
    else start(false);
  }

  function init() {
    document.querySelectorAll("[data-quiz]").forEach(setup);
    showBest(document);
  }

  if (window.document$) window.document$.subscribe(init);
  else init();
})();
