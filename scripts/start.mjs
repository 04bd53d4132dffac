// `npm start`: launches the built app with Electron. Electron 45 fetches its binary on first run.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronPath;
try {
  electronPath = require('electron');
} catch (err) {
  console.error(`Electron is not available: ${err instanceof Error ? err.message : err}`);
  console.error('Without an Electron binary, run the same app in a browser with `npm run host` and open http://127.0.0.1:5174.');
  process.exit(1);
}
const child = spawn(electronPath, ['.'], { stdio: 'inherit', env: { ...process.env } });
child.on('exit', (code) => process.exit(code ?? 0));
