/** One way to join a configured base URL and a route: trailing slashes on the base never double up. */
export function joinBaseUrl(baseUrl: string, path: string): string {
  const base = baseUrl.trim().replace(/\/+$/, '');
  return path.startsWith('/') ? `${base}${path}` : `${base}/${path}`;
}
