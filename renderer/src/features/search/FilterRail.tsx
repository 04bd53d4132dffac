/**
 * The people filters as a collapsible side rail, in groups (Person and Company open; funding, technologies,
 * job postings and advanced ones fold). Each input is drawn by FilterInput. A filter the chosen provider
 * cannot apply stays visible, disabled, with the reason; a value already chosen in it is kept (and
 * reported as not applied) rather than silently dropped. Which fields come here is railFields' rule
 * (another provider's own filters are left out). A group with no field is not drawn.
 */
import { Button, Group, ScrollArea, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { ProviderId } from '../../../../shared/domain';
import {
  FILTER_GROUPS,
  hasFilterValue,
  peopleFieldHelp,
  type FieldHelp,
  type FilterField,
  type FilterGroup,
  type FormValues,
} from '../../lib/filters';
import { FilterInput } from './FilterInput';

/** Always open; the rest fold away until the rep opens them (or they hold a value). */
const OPEN_GROUPS: readonly FilterGroup[] = ['Person', 'Company'];

export interface FilterRailProps {
  fields: FilterField[];
  values: FormValues;
  onChange: (values: FormValues) => void;
  /** Filter keys the provider applies. */
  supported: readonly string[];
  provider: ProviderId | undefined;
  providerLabel: string;
  /** The provider picker and anything else that belongs above the filters. */
  header?: ReactNode;
  /** The form's submit button(s), kept at the bottom of the rail. */
  footer?: ReactNode;
  onCollapse: () => void;
  /** Placeholder and hint per field and provider: people filters unless told otherwise. */
  helpFor?: (key: string, provider: ProviderId | undefined) => FieldHelp;
}

export function FilterRail({
  fields,
  values,
  onChange,
  supported,
  provider,
  providerLabel,
  header,
  footer,
  onCollapse,
  helpFor = peopleFieldHelp,
}: FilterRailProps) {
  const set = (key: string, value: string | string[]) => onChange({ ...values, [key]: value });
  const [opened, setOpened] = useState<ReadonlySet<FilterGroup>>(new Set());
  return (
    <aside className="filter-rail" aria-label="Filters">
      <Group justify="space-between" px="sm" pt="sm" wrap="nowrap">
        <Title order={2} size="h3">
          Filters
        </Title>
        <Button variant="subtle" size="compact-sm" onClick={onCollapse} aria-expanded>
          Hide filters
        </Button>
      </Group>
      <ScrollArea className="filter-rail-scroll" type="auto" offsetScrollbars>
        <Stack gap="sm" p="sm">
          {header}
          {FILTER_GROUPS.map((group) => {
            const inGroup = fields.filter((f) => (f.group ?? 'Person') === group);
            if (!inGroup.length) return null;
            const applied = inGroup.filter((f) => supported.includes(f.key)).length;
            const filled = inGroup.filter((f) => hasFilterValue(f, values[f.key])).length;
            const foldable = !OPEN_GROUPS.includes(group);
            const open = !foldable || opened.has(group);
            const toggle = () =>
              setOpened((prev) => {
                const next = new Set(prev);
                if (next.has(group)) next.delete(group);
                else next.add(group);
                return next;
              });
            const inputs = inGroup.map((f) => (
              <FilterInput
                key={f.key}
                field={f}
                value={values[f.key]}
                onChange={(v) => set(f.key, v)}
                unsupported={!supported.includes(f.key)}
                provider={provider}
                providerLabel={providerLabel}
                help={helpFor(f.key, provider)}
              />
            ));
            return (
              <Stack key={group} gap="xs" role="group" aria-label={`${group} filters`}>
                {foldable ? (
                  <UnstyledButton className="filter-group-toggle" onClick={toggle} aria-expanded={open}>
                    <Group justify="space-between" wrap="nowrap" gap="xs">
                      <Text size="xs" fw={700} tt="uppercase" c="dimmed" truncate="end">
                        <span aria-hidden>{open ? '▾ ' : '▸ '}</span>
                        {group}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {[
                          filled ? `${filled} set` : '',
                          applied < inGroup.length ? `${applied} of ${inGroup.length} apply` : '',
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </Text>
                    </Group>
                  </UnstyledButton>
                ) : (
                  <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                    {group}
                  </Text>
                )}
                {open && inputs}
              </Stack>
            );
          })}
        </Stack>
      </ScrollArea>
      {footer && (
        <Group className="filter-rail-footer" p="sm" gap="xs">
          {footer}
        </Group>
      )}
    </aside>
  );
}
