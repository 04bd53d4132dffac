/** Industries (with their keywords and technologies) and the technologies common to all of them. */

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
