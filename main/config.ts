/** Main's configuration from the environment. Base URLs are overridable so tests hit simulators. */
import type { KeyedProviderId } from '../shared/domain';

export interface AppConfig {
  baseUrls: Record<KeyedProviderId, string>;
  /** 'memory' is test-only: the app itself never sets it. */
  secretStore: 'auto' | 'memory';
  /** Optional rate limits override, e.g. PROSPECT_DESK_RATE_LIMITS='{"apollo":{"requestsPerSecond":5,"concurrency":2}}'. */
  rateLimits?: Record<string, { requestsPerSecond: number; concurrency: number }>;
}

export const DEFAULT_BASE_URLS: Record<KeyedProviderId, string> = {
  apollo: 'https://api.apollo.io',
  apione: 'https://apione.store',
  ocean: 'https://api.ocean.io',
  sumble: 'https://api.sumble.com',
};

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const url = (name: string, fallback: string) => {
    const value = env[name]?.trim();
    if (!value) return fallback;
    const parsed = new URL(value); // throws on garbage: a misconfigured base URL must not be silently ignored
    return parsed.toString().replace(/\/$/, '');
  };
  let rateLimits: AppConfig['rateLimits'];
  if (env.PROSPECT_DESK_RATE_LIMITS) rateLimits = JSON.parse(env.PROSPECT_DESK_RATE_LIMITS);
  return {
    baseUrls: {
      apollo: url('APOLLO_BASE_URL', DEFAULT_BASE_URLS.apollo),
      apione: url('APIONE_BASE_URL', DEFAULT_BASE_URLS.apione),
      ocean: url('OCEAN_BASE_URL', DEFAULT_BASE_URLS.ocean),
      sumble: url('SUMBLE_BASE_URL', DEFAULT_BASE_URLS.sumble),
    },
    secretStore: env.PROSPECT_DESK_SECRET_STORE === 'memory' ? 'memory' : 'auto',
    ...(rateLimits ? { rateLimits } : {}),
  };
}
