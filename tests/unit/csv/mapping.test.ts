import { describe, expect, it } from 'vitest';
import {
  canEnrich,
  personQueryReader,
  proposeMapping,
  queryFor,
  splitFullName,
  toPersonQuery,
  type ColumnMapping,
  type MappingTarget,
} from '../../../renderer/src/features/enrich/mapping';
import { emptyEligibility, tallyRow } from '../../../renderer/src/features/enrich/plan';

const targetsOf = (headers: string[], rows: string[][] = []) => {
  const m = proposeMapping(headers, rows);
  return headers.map((_, i) => m[String(i)]);
};

describe('proposeMapping', () => {
  it.each<[string, MappingTarget]>([
    ['email', 'email'],
    ['E-mail', 'email'],
    ['Email Address', 'email'],
    ['work email', 'email'],
    ['First Name', 'firstName'],
    ['firstname', 'firstName'],
    ['Given name', 'firstName'],
    ['first_name', 'firstName'],
    ['Last Name', 'lastName'],
    ['Surname', 'lastName'],
    ['family name', 'lastName'],
    ['Full Name', 'fullName'],
    ['Name', 'fullName'],
    ['Contact', 'fullName'],
    ['Company', 'company'],
    ['Company Name', 'company'],
    ['Organization', 'company'],
    ['Account Name', 'company'],
    ['Domain', 'domain'],
    ['Website', 'domain'],
    ['Company Website', 'domain'],
    ['URL', 'domain'],
    ['LinkedIn', 'linkedin'],
    ['LinkedIn URL', 'linkedin'],
    ['Profile URL', 'linkedin'],
    ['Job Title', 'title'],
    ['Phone number', 'phone'],
    ['Notes', 'keep'],
    ['Lead score', 'keep'],
  ])('%j -> %s', (header, target) => {
    expect(targetsOf([header])).toEqual([target]);
  });

  it('loose spellings fall back to word rules', () => {
    expect(
      targetsOf(["Contact's Work E-mail (primary)", 'Person Linkedin Profile Link', 'Employer (current)']),
    ).toEqual(['email', 'linkedin', 'company']);
  });

  it('gives each identifier to one column: the exact spelling wins', () => {
    expect(targetsOf(['Email domain', 'Email', 'Personal email'])).toEqual(['domain', 'email', 'keep']);
    expect(targetsOf(['email', 'email (2)'])).toEqual(['email', 'keep']);
  });

  it('unnamed columns are guessed from their values', () => {
    const rows = [
      ['ann@acme.com', 'https://www.linkedin.com/in/ann', 'acme.com', '42'],
      ['bob@beta.io', 'linkedin.com/in/bob', 'www.beta.io', '7'],
    ];
    expect(targetsOf(['Column 1', 'Column 2', 'Column 3', 'Column 4'], rows)).toEqual([
      'email',
      'linkedin',
      'domain',
      'keep',
    ]);
  });
});

describe('splitFullName', () => {
  it.each([
    ['Jane Doe', { first: 'Jane', last: 'Doe' }],
    ['  Jane   Mary  Doe ', { first: 'Jane', last: 'Doe' }],
    ['Dr. Jane Doe, PhD', { first: 'Jane', last: 'Doe' }],
    ['Doe, Jane', { first: 'Jane', last: 'Doe' }],
    ['Ludwig van Beethoven', { first: 'Ludwig', last: 'van Beethoven' }],
    ['Jan de la Cruz Jr.', { first: 'Jan', last: 'de la Cruz' }],
    ['Cher', { first: 'Cher' }],
    ['', {}],
  ])('%j', (full, expected) => {
    expect(splitFullName(full)).toEqual(expected);
  });
});

