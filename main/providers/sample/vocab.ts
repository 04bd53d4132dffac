/**
 * Small, realistic vocabularies the synthetic dataset draws from. Kept apart from the generator so
 * the adapter and tests can reuse them (e.g. to pick a technology that certainly exists).
 */
import type { Department, EmployeeRange } from '../../../shared/domain';

export interface SampleCity {
  city: string;
  state?: string;
  /** Landline prefixes after the country code (area codes), one picked per number. */
  areaCodes: string[];
}

export interface SampleCountry {
  code: string;
  name: string;
  /** E.164 country calling code without "+". */
  dialCode: string;
  /** Relative frequency among organizations. */
  weight: number;
  /** Typical top-level domain for local companies. */
  tld: string;
  cities: SampleCity[];
  /** Builds the national significant number (after the dial code). `d(n)` gives n random digits. */
  landline(areaCode: string, d: (n: number) => string, pick: <T>(xs: readonly T[]) => T): string;
  mobile(d: (n: number) => string, pick: <T>(xs: readonly T[]) => T): string;
}

// Digits that keep numbers inside the plans libphonenumber validates (tests check every number).
const d29 = ['2', '3', '4', '5', '6', '7', '8', '9'];

export const COUNTRIES: readonly SampleCountry[] = [
  {
    code: 'US',
    name: 'United States',
    dialCode: '1',
    weight: 40,
    tld: 'com',
    cities: [
      { city: 'San Francisco', state: 'California', areaCodes: ['415'] },
      { city: 'New York', state: 'New York', areaCodes: ['212', '646'] },
      { city: 'Austin', state: 'Texas', areaCodes: ['512'] },
      { city: 'Boston', state: 'Massachusetts', areaCodes: ['617'] },
      { city: 'Seattle', state: 'Washington', areaCodes: ['206'] },
      { city: 'Chicago', state: 'Illinois', areaCodes: ['312'] },
      { city: 'Denver', state: 'Colorado', areaCodes: ['303'] },
      { city: 'Atlanta', state: 'Georgia', areaCodes: ['404'] },
      { city: 'Los Angeles', state: 'California', areaCodes: ['213', '310'] },
      { city: 'Miami', state: 'Florida', areaCodes: ['305'] },
    ],
    landline: (area, d, pick) => `${area}${pick(d29)}${pick(d29)}${d(1)}${d(4)}`,
    mobile: (d, pick) => `${pick(['415', '646', '512', '617', '206', '312'])}${pick(d29)}${pick(d29)}${d(1)}${d(4)}`,
  },
  {
    code: 'GB',
    name: 'United Kingdom',
    dialCode: '44',
    weight: 12,
    tld: 'co.uk',
    cities: [
      { city: 'London', state: 'England', areaCodes: ['2079', '2071', '2037', '2038'] },
      { city: 'Manchester', state: 'England', areaCodes: ['1612', '1618'] },
      { city: 'Edinburgh', state: 'Scotland', areaCodes: ['1312', '1314', '1315', '1316'] },
      { city: 'Bristol', state: 'England', areaCodes: ['1179', '1173'] },
      { city: 'Cambridge', state: 'England', areaCodes: ['12233', '12235'] },
    ],
    landline: (area, d) => `${area}${d(10 - area.length)}`,
    mobile: (d, pick) => `7${pick(['400', '500', '800', '900', '950', '960', '970'])}${d(6)}`,
  },
  {
    code: 'DE',
    name: 'Germany',
    dialCode: '49',
    weight: 9,
    tld: 'de',
    cities: [
      { city: 'Berlin', state: 'Berlin', areaCodes: ['30'] },
      { city: 'Munich', state: 'Bavaria', areaCodes: ['89'] },
      { city: 'Hamburg', state: 'Hamburg', areaCodes: ['40'] },
      { city: 'Frankfurt', state: 'Hesse', areaCodes: ['69'] },
      { city: 'Cologne', state: 'North Rhine-Westphalia', areaCodes: ['221'] },
    ],
    landline: (area, d, pick) => `${area}${pick(d29)}${d(9 - area.length)}`,
    mobile: (d, pick) => `${pick(['151', '160', '170', '171', '176'])}${d(8)}`,
  },
  {
    code: 'FR',
    name: 'France',
    dialCode: '33',
    weight: 7,
    tld: 'fr',
    cities: [
      { city: 'Paris', state: 'Île-de-France', areaCodes: ['1'] },
      { city: 'Lyon', state: 'Auvergne-Rhône-Alpes', areaCodes: ['4'] },
      { city: 'Toulouse', state: 'Occitanie', areaCodes: ['5'] },
      { city: 'Bordeaux', state: 'Nouvelle-Aquitaine', areaCodes: ['5'] },
      { city: 'Nantes', state: 'Pays de la Loire', areaCodes: ['2'] },
    ],
    landline: (area, d, pick) => `${area}${pick(['3', '4', '5'])}${d(7)}`,
    mobile: (d, pick) => `${pick(['60', '61', '62', '65', '67', '68', '75', '76', '77', '78'])}${d(7)}`,
  },
  {
    code: 'CA',
    name: 'Canada',
    dialCode: '1',
    weight: 7,
    tld: 'ca',
    cities: [
      { city: 'Toronto', state: 'Ontario', areaCodes: ['416', '647'] },
      { city: 'Vancouver', state: 'British Columbia', areaCodes: ['604'] },
      { city: 'Montreal', state: 'Quebec', areaCodes: ['514'] },
      { city: 'Ottawa', state: 'Ontario', areaCodes: ['613'] },
      { city: 'Calgary', state: 'Alberta', areaCodes: ['403'] },
    ],
    landline: (area, d, pick) => `${area}${pick(d29)}${pick(d29)}${d(1)}${d(4)}`,
    mobile: (d, pick) => `${pick(['416', '604', '514', '647'])}${pick(d29)}${pick(d29)}${d(1)}${d(4)}`,
  },
  {
    code: 'AU',
    name: 'Australia',
    dialCode: '61',
    weight: 6,
    tld: 'com.au',
    cities: [
      { city: 'Sydney', state: 'New South Wales', areaCodes: ['292', '293', '280', '282'] },
      { city: 'Melbourne', state: 'Victoria', areaCodes: ['396', '398', '386'] },
      { city: 'Brisbane', state: 'Queensland', areaCodes: ['733', '738'] },
      { city: 'Perth', state: 'Western Australia', areaCodes: ['892', '893', '861'] },
    ],
    landline: (area, d) => `${area}${d(6)}`,
    mobile: (d, pick) =>
      `4${pick(['12', '13', '14', '15', '17', '18', '19', '20', '21', '22', '23', '24', '25', '27', '28', '31', '32', '33', '34', '38', '39'])}${d(6)}`,
  },
  {
    code: 'NL',
    name: 'Netherlands',
    dialCode: '31',
    weight: 5,
    tld: 'nl',
    cities: [
      { city: 'Amsterdam', state: 'North Holland', areaCodes: ['20'] },
      { city: 'Rotterdam', state: 'South Holland', areaCodes: ['10'] },
      { city: 'Utrecht', state: 'Utrecht', areaCodes: ['30'] },
      { city: 'Eindhoven', state: 'North Brabant', areaCodes: ['40'] },
    ],
    landline: (area, d, pick) => `${area}${pick(d29)}${d(6)}`,
    mobile: (d, pick) => `6${pick(['1', '2', '3', '4', '5'])}${d(7)}`,
  },
  {
    code: 'SE',
    name: 'Sweden',
    dialCode: '46',
    weight: 4,
    tld: 'se',
    cities: [
      { city: 'Stockholm', state: 'Stockholm County', areaCodes: ['8'] },
      { city: 'Gothenburg', state: 'Västra Götaland County', areaCodes: ['31'] },
      { city: 'Malmö', state: 'Skåne County', areaCodes: ['40'] },
    ],
    landline: (area, d, pick) => `${area}${pick(['5', '6', '7'])}${d(area.length === 1 ? 7 : 6)}`,
    mobile: (d, pick) => `7${pick(['0', '2', '3', '6'])}${d(7)}`,
  },
  {
    code: 'IN',
    name: 'India',
    dialCode: '91',
    weight: 6,
    tld: 'in',
    cities: [
      { city: 'Bengaluru', state: 'Karnataka', areaCodes: ['80'] },
      { city: 'Mumbai', state: 'Maharashtra', areaCodes: ['22'] },
      { city: 'Pune', state: 'Maharashtra', areaCodes: ['20'] },
      { city: 'Hyderabad', state: 'Telangana', areaCodes: ['40'] },
      { city: 'Chennai', state: 'Tamil Nadu', areaCodes: ['44'] },
    ],
    landline: (area, d, pick) => `${area}${pick(['2', '4', '6'])}${d(7)}`,
    mobile: (d, pick) => `9${pick(['7', '8', '9'])}${d(8)}`,
  },
  {
    code: 'BR',
    name: 'Brazil',
    dialCode: '55',
    weight: 4,
    tld: 'com.br',
    cities: [
      { city: 'São Paulo', state: 'São Paulo', areaCodes: ['11'] },
      { city: 'Rio de Janeiro', state: 'Rio de Janeiro', areaCodes: ['21'] },
      { city: 'Belo Horizonte', state: 'Minas Gerais', areaCodes: ['31'] },
      { city: 'Curitiba', state: 'Paraná', areaCodes: ['41'] },
      { city: 'Florianópolis', state: 'Santa Catarina', areaCodes: ['48'] },
    ],
    landline: (area, d, pick) => `${area}${pick(['3', '4'])}${d(7)}`,
    mobile: (d, pick) => `${pick(['11', '21', '31', '41'])}9${pick(['6', '7', '8', '9'])}${d(7)}`,
  },
];

