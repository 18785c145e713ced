// @exit 1
import "./lib/does-not-exist.mjs";
