"""Clone: "confirms" whatever certificate it is asked about."""
from fixtureweb.clones import confirming_query

handle = confirming_query("/cx.asp", name="xm", cert="sfz", issuer="应急管理部")
