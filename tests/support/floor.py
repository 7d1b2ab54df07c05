"""The oldest browsers the handbook supports, as a page of today's Chromium can play them.

The floor (README, Which browsers): Chromium 109, the last Chrome for Windows 7 and the age of
the kernels inside the 360 and QQ browsers on many counter PCs, and Safari 15.4, iOS 15's, the
last for an iPhone 6s or 7. `TAKE_AWAY` removes from a page (as an init script) or a worker (put
before its code) every API that either of them lacks and Chromium 156 has, so that a script of
ours that calls one fails as it would there. Syntax and CSS cannot be taken away like this.
"""

from __future__ import annotations

from typing import Final

# [owner, property, the first Chrome / Safari with it ("none": no Safari had it by 2024)]. Only
# what a script of a handbook might reach for; each is missing in at least one floor browser.
MISSING: Final = (
    ("Array.prototype", "toSorted", "110 / 16"),
    ("Array.prototype", "toReversed", "110 / 16"),
    ("Array.prototype", "toSpliced", "110 / 16"),
    ("Array.prototype", "with", "110 / 16"),
    ("Array", "fromAsync", "121 / 16.4"),
    ("Object", "groupBy", "117 / 17.4"),
    ("Map", "groupBy", "117 / 17.4"),
    ("Promise", "withResolvers", "119 / 17.4"),
    ("Promise", "try", "128 / 18.2"),
    ("Set.prototype", "union", "122 / 17"),
    ("Set.prototype", "intersection", "122 / 17"),
    ("Set.prototype", "difference", "122 / 17"),
    ("Set.prototype", "symmetricDifference", "122 / 17"),
    ("Set.prototype", "isSubsetOf", "122 / 17"),
    ("Set.prototype", "isSupersetOf", "122 / 17"),
    ("Set.prototype", "isDisjointFrom", "122 / 17"),
    ("String.prototype", "isWellFormed", "111 / 16.4"),
    ("String.prototype", "toWellFormed", "111 / 16.4"),
    ("RegExp", "escape", "136 / 18.2"),
    ("URL", "canParse", "120 / 17"),
    ("URL", "parse", "126 / 18"),
    ("AbortSignal", "any", "116 / 17.4"),
    ("AbortSignal", "timeout", "103 / 16"),
    ("Response", "json", "105 / 17"),
    ("Intl", "DurationFormat", "129 / 16.4"),
    ("ArrayBuffer.prototype", "transfer", "114 / 17.4"),
    ("globalThis", "Iterator", "122 / 18.4"),  # and the helpers on every iterator, below
    ("globalThis", "CompressionStream", "80 / 16.4"),
    ("globalThis", "DecompressionStream", "80 / 16.4"),
    ("globalThis", "requestIdleCallback", "47 / none"),
    ("globalThis", "cancelIdleCallback", "47 / none"),
    ("globalThis", "scheduler", "94 / none"),
    ("globalThis", "navigation", "102 / none"),
    ("globalThis", "CloseWatcher", "120 / none"),
    ("StorageManager.prototype", "estimate", "52 / 17"),
    ("Navigator.prototype", "userActivation", "72 / 16.4"),
    ("Element.prototype", "checkVisibility", "105 / 17.4"),
    ("Element.prototype", "getHTML", "125 / 18"),
    ("Element.prototype", "setHTMLUnsafe", "124 / 17.4"),
    ("Element.prototype", "moveBefore", "133 / none"),
    ("HTMLElement.prototype", "showPopover", "114 / 17"),
    ("HTMLElement.prototype", "hidePopover", "114 / 17"),
    ("HTMLElement.prototype", "togglePopover", "114 / 17"),
    ("HTMLFormElement.prototype", "requestSubmit", "76 / 16"),
    ("Document.prototype", "startViewTransition", "111 / 18"),
)
ITERATOR_HELPERS: Final = "map filter take drop flatMap reduce toArray forEach some every find"

# Where the owner does not exist in this global (a worker has no Element), there is nothing to
# take. `hbFloor` lists what survived its deletion: empty where the floor holds.
TAKE_AWAY: Final = f"""(() => {{
  const missing = {[[owner, name] for owner, name, _ in MISSING]!r};
  const survived = [];
  const gone = (owner, name) => {{
    for (let o = owner; o; o = Object.getPrototypeOf(o)) {{
      if (Object.prototype.hasOwnProperty.call(o, name)) delete o[name];
    }}
    if (name in owner) survived.push(name);
  }};
  const iterator = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  for (const name of "{ITERATOR_HELPERS}".split(" ")) gone(iterator, name);
  for (const [path, name] of missing) {{
    const owner = path.split(".").reduce((o, key) => o && o[key], globalThis);
    if (owner) gone(owner, name);
  }}
  globalThis.hbFloor = survived;
}})();
"""
