/**
 * Peer ratios (issue 13): each figure set against its peer package or its physical limit, measured
 * in the same run on the same data, so the machine's load cancels out. `ratio > 1` always means ours
 * is better: ours / peer for throughput, peer / ours for latency and memory. No Node imports: the
 * in-page suites build their entries with it too.
 */
import { median, round } from './stats';

export interface PeerRatio {
  measure: string;
  /** Our figure (a median of runs unless said otherwise). */
  ours: number;
  /** What we are set against: a package, or a limit such as "provider limit x batch size". */
  peer: string;
  peerValue: number;
  unit: string;
  /** > 1: ours is better. */
  ratio: number;
}

/** The goals of issue 13; a measure meets its goal when ratio >= goal. */
export const PEER_GOALS: Record<string, number> = {
  'parse-vs-papaparse': 1.5,
  'parse-vs-udsv': 1.2,
  'parse-vs-split': 0.9,
  'persist-vs-raw-indexeddb': 0.8,
  'save-vs-raw-indexeddb': 0.8,
  'search-p95-vs-minisearch': 1.0,
  'search-p95-vs-flexsearch': 1.0,
  'heap-vs-minisearch': 2.0,
  'enrich-vs-ceiling': 0.97,
  'launch-100k-vs-empty': 0.67,
};

export type Better = 'higher' | 'lower';

export function peerRatio(
  measure: string,
  ours: number,
  peer: string,
  peerValue: number,
  unit: string,
  better: Better,
): PeerRatio {
  const ratio = better === 'higher' ? ours / peerValue : peerValue / ours;
  return { measure, ours: round(ours, 3), peer, peerValue: round(peerValue, 3), unit, ratio: round(ratio, 3) };
}

/**
 * Runs each contender `runs` times, the order rotating every round (A B C, B C A, C A B, ...) so
 * neither warm-up nor a load spike favours one, and returns every sample by name.
 */
export async function alternating<K extends string, V = number>(
  runs: number,
  contenders: Record<K, () => Promise<V>>,
): Promise<Record<K, V[]>> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as V[]])) as Record<K, V[]>;
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length]!;
      samples[name].push(await contenders[name]());
    }
  }
  return samples;
}

export { median };
