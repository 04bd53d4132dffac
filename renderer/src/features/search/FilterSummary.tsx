/** One line saying which filters are applied (and which the provider will not apply), with one-click clear. */
import { Button, Group, Text } from '@mantine/core';
import { appliedSummary, type FilterField, type FormValues } from '../../lib/filters';

export function FilterSummary({
  fields,
  values,
  supported,
  providerLabel,
  onClear,
  everything = 'everyone',
}: {
  fields: FilterField[];
  values: FormValues;
  supported: readonly string[];
  providerLabel: string;
  onClear: () => void;
  /** Who a search without filters covers: "everyone" (people) or "every company". */
  everything?: string;
}) {
  const parts = appliedSummary(fields, values);
  return (
    <Group gap="xs" wrap="nowrap" className="filter-summary" role="status" aria-label="Applied filters">
      <Text
        size="sm"
        truncate="end"
        style={{ minWidth: 0, flex: 1 }}
        title={parts.map((p) => `${p.label}: ${p.text}`).join(' · ')}
      >
        {parts.length === 0 ? (
          <span className="muted">
            No filters yet: the search covers {everything} in {providerLabel}.
          </span>
        ) : (
          parts.map((p, i) => (
            <span key={p.key}>
              {i > 0 && ' · '}
              <strong>{p.label}:</strong> {p.text}
              {!supported.includes(p.key) && <span className="muted"> (not applied by {providerLabel})</span>}
            </span>
          ))
        )}
      </Text>
      {parts.length > 0 && (
        <Button variant="subtle" size="compact-sm" onClick={onClear}>
          Clear all filters
        </Button>
      )}
    </Group>
  );
}
