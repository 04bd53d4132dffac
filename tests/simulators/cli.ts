/** `npm run simulators`: every provider simulator on loopback until Ctrl-C. */
import { apolloPlanKnobs } from './apollo';
import { startAllSimulators } from './index';

/**
 * SIM_APOLLO_PLAN=free|paid: Apollo answers with that plan's per-endpoint windows in real time (and
 * on free, the companies search is paid-only). SIM_DOC_EXAMPLES=1: routes with a doc example serve it.
 */
async function main(): Promise<void> {
  const plan = process.env.SIM_APOLLO_PLAN;
  const docExamples = process.env.SIM_DOC_EXAMPLES === '1';
  const apollo = plan === 'free' || plan === 'paid' ? apolloPlanKnobs(plan) : {};
  const running = await startAllSimulators({
    apollo: { ...apollo, docExamples },
    apione: { docExamples },
    ocean: { docExamples },
    sumble: {},
  });
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
