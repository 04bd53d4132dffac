/** Which page is showing, from the URL hash so a reload stays put. UI state only. */
import { create } from 'zustand';

export const PAGES = [
  { id: 'search', label: 'Search' },
  { id: 'companies', label: 'Companies' },
  { id: 'lists', label: 'Lists' },
  { id: 'enrich', label: 'Enrich CSV' },
  { id: 'usage', label: 'Usage' },
  { id: 'settings', label: 'Settings' },
] as const;
export type PageId = (typeof PAGES)[number]['id'] | 'person' | 'company';

export interface Route {
  page: PageId;
  /** Record id for detail pages (person / company / list). */
  id?: string;
}

export function parseHash(hash: string): Route {
  const [page, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const id = rest.length ? decodeURIComponent(rest.join('/')) : undefined;
  const known = ['search', 'companies', 'lists', 'enrich', 'usage', 'settings', 'person', 'company'];
  if (!page || !known.includes(page)) return { page: 'search' };
  return { page: page as PageId, ...(id ? { id } : {}) };
}

export function routeHash(route: Route): string {
  return `#/${route.page}${route.id ? `/${encodeURIComponent(route.id)}` : ''}`;
}

interface NavigationState {
  route: Route;
}

export const useNavigation = create<NavigationState>(() => ({ route: parseHash(location.hash) }));

export function navigate(route: Route) {
  const hash = routeHash(route);
  if (location.hash !== hash) location.hash = hash;
  useNavigation.setState({ route });
}

window.addEventListener('hashchange', () => useNavigation.setState({ route: parseHash(location.hash) }));
