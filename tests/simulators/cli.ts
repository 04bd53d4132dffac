/** `npm run simulators`: every provider simulator on loopback until Ctrl-C. */
import { startAllSimulators } from './index';

async function main(): Promise<void> {
  const running = await startAllSimulators();
  console.log('Provider simulators (loopback only):');
  for (const [name, handle] of Object.entries(running.handles)) {
    if (!handle) continue;
    console.log(`  ${name.padEnd(7)} ${handle.baseUrl}  key: ${handle.validKey}`);
  }
  console.log('\nPoint the app at them with:');
  for (const [key, value] of Object.entries(running.env)) console.log(`  ${key}=${value}`);
  console.log(
    '\nControl API on each: GET /__sim/stats, POST /__sim/knobs, POST /__sim/reset, POST /__sim/failNext. Ctrl-C to stop.',
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
