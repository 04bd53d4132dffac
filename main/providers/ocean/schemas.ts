/**
 * Ocean.io's raw wire shapes for POST /v3/search/people (Ocean.io's docs;
 * docs/providers.md). Unknown fields are tolerated; a wrong type on a field we read fails the parse.
 */
import { z } from 'zod';

export const OCEAN_SEARCH_PEOPLE_PATH = '/v3/search/people';
export const OCEAN_TOKEN_HEADER = 'x-api-token';
export const OCEAN_MAX_SIZE = 10_000;

/** Ocean's seniority vocabulary (peopleFilters.seniorities and people[].seniorities). */
export const OCEAN_SENIORITIES = [
  'Owner',
  'Founder',
  'Board Member',
  'C-Level',
  'Partner',
  'VP',
  'Head',
  'Director',
  'Manager',
  'Other',
] as const;
export type OceanSeniority = (typeof OCEAN_SENIORITIES)[number];

/** Ocean's department vocabulary (peopleFilters.departments and people[].departments). */
export const OCEAN_DEPARTMENTS = [
  'Accounting and Finance',
  'Board',
  'Business Support',
  'Customer Relations',
  'Design',
  'Editorial Personnel',
  'Engineering',
  'Founder/Owner',
  'Healthcare',
  'HR',
  'Legal',
  'Management',
  'Manufacturing',
  'Marketing and Advertising',
  'Operations',
  'PR and Communications',
  'Procurement',
  'Product',
  'Quality Control',
  'R&D',
  'Sales',
  'Security',
  'Supply Chain',
  'Other',
] as const;
export type OceanDepartment = (typeof OCEAN_DEPARTMENTS)[number];

/** Ocean's company-size bands (companiesFilters.companySizes and people[].company.companySize). */
export const OCEAN_COMPANY_SIZES = [
  '0-1',
  '2-10',
  '11-50',
  '51-200',
  '201-500',
  '501-1000',
  '1001-5000',
  '5001-10000',
  '10001-50000',
  '50001-100000',
  '100001-500000',
  '500000+',
] as const;
export type OceanCompanySize = (typeof OCEAN_COMPANY_SIZES)[number];

const strs = z.array(z.string());

export const OceanPeopleFilters = z
  .object({
    lookalikeLinkedinHandles: strs.optional(),
    includePeopleIds: strs.optional(),
    excludePeopleIds: strs.optional(),
    countries: strs.optional(),
    excludeCountries: strs.optional(),
    states: z.array(z.object({ abbreviation: z.string(), country: z.string() })).optional(),
    cities: z.array(z.object({ city: z.string(), country: z.string() })).optional(),
    seniorities: strs.optional(),
    departments: strs.optional(),
    excludeDepartments: strs.optional(),
    jobTitleKeywords: z.object({ allOf: strs.optional(), anyOf: strs.optional(), noneOf: strs.optional() }).optional(),
    skills: strs.optional(),
    names: strs.optional(),
    changedPositionAfter: z.string().optional(),
    changedPositionBefore: z.string().optional(),
    updatedWithinMonths: z.number().int().optional(),
  })
  .strict();
export type OceanPeopleFilters = z.infer<typeof OceanPeopleFilters>;

export const OceanCompaniesFilters = z
  .object({
    lookalikeDomains: strs.max(10).optional(),
    includeDomains: strs.optional(),
    excludeDomains: strs.optional(),
    companySizes: strs.optional(),
    industries: z.object({ industries: strs, mode: z.enum(['anyOf', 'allOf']).optional() }).optional(),
    primaryLocations: z.unknown().optional(),
    technologies: strs.optional(),
    keywords: strs.optional(),
  })
  .strict();
export type OceanCompaniesFilters = z.infer<typeof OceanCompaniesFilters>;

export const OceanSearchPeopleRequest = z
  .object({
    size: z.number().int().min(1).max(OCEAN_MAX_SIZE).optional(),
    searchAfter: z.string().optional(),
    peoplePerCompany: z.number().int().min(1).max(20).optional(),
    jobTitleThreshold: z.number().min(0).max(1).optional(),
    fields: strs.optional(),
    peopleFilters: OceanPeopleFilters.optional(),
    companiesFilters: OceanCompaniesFilters.optional(),
  })
  .strict();
export type OceanSearchPeopleRequest = z.infer<typeof OceanSearchPeopleRequest>;

const text = z.string().nullish();

export const OceanPerson = z.object({
  id: z.string().min(1),
  domain: z.string().nullish(),
  name: text,
  firstName: text,
  lastName: text,
  /** Lower-case ISO alpha-2. */
  country: text,
  state: text,
  location: text,
  linkedinUrl: text,
  seniorities: z.array(z.string()).nullish(),
  departments: z.array(z.string()).nullish(),
  photo: text,
  jobTitle: text,
  jobTitleEnglish: text,
  headline: text,
  currentJobDescription: text,
  experiences: z
    .array(z.object({ dateFrom: text, dateTo: text, description: text, domain: text, jobTitle: text }))
    .nullish(),
  summary: text,
  skills: z.array(z.string()).nullish(),
  phone: z.object({ numbers: z.array(z.string()).nullish(), status: text }).nullish(),
  email: z.object({ address: text, status: text }).nullish(),
  updatedAt: text,
  company: z.object({ companySize: text, logo: text, name: text }).nullish(),
});
export type OceanPerson = z.infer<typeof OceanPerson>;

export const OceanLookalikePeopleStatuses = z.object({
  successfulPeople: strs.nullish(),
  notFoundPeople: strs.nullish(),
  triggeredDomainPeople: strs.nullish(),
  missingCompanyInformationPeople: strs.nullish(),
});
export type OceanLookalikePeopleStatuses = z.infer<typeof OceanLookalikePeopleStatuses>;

export const OceanSearchPeopleResponse = z.object({
  people: z.array(OceanPerson),
  detail: z.string().nullish(),
  total: z.number().int().nonnegative().nullish(),
  searchAfter: z.string().nullish(),
  creditsUsed: z.number().nonnegative().nullish(),
  redirectMap: z.record(z.string(), z.string()).nullish(),
  lookalikePeopleStatuses: OceanLookalikePeopleStatuses.nullish(),
  includeDomainsStatuses: z.record(z.string(), z.string()).nullish(),
});
export type OceanSearchPeopleResponse = z.infer<typeof OceanSearchPeopleResponse>;

export const OceanValidationIssue = z.object({
  loc: z.array(z.union([z.string(), z.number()])).default([]),
  msg: z.string(),
  type: z.string().nullish(),
  input: z.unknown().optional(),
  ctx: z.unknown().optional(),
});
export type OceanValidationIssue = z.infer<typeof OceanValidationIssue>;

/** Every documented error body: { detail: string } or, for 422, { detail: [issue] }. */
export const OceanErrorBody = z.object({
  detail: z.union([z.string(), z.array(OceanValidationIssue)]),
});
export type OceanErrorBody = z.infer<typeof OceanErrorBody>;

export const OCEAN_DETAIL = {
  conflictingTokens: 'Conflicting API tokens provided in query parameters and headers',
  missingToken: 'API token should be provided in headers or query parameters',
  unknownToken: 'Current API token is not registered in our database',
  insufficientCredits: 'Insufficient credits',
} as const;
