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
  type PeopleFilterKey,
  type StateRef,
} from '../../../shared/domain';
import {
  ORGANIZATION_FILTER_SUPPORT,
  PEOPLE_FILTER_SUPPORT,
  type FilterSupport,
} from '../../../shared/provider-capabilities';

/**
 * text: one string. list: chips. multi: chips from `options`. tristate: any/yes/no.
 * range: [min, max] as typed (either may be ''). number: one whole number. month: "YYYY-MM".
 * choice: one of `choices` ('' = any), shown as a segmented control. select: the same as a drop-down.
 * states: chips like "CA-US" (a state or region with its country).
 */
export type FieldKind =
  'text' | 'list' | 'multi' | 'tristate' | 'range' | 'number' | 'month' | 'choice' | 'select' | 'states';

export const FILTER_GROUPS = [
  'Person',
  'Company',
  'Funding and revenue',
  'Technologies',
  'Job postings',
  'Advanced',
] as const;
export type FilterGroup = (typeof FILTER_GROUPS)[number];

export interface FilterField {
  key: string;
  label: string;
  kind: FieldKind;
  options?: readonly string[];
  placeholder?: string;
  /** Type-ahead suggestions for a list field; the rep may still type anything. */
  suggestions?: readonly string[];
  /** Which part of the filter rail it sits in. */
  group?: FilterGroup;
  /** For choice/select: the values besides "any" (''), with their labels. */
  choices?: readonly { value: string; label: string }[];
  /** The label for "any" in a choice/select. */
  anyLabel?: string;
  /** For number: the allowed bounds. */
  min?: number;
  max?: number;
  /** For range: what the numbers are (shown before them). */
  prefix?: string;
  /** The label in the one-line summary when the rail label needs its group to make sense. */
  summaryLabel?: string;
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
  {
    key: 'states',
    label: 'Person state or region',
    kind: 'states',
    placeholder: 'CA-US, BY-DE',
    group: 'Person',
  },
  {
    key: 'excludeCountries',
    label: 'Person country excludes',
    kind: 'list',
    placeholder: 'FR, ES',
    group: 'Person',
  },
  { key: 'skills', label: 'Skills', kind: 'list', placeholder: 'Python, Negotiation', group: 'Person' },
  { key: 'changedPositionAfter', label: 'Changed position after', kind: 'month', group: 'Person' },
  { key: 'changedPositionBefore', label: 'Changed position before', kind: 'month', group: 'Person' },
  { key: 'keywords', label: 'Keywords', kind: 'text', group: 'Person' },
  { key: 'hasEmail', label: 'Has email', kind: 'tristate', group: 'Person' },
  { key: 'hasPhone', label: 'Has phone', kind: 'tristate', group: 'Person' },
  { key: 'organizationNames', label: 'Company names', kind: 'list', placeholder: 'Acme', group: 'Company' },
  { key: 'organizationDomains', label: 'Company domains', kind: 'list', placeholder: 'stripe.com', group: 'Company' },
  { key: 'organizationIds', label: "Company ids (the provider's)", kind: 'list', group: 'Company' },
  { key: 'employeeRanges', label: 'Company size', kind: 'multi', options: EMPLOYEE_RANGES, group: 'Company' },
  {
    key: 'industries',
    label: 'Industries',
    kind: 'list',
    placeholder: 'Software',
    suggestions: COMMON_INDUSTRIES,
    group: 'Company',
  },
  {
    key: 'organizationLocations',
    label: 'HQ location',
    kind: 'list',
    placeholder: 'California, US',
    suggestions: COMMON_LOCATIONS,
    group: 'Company',
  },
  {
    key: 'excludeOrganizationIds',
    label: "Exclude company ids (the provider's)",
    kind: 'list',
    group: 'Company',
  },
  {
    key: 'lookalikeDomains',
    label: 'Companies like these domains',
    kind: 'list',
    placeholder: 'stripe.com',
    group: 'Company',
  },
  {
    key: 'revenueRange',
    label: 'Annual revenue (USD)',
    kind: 'range',
    prefix: '$',
    group: 'Funding and revenue',
  },
  {
    key: 'totalFundingRange',
    label: 'Total funding (USD)',
    kind: 'range',
    prefix: '$',
    group: 'Funding and revenue',
  },
  {
    key: 'latestFundingRange',
    label: 'Latest funding round (USD)',
    kind: 'range',
    prefix: '$',
    group: 'Funding and revenue',
  },
  {
    key: 'technologies',
    label: 'Uses any of',
    summaryLabel: 'Technologies (any)',
    kind: 'list',
    placeholder: 'Salesforce, Snowflake',
    suggestions: COMMON_TECHNOLOGIES,
    group: 'Technologies',
  },
  {
    key: 'technologiesAll',
    label: 'Uses all of',
    summaryLabel: 'Technologies (all)',
    kind: 'list',
    suggestions: COMMON_TECHNOLOGIES,
    group: 'Technologies',
  },
  {
    key: 'excludeTechnologies',
    label: 'Uses none of',
    summaryLabel: 'Technologies (none)',
    kind: 'list',
    suggestions: COMMON_TECHNOLOGIES,
    group: 'Technologies',
  },
  {
    key: 'jobPostingTitles',
    label: 'Hiring for job titles',
    kind: 'list',
    placeholder: 'Account Executive',
    suggestions: COMMON_TITLES,
    group: 'Job postings',
  },
  {
    key: 'prospected',
    label: 'Prospected by your team',
    kind: 'choice',
    anyLabel: 'Any',
    choices: [
      { value: 'net_new', label: 'Net new' },
      { value: 'already_prospected', label: 'Already' },
    ],
    group: 'Advanced',
  },
  {
    key: 'peoplePerCompany',
    label: 'At most per company',
    kind: 'number',
    min: 1,
    max: 20,
    placeholder: '1 to 20',
    group: 'Advanced',
  },
  {
    key: 'orderBy',
    label: 'Order results by',
    kind: 'select',
    anyLabel: "Provider's standard order",
    choices: [
      { value: 'start_date', label: 'Start of current role' },
      { value: 'job_level', label: 'Job level' },
      { value: 'person_score', label: 'Person score (your ICP)' },
    ],
    group: 'Advanced',
  },
];

