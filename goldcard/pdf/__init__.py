"""The printable PDFs: one per guide and one of the whole handbook, in each language.

`names` (file names, which the site's download links use) imports nothing heavy; `export` runs WeasyPrint
over the built site: `from goldcard.pdf.export import export_pdfs`.
"""
