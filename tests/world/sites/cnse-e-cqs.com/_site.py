"""Exact copy of cnse.e-cqs.cn (a mirror) that "confirms" whatever certificate it is asked about."""
from fixtureweb.clones import Mirror, confirming_query
from fixtureweb.world import demo_world_dir

handle = Mirror(demo_world_dir() / "sites" / "cnse.e-cqs.cn",
                confirming_query("/info-pub/pub/personQuery", name="personName", cert="idNo",
                                 issuer="国家市场监督管理总局"))
