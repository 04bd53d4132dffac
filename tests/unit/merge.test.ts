import { describe, expect, it } from 'vitest';
import type { Organization, Person, ProvenanceEntry } from '../../shared/domain';
import { mergeEmails, mergeOrganization, mergePerson, mergePhones, shareProvenanceEntries } from '../../shared/merge';

const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-02-01T00:00:00.000Z';
const T3 = '2026-03-01T00:00:00.000Z';

function from(provider: ProvenanceEntry['provider'], fetchedAt: string, recordId = 'r1'): ProvenanceEntry {
  return { provider, providerRecordId: recordId, fetchedAt };
}

function person(
  fields: Partial<Person> & { id?: string },
  provider: ProvenanceEntry['provider'] = 'apollo',
  fetchedAt = T1,
): Person {
  const base: Person = {
    id: fields.id ?? 'li:in/jane',
    providerIds: {},
    departments: [],
    emails: [],
    phones: [],
    provenance: {},
    ...fields,
  };
  if (!fields.provenance) {
    for (const key of Object.keys(fields))
      if (!['id', 'providerIds', 'provenance'].includes(key)) base.provenance[key] = from(provider, fetchedAt);
  }
  return base;
}

describe('mergePerson', () => {
  it('keeps the stored id and unions provider ids (stored id wins a conflict)', () => {
    const existing = person({ id: 'li:in/jane', providerIds: { apollo: 'a1' }, firstName: 'Jane' });
    const incoming = person(
      { id: 'email:jane@acme.com', providerIds: { ocean: 'o1', apollo: 'other' }, firstName: 'Jane' },
      'ocean',
      T2,
    );
    const merged = mergePerson(existing, incoming);
    expect(merged.id).toBe('li:in/jane');
    expect(merged.providerIds).toEqual({ apollo: 'a1', ocean: 'o1' });
  });

  it('a newer provider value replaces an older one, with its provenance', () => {
    const existing = person({ title: 'Engineer' }, 'apollo', T1);
    const incoming = person({ title: 'Senior Engineer' }, 'ocean', T2);
    const merged = mergePerson(existing, incoming);
    expect(merged.title).toBe('Senior Engineer');
    expect(merged.provenance.title).toEqual(from('ocean', T2));
  });

  it('an older provider value does not replace a newer one', () => {
    const existing = person({ title: 'Senior Engineer' }, 'ocean', T2);
    const incoming = person({ title: 'Engineer' }, 'apollo', T1);
    const merged = mergePerson(existing, incoming);
    expect(merged.title).toBe('Senior Engineer');
    expect(merged.provenance.title).toEqual(from('ocean', T2));
  });

  it('an incoming undefined or empty value never erases', () => {
    const existing = person(
      { title: 'CTO', headline: 'Builds things', departments: ['engineering'], seniority: 'c_suite' },
      'apollo',
      T1,
    );
    const incoming = person({ title: undefined, headline: '', departments: [] }, 'ocean', T3);
    const merged = mergePerson(existing, incoming);
    expect(merged.title).toBe('CTO');
    expect(merged.headline).toBe('Builds things');
    expect(merged.departments).toEqual(['engineering']);
    expect(merged.seniority).toBe('c_suite');
    expect(merged.provenance.title).toEqual(from('apollo', T1));
  });

  it('never overwrites a value the rep edited by hand (provenance manual), however new the provider value', () => {
    const existing = person({ title: 'Head of Growth (my note)' });
    existing.provenance.title = { manual: true, editedAt: T1 };
    const incoming = person({ title: 'VP Marketing', seniority: 'vp' }, 'apollo', T3);
    const merged = mergePerson(existing, incoming);
    expect(merged.title).toBe('Head of Growth (my note)');
    expect(merged.provenance.title).toEqual({ manual: true, editedAt: T1 });
    expect(merged.seniority).toBe('vp');
  });

  it('never overwrites a field listed in editedFields, even without manual provenance', () => {
    const existing = { ...person({ title: 'Mine' }, 'apollo', T1), editedFields: ['title'] };
    const merged = mergePerson(existing, person({ title: 'Theirs' }, 'ocean', T3));
    expect(merged.title).toBe('Mine');
    expect(merged.editedFields).toEqual(['title']);
  });

  it('a field the rep cleared by hand stays cleared', () => {
    const existing = person({ firstName: 'Jane' });
    existing.provenance.title = { manual: true, editedAt: T2 };
    const merged = mergePerson(existing, person({ title: 'Provider title' }, 'apollo', T3));
    expect(merged.title).toBeUndefined();
  });

  it('a hand-curated email list is not re-filled by a provider', () => {
    const existing = person({ emails: [{ address: 'jane@acme.com', status: 'verified', kind: 'work' }] });
    existing.provenance.emails = { manual: true, editedAt: T1 };
    const merged = mergePerson(
      existing,
      person({ emails: [{ address: 'old@bounce.com', status: 'likely', kind: 'work' }] }, 'apollo', T3),
    );
    expect(merged.emails.map((e) => e.address)).toEqual(['jane@acme.com']);
  });

  it('a later manual value replaces an earlier manual value', () => {
    const existing = person({ title: 'First edit' });
    existing.provenance.title = { manual: true, editedAt: T1 };
    const incoming = person({ title: 'Second edit' });
    incoming.provenance.title = { manual: true, editedAt: T2 };
    expect(mergePerson(existing, incoming).title).toBe('Second edit');
  });

  it('unions emails by normalised address keeping the best status, best first', () => {
    const existing = person({
      emails: [
        { address: 'Jane@Acme.com', status: 'guessed', kind: 'unknown' },
        { address: 'jane@home.org', status: 'unverified', kind: 'personal' },
      ],
    });
    const incoming = person(
      {
        emails: [
          { address: 'jane@acme.com ', status: 'verified', kind: 'work' },
          { address: 'j.doe@acme.com', status: 'likely', kind: 'work' },
          { address: 'email_not_unlocked@domain.com', status: 'unknown', kind: 'work' },
        ],
      },
      'ocean',
      T2,
    );
    const merged = mergePerson(existing, incoming);
    expect(merged.emails).toEqual([
      { address: 'Jane@Acme.com', status: 'verified', kind: 'work' },
      { address: 'j.doe@acme.com', status: 'likely', kind: 'work' },
      { address: 'jane@home.org', status: 'unverified', kind: 'personal' },
    ]);
    expect(merged.hasEmail).toBe(true);
    expect(merged.provenance.emails).toEqual(from('ocean', T2));
  });

  it('an older incoming email status still upgrades a worse one (union, not replace)', () => {
    const existing = person({ emails: [{ address: 'a@b.co', status: 'unknown', kind: 'work' }] }, 'apollo', T3);
    const merged = mergePerson(
      existing,
      person({ emails: [{ address: 'A@B.CO', status: 'invalid', kind: 'work' }] }, 'ocean', T1),
    );
    expect(merged.emails).toEqual([{ address: 'a@b.co', status: 'invalid', kind: 'work' }]);
  });

  it('unions phones by number, preferring the E.164 form and a specific kind', () => {
    const existing = person({ phones: [{ number: '(415) 555-0100', e164: false, kind: 'other' }] });
    const incoming = person(
      {
        phones: [
          { number: '+14155550100', e164: true, kind: 'mobile' },
          { number: '+442071234567', e164: true, kind: 'work' },
        ],
      },
      'ocean',
      T2,
    );
    const merged = mergePerson(existing, incoming);
    expect(merged.phones).toEqual([
      { number: '+14155550100', e164: true, kind: 'mobile' },
      { number: '+442071234567', e164: true, kind: 'work' },
    ]);
    expect(merged.hasPhone).toBe(true);
  });

  it('merges location by sub-field within one country, replaces it when the country changes', () => {
    const existing = person(
      { location: { city: 'Austin', state: 'TX', countryCode: 'US', country: 'United States' } },
      'apollo',
      T1,
    );
    const sameCountry = mergePerson(
      existing,
      person({ location: { countryCode: 'US', raw: 'United States' } }, 'ocean', T2),
    );
    expect(sameCountry.location).toEqual({
      city: 'Austin',
      state: 'TX',
      countryCode: 'US',
      country: 'United States',
      raw: 'United States',
    });
    const moved = mergePerson(existing, person({ location: { city: 'Berlin', countryCode: 'DE' } }, 'ocean', T2));
    expect(moved.location).toEqual({ city: 'Berlin', countryCode: 'DE' });
    const olderMove = mergePerson(
      existing,
      person({ location: { city: 'Berlin', countryCode: 'DE' } }, 'ocean', '2025-01-01T00:00:00.000Z'),
    );
    expect(olderMove.location?.city).toBe('Austin');
  });

  it('merges the organization reference for the same company, replaces it on a job change', () => {
    const existing = person(
      { organization: { name: 'Acme', domain: 'acme.com', providerIds: { apollo: 'org1' } } },
      'apollo',
      T1,
    );
    const same = mergePerson(
      existing,
      person({ organization: { domain: 'acme.com', providerIds: { ocean: 'oc9' } } }, 'ocean', T2),
    );
    expect(same.organization).toEqual({
      name: 'Acme',
      domain: 'acme.com',
      providerIds: { apollo: 'org1', ocean: 'oc9' },
    });
    const moved = mergePerson(
      existing,
      person({ organization: { name: 'Globex', domain: 'globex.com', providerIds: {} } }, 'ocean', T2),
    );
    expect(moved.organization).toEqual({ name: 'Globex', domain: 'globex.com', providerIds: {} });
    expect(moved.provenance.organization).toEqual(from('ocean', T2));
  });

  it('treats an incoming field without provenance as fetched now, and a stored one without as oldest', () => {
    const existing: Person = { ...person({}), title: 'Old', provenance: {} };
    const incoming: Person = { ...person({}), title: 'New', provenance: {} };
    expect(mergePerson(existing, incoming, { now: T2 }).title).toBe('New');
    const stored = person({ title: 'Stored' }, 'apollo', T3);
    expect(mergePerson(stored, incoming, { now: T2 }).title).toBe('Stored');
  });

  it('keeps extra stored properties and does not mutate its inputs', () => {
    const existing = {
      ...person({ title: 'A', emails: [{ address: 'x@y.io', status: 'likely' as const, kind: 'work' as const }] }),
      keys: ['k1'],
      savedAt: T1,
    };
    const snapshot = JSON.parse(JSON.stringify(existing));
    const incoming = person(
      { title: 'B', emails: [{ address: 'x@y.io', status: 'verified', kind: 'work' }] },
      'ocean',
      T2,
    );
    const incomingSnapshot = JSON.parse(JSON.stringify(incoming));
    const merged = mergePerson(existing, incoming);
    expect(merged.keys).toEqual(['k1']);
    expect(merged.savedAt).toBe(T1);
    expect(existing).toEqual(snapshot);
    expect(incoming).toEqual(incomingSnapshot);
  });
});

