"""Renderers: Markdown, HTML (Jinja2 templates), DOCX and the static site, each
turning the same data (a job profile, a level comparison, a family) into one format.
They hold no domain logic; what is shown is decided by ``_profile`` and ``_compare``."""
