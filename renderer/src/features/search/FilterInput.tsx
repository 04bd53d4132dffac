/**
 * One filter of the rail, drawn for its kind: chips, a type-ahead multi-select, any/yes/no, a min/max
 * pair, a number, a month, a segmented choice or a drop-down. Disabled with the reason when the chosen
 * provider does not apply it; a value already chosen is kept (and reported as not applied).
 */
import {
  Fieldset,
  Group,
  Input,
  MultiSelect,
  NativeSelect,
  NumberInput,
  SegmentedControl,
  TagsInput,
  TextInput,
} from '@mantine/core';
import type { ProviderId } from '../../../../shared/domain';
import {
  type FieldHelp,
  type FilterField,
  hasFilterValue,
  humanize,
  listValue,
  parseStateChip,
  rangeValue,
} from '../../lib/filters';
import { SumbleOrganizationFinder } from './SumbleOrganizationFinder';

type Value = string | string[] | undefined;

export function FilterInput({
  field: f,
  value,
  onChange,
  unsupported,
  provider,
  providerLabel,
  help,
}: {
  field: FilterField;
  value: Value;
  onChange: (v: string | string[]) => void;
  unsupported: boolean;
  provider: ProviderId | undefined;
  providerLabel: string;
  /** The field's placeholder and hint for this provider (FilterRail's `helpFor`). */
  help: FieldHelp;
}) {
  const hasValue = hasFilterValue(f, value);
  // Disabled, but never emptied: what the rep chose is still there and still reported as not applied.
  const reason = unsupported
    ? hasValue
      ? `Not applied by ${providerLabel}: kept for other providers`
      : `Not applied by ${providerLabel}`
    : help.description;
  const descriptionClass = unsupported ? { description: 'filter-unsupported-reason' } : undefined;
  const common = {
    label: f.label,
    description: reason,
    disabled: unsupported,
    size: 'sm' as const,
    classNames: descriptionClass,
  };
  const placeholder = unsupported ? undefined : help.placeholder;
  const text = typeof value === 'string' ? value : '';

  switch (f.kind) {
    case 'text':
      return (
        <TextInput
          {...common}
          placeholder={placeholder}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'month':
      return <TextInput {...common} type="month" value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'number':
      return (
        <NumberInput
          {...common}
          placeholder={placeholder}
          min={f.min}
          max={f.max}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="strict"
          value={text}
          onChange={(v) => onChange(String(v))}
        />
      );
    case 'tristate':
      return (
        <NativeSelect
          {...common}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
          data={[
            { value: '', label: 'Any' },
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
        />
      );
    case 'select':
      return (
        <NativeSelect
          {...common}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
          data={[{ value: '', label: f.anyLabel ?? 'Any' }, ...(f.choices ?? [])]}
        />
      );
    case 'choice':
      return (
        <Fieldset
          legend={<Legend text={f.label} />}
          variant="unstyled"
          disabled={unsupported}
          className="filter-fieldset"
        >
          {reason && <FieldNote text={reason} unsupported={unsupported} />}
          <SegmentedControl
            fullWidth
            size="xs"
            disabled={unsupported}
            value={text}
            onChange={onChange}
            data={[{ value: '', label: f.anyLabel ?? 'Any' }, ...(f.choices ?? [])]}
          />
        </Fieldset>
      );
    case 'range': {
      const [min, max] = rangeValue(value);
      const end = (which: 'Min' | 'Max', v: string) => (
        <NumberInput
          label={which}
          // Lighter than the group's legend, so "Min" and "Max" read as parts of it.
          styles={{ label: { fontWeight: 400 } }}
          size="sm"
          disabled={unsupported}
          prefix={f.prefix}
          thousandSeparator=","
          allowNegative={false}
          hideControls
          value={v}
          onChange={(n) => onChange(which === 'Min' ? [String(n), max] : [min, String(n)])}
          style={{ flex: 1, minWidth: 0 }}
        />
      );
      return (
        <Fieldset
          legend={<Legend text={f.label} />}
          variant="unstyled"
          disabled={unsupported}
          className="filter-fieldset"
        >
          {reason && <FieldNote text={reason} unsupported={unsupported} />}
          <Group gap="xs" wrap="nowrap" align="flex-start">
            {end('Min', min)}
            {end('Max', max)}
          </Group>
        </Fieldset>
      );
    }
    case 'multi':
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
    case 'list':
      if (provider === 'sumble' && f.key === 'organizationIds' && !unsupported)
        return (
          <SumbleOrganizationFinder
            label="Companies to search in"
            description={reason}
            value={listValue(value)}
            onChange={onChange}
          />
        );
      return <ChipsInput {...common} placeholder={placeholder} field={f} value={value} onChange={onChange} />;
    case 'states': {
      const bad = listValue(value).filter((chip) => !parseStateChip(chip));
      return (
        <ChipsInput
          {...common}
          placeholder={placeholder}
          field={f}
          value={value}
          onChange={onChange}
          error={bad.length ? `Write a state with its country, like CA-US (not ${bad.join(', ')})` : undefined}
        />
      );
    }
  }
}

function ChipsInput({
  field: f,
  value,
  onChange,
  ...rest
}: {
  field: FilterField;
  value: Value;
  onChange: (v: string[]) => void;
  label: string;
  description?: string;
  disabled: boolean;
  placeholder?: string;
  size: 'sm';
  classNames?: { description: string };
  error?: string;
}) {
  const chips = listValue(value);
  return (
    <TagsInput
      {...rest}
      placeholder={chips.length ? undefined : rest.placeholder}
      data={f.suggestions ? [...f.suggestions] : []}
      value={chips}
      onChange={(v) => onChange(listValue(v))}
      clearable
      // Pasted or typed "a, b" becomes two chips; a value still being typed counts when the rep moves on.
      splitChars={[',', ';']}
      acceptValueOnBlur
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** A group of inputs is labelled like a single input (same type as Mantine's labels). */
function Legend({ text }: { text: string }) {
  return (
    <Input.Label component="span" size="sm">
      {text}
    </Input.Label>
  );
}

/** The description under a group's legend, as Mantine places it under an input's label. */
function FieldNote({ text, unsupported }: { text: string; unsupported: boolean }) {
  return (
    <Input.Description size="sm" mb={4} className={unsupported ? 'filter-unsupported-reason' : undefined}>
      {text}
    </Input.Description>
  );
}
