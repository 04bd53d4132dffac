/**
 * FastAPI error bodies (Ocean.io, Sumble): `{"detail": "text"}` or, for 422, `{"detail": [{loc, msg, ...}]}`.
 * One reader and one formatter for both.
 */
import { z } from 'zod';

export const FastApiIssue = z.object({
  loc: z.array(z.union([z.string(), z.number()])),
  msg: z.string(),
  type: z.string().optional(),
});
export type FastApiIssue = z.infer<typeof FastApiIssue>;

export const FastApiErrorBody = z.object({ detail: z.union([z.string(), z.array(FastApiIssue)]) });

/** "peopleFilters.countries.0: Input should be a valid string" per issue, minus FastAPI's "body." prefix. */
export function describeIssues(issues: readonly { loc: readonly (string | number)[]; msg: string }[]): string {
  return issues
    .map((i) => {
      const loc = i.loc[0] === 'body' ? i.loc.slice(1) : i.loc;
      return loc.length ? `${loc.join('.')}: ${i.msg}` : i.msg;
    })
    .join('; ');
}

/** The raw `detail` of a FastAPI error body (string or issues), or undefined when the body is not one. */
export function readFastApiDetail(text: string): string | FastApiIssue[] | undefined {
  try {
    const parsed = FastApiErrorBody.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.detail : undefined;
  } catch {
    return undefined;
  }
}

/** The detail as one line a rep can read: the string itself, or each issue described and joined. */
export function fastApiDetail(text: string): string | undefined {
  const d = readFastApiDetail(text);
  if (d === undefined) return undefined;
  return typeof d === 'string' ? d : describeIssues(d);
}
