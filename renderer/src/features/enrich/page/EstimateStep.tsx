/** Step 4: what the plan can cost before anything is spent, then Start. */
import { Alert, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useProviders } from '../../../app/providers';
import { planProblems } from '../index';
import { plural } from './format';
import { csvActions, useCsvJob } from './store';

export function EstimateStep() {
  const plan = useCsvJob((s) => s.plan);
  const estimate = useCsvJob((s) => s.estimate);
  const estimating = useCsvJob((s) => s.estimating);
  const error = useCsvJob((s) => s.error);
  const problems = planProblems(plan);
  return (
    <Stack gap="sm" mt="md">
      <Group>
        <Button
          variant="default"
          onClick={() => void csvActions.estimate()}
          loading={estimating}
          disabled={problems.length > 0}
        >
          Estimate credits
        </Button>
        <Button onClick={() => void csvActions.start()} disabled={!estimate || problems.length > 0}>
          Start enrichment
        </Button>
        <Button variant="subtle" color="gray" onClick={csvActions.reset}>
          Start over
        </Button>
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {estimate && <EstimateTable />}
    </Stack>
  );
}

const n = (x: number) => x.toLocaleString('en-US');

function EstimateTable() {
  const estimate = useCsvJob((s) => s.estimate)!;
  const plan = useCsvJob((s) => s.plan);
  const providers = useProviders((p) => p.providers);
  const e = estimate.eligibility;
  const label = (id: string) => providers.find((p) => p.id === id)?.label ?? id;
  const { min, max, likely } = estimate.total;
  return (
    <Paper withBorder p="md" data-testid="estimate" role="region" aria-label="Estimate">
      <Group align="baseline" gap="xs" mb="xs">
        <Text fz={28} fw={700} data-testid="estimate-total">
          {n(min)} – {n(max)}
        </Text>
        <Text c="dimmed">credits{min !== max ? `, most likely ~${n(likely)}` : ''}</Text>
      </Group>
      <Text size="sm">
        {n(e.total)} rows. {n(e.noIdentifier)} without a usable identifier and {n(e.noProvider)} no chosen provider can
        look up will be skipped{e.complete ? `; ${n(e.complete)} already complete` : ''}.
        {estimate.fromLedger > 0 && (
          <> {plural(estimate.fromLedger, 'lookup')} answered free from earlier lookups (not counted above).</>
        )}
      </Text>
      {min !== max && (
        <Text size="xs" c="dimmed" mt={4}>
          The range is uncertain because a later provider is asked only for what the earlier ones miss, and some
          providers charge only for a match.
        </Text>
      )}
      <Table aria-label="Credit estimate" mt="sm" striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Provider</Table.Th>
            <Table.Th ta="right">Rows</Table.Th>
            <Table.Th ta="right">Free (earlier lookups)</Table.Th>
            <Table.Th ta="right">Credits (min – max)</Table.Th>
            <Table.Th>Cost model</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {estimate.perProvider.map((p) => (
            <Table.Tr key={p.provider}>
              <Table.Td>{label(p.provider)}</Table.Td>
              <Table.Td ta="right">
                {n(p.rowsMin)} – {n(p.rowsMax)}
              </Table.Td>
              <Table.Td ta="right">{n(p.fromLedger)}</Table.Td>
              <Table.Td ta="right">
                {n(p.min)} – {n(p.max)}
              </Table.Td>
              <Table.Td c="dimmed" fz="sm">
                {p.basis}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!estimate.withinBudget && plan.creditBudget !== undefined && (
        <Alert color="yellow" mt="sm" role="note">
          The worst case is over your budget of {n(plan.creditBudget)}: the run stops by itself before exceeding it, and
          you can raise the budget there and continue.
        </Alert>
      )}
    </Paper>
  );
}
