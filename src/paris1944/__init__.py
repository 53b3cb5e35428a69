"""Paris 1944: what the sources say.

The package holds everything the notebooks share: where the data lives,
the source registry, and the figure machinery. Notebooks narrate; this
package computes.
"""

__version__ = "0.1.0"
