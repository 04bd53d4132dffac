/** The filter form for people or companies. Filters the chosen provider cannot apply are marked, not hidden. */
import type { FilterField, FormValues } from '../../lib/filters';
import { humanize } from '../../lib/filters';

interface Props {
  fields: FilterField[];
  values: FormValues;
  onChange: (values: FormValues) => void;
  /** Filter keys the provider applies. */
  supported: readonly string[];
  providerLabel: string;
}

export function FiltersForm({ fields, values, onChange, supported, providerLabel }: Props) {
  const set = (key: string, value: string | string[]) => onChange({ ...values, [key]: value });
  return (
    <fieldset className="filters" aria-label="Filters">
      {fields.map((f) => {
        const unsupported = !supported.includes(f.key);
        const id = `filter-${f.key}`;
        const value = values[f.key];
        return (
          <label key={f.key} htmlFor={id} className={unsupported ? 'unsupported' : undefined}>
            {f.label}
            {unsupported && <span className="hint">Not applied by {providerLabel}</span>}
            {(f.kind === 'text' || f.kind === 'list') && (
              <input
                id={id}
                value={typeof value === 'string' ? value : ''}
                placeholder={f.placeholder}
                onChange={(e) => set(f.key, e.target.value)}
              />
            )}
            {f.kind === 'multi' && (
              <select
                id={id}
                multiple
                size={3}
                value={Array.isArray(value) ? value : []}
                onChange={(e) =>
                  set(
                    f.key,
                    Array.from(e.target.selectedOptions, (o) => o.value),
                  )
                }
              >
                {f.options!.map((o) => (
                  <option key={o} value={o}>
                    {humanize(o)}
                  </option>
                ))}
              </select>
            )}
            {f.kind === 'tristate' && (
              <select
                id={id}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => set(f.key, e.target.value)}
              >
                <option value="">Any</option>
                <option value="yes">Yes</option>
                <option value="no">No</option>
              </select>
            )}
          </label>
        );
      })}
    </fieldset>
  );
}
