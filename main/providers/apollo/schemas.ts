/**
 * Apollo's raw answers as zod schemas. Unknown fields are tolerated (stripped); Apollo leaves many
 * fields null, so almost everything is nullish. A used field with the wrong type fails the parse,
 * which the client reports as invalid_response.
 */
import { z } from 'zod';

const s = z.string().nullish();
const n = z.number().nullish();
const b = z.boolean().nullish();
const strings = z.array(z.string().nullable()).nullish();

export const ApolloPhoneNumber = z.object({
  raw_number: s,
  sanitized_number: s,
  type: s,
  status: s,
});
export type ApolloPhoneNumber = z.infer<typeof ApolloPhoneNumber>;

export const ApolloOrganization = z.object({
  id: s,
  name: s,
  website_url: s,
  linkedin_url: s,
  primary_domain: s,
  /** Accounts (CRM rows) carry `domain` instead of primary_domain. */
  domain: s,
  primary_phone: z.object({ number: s, sanitized_number: s, source: s }).nullish(),
  phone: s,
  sanitized_phone: s,
  founded_year: n,
  industry: s,
  industries: strings,
  keywords: strings,
  estimated_num_employees: n,
  city: s,
  state: s,
  country: s,
  raw_address: s,
  short_description: s,
  seo_description: s,
  technology_names: strings,
  current_technologies: z.array(z.object({ uid: s, name: s, category: s })).nullish(),
  linkedin_industry_tag_cleaned_names: strings,
  linkedin_specialty_tag_cleaned_names: strings,
  linkedin_company_size_tag_cleaned_names: strings,
  // Account (CRM) rows
  organization_id: s,
  organization_city: s,
  organization_state: s,
  organization_country: s,
  organization_raw_address: s,
});
export type ApolloOrganization = z.infer<typeof ApolloOrganization>;

/** A `contact` embedded in a person row or listed under contacts[] (already in the team's CRM). */
export const ApolloContact = z.object({
  id: s,
  person_id: s,
  first_name: s,
  last_name: s,
  name: s,
  title: s,
  headline: s,
  linkedin_url: s,
  photo_url: s,
  email: s,
  email_status: s,
  organization_id: s,
  organization_name: s,
  present_raw_address: s,
  city: s,
  state: s,
  country: s,
  phone: s,
  sanitized_phone: s,
  phone_numbers: z.array(ApolloPhoneNumber).nullish(),
  seniority: s,
  departments: strings,
  organization: ApolloOrganization.nullish(),
});
export type ApolloContact = z.infer<typeof ApolloContact>;

/** One entry of employment_history (older search, match). */
export const ApolloEmployment = z.object({
  title: s,
  organization_name: s,
  organization_id: s,
  start_date: s,
  end_date: s,
  current: b,
  description: s,
});
export type ApolloEmployment = z.infer<typeof ApolloEmployment>;

export const ApolloPerson = z.object({
  id: s,
  first_name: s,
  last_name: s,
  /** api_search rows hide the last name ("Hu***n"). */
  last_name_obfuscated: s,
  name: s,
  title: s,
  headline: s,
  linkedin_url: s,
  photo_url: s,
  /** Older search routes answer locked emails as email_not_unlocked@domain.com: never an address. */
  email: s,
  email_status: s,
  personal_emails: strings,
  city: s,
  state: s,
  country: s,
  seniority: s,
  departments: strings,
  subdepartments: strings,
  functions: strings,
  organization_id: s,
  organization: ApolloOrganization.nullish(),
  phone_numbers: z.array(ApolloPhoneNumber).nullish(),
  has_email: b,
  /** "Yes", or "Maybe: please request direct dial via people/bulk_match". */
  has_direct_phone: z.union([z.string(), z.boolean()]).nullish(),
  contact: ApolloContact.nullish(),
  employment_history: z.array(ApolloEmployment).nullish(),
  contact_id: s,
  revealed_for_current_team: b,
});
export type ApolloPerson = z.infer<typeof ApolloPerson>;

export const ApolloPagination = z.object({
  page: n,
  per_page: n,
  total_entries: n,
  total_pages: n,
});

/** Current: POST /api/v1/mixed_people/api_search. */
export const ApolloApiSearchResponse = z.object({
  total_entries: n,
  people: z.array(ApolloPerson).nullish(),
  /** Not sent by the current route; read when present. */
  pagination: ApolloPagination.nullish(),
  contacts: z.array(ApolloContact).nullish(),
});
export type ApolloApiSearchResponse = z.infer<typeof ApolloApiSearchResponse>;

/** Older: POST /v1/mixed_people/search and /v1/people/search. */
export const ApolloLegacySearchResponse = z.object({
  pagination: ApolloPagination.nullish(),
  people: z.array(ApolloPerson).nullish(),
  contacts: z.array(ApolloContact).nullish(),
  total_entries: n,
});
export type ApolloLegacySearchResponse = z.infer<typeof ApolloLegacySearchResponse>;

/** POST /api/v1/people/match: `person` is null (or absent) when nobody matched. */
export const ApolloMatchResponse = z.object({ person: ApolloPerson.nullish() });
export type ApolloMatchResponse = z.infer<typeof ApolloMatchResponse>;

/** POST /api/v1/people/bulk_match. */
export const ApolloBulkMatchResponse = z.object({
  status: s,
  error_code: s,
  error_message: s,
  total_requested_enrichments: n,
  unique_enriched_records: n,
  missing_records: n,
  credits_consumed: n,
  matches: z.array(ApolloPerson.nullable()).nullish(),
});
export type ApolloBulkMatchResponse = z.infer<typeof ApolloBulkMatchResponse>;

/** POST /api/v1/mixed_companies/search. */
export const ApolloCompaniesSearchResponse = z.object({
  pagination: ApolloPagination.nullish(),
  accounts: z.array(ApolloOrganization).nullish(),
  organizations: z.array(ApolloOrganization).nullish(),
});
export type ApolloCompaniesSearchResponse = z.infer<typeof ApolloCompaniesSearchResponse>;

/** GET /api/v1/organizations/enrich: `{}` (no organization) when the domain is unknown. */
export const ApolloOrgEnrichResponse = z.object({ organization: ApolloOrganization.nullish() });

export const ApolloJobPosting = z.object({
  id: z.string(),
  title: s,
  url: s,
  city: s,
  state: s,
  country: s,
  last_seen_at: s,
  posted_at: s,
});
export type ApolloJobPosting = z.infer<typeof ApolloJobPosting>;

/** GET /api/v1/organizations/{id}/job_postings. */
export const ApolloJobPostingsResponse = z.object({
  organization_job_postings: z.array(ApolloJobPosting),
  pagination: ApolloPagination.nullish(),
});
export type ApolloJobPostingsResponse = z.infer<typeof ApolloJobPostingsResponse>;

const UsageWindow = z.object({ limit: n, consumed: n, left_over: n });
/** POST /api/v1/usage_stats/api_usage_stats: route key -> windows. */
export const ApolloUsageResponse = z.record(
  z.string(),
  z.object({ day: UsageWindow.nullish(), hour: UsageWindow.nullish(), minute: UsageWindow.nullish() }),
);

/** Error bodies come in several shapes; read whatever message there is. */
export const ApolloErrorBody = z.object({
  error: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  error_code: s,
  error_message: s,
  message: s,
  status: s,
});
