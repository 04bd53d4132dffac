// Must fail: the renderer is a sandboxed page, so Node's globals do not exist in it.
export const home = process.env.HOME;
export const bytes = Buffer.from('x');
