/**
 * ApiOne's raw wire shapes (ApiOne's enrichment page; docs/providers.md). Unknown fields are
 * tolerated (zod strips them); a wrong type on a field we read fails the parse.
 */
import { z } from 'zod';

export const APIONE_ENRICH_PATH = '/api/v1/people/enrich';

/** Either email alone, or first_name + last_name + domain. */
export const ApiOneEnrichRequest = z.union([
  z.object({ email: z.string().min(3) }).strict(),
  z.object({ first_name: z.string().min(1), last_name: z.string().min(1), domain: z.string().min(1) }).strict(),
]);
export type ApiOneEnrichRequest = z.infer<typeof ApiOneEnrichRequest>;

const text = z.string().nullish();

export const ApiOnePersonData = z.object({
  full_name: text,
  email: text,
  title: text,
  /** executive, senior, mid or junior; kept as string so a new token does not break a whole answer. */
  seniority: text,
  department: text,
  company_name: text,
  company_domain: text,
  linkedin_url: text,
  location: text,
  confidence: z.number().min(0).max(1).nullish(),
});
export type ApiOnePersonData = z.infer<typeof ApiOnePersonData>;

export const ApiOneEnrichSuccess = z.object({
  status: z.literal('success'),
  request_id: z.string().nullish(),
  credits_used: z.number().nonnegative().nullish(),
  data: ApiOnePersonData,
});
export type ApiOneEnrichSuccess = z.infer<typeof ApiOneEnrichSuccess>;

/**
 * The page gives only each error's message token (missing_param, invalid_api_key, ...), not the
 * body's layout. We accept the token under any of the usual keys, and read credits_used when sent.
 */
export const ApiOneErrorBody = z
  .object({
    status: z.string().nullish(),
    error: z.union([z.string(), z.object({ code: z.string().nullish(), message: z.string().nullish() })]).nullish(),
    code: z.string().nullish(),
    message: z.string().nullish(),
    request_id: z.string().nullish(),
    credits_used: z.number().nonnegative().nullish(),
  })
  .catchall(z.unknown());
export type ApiOneErrorBody = z.infer<typeof ApiOneErrorBody>;

export const APIONE_ERROR_TOKENS = [
  'missing_param',
  'invalid_api_key',
  'insufficient_credits',
  'not_found',
  'rate_limit_exceeded',
] as const;
export type ApiOneErrorToken = (typeof APIONE_ERROR_TOKENS)[number];
