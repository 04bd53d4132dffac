/**
 * The CSV Worker's File reader (blobChunks in parse.ts) under garbage collection. Chromium lets a
 * Blob stream with a BYOB read pending be collected when nothing but that read's promise reaches
 * it, and the read then never settles: an import that hangs for good, at random. Here a real
 * Worker reads a 24 MB File through blobChunks with a full GC forced every millisecond, so an
 * unrooted stream is collected while a read is pending, and that read never settles.
 */
import { expect, test } from '@playwright/test';
import { build } from 'esbuild';
import { join } from 'node:path';

const ENTRY = `
import { blobChunks } from ${JSON.stringify(join(__dirname, '../../renderer/src/features/enrich/csv/parse'))};
self.onmessage = async ({ data: file }) => {
  let bytes = 0;
  let chunks = 0;
  // Collections while a read is pending, when only its promise reaches the stream.
  const collecting = setInterval(() => gc(), 1);
  try {
    for await (const chunk of blobChunks(file, 256 * 1024)) {
      bytes += chunk.length;
      chunks++;
    }
    self.postMessage({ bytes, chunks });
  } catch (err) {
    self.postMessage({ error: String(err) });
  } finally {
    clearInterval(collecting);
  }
};
`;

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--js-flags=--expose-gc'],
  },
});

test('a File is read to its end when the heap is collected between chunks', async ({ page }) => {
  test.setTimeout(60_000);
  const bundled = await build({
    stdin: { contents: ENTRY, resolveDir: __dirname, loader: 'ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  // A page of an http origin (blob: Workers need one), served by Playwright itself.
  await page.route('http://reader.test/', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<p>reader</p>' }),
  );
  await page.goto('http://reader.test/');
  const size = 24 * 1024 * 1024;
  const result = await page.evaluate(
    async ({ code, size }) => {
      const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
      // Many parts, so the stream hands the bytes over in many reads.
      const part = new Uint8Array(64 * 1024).fill(0x61);
      const file = new File(
        Array.from({ length: size / part.length }, () => part),
        'rows.csv',
      );
      const reply = new Promise<{ bytes?: number; chunks?: number; error?: string }>((resolve) => {
        worker.onmessage = ({ data }) => resolve(data);
      });
      worker.postMessage(file);
      // Ten times the time this takes when it works: a read that never settles fails here, not by timeout.
      const timeout = new Promise<{ bytes?: number; chunks?: number; error?: string }>((resolve) =>
        setTimeout(() => resolve({ error: 'a read never settled' }), 20_000),
      );
      return Promise.race([reply, timeout]);
    },
    { code: bundled.outputFiles[0]!.text, size },
  );
  expect(result.error).toBeUndefined();
  expect(result.bytes).toBe(size);
  expect(result.chunks).toBeGreaterThan(10);
});
