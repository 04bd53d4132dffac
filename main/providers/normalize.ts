/**
 * Normalisers every provider mapping shares: phones, countries, locations, and the canonical
 * seniority / department vocabularies inferred from titles or mapped from provider tokens.
 */
import { getCountries, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Department, Location, Seniority } from '../../shared/domain';

// ---------------------------------------------------------------------------------------------
// Phones

/** E.164 when libphonenumber can parse it (with `defaultCountry` for national formats), else the trimmed text. */
export function toPhone(
  raw: string | undefined | null,
  defaultCountry?: string,
): { number: string; e164: boolean } | undefined {
  if (raw === undefined || raw === null) return undefined;
  const text = String(raw).trim();
  if (text.replace(/\D/g, '').length < 3) return undefined;
  const country =
    defaultCountry && isPhoneCountry(defaultCountry.toUpperCase())
      ? (defaultCountry.toUpperCase() as CountryCode)
      : undefined;
  try {
    const parsed = parsePhoneNumberFromString(text, country);
    if (parsed && parsed.isPossible()) return { number: parsed.number, e164: true };
  } catch {
    // fall through: keep the raw text
  }
  return { number: text, e164: false };
}

const PHONE_COUNTRIES = new Set<string>(getCountries());
function isPhoneCountry(code: string): boolean {
  return PHONE_COUNTRIES.has(code);
}

// ---------------------------------------------------------------------------------------------
// Countries

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Names people and providers write that Intl's English names do not cover. */
const COUNTRY_ALIASES: Record<string, string> = {
  usa: 'US',
  'u s a': 'US',
  'u s': 'US',
  america: 'US',
  'united states of america': 'US',
  uk: 'GB',
  'u k': 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  uae: 'AE',
  'the netherlands': 'NL',
  holland: 'NL',
  'czech republic': 'CZ',
  'south korea': 'KR',
  'republic of korea': 'KR',
  korea: 'KR',
  russia: 'RU',
  'russian federation': 'RU',
  'viet nam': 'VN',
  'hong kong sar': 'HK',
  'hong kong sar china': 'HK',
  macau: 'MO',
  turkiye: 'TR',
  'ivory coast': 'CI',
  'cote d ivoire': 'CI',
  deutschland: 'DE',
  espana: 'ES',
  brasil: 'BR',
  mexico: 'MX',
  schweiz: 'CH',
  osterreich: 'AT',
  italia: 'IT',
};

/** ISO alpha-3 codes for the countries B2B data mostly covers. */
const ALPHA3: Record<string, string> = {
  usa: 'US',
  gbr: 'GB',
  can: 'CA',
  aus: 'AU',
  nzl: 'NZ',
  irl: 'IE',
  deu: 'DE',
  fra: 'FR',
  esp: 'ES',
  ita: 'IT',
  nld: 'NL',
  bel: 'BE',
  lux: 'LU',
  che: 'CH',
  aut: 'AT',
  swe: 'SE',
  nor: 'NO',
  dnk: 'DK',
  fin: 'FI',
  isl: 'IS',
  pol: 'PL',
  cze: 'CZ',
  svk: 'SK',
  hun: 'HU',
  rou: 'RO',
  bgr: 'BG',
  grc: 'GR',
  prt: 'PT',
  est: 'EE',
  lva: 'LV',
  ltu: 'LT',
  ukr: 'UA',
  tur: 'TR',
  isr: 'IL',
  are: 'AE',
  sau: 'SA',
  egy: 'EG',
  zaf: 'ZA',
  nga: 'NG',
  ken: 'KE',
  ind: 'IN',
  pak: 'PK',
  chn: 'CN',
  jpn: 'JP',
  kor: 'KR',
  sgp: 'SG',
  hkg: 'HK',
  twn: 'TW',
  mys: 'MY',
  idn: 'ID',
  phl: 'PH',
  tha: 'TH',
  vnm: 'VN',
  bra: 'BR',
  mex: 'MX',
  arg: 'AR',
  chl: 'CL',
  col: 'CO',
  per: 'PE',
  rus: 'RU',
};

