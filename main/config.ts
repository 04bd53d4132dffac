/**
 * Main's configuration from the environment. Base URLs are overridable so tests hit simulators; in a
 * packaged app every test hook is dropped first (shellEnvironment), so nothing in the environment of
 * an installed app can add a trusted origin, send keys elsewhere or load a module.
 */
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

const BASE_URL_VARIABLES = ['APOLLO_BASE_URL', 'APIONE_BASE_URL', 'OCEAN_BASE_URL', 'SUMBLE_BASE_URL'] as const;

/** Variables that exist for development and tests only: inert in a packaged app. */
export const TEST_HOOK_VARIABLES = [
  'ELECTRON_RENDERER_URL', // a trusted origin for the dev server
  'PROSPECT_DESK_KEYTAR_PATH', // a module path main would require()
  'PROSPECT_DESK_SECRET_STORE', // the in-memory test key store
  'PROSPECT_DESK_KEYCHAIN_SERVICE',
  'PROSPECT_DESK_DATA_DIR',
  'PROSPECT_DESK_EXPORT_DIR',
  'PROSPECT_DESK_RATE_LIMITS',
  ...BASE_URL_VARIABLES, // where API keys are sent
] as const;

/**
 * The environment main may act on: all of it in development (`npm start`, `npm run dev`, tests),
 * and without any test hook when packaged (`app.isPackaged`), so a variable set by another program
 * on the rep's machine cannot redirect keys or load code into the installed app.
 */
export function shellEnvironment(
  env: Record<string, string | undefined>,
  packaged: boolean,
): Record<string, string | undefined> {
  const out = { ...env };
  if (packaged) for (const name of TEST_HOOK_VARIABLES) delete out[name];
  return out;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const url = (name: string, fallback: string) => {
    const value = env[name]?.trim();
    if (!value) return fallback;
    const parsed = new URL(value); // throws on garbage: a misconfigured base URL must not be silently ignored
    // Keys travel in headers: plain http only to a loopback simulator, never across a network.
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname))) {
      throw new Error(`${name} must be an https URL (or http on 127.0.0.1 for a simulator).`);
    }
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
