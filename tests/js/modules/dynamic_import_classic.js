// A classic script can import() modules, resolved against the script's own location.
import("./lib/late.mjs").then(ns => print("classic got:", ns.late));
print("script body done");