let countryTable: Map<string, string> | undefined;
let countryNames: Map<string, string> | undefined;

function buildCountryTables(): void {
  countryTable = new Map();
  countryNames = new Map();
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  } catch {
    names = undefined; // small-ICU builds: aliases and alpha-3 still work
  }
  for (const code of getCountries()) {
    const name = names?.of(code);
    if (name) {
      countryTable.set(fold(name), code);
      countryNames.set(code, name);
    }
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) countryTable.set(alias, code);
  for (const [a3, code] of Object.entries(ALPHA3)) countryTable.set(a3, code);
}

/**
 * Country name, ISO alpha-2 or alpha-3 code -> ISO alpha-2 upper case. Undefined when unknown.
 * Two-letter input is taken as a code ("de" -> "DE"), so state abbreviations must be resolved first.
 */
export function countryCodeFrom(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  const trimmed = String(text).trim();
  if (!trimmed) return undefined;
  if (!countryTable) buildCountryTables();
  if (/^[a-z]{2}$/i.test(trimmed)) {
    const code = trimmed.toUpperCase();
    if (code === 'UK') return 'GB';
    return PHONE_COUNTRIES.has(code) ? code : undefined;
  }
  return countryTable!.get(fold(trimmed));
}

/** English name for an alpha-2 code ("DE" -> "Germany"). */
export function countryName(code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (!countryNames) buildCountryTables();
  return countryNames!.get(code.toUpperCase());
}

// ---------------------------------------------------------------------------------------------
// Locations

const US_STATES: Record<string, string> = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  DC: 'District of Columbia',
};
const CA_PROVINCES: Record<string, string> = {
  AB: 'Alberta',
  BC: 'British Columbia',
  MB: 'Manitoba',
  NB: 'New Brunswick',
  NL: 'Newfoundland and Labrador',
  NS: 'Nova Scotia',
  ON: 'Ontario',
  PE: 'Prince Edward Island',
  QC: 'Quebec',
  SK: 'Saskatchewan',
};
const STATE_NAMES = new Map<string, string>([
  ...Object.values(US_STATES).map((n) => [fold(n), 'US'] as const),
  ...Object.values(CA_PROVINCES).map((n) => [fold(n), 'CA'] as const),
]);

/** The country a state or province belongs to ("TX" or "Texas" -> "US"), when it is unambiguous. */
export function countryOfState(state: string | undefined): string | undefined {
  if (!state) return undefined;
  const t = state.trim();
  if (/^[A-Z]{2}$/.test(t)) {
    if (US_STATES[t]) return 'US';
    if (CA_PROVINCES[t]) return 'CA';
  }
  return STATE_NAMES.get(fold(t));
}

/**
 * "San Francisco, California, United States" / "Dallas, TX" / "Berlin, Germany" / "Germany" -> Location.
 * The last part is read as the country when it is one; a US/Canadian state implies its country.
 */
export function parseLocation(raw: string | undefined | null): Location | undefined {
  if (!raw) return undefined;
  const text = String(raw).trim();
  if (!text) return undefined;
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const loc: Location = { raw: text };
  if (parts.length === 0) return loc;

  const last = parts[parts.length - 1]!;
  // Two upper-case letters after a city are far more often a US state than a country ("Dallas, TX").
  const lastIsState = parts.length >= 2 && countryOfState(last) !== undefined && !(parts.length >= 3);
  let countryCode = lastIsState ? undefined : countryCodeFrom(last);
  if (countryCode) {
    loc.countryCode = countryCode;
    loc.country = /^[a-z]{2,3}$/i.test(last) ? (countryName(countryCode) ?? last) : last;
    parts.pop();
  }
  if (parts.length >= 2) {
    loc.city = parts[0];
    loc.state = parts[parts.length - 1];
  } else if (parts.length === 1) {
    const only = parts[0]!;
    const stateCountry = countryOfState(only);
    if (stateCountry && (!countryCode || countryCode === stateCountry)) loc.state = only;
    else loc.city = only;
  }
  if (!loc.countryCode && loc.state) {
    countryCode = countryOfState(loc.state);
    if (countryCode) {
      loc.countryCode = countryCode;
      loc.country = countryName(countryCode);
    }
  }
  return loc;
}

