/** Form text <-> canonical filters. Lists are typed comma-separated; empty fields are left out. */
import {
  DEPARTMENTS,
  EMPLOYEE_RANGES,
  SENIORITIES,
  type OrganizationFilters,
  type PeopleFilters,
} from '../../../shared/domain';

export type FieldKind = 'text' | 'list' | 'multi' | 'tristate';

export interface FilterField {
  key: string;
  label: string;
  kind: FieldKind;
  options?: readonly string[];
  placeholder?: string;
}

export const PEOPLE_FIELDS: FilterField[] = [
  { key: 'name', label: 'Name', kind: 'text', placeholder: 'Jane Doe' },
  { key: 'titles', label: 'Job titles include', kind: 'list', placeholder: 'VP Sales, Head of Growth' },
  { key: 'excludeTitles', label: 'Job titles exclude', kind: 'list', placeholder: 'Intern' },
  { key: 'seniorities', label: 'Seniority', kind: 'multi', options: SENIORITIES },
  { key: 'departments', label: 'Department', kind: 'multi', options: DEPARTMENTS },
  { key: 'locations', label: 'Person location', kind: 'list', placeholder: 'Berlin, US' },
  { key: 'organizationNames', label: 'Company names', kind: 'list' },
  { key: 'organizationDomains', label: 'Company domains', kind: 'list', placeholder: 'stripe.com' },
  { key: 'organizationIds', label: "Company ids (the provider's)", kind: 'list', placeholder: 'Sumble: 500123' },
  { key: 'employeeRanges', label: 'Company size', kind: 'multi', options: EMPLOYEE_RANGES },
  { key: 'industries', label: 'Industries', kind: 'list' },
  { key: 'keywords', label: 'Keywords', kind: 'text' },
  { key: 'technologies', label: 'Technologies', kind: 'list', placeholder: 'Salesforce, Snowflake' },
  { key: 'hasEmail', label: 'Has email', kind: 'tristate' },
  { key: 'hasPhone', label: 'Has phone', kind: 'tristate' },
];

export const ORGANIZATION_FIELDS: FilterField[] = [
  { key: 'name', label: 'Company name', kind: 'text' },
  { key: 'domains', label: 'Domains', kind: 'list', placeholder: 'stripe.com' },
  { key: 'locations', label: 'HQ location', kind: 'list' },
  { key: 'employeeRanges', label: 'Company size', kind: 'multi', options: EMPLOYEE_RANGES },
  { key: 'industries', label: 'Industries', kind: 'list' },
  { key: 'keywords', label: 'Keywords', kind: 'text' },
  { key: 'technologies', label: 'Technologies', kind: 'list' },
];

/** What the form holds: strings for text/list, string[] for multi, '' | 'yes' | 'no' for tristate. */
export type FormValues = Record<string, string | string[]>;

export function toFilters(fields: FilterField[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.key];
    if (v === undefined) continue;
    if (f.kind === 'text' && typeof v === 'string' && v.trim()) out[f.key] = v.trim();
    if (f.kind === 'list' && typeof v === 'string') {
      const items = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (items.length) out[f.key] = items;
    }
    if (f.kind === 'multi' && Array.isArray(v) && v.length) out[f.key] = [...v];
    if (f.kind === 'tristate' && (v === 'yes' || v === 'no')) out[f.key] = v === 'yes';
  }
  return out;
}

export const toPeopleFilters = (values: FormValues) => toFilters(PEOPLE_FIELDS, values) as PeopleFilters;
export const toOrganizationFilters = (values: FormValues) =>
  toFilters(ORGANIZATION_FIELDS, values) as OrganizationFilters;

export function humanize(token: string): string {
  return token.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
