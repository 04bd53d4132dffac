import { NotBuiltYet } from '../components/NotBuiltYet';

export function CompaniesPage() {
  return <NotBuiltYet title="Companies" what="company search and company pages with job postings." />;
}
