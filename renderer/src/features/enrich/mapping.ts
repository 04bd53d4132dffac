/**
 * Columns -> what they mean. `proposeMapping` reads header names in their common spellings (and,
 * for unnamed columns, the values); `toPersonQuery` turns one row into what an enrichment is asked
 * with; `canEnrich` says whether a provider can look that query up at all, so rows nobody can look
 * up are counted before anything is spent.
 */
import type { PersonQuery, ProviderId, ProviderIds } from '../../../../shared/domain';
import { normalizeDomain, normalizeEmail, normalizeLinkedinUrl } from '../../../../shared/identity';
import { ENRICHING_PROVIDERS, enrichBatchSize } from '../../../../shared/provider-capabilities';

export const IDENTIFIER_TARGETS = [
  'email',
  'firstName',
  'lastName',
  'fullName',
  'fullNameFamilyFirst',
  'company',
  'domain',
  'linkedin',
] as const;
/** Columns that hold a value an enrichment could fill; used for "fill empty cells only". */
export const VALUE_TARGETS = ['title', 'phone', 'location'] as const;
export const PROVIDER_ID_TARGETS = ['id:apollo', 'id:sumble', 'id:sample'] as const;
export const MAPPING_TARGETS = ['keep', ...IDENTIFIER_TARGETS, ...VALUE_TARGETS, ...PROVIDER_ID_TARGETS] as const;
export type MappingTarget = (typeof MAPPING_TARGETS)[number];

/** Column index (as a string, as IndexedDB stores object keys) -> what the column holds. */
export type ColumnMapping = Record<string, MappingTarget>;

export const TARGET_LABELS: Record<MappingTarget, string> = {
  keep: 'Keep as is',
  email: 'Email',
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name',
  fullNameFamilyFirst: 'Full name, family name first',
  company: 'Company name',
  domain: 'Company domain / website',
  linkedin: 'LinkedIn URL',
  title: 'Job title',
  phone: 'Phone',
  location: 'Location',
  'id:apollo': 'Apollo person id',
  'id:sumble': 'Sumble person id',
  'id:sample': 'Sample person id',
};

