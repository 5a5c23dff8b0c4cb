"""Thin spiders, one per kind of source; the shared behaviour lives in `spiders.base`."""
