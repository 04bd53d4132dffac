/** The API key a provider call needs, and the one message a rep sees when it is missing. */
import type { ProviderId } from '../../../shared/domain';
import { ProviderError } from '../errors';
import { PROVIDER_LABELS } from '../rate-limiter';
import type { ProviderContext } from '../types';

/** "No API key for Apollo. Add one in Settings." — the same words for every provider. */
export function missingKeyMessage(provider: ProviderId): string {
  return `No API key for ${PROVIDER_LABELS[provider]}. Add one in Settings.`;
}

/** The key for this call, or an `auth` error with the missing-key message. */
export async function requireKey(ctx: ProviderContext, provider: ProviderId): Promise<string> {
  const key = await ctx.getKey();
  if (!key) throw new ProviderError('auth', missingKeyMessage(provider), provider);
  return key;
}

/** `{ signal }` when the context carries one: spread into call options. */
export const signalOf = (ctx: { signal?: AbortSignal }) => (ctx.signal ? { signal: ctx.signal } : {});
