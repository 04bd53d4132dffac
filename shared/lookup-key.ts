/**
 * The one key for "this lookup at this provider": the renderer's ledger (renderer/src/features/enrich/ledger.ts)
 * and main's enrichment journal (main/services/enrich-journal.ts) must agree on it, or one side
 * would miss what the other already paid for.
 */
import type { PersonQuery, ProviderId } from './domain';
import { normalizeDomain, normalizeEmail, normalizeLinkedinUrl } from './identity';

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * `provider|email:jane@acme.com`, `provider|li:https://www.linkedin.com/in/jane`,
 * `provider|id:123`, `provider|name:jane|doe|acme.com` (or `|org:acme inc` without a domain).
 * Undefined when the query has no identifier the key can be built from.
 */
export function lookupKey(provider: ProviderId, q: PersonQuery): string | undefined {
  const email = normalizeEmail(q.email);
  if (email) return `${provider}|email:${email}`;
  const li = normalizeLinkedinUrl(q.linkedinUrl);
  if (li) return `${provider}|li:${li}`;
  const id = q.providerIds?.[provider]?.trim();
  if (id) return `${provider}|id:${id}`;
  let first = q.firstName?.trim();
  let last = q.lastName?.trim();
  if ((!first || !last) && q.fullName) {
    const parts = q.fullName.trim().split(/\s+/);
    if (parts.length >= 2) {
      first ||= parts[0];
      last ||= parts[parts.length - 1];
    }
  }
  if (!first || !last) return undefined;
  const name = `${fold(first)}|${fold(last)}`;
  const domain = normalizeDomain(q.organizationDomain);
  if (domain) return `${provider}|name:${name}|${domain}`;
  const org = q.organizationName ? fold(q.organizationName) : '';
  if (org) return `${provider}|name:${name}|org:${org}`;
  return undefined;
}

/**
 * The person identity keys (shared/identity.ts personIdentityKeys) a lookup key names, so main can
 * forget a deleted person's lookups: `apollo|email:x` -> `email:x`, `apollo|li:https://www.linkedin.com/in/h`
 * -> `li:in/h`, `apollo|id:1` -> `apollo:1`, `apollo|name:f|l|acme.com` -> `name:f|l|acme.com`.
 */
export function identityKeysOfLookupKey(key: string): string[] {
  const bar = key.indexOf('|');
  if (bar < 0) return [];
  const provider = key.slice(0, bar);
  const rest = key.slice(bar + 1);
  if (rest.startsWith('email:')) return [rest];
  if (rest.startsWith('li:')) return [`li:${rest.slice(3).replace('https://www.linkedin.com/', '')}`];
  if (rest.startsWith('id:')) return [`${provider}:${rest.slice(3)}`];
  if (rest.startsWith('name:') && !rest.includes('|org:')) return [rest];
  return [];
}