/** Header words folded: lower case, accents and punctuation gone, single spaces. */
export function foldHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const EXACT: Record<string, MappingTarget> = {};
const spell = (target: MappingTarget, ...names: string[]) => {
  for (const n of names) EXACT[foldHeader(n)] = target;
};
spell(
  'email',
  'email',
  'e-mail',
  'email address',
  'e-mail address',
  'work email',
  'business email',
  'work email address',
  'mail',
  'primary email',
  'contact email',
  'email 1',
  'emailaddress',
  'courriel',
  'adresse e-mail',
  'adresse email',
  'adresse courriel',
  'e-mail-adresse',
  'emailadresse',
  'correo',
  'correo electronico',
  'email de contacto',
  'e-mailadres',
  'mailadres',
  'endereco de email',
  'endereco de e-mail',
  'メール',
  'メールアドレス',
);
spell(
  'firstName',
  'first name',
  'firstname',
  'first',
  'given name',
  'givenname',
  'forename',
  'fname',
  'first_name',
  'prenom',
  'vorname',
  'nombre',
  'nombre de pila',
  'voornaam',
  'primeiro nome',
  '名',
);
spell(
  'lastName',
  'last name',
  'lastname',
  'last',
  'surname',
  'family name',
  'familyname',
  'lname',
  'last_name',
  'nom',
  'nom de famille',
  'nachname',
  'familienname',
  'apellido',
  'apellidos',
  'achternaam',
  'sobrenome',
  'ultimo nome',
  '姓',
);
spell(
  'fullName',
  'full name',
  'fullname',
  'name',
  'contact',
  'contact name',
  'person',
  'person name',
  'lead name',
  'prospect name',
  'vollstandiger name',
  'nom complet',
  'nombre completo',
  'volledige naam',
  'nome completo',
  'nome',
  'naam',
);
// Headers that say the name is written family name first (a Japanese export, "Name (last, first)").
spell(
  'fullNameFamilyFirst',
  '氏名',
  '名前',
  'full name family name first',
  'name family name first',
  'family name first',
  'name last first',
  'full name last first',
  'last first name',
  'surname first name',
);
spell(
  'company',
  'company',
  'company name',
  'companyname',
  'organization',
  'organisation',
  'organization name',
  'organisation name',
  'account name',
  'account',
  'employer',
  'org',
  'business',
  'firm',
  'current company',
  'firma',
  'firmenname',
  'unternehmen',
  'arbeitgeber',
  'societe',
  'entreprise',
  'nom de l entreprise',
  'empresa',
  'nombre de la empresa',
  'compania',
  'bedrijf',
  'bedrijfsnaam',
  'organisatie',
  'nome da empresa',
  '会社名',
  '会社',
);
spell(
  'domain',
  'domain',
  'website',
  'company website',
  'url',
  'company domain',
  'web site',
  'website url',
  'company url',
  'site',
  'homepage',
  'web',
  'organization domain',
  'email domain',
  'company web site',
  'webseite',
  'internetseite',
  'site web',
  'site internet',
  'sitio web',
  'pagina web',
  'dominio',
  'domaine',
  'ウェブサイト',
);
spell(
  'linkedin',
  'linkedin',
  'linkedin url',
  'profile url',
  'linkedin profile',
  'linkedin profile url',
  'person linkedin url',
  'li url',
  'linkedin link',
  'linkedinurl',
);
spell(
  'title',
  'title',
  'job title',
  'position',
  'role',
  'job',
  'designation',
  'jobtitle',
  'titel',
  'berufsbezeichnung',
  'funktion',
  'jobtitel',
  'titre',
  'poste',
  'fonction',
  'cargo',
  'puesto',
  'functie',
  'functietitel',
  '役職',
);
spell(
  'phone',
  'phone',
  'phone number',
  'mobile',
  'mobile phone',
  'telephone',
  'tel',
  'direct phone',
  'work phone',
  'cell',
  'telefon',
  'telefonnummer',
  'handy',
  'mobilnummer',
  'telephone',
  'numero de telephone',
  'portable',
  'telefono',
  'movil',
  'celular',
  'telefoon',
  'telefoonnummer',
  'mobiel',
  'telefone',
  '電話番号',
);
spell(
  'location',
  'location',
  'city',
  'address',
  'country',
  'region',
  'person location',
  'ort',
  'stadt',
  'land',
  'standort',
  'ville',
  'pays',
  'ciudad',
  'pais',
  'ubicacion',
  'stad',
  'plaats',
  'cidade',
);
spell('id:apollo', 'apollo id', 'apollo person id', 'apollo contact id');
spell('id:sumble', 'sumble id', 'sumble person id');
spell('id:sample', 'sample id', 'sample person id');

/** Looser rules for headers that are no exact spelling ("Contact's Work Email (primary)"). */
const CONTAINS: { test: RegExp; target: MappingTarget }[] = [
  { test: /\blinked ?in\b/, target: 'linkedin' },
  { test: /\be ?mail\b|\b(courriel|correo)\b/, target: 'email' },
  { test: /\b(vorname|prenom|voornaam)\b/, target: 'firstName' },
  { test: /\b(nachname|apellidos?|achternaam|sobrenome)\b/, target: 'lastName' },
  { test: /\b(firma|unternehmen|societe|entreprise|empresa|bedrijf)\b/, target: 'company' },
  { test: /\b(telefon|telephone|telefono|telefoon|telefone)\b/, target: 'phone' },
  { test: /\b(first|given) ?name\b/, target: 'firstName' },
  { test: /\b(last|family|sur) ?name\b/, target: 'lastName' },
  { test: /\b(website|domain|url)\b/, target: 'domain' },
  { test: /\b(company|organi[sz]ation|account|employer)\b/, target: 'company' },
  { test: /\bfull ?name\b/, target: 'fullName' },
  { test: /\b(job )?title\b/, target: 'title' },
  { test: /\b(phone|mobile|tel)\b/, target: 'phone' },
];

