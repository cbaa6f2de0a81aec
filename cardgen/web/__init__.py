"""cardgen serve: the note editor as a local web page over the library (server, form, preview)."""
