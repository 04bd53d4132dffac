/**
 * Everything we know about one person, with the provider and date behind each field, and the
 * actions the providers offer: enrich (and unlock what a provider holds locked), related people
 * (managers / direct reports), lookalikes; the people those return can be saved and listed here.
 */
import { Alert, Avatar, Badge, Button, Checkbox, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { ENRICH_FIELDS, type EnrichField, type Person, type ProviderId } from '../../../../shared/domain';
import type { PersonRef } from '../../../../shared/contract';
import { api } from '../../api';
import { ProviderPicker } from '../search/ProviderPicker';
import { getPerson } from '../../db/people';
import { RecordLoading, RecordNotFound } from '../../components/RecordStates';
import { enrichPersonWaterfall } from '../enrich/enrich-person';
import { useProviders } from '../../app/providers';
import { errorText, organizationName, personName } from '../../lib/format';
import { navigate } from '../../app/navigation';
import { seenPeople } from '../search/searches';
import { savePeople } from './savePeople';
import { PeopleResults } from './PeopleResults';
import { PersonFields, type PersonWithLocks } from './PersonFields';
import { PersonBackground } from './PersonBackground';

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

/** What one lookup of `field` costs at `provider`, from main's estimate (undefined until it answers). */
function useLookupCost(provider: ProviderId | undefined, field: EnrichField): number | undefined {
  const [cost, setCost] = useState<number | undefined>();
  useEffect(() => {
    let live = true;
    setCost(undefined);
    if (!provider) return;
    void api()
      .credits.estimate({ plans: [{ provider, operation: 'people.enrich', count: 1, fields: [field] }] })
      .then((r) => live && r.ok && setCost(r.value.total.max));
    return () => {
      live = false;
    };
  }, [provider, field]);
  return cost;
}

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

export function PersonPage({ personId }: { personId: string }) {
  // { row } so "still reading" (undefined) differs from "not saved" ({ row: undefined }).
  const lookup = useLiveQuery(async () => ({ row: await getPerson(personId) }), [personId]);
  const stored = lookup?.row;
  const person: PersonWithLocks | undefined = stored ?? seenPeople.get(personId);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const providers = useProviders((st) => st.providers);
  const enrichers = useMemo(
    () => providers.filter((p) => p.capabilities.includes('people.enrich') && (p.sample || p.configured)),
    [providers],
  );
  const [chosen, setChosen] = useState<ProviderId[] | null>(null);
  // Default waterfall: every provider with a key, in Settings order; the sample data when there is none.
  const waterfall =
    chosen ?? (enrichers.some((p) => !p.sample) ? enrichers.filter((p) => !p.sample) : enrichers).map((p) => p.id);
  const labelOf = (id: string) => providers.find((p) => p.id === id)?.label ?? id;
  const emailCost = useLookupCost(waterfall[0], 'email');
  const phoneCost = useLookupCost(waterfall[0], 'phone');
  const [relatedProvider, setRelatedProvider] = useState<ProviderId>('sample');
  const [lookalikeProvider, setLookalikeProvider] = useState<ProviderId>('sample');
  const [related, setRelated] = useState<{ managers: Person[]; directReports: Person[] } | null>(null);
  const [lookalikes, setLookalikes] = useState<Person[] | null>(null);
  const [busy, setBusy] = useState(false);

  if (!person) {
    if (!lookup) return <RecordLoading what="person" />;
    return (
      <RecordNotFound
        title="Person not found here"
        text="This person is not saved on this computer and was not in a search this session. Search for them again, or open them from a list."
        back={{ page: 'search', label: 'Search' }}
      />
    );
  }

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

  const enrich = (fields: EnrichField[] = [...ENRICH_FIELDS]) =>
    guarded(async () => {
      if (waterfall.length === 0) return setMessage({ text: 'Choose at least one provider to enrich with.' });
      const result = await enrichPersonWaterfall(api(), person, { providers: waterfall, fields });
      const lines = result.steps.map(
        (st) =>
          `${labelOf(st.provider)}: ${STEP_TEXT[st.outcome]}${st.credits ? ` (${st.credits} credits)` : ''}${st.error ? ` — ${errorText(st.error)}` : ''}`,
      );
      setMessage({
        text: `${lines.join(' · ') || 'Nothing was missing.'}${result.missing.length ? ` Still missing: ${result.missing.join(', ')}.` : ''}`,
        error: result.steps.some((st) => st.outcome === 'error'),
      });
    });

  const loadRelated = () =>
    guarded(async () => {
      const result = await api().people.related({
        provider: relatedProvider,
        person: refOf(person),
        direction: 'both',
      });
      if (!result.ok) return setMessage({ text: errorText(result.error), error: true });
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
      if (!result.ok) return setMessage({ text: errorText(result.error), error: true });
      for (const p of result.value.people) seenPeople.set(p.id, p);
      setLookalikes(result.value.people);
    });

  const name = personName(person);
  const company = organizationName(person.organization);
  const initials = name
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0] ?? '')
    .join('')
    .toUpperCase();

  return (
    <Stack gap="md" component="section" className="page">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="md" wrap="nowrap">
          <Avatar src={person.photoUrl} alt="" radius="xl" size="lg" color="brand">
            {initials}
          </Avatar>
          <div>
            <Title order={1}>{name}</Title>
            <Text c="dimmed">{[person.title, company].filter(Boolean).join(' at ')}</Text>
          </div>
        </Group>
        <Group gap="xs" wrap="nowrap">
          {stored ? (
            <Badge color="green" variant="light" size="lg" tt="none">
              Saved
            </Badge>
          ) : (
            <Button onClick={() => void guarded(async () => void (await savePeople([person])))} disabled={busy}>
              Save
            </Button>
          )}
          {person.organization && (
            <Button
              variant="default"
              onClick={() =>
                navigate({
                  page: 'company',
                  id: person.organization!.domain ? `domain:${person.organization!.domain}` : person.id,
                })
              }
              disabled={!person.organization.domain}
            >
              Open company
            </Button>
          )}
        </Group>
      </Group>
      {message && (
        <Alert role="status" color={message.error ? 'red' : 'brand'} variant="light" py="xs">
          {message.text}
        </Alert>
      )}
      {!stored && (
        <Text size="sm" c="dimmed">
          Seen in a search, not saved yet. Save or enrich to keep this person; fields can be edited once saved.
        </Text>
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <PersonFields
            person={person}
            editable={!!stored}
            labelOf={labelOf}
            unlockWith={(field) => ({
              providerLabel: waterfall[0] ? labelOf(waterfall[0]) : 'No provider',
              credits: field === 'phone' ? phoneCost : emailCost,
            })}
            onUnlock={(field) => void enrich([field])}
            busy={busy}
          />
          <PersonBackground person={person} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Card title="Enrich">
            <Stack gap="xs">
              <Checkbox.Group
                label="Enrich with, in this order"
                value={waterfall}
                onChange={(next) =>
                  setChosen(enrichers.map((e) => e.id).filter((id) => next.includes(id)) as ProviderId[])
                }
              >
                <Stack gap={6} mt={6}>
                  {enrichers.map((p) => (
                    <Checkbox key={p.id} value={p.id} label={p.label} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Button onClick={() => void enrich()} disabled={busy} loading={busy}>
                Enrich this person
              </Button>
              <Text size="sm" c="dimmed">
                Each provider is asked only for what is still missing; earlier lookups are reused for free.
              </Text>
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>

      <Card title="Related people">
        <Group gap="sm" mb="sm">
          <ProviderPicker
            capability="people.related"
            value={relatedProvider}
            onChange={setRelatedProvider}
            label="Related via"
          />
          <Button variant="default" onClick={() => void loadRelated()} disabled={busy}>
            Find managers and direct reports
          </Button>
        </Group>
        {related ? (
          <Stack gap="sm">
            <Title order={3}>Managers</Title>
            <PeopleResults label="Managers" rows={related.managers} height={150} emptyText="No managers found." />
            <Title order={3}>Direct reports</Title>
            <PeopleResults
              label="Direct reports"
              rows={related.directReports}
              height={200}
              emptyText="No direct reports found."
            />
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Ask a provider for this person&apos;s managers and direct reports.
          </Text>
        )}
      </Card>

      <Card title="People like this">
        <Group gap="sm" mb="sm">
          <ProviderPicker
            capability="people.lookalikes"
            value={lookalikeProvider}
            onChange={setLookalikeProvider}
            label="Lookalikes via"
          />
          <Button variant="default" onClick={() => void loadLookalikes()} disabled={busy}>
            Find people like this
          </Button>
        </Group>
        {lookalikes ? (
          <PeopleResults label="Lookalikes" rows={lookalikes} height={300} emptyText="No lookalikes found." />
        ) : (
          <Text size="sm" c="dimmed">
            Find people with a similar role at similar companies.
          </Text>
        )}
      </Card>
    </Stack>
  );
}
