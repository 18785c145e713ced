// import.meta.url is the module's file: URL; filename and dirname as in node.
import { url } from "./lib/counter.mjs";
print(import.meta.url);
print(url);
print(import.meta.filename);
print(import.meta.dirname);
