/**
 * What the browser benchmarks share: the Chromium they launch and the bundling of their in-page
 * code (tests/bench/browser/*), which is injected as an IIFE since the page has no module loader
 * for it.
 */
import { join } from 'node:path';
import { build } from 'esbuild';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
];

/** Bundles tests/bench/browser/<entry> as an IIFE (exposed as `globalName` when given). */
export async function bundle(entry: string, globalName?: string): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'browser', entry)],
    bundle: true,
    format: 'iife',
    ...(globalName ? { globalName } : {}),
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    write: false,
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
