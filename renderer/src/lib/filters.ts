/**
 * Filter fields <-> canonical filters. Lists are chips (string[]); older saved searches kept them as
 * comma-separated text, which is still read. Empty fields are left out.
 */
import {
  DEPARTMENTS,
  EMPLOYEE_RANGES,
  SENIORITIES,
  type OrganizationFilters,
  type PeopleFilters,
  type ProviderId,
} from '../../../shared/domain';

export type FieldKind = 'text' | 'list' | 'multi' | 'tristate';

export interface FilterField {
  key: string;
  label: string;
  kind: FieldKind;
  options?: readonly string[];
  placeholder?: string;
  /** Type-ahead suggestions for a list field; the rep may still type anything. */
  suggestions?: readonly string[];
  /** Which part of the filter rail it sits in. */
  group?: 'Person' | 'Company';
}

const COMMON_TITLES = [
  'CEO',
  'CTO',
  'CFO',
  'COO',
  'Founder',
  'VP Sales',
  'VP Marketing',
  'VP Engineering',
  'Head of Sales',
  'Head of Growth',
  'Head of Marketing',
  'Sales Director',
  'Account Executive',
  'Sales Manager',
  'Marketing Manager',
  'Engineering Manager',
  'Product Manager',
  'Software Engineer',
  'Data Scientist',
  'Recruiter',
];

const COMMON_LOCATIONS = [
  'US',
  'GB',
  'DE',
  'FR',
  'NL',
  'ES',
  'CA',
  'AU',
  'San Francisco',
  'New York',
  'London',
  'Berlin',
  'Paris',
  'Amsterdam',
  'Toronto',
];

const COMMON_INDUSTRIES = [
  'Software',
  'Information Technology',
  'Financial Services',
  'Healthcare',
  'Retail',
  'Manufacturing',
  'Marketing and Advertising',
  'Education',
  'Logistics',
  'Telecommunications',
];

const COMMON_TECHNOLOGIES = [
  'Salesforce',
  'HubSpot',
  'Snowflake',
  'AWS',
  'Google Cloud',
  'Azure',
  'Kubernetes',
  'React',
  'Python',
  'Stripe',
  'Zendesk',
  'Segment',
];