describe('toPersonQuery', () => {
  const headers = ['Email', 'First', 'Last', 'Full name', 'Company', 'Website', 'LinkedIn', 'Apollo id', 'Notes'];
  const mapping: ColumnMapping = proposeMapping(headers);
  const row = (cells: Partial<Record<string, string>>) => headers.map((h) => cells[h] ?? '');

  it('maps what it finds, normalised', () => {
    expect(
      toPersonQuery(
        row({
          Email: ' Jane.Doe@Acme.COM ',
          First: 'Jane',
          Last: 'Doe',
          Company: 'Acme Inc',
          Website: 'https://www.acme.com/about',
          LinkedIn: 'HTTPS://linkedin.com/in/Jane-Doe/?trk=1',
          'Apollo id': 'ap-123',
          Notes: '=cmd()',
        }),
        mapping,
      ),
    ).toEqual({
      email: 'jane.doe@acme.com',
      firstName: 'Jane',
      lastName: 'Doe',
      fullName: 'Jane Doe',
      organizationName: 'Acme Inc',
      organizationDomain: 'acme.com',
      linkedinUrl: 'https://www.linkedin.com/in/jane-doe',
      providerIds: { apollo: 'ap-123' },
    });
  });

  it('splits a full name when first and last are absent', () => {
    expect(toPersonQuery(row({ 'Full name': 'Dr. Ana de Souza', Website: 'souza.com.br' }), mapping)).toEqual({
      firstName: 'Ana',
      lastName: 'de Souza',
      fullName: 'Dr. Ana de Souza',
      organizationDomain: 'souza.com.br',
    });
  });

  it('drops values that are not identifiers (bad email, non-profile LinkedIn URL, oversized cells)', () => {
    expect(
      toPersonQuery(
        row({
          Email: 'not an email',
          LinkedIn: 'https://www.linkedin.com/company/acme',
          Company: 'x'.repeat(301),
          First: 'Al',
        }),
        mapping,
      ),
    ).toEqual({ firstName: 'Al' });
  });

  it('is null when the row names nobody', () => {
    expect(toPersonQuery(row({ Company: 'Acme', Website: 'acme.com', Notes: 'hello' }), mapping)).toBeNull();
    expect(toPersonQuery(row({}), mapping)).toBeNull();
  });

  it('takes the first non-empty of several columns mapped to one target, in column order', () => {
    const twoEmails: ColumnMapping = { '0': 'keep', '1': 'email', '2': 'firstName', '3': 'email' };
    expect(toPersonQuery(['x', ' ', 'Al', 'al@b.co'], twoEmails)).toEqual({ email: 'al@b.co', firstName: 'Al' });
    expect(toPersonQuery(['x', 'first@b.co', 'Al', 'al@b.co'], twoEmails)?.email).toBe('first@b.co');
  });

  it('personQueryReader answers as toPersonQuery does, row after row, with the mapping read once', () => {
    const read = personQueryReader(mapping);
    const rows = [
      row({ Email: 'Jane@Acme.com', 'Apollo id': 'ap-1' }),
      row({ 'Full name': 'Ana de Souza' }),
      row({ Company: 'Acme' }),
      row({ LinkedIn: 'linkedin.com/in/bo', First: 'Bo' }),
    ];
    for (const r of rows) expect(read(r)).toEqual(toPersonQuery(r, mapping));
    expect(read(rows[0]!)).toMatchObject({ email: 'jane@acme.com', providerIds: { apollo: 'ap-1' } });
    expect(read(rows[2]!)).toBeNull();
  });

  it('queryFor sends a provider only its own id', () => {
    expect(queryFor('sumble', { email: 'a@b.co', providerIds: { apollo: '1', sumble: '2' } })).toEqual({
      email: 'a@b.co',
      providerIds: { sumble: '2' },
    });
    expect(queryFor('sample', { email: 'a@b.co', providerIds: { apollo: '1' } })).toEqual({ email: 'a@b.co' });
  });
});

describe('canEnrich: each provider minimum input', () => {
  const cases: [string, Parameters<typeof canEnrich>[1], Record<string, boolean>][] = [
    ['email only', { email: 'a@b.co' }, { sample: true, apollo: true, apione: true, sumble: true, ocean: false }],
    [
      'linkedin only',
      { linkedinUrl: 'https://www.linkedin.com/in/a' },
      { sample: true, apollo: true, apione: false, sumble: true, ocean: false },
    ],
    [
      'first + last + domain',
      { firstName: 'A', lastName: 'B', organizationDomain: 'b.co' },
      { sample: true, apollo: true, apione: true, sumble: false, ocean: false },
    ],
    [
      'full name + company name',
      { fullName: 'A B', organizationName: 'B Inc' },
      { sample: true, apollo: true, apione: false, sumble: false, ocean: false },
    ],
    [
      'first + last, no company',
      { firstName: 'A', lastName: 'B' },
      { sample: false, apollo: false, apione: false, sumble: false, ocean: false },
    ],
    [
      'sumble id',
      { providerIds: { sumble: '9' } },
      { sample: false, apollo: false, apione: false, sumble: true, ocean: false },
    ],
    [
      'apollo id',
      { providerIds: { apollo: '9' } },
      { sample: false, apollo: true, apione: false, sumble: false, ocean: false },
    ],
    ['nothing', null, { sample: false, apollo: false, apione: false, sumble: false, ocean: false }],
  ];
  for (const [name, query, expected] of cases) {
    it(name, () => {
      const actual = Object.fromEntries(Object.keys(expected).map((p) => [p, canEnrich(p as never, query)]));
      expect(actual).toEqual(expected);
    });
  }
});

