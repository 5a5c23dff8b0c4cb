"""Which agency's queue a new finding goes to (see the campaign documents' division of work)."""
CAC, SAMR, POLICE = "cac", "samr", "police"
QUEUE_LABELS = {CAC: "网信办", SAMR: "市场监管", POLICE: "公安"}

# Fake government portals are cyberspace affairs' first target; listings and ads on trading
# platforms are the market regulator's; other illegal information is cyberspace affairs'.
TRADING_SOURCES = {"marketplace", "ad"}


def queue_for(verdict: str, source: str) -> str:
    if verdict == "fake_portal":
        return CAC
    return SAMR if source in TRADING_SOURCES else CAC
