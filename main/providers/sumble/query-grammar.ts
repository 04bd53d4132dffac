/**
 * Sumble's `filter.query` grammar: the one place that knows it. Sumble's people page documents a single
 * form, in the description of the `technologies` attribute: "The slug can be used in `filter.query`
 * (technology EQ '<slug>')". It names "job functions, technologies, job levels, locations, and more" as
 * what a query can narrow, but shows no syntax for them, nor how clauses combine. So we send exactly the
 * documented form: one technology. Everything else is reported to the rep as not applied, never sent on a
 * guess (a wrong guess would be a 422, or worse, silently mean something else).
 */
import type { PeopleFilterKey, PeopleFilters } from '../../../shared/domain';

/** "Google Analytics" -> "google-analytics": Sumble's technology slugs are lower-case and hyphenated. */
export function technologySlug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9.+#]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Single-quoted literal; quotes inside are dropped, not escaped (no escaping is documented). */
function literal(value: string): string {
  return `'${value.replace(/'/g, '').trim()}'`;
}

/** The documented clause: technology EQ '<slug>'. */
export function technologyClause(name: string): string {
  return `technology EQ ${literal(technologySlug(name))}`;
}

/** Filters -> the documented query, and the filters the grammar cannot express. */
export function documentedQuery(filters: PeopleFilters): { query?: string; unsupported: PeopleFilterKey[] } {
  const techs = [...new Set((filters.technologies ?? []).map(technologySlug).filter(Boolean))];
  if (techs.length === 1) return { query: technologyClause(techs[0]!), unsupported: [] };
  // Several technologies need a combinator (OR / AND) the docs do not show.
  return { unsupported: techs.length > 1 ? ['technologies'] : [] };
}