export const PEOPLE_FIELDS: FilterField[] = [
  { key: 'name', label: 'Name', kind: 'text', placeholder: 'Jane Doe', group: 'Person' },
  {
    key: 'titles',
    label: 'Job titles include',
    kind: 'list',
    placeholder: 'VP Sales, Head of Growth',
    suggestions: COMMON_TITLES,
    group: 'Person',
  },
  {
    key: 'excludeTitles',
    label: 'Job titles exclude',
    kind: 'list',
    placeholder: 'Intern',
    suggestions: COMMON_TITLES,
    group: 'Person',
  },
  { key: 'seniorities', label: 'Seniority', kind: 'multi', options: SENIORITIES, group: 'Person' },
  { key: 'departments', label: 'Department', kind: 'multi', options: DEPARTMENTS, group: 'Person' },
  {
    key: 'locations',
    label: 'Person location',
    kind: 'list',
    placeholder: 'Berlin, US',
    suggestions: COMMON_LOCATIONS,
    group: 'Person',
  },
  { key: 'keywords', label: 'Keywords', kind: 'text', group: 'Person' },
  { key: 'hasEmail', label: 'Has email', kind: 'tristate', group: 'Person' },
  { key: 'hasPhone', label: 'Has phone', kind: 'tristate', group: 'Person' },
  { key: 'organizationNames', label: 'Company names', kind: 'list', placeholder: 'Acme', group: 'Company' },
  { key: 'organizationDomains', label: 'Company domains', kind: 'list', placeholder: 'stripe.com', group: 'Company' },
  { key: 'organizationIds', label: "Company ids (the provider's)", kind: 'list', group: 'Company' },
  { key: 'employeeRanges', label: 'Company size', kind: 'multi', options: EMPLOYEE_RANGES, group: 'Company' },
  { key: 'industries', label: 'Industries', kind: 'list', suggestions: COMMON_INDUSTRIES, group: 'Company' },
  {
    key: 'technologies',
    label: 'Technologies',
    kind: 'list',
    placeholder: 'Salesforce, Snowflake',
    suggestions: COMMON_TECHNOLOGIES,
    group: 'Company',
  },
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

/**
 * Placeholder and hint for a people filter as the chosen provider reads it, so the rep is never shown
 * another provider's example (no "Sumble: 500123" while Apollo is selected).
 */
export function peopleFieldHelp(
  key: string,
  provider: ProviderId | undefined,
): { placeholder?: string; description?: string } {
  const field = PEOPLE_FIELDS.find((f) => f.key === key);
  const base = { placeholder: field?.placeholder };
  switch (`${provider}:${key}`) {
    case 'apollo:organizationIds':
      return { placeholder: '5e66b6381e05b4008c8331b8', description: "Apollo organization ids, from a company's page" };
    case 'sumble:organizationIds':
      return {
        placeholder: '500123',
        description: 'Sumble organization ids (numbers); Sumble searches inside companies',
      };
    case 'sample:organizationIds':
      return { placeholder: 'org_0001', description: 'Sample dataset organization ids' };
    case 'apollo:locations':
      return { placeholder: 'California, US', description: 'City, state or country, as Apollo writes them' };
    case 'ocean:locations':
      return { placeholder: 'US, Berlin DE', description: 'Countries, or a city with its country' };
    case 'sumble:locations':
      return { placeholder: 'US, DE', description: 'Countries' };
    case 'sumble:technologies':
      return { placeholder: 'snowflake, salesforce', description: 'Technology names; Sumble matches its own slugs' };
    default:
      return base;
  }
}

/** What the form holds: string for text, string[] for list/multi ('' or a comma list in old saved searches), '' | 'yes' | 'no' for tristate. */
export type FormValues = Record<string, string | string[]>;

/** A list field's chips; text typed with commas (older saved searches, pasted lists) is split. */
export function listValue(v: string | string[] | undefined): string[] {
  const raw = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  return raw
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

export function toFilters(fields: FilterField[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.key];
    if (v === undefined) continue;
    if (f.kind === 'text' && typeof v === 'string' && v.trim()) out[f.key] = v.trim();
    if (f.kind === 'list') {
      const items = listValue(v);
      if (items.length) out[f.key] = items;
    }
    if (f.kind === 'multi' && Array.isArray(v) && v.length) out[f.key] = [...v];
    if (f.kind === 'tristate' && (v === 'yes' || v === 'no')) out[f.key] = v === 'yes';
  }
  return out;
}

/** The filled fields, in form order, as "Label: a, b" parts for a one-line summary. */
export function appliedSummary(
  fields: FilterField[],
  values: FormValues,
): { key: string; label: string; text: string }[] {
  const filters = toFilters(fields, values);
  return fields
    .filter((f) => filters[f.key] !== undefined)
    .map((f) => {
      const v = filters[f.key];
      const text = Array.isArray(v)
        ? v.map((x) => (f.kind === 'multi' ? humanize(String(x)) : String(x))).join(', ')
        : typeof v === 'boolean'
          ? v
            ? 'yes'
            : 'no'
          : String(v);
      return { key: f.key, label: f.label, text };
    });
}

export const toPeopleFilters = (values: FormValues) => toFilters(PEOPLE_FIELDS, values) as PeopleFilters;
export const toOrganizationFilters = (values: FormValues) =>
  toFilters(ORGANIZATION_FIELDS, values) as OrganizationFilters;

export function humanize(token: string): string {
  const special: Record<string, string> = { c_suite: 'C-suite', vp: 'VP' };
  if (special[token]) return special[token];
  return token.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
