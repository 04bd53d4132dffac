/**
 * Sumble's vocabularies. Its docs name job_level and job_function but not their values; these are the
 * words we read. Unknown words fall back to the title rules. (Filtering on them is not documented, so the
 * canonical -> Sumble direction is not needed: see query-grammar.ts.)
 */
import type { Department, Seniority } from '../../../shared/domain';
import { departmentsFromTitle, mapToken, seniorityFromTitle } from '../normalize';

const SENIORITY_FROM_LEVEL: Record<string, Seniority> = {
  owner: 'owner',
  founder: 'founder',
  executive: 'c_suite',
  c_level: 'c_suite',
  c_suite: 'c_suite',
  cxo: 'c_suite',
  partner: 'partner',
  vp: 'vp',
  vice_president: 'vp',
  head: 'head',
  director: 'director',
  manager: 'manager',
  senior: 'senior',
  lead: 'senior',
  principal: 'senior',
  individual_contributor: 'entry',
  entry: 'entry',
  junior: 'entry',
  associate: 'entry',
  intern: 'intern',
};

/** Canonical -> the job_function word used in filter queries (and read back). */
export const SUMBLE_FUNCTION_OF: Record<Department, string> = {
  executive: 'Executive',
  sales: 'Sales',
  marketing: 'Marketing',
  engineering: 'Engineering',
  product: 'Product',
  design: 'Design',
  finance: 'Finance',
  accounting: 'Accounting',
  operations: 'Operations',
  human_resources: 'Human Resources',
  information_technology: 'Information Technology',
  legal: 'Legal',
  customer_success: 'Customer Success',
  business_development: 'Business Development',
  consulting: 'Consulting',
  education: 'Education',
  media_communication: 'Media and Communication',
  administrative: 'Administrative',
  data_science: 'Data Science',
  other: 'Other',
};

const DEPARTMENT_FROM_FUNCTION: Record<string, Department> = {
  ...Object.fromEntries(
    Object.entries(SUMBLE_FUNCTION_OF).map(([dept, word]) => [word.toLowerCase().replace(/[^a-z0-9]+/g, '_'), dept]),
  ),
  hr: 'human_resources',
  it: 'information_technology',
  data: 'data_science',
  management: 'executive',
  research: 'engineering',
  support: 'customer_success',
};

export function sumbleSeniority(
  level: string | null | undefined,
  title: string | null | undefined,
): Seniority | undefined {
  const fromLevel = mapToken(level, SENIORITY_FROM_LEVEL);
  const fromTitle = seniorityFromTitle(title);
  // "Executive" covers the whole top of the ladder: the title says which rung.
  if (fromLevel === 'c_suite' && fromTitle && ['owner', 'founder', 'c_suite', 'partner', 'vp'].includes(fromTitle))
    return fromTitle;
  return fromLevel ?? fromTitle;
}

export function sumbleDepartments(fn: string | null | undefined, title: string | null | undefined): Department[] {
  const direct = mapToken(fn, DEPARTMENT_FROM_FUNCTION);
  if (direct) return [direct];
  return departmentsFromTitle(fn).length ? departmentsFromTitle(fn) : departmentsFromTitle(title);
}