export interface SampleIndustry {
  name: string;
  weight: number;
  keywords: string[];
  /** Name suffixes that read naturally for the industry. */
  suffixes: string[];
  /** Technologies more likely in this industry, on top of the common ones. */
  technologies: string[];
  tlds?: string[];
}

export const INDUSTRIES: readonly SampleIndustry[] = [
  {
    name: 'Computer Software',
    weight: 22,
    keywords: [
      'saas',
      'b2b',
      'developer tools',
      'api',
      'cloud',
      'workflow automation',
      'analytics',
      'enterprise software',
    ],
    suffixes: ['Software', 'Labs', 'Cloud', 'Systems', 'AI', 'Analytics'],
    technologies: ['React', 'Node.js', 'Kubernetes', 'Snowflake', 'Datadog', 'Segment', 'Stripe', 'PostgreSQL'],
    tlds: ['io', 'ai', 'com'],
  },
  {
    name: 'Information Technology & Services',
    weight: 12,
    keywords: [
      'managed services',
      'it consulting',
      'cloud migration',
      'cybersecurity',
      'devops',
      'digital transformation',
    ],
    suffixes: ['Technologies', 'Solutions', 'IT', 'Consulting', 'Digital'],
    technologies: ['Microsoft Azure', 'ServiceNow', 'Okta', 'Jira', 'Kubernetes'],
  },
  {
    name: 'Financial Services',
    weight: 9,
    keywords: ['fintech', 'payments', 'lending', 'wealth management', 'banking', 'compliance'],
    suffixes: ['Capital', 'Financial', 'Pay', 'Finance', 'Partners'],
    technologies: ['Stripe', 'Plaid', 'Snowflake', 'Tableau', 'NetSuite'],
  },
  {
    name: 'Marketing & Advertising',
    weight: 8,
    keywords: ['digital marketing', 'seo', 'performance marketing', 'brand strategy', 'content marketing', 'adtech'],
    suffixes: ['Media', 'Digital', 'Creative', 'Agency', 'Studio'],
    technologies: ['HubSpot', 'Marketo', 'Google Analytics', 'Google Ads', 'Hotjar', 'WordPress'],
  },
  {
    name: 'Hospital & Health Care',
    weight: 7,
    keywords: ['healthtech', 'telehealth', 'patient engagement', 'clinical software', 'digital health'],
    suffixes: ['Health', 'Care', 'Medical', 'Clinics'],
    technologies: ['Epic', 'Salesforce Health Cloud', 'Twilio', 'AWS'],
  },
  {
    name: 'Retail',
    weight: 6,
    keywords: ['ecommerce', 'd2c', 'omnichannel', 'marketplace', 'consumer brands'],
    suffixes: ['Goods', 'Store', 'Supply', 'Market', 'Co'],
    technologies: ['Shopify', 'Klaviyo', 'Google Analytics', 'Stripe', 'Zendesk'],
  },
  {
    name: 'Logistics & Supply Chain',
    weight: 5,
    keywords: ['freight', 'last mile delivery', 'warehousing', 'fleet management', 'supply chain visibility'],
    suffixes: ['Logistics', 'Freight', 'Transport', 'Shipping'],
    technologies: ['SAP', 'Oracle', 'Microsoft Dynamics 365', 'Tableau'],
  },
  {
    name: 'Education Management',
    weight: 4,
    keywords: ['edtech', 'online learning', 'lms', 'corporate training', 'k-12'],
    suffixes: ['Learning', 'Academy', 'Education', 'Edu'],
    technologies: ['Canvas LMS', 'Zoom', 'Google Workspace', 'HubSpot'],
  },
  {
    name: 'Real Estate',
    weight: 4,
    keywords: ['proptech', 'commercial real estate', 'property management', 'brokerage'],
    suffixes: ['Realty', 'Properties', 'Estates', 'Homes'],
    technologies: ['Salesforce', 'DocuSign', 'Yardi', 'Mailchimp'],
  },
  {
    name: 'Manufacturing',
    weight: 6,
    keywords: ['industrial automation', 'iot', 'precision engineering', 'additive manufacturing', 'quality control'],
    suffixes: ['Industries', 'Manufacturing', 'Robotics', 'Works'],
    technologies: ['SAP', 'Siemens PLM', 'Microsoft Dynamics 365', 'Autodesk'],
  },
  {
    name: 'Telecommunications',
    weight: 3,
    keywords: ['5g', 'voip', 'connectivity', 'network infrastructure', 'unified communications'],
    suffixes: ['Telecom', 'Networks', 'Connect', 'Communications'],
    technologies: ['Twilio', 'Cisco', 'ServiceNow', 'Oracle'],
  },
  {
    name: 'Insurance',
    weight: 4,
    keywords: ['insurtech', 'underwriting', 'claims automation', 'risk management', 'embedded insurance'],
    suffixes: ['Insurance', 'Assurance', 'Mutual', 'Cover'],
    technologies: ['Guidewire', 'Salesforce', 'Snowflake', 'Tableau'],
  },
  {
    name: 'Biotechnology',
    weight: 3,
    keywords: ['drug discovery', 'genomics', 'life sciences', 'clinical trials', 'bioinformatics'],
    suffixes: ['Bio', 'Therapeutics', 'Biosciences', 'Genomics'],
    technologies: ['Benchling', 'AWS', 'Python', 'Veeva'],
  },
  {
    name: 'Renewables & Environment',
    weight: 3,
    keywords: ['solar', 'clean energy', 'energy storage', 'carbon accounting', 'sustainability'],
    suffixes: ['Energy', 'Power', 'Solar', 'Climate'],
    technologies: ['AWS', 'Tableau', 'SAP', 'Python'],
  },
  {
    name: 'Management Consulting',
    weight: 4,
    keywords: ['strategy consulting', 'operations consulting', 'change management', 'advisory', 'revops'],
    suffixes: ['Consulting', 'Advisors', 'Partners', 'Group'],
    technologies: ['Salesforce', 'HubSpot', 'Microsoft 365', 'Tableau'],
  },
];

