"""Campaigns: what to crawl, with which keyword lists, against which genuine portals."""
from .loader import BUILTIN, CampaignError, CampaignIssue, load_campaign
from .model import Campaign, Limits, Marketplace, SearchEngine

__all__ = ["Campaign", "CampaignError", "CampaignIssue", "Limits", "Marketplace",
           "SearchEngine", "load_campaign", "BUILTIN"]
