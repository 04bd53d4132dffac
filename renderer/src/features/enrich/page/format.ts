/** How the Enrich page says numbers: credits, ETAs, counts. */
export function formatEta(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** 1234.5 -> "1,234.5"; credits can be fractional where a provider's total is spread over rows. */
export const formatCredits = (n: number) => (Math.round(n * 100) / 100).toLocaleString('en-US');

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
