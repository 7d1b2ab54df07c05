"""The phrase pattern language: how a forbidden phrase is found in what staff say or type.

The lowest layer: plain Python over strings, no content model, no MkDocs. The content model
validates every `patterns:` item with it, so it sits below `macros.content`.

One definition of the matching, three users:

- `syntax.PatternCompiler` (one per content load, compiling each pattern once) validates every
  `patterns:`/`exceptions:` item for the content model, so a pattern that cannot compile is a
  `file:line` problem like any other content mistake;
- `spec.phrase_spec()` compiles a phrase into the JSON-able spec (`spec.PhraseSpec`): regular
  expressions plus the character classes of the normalisation (`normalise.py`);
- `matcher.Matcher(spec)` (Python, used by `python -m macros phrases`) and
  `overrides/assets/js/checker-core.js` (the browser, and Node in the tests) run that same spec
  with the same algorithm; a differential test compares them on generated text.

The algorithm, step by step (both implementations follow it exactly):

1. Normalise the text one code point at a time: NFKC (full-width Ａ１，！ become A1,!), then
   ASCII upper case to lower case. Each resulting character is a line break, a sentence stop,
   ignorable (spaces, zero-width), a pause (other punctuation) or a literal. A run of
   non-literal characters collapses to one character: "\\n" if it holds a line break, else "。"
   if it holds a stop, else "，". Ignorable characters vanish without breaking a word. Every
   normalised character remembers the span of original text it came from.
2. Every regular expression of every phrase runs over the normalised text (global, non-
   overlapping per expression). A match inside a match of one of the phrase's exceptions is
   dropped, and so is one that starts in a customer's turn of a call record (`tone.turns`).
3. Candidates are sorted longest first, then by start, then by handbook order; a candidate is
   kept when it overlaps none already kept. So where phrases overlap ("我们根本不可能出现这种
   情况"), the one covering the most words wins. Kept matches are reported by position.
4. Tone (`tone.py`), when the spec has a model: the normalised text is cut into units (lines,
   long lines between sentences; a customer's turn is skipped, `tone.turns`); a unit no kept match
   overlaps is scored by its character 1- to 3-grams, and past the threshold it is reported as
   one finding of the tone entry, from its first to its last character that is not a pause or
   stop. Findings are reported by position.
5. Each finding is mapped back to the original text; its line and column count code points,
   lines broken at \\r\\n, \\n, \\r, U+2028 and U+2029.

The pattern syntax for editors is described on `Phrase` in `macros/content/model.py`.
"""
