/** Ocean.io's vocabularies: seniorities, departments, company sizes, email statuses, both ways. */
import type { Department, EmailStatus, EmployeeRange, Seniority } from '../../../shared/domain';
import { SENIORITIES } from '../../../shared/domain';
import { departmentsFromTitle, mapTokens, seniorityFromTitle } from '../normalize';
import type { OceanCompanySize, OceanDepartment, OceanSeniority } from './schemas';

/** Canonical -> Ocean. Ocean's ladder stops at Manager: senior, entry and intern are all its "Other". */
export const OCEAN_SENIORITY_OF: Record<Seniority, OceanSeniority> = {
  owner: 'Owner',
  founder: 'Founder',
  c_suite: 'C-Level',
  partner: 'Partner',
  vp: 'VP',
  head: 'Head',
  director: 'Director',
  manager: 'Manager',
  senior: 'Other',
  entry: 'Other',
  intern: 'Other',
};

const SENIORITY_FROM_OCEAN: Record<string, Seniority> = {
  owner: 'owner',
  founder: 'founder',
  board_member: 'c_suite',
  c_level: 'c_suite',
  partner: 'partner',
  vp: 'vp',
  head: 'head',
  director: 'director',
  manager: 'manager',
};

/** Canonical -> Ocean. Where Ocean has no such department the closest one is used. */
export const OCEAN_DEPARTMENT_OF: Record<Department, OceanDepartment> = {
  executive: 'Management',
  sales: 'Sales',
  marketing: 'Marketing and Advertising',
  engineering: 'Engineering',
  product: 'Product',
  design: 'Design',
  finance: 'Accounting and Finance',
  accounting: 'Accounting and Finance',
  operations: 'Operations',
  human_resources: 'HR',
  information_technology: 'Engineering',
  legal: 'Legal',
  customer_success: 'Customer Relations',
  business_development: 'Sales',
  consulting: 'Other',
  education: 'Other',
  media_communication: 'PR and Communications',
  administrative: 'Business Support',
  data_science: 'Engineering',
  other: 'Other',
};

const DEPARTMENT_FROM_OCEAN: Record<string, Department> = {
  accounting_and_finance: 'finance',
  board: 'executive',
  business_support: 'administrative',
  customer_relations: 'customer_success',
  design: 'design',
  editorial_personnel: 'media_communication',
  engineering: 'engineering',
  founder_owner: 'executive',
  healthcare: 'other',
  hr: 'human_resources',
  legal: 'legal',
  management: 'executive',
  manufacturing: 'operations',
  marketing_and_advertising: 'marketing',
  operations: 'operations',
  pr_and_communications: 'media_communication',
  procurement: 'operations',
  product: 'product',
  quality_control: 'operations',
  randd: 'engineering', // tokenKey('R&D')
  sales: 'sales',
  security: 'information_technology',
  supply_chain: 'operations',
  other: 'other',
};

/** Canonical employee bands -> Ocean's finer ones (1-10 splits in two, 10001+ in four). */
export const OCEAN_SIZES_OF: Record<EmployeeRange, OceanCompanySize[]> = {
  '1-10': ['0-1', '2-10'],
  '11-50': ['11-50'],
  '51-200': ['51-200'],
  '201-500': ['201-500'],
  '501-1000': ['501-1000'],
  '1001-5000': ['1001-5000'],
  '5001-10000': ['5001-10000'],
  '10001+': ['10001-50000', '50001-100000', '100001-500000', '500000+'],
};

export const EMAIL_STATUS_FROM_OCEAN: Record<string, EmailStatus> = {
  verified: 'verified',
  valid: 'verified',
  deliverable: 'verified',
  likely: 'likely',
  probable: 'likely',
  catch_all: 'likely',
  accept_all: 'likely',
  guessed: 'guessed',
  unverified: 'unverified',
  invalid: 'invalid',
  undeliverable: 'invalid',
  unknown: 'unknown',
};

export function oceanSeniority(
  tokens: readonly (string | null | undefined)[] | null | undefined,
  title?: string | null,
): Seniority | undefined {
  const mapped = mapTokens(tokens, SENIORITY_FROM_OCEAN);
  if (mapped.length) return [...mapped].sort((a, b) => SENIORITIES.indexOf(a) - SENIORITIES.indexOf(b))[0];
  // "Other" (or nothing): the title may still say senior / entry / intern, which Ocean does not rank.
  const fromTitle = seniorityFromTitle(title);
  return fromTitle === 'senior' || fromTitle === 'entry' || fromTitle === 'intern' ? fromTitle : undefined;
}

export function oceanDepartments(
  tokens: readonly (string | null | undefined)[] | null | undefined,
  title?: string | null,
): Department[] {
  const mapped = mapTokens(tokens, DEPARTMENT_FROM_OCEAN);
  if (mapped.length) return mapped;
  return departmentsFromTitle(title);
}
