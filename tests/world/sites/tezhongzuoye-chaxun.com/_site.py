"""Clone: "confirms" whatever certificate it is asked about."""
from fixtureweb.clones import confirming_query

handle = confirming_query("/check", name="name", cert="certNo", issuer="应急管理部")
