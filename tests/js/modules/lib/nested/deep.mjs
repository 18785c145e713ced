import { count } from "../counter.mjs";
export const fromDeep = `deep sees count=${count}`;
