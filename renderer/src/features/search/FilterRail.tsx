/**
 * The people filters as a collapsible side rail: chips for every list (type-ahead multi-selects for
 * the fixed vocabularies, tag inputs with suggestions for free text). A filter the chosen provider
 * cannot apply stays visible, disabled, with the reason; a value already chosen in it is kept (and
 * reported as not applied) rather than silently dropped.
 */
import {
  Button,
  Group,
  MultiSelect,
  NativeSelect,
  ScrollArea,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import type { ProviderId } from '../../../../shared/domain';
import { type FilterField, type FormValues, humanize, listValue, peopleFieldHelp } from '../../lib/filters';

interface Props {
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
}: Props) {
  const set = (key: string, value: string | string[]) => onChange({ ...values, [key]: value });
  const groups = ['Person', 'Company'] as const;
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
          {groups.map((group) => (
            <Stack key={group} gap="xs" role="group" aria-label={`${group} filters`}>
              <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                {group}
              </Text>
              {fields
                .filter((f) => (f.group ?? 'Person') === group)
                .map((f) => (
                  <FilterInput
                    key={f.key}
                    field={f}
                    value={values[f.key]}
                    onChange={(v) => set(f.key, v)}
                    unsupported={!supported.includes(f.key)}
                    provider={provider}
                    providerLabel={providerLabel}
                  />
                ))}
            </Stack>
          ))}
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

function FilterInput({
  field: f,
  value,
  onChange,
  unsupported,
  provider,
  providerLabel,
}: {
  field: FilterField;
  value: string | string[] | undefined;
  onChange: (v: string | string[]) => void;
  unsupported: boolean;
  provider: ProviderId | undefined;
  providerLabel: string;
}) {
  const help = peopleFieldHelp(f.key, provider);
  const hasValue = f.kind === 'text' || f.kind === 'tristate' ? !!value : listValue(value).length > 0;
  // Disabled, but never emptied: what the rep chose is still there and still reported as not applied.
  const reason = unsupported
    ? hasValue
      ? `Not applied by ${providerLabel}: kept for other providers`
      : `Not applied by ${providerLabel}`
    : help.description;
  const common = {
    label: f.label,
    description: reason,
    disabled: unsupported,
    size: 'sm' as const,
    classNames: unsupported ? { description: 'filter-unsupported-reason' } : undefined,
  };
  const placeholder = unsupported ? undefined : help.placeholder;
  if (f.kind === 'text')
    return (
      <TextInput
        {...common}
        placeholder={placeholder}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    );
  if (f.kind === 'tristate')
    return (
      <NativeSelect
        {...common}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(e.currentTarget.value)}
        data={[
          { value: '', label: 'Any' },
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ]}
      />
    );
  if (f.kind === 'multi')
    return (
      <MultiSelect
        {...common}
        placeholder={hasValue ? undefined : (placeholder ?? 'Type to choose')}
        data={f.options!.map((o) => ({ value: o, label: humanize(o) }))}
        value={Array.isArray(value) ? value : []}
        onChange={onChange}
        searchable
        clearable
        hidePickedOptions
        selectFirstOptionOnChange
        nothingFoundMessage="No match"
        comboboxProps={{ withinPortal: true }}
      />
    );
  return (
    <TagsInput
      {...common}
      placeholder={hasValue ? undefined : placeholder}
      data={f.suggestions ? [...f.suggestions] : []}
      value={listValue(value)}
      onChange={(v) => onChange(listValue(v))}
      clearable
      // Pasted or typed "a, b" becomes two chips; a value still being typed counts when the rep moves on.
      splitChars={[',', ';']}
      acceptValueOnBlur
      comboboxProps={{ withinPortal: true }}
    />
  );
}
