/** ApiOne requests: the body a PersonQuery becomes (email alone, or first + last name + company domain). */
import type { PersonQuery } from '../../../shared/domain';
import { normalizeDomain, normalizeEmail } from '../../../shared/identity';
import type { ApiOneEnrichRequest } from './schemas';

/**
 * The body ApiOne accepts for a query: email alone when there is one, else first + last name +
 * company domain. Undefined when the query has neither (it would only earn a 400).
 */
export function apiOneRequestFor(q: PersonQuery): ApiOneEnrichRequest | undefined {
  const email = normalizeEmail(q.email);
  if (email) return { email };
  const { first, last } = splitName(q.firstName, q.lastName, q.fullName);
  const domain = normalizeDomain(q.organizationDomain);
  if (first && last && domain) return { first_name: first, last_name: last, domain };
  return undefined;
}

export function splitName(first?: string, last?: string, full?: string): { first?: string; last?: string } {
  let f = first?.trim() || undefined;
  let l = last?.trim() || undefined;
  if ((!f || !l) && full?.trim()) {
    const parts = full.trim().split(/\s+/);
    if (parts.length >= 2) {
      f ??= parts[0];
      l ??= parts.slice(1).join(' ');
    }
  }
  return { ...(f ? { first: f } : {}), ...(l ? { last: l } : {}) };
}
