"""wardpanel: run community-safety ward-panel meetings and follow them up."""

__version__ = "0.1.0"
