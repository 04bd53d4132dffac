/**
 * `npm run bench`: runs every benchmark, prints a table, writes tests/bench/results/<date>.json and
 * latest.json. Benchmarks are not tests: they measure and report medians and ratios against the
 * targets in the issues; they never fail the build. `--quick` runs smaller sizes; `--only=a,b`
 * picks benchmarks by name.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { PEER_GOALS, type PeerRatio } from './peers';

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
      return benchLocalDb(quick ? { people: 20_000, organizations: 2_000, launches: 5, runs: 5 } : {});
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
  const uptimeBefore = uptime();
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
    machine: {
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      // The machine is shared: its load at the time says how far the absolute numbers can be trusted.
      uptimeBefore,
      uptimeAfter: uptime(),
    },
    results,
  };
  const dir = join(__dirname, 'results');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${report.date.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify(report, null, 2));
  await writeFile(join(dir, 'latest.json'), JSON.stringify(report, null, 2));
  printPeers(results);
  console.log(`\n  uptime before: ${report.machine.uptimeBefore}\n  uptime after:  ${report.machine.uptimeAfter}`);
  console.log(`\nReport: ${file}`);
}

function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`;
  }
}

/** Every section's peer ratios in one table: ratio > 1 means ours is better. */
function printPeers(results: Record<string, unknown>) {
  const rows: string[][] = [['measure', 'ours', 'peer value', 'unit', 'ratio', 'goal', 'met']];
  for (const result of Object.values(results)) {
    const peers = (result as { peers?: PeerRatio[] } | undefined)?.peers ?? [];
    for (const p of peers) {
      const goal = PEER_GOALS[p.measure];
      const met = goal === undefined ? '' : p.ratio >= goal ? 'yes' : 'NO';
      rows.push([
        p.measure,
        String(p.ours),
        String(p.peerValue),
        p.unit,
        String(p.ratio),
        goal === undefined ? '-' : String(goal),
        met,
      ]);
    }
  }
  const missing = Object.keys(PEER_GOALS).filter((m) => !rows.some((r) => r[0] === m));
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log('\n== peers (ratio > 1: ours better) ==');
  for (const r of rows) console.log('  ' + r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
  if (missing.length) console.log(`  not measured this run: ${missing.join(', ')}`);
}

function printTable(result: Record<string, unknown>, indent = '  ') {
  for (const [key, value] of Object.entries(result)) {
    if (key === 'peers') continue; // printed as one table at the end
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
