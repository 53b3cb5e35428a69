# A page with one numbered figure named like the book's: the extension puts its reuse block under it.
extensions = ["paris1944.sphinxext"]
exclude_patterns = ["_build"]
html_theme = "basic"
numfig = True
html_baseurl = "https://example.org/book/"
