/** One company: details, its saved people, and its job postings as hiring signals (fetched once, cached, refreshable). */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { JobPosting, Organization, Person, ProviderId } from '../../../../shared/domain';
import { api } from '../../api';
import { ProviderPicker } from '../search/ProviderPicker';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { jobPostingsOf, saveJobPostings } from '../../db/jobPostings';
import { peopleOfOrganization, upsertOrganizations } from '../../db/organizations';
import { db } from '../../db/schema';
import { errorText, formatDate, locationText, personName } from '../../lib/format';
import { navigate } from '../../app/navigation';
import { peopleSearch, seenOrganizations } from '../search/searches';

const jobColumns: Column<JobPosting>[] = [
  { id: 'title', header: 'Role', width: '2fr', cell: (j) => j.title },
  { id: 'location', header: 'Location', width: '1fr', cell: (j) => locationText(j.location) },
  { id: 'posted', header: 'Posted', width: 110, cell: (j) => formatDate(j.postedAt) },
  { id: 'seen', header: 'Last seen', width: 110, cell: (j) => formatDate(j.lastSeenAt) },
];

const peopleColumns: Column<Person>[] = [
  { id: 'name', header: 'Name', width: '1fr', cell: (p) => personName(p) },
  { id: 'title', header: 'Title', width: '1.5fr', cell: (p) => p.title ?? '' },
];

export function CompanyPage({ organizationId }: { organizationId: string }) {
  const stored = useLiveQuery(() => db().organizations.get(organizationId), [organizationId]);
  const org: Organization | undefined = stored ?? seenOrganizations.get(organizationId);
  const people = useLiveQuery(() => peopleOfOrganization(organizationId), [organizationId]) ?? [];
  const postings = useLiveQuery(() => jobPostingsOf(organizationId), [organizationId]);
  const [provider, setProvider] = useState<ProviderId>('sample');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!org) {
    return (
      <section className="page">
        <h1>Company</h1>
        <p>{stored === undefined ? 'Loading…' : 'This company is not saved on this computer.'}</p>
      </section>
    );
  }

  async function fetchPostings() {
    setBusy(true);
    setMessage(null);
    try {
      const result = await api().organizations.jobPostings({
        provider,
        organization: {
          providerIds: org!.providerIds,
          ...(org!.domain ? { domain: org!.domain } : {}),
          ...(org!.name ? { name: org!.name } : {}),
        },
        page: { pageSize: 100 },
      });
      if (!result.ok) return setMessage(errorText(result.error));
      if (!stored) await upsertOrganizations([org!]);
      await saveJobPostings(
        organizationId,
        result.value.jobPostings.map((j) => ({ ...j, organizationId })),
      );
      setMessage(`${result.value.jobPostings.length} job postings fetched.`);
    } finally {
      setBusy(false);
    }
  }

  function findPeople() {
    const values: Record<string, string> = org!.domain
      ? { organizationDomains: org!.domain }
      : { organizationNames: org!.name ?? '' };
    void peopleSearch.actions.runWith(peopleSearch.useStore.getState().provider, values);
    navigate({ page: 'search' });
  }

  return (
    <section className="page">
      <h1>{org.name ?? org.domain}</h1>
      <div className="toolbar">
        {stored ? (
          <span className="saved-mark">Saved</span>
        ) : (
          <button type="button" className="primary" onClick={() => void upsertOrganizations([org])}>
            Save company
          </button>
        )}
        <button type="button" onClick={findPeople}>
          Find people at this company
        </button>
      </div>
      <dl className="detail" aria-label="Company details">
        <dt>Domain</dt>
        <dd>{org.domain ?? '—'}</dd>
        <dd className="source">{sourceOf(org, 'domain')}</dd>
        <dt>Industry</dt>
        <dd>{org.industry ?? '—'}</dd>
        <dd className="source">{sourceOf(org, 'industry')}</dd>
        <dt>Employees</dt>
        <dd>{org.employeeCount?.toLocaleString() ?? '—'}</dd>
        <dd className="source">{sourceOf(org, 'employeeCount')}</dd>
        <dt>Headquarters</dt>
        <dd>{locationText(org.location) || '—'}</dd>
        <dd className="source">{sourceOf(org, 'location')}</dd>
        <dt>Technologies</dt>
        <dd>{org.technologies.join(', ') || '—'}</dd>
        <dd className="source">{sourceOf(org, 'technologies')}</dd>
      </dl>

      <div className="section">
        <h2>Hiring signals</h2>
        <div className="toolbar">
          <ProviderPicker
            capability="organizations.jobPostings"
            value={provider}
            onChange={setProvider}
            label="Job postings from"
          />
          <button type="button" onClick={() => void fetchPostings()} disabled={busy}>
            {stored?.jobPostingsFetchedAt ? 'Refresh job postings' : 'Fetch job postings'}
          </button>
          {stored?.jobPostingsFetchedAt && (
            <span className="muted">Fetched {formatDate(stored.jobPostingsFetchedAt)}</span>
          )}
        </div>
        {message && <p role="status">{message}</p>}
        {postings && postings.length > 0 && (
          <VirtualTable label="Job postings" rows={postings} columns={jobColumns} rowKey={(j) => j.id} height={280} />
        )}
        {postings && postings.length === 0 && stored?.jobPostingsFetchedAt && (
          <p className="muted">No open roles found.</p>
        )}
      </div>

      <div className="section">
        <h2>Saved people here</h2>
        <VirtualTable
          label="People at this company"
          rows={people}
          columns={peopleColumns}
          rowKey={(p) => p.id}
          onOpen={(p) => navigate({ page: 'person', id: p.id })}
          height={240}
          emptyText="No saved people at this company yet."
        />
      </div>
    </section>
  );
}

function sourceOf(org: Organization, field: string): string {
  const p = org.provenance[field];
  if (!p) return '';
  return 'manual' in p ? `Edited by you ${formatDate(p.editedAt)}` : `${p.provider} · ${formatDate(p.fetchedAt)}`;
}
