/**
 * Sumble searches people inside organizations it knows by number. Instead of typing those numbers,
 * the rep finds them by name or domain among the companies they saved that carry a Sumble id (a
 * company saved with people found through Sumble, for instance). Sumble's people docs document no
 * organization lookup, so nothing is asked of the API here. A Sumble id typed as digits is still
 * taken, for a company not saved yet. The chips show names; the search sends the ids.
 */
import { MultiSelect, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { db } from '../../db/schema';
import type { StoredOrganization } from '../../db/records';

export interface SumbleOrganizationOption extends ComboboxItem {
  /** What the type-ahead matches besides the label. */
  domain?: string;
}

const unnamed = (id: string) => `Sumble organization ${id}`;

/** Saved companies with a Sumble id as options, one per id, named by the company's name or domain. */
export function sumbleOrganizationOptions(
  saved: readonly Pick<StoredOrganization, 'name' | 'domain' | 'providerIds'>[],
): SumbleOrganizationOption[] {
  const byId = new Map<string, SumbleOrganizationOption>();
  for (const o of saved) {
    const id = o.providerIds?.sumble;
    if (!id || byId.has(id)) continue;
    const label = o.name ?? o.domain ?? unnamed(id);
    byId.set(id, { value: id, label, ...(o.domain ? { domain: o.domain } : {}) });
  }
  return [...byId.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/** Matches the typed text against a company's name and domain (case and accents folded). */
export function matchesOrganization(option: SumbleOrganizationOption, search: string): boolean {
  const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const q = fold(search.trim());
  if (!q) return true;
  return [option.label, option.domain ?? '', option.value].some((s) => fold(s).includes(q));
}

export function SumbleOrganizationFinder({
  label,
  description,
  value,
  onChange,
}: {
  label: string;
  description?: string;
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const [search, setSearch] = useState('');
  const saved = useLiveQuery(() => db().organizations.where('keys').startsWith('sumble:').distinct().toArray(), []);
  const options = useMemo(() => {
    const known = sumbleOrganizationOptions(saved ?? []);
    const ids = new Set(known.map((o) => o.value));
    // Chosen ids that are no saved company (typed, or from a saved search) stay choosable and shown.
    const extra = value.filter((id) => !ids.has(id)).map((id) => ({ value: id, label: unnamed(id) }));
    const typed = search.trim();
    const typedId =
      /^\d{1,12}$/.test(typed) && !ids.has(typed) && !value.includes(typed)
        ? [{ value: typed, label: unnamed(typed) }]
        : [];
    return [...known, ...extra, ...typedId];
  }, [saved, value, search]);

  const filter: OptionsFilter = ({ options: items, search: q }) =>
    (items as SumbleOrganizationOption[]).filter((o) => matchesOrganization(o, q));

  return (
    <MultiSelect
      label={label}
      description={description}
      size="sm"
      placeholder={value.length ? undefined : 'Company name or domain'}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={filter}
      limit={50}
      clearable
      hidePickedOptions
      selectFirstOptionOnChange
      nothingFoundMessage={
        saved && saved.length === 0
          ? 'No saved company has a Sumble id yet: save people found through Sumble, or type a Sumble id'
          : 'No saved company matches'
      }
      // The chip says the name; the option also shows the domain, to tell two "Acme"s apart.
      renderOption={({ option }) => {
        const domain = (option as SumbleOrganizationOption).domain;
        return (
          <span>
            {option.label}
            {domain && domain !== option.label && <span className="muted"> · {domain}</span>}
          </span>
        );
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
