"""Clone: "confirms" whatever certificate it is asked about."""
from fixtureweb.clones import confirming_query

handle = confirming_query("/gzpt/cert/query", name="xm", cert="zjhm", issuer="住房和城乡建设部")
