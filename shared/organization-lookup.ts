/**
 * Finding a provider's organization id by name or domain among the organizations a rep has saved,
 * so Sumble's organization-scoped people search can be started from "Acme" or "acme.io" instead of a
 * numeric id. Sumble documents no organization lookup by name we could call (its /v6/organizations
 * endpoint is named but not described), so saved organizations are the source for now.
 */
import type { Organization, ProviderId } from './domain';
import { normalizeDomain } from './identity';

export interface OrganizationMatch {
  /** The provider's id for the organization. */
  id: string;
  name?: string;
  domain?: string;
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

/**
 * Saved organizations carrying `provider`'s id whose domain equals `text` (when it reads as a domain) or
 * whose name contains it, exact and prefix matches first. At most `limit`.
 */
export function findOrganizationIds(
  saved: readonly Pick<Organization, 'providerIds' | 'name' | 'domain'>[],
  provider: ProviderId,
  text: string,
  limit = 20,
): OrganizationMatch[] {
  const q = fold(text);
  if (!q) return [];
  const domain = q.includes('.') ? normalizeDomain(q) : undefined;
  const scored: { m: OrganizationMatch; score: number }[] = [];
  for (const o of saved) {
    const id = o.providerIds?.[provider];
    if (!id) continue;
    const name = o.name ? fold(o.name) : '';
    let score = -1;
    if (domain && o.domain === domain) score = 0;
    else if (name === q) score = 1;
    else if (name.startsWith(q)) score = 2;
    else if (name.includes(q)) score = 3;
    else if (!domain && o.domain?.startsWith(q)) score = 4;
    if (score < 0) continue;
    scored.push({
      m: { id, ...(o.name ? { name: o.name } : {}), ...(o.domain ? { domain: o.domain } : {}) },
      score,
    });
  }
  return scored
    .sort((a, b) => a.score - b.score || (a.m.name ?? '').localeCompare(b.m.name ?? ''))
    .slice(0, limit)
    .map((s) => s.m);
}
