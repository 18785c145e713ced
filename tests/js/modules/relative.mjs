// Relative specifiers resolve against the importing module; a module is evaluated once and its
// live bindings are shared.
import { count, increment } from "./lib/counter.mjs";
import { fromDeep } from "./lib/nested/deep.mjs";
import * as again from "./lib/../lib/counter.mjs";
increment();
print(count, again.count, fromDeep);
