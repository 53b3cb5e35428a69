# A minimal project that uses every directive of the book's extension on the real data/.
extensions = ["paris1944.sphinxext"]
exclude_patterns = ["_build"]
html_theme = "basic"
