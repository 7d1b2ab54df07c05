"""Render layer: the validated handbook in, Markdown with HTML blocks out, one module per page kind.

`renderer.Renderer` holds what every page needs (links relative to the page, the shared Jinja
environment); `chapters`, `home`, `checklists`, `quizzes` and `checker` each render one kind of
page. Escaping happens once, in `escape.py`, as the templates print.
"""
