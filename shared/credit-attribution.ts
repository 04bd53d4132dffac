/**
 * What each lookup of one enrichment call cost. Providers either price each outcome (then that
 * price stands) or report only the call's total; a total is spread evenly over the matches, since
 * a miss is free where a provider reports no per-row price. main's journal and the renderer's
 * ledger both record these figures, so they must agree: this is the one place that computes them.
 */
export interface PricedOutcome {
  status: 'matched' | 'not_found' | 'error';
  credits?: number | undefined;
}

/** The credits of each outcome, in order. The figures add up to `total` when no outcome is priced. */
export function attributeCredits(results: readonly PricedOutcome[], total: number): number[] {
  const unattributed = results.every((r) => r.credits === undefined);
  const matched = results.filter((r) => r.status === 'matched').length;
  return results.map((r) => {
    if (r.credits !== undefined) return r.credits;
    return unattributed && r.status === 'matched' && matched ? total / matched : 0;
  });
}
