// Module namespace objects print with a null prototype; bindings not yet initialized say so.
import * as dep from "./namespace_dep.mjs";
import * as self from "./module_namespace.mjs";
console.log(dep);
console.log(self);
export const mine = 5;
console.log(self);
