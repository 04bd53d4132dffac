// Renders build/icon.svg into the PNGs electron-builder packages (build/icon.png at 1024 px, which it
// converts to .icns and .ico, and build/icons/<N>x<N>.png for Linux), with headless Chromium.
//   node scripts/icons.mjs        (CHROMIUM_PATH overrides /usr/bin/chromium)
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from '@playwright/test';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const svg = readFileSync(join(root, 'build/icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  mkdirSync(join(root, 'build/icons'), { recursive: true });
  for (const size of [1024, 512, 256, 128, 64, 32, 16]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${svg}`,
    );
    const out =
      size === 1024
        ? [join(root, 'build/icon.png'), join(root, `build/icons/${size}x${size}.png`)]
        : [join(root, `build/icons/${size}x${size}.png`)];
    for (const path of out) await page.screenshot({ path, omitBackground: true });
    await page.close();
  }
  console.log('Wrote build/icon.png and build/icons/*.png');
} finally {
  await browser.close();
}
