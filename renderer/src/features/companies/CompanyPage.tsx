/**
 * One company: its fields with source and date beside each and inline edit, refresh from a
 * provider, its saved people, and its job postings as hiring signals (fetched once, cached,
 * refreshable, each linking to the posting).
 */
import { Alert, Anchor, Badge, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import type { JobPosting, Organization, Person, ProviderId } from '../../../../shared/domain';
import { api } from '../../api';
import { ProviderPicker } from '../search/ProviderPicker';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { FieldRow, FieldTable, sourceText, type FieldEditor } from '../../components/FieldRow';
import { RecordLoading, RecordNotFound } from '../../components/RecordStates';
import { jobPostingsOf, saveJobPostings } from '../../db/jobPostings';
import {
  editOrganizationField,
  getOrganization,
  peopleOfOrganization,
  upsertOrganizations,
} from '../../db/organizations';
import { errorText, formatDate, locationText, personName } from '../../lib/format';
import { navigate } from '../../app/navigation';
import { useProviders } from '../../app/providers';
import { peopleSearch, seenOrganizations } from '../search/searches';
import { refreshCompany } from './refreshCompany';

const jobColumns: Column<JobPosting>[] = [
  {
    id: 'title',
    header: 'Role',
    width: '2fr',
    cell: (j) =>
      j.url ? (
        <Anchor href={j.url} target="_blank" rel="noreferrer noopener" size="sm">
          {j.title}
        </Anchor>
      ) : (
        j.title
      ),
  },
  { id: 'location', header: 'Location', width: '1fr', cell: (j) => locationText(j.location) },
  { id: 'posted', header: 'Posted', width: 110, cell: (j) => formatDate(j.postedAt) },
  { id: 'seen', header: 'Last seen', width: 110, cell: (j) => formatDate(j.lastSeenAt) },
];

const peopleColumns: Column<Person>[] = [
  { id: 'name', header: 'Name', width: '1fr', cell: (p) => personName(p) },
  { id: 'title', header: 'Title', width: '1.5fr', cell: (p) => p.title ?? '' },
];

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={2} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

export function CompanyPage({ organizationId }: { organizationId: string }) {
  // { row } so "still reading" (undefined) differs from "not saved" ({ row: undefined }).
  const lookup = useLiveQuery(async () => ({ row: await getOrganization(organizationId) }), [organizationId]);
  const stored = lookup?.row;
  const org: Organization | undefined = stored ?? seenOrganizations.get(organizationId);
  const people = useLiveQuery(() => peopleOfOrganization(stored?.id ?? organizationId), [stored?.id, organizationId]);
  const postings = useLiveQuery(() => jobPostingsOf(stored?.id ?? organizationId), [stored?.id, organizationId]);
  const [provider, setProvider] = useState<ProviderId>('sample');
  const [refreshProvider, setRefreshProvider] = useState<ProviderId>('sample');
  const providers = useProviders((st) => st.providers);
  const labelOf = (id: string) => providers.find((p) => p.id === id)?.label ?? id;
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  if (!org) {
    if (!lookup) return <RecordLoading what="company" />;
    return (
      <RecordNotFound
        title="Company not found here"
        text="This company is not saved on this computer and was not in a search this session. Search for it again on Companies."
        back={{ page: 'companies', label: 'Companies' }}
      />
    );
  }
  const company = org;
  const orgId = stored?.id ?? organizationId;

  async function guarded(fn: () => Promise<void>) {
    setBusy(true);
    setMessage(null);
    try {
      await fn();
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), error: true });
    } finally {
      setBusy(false);
    }
  }

  const fetchPostings = () =>
    guarded(async () => {
      const result = await api().organizations.jobPostings({
        provider,
        organization: {
          providerIds: company.providerIds,
          ...(company.domain ? { domain: company.domain } : {}),
          ...(company.name ? { name: company.name } : {}),
        },
        page: { pageSize: 100 },
      });
      if (!result.ok) return setMessage({ text: errorText(result.error), error: true });
      if (!stored) await upsertOrganizations([company]);
      await saveJobPostings(
        orgId,
        result.value.jobPostings.map((j) => ({ ...j, organizationId: orgId })),
      );
      setMessage({ text: `${result.value.jobPostings.length} job postings fetched.` });
    });

  const refresh = () =>
    guarded(async () => {
      const label = labelOf(refreshProvider);
      const outcome = await refreshCompany(api(), refreshProvider, stored ?? company);
      const cost = outcome.status !== 'error' && outcome.credits ? ` (${outcome.credits} credits)` : '';
      if (outcome.status === 'error') setMessage({ text: errorText(outcome.error), error: true });
      else if (outcome.status === 'not_found') setMessage({ text: `${label} does not know this company.${cost}` });
      else setMessage({ text: `Company refreshed from ${label}.${cost}` });
    });

  function findPeople() {
    const values: Record<string, string> = company.domain
      ? { organizationDomains: company.domain }
      : { organizationNames: company.name ?? '' };
    void peopleSearch.actions.runWith(peopleSearch.useStore.getState().provider, values);
    navigate({ page: 'search' });
  }

  const text = (initial: string | number | undefined): FieldEditor => ({
    kind: 'text',
    initial: String(initial ?? ''),
  });
  const rows: { field: string; label: string; value: ReactNode; editor?: FieldEditor }[] = [
    { field: 'name', label: 'Name', value: company.name, editor: text(company.name) },
    { field: 'domain', label: 'Domain', value: company.domain },
    {
      field: 'websiteUrl',
      label: 'Website',
      value: company.websiteUrl ? (
        <Anchor href={company.websiteUrl} target="_blank" rel="noreferrer noopener">
          {company.websiteUrl}
        </Anchor>
      ) : undefined,
      editor: text(company.websiteUrl),
    },
    { field: 'industry', label: 'Industry', value: company.industry, editor: text(company.industry) },
    {
      field: 'employeeCount',
      label: 'Employees',
      value: company.employeeCount?.toLocaleString(),
      editor: text(company.employeeCount),
    },
    {
      field: 'location',
      label: 'Headquarters',
      value: locationText(company.location) || undefined,
      editor: text(locationText(company.location)),
    },
    { field: 'foundedYear', label: 'Founded', value: company.foundedYear, editor: text(company.foundedYear) },
    { field: 'phone', label: 'Phone', value: company.phone, editor: text(company.phone) },
    { field: 'technologies', label: 'Technologies', value: company.technologies.join(', ') || undefined },
    { field: 'description', label: 'Description', value: company.description, editor: text(company.description) },
  ];
  const toValue = (field: string, draft: string | string[]) => {
    if (field !== 'location' || Array.isArray(draft)) return draft;
    if (draft.trim() === locationText(company.location)) return company.location;
    return draft.trim() ? { raw: draft.trim() } : '';
  };

  return (
    <Stack gap="md" component="section" className="page">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={1}>{company.name ?? company.domain}</Title>
          <Text c="dimmed">{[company.industry, locationText(company.location)].filter(Boolean).join(' · ')}</Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          {stored ? (
            <Badge color="green" variant="light" size="lg" tt="none">
              Saved
            </Badge>
          ) : (
            <Button onClick={() => void guarded(async () => void (await upsertOrganizations([company])))}>
              Save company
            </Button>
          )}
          <Button variant="default" onClick={findPeople}>
            Find people at this company
          </Button>
        </Group>
      </Group>
      {message && (
        <Alert role="status" color={message.error ? 'red' : 'brand'} variant="light" py="xs">
          {message.text}
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <FieldTable label="Company details">
            {rows.map((r) => (
              <FieldRow
                key={r.field}
                label={r.label}
                value={r.value}
                source={sourceText(company.provenance[r.field], labelOf)}
                editor={stored ? r.editor : undefined}
                onSave={
                  stored
                    ? async (draft) => void (await editOrganizationField(stored.id, r.field, toValue(r.field, draft)))
                    : undefined
                }
              />
            ))}
          </FieldTable>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Card title="Refresh">
            <Stack gap="xs" align="flex-start">
              <ProviderPicker
                capability="organizations.search"
                value={refreshProvider}
                onChange={setRefreshProvider}
                label="Refresh from"
              />
              <Button variant="default" onClick={() => void refresh()} disabled={busy}>
                Refresh company
              </Button>
              <Text size="sm" c="dimmed">
                Looks the company up by domain and fills in what the provider knows; your own edits stay.
              </Text>
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>

      <Card title="Hiring signals">
        <Group gap="sm" mb="sm">
          <ProviderPicker
            capability="organizations.jobPostings"
            value={provider}
            onChange={setProvider}
            label="Job postings from"
          />
          <Button variant="default" onClick={() => void fetchPostings()} disabled={busy}>
            {stored?.jobPostingsFetchedAt ? 'Refresh job postings' : 'Fetch job postings'}
          </Button>
          {stored?.jobPostingsFetchedAt && (
            <Text size="sm" c="dimmed">
              Fetched {formatDate(stored.jobPostingsFetchedAt)}
            </Text>
          )}
        </Group>
        {postings === undefined ? (
          <RecordLoading what="job postings" />
        ) : postings.length > 0 ? (
          <VirtualTable
            label="Job postings"
            rows={postings}
            columns={jobColumns}
            rowKey={(j) => j.id}
            height={Math.min(280, 40 + postings.length * 34)}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {stored?.jobPostingsFetchedAt ? 'No open roles found.' : 'Fetch job postings to see who is hiring here.'}
          </Text>
        )}
      </Card>

      <Card title="Saved people here">
        {people === undefined ? (
          <RecordLoading what="people" />
        ) : (
          <VirtualTable
            label="People at this company"
            rows={people}
            columns={peopleColumns}
            rowKey={(p) => p.id}
            onOpen={(p) => navigate({ page: 'person', id: p.id })}
            height={Math.min(240, 40 + Math.max(people.length, 1) * 34)}
            emptyText="No saved people at this company yet."
          />
        )}
      </Card>
    </Stack>
  );
}
