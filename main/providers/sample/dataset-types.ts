/**
 * The seeded synthetic dataset behind the `sample` provider AND every simulator, so a test can
 * compute what a simulator must answer from the same records. Pure data: no provider's shape.
 */
import type { Department, EmployeeRange, Seniority } from '../../../shared/domain';

export interface SampleOrganization {
  /** Stable id, e.g. "org_0001". Simulators derive their own ids from it deterministically. */
  id: string;
  name: string;
  /** Registrable domain, lower case. Unique across the dataset. */
  domain: string;
  industry: string;
  keywords: string[];
  technologies: string[];
  employeeCount: number;
  employeeRange: EmployeeRange;
  foundedYear: number;
  city: string;
  state?: string;
  countryCode: string; // ISO alpha-2, upper case
  country: string;
  phone: string; // E.164
  linkedinUrl: string;
  description: string;
}

export interface SamplePerson {
  id: string; // "per_00001"
  firstName: string;
  lastName: string;
  title: string;
  seniority: Seniority;
  departments: Department[];
  organizationId: string;
  city: string;
  state?: string;
  countryCode: string;
  country: string;
  /** Work email at the organization's domain; some people have none (emailStatus 'unavailable'). */
  email?: string;
  emailStatus: 'verified' | 'likely' | 'unavailable';
  personalEmail?: string;
  phone?: string; // E.164, some people have none
  linkedinHandle: string; // unique, e.g. "jane-doe-1a2b"
  /** ISO date "YYYY-MM" the current role started. */
  startedRoleAt: string;
  /** Manager's person id within the same organization, if any. */
  managerId?: string;
}

export interface SampleJobPosting {
  id: string; // "job_000001"
  organizationId: string;
  title: string;
  city: string;
  countryCode: string;
  url: string;
  postedAt: string; // ISO date-time
  lastSeenAt: string; // ISO date-time
}

export interface SampleDataset {
  seed: number;
  organizations: SampleOrganization[];
  people: SamplePerson[];
  jobPostings: SampleJobPosting[];
}
