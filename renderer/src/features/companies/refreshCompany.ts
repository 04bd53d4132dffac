/**
 * "Refresh company": ask a provider's company search for this one company (by domain, else by
 * name) and merge its answer into the saved row with provenance. A company first saved through its
 * people holds only what their search rows said; this fills the rest (technologies, description…).
 */
import type { Api } from '../../../../shared/api';
import type { AppError, Organization, ProviderId } from '../../../../shared/domain';
import { normalizeDomain } from '../../../../shared/identity';
import { upsertOrganizations } from '../../db/organizations';
import type { StoredOrganization } from '../../db/schema';

export type RefreshOutcome =
  | { status: 'refreshed'; organization: StoredOrganization; credits: number }
  | { status: 'not_found'; credits: number }
  | { status: 'error'; error: AppError };

const fold = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/** The search result that is this company: same domain, a shared provider id, or (no domain) the same name. */
export function sameCompany(org: Organization, candidate: Organization): boolean {
  const domain = normalizeDomain(org.domain);
  if (domain) return normalizeDomain(candidate.domain) === domain;
  for (const [provider, id] of Object.entries(org.providerIds))
    if (id && candidate.providerIds[provider as ProviderId] === id) return true;
  return !!org.name && fold(candidate.name) === fold(org.name);
}

export async function refreshCompany(api: Api, provider: ProviderId, org: Organization): Promise<RefreshOutcome> {
  const domain = normalizeDomain(org.domain);
  const filters = domain ? { domains: [domain] } : { name: org.name ?? '' };
  const result = await api.organizations.search({ provider, filters, page: { pageSize: 10 } });
  if (!result.ok) return { status: 'error', error: result.error };
  const credits = result.value.credits.credits;
  const match = result.value.organizations.find((c) => sameCompany(org, c));
  if (!match) return { status: 'not_found', credits };
  // Under the saved row's id, so the answer merges into it even when it shares no other key.
  const [organization] = await upsertOrganizations([{ ...match, id: org.id }]);
  return { status: 'refreshed', organization: organization!, credits };
}
