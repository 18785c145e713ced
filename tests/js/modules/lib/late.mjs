export const late = "loaded dynamically";
