/** Who enriches a search row, and what one enrichment costs by main's cost model (credits.estimate). */
import { useEffect, useState } from 'react';
import type { ProviderInfo } from '../../../../shared/contract';
import type { ProviderId } from '../../../../shared/domain';
import { api } from '../../api';

/** The search's own provider first when it enriches, then every other usable provider that does. */
export function enrichProviders(providers: readonly ProviderInfo[], first: ProviderId | undefined): ProviderId[] {
  const usable = providers.filter((p) => p.capabilities.includes('people.enrich') && (p.configured || p.sample));
  const ordered = [...usable.filter((p) => p.id === first), ...usable.filter((p) => p.id !== first)];
  return ordered.map((p) => p.id);
}

/** Credits at most for one person's email and phone from `provider`; undefined while unknown. */
export function useEnrichCredits(provider: ProviderId | undefined): number | undefined {
  const [credits, setCredits] = useState<number | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setCredits(undefined);
    if (!provider) return;
    void api()
      .credits.estimate({ plans: [{ provider, operation: 'people.enrich', count: 1, fields: ['email', 'phone'] }] })
      .then((r) => live && r.ok && setCredits(r.value.total.max));
    return () => {
      live = false;
    };
  }, [provider]);
  return credits;
}
