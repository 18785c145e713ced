// @exit 1
// A syntax error in an imported module names that module's file.
import "./lib/bad_syntax.mjs";