const looksLikeEmail = (v: string) => /^[^\s@,;]+@[^\s@,;]+\.[a-z]{2,}$/i.test(v.trim());
const looksLikeLinkedin = (v: string) => /linkedin\.com\/(in|pub)\//i.test(v);
const looksLikeDomain = (v: string) =>
  /^(https?:\/\/)?(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(\/\S*)?$/i.test(v.trim());

/** What the values of an unnamed column look like, when at least 60% of its non-empty samples agree. */
function guessFromValues(values: string[]): MappingTarget | undefined {
  const filled = values.map((v) => v.trim()).filter(Boolean);
  if (filled.length === 0) return undefined;
  const share = (test: (v: string) => boolean) => filled.filter(test).length / filled.length;
  if (share(looksLikeEmail) >= 0.6) return 'email';
  if (share(looksLikeLinkedin) >= 0.6) return 'linkedin';
  if (share(looksLikeDomain) >= 0.6) return 'domain';
  return undefined;
}

/** One target per column; each identifier target goes to the first column that claims it. */
export function proposeMapping(
  headers: readonly string[],
  sampleRows: readonly (readonly string[])[] = [],
): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<MappingTarget>();
  const claim = (column: number, target: MappingTarget | undefined) => {
    if (!target || target === 'keep' || taken.has(target)) return false;
    mapping[String(column)] = target;
    taken.add(target);
    return true;
  };
  const folded = headers.map(foldHeader);
  // Exact spellings first, so "Email" beats "Email domain" for the email target.
  folded.forEach((h, column) => claim(column, EXACT[h]));
  folded.forEach((h, column) => {
    if (mapping[String(column)]) return;
    for (const rule of CONTAINS) if (rule.test.test(h) && claim(column, rule.target)) return;
  });
  headers.forEach((_, column) => {
    if (mapping[String(column)]) return;
    const values = sampleRows.map((r) => r[column] ?? '');
    claim(column, guessFromValues(values));
  });
  headers.forEach((_, column) => {
    mapping[String(column)] ??= 'keep';
  });
  return mapping;
}

/**
 * Each mapping's columns by target, worked out once: valueFor runs a dozen times per row of a run
 * (originalValues, eligibility). Mappings are replaced, never changed in place, once built.
 */
const targetColumns = new WeakMap<ColumnMapping, TargetColumns>();

/** First non-empty value among the columns mapped to `target`. */
export function valueFor(values: readonly string[], mapping: ColumnMapping, target: MappingTarget): string | undefined {
  let columns = targetColumns.get(mapping);
  if (!columns) targetColumns.set(mapping, (columns = columnsByTarget(mapping)));
  return firstValue(values, columns[target]);
}

/** Each target's columns, in the mapping's (ascending column) order. */
type TargetColumns = Partial<Record<MappingTarget, number[]>>;

function columnsByTarget(mapping: ColumnMapping): TargetColumns {
  const columns: TargetColumns = {};
  for (const [column, target] of Object.entries(mapping)) (columns[target] ??= []).push(Number(column));
  return columns;
}

function firstValue(values: readonly string[], columns: readonly number[] | undefined): string | undefined {
  if (!columns) return undefined;
  for (const column of columns) {
    const v = values[column]?.trim();
    if (v) return v;
  }
  return undefined;
}

const PREFIXES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'madam', 'mme', 'herr', 'frau']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'mba', 'esq', 'cpa', 'pmp', 'msc', 'bsc']);
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'da',
  'di',
  'del',
  'della',
  'la',
  'le',
  'du',
  'dos',
  'das',
  'bin',
  'al',
  'st',
  'ter',
]);
const bare = (token: string) => token.toLowerCase().replace(/[.,]/g, '');

/** "Dr. Jane van der Berg, PhD" -> { first: "Jane", last: "van der Berg" }; "Berg, Jane" -> same order. */
export function splitFullName(full: string): { first?: string; last?: string } {
  let text = full.replace(/\s+/g, ' ').trim();
  if (!text) return {};
  const comma = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (comma.length >= 2) {
    const afterIsSuffix = comma.slice(1).every((part) => part.split(' ').every((t) => SUFFIXES.has(bare(t))));
    if (afterIsSuffix) text = comma[0]!;
    else {
      // "Last, First Middle"
      const last = comma[0]!;
      const firstTokens = comma[1]!.split(' ').filter((t) => !PREFIXES.has(bare(t)));
      return { ...(firstTokens[0] ? { first: firstTokens[0] } : {}), last };
    }
  }
  const tokens = text.split(' ').filter(Boolean);
  while (tokens.length > 1 && PREFIXES.has(bare(tokens[0]!))) tokens.shift();
  while (tokens.length > 1 && SUFFIXES.has(bare(tokens[tokens.length - 1]!))) tokens.pop();
  if (tokens.length === 1) return { first: tokens[0]! };
  let lastStart = tokens.length - 1;
  while (lastStart > 1 && PARTICLES.has(bare(tokens[lastStart - 1]!))) lastStart--;
  return { first: tokens[0]!, last: tokens.slice(lastStart).join(' ') };
}