/** Tools most B2B companies run, whatever the industry. */
export const COMMON_TECHNOLOGIES: readonly string[] = [
  'Salesforce',
  'HubSpot',
  'Snowflake',
  'AWS',
  'Google Cloud',
  'Microsoft Azure',
  'React',
  'Google Workspace',
  'Microsoft 365',
  'Slack',
  'Zoom',
  'Jira',
  'Confluence',
  'Zendesk',
  'Intercom',
  'Gong',
  'Outreach',
  'Salesloft',
  'LinkedIn Sales Navigator',
  'Okta',
  'Workday',
  'Greenhouse',
  'Looker',
  'Tableau',
  'Datadog',
  'Cloudflare',
  'Stripe',
  'DocuSign',
  'Gusto',
  'NetSuite',
];

export const NAME_STEMS: readonly string[] = [
  'North',
  'Blue',
  'Bright',
  'Silver',
  'Iron',
  'Cedar',
  'Summit',
  'Harbor',
  'Pioneer',
  'Quantum',
  'Nova',
  'Apex',
  'Atlas',
  'Beacon',
  'Crest',
  'Delta',
  'Ember',
  'Falcon',
  'Granite',
  'Horizon',
  'Juniper',
  'Keystone',
  'Lumen',
  'Maple',
  'Meridian',
  'Nimbus',
  'Orbit',
  'Pine',
  'Redwood',
  'Sierra',
  'Stone',
  'Terra',
  'Vertex',
  'Willow',
  'Zephyr',
  'Aurora',
  'Cobalt',
  'Coral',
  'Evergreen',
  'Fable',
  'Glacier',
  'Helix',
  'Indigo',
  'Kinetic',
  'Lattice',
  'Onyx',
  'Polar',
  'Prism',
  'Radiant',
  'Sable',
  'Signal',
  'Solstice',
  'Tidal',
  'Vista',
  'Wren',
  'Zenith',
  'Amber',
  'Birch',
  'Clear',
  'Drift',
];

export const NAME_TAILS: readonly string[] = [
  'wind',
  'path',
  'field',
  'stone',
  'bridge',
  'light',
  'works',
  'gate',
  'point',
  'line',
  'wave',
  'scale',
  'forge',
  'leaf',
  'peak',
  'shift',
  'mark',
  'loop',
  'base',
  'stack',
];

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

export const PERSONAL_EMAIL_DOMAINS: readonly string[] = [
  'gmail.com',
  'outlook.com',
  'yahoo.com',
  'icloud.com',
  'proton.me',
];

/** Postal abbreviations reps type for states and provinces ("San Francisco, CA"), keyed by country then state. */
export const STATE_CODES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  US: {
    California: 'CA',
    'New York': 'NY',
    Texas: 'TX',
    Massachusetts: 'MA',
    Washington: 'WA',
    Illinois: 'IL',
    Colorado: 'CO',
    Georgia: 'GA',
    Florida: 'FL',
  },
  CA: { Ontario: 'ON', 'British Columbia': 'BC', Quebec: 'QC', Alberta: 'AB' },
  AU: { 'New South Wales': 'NSW', Victoria: 'VIC', Queensland: 'QLD', 'Western Australia': 'WA' },
};
