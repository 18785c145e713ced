// A helper module (no .out: not a fixture by itself).
export let count = 0;
export function increment() { count++; }
export const url = import.meta.url;
print("counter.mjs evaluated once");
