"""The review web app (`certsweep serve`): server-rendered pages, htmx for partial updates,
every asset served from here so it works on an intranet without internet access."""
from .app import create_app

__all__ = ["create_app"]
