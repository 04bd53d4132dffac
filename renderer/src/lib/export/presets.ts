/**
 * Column presets. "Prospect Desk" keeps everything the app knows; the HubSpot and Salesforce ones
 * use those tools' own import names, so their import wizards map every column without a click:
 * HubSpot's default contact properties (First Name, Last Name, Email, Phone Number, Mobile Phone
 * Number, Company Name, Job Title, Website URL, City, State/Region, Country/Region) and
 * Salesforce's Lead field API names (FirstName, LastName, Email, Phone, MobilePhone, Company,
 * Title, Website, City, State, Country).
 */
import type { ExportField } from './columns';

export interface ExportColumn {
  header: string;
  field: ExportField;
}

export interface ExportPreset {
  id: 'prospect-desk' | 'hubspot' | 'salesforce';
  label: string;
  columns: ExportColumn[];
}

const col = (header: string, field: ExportField): ExportColumn => ({ header, field });

export const PRESETS: ExportPreset[] = [
  {
    id: 'prospect-desk',
    label: 'All fields',
    columns: [
      col('First name', 'firstName'),
      col('Last name', 'lastName'),
      col('Full name', 'fullName'),
      col('Title', 'title'),
      col('Seniority', 'seniority'),
      col('Departments', 'departments'),
      col('Company', 'company'),
      col('Company domain', 'companyDomain'),
      col('Industry', 'industry'),
      col('Email', 'email'),
      col('Email status', 'emailStatus'),
      col('Phone', 'phone'),
      col('Phone type', 'phoneType'),
      col('Mobile phone', 'mobilePhone'),
      col('LinkedIn', 'linkedin'),
      col('City', 'city'),
      col('State', 'state'),
      col('Country', 'country'),
    ],
  },
  {
    id: 'hubspot',
    label: 'HubSpot contacts',
    columns: [
      col('First Name', 'firstName'),
      col('Last Name', 'lastName'),
      col('Email', 'email'),
      col('Phone Number', 'phone'),
      col('Mobile Phone Number', 'mobilePhone'),
      col('Company Name', 'company'),
      col('Job Title', 'title'),
      col('Website URL', 'website'),
      col('City', 'city'),
      col('State/Region', 'state'),
      col('Country/Region', 'country'),
    ],
  },
  {
    id: 'salesforce',
    label: 'Salesforce leads',
    columns: [
      col('FirstName', 'firstName'),
      col('LastName', 'lastName'),
      col('Email', 'email'),
      col('Phone', 'phone'),
      col('MobilePhone', 'mobilePhone'),
      col('Company', 'company'),
      col('Title', 'title'),
      col('Website', 'website'),
      col('City', 'city'),
      col('State', 'state'),
      col('Country', 'country'),
    ],
  },
];

export type PresetId = ExportPreset['id'];

export function presetById(id: PresetId): ExportPreset {
  return PRESETS.find((p) => p.id === id) ?? PRESETS[0]!;
}
