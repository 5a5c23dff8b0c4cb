"""One module per command family. The top-level group imports a command's module only when that
command runs (or help lists it): importing all of them (Scrapy, matplotlib, the keyword engine,
the web app) would add seconds to every start, a crawl's included."""
import importlib

import click

# Command name → "module:attribute" in this package, in the order help lists them.
COMMANDS = {
    "init": "database:init",
    "campaign": "campaign:campaign",
    "crawl": "crawl:crawl",
    "demo": "demo:demo",
    "portals": "portals:portals",
    "assess": "assess:assess",
    "domains": "domains:domains",
    "keywords": "keywords:keywords",
    "findings": "findings:findings",
    "users": "users:users",
    "serve": "serve:serve",
    "recheck": "serve:recheck",
    "evidence": "evidence:evidence",
    "export": "export:export",
    "report": "report:report",
    "worker": "worker:worker",
    "sink": "worker:sink",
}


class LazyGroup(click.Group):
    """A group whose commands are named in COMMANDS and imported on first use."""

    def list_commands(self, ctx) -> list[str]:
        return [*COMMANDS, *super().list_commands(ctx)]

    def get_command(self, ctx, name: str):
        if name not in COMMANDS:
            return super().get_command(ctx, name)
        module, attribute = COMMANDS[name].split(":")
        command = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
        if command.name != name:
            raise RuntimeError(f"COMMANDS names {COMMANDS[name]} as {name!r}, but it is {command.name!r}")
        return command
