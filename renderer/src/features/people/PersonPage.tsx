/**
 * Everything we know about one person, with the provider and date behind each field, and the
 * actions the providers offer: enrich, related people (managers / direct reports), lookalikes.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState, type ReactNode } from 'react';
import { ENRICH_FIELDS, type Person, type ProviderId } from '../../../../shared/domain';
import type { PersonRef } from '../../../../shared/contract';
import { api } from '../../api';
import { ProviderPicker } from '../search/ProviderPicker';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { editPersonField, upsertPeople } from '../../db/people';
import { enrichPersonWaterfall } from '../enrich/enrich-person';
import { useProviders } from '../../app/providers';
import { db } from '../../db/schema';
import { humanize } from '../../lib/filters';
import { errorText, formatDate, locationText, organizationName, personName } from '../../lib/format';
import { navigate } from '../../app/navigation';
import { seenPeople } from '../search/searches';

const personColumns: Column<Person>[] = [
  { id: 'name', header: 'Name', width: '1.2fr', cell: (p) => personName(p) },
  { id: 'title', header: 'Title', width: '1.5fr', cell: (p) => p.title ?? '' },
  { id: 'company', header: 'Company', width: '1fr', cell: (p) => organizationName(p.organization) },
];

const STEP_TEXT = {
  matched: 'enriched',
  not_found: 'no match',
  skipped: 'cannot look this person up',
  from_ledger: 'reused an earlier lookup (free)',
  error: 'failed',
} as const;

function refOf(p: Person): PersonRef {
  return {
    providerIds: p.providerIds,
    ...(p.linkedinUrl ? { linkedinUrl: p.linkedinUrl } : {}),
    ...(p.emails[0] ? { email: p.emails[0].address } : {}),
  };
}

export function PersonPage({ personId }: { personId: string }) {
  const stored = useLiveQuery(() => db().people.get(personId), [personId]);
  const person: Person | undefined = stored ?? seenPeople.get(personId);
  const [message, setMessage] = useState<string | null>(null);
  const providers = useProviders((st) => st.providers);
  const enrichers = useMemo(
    () => providers.filter((p) => p.capabilities.includes('people.enrich') && (p.sample || p.configured)),
    [providers],
  );
  const [chosen, setChosen] = useState<ProviderId[] | null>(null);
  // Default waterfall: every provider with a key, in Settings order; the sample data when there is none.
  const waterfall =
    chosen ?? (enrichers.some((p) => !p.sample) ? enrichers.filter((p) => !p.sample) : enrichers).map((p) => p.id);
  const labelOf = (id: ProviderId) => enrichers.find((p) => p.id === id)?.label ?? id;
  const [relatedProvider, setRelatedProvider] = useState<ProviderId>('sample');
  const [lookalikeProvider, setLookalikeProvider] = useState<ProviderId>('sample');
  const [related, setRelated] = useState<{ managers: Person[]; directReports: Person[] } | null>(null);
  const [lookalikes, setLookalikes] = useState<Person[] | null>(null);
  const [busy, setBusy] = useState(false);

  if (stored === undefined && !person) {
    return (
      <section className="page">
        <h1>Person</h1>
        <p>Loading… If this takes long, this person is not saved on this computer.</p>
      </section>
    );
  }
  if (!person) return null;

  async function guarded(fn: () => Promise<void>) {
    setBusy(true);
    setMessage(null);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  }

  const enrich = () =>
    guarded(async () => {
      if (waterfall.length === 0) return setMessage('Choose at least one provider to enrich with.');
      const result = await enrichPersonWaterfall(api(), person, { providers: waterfall, fields: [...ENRICH_FIELDS] });
      const lines = result.steps.map(
        (st) =>
          `${labelOf(st.provider)}: ${STEP_TEXT[st.outcome]}${st.credits ? ` (${st.credits} credits)` : ''}${st.error ? ` — ${errorText(st.error)}` : ''}`,
      );
      setMessage(
        `${lines.join(' · ') || 'Nothing was missing.'}${result.missing.length ? ` Still missing: ${result.missing.join(', ')}.` : ''}`,
      );
    });

  const loadRelated = () =>
    guarded(async () => {
      const result = await api().people.related({
        provider: relatedProvider,
        person: refOf(person),
        direction: 'both',
      });
      if (!result.ok) return setMessage(errorText(result.error));
      for (const p of [...result.value.managers, ...result.value.directReports]) seenPeople.set(p.id, p);
      setRelated(result.value);
    });

  const loadLookalikes = () =>
    guarded(async () => {
      const result = await api().people.lookalikes({
        provider: lookalikeProvider,
        people: [refOf(person)],
        page: { pageSize: 25 },
      });
      if (!result.ok) return setMessage(errorText(result.error));
      for (const p of result.value.people) seenPeople.set(p.id, p);
      setLookalikes(result.value.people);
    });

  const open = (p: Person) => navigate({ page: 'person', id: p.id });

  return (
    <section className="page">
      <h1>{personName(person)}</h1>
      <div className="toolbar">
        {stored ? (
          <span className="saved-mark">Saved</span>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => void guarded(async () => void (await upsertPeople([person])))}
          >
            Save
          </button>
        )}
        {person.organization && (
          <button
            type="button"
            onClick={() =>
              navigate({
                page: 'company',
                id: person.organization!.domain ? `domain:${person.organization!.domain}` : person.id,
              })
            }
            disabled={!person.organization.domain}
          >
            Open company
          </button>
        )}
      </div>
      {message && <p role="status">{message}</p>}
      <PersonDetails person={person} editable={!!stored} />

      <div className="section">
        <h2>Enrich</h2>
        <fieldset className="toolbar" aria-label="Enrich with, in this order">
          {enrichers.map((p) => (
            <label key={p.id}>
              <input
                type="checkbox"
                checked={waterfall.includes(p.id)}
                onChange={() =>
                  setChosen(
                    waterfall.includes(p.id)
                      ? waterfall.filter((x) => x !== p.id)
                      : enrichers.map((e) => e.id).filter((x) => x === p.id || waterfall.includes(x)),
                  )
                }
              />{' '}
              {p.label}
            </label>
          ))}
          <button type="button" onClick={() => void enrich()} disabled={busy}>
            Enrich this person
          </button>
          <span className="muted">
            Each provider is asked only for what is still missing; earlier lookups are reused for free.
          </span>
        </fieldset>
      </div>
      <div className="section">
        <h2>Related people</h2>
        <div className="toolbar">
          <ProviderPicker
            capability="people.related"
            value={relatedProvider}
            onChange={setRelatedProvider}
            label="Related via"
          />
          <button type="button" onClick={() => void loadRelated()} disabled={busy}>
            Find managers and direct reports
          </button>
        </div>
        {related && (
          <>
            <h3>Managers</h3>
            <VirtualTable
              label="Managers"
              rows={related.managers}
              columns={personColumns}
              rowKey={(p) => p.id}
              onOpen={open}
              height={150}
              emptyText="No managers found."
            />
            <h3>Direct reports</h3>
            <VirtualTable
              label="Direct reports"
              rows={related.directReports}
              columns={personColumns}
              rowKey={(p) => p.id}
              onOpen={open}
              height={200}
              emptyText="No direct reports found."
            />
          </>
        )}
      </div>
      <div className="section">
        <h2>Lookalikes</h2>
        <div className="toolbar">
          <ProviderPicker
            capability="people.lookalikes"
            value={lookalikeProvider}
            onChange={setLookalikeProvider}
            label="Lookalikes via"
          />
          <button type="button" onClick={() => void loadLookalikes()} disabled={busy}>
            Find people like this
          </button>
        </div>
        {lookalikes && (
          <VirtualTable
            label="Lookalikes"
            rows={lookalikes}
            columns={personColumns}
            rowKey={(p) => p.id}
            onOpen={open}
            height={300}
            emptyText="No lookalikes found."
          />
        )}
      </div>
    </section>
  );
}

function PersonDetails({ person, editable }: { person: Person; editable: boolean }) {
  const rows: { field: string; label: string; value: ReactNode; editable?: boolean }[] = [
    { field: 'title', label: 'Title', value: person.title, editable: true },
    { field: 'seniority', label: 'Seniority', value: person.seniority ? humanize(person.seniority) : undefined },
    { field: 'departments', label: 'Departments', value: person.departments.map(humanize).join(', ') || undefined },
    { field: 'organization', label: 'Company', value: organizationName(person.organization) || undefined },
    { field: 'location', label: 'Location', value: locationText(person.location) || undefined },
    {
      field: 'emails',
      label: 'Emails',
      value: person.emails.length
        ? person.emails.map((e) => `${e.address} (${e.status})`).join(', ')
        : person.hasEmail
          ? 'Available to reveal'
          : undefined,
    },
    { field: 'phones', label: 'Phones', value: person.phones.map((p) => p.number).join(', ') || undefined },
    {
      field: 'linkedinUrl',
      label: 'LinkedIn',
      value: person.linkedinUrl ? (
        <a href={person.linkedinUrl} target="_blank" rel="noreferrer noopener">
          {person.linkedinUrl}
        </a>
      ) : undefined,
    },
  ];
  return (
    <dl className="detail" aria-label="Person details">
      {rows.map((r) => (
        <DetailRow
          key={r.field}
          personId={person.id}
          field={r.field}
          label={r.label}
          value={r.value}
          provenance={person.provenance[r.field]}
          editable={editable && !!r.editable}
          raw={r.field === 'title' ? person.title : undefined}
        />
      ))}
    </dl>
  );
}

function DetailRow(props: {
  personId: string;
  field: string;
  label: string;
  value: ReactNode;
  provenance: Person['provenance'][string] | undefined;
  editable: boolean;
  raw?: string | undefined;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(props.raw ?? '');
  const p = props.provenance;
  const source = !p
    ? ''
    : 'manual' in p
      ? `Edited by you ${formatDate(p.editedAt)}`
      : `${p.provider} · ${formatDate(p.fetchedAt)}`;
  return (
    <>
      <dt>{props.label}</dt>
      <dd>
        {editing ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void editPersonField(props.personId, props.field, draft).then(() => setEditing(false));
            }}
          >
            <input
              aria-label={`Edit ${props.label}`}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              autoFocus
            />
            <button type="submit">Save</button>
          </form>
        ) : (
          <>
            {props.value ?? <span className="muted">—</span>}
            {props.editable && (
              <button
                type="button"
                className="link"
                onClick={() => setEditing(true)}
                aria-label={`Edit ${props.label}`}
                style={{ marginLeft: 8 }}
              >
                Edit
              </button>
            )}
          </>
        )}
      </dd>
      <dd className="source">{source}</dd>
    </>
  );
}
