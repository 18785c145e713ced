// @exit 1
// baton has no package resolution: bare specifiers fail with a message saying what works.
import "lodash";