/** A Location from separate provider fields (city, state, country), normalising the country. */
export function locationFrom(fields: {
  city?: string | null;
  state?: string | null;
  country?: string | null;
  raw?: string | null;
}): Location | undefined {
  const city = clean(fields.city);
  const state = clean(fields.state);
  const country = clean(fields.country);
  const raw = clean(fields.raw);
  if (!city && !state && !country && !raw) return undefined;
  if (!city && !state && !country && raw) return parseLocation(raw);
  const loc: Location = {};
  if (city) loc.city = city;
  if (state) loc.state = state;
  const code = countryCodeFrom(country) ?? countryOfState(state);
  if (code) loc.countryCode = code;
  if (country) loc.country = /^[a-z]{2,3}$/i.test(country) ? (countryName(code) ?? country) : country;
  else if (code) loc.country = countryName(code);
  loc.raw = raw ?? [city, state, country].filter(Boolean).join(', ');
  return loc;
}

function clean(v: string | null | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

// ---------------------------------------------------------------------------------------------
// Seniority and departments

/** First match wins: order matters ("Senior Vice President" is a VP, "Vice President" is not c-suite). */
const SENIORITY_RULES: [RegExp, Seniority][] = [
  [/\bintern(ship)?\b|\bworking student\b|\bwerkstudent/i, 'intern'],
  [/\bco-?founder\b|\bfounder\b|\bfounding partner\b/i, 'founder'],
  [/(?<!product |process |account |business )\bowner\b|\bproprietor\b/i, 'owner'],
  [/\b(s|e|a)?vp\b|\bvice[\s-]+president\b/i, 'vp'],
  [/\bchief\b|\b(ceo|cto|cfo|coo|cmo|cro|cio|ciso|cpo|cdo|cco|chro)\b|\bpresident\b/i, 'c_suite'],
  [/\b(managing |general |senior |equity )?partner\b/i, 'partner'],
  [/\bhead\b/i, 'head'],
  [/\bdirector\b|\bdir\.?\b/i, 'director'],
  [/\bmanager\b|\bmgr\b|\bmanaging\b|\bsupervisor\b|\bteam lead\b/i, 'manager'],
  [/\bsenior\b|\bsr\.?\b|\blead\b|\bprincipal\b|\bstaff\b/i, 'senior'],
  [/\bjunior\b|\bjr\.?\b|\bentry\b|\bassistant\b|\btrainee\b|\bgraduate\b|\bapprentice\b/i, 'entry'],
];

export function seniorityFromTitle(title: string | undefined | null): Seniority | undefined {
  if (!title) return undefined;
  for (const [re, seniority] of SENIORITY_RULES) if (re.test(title)) return seniority;
  return undefined;
}

const DEPARTMENT_RULES: [RegExp, Department][] = [
  [
    /\b(ceo|coo|chief executive|chief operating|(?<!vice[\s-])president|founder|co-?founder|(?<!product |process |account |business )owner|managing director|general manager)\b/i,
    'executive',
  ],
  [/\bsales\b|\baccount (executive|manager|director)\b|\b(sdr|bdr|cro)\b|\brevenue\b/i, 'sales'],
  [/\bmarketing\b|\bcmo\b|\bgrowth\b|\bbrand\b|\bseo\b|\bdemand gen/i, 'marketing'],
  [
    /\bengineer(ing)?\b|\bdeveloper\b|\bsoftware\b|\bdevops\b|\bsre\b|\bcto\b|\bprogrammer\b|\barchitect\b/i,
    'engineering',
  ],
  [/\bproduct\b|\bcpo\b/i, 'product'],
  [/\bdesign(er)?\b|\bux\b|\bui\b|\bcreative\b|\bart director\b/i, 'design'],
  [/\bfinance\b|\bfinancial\b|\bcfo\b|\btreasur|\bfp&a\b|\binvestor relations\b/i, 'finance'],
  [/\baccount(ant|ing)\b|\bcontroller\b|\bbookkeep|\bpayroll\b|\baudit/i, 'accounting'],
  [/\boperations\b|\bops\b|\bcoo\b|\bsupply chain\b|\blogistics\b|\bprocurement\b/i, 'operations'],
  [/\bhuman resources\b|\bhr\b|\bpeople (ops|operations|partner)\b|\brecruit|\btalent\b|\bchro\b/i, 'human_resources'],
  [
    /\binformation technology\b|\bit\b|\bcio\b|\bciso\b|\bsystems? admin|\bnetwork\b|\bsecurity\b|\bhelp ?desk\b/i,
    'information_technology',
  ],
  [/\blegal\b|\bcounsel\b|\blawyer\b|\battorney\b|\bcompliance\b|\bparalegal\b/i, 'legal'],
  [/\bcustomer (success|support|service|experience)\b|\bsupport\b|\bclient services\b/i, 'customer_success'],
  [/\bbusiness development\b|\bpartnerships?\b|\balliances\b|\bbizdev\b/i, 'business_development'],
  [/\bconsult(ant|ing)\b|\badvisor\b/i, 'consulting'],
  [/\bteacher\b|\bprofessor\b|\beducation\b|\blecturer\b|\btutor\b|\binstructor\b/i, 'education'],
  [
    /\bcommunications?\b|\bpr\b|\bpublic relations\b|\bmedia\b|\bcontent\b|\bjournalist\b|\beditor\b/i,
    'media_communication',
  ],
  [
    /\badministrat(ive|or)\b|\boffice manager\b|\breceptionist\b|\bexecutive assistant\b|\bsecretary\b/i,
    'administrative',
  ],
  [/\bdata (scien|analy|engineer)|\bmachine learning\b|\bml\b|\bai\b|\banalytics\b|\bstatistic/i, 'data_science'],
];

/** Every department a title points at, in the order of DEPARTMENT_RULES; [] when none. */
export function departmentsFromTitle(title: string | undefined | null): Department[] {
  if (!title) return [];
  const found: Department[] = [];
  for (const [re, dept] of DEPARTMENT_RULES) if (re.test(title) && !found.includes(dept)) found.push(dept);
  return found;
}

/** Lower-case, trims, and joins words with underscores: "Human Resources" -> "human_resources". */
export function tokenKey(token: string): string {
  return token
    .trim()
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** One provider token -> canonical value via a table keyed by tokenKey(). */
export function mapToken<T>(token: string | undefined | null, table: Readonly<Record<string, T>>): T | undefined {
  if (!token) return undefined;
  return table[tokenKey(token)];
}

/** Provider tokens -> canonical values (unknown ones dropped, duplicates removed, order kept). */
export function mapTokens<T>(
  tokens: readonly (string | null | undefined)[] | undefined | null,
  table: Readonly<Record<string, T>>,
): T[] {
  const out: T[] = [];
  for (const t of tokens ?? []) {
    const v = mapToken(t, table);
    if (v !== undefined && !out.includes(v)) out.push(v);
  }
  return out;
}

/** Inverts a provider -> canonical table: canonical value -> every provider token that maps to it. */
export function invertTable<T extends string>(table: Readonly<Record<string, T>>): Partial<Record<T, string[]>> {
  const out: Partial<Record<T, string[]>> = {};
  for (const [token, value] of Object.entries(table)) (out[value] ??= []).push(token);
  return out;
}
