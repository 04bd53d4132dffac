/** Apollo's vocabularies: job functions, departments, seniorities, email statuses, employee bands, technology ids. */
import { SENIORITIES, type Department, type EmailStatus, type EmployeeRange } from '../../../shared/domain';
import { tokenKey } from '../normalize';

/** Canonical department -> Apollo `person_functions` token (people search page; support and data_science are newer tokens). */
export const APOLLO_FUNCTION_OF: Partial<Record<Department, string>> = {
  sales: 'sales',
  marketing: 'marketing',
  engineering: 'engineering',
  product: 'product_management',
  design: 'arts_and_design',
  finance: 'finance',
  accounting: 'accounting',
  operations: 'operations',
  human_resources: 'human_resources',
  information_technology: 'information_technology',
  legal: 'legal',
  customer_success: 'support',
  business_development: 'business_development',
  consulting: 'consulting',
  education: 'education',
  // Apollo's token really is spelled with three m's.
  media_communication: 'media_and_commmunication',
  administrative: 'administrative',
  data_science: 'data_science',
};

/** Apollo function / department tokens (without a "master_" prefix) -> canonical department. */
export const APOLLO_DEPARTMENT_TOKENS: Record<string, Department> = {
  sales: 'sales',
  marketing: 'marketing',
  engineering: 'engineering',
  engineering_technical: 'engineering',
  product_management: 'product',
  product: 'product',
  arts_and_design: 'design',
  design: 'design',
  finance: 'finance',
  accounting: 'accounting',
  operations: 'operations',
  human_resources: 'human_resources',
  information_technology: 'information_technology',
  legal: 'legal',
  support: 'customer_success',
  customer_success: 'customer_success',
  business_development: 'business_development',
  consulting: 'consulting',
  education: 'education',
  media_and_commmunication: 'media_communication',
  media_and_communication: 'media_communication',
  administrative: 'administrative',
  administrator: 'administrative',
  data_science: 'data_science',
  c_suite: 'executive',
  executive: 'executive',
  entrepreneurship: 'executive',
};

export const SENIORITY_SET: ReadonlySet<string> = new Set<string>(SENIORITIES);

export const EMAIL_STATUS: Record<string, EmailStatus> = {
  verified: 'verified',
  guessed: 'guessed',
  likely_to_engage: 'likely',
  unverified: 'unverified',
  bounced: 'invalid',
  invalid: 'invalid',
  pending_manual_fulfillment: 'unknown',
  extrapolated: 'guessed',
};

/** Canonical band -> Apollo "min,max" (inclusive). */
export const APOLLO_EMPLOYEE_RANGE: Record<EmployeeRange, string> = {
  '1-10': '1,10',
  '11-50': '11,50',
  '51-200': '51,200',
  '201-500': '201,500',
  '501-1000': '501,1000',
  '1001-5000': '1001,5000',
  '5001-10000': '5001,10000',
  '10001+': '10001,1000000',
};

/** Technology names -> Apollo technology uids ("Google Analytics" -> "google_analytics"). */
export function apolloTechnologyUid(name: string): string {
  return tokenKey(name.replace(/\./g, '_'));
}
