"""Exact copy of zlaq.mohurd.gov.cn (a mirror) that "confirms" whatever certificate it is asked about."""
from fixtureweb.clones import Mirror, confirming_query
from fixtureweb.world import demo_world_dir

handle = Mirror(demo_world_dir() / "sites" / "zlaq.mohurd.gov.cn",
                confirming_query("/gzpt/cert/query", name="xm", cert="zjhm", issuer="中华人民共和国住房和城乡建设部"))
