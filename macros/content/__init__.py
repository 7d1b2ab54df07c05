"""Content layer: `content/*.yml` read, validated and cross-referenced into one typed `Handbook`.

Knows nothing of MkDocs, Jinja or HTML. `load_content()` is the only way in; it raises
`ContentError` listing every problem, each with file, line, key path and what was expected.
"""
