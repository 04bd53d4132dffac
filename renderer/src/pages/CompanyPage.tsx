import { NotBuiltYet } from '../components/NotBuiltYet';

export function CompanyPage(_props: { organizationId: string }) {
  return <NotBuiltYet title="Company" what="company details, people and job postings." />;
}
