// Imported by module_namespace.mjs.
export const a = 1;
export function b() {}
export let later = 2;
export default { d: 1 };
