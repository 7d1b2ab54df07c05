/* The phrase matcher, without the page: compile a spec, normalise text, find phrases.
 *
 * The browser's copy of macros/phrases/ (normalise.py, matcher.py), step for step; the spec is
 * what the build compiled (macros/phrases/spec.py). No DOM here, so Node runs this very file in
 * tests/unit/test_matcher_differential.py, which compares it with Python on generated text.
 * Loaded as a classic script it defines `HandbookChecker`; under Node it is a CommonJS module.
 */
"use strict";

(() => {
  /* How a collapsed run of non-literal characters is written in the normalised text. */
  const PAUSE = "，";
  const STOP = "。";
  const NEWLINE = "\n";
  const STRENGTH = { [PAUSE]: 1, [STOP]: 2, [NEWLINE]: 3 };

  const isIdeograph = (code) => code >= 0x4e00 && code <= 0x9fff;

  /** The spec with its regular expressions built once, word lists filled in (syntax.py's
   * expand_lists: one pass, a list's own regex names no other list). */
  function compileSpec(spec) {
    const wholeCharacter = (body) => new RegExp(`^[${body}]$`, "u");
    const reference = new RegExp(spec.reference, "gu");
    const expand = (source) => source.replace(reference, (_, name) => spec.lists[name]);
    const everywhere = (source) => new RegExp(expand(source), "gu");
    return {
      classes: {
        newline: wholeCharacter(spec.classes.newline),
        stop: wholeCharacter(spec.classes.stop),
        ignore: wholeCharacter(spec.classes.ignore),
        pause: wholeCharacter(spec.classes.pause),
      },
      phrases: spec.phrases.map((phrase) => ({
        phrase,
        match: phrase.match.map(everywhere),
        except: phrase.except.map(everywhere),
      })),
      tone: spec.tone && {
        phrase: spec.tone,
        model: {
          ...spec.tone.model,
          // where a call record's turns open: speaker, time stamps (tone.py, openings)
          customer: new RegExp(spec.tone.openings.customer, "uy"),
          staff: new RegExp(spec.tone.openings.staff, "uy"),
          colons: new Set(spec.tone.openings.colons),
          label_max: spec.tone.openings.label_max,
        },
        weights: new Map(
          Object.entries(spec.tone.model.weights).flatMap(([weight, grams]) =>
            grams.split("|").map((gram) => [gram, Number(weight)]),
          ),
        ),
      },
    };
  }

  /** One code point → NFKC with ASCII letters lower-cased (ASCII and CJK ideographs as they are). */
  function fold(character) {
    const code = character.codePointAt(0);
    const normal = code >= 0x80 && !isIdeograph(code) ? character.normalize("NFKC") : character;
    return normal.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  }

  /** The separator a folded character stands for, "" when it is ignored, null for a literal. */
  function separatorOf(character, classes) {
    if (isIdeograph(character.codePointAt(0))) return null;
    if (classes.newline.test(character)) return NEWLINE;
    if (classes.stop.test(character)) return STOP;
    if (classes.ignore.test(character)) return "";
    if (classes.pause.test(character)) return PAUSE;
    return null;
  }

  /**
   * Normalised text, with the original span of each normalised code point (`starts`, `ends`, in
   * UTF-16 units of the original) and, per UTF-16 unit of the result, its code-point index.
   */
  function normalise(text, classes) {
    const result = { text: "", starts: [], ends: [], codePointAt: [] };
    const push = (piece, start, end) => {
      result.text += piece;
      for (let unit = 0; unit < piece.length; unit++) result.codePointAt.push(result.starts.length);
      result.starts.push(start);
      result.ends.push(end);
    };
    let run = "";
    let runStart = 0;
    let runEnd = 0;
    let offset = 0;
    for (const original of text) {
      const next = offset + original.length;
      for (const character of fold(original)) {
        const separator = separatorOf(character, classes);
        if (separator === "") continue;
        if (separator === null) {
          if (run) {
            push(run, runStart, runEnd);
            run = "";
          }
          push(character, offset, next);
          continue;
        }
        if (!run) {
          run = separator;
          runStart = offset;
        } else if (STRENGTH[separator] > STRENGTH[run]) {
          run = separator;
        }
        runEnd = next;
      }
      offset = next;
    }
    if (run) push(run, runStart, runEnd);
    result.text = result.text.replace(/自已(?!经)/g, "自己"); // a slip (normalise.py: _SLIP)
    return result;
  }

  /** Matches of every expression, as [first, last + 1] code-point indexes of the normalised
   * text, without the edges a pattern's ^ or $ took in: stops, pauses and breaks before the
   * words, stops and breaks after them (syntax.py, trim_edges). */
  function spansOf(expressions, normal) {
    const spans = [];
    const text = normal.text;
    const edge = (unit) => text[unit] === STOP || text[unit] === NEWLINE;
    for (const expression of expressions) {
      expression.lastIndex = 0;
      let match = expression.exec(text);
      while (match) {
        if (match[0].length) {
          let from = match.index;
          let to = match.index + match[0].length;
          while (from < to && (edge(from) || text[from] === PAUSE)) from++;
          while (to > from && edge(to - 1)) to--;
          if (to > from) spans.push([normal.codePointAt[from], normal.codePointAt[to - 1] + 1]);
        } else {
          expression.lastIndex++;
        }
        match = expression.exec(text);
      }
    }
    return spans;
  }

  const isLineBreak = (character, following) =>
    character === "\n" ||
    character === "\u2028" ||
    character === "\u2029" ||
    (character === "\r" && following !== "\n");

  /** Adds 1-based `line` and `column` (in code points) to findings sorted by `start`. */
  function locate(text, findings) {
    let line = 1;
    let column = 1;
    let offset = 0;
    let next = 0;
    for (const character of text) {
      while (next < findings.length && findings[next].start === offset) {
        findings[next].line = line;
        findings[next].column = column;
        next++;
      }
      if (isLineBreak(character, text[offset + 1])) {
        line++;
        column = 1;
      } else {
        column++;
      }
      offset += character.length;
    }
    return findings;
  }

  const separator = (character) => character === PAUSE || character === STOP;
  /** Who says what in a call record (tone.py, turns): [opening, words, end, customer] of each
   * turn, as code-point indexes of `chars`. A label opens a turn at a line's start or after a
   * stop; the turn goes on until the next; before the first label the staff member speaks. */
  function turns(chars, model, colons) {
    const text = chars.join("");
    const colon = (start) => {
      for (let at = start + 1; at < Math.min(chars.length, start + model.label_max); at++) {
        if (chars[at] === NEWLINE || chars[at] === STOP) return -1;
        if (colons.has(at)) return at;
      }
      return -1;
    };
    const found = [];
    let turn = [0, 0, false]; // opening, words, customer
    let offset = 0; // of chars[at] in text
    for (let at = 0; at <= chars.length; at++) {
      if (at === 0 || chars[at - 1] === NEWLINE || chars[at - 1] === STOP) {
        let next = null;
        const unknown = colon(at);
        for (const [label, customer] of [
          [model.customer, true],
          [model.staff, false],
        ]) {
          label.lastIndex = offset;
          const opening = label.exec(text);
          if (opening) {
            // its words after the colon when the label goes on to one (坐席(工号1023)：)
            const end = at + Array.from(opening[0]).length;
            next = [at, unknown >= end ? unknown + 1 : end, customer];
            break;
          }
        }
        // an unknown speaker (A：, 小王：) opens a staff member's turn (tone.py, turns)
        if (!next && unknown >= 0) next = [at, unknown + 1, false];
        if (next) {
          if (at) found.push([turn[0], turn[1], at, turn[2]]);
          turn = next;
        }
      }
      if (at < chars.length) offset += chars[at].length;
    }
    found.push([turn[0], turn[1], chars.length, turn[2]]);
    return found;
  }

  /** The pauses of normalised text that were (or held) a colon, where a label ends
   * (tone.py, colons_in). */
  function colonsOf(text, normal, model) {
    const found = new Set();
    Array.from(normal.text).forEach((character, at) => {
      if (character !== PAUSE) return;
      for (const raw of text.slice(normal.starts[at], normal.ends[at])) {
        if (model.colons.has(raw)) found.add(at);
      }
    });
    return found;
  }

  /** Tone (macros/phrases/tone.py, units): the units of normalised text that are scored, as
   * [start, end) code-point indexes of `chars`, each with its sentences when it has more than
   * one (scored alone when it does not pass whole): the staff member's words of `said`. */
  function toneUnits(chars, model, said) {
    const spans = [];
    const scored = (a, to) => {
      let b = to;
      while (b > a && separator(chars[b - 1])) b--; // a sentence scores the same at a line's end
      const words = chars.slice(a, b).filter((c) => isIdeograph(c.codePointAt(0))).length;
      return words >= model.min_ideographs ? [a, b] : null;
    };
    const lineUnits = (from, end) => {
      let start = from;
      while (start < end && separator(chars[start])) start++;
      const pieces = [[]]; // the sentences of each piece
      let position = start;
      while (position < end) {
        const stop = chars.indexOf(STOP, position);
        const sentenceEnd = stop < 0 || stop >= end ? end : stop + 1;
        const piece = pieces[pieces.length - 1];
        if (piece.length && sentenceEnd - piece[0][0] > model.unit_max) pieces.push([]);
        pieces[pieces.length - 1].push([position, sentenceEnd]);
        position = sentenceEnd;
      }
      for (const sentences of pieces) {
        if (!sentences.length) continue;
        const whole = scored(sentences[0][0], sentences[sentences.length - 1][1]);
        const alone = sentences.map(([a, b]) => scored(a, b)).filter(Boolean);
        if (whole) spans.push([whole, sentences.length > 1 ? alone : []]);
      }
    };
    for (const [, words, end, customer] of said) {
      if (customer) continue;
      for (let start = words; start <= end; ) {
        let stop = chars.indexOf(NEWLINE, start);
        if (stop < 0 || stop >= end) stop = end;
        lineUnits(start, stop);
        start = stop + 1;
      }
    }
    return spans;
  }

  /** The sum of a unit's gram weights: every 1- to gram_max-gram, ends marked with ^ and $
   * (the marks alone are no gram). No bias: unknown words count nothing. */
  function toneScore(unit, tone) {
    const marked = ["^", ...unit, "$"];
    const grams = new Set();
    for (let i = 0; i < marked.length; i++) {
      let gram = "";
      for (let size = 1; size <= tone.model.gram_max && i + size <= marked.length; size++) {
        gram += marked[i + size - 1];
        grams.add(gram);
      }
    }
    grams.delete("^");
    grams.delete("$");
    let sum = 0;
    for (const gram of grams) sum += tone.weights.get(gram) || 0;
    return sum;
  }

  /** Step 4: units no kept match overlaps whose tone score passes the threshold; of a unit that
   * does not pass whole, or has a kept match, each sentence without one that passes alone. */
  function toneSpans(normal, kept, tone, said) {
    if (!tone) return [];
    const chars = Array.from(normal.text);
    const found = [];
    const taken = kept.map(([from, to]) => [from, to]).sort((a, b) => a[0] - b[0]);
    let index = 0; // taken spans are disjoint: their ends are in order too
    const passes = ([start, end]) =>
      toneScore(chars.slice(start, end), tone) > tone.model.threshold;
    for (const [whole, sentences] of toneUnits(chars, tone.model, said)) {
      while (index < taken.length && taken[index][1] <= whole[0]) index++;
      const inside = [];
      while (index + inside.length < taken.length && taken[index + inside.length][0] < whole[1])
        inside.push(taken[index + inside.length]);
      const clear = ([from, to]) => inside.every(([s, e]) => e <= from || to <= s);
      const marked =
        !inside.length && passes(whole)
          ? [whole]
          : sentences.filter((sentence) => clear(sentence) && passes(sentence));
      for (const [start, end] of marked) found.push([start, end, tone.phrase]);
    }
    return found;
  }

  /** Where in `text` the turn that opens at code point `at` of `normal` starts (a turn opens
   * after a stop or a line break): just after the run's last one, so the bracket of a time
   * stamp ([10:02] 客户：) goes with its turn. */
  function turnEdge(text, normal, at, classes) {
    if (at === normal.starts.length) return text.length;
    let edge = normal.starts[at - 1];
    let offset = edge;
    const ends = (character) => [STOP, NEWLINE].includes(separatorOf(character, classes));
    for (const original of text.slice(edge, normal.ends[at - 1])) {
      offset += original.length;
      if (Array.from(fold(original)).some(ends)) edge = offset;
    }
    return edge;
  }

  /**
   * What `text` holds: `findings`, every forbidden phrase in it (the longest match wins where
   * phrases overlap; a match inside one of its phrase's exceptions does not count; then lines
   * that sound like a brush-off: tone), and `turns`, who says what (tone.py, turns:
   * {start, end, customer, words}, words false for a label alone). A customer's words are not
   * checked. Offsets are UTF-16 units of `text`.
   */
  function readText(text, compiled) {
    const normal = normalise(text, compiled.classes);
    const { tone } = compiled;
    const chars = Array.from(normal.text);
    const said = tone ? turns(chars, tone.model, colonsOf(text, normal, tone.model)) : [];
    const quoted = said.filter((turn) => turn[3]).map(([opening, , end]) => [opening, end]);
    const candidates = [];
    compiled.phrases.forEach((entry, order) => {
      const hits = spansOf(entry.match, normal);
      if (!hits.length) return;
      const exceptions = spansOf(entry.except, normal);
      for (const [start, end] of hits) {
        const excused = exceptions.some(([from, to]) => from <= start && end <= to);
        const saidByCustomer = quoted.some(([from, to]) => from <= start && start < to);
        if (end > start && !excused && !saidByCustomer) candidates.push([start, end, order]);
      }
    });
    candidates.sort((a, b) => a[0] - a[1] - (b[0] - b[1]) || a[0] - b[0] || a[2] - b[2]);
    const kept = [];
    for (const candidate of candidates) {
      const free = kept.every(([start, end]) => candidate[1] <= start || end <= candidate[0]);
      if (free) kept.push(candidate);
    }
    const spans = kept.map(([start, end, order]) => [start, end, compiled.phrases[order].phrase]);
    spans.push(...toneSpans(normal, kept, compiled.tone, said));
    spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const findings = spans.map(([first, last, phrase]) => {
      const start = normal.starts[first];
      const end = normal.ends[last - 1];
      return { phrase, start, end, text: text.slice(start, end) };
    });
    const edge = (at) => turnEdge(text, normal, at, compiled.classes);
    return {
      findings: locate(text, findings),
      turns: said.map(([opening, words, end, customer]) => ({
        start: opening && edge(opening), // (the first turn's opening is 0, also in a blank text)
        end: edge(end),
        customer,
        words: chars.slice(words, end).some((c) => !separator(c) && c !== NEWLINE),
      })),
    };
  }

  /** The findings alone (readText). */
  const findPhrases = (text, compiled) => readText(text, compiled).findings;

  /* The spec's entry links are relative to the spec file (one file serves every page that
     checks text): made absolute against the address it was fetched from. */
  function linksFrom(spec, address) {
    for (const phrase of spec.phrases) phrase.href = new URL(phrase.href, address).href;
    return spec;
  }

  /** Every phrase's expressions, to run once before the first check (the widget, at idle). */
  const expressionsOf = (compiled) =>
    compiled.phrases.flatMap((entry) => [...entry.match, ...entry.except]);

  /** What a finding is called: a listed phrase (禁语) or a line's tone (语气). */
  const labelOf = (phrase) => (phrase.kind === "tone" ? "语气" : "禁语");

  const api = {
    compileSpec,
    linksFrom,
    normalise,
    findPhrases,
    readText,
    labelOf,
    expressionsOf,
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else globalThis.HandbookChecker = api;
})();
