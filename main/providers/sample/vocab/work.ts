/** Titles per department and seniority, and employee-count bands with their weights. */
import type { Department, EmployeeRange } from '../../../../shared/domain';

/** Department -> how titles name it. Only departments that get a leader in a company. */
export interface DepartmentTitles {
  department: Department;
  /** "Sales" in "VP of Sales", "Head of Sales". */
  area: string;
  /** C-level title when the area has one. */
  chief?: string;
  /** Title at manager level. */
  manager: string;
  /** Individual-contributor roles; "Senior " is prefixed for the senior level. */
  roles: string[];
  weight: number;
}

export const DEPARTMENT_TITLES: readonly DepartmentTitles[] = [
  {
    department: 'sales',
    area: 'Sales',
    chief: 'Chief Revenue Officer',
    manager: 'Sales Manager',
    roles: ['Account Executive', 'Sales Development Representative', 'Solutions Consultant', 'Sales Representative'],
    weight: 18,
  },
  {
    department: 'marketing',
    area: 'Marketing',
    chief: 'Chief Marketing Officer',
    manager: 'Marketing Manager',
    roles: [
      'Marketing Specialist',
      'Content Marketer',
      'Growth Marketer',
      'Product Marketer',
      'Demand Generation Specialist',
    ],
    weight: 12,
  },
  {
    department: 'engineering',
    area: 'Engineering',
    chief: 'Chief Technology Officer',
    manager: 'Engineering Manager',
    roles: ['Software Engineer', 'Backend Engineer', 'Frontend Engineer', 'DevOps Engineer', 'QA Engineer'],
    weight: 18,
  },
  {
    department: 'product',
    area: 'Product',
    chief: 'Chief Product Officer',
    manager: 'Product Manager',
    roles: ['Product Owner', 'Product Analyst', 'Technical Product Owner'],
    weight: 7,
  },
  {
    department: 'design',
    area: 'Design',
    manager: 'Design Manager',
    roles: ['Product Designer', 'UX Designer', 'UX Researcher', 'Visual Designer'],
    weight: 4,
  },
  {
    department: 'finance',
    area: 'Finance',
    chief: 'Chief Financial Officer',
    manager: 'Finance Manager',
    roles: ['Financial Analyst', 'FP&A Analyst', 'Accountant'],
    weight: 6,
  },
  {
    department: 'operations',
    area: 'Operations',
    chief: 'Chief Operating Officer',
    manager: 'Operations Manager',
    roles: ['Operations Analyst', 'Operations Specialist', 'Revenue Operations Analyst'],
    weight: 6,
  },
  {
    department: 'human_resources',
    area: 'People',
    chief: 'Chief People Officer',
    manager: 'HR Manager',
    roles: ['Recruiter', 'HR Generalist', 'Talent Acquisition Partner', 'People Partner'],
    weight: 5,
  },
  {
    department: 'information_technology',
    area: 'IT',
    chief: 'Chief Information Officer',
    manager: 'IT Manager',
    roles: ['IT Support Specialist', 'Systems Administrator', 'Network Engineer', 'Security Analyst'],
    weight: 4,
  },
  {
    department: 'legal',
    area: 'Legal',
    manager: 'Legal Operations Manager',
    roles: ['Legal Counsel', 'Paralegal', 'Contracts Specialist'],
    weight: 2,
  },
  {
    department: 'customer_success',
    area: 'Customer Success',
    manager: 'Customer Success Manager',
    roles: [
      'Customer Success Specialist',
      'Support Engineer',
      'Onboarding Specialist',
      'Customer Support Representative',
    ],
    weight: 9,
  },
  {
    department: 'business_development',
    area: 'Business Development',
    manager: 'Business Development Manager',
    roles: ['Business Development Representative', 'Partnerships Specialist', 'Alliances Associate'],
    weight: 4,
  },
  {
    department: 'data_science',
    area: 'Data',
    chief: 'Chief Data Officer',
    manager: 'Data Science Manager',
    roles: ['Data Scientist', 'Data Analyst', 'Machine Learning Engineer', 'Data Engineer'],
    weight: 5,
  },
];

/** Employee bands and how often an organization falls in each. */
export const EMPLOYEE_BANDS: readonly { range: EmployeeRange; min: number; max: number; weight: number }[] = [
  { range: '1-10', min: 3, max: 10, weight: 8 },
  { range: '11-50', min: 11, max: 50, weight: 24 },
  { range: '51-200', min: 51, max: 200, weight: 28 },
  { range: '201-500', min: 201, max: 500, weight: 16 },
  { range: '501-1000', min: 501, max: 1000, weight: 10 },
  { range: '1001-5000', min: 1001, max: 5000, weight: 8 },
  { range: '5001-10000', min: 5001, max: 10000, weight: 4 },
  { range: '10001+', min: 10001, max: 60000, weight: 2 },
];
