/**
 * Every provider's display name, in one place: main's adapters report it as their label
 * (`providers.list`) and the renderer's messages built outside React (pause and skip reasons, export
 * notes, the plan's problems) use the same words. "Apollo", never "apollo".
 */
import type { ProviderId } from './domain';

export const PROVIDER_NAMES: Readonly<Record<ProviderId, string>> = {
  sample: 'Sample data (synthetic)',
  apollo: 'Apollo',
  apione: 'ApiOne',
  ocean: 'Ocean.io',
  sumble: 'Sumble',
};

/** The display name of a provider id; an unknown id is shown as it is. */
export const providerName = (id: ProviderId | string): string => PROVIDER_NAMES[id as ProviderId] ?? id;