export const ORGANIZATION_FIELDS: FilterField[] = [
  { key: 'name', label: 'Company name', kind: 'text', placeholder: 'Acme', group: 'Company' },
  { key: 'domains', label: 'Domains', kind: 'list', placeholder: 'stripe.com', group: 'Company' },
  { key: 'locations', label: 'HQ location', kind: 'list', placeholder: 'Berlin, DE', group: 'Company' },
  { key: 'employeeRanges', label: 'Company size', kind: 'multi', options: EMPLOYEE_RANGES, group: 'Company' },
  {
    key: 'industries',
    label: 'Industries',
    kind: 'list',
    placeholder: 'Software',
    suggestions: COMMON_INDUSTRIES,
    group: 'Company',
  },
  { key: 'keywords', label: 'Keywords', kind: 'text', placeholder: 'payments', group: 'Company' },
  { key: 'technologies', label: 'Technologies', kind: 'list', placeholder: 'Salesforce', group: 'Company' },
];

/** Placeholder and hint for a company filter: the field's own, and how the provider reads it where noted. */
export function organizationFieldHelp(key: string, provider: ProviderId | undefined): FieldHelp {
  const field = ORGANIZATION_FIELDS.find((f) => f.key === key);
  const support = provider
    ? (ORGANIZATION_FILTER_SUPPORT[provider] as Record<string, FilterSupport | undefined>)[key]
    : undefined;
  const note = support?.applies ? support.note : undefined;
  return { placeholder: field?.placeholder, ...(note ? { description: note } : {}) };
}

export interface FieldHelp {
  placeholder?: string;
  description?: string;
}

/**
 * Placeholder and hint for a people filter as the chosen provider reads it, so the rep is never shown
 * another provider's example (no "Sumble: 500123" while Apollo is selected).
 */