/** "Yamada Taro" -> { first: "Taro", last: "Yamada" }; "Yamada, Taro" too. One word (山田太郎) stays unsplit. */
export function splitFamilyFirst(full: string): { first?: string; last?: string } {
  const text = full.replace(/\s+/g, ' ').trim();
  const parts = text.includes(',') ? text.split(',').map((s) => s.trim()) : text.split(' ');
  if (parts.length < 2 || !parts[0] || !parts[1]) return {};
  return { last: parts[0], first: parts.slice(1).join(' ').trim() };
}

/** PersonQuery's limits (shared/domain.ts): a value over them is not an identifier, it is noise. */
const fits = (value: string | undefined, max: number) => (value && value.length <= max ? value : undefined);

/**
 * One row -> what an enrichment is asked with, or null when the row names no person at all
 * (no email, LinkedIn URL, provider id or name). Domain comes from a website via normalizeDomain;
 * a full name is split when first/last are absent.
 */
export function toPersonQuery(values: readonly string[], mapping: ColumnMapping): PersonQuery | null {
  return personQueryReader(mapping)(values);
}

/**
 * toPersonQuery with the mapping read once: for the loops that ask it of every row of a file (the
 * import's eligibility tally, the eligibility scan). Reading the mapping's entries for each target
 * of each row was half of a 1M-row import's time.
 */
export function personQueryReader(mapping: ColumnMapping): (values: readonly string[]) => PersonQuery | null {
  const columns = columnsByTarget(mapping);
  const idColumns = PROVIDER_ID_TARGETS.flatMap((target) =>
    columns[target] ? [[target.slice(3) as ProviderId, columns[target]] as const] : [],
  );
  return (values) => {
    const valueOf = (target: MappingTarget) => firstValue(values, columns[target]);
    const q: PersonQuery = {};
    const email = normalizeEmail(fits(valueOf('email'), 320));
    if (email) q.email = email;
    const linkedin = normalizeLinkedinUrl(fits(valueOf('linkedin'), 500));
    if (linkedin) q.linkedinUrl = linkedin;

    let first = fits(valueOf('firstName'), 200);
    let last = fits(valueOf('lastName'), 200);
    const familyFirst = fits(valueOf('fullNameFamilyFirst'), 400);
    const full = fits(valueOf('fullName'), 400) ?? familyFirst;
    if (full && (!first || !last)) {
      const split = full === familyFirst ? splitFamilyFirst(full) : splitFullName(full);
      first ??= fits(split.first, 200);
      last ??= fits(split.last, 200);
    }
    if (first) q.firstName = first;
    if (last) q.lastName = last;
    const fullName = full ?? (first && last ? `${first} ${last}` : undefined);
    if (fullName) q.fullName = fullName;

    const company = fits(valueOf('company'), 300);
    if (company) q.organizationName = company;
    const domain = normalizeDomain(fits(valueOf('domain'), 300));
    if (domain) q.organizationDomain = domain;

    let ids: ProviderIds | undefined;
    for (const [provider, cols] of idColumns) {
      const id = fits(firstValue(values, cols), 200);
      if (id) (ids ??= {})[provider] = id;
    }
    if (ids) q.providerIds = ids;

    const namesSomeone = q.email || q.linkedinUrl || q.providerIds || q.firstName || q.lastName || q.fullName;
    return namesSomeone ? q : null;
  };
}

// Which providers enrich, their batch sizes and minimum inputs live in one shared table.
export { canEnrich, ENRICHING_PROVIDERS } from '../../../../shared/provider-capabilities';
/** Batch per provider when email or phone is asked (the smaller size); the runner may pass its own. */
export const ENRICH_BATCH_SIZES: Partial<Record<ProviderId, number>> = Object.fromEntries(
  ENRICHING_PROVIDERS.map((p) => [p, enrichBatchSize(p, ['email'])]),
);

/** What a provider is sent: only the identifiers it uses, so nothing else leaves the machine. */
export function queryFor(provider: ProviderId, q: PersonQuery): PersonQuery {
  const ids = q.providerIds?.[provider] ? { providerIds: { [provider]: q.providerIds[provider] } as ProviderIds } : {};
  const { providerIds: _all, ...rest } = q;
  return { ...rest, ...ids };
}
