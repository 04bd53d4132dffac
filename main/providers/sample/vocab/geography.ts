/** Countries (with cities, phone codes, weights) and state / region codes the synthetic dataset uses. */

export interface SampleCity {
  city: string;
  state?: string;
  /** Landline prefixes after the country code (area codes), one picked per number. */
  areaCodes: string[];
}

export interface SampleCountry {
  code: string;
  name: string;
  /** E.164 country calling code without "+". */
  dialCode: string;
  /** Relative frequency among organizations. */
  weight: number;
  /** Typical top-level domain for local companies. */
  tld: string;
  cities: SampleCity[];
  /** Builds the national significant number (after the dial code). `d(n)` gives n random digits. */
  landline(areaCode: string, d: (n: number) => string, pick: <T>(xs: readonly T[]) => T): string;
  mobile(d: (n: number) => string, pick: <T>(xs: readonly T[]) => T): string;
}

// Digits that keep numbers inside the plans libphonenumber validates (tests check every number).
const d29 = ['2', '3', '4', '5', '6', '7', '8', '9'];

export const COUNTRIES: readonly SampleCountry[] = [
  {
    code: 'US',
    name: 'United States',
    dialCode: '1',
    weight: 40,
    tld: 'com',
    cities: [
      { city: 'San Francisco', state: 'California', areaCodes: ['415'] },
      { city: 'New York', state: 'New York', areaCodes: ['212', '646'] },
      { city: 'Austin', state: 'Texas', areaCodes: ['512'] },
      { city: 'Boston', state: 'Massachusetts', areaCodes: ['617'] },
      { city: 'Seattle', state: 'Washington', areaCodes: ['206'] },
      { city: 'Chicago', state: 'Illinois', areaCodes: ['312'] },
      { city: 'Denver', state: 'Colorado', areaCodes: ['303'] },
      { city: 'Atlanta', state: 'Georgia', areaCodes: ['404'] },
      { city: 'Los Angeles', state: 'California', areaCodes: ['213', '310'] },
      { city: 'Miami', state: 'Florida', areaCodes: ['305'] },
    ],
    landline: (area, d, pick) => `${area}${pick(d29)}${pick(d29)}${d(1)}${d(4)}`,
    mobile: (d, pick) => `${pick(['415', '646', '512', '617', '206', '312'])}${pick(d29)}${pick(d29)}${d(1)}${d(4)}`,
  },
  {
    code: 'GB',
    name: 'United Kingdom',
    dialCode: '44',
    weight: 12,
    tld: 'co.uk',
    cities: [
      { city: 'London', state: 'England', areaCodes: ['2079', '2071', '2037', '2038'] },
      { city: 'Manchester', state: 'England', areaCodes: ['1612', '1618'] },
      { city: 'Edinburgh', state: 'Scotland', areaCodes: ['1312', '1314', '1315', '1316'] },
      { city: 'Bristol', state: 'England', areaCodes: ['1179', '1173'] },
      { city: 'Cambridge', state: 'England', areaCodes: ['12233', '12235'] },
    ],
    landline: (area, d) => `${area}${d(10 - area.length)}`,
    mobile: (d, pick) => `7${pick(['400', '500', '800', '900', '950', '960', '970'])}${d(6)}`,
  },
  {
    code: 'DE',
    name: 'Germany',
    dialCode: '49',
    weight: 9,
    tld: 'de',
    cities: [
      { city: 'Berlin', state: 'Berlin', areaCodes: ['30'] },
      { city: 'Munich', state: 'Bavaria', areaCodes: ['89'] },
      { city: 'Hamburg', state: 'Hamburg', areaCodes: ['40'] },
      { city: 'Frankfurt', state: 'Hesse', areaCodes: ['69'] },
      { city: 'Cologne', state: 'North Rhine-Westphalia', areaCodes: ['221'] },
    ],
    landline: (area, d, pick) => `${area}${pick(d29)}${d(9 - area.length)}`,
    mobile: (d, pick) => `${pick(['151', '160', '170', '171', '176'])}${d(8)}`,
  },
  {
    code: 'FR',
    name: 'France',
    dialCode: '33',
    weight: 7,
    tld: 'fr',
    cities: [
      { city: 'Paris', state: 'Île-de-France', areaCodes: ['1'] },
      { city: 'Lyon', state: 'Auvergne-Rhône-Alpes', areaCodes: ['4'] },
      { city: 'Toulouse', state: 'Occitanie', areaCodes: ['5'] },
      { city: 'Bordeaux', state: 'Nouvelle-Aquitaine', areaCodes: ['5'] },
      { city: 'Nantes', state: 'Pays de la Loire', areaCodes: ['2'] },
    ],
    landline: (area, d, pick) => `${area}${pick(['3', '4', '5'])}${d(7)}`,
    mobile: (d, pick) => `${pick(['60', '61', '62', '65', '67', '68', '75', '76', '77', '78'])}${d(7)}`,
  },
  {
    code: 'CA',
    name: 'Canada',
    dialCode: '1',
    weight: 7,
    tld: 'ca',
    cities: [
      { city: 'Toronto', state: 'Ontario', areaCodes: ['416', '647'] },
      { city: 'Vancouver', state: 'British Columbia', areaCodes: ['604'] },
      { city: 'Montreal', state: 'Quebec', areaCodes: ['514'] },
      { city: 'Ottawa', state: 'Ontario', areaCodes: ['613'] },
      { city: 'Calgary', state: 'Alberta', areaCodes: ['403'] },
    ],
    landline: (area, d, pick) => `${area}${pick(d29)}${pick(d29)}${d(1)}${d(4)}`,
    mobile: (d, pick) => `${pick(['416', '604', '514', '647'])}${pick(d29)}${pick(d29)}${d(1)}${d(4)}`,
  },
  {
    code: 'AU',
    name: 'Australia',
    dialCode: '61',
    weight: 6,
    tld: 'com.au',
    cities: [
      { city: 'Sydney', state: 'New South Wales', areaCodes: ['292', '293', '280', '282'] },
      { city: 'Melbourne', state: 'Victoria', areaCodes: ['396', '398', '386'] },
      { city: 'Brisbane', state: 'Queensland', areaCodes: ['733', '738'] },
      { city: 'Perth', state: 'Western Australia', areaCodes: ['892', '893', '861'] },
    ],
    landline: (area, d) => `${area}${d(6)}`,
    mobile: (d, pick) =>
      `4${pick(['12', '13', '14', '15', '17', '18', '19', '20', '21', '22', '23', '24', '25', '27', '28', '31', '32', '33', '34', '38', '39'])}${d(6)}`,
  },
  {
    code: 'NL',
    name: 'Netherlands',
    dialCode: '31',
    weight: 5,
    tld: 'nl',
    cities: [
      { city: 'Amsterdam', state: 'North Holland', areaCodes: ['20'] },
      { city: 'Rotterdam', state: 'South Holland', areaCodes: ['10'] },
      { city: 'Utrecht', state: 'Utrecht', areaCodes: ['30'] },
      { city: 'Eindhoven', state: 'North Brabant', areaCodes: ['40'] },
    ],
    landline: (area, d, pick) => `${area}${pick(d29)}${d(6)}`,
    mobile: (d, pick) => `6${pick(['1', '2', '3', '4', '5'])}${d(7)}`,
  },
  {
    code: 'SE',
    name: 'Sweden',
    dialCode: '46',
    weight: 4,
    tld: 'se',
    cities: [
      { city: 'Stockholm', state: 'Stockholm County', areaCodes: ['8'] },
      { city: 'Gothenburg', state: 'Västra Götaland County', areaCodes: ['31'] },
      { city: 'Malmö', state: 'Skåne County', areaCodes: ['40'] },
    ],
    landline: (area, d, pick) => `${area}${pick(['5', '6', '7'])}${d(area.length === 1 ? 7 : 6)}`,
    mobile: (d, pick) => `7${pick(['0', '2', '3', '6'])}${d(7)}`,
  },
  {
    code: 'IN',
    name: 'India',
    dialCode: '91',
    weight: 6,
    tld: 'in',
    cities: [
      { city: 'Bengaluru', state: 'Karnataka', areaCodes: ['80'] },
      { city: 'Mumbai', state: 'Maharashtra', areaCodes: ['22'] },
      { city: 'Pune', state: 'Maharashtra', areaCodes: ['20'] },
      { city: 'Hyderabad', state: 'Telangana', areaCodes: ['40'] },
      { city: 'Chennai', state: 'Tamil Nadu', areaCodes: ['44'] },
    ],
    landline: (area, d, pick) => `${area}${pick(['2', '4', '6'])}${d(7)}`,
    mobile: (d, pick) => `9${pick(['7', '8', '9'])}${d(8)}`,
  },
  {
    code: 'BR',
    name: 'Brazil',
    dialCode: '55',
    weight: 4,
    tld: 'com.br',
    cities: [
      { city: 'São Paulo', state: 'São Paulo', areaCodes: ['11'] },
      { city: 'Rio de Janeiro', state: 'Rio de Janeiro', areaCodes: ['21'] },
      { city: 'Belo Horizonte', state: 'Minas Gerais', areaCodes: ['31'] },
      { city: 'Curitiba', state: 'Paraná', areaCodes: ['41'] },
      { city: 'Florianópolis', state: 'Santa Catarina', areaCodes: ['48'] },
    ],
    landline: (area, d, pick) => `${area}${pick(['3', '4'])}${d(7)}`,
    mobile: (d, pick) => `${pick(['11', '21', '31', '41'])}9${pick(['6', '7', '8', '9'])}${d(7)}`,
  },
];

/** Postal abbreviations reps type for states and provinces ("San Francisco, CA"), keyed by country then state. */
export const STATE_CODES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  US: {
    California: 'CA',
    'New York': 'NY',
    Texas: 'TX',
    Massachusetts: 'MA',
    Washington: 'WA',
    Illinois: 'IL',
    Colorado: 'CO',
    Georgia: 'GA',
    Florida: 'FL',
  },
  CA: { Ontario: 'ON', 'British Columbia': 'BC', Quebec: 'QC', Alberta: 'AB' },
  AU: { 'New South Wales': 'NSW', Victoria: 'VIC', Queensland: 'QLD', 'Western Australia': 'WA' },
};
