"""certsweep: crawl campaigns against fake safety-production certificates and cloned query portals."""
__version__ = "0.1.0"
