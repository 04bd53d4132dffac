/**
 * Usage (#/usage): what the providers cost and what they found, from the enrichment ledger, the
 * saved people and the CSV jobs in IndexedDB, so it is the same after a restart. Search pages that
 * cost credits are not in the ledger; the Search page shows those for the search at hand.
 */
import { BarChart } from '@mantine/charts';
import { Alert, Group, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import { db, type EnrichmentEntry } from '../../db/schema';
import { useProviders } from '../../app/providers';
import { providerLabel as fallbackLabel } from '../enrich/providerLabels';
import { countWithStatus } from '../enrich/rows';
import { coverageCounter, creditsOverTime, hitRates, type FieldCoverage, type Period } from './usageData';

/** Mantine palette colours that keep 3:1 against both schemes' backgrounds. */
const PROVIDER_COLORS = ['blue.6', 'teal.7', 'grape.6', 'orange.7', 'pink.6', 'cyan.7'];

interface CsvRun {
  id: string;
  fileName: string;
  createdAt: string;
  rowCount: number;
  matched: number;
  credits: number;
}

interface UsageData {
  ledger: EnrichmentEntry[];
  coverage: FieldCoverage;
  runs: CsvRun[];
}

async function loadUsage(): Promise<UsageData> {
  const d = db();
  const ledger = await d.enrichments.toArray();
  const counter = coverageCounter();
  await d.people.each((p) => counter.add(p));
  const jobs = await d.csvJobs.orderBy('createdAt').toArray();
  const runs = await Promise.all(
    jobs.map(async (j) => ({
      id: j.id,
      fileName: j.fileName,
      createdAt: j.createdAt,
      rowCount: j.rowCount,
      credits: j.creditsSpent ?? 0,
      matched: await countWithStatus(d, j.id, 'done'),
    })),
  );
  return { ledger, coverage: counter.result(), runs };
}

type Loaded = { value: UsageData; error?: undefined } | { value?: undefined; error: string };

export function UsagePage() {
  const loaded = useLiveQuery(
    () =>
      loadUsage().then(
        (value): Loaded => ({ value }),
        (e: unknown): Loaded => ({ error: e instanceof Error ? e.message : String(e) }),
      ),
    [],
  );
  const { providers } = useProviders();
  const label = (id: string) => providers.find((p) => p.id === id)?.label ?? fallbackLabel(id);

  return (
    <Stack component="section" className="page" gap="md">
      <Title order={1}>Usage</Title>
      <Text c="dimmed" size="sm">
        Credits and results of enrichment lookups, kept on this computer. Lookups answered again from the local ledger
        cost nothing and are not counted twice.
      </Text>
      {!loaded && (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="sm">Loading usage…</Text>
        </Group>
      )}
      {loaded?.error && (
        <Alert color="red" title="Usage cannot be read" role="alert">
          The local database answered: {loaded.error}
        </Alert>
      )}
      {loaded?.value && <UsageCharts data={loaded.value} label={label} />}
    </Stack>
  );
}

function ChartCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

function UsageCharts({ data, label }: { data: UsageData; label: (id: string) => string }) {
  const [period, setPeriod] = useState<Period>('day');
  const credits = creditsOverTime(data.ledger, period);
  const colour = (id: string) => PROVIDER_COLORS[Math.max(0, credits.providers.indexOf(id)) % PROVIDER_COLORS.length]!;
  const rates = hitRates(data.ledger).map((r) => ({ ...r, name: label(r.provider) }));
  const total = data.ledger.reduce((sum, e) => sum + (e.credits > 0 ? e.credits : 0), 0);

  return (
    <>
      <ChartCard title="Credits spent per provider">
        <Group justify="space-between" mb="sm">
          <Text size="sm" data-testid="credits-total">
            {total ? `${total.toLocaleString()} credits in all` : ''}
          </Text>
          <SegmentedControl
            size="xs"
            aria-label="Group credits by"
            value={period}
            onChange={(v) => setPeriod(v as Period)}
            data={[
              { value: 'day', label: 'Day' },
              { value: 'week', label: 'Week' },
            ]}
          />
        </Group>
        {credits.rows.length ? (
          <BarChart
            h={260}
            data={credits.rows}
            dataKey="period"
            type="stacked"
            withLegend
            legendProps={{ verticalAlign: 'bottom' }}
            series={credits.providers.map((p) => ({ name: p, label: label(p), color: colour(p) }))}
          />
        ) : (
          <Empty>No credits spent yet. Paid lookups from Enrich CSV and person pages show here.</Empty>
        )}
      </ChartCard>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <ChartCard title="Enrichment hit rate per provider">
          {rates.length ? (
            <BarChart
              h={220}
              data={rates}
              dataKey="name"
              withLegend
              legendProps={{ verticalAlign: 'bottom' }}
              yAxisProps={{ domain: [0, 100] }}
              unit="%"
              series={[{ name: 'rate', label: 'Matched (% of lookups)', color: 'teal.7' }]}
            />
          ) : (
            <Empty>No lookups yet.</Empty>
          )}
        </ChartCard>
        <ChartCard title="Field coverage of saved people">
          {data.coverage.total ? (
            <>
              <Text size="sm" mb="xs">
                Of {data.coverage.total.toLocaleString()} saved people
              </Text>
              <BarChart
                h={220}
                data={data.coverage.fields}
                dataKey="label"
                withLegend
                legendProps={{ verticalAlign: 'bottom' }}
                yAxisProps={{ domain: [0, 100] }}
                unit="%"
                series={[{ name: 'percent', label: 'Have it (% of saved people)', color: 'blue.6' }]}
              />
            </>
          ) : (
            <Empty>No saved people yet.</Empty>
          )}
        </ChartCard>
      </SimpleGrid>
      <ChartCard title="CSV runs: cost and yield">
        {data.runs.length ? <CsvRuns runs={data.runs} /> : <Empty>No CSV files enriched yet.</Empty>}
      </ChartCard>
    </>
  );
}

function CsvRuns({ runs }: { runs: CsvRun[] }) {
  const chart = runs.map((r) => ({ name: r.fileName, credits: r.credits, matched: r.matched }));
  return (
    <Stack gap="sm">
      <BarChart
        h={220}
        data={chart}
        dataKey="name"
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        series={[
          { name: 'credits', label: 'Credits spent', color: 'orange.7' },
          { name: 'matched', label: 'Rows enriched', color: 'teal.7' },
        ]}
      />
      <Table striped withTableBorder aria-label="CSV runs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>File</Table.Th>
            <Table.Th>Started</Table.Th>
            <Table.Th ta="right">Rows</Table.Th>
            <Table.Th ta="right">Enriched</Table.Th>
            <Table.Th ta="right">Credits</Table.Th>
            <Table.Th ta="right">Credits per enriched row</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.fileName}</Table.Td>
              <Table.Td>{r.createdAt.slice(0, 10)}</Table.Td>
              <Table.Td ta="right">{r.rowCount.toLocaleString()}</Table.Td>
              <Table.Td ta="right">{r.matched.toLocaleString()}</Table.Td>
              <Table.Td ta="right">{r.credits.toLocaleString()}</Table.Td>
              <Table.Td ta="right">{r.matched ? (r.credits / r.matched).toFixed(2) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
