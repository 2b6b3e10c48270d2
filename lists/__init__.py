"""Bundled list data and the registry of list sources (shipped as ``screening.lists``)."""
