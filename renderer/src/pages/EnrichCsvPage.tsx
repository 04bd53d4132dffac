import { NotBuiltYet } from '../components/NotBuiltYet';

export function EnrichCsvPage() {
  return <NotBuiltYet title="Enrich CSV" what="drop a CSV to enrich it." />;
}
