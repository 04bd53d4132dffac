/**
 * `npm run bench`: runs every benchmark, prints a table, writes tests/bench/results/<date>.json and
 * latest.json. Benchmarks are not tests: they measure and report medians and ratios against the
 * targets in the issues; they never fail the build. `--quick` runs smaller sizes; `--only=a,b`
 * picks benchmarks by name.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

type Bench = { name: string; run: (quick: boolean) => Promise<Record<string, unknown>> };

const benches: Bench[] = [
  {
    name: 'provider-rate',
    run: async (quick) => {
      const { benchRateSuite } = await import('./rate');
      return benchRateSuite(quick);
    },
  },
  {
    name: 'csv',
    run: async (quick) => {
      const { benchCsvSuite } = await import('./csv');
      return benchCsvSuite(quick);
    },
  },
  {
    name: 'local-db',
    run: async (quick) => {
      const { benchLocalDb } = await import('./local-db');
      return benchLocalDb(quick ? { people: 20_000, organizations: 2_000, launches: 3 } : {});
    },
  },
];

async function main() {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const results: Record<string, unknown> = {};
  for (const bench of benches) {
    if (only && !only.includes(bench.name)) continue;
    process.stdout.write(`\n== ${bench.name}${quick ? ' (quick)' : ''} ==\n`);
    const started = Date.now();
    try {
      const result = await bench.run(quick);
      results[bench.name] = result;
      printTable(result);
    } catch (err) {
      results[bench.name] = { error: err instanceof Error ? err.message : String(err) };
      console.error(`  failed: ${err instanceof Error ? err.stack : err}`);
    }
    process.stdout.write(`  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  const report = {
    date: new Date().toISOString(),
    quick,
    machine: { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    results,
  };
  const dir = join(__dirname, 'results');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${report.date.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify(report, null, 2));
  await writeFile(join(dir, 'latest.json'), JSON.stringify(report, null, 2));
  console.log(`\nReport: ${file}`);
}

function printTable(result: Record<string, unknown>, indent = '  ') {
  for (const [key, value] of Object.entries(result)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      console.log(`${indent}${key}:`);
      printTable(value as Record<string, unknown>, indent + '  ');
    } else {
      console.log(`${indent}${key.padEnd(32)} ${Array.isArray(value) ? JSON.stringify(value) : String(value)}`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
