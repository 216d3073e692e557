"""Gold Card guides: the core that loads, checks and renders the guide data. It never imports MkDocs."""
