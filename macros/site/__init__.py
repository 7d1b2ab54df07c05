"""Site layer: MkDocs wiring. `plugin.HandbookPlugin` holds one `HandbookBuild` per build.

The build loads the content, registers the page macros (through `macros/__init__.py`), adds a
page per checklist and quiz, tells each page which content files it is made from, and after
the build writes the search-index additions, minifies our assets and writes the offline copy.
"""
