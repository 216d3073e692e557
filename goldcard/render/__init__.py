"""The renderers, plain Python without MkDocs, one module per kind of output: `guide` (the Markdown of a guide
page), `sketch` (the SVG of a screen), `text_width` (how wide a label is drawn, for the sketches' layout)."""

from .guide import draw_sketches, render_guide, render_meta, render_pdf_download, render_step, step_count

__all__ = ["draw_sketches", "render_guide", "render_meta", "render_pdf_download", "render_step", "step_count"]
