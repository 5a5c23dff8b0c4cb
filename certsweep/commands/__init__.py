"""One module per command family; `register` attaches them all to the top-level group."""
from . import (assess, campaign, crawl, database, demo, domains, evidence, export, findings,
               keywords, portals, report, serve, users, worker)


def register(cli) -> None:
    cli.add_command(database.init)
    cli.add_command(campaign.campaign)
    cli.add_command(crawl.crawl)
    cli.add_command(demo.demo)
    cli.add_command(portals.portals)
    cli.add_command(assess.assess)
    cli.add_command(domains.domains)
    cli.add_command(keywords.keywords)
    cli.add_command(findings.findings)
    cli.add_command(users.users)
    cli.add_command(serve.serve)
    cli.add_command(serve.recheck)
    cli.add_command(evidence.evidence)
    cli.add_command(export.export)
    cli.add_command(report.report)
    cli.add_command(worker.worker)
    cli.add_command(worker.sink)