export function peopleFieldHelp(key: string, provider: ProviderId | undefined): FieldHelp {
  const field = PEOPLE_FIELDS.find((f) => f.key === key);
  // Otherwise the capability table's note on how this provider reads it (a widening, a limit).
  const support = provider ? PEOPLE_FILTER_SUPPORT[provider][key as PeopleFilterKey] : undefined;
  const note = support?.applies ? support.note : undefined;
  const base = { placeholder: field?.placeholder, ...(note ? { description: note } : {}) };
  switch (`${provider}:${key}`) {
    case 'apollo:organizationIds':
      return { placeholder: '5e66b6381e05b4008c8331b8', description: "Apollo organization ids, from a company's page" };
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
    case 'sumble:organizationIds':
      return {
        placeholder: 'Company name or domain',
        description: 'Saved companies Sumble knows (or a Sumble organization id); Sumble searches inside them',
      };
    case 'apollo:excludeOrganizationIds':
      return { placeholder: '5e66b6381e05b4008c8331b8', description: 'Apollo organization ids to leave out' };
    case 'apollo:organizationLocations':
      return { placeholder: 'California, US', description: "Where the company's headquarters is" };
    case 'apollo:jobPostingTitles':
      return { placeholder: 'Account Executive', description: 'Companies with open jobs with any of these titles' };
    case 'apollo:prospected':
      return { description: 'Net new: nobody on your Apollo team has prospected them yet' };
    case 'ocean:lookalikeDomains':
      return { placeholder: 'stripe.com', description: 'Companies similar to these, at most 10 domains' };
    case 'ocean:peoplePerCompany':
      return { placeholder: '1 to 20', description: 'Spread results over more companies' };
    case 'ocean:states':
      return { placeholder: 'CA-US, BY-DE', description: 'State or region code, a dash, the country code' };
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

/** A typed number, or undefined when the text is not one (commas and a leading $ are allowed). */
export function parseAmount(text: string | undefined): number | undefined {
  const cleaned = (text ?? '').replace(/[$,\s]/g, '');
  if (!cleaned) return undefined;
  const n = Number(cleaned);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** A range field's [min, max] as typed. */
export function rangeValue(v: string | string[] | undefined): [string, string] {
  return Array.isArray(v) ? [v[0] ?? '', v[1] ?? ''] : ['', ''];
}

/** "CA-US" or "CA US" -> Ocean's { abbreviation: "CA", country: "us" }; undefined when it is not that shape. */
export function parseStateChip(chip: string): StateRef | undefined {
  const m = /^([A-Za-z0-9]{1,10})[\s-]+([A-Za-z]{2})$/.exec(chip.trim());
  return m ? { abbreviation: m[1]!.toUpperCase(), country: m[2]!.toLowerCase() } : undefined;
}

/** Whether the rep has put anything in the field. */
export function hasFilterValue(f: FilterField, value: string | string[] | undefined): boolean {
  if (f.kind === 'range') return rangeValue(value).some((v) => v.trim() !== '');
  if (Array.isArray(value)) return listValue(value).length > 0;
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * The fields the rail shows for `provider`. A shared filter (several providers, or the sample data,
 * apply it) stays visible even where it does not apply, disabled with the reason, so the rep sees what
 * switching provider would give. A filter only one provider documents is that provider's own and is
 * left out for the others, unless it holds a value: then it stays, disabled and reported as not applied.
 */
export function railFields(
  fields: readonly FilterField[],
  values: FormValues,
  provider: { id: string; peopleFilters: readonly string[] } | undefined,
  providers: readonly { id: string; sample: boolean; peopleFilters: readonly string[] }[],
): FilterField[] {
  const applies = (key: string) => providers.filter((p) => p.peopleFilters.includes(key));
  return fields.filter((f) => {
    if (provider?.peopleFilters.includes(f.key)) return true;
    const by = applies(f.key);
    const ownOfAnother = by.length === 1 && !by[0]!.sample && by[0]!.id !== provider?.id;
    return !ownOfAnother || hasFilterValue(f, values[f.key]);
  });
}

export function toFilters(fields: FilterField[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.key];
    if (v === undefined) continue;
    const text = typeof v === 'string' ? v.trim() : '';
    switch (f.kind) {
      case 'text':
        if (text) out[f.key] = text;
        break;
      case 'list': {
        const items = listValue(v);
        if (items.length) out[f.key] = items;
        break;
      }
      case 'multi':
        if (Array.isArray(v) && v.length) out[f.key] = [...v];
        break;
      case 'tristate':
        if (v === 'yes' || v === 'no') out[f.key] = v === 'yes';
        break;
      case 'range': {
        const [min, max] = rangeValue(v).map(parseAmount);
        if (min !== undefined || max !== undefined)
          out[f.key] = { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
        break;
      }
      case 'number': {
        const n = parseAmount(text);
        if (n !== undefined && Number.isInteger(n)) out[f.key] = n;
        break;
      }
      case 'month':
        if (/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) out[f.key] = text;
        break;
      case 'choice':
      case 'select':
        if (f.choices?.some((c) => c.value === text)) out[f.key] = text;
        break;
      case 'states': {
        const states = listValue(v)
          .map(parseStateChip)
          .filter((s): s is StateRef => !!s);
        if (states.length) out[f.key] = states;
        break;
      }
    }
  }
  return out;
}

const usd = (n: number) => `$${n.toLocaleString('en-US')}`;

function summaryText(f: FilterField, v: unknown): string {
  if (f.kind === 'range') {
    const { min, max } = v as { min?: number; max?: number };
    if (min !== undefined && max !== undefined) return `${usd(min)} to ${usd(max)}`;
    return min !== undefined ? `at least ${usd(min)}` : `at most ${usd(max!)}`;
  }
  if (f.kind === 'choice' || f.kind === 'select') return f.choices?.find((c) => c.value === v)?.label ?? String(v);
  if (f.kind === 'states')
    return (v as StateRef[]).map((s) => `${s.abbreviation}-${s.country.toUpperCase()}`).join(', ');
  if (Array.isArray(v)) return v.map((x) => (f.kind === 'multi' ? humanize(String(x)) : String(x))).join(', ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

/** The filled fields, in form order, as "Label: a, b" parts for a one-line summary. */
export function appliedSummary(
  fields: FilterField[],
  values: FormValues,
): { key: string; label: string; text: string }[] {
  const filters = toFilters(fields, values);
  return fields
    .filter((f) => filters[f.key] !== undefined)
    .map((f) => ({ key: f.key, label: f.summaryLabel ?? f.label, text: summaryText(f, filters[f.key]) }));
}

export const toPeopleFilters = (values: FormValues) => toFilters(PEOPLE_FIELDS, values) as PeopleFilters;
export const toOrganizationFilters = (values: FormValues) =>
  toFilters(ORGANIZATION_FIELDS, values) as OrganizationFilters;

export function humanize(token: string): string {
  const special: Record<string, string> = { c_suite: 'C-suite', vp: 'VP' };
  if (special[token]) return special[token];
  return token.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
