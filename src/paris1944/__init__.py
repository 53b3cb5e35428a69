"""Paris 1944: what the sources say.

The package follows the evidence: ``evidence`` reads and checks what comes in
(source texts, claims, references), ``analysis`` weighs it (windows, verdicts,
findings), ``publication`` turns it into what readers see (charts, tables,
citations, exports), and ``sphinxext`` is the book's Sphinx extension.
``pipeline`` runs evidence and analysis into data/derived/; ``cli`` is the
command line. Notebooks narrate; this package computes.
"""

__version__ = "0.4.0"