describe('mergeEmails / mergePhones', () => {
  it('are idempotent', () => {
    const emails = mergeEmails(
      [{ address: 'a@b.co', status: 'likely', kind: 'work' }],
      [{ address: 'c@d.co', status: 'verified', kind: 'work' }],
    );
    expect(mergeEmails(emails, emails)).toEqual(emails);
    const phones = mergePhones(
      [{ number: '+15550001111', e164: true, kind: 'work' }],
      [{ number: '+15550002222', e164: true, kind: 'mobile' }],
    );
    expect(mergePhones(phones, phones)).toEqual(phones);
  });

  it('does not confuse different numbers that share few digits', () => {
    expect(
      mergePhones(
        [{ number: '+15550001111', e164: true, kind: 'work' }],
        [{ number: '1111', e164: false, kind: 'other' }],
      ),
    ).toHaveLength(2);
  });
});

describe('mergeOrganization', () => {
  function org(fields: Partial<Organization>, provider: ProvenanceEntry['provider'], fetchedAt: string): Organization {
    const o: Organization = {
      id: 'domain:acme.com',
      providerIds: {},
      keywords: [],
      technologies: [],
      provenance: {},
      ...fields,
    };
    for (const key of Object.keys(fields))
      if (!['id', 'providerIds', 'provenance'].includes(key)) o.provenance[key] = from(provider, fetchedAt);
    return o;
  }

  it('applies the same rules: newer wins, empty never erases, manual never overwritten, ids unioned', () => {
    const existing = org(
      { name: 'Acme', employeeCount: 100, industry: 'Software', providerIds: { apollo: 'a' } },
      'apollo',
      T1,
    );
    existing.provenance.industry = { manual: true, editedAt: T1 };
    const incoming = org(
      { name: 'Acme Inc', employeeCount: undefined, industry: 'Hardware', providerIds: { ocean: 'o' }, id: 'ocean:o' },
      'ocean',
      T2,
    );
    const merged = mergeOrganization(existing, incoming);
    expect(merged).toMatchObject({
      id: 'domain:acme.com',
      name: 'Acme Inc',
      employeeCount: 100,
      industry: 'Software',
      providerIds: { apollo: 'a', ocean: 'o' },
    });
    expect(merged.provenance.name).toEqual(from('ocean', T2));
  });
});

describe('shareProvenanceEntries', () => {
  it('makes entries that name the same source one object, and keeps every field and value', () => {
    const provenance = {
      title: from('apollo', T1),
      fullName: from('apollo', T1),
      emails: from('apollo', T2),
      phones: from('ocean', T1),
      linkedinUrl: from('apollo', T1, 'r2'),
      headline: { manual: true as const, editedAt: T3 },
      seniority: { manual: true as const, editedAt: T3 },
    };
    const shared = shareProvenanceEntries(provenance);
    expect(shared).toEqual(provenance);
    expect(shared).not.toBe(provenance);
    expect(shared.fullName).toBe(shared.title);
    expect(shared.seniority).toBe(shared.headline);
    // Another time, provider or record is another source.
    expect(new Set(Object.values(shared)).size).toBe(5);
    // The input is left as it was.
    expect(provenance.fullName).not.toBe(provenance.title);
  });

  it('returns the provenance itself when no two entries name the same source', () => {
    const provenance = { title: from('apollo', T1), emails: from('apollo', T2) };
    expect(shareProvenanceEntries(provenance)).toBe(provenance);
    expect(shareProvenanceEntries({})).toEqual({});
  });
});
