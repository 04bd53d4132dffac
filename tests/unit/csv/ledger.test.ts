import { describe, expect, it } from 'vitest';
import {
  coversFields,
  isFresh,
  ledgerKey,
  usableEntry,
  type LedgerEntry,
} from '../../../renderer/src/features/enrich/ledger';
import { proposeMapping, toPersonQuery } from '../../../renderer/src/features/enrich/mapping';

describe('ledger key normalisation', () => {
  it.each([
    [{ email: '  Jane.Doe@ACME.com ' }, 'apollo|email:jane.doe@acme.com'],
    [{ email: 'jane.doe@acme.com', linkedinUrl: 'linkedin.com/in/x' }, 'apollo|email:jane.doe@acme.com'],
    [{ linkedinUrl: 'HTTP://LinkedIn.com/in/Jane-Doe/?trk=abc' }, 'apollo|li:https://www.linkedin.com/in/jane-doe'],
    [{ linkedinUrl: 'https://www.linkedin.com/in/jane-doe/' }, 'apollo|li:https://www.linkedin.com/in/jane-doe'],
    [{ providerIds: { apollo: '5f1' } }, 'apollo|id:5f1'],
    [
      { firstName: 'Renée', lastName: "O'Brien", organizationDomain: 'https://www.Acme.co.uk/x' },
      'apollo|name:renee|o brien|acme.co.uk',
    ],
    [{ fullName: 'Renee  O Brien', organizationDomain: 'acme.co.uk' }, 'apollo|name:renee|brien|acme.co.uk'],
    [{ firstName: 'Ann', lastName: 'Lee', organizationName: 'Acme, Inc.' }, 'apollo|name:ann|lee|org:acme inc'],
    [{ firstName: 'Ann', lastName: 'Lee' }, undefined],
    [{ email: 'email_not_unlocked@domain.com' }, undefined],
  ])('%j -> %s', (query, key) => {
    expect(ledgerKey('apollo', query)).toBe(key);
  });

  it('another provider id does not make a key for this provider', () => {
    expect(ledgerKey('apollo', { providerIds: { sumble: '1' } })).toBeUndefined();
  });

  it('the same person written differently in two files gets one key', () => {
    const a = toPersonQuery(['JANE@ACME.COM', 'x'], proposeMapping(['Email', 'Name']))!;
    const b = toPersonQuery([' jane@acme.com'], proposeMapping(['work email']))!;
    expect(ledgerKey('apione', a)).toBe(ledgerKey('apione', b));
    expect(ledgerKey('apione', a)).not.toBe(ledgerKey('apollo', a));
  });
});

describe('freshness and coverage', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  const entry = (fetchedAt: string, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
    key: 'k',
    provider: 'apollo',
    input: {},
    status: 'matched',
    credits: 1,
    fetchedAt,
    fields: ['email', 'title'],
    ...extra,
  });

  it('is fresh inside the window only', () => {
    expect(isFresh(entry('2026-03-05T00:00:00Z'), now, 90)).toBe(true);
    expect(isFresh(entry('2026-03-01T00:00:00Z'), now, 90)).toBe(false);
    expect(isFresh(entry('2026-05-31T00:00:00Z'), now, 0)).toBe(false);
    expect(isFresh(entry('not a date'), now, 90)).toBe(false);
  });

  it('a match answers the fields it was asked for; a miss answers anything', () => {
    expect(coversFields(entry('2026-05-01T00:00:00Z'), ['email'])).toBe(true);
    expect(coversFields(entry('2026-05-01T00:00:00Z'), ['phone'])).toBe(false);
    expect(coversFields(entry('2026-05-01T00:00:00Z', { status: 'not_found' }), ['phone'])).toBe(true);
    expect(usableEntry(entry('2026-05-01T00:00:00Z'), ['title'], now, 90)).toBeDefined();
    expect(usableEntry(entry('2026-05-01T00:00:00Z'), ['title'], now, 10)).toBeUndefined();
    expect(usableEntry(undefined, ['title'], now, 90)).toBeUndefined();
  });
});
