import { NotBuiltYet } from '../components/NotBuiltYet';

export function SearchPage() {
  return <NotBuiltYet title="Search" what="people search through the providers and in your saved prospects." />;
}
