/**
 * Identity of people and organizations across providers: one person is one row however many
 * providers returned them. Keys, strongest first: provider ids, normalised LinkedIn URL, email,
 * first + last name + organization domain.
 */
import { getDomain } from 'tldts';
import type { ProviderId, ProviderIds } from './domain';

/** decodeURIComponent that answers undefined for a stray or truncated `%` instead of throwing. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** https://www.linkedin.com/in/<handle> (or linkedin.com, trailing slash): no escapes, query or fragment. */
const PLAIN_PROFILE_URL = /^https:\/\/(?:www\.)?linkedin\.com\/in\/([A-Za-z0-9_-]+)\/?$/;

/**
 * "https://WWW.linkedin.com/in/Jane-Doe/?trk=x" -> "https://www.linkedin.com/in/jane-doe". Undefined if not a
 * profile URL, including one with a malformed %-escape (bad input is not an identity, never an exception).
 */
export function normalizeLinkedinUrl(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  let text = raw.trim();
  if (!text) return undefined;
  // The usual shape needs no URL parser (the same answer, a tenth of the time, on every person saved).
  const plain = PLAIN_PROFILE_URL.exec(text);
  if (plain) return `https://www.linkedin.com/in/${plain[1]!.toLowerCase()}`;
  if (!/^[a-z]+:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase();
  if (host !== 'linkedin.com' && !host.endsWith('.linkedin.com')) return undefined;
  const parts = url.pathname.split('/').filter(Boolean);
  const kind = parts[0]?.toLowerCase();
  if ((kind !== 'in' && kind !== 'pub') || !parts[1]) return undefined;
  if (kind === 'pub') {
    // Legacy /pub/name/x/y/z URLs cannot be reduced to a handle reliably; keep the path as identity.
    const decoded = parts.slice(1).map(decodeSegment);
    if (decoded.some((p) => p === undefined)) return undefined;
    return `https://www.linkedin.com/pub/${decoded.map((p) => p!.toLowerCase()).join('/')}`;
  }
  const handle = decodeSegment(parts[1]);
  return handle === undefined ? undefined : `https://www.linkedin.com/in/${handle.toLowerCase()}`;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Lower-cased email, or undefined when it is not an address (including providers' locked placeholders). */
export function normalizeEmail(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  const email = raw.trim().toLowerCase();
  if (!EMAIL_RE.test(email)) return undefined;
  if (isPlaceholderEmail(email)) return undefined;
  return email;
}

/** Apollo's older search answers a locked email as exactly this: a placeholder, never an address. */
export const LOCKED_EMAIL_PLACEHOLDER = 'email_not_unlocked@domain.com';

/**
 * Apollo answers locked emails as email_not_unlocked@domain.com: a placeholder, never an address. Only
 * that exact address is one; other addresses at domain.com are real (someone works at domain.com).
 */
export function isPlaceholderEmail(email: string): boolean {
  return email.trim().toLowerCase() === LOCKED_EMAIL_PLACEHOLDER;
}

/** "https://www.Stripe.com/about" or "stripe.com" -> "stripe.com" (registrable domain). */
export function normalizeDomain(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  const known = domainCache.get(raw);
  if (known !== undefined) return known || undefined;
  const text = raw.trim().toLowerCase();
  const domain = (text && getDomain(text.includes('@') ? text.split('@').pop()! : text)) || undefined;
  if (domainCache.size >= DOMAIN_CACHE_SIZE) domainCache.clear();
  domainCache.set(raw, domain ?? '');
  return domain;
}

/**
 * normalizeDomain's recent answers ('' for none): a save asks it for every person's company and
 * emails, and the public-suffix lookup behind it is the dear part. Bounded: emptied when full.
 */
const domainCache = new Map<string, string>();
const DOMAIN_CACHE_SIZE = 20_000;

/** Printable ASCII (anything else, tabs included, takes the general path). */
const ASCII = /^[ -~]*$/;

function fold(text: string): string {
  // ASCII has nothing to decompose: skip the Unicode normalisation.
  return (ASCII.test(text) ? text : text.normalize('NFKD'))
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface IdentityInput {
  providerIds?: ProviderIds;
  linkedinUrl?: string;
  email?: string;
  emails?: { address: string }[];
  firstName?: string;
  lastName?: string;
  fullName?: string;
  organizationDomain?: string;
  organization?: { domain?: string };
}

/** Every identity key for a person, strongest first. Two records are one person when they share a key. */
export function personIdentityKeys(p: IdentityInput): string[] {
  const keys: string[] = [];
  for (const [provider, id] of Object.entries(p.providerIds ?? {}) as [ProviderId, string | undefined][]) {
    if (id) keys.push(`${provider}:${id}`);
  }
  const li = normalizeLinkedinUrl(p.linkedinUrl);
  if (li) keys.push(`li:${li.replace('https://www.linkedin.com/', '')}`);
  const emails = [p.email, ...(p.emails ?? []).map((e) => e.address)]
    .map((e) => normalizeEmail(e))
    .filter((e): e is string => !!e);
  for (const e of new Set(emails)) keys.push(`email:${e}`);
  let first = p.firstName;
  let last = p.lastName;
  if ((!first || !last) && p.fullName) {
    const parts = p.fullName.trim().split(/\s+/);
    if (parts.length >= 2) {
      first ??= parts[0];
      last ??= parts[parts.length - 1];
    }
  }
  const domain = normalizeDomain(p.organizationDomain ?? p.organization?.domain);
  if (first && last && domain) keys.push(`name:${fold(first)}|${fold(last)}|${domain}`);
  return keys;
}

/**
 * The local id for a person: the strongest key that does not depend on one provider, so the
 * same person found through two providers lands on one row. Provider ids are used only when
 * nothing else identifies them.
 */
export function personLocalId(p: IdentityInput): string | undefined {
  const keys = personIdentityKeys(p);
  return keys.find((k) => /^(li|email|name):/.test(k)) ?? keys[0];
}

/** Local id for an organization: its registrable domain, else the first provider id. */
export function organizationLocalId(o: {
  domain?: string;
  providerIds?: ProviderIds;
  name?: string;
}): string | undefined {
  const domain = normalizeDomain(o.domain);
  if (domain) return `domain:${domain}`;
  for (const [provider, id] of Object.entries(o.providerIds ?? {})) if (id) return `${provider}:${id}`;
  return o.name ? `name:${fold(o.name)}` : undefined;
}
