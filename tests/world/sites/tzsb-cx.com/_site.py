"""Clone: "confirms" whatever certificate it is asked about."""
from fixtureweb.clones import confirming_query

handle = confirming_query("/pq", name="personName", cert="idNo", issuer="国家市场监督管理总局")
