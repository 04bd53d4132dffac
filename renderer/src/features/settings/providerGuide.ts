/**
 * What each provider is for and where a rep gets its key: shown on the Settings cards. The
 * capabilities come from main (ProviderInfo.capabilities); this only names them for people.
 */
import type { Capability } from '../../../../shared/domain';

const CAPABILITY_TEXT: Record<Capability, string | undefined> = {
  'people.search': 'search people',
  'people.enrich': 'enrich people',
  'people.enrichBulk': undefined, // the CSV run's way of enriching: same job as enrich
  'people.related': 'related people',
  'people.lookalikes': 'lookalikes',
  'organizations.search': 'search companies',
  'organizations.enrich': 'enrich companies',
  'organizations.jobPostings': 'job postings',
};

/** "Search people, enrich people and lookalikes". */
export function usedFor(capabilities: readonly Capability[]): string {
  const names = [...new Set(capabilities.map((c) => CAPABILITY_TEXT[c]).filter((t): t is string => !!t))];
  if (names.length === 0) return '';
  const text = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Where the key is made, in the provider's own words. Links open in the browser (allow-listed hosts). */
export const KEY_SOURCE: Record<string, { url: string; where: string } | undefined> = {
  apollo: { url: 'https://app.apollo.io/#/settings/integrations/api', where: 'Apollo: Settings → Integrations → API' },
  apione: { url: 'https://apione.store', where: 'your ApiOne account at apione.store' },
  ocean: { url: 'https://app.ocean.io', where: 'your Ocean.io account (API token)' },
  sumble: { url: 'https://sumble.com', where: 'your Sumble account (API key)' },
};

/**
 * A provider's message without the sentence that repeats the credit balance, which the card shows
 * once on its own line ("Sumble accepted the key. 1,000,000 credits left." -> "Sumble accepted the key.").
 */
export function withoutBalance(message: string, creditsLeft: number | undefined): string {
  if (creditsLeft === undefined) return message;
  const figures = new Set([String(creditsLeft), creditsLeft.toLocaleString('en-US'), creditsLeft.toLocaleString()]);
  return message
    .split(/(?<=[.!?])\s+/)
    .filter((sentence) => ![...figures].some((f) => sentence.includes(f)))
    .join(' ');
}
