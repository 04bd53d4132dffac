// A local file named like a Node builtin: `./util` must not be mistaken for node:util.
export const later = (fn: () => void) => setTimeout(fn, 0);
