// A local file named like a Node builtin: `./events` must not be mistaken for node:events.
export const on = (name: string) => name.length;
