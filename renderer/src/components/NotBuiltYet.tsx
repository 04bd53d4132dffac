/** Says plainly that a page has no feature yet, instead of pretending. */
export function NotBuiltYet({ title, what }: { title: string; what: string }) {
  return (
    <section className="page">
      <h1>{title}</h1>
      <p className="notice" role="status">
        Not built yet: {what}
      </p>
    </section>
  );
}
