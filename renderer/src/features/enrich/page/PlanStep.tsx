/** Step 3: the provider waterfall, the fields to fill, the mode, the budget and the freshness window. */
import {
  ActionIcon,
  Alert,
  Badge,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { ENRICH_FIELDS, type ProviderId } from '../../../../../shared/domain';
import { providerLabel as providerName } from '../providerLabels';
import { api } from '../../../api';
import { SettingsLink } from '../../../components/SettingsLink';
import { useProviders } from '../../../app/providers';
import { humanize } from '../../../lib/filters';
import { ENRICH_BATCH_SIZES, extraCreditsPerRow, planProblems } from '../index';
import { formatCredits } from './format';
import { csvActions, useCsvJob } from './store';

const FIELD_LABELS: Partial<Record<string, string>> = { phone: 'Phone', linkedin: 'LinkedIn' };

export function PlanStep() {
  const plan = useCsvJob((s) => s.plan);
  const providers = useProviders((p) => p.providers);
  const usable = providers.filter((p) => ENRICH_BATCH_SIZES[p.id] && (p.sample || p.configured));
  const problems = planProblems(plan);
  const phoneCost = usePhoneCost(plan.providers, plan.fields);
  return (
    <section aria-label="Plan">
      <Title order={2} size="h3" mt="lg" mb="sm">
        Plan
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md" role="group" aria-label="Providers in waterfall order">
          <Text fw={600} size="sm">
            Providers, asked in this order
          </Text>
          <Text size="xs" c="dimmed" mb="sm">
            The next one is asked only for what is still missing.
          </Text>
          <Stack gap={6}>
            {usable.map((p) => {
              const on = plan.providers.includes(p.id);
              return (
                <Group key={p.id} justify="space-between" wrap="nowrap" h={28}>
                  <Checkbox label={p.label} checked={on} onChange={() => csvActions.toggleProvider(p.id)} />
                  {on && (
                    <Group gap={4} wrap="nowrap">
                      <Badge variant="light" size="sm">
                        #{plan.providers.indexOf(p.id) + 1}
                      </Badge>
                      <ActionIcon
                        variant="default"
                        size="sm"
                        aria-label={`Move ${p.label} up`}
                        onClick={() => csvActions.moveProvider(p.id, -1)}
                      >
                        ↑
                      </ActionIcon>
                      <ActionIcon
                        variant="default"
                        size="sm"
                        aria-label={`Move ${p.label} down`}
                        onClick={() => csvActions.moveProvider(p.id, 1)}
                      >
                        ↓
                      </ActionIcon>
                    </Group>
                  )}
                </Group>
              );
            })}
          </Stack>
          {providers.some((p) => ENRICH_BATCH_SIZES[p.id] && !p.sample && !p.configured) && (
            <Text size="xs" c="dimmed" mt="sm">
              Providers without a key are not listed: add keys in <SettingsLink />.
            </Text>
          )}
        </Paper>
        <Paper withBorder p="md" role="group" aria-label="Fields to fill">
          <Text fw={600} size="sm">
            Fields to fill
          </Text>
          <SimpleGrid cols={2} spacing={6} verticalSpacing={6} mt="xs">
            {ENRICH_FIELDS.map((f) => (
              <Checkbox
                key={f}
                label={FIELD_LABELS[f] ?? humanize(f)}
                description={f === 'phone' ? phoneCost : undefined}
                checked={plan.fields.includes(f)}
                onChange={() => csvActions.toggleField(f)}
              />
            ))}
          </SimpleGrid>
          <Radio.Group
            mt="md"
            label="Cells that already have a value"
            value={plan.mode}
            onChange={(v) => csvActions.setPlan({ mode: v as 'fill_empty' | 'overwrite' })}
          >
            <Group gap="lg" mt={6}>
              <Radio value="fill_empty" label="Fill empty cells only" />
              <Radio value="overwrite" label="Overwrite" />
            </Group>
          </Radio.Group>
          <Group grow mt="md" align="flex-start">
            <NumberInput
              label="Credit budget"
              placeholder="No limit"
              min={0}
              allowNegative={false}
              value={plan.creditBudget ?? ''}
              onChange={(v) => csvActions.setPlan({ creditBudget: v === '' ? undefined : Number(v) })}
            />
            <NumberInput
              label="Freshness days"
              description="Reuse lookups newer than this"
              min={0}
              allowNegative={false}
              allowDecimal={false}
              value={plan.freshnessDays}
              onChange={(v) => csvActions.setPlan({ freshnessDays: v === '' ? 0 : Number(v) })}
            />
          </Group>
        </Paper>
      </SimpleGrid>
      {problems.map((p) => (
        <Alert key={p} color="yellow" mt="sm" p="xs" role="note">
          {p}
        </Alert>
      ))}
    </section>
  );
}

/** "+2 credits a row at Apollo" for the Phone checkbox, from main's cost models; the rep decides. */
function usePhoneCost(providers: readonly ProviderId[], fields: readonly string[]): string | undefined {
  const [text, setText] = useState<string>();
  const key = `${providers.join(',')}|${fields.join(',')}`;
  useEffect(() => {
    let live = true;
    void extraCreditsPerRow(api(), providers, [...fields] as never, 'phone').then((r) => {
      if (!live) return;
      if (!r.ok) return setText(undefined);
      const parts = providers
        .map((p) => [p, r.value[p] ?? 0] as const)
        .filter(([, n]) => n > 0)
        .map(([p, n]) => `+${formatCredits(n)} at ${providerName(p)}`);
      setText(parts.length ? `${parts.join(', ')} credits a row` : 'No extra credits');
    });
    return () => {
      live = false;
    };
  }, [key]); // `key` stands for providers and fields: a new array each render must not refetch
  return text;
}
