/** The provider list as main reports it (configured, key hint, last test). Refreshed on change events. */
import { create } from 'zustand';
import type { ProviderInfo } from '../../../shared/contract';
import { api } from '../api';

interface ProvidersState {
  providers: ProviderInfo[];
  loaded: boolean;
  error?: string;
}

export const useProviders = create<ProvidersState>(() => ({ providers: [], loaded: false }));

export async function refreshProviders() {
  const result = await api().providers.list({});
  if (result.ok) useProviders.setState({ providers: result.value, loaded: true, error: undefined });
  else useProviders.setState({ loaded: true, error: result.error.message });
}

export function replaceProvider(info: ProviderInfo) {
  useProviders.setState((s) => ({ providers: s.providers.map((p) => (p.id === info.id ? info : p)) }));
}
