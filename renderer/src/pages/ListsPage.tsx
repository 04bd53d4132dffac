import { NotBuiltYet } from '../components/NotBuiltYet';

export function ListsPage(_props: { listId?: string | undefined }) {
  return <NotBuiltYet title="Lists" what="lists of saved people and companies." />;
}
