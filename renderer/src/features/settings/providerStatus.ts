/** Provider reachability and rate-limit notices pushed by main. UI state only. */
import { create } from 'zustand';
import type { AppEvent } from '../../../../shared/contract';

interface ProviderStatusState {
  unreachable: Record<string, string>;
  rateLimitedUntil: Record<string, number>;
}

export const useProviderStatus = create<ProviderStatusState>(() => ({ unreachable: {}, rateLimitedUntil: {} }));

export function applyProviderEvent(event: AppEvent) {
  if (event.type === 'provider.status') {
    useProviderStatus.setState((s) => {
      const unreachable = { ...s.unreachable };
      if (event.reachable) delete unreachable[event.provider];
      else unreachable[event.provider] = event.message ?? 'unreachable';
      return { unreachable };
    });
  } else if (event.type === 'provider.rateLimited') {
    useProviderStatus.setState((s) => ({
      rateLimitedUntil: { ...s.rateLimitedUntil, [event.provider]: Date.now() + event.retryAfterMs },
    }));
  }
}
