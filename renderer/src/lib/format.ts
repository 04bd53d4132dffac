/** Display helpers shared by the pages. */
import type { AppError, Location, Organization, Person } from '../../../shared/domain';

export function personName(p: Pick<Person, 'fullName' | 'firstName' | 'lastName'>): string {
  return p.fullName || [p.firstName, p.lastName].filter(Boolean).join(' ') || '(no name)';
}

export function emailCell(p: Person): string {
  const best = p.emails.find((e) => e.status === 'verified') ?? p.emails[0];
  if (best) return best.status === 'unknown' ? best.address : `${best.address} (${best.status})`;
  if (p.hasEmail) return 'available to reveal';
  return '';
}

export function locationText(l: Location | undefined): string {
  if (!l) return '';
  return [l.city, l.state, l.country ?? l.countryCode].filter(Boolean).join(', ') || l.raw || '';
}

export function organizationName(o: Organization | Person['organization'] | undefined): string {
  return o?.name ?? o?.domain ?? '';
}

/** The one sentence a rep sees for a failed action. */
export function errorText(error: AppError): string {
  const who = error.provider ? `${error.provider}: ` : '';
  const retry = error.retryAfterMs ? ` Try again in ${Math.ceil(error.retryAfterMs / 1000)} s.` : '';
  return `${who}${error.message}${retry}`;
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 10);
}
