/**
 * Provider display names for the run's own messages (pause reasons, skip reasons, the plan's
 * problems), which are built outside React where the providers store is not at hand. Pages show
 * `providers.list` labels, which say the same.
 */
import type { ProviderId } from '../../../../shared/domain';

const LABELS: Record<ProviderId, string> = {
  apollo: 'Apollo',
  apione: 'ApiOne',
  ocean: 'Ocean.io',
  sumble: 'Sumble',
  sample: 'Sample data (synthetic)',
};

export const providerLabel = (id: ProviderId | string): string => LABELS[id as ProviderId] ?? id;