describe('counting rows before anything is spent', () => {
  const headers = ['email', 'first name', 'last name', 'website', 'title'];
  const mapping = proposeMapping(headers);
  const rows = [
    ['a@x.com', '', '', '', ''], // everyone takes it
    ['', 'Ann', 'Lee', 'lee.com', ''], // apione (first), apollo; not sumble
    ['', 'Ann', '', '', ''], // names someone, nobody can look it up
    ['', '', '', 'acme.com', 'CEO'], // names nobody
    ['b@x.com', '', '', '', 'CTO'], // has a title already
  ];

  it('per provider in waterfall order: certain for the first that can take a row, eligible for all', () => {
    const summary = emptyEligibility(['sumble', 'apione']);
    for (const r of rows)
      tallyRow(summary, r, mapping, { providers: ['sumble', 'apione'], fields: ['email', 'title'], mode: 'overwrite' });
    expect(summary).toMatchObject({ total: 5, noIdentifier: 1, noProvider: 1, complete: 0 });
    expect(summary.perProvider.sumble).toMatchObject({ eligible: 2, certain: 2, eligibleByEmail: 2 });
    expect(summary.perProvider.apione).toMatchObject({
      eligible: 3,
      certain: 1,
      eligibleByEmail: 2,
      certainByEmail: 0,
    });
  });

  it('"fill empty cells only" does not count rows whose wanted cells are filled', () => {
    const summary = emptyEligibility(['sample']);
    for (const r of rows)
      tallyRow(summary, r, mapping, { providers: ['sample'], fields: ['email'], mode: 'fill_empty' });
    expect(summary.complete).toBe(2);
    expect(summary.perProvider.sample!.eligible).toBe(1);
  });

  it('rows the ledger answers are free', () => {
    const summary = emptyEligibility(['apione']);
    for (const r of rows)
      tallyRow(summary, r, mapping, { providers: ['apione'], fields: ['title'], mode: 'overwrite' }, (_p, q) =>
        q.email === 'a@x.com' ? { status: 'matched', values: { title: 'CEO' } } : undefined,
      );
    expect(summary.perProvider.apione).toMatchObject({ eligible: 2, fromLedger: 1 });
  });

  it('a row the ledger completes is not counted at a later provider; after a free miss the next is certain', () => {
    const summary = emptyEligibility(['apione', 'apollo']);
    const plan = { providers: ['apione', 'apollo'] as const, fields: ['title'] as const, mode: 'overwrite' as const };
    const ledger = (p: string, q: { email?: string }) =>
      p !== 'apione'
        ? undefined
        : q.email === 'a@x.com'
          ? ({ status: 'matched', values: { title: 'CEO' } } as const)
          : q.email === 'b@x.com'
            ? ({ status: 'not_found' } as const)
            : undefined;
    for (const r of [rows[0]!, rows[4]!])
      tallyRow(summary, r, mapping, { ...plan, providers: [...plan.providers], fields: [...plan.fields] }, ledger);
    // a@x.com: ApiOne's earlier match fills the title, so Apollo is not asked at all.
    // b@x.com: ApiOne's earlier miss is free, so Apollo is certain to be asked.
    expect(summary.perProvider.apione).toMatchObject({ eligible: 0, fromLedger: 2 });
    expect(summary.perProvider.apollo).toMatchObject({ eligible: 1, certain: 1 });
  });
});

describe('non-English headers and family-name-first files', () => {
  it.each([
    [
      ['E-Mail', 'Vorname', 'Nachname', 'Firma', 'Telefon', 'Webseite'],
      ['email', 'firstName', 'lastName', 'company', 'phone', 'domain'],
    ],
    [
      ['Courriel', 'Prénom', 'Nom', 'Société', 'Téléphone', 'Poste'],
      ['email', 'firstName', 'lastName', 'company', 'phone', 'title'],
    ],
    [
      ['Correo electrónico', 'Nombre', 'Apellido', 'Empresa', 'Teléfono', 'Cargo'],
      ['email', 'firstName', 'lastName', 'company', 'phone', 'title'],
    ],
    [
      ['E-mailadres', 'Voornaam', 'Achternaam', 'Bedrijf', 'Telefoon', 'Functie'],
      ['email', 'firstName', 'lastName', 'company', 'phone', 'title'],
    ],
    [
      ['E-mail', 'Primeiro nome', 'Sobrenome', 'Empresa', 'Telefone', 'Cidade'],
      ['email', 'firstName', 'lastName', 'company', 'phone', 'location'],
    ],
    [
      ['Unternehmen', 'Arbeits-E-Mail'],
      ['company', 'email'],
    ],
  ])('%j', (headers, targets) => {
    expect(Object.values(proposeMapping(headers))).toEqual(targets);
  });

  it('a header that says family name first splits "Yamada Taro" as such', () => {
    const mapping = proposeMapping(['氏名', 'メールアドレス', '会社名']);
    expect(Object.values(mapping)).toEqual(['fullNameFamilyFirst', 'email', 'company']);
    expect(toPersonQuery(['Yamada Taro', '', 'Acme KK'], mapping)).toMatchObject({
      firstName: 'Taro',
      lastName: 'Yamada',
      fullName: 'Yamada Taro',
    });
    const english = proposeMapping(['Full name (family name first)']);
    expect(english['0']).toBe('fullNameFamilyFirst');
    expect(toPersonQuery(['Nguyen, Van An'], english)).toMatchObject({ firstName: 'Van An', lastName: 'Nguyen' });
  });
});
