import { NotBuiltYet } from '../components/NotBuiltYet';

export function PersonPage(_props: { personId: string }) {
  return <NotBuiltYet title="Person" what="person details with provenance." />;
}
