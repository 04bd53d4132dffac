/**
 * Sumble's raw wire shapes for POST /v6/people (Sumble's people docs, OpenAPI v6;
 * docs/providers.md). Unknown fields are tolerated in answers; a wrong type on a field we read fails the parse.
 */
import { z } from 'zod';

export const SUMBLE_PEOPLE_PATH = '/v6/people';

export const SUMBLE_MAX_LIST = 1000;
/** List-mode cap when contact attributes, related people or email identifiers are involved. */
export const SUMBLE_MAX_LIST_CONTACT = 25;
export const SUMBLE_MAX_LIMIT = 200;
export const SUMBLE_MAX_OFFSET = 10_000;
export const SUMBLE_MAX_ORGANIZATIONS = 1000;

export const SUMBLE_ATTRIBUTES = [
  'name',
  'email',
  'phone',
  'linkedin_url',
  'job_title',
  'job_function',
  'job_level',
  'location',
  'country',
  'current_employer',
  'technologies',
  'person_score',
  'confidence',
] as const;
export const SumbleAttribute = z.enum(SUMBLE_ATTRIBUTES);
export type SumbleAttribute = z.infer<typeof SumbleAttribute>;

export const SUMBLE_FREE_ATTRIBUTES: readonly SumbleAttribute[] = ['name'];
export const SUMBLE_CONTACT_ATTRIBUTES: readonly SumbleAttribute[] = ['email', 'phone'];

export const SumblePersonInput = z
  .object({
    person_id: z.number().int().min(1).nullish(),
    linkedin_url: z.string().nullish(),
    email: z.string().nullish(),
  })
  .strict();
export type SumblePersonInput = z.infer<typeof SumblePersonInput>;

export const SumbleQuery = z.object({ query: z.string() });

export const SumblePeopleFilter = z
  .object({
    organization_ids: z.array(z.number().int()).min(1).max(SUMBLE_MAX_ORGANIZATIONS).nullish(),
    organization_list_id: z.number().int().min(1).nullish(),
    query: SumbleQuery.nullish(),
  })
  .strict();
export type SumblePeopleFilter = z.infer<typeof SumblePeopleFilter>;

const AttributeSelection = z.union([z.array(SumbleAttribute), z.literal('all')]);

export const SumbleRelatedPeopleSelection = z
  .object({
    direction: z.array(z.enum(['managers', 'direct_reports'])).min(1),
    attributes: AttributeSelection.default([]),
  })
  .strict();

export const SumblePeopleSelect = z
  .object({
    attributes: AttributeSelection.default([]),
    related_people: SumbleRelatedPeopleSelection.nullish(),
  })
  .strict();
export type SumblePeopleSelect = z.infer<typeof SumblePeopleSelect>;

export const SumblePeopleRequest = z
  .object({
    people: z.array(SumblePersonInput).min(1).max(SUMBLE_MAX_LIST).nullish(),
    filter: SumblePeopleFilter.nullish(),
    select: SumblePeopleSelect,
    limit: z.number().int().min(1).max(SUMBLE_MAX_LIMIT).default(10),
    offset: z.number().int().min(0).max(SUMBLE_MAX_OFFSET).default(0),
    order_by_column: z.enum(['person_score', 'start_date', 'job_level']).nullish(),
    order_by_direction: z.enum(['ASC', 'DESC']).nullish(),
  })
  .strict();
export type SumblePeopleRequest = z.input<typeof SumblePeopleRequest>;

const text = z.string().nullish();

export const SumbleCurrentEmployer = z.object({
  organization_id: z.number().int(),
  name: text,
  start_date: text,
  sumble_url: text,
});

export const SumblePersonAttributes = z.object({
  name: text,
  email: text,
  phone: text,
  linkedin_url: text,
  job_title: text,
  job_function: text,
  job_level: text,
  location: text,
  country: text,
  current_employer: SumbleCurrentEmployer.nullish(),
  technologies: z.array(z.object({ name: z.string(), slug: z.string() })).nullish(),
  person_score: z.object({ value: z.number() }).nullish(),
});
export type SumblePersonAttributes = z.infer<typeof SumblePersonAttributes>;

export const SumbleRelatedPersonRow = z.object({
  person_id: z.number().int(),
  sumble_url: text,
  confidence: z.object({ score: z.number() }).nullish(),
  attributes: SumblePersonAttributes.nullish(),
});
export type SumbleRelatedPersonRow = z.infer<typeof SumbleRelatedPersonRow>;

export const SumblePersonRow = z.object({
  input: z.object({ person_id: z.number().int().nullish(), linkedin_url: text, email: text }).nullish(),
  person_id: z.number().int().nullish(),
  sumble_url: text,
  attributes: SumblePersonAttributes.nullish(),
  related_people: z
    .object({
      managers: z.array(SumbleRelatedPersonRow).nullish(),
      direct_reports: z.array(SumbleRelatedPersonRow).nullish(),
    })
    .nullish(),
});
export type SumblePersonRow = z.infer<typeof SumblePersonRow>;

export const SumblePeopleResponse = z.object({
  id: z.string(),
  credits_used: z.number().int().nonnegative(),
  credits_remaining: z.number().int(),
  people: z.array(SumblePersonRow),
  matched_count: z.number().int().nullish(),
  total: z.number().int().nonnegative(),
  source_data_url: text,
});
export type SumblePeopleResponse = z.infer<typeof SumblePeopleResponse>;

export const SumbleValidationIssue = z.object({
  loc: z.array(z.union([z.string(), z.number()])).default([]),
  msg: z.string(),
  type: z.string().nullish(),
});

/** 401 / 402 / 422 bodies: detail is a string, or (422) a list of issues. */
export const SumbleErrorBody = z.object({
  detail: z.union([z.string(), z.array(SumbleValidationIssue)]),
});
export type SumbleErrorBody = z.infer<typeof SumbleErrorBody>;
