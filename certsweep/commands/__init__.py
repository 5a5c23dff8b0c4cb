"""One module per command family; `register` attaches them all to the top-level group."""
from . import campaign, database


def register(cli) -> None:
    cli.add_command(database.init)
    cli.add_command(campaign.campaign)
