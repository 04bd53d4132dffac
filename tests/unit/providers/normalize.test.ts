import { describe, expect, it } from 'vitest';
import {
  countryCodeFrom,
  countryOfState,
  departmentsFromTitle,
  invertTable,
  locationFrom,
  mapToken,
  mapTokens,
  parseLocation,
  seniorityFromTitle,
  toPhone,
  tokenKey,
} from '../../../main/providers/normalize';

describe('toPhone', () => {
  it('formats a national number as E.164 with a default country', () => {
    expect(toPhone('(781) 357-3390', 'US')).toEqual({ number: '+17813573390', e164: true });
  });
  it('formats an international number without a default country', () => {
    expect(toPhone('+44 20 7946 0958')).toEqual({ number: '+442079460958', e164: true });
    expect(toPhone('+1 415-640-9303')).toEqual({ number: '+14156409303', e164: true });
  });
  it('keeps text it cannot parse, marked as not E.164', () => {
    expect(toPhone('ext 12345', 'US')).toEqual({ number: 'ext 12345', e164: false });
    expect(toPhone('12345')).toEqual({ number: '12345', e164: false });
  });
  it('drops empty or digit-less values', () => {
    expect(toPhone('')).toBeUndefined();
    expect(toPhone(null)).toBeUndefined();
    expect(toPhone('n/a')).toBeUndefined();
  });
  it('ignores an unknown default country instead of throwing', () => {
    expect(toPhone('+1 415 640 9303', 'XX')).toEqual({ number: '+14156409303', e164: true });
  });
});

describe('countryCodeFrom', () => {
  it.each([
    ['United States', 'US'],
    ['united states of america', 'US'],
    ['USA', 'US'],
    ['us', 'US'],
    ['UK', 'GB'],
    ['United Kingdom', 'GB'],
    ['England', 'GB'],
    ['Germany', 'DE'],
    ['deu', 'DE'],
    ['de', 'DE'],
    ['The Netherlands', 'NL'],
    ['Czech Republic', 'CZ'],
    ['Czechia', 'CZ'],
    ['South Korea', 'KR'],
    ['Côte d’Ivoire', 'CI'],
    ['Brazil', 'BR'],
  ])('%s -> %s', (text, code) => {
    expect(countryCodeFrom(text)).toBe(code);
  });
  it('answers undefined for what is not a country', () => {
    expect(countryCodeFrom('Atlantis')).toBeUndefined();
    expect(countryCodeFrom('QQ')).toBeUndefined();
    expect(countryCodeFrom('')).toBeUndefined();
    expect(countryCodeFrom(undefined)).toBeUndefined();
  });
});

describe('parseLocation', () => {
  it('reads city, state, country', () => {
    expect(parseLocation('San Francisco, California, United States')).toEqual({
      raw: 'San Francisco, California, United States',
      city: 'San Francisco',
      state: 'California',
      countryCode: 'US',
      country: 'United States',
    });
  });
  it('reads "City, ST" as a US state', () => {
    expect(parseLocation('Dallas, TX')).toMatchObject({ city: 'Dallas', state: 'TX', countryCode: 'US' });
  });
  it('reads "City, Country"', () => {
    expect(parseLocation('Berlin, Germany')).toMatchObject({ city: 'Berlin', countryCode: 'DE', country: 'Germany' });
    expect(parseLocation('London, UK')).toMatchObject({ city: 'London', countryCode: 'GB', country: 'United Kingdom' });
  });
  it('reads a country alone and a state alone', () => {
    expect(parseLocation('Germany')).toEqual({ raw: 'Germany', countryCode: 'DE', country: 'Germany' });
    expect(parseLocation('California, US')).toMatchObject({ state: 'California', countryCode: 'US' });
  });
  it('keeps an unknown place as a city with its raw text', () => {
    expect(parseLocation('Gotham')).toEqual({ raw: 'Gotham', city: 'Gotham' });
    expect(parseLocation('  ')).toBeUndefined();
  });
});

describe('locationFrom', () => {
  it('normalises separate provider fields', () => {
    expect(locationFrom({ city: 'Dallas', state: 'TX', country: 'United States' })).toEqual({
      city: 'Dallas',
      state: 'TX',
      countryCode: 'US',
      country: 'United States',
      raw: 'Dallas, TX, United States',
    });
    expect(locationFrom({ city: 'Paris', country: 'fr' })).toMatchObject({ countryCode: 'FR', country: 'France' });
    expect(locationFrom({ city: null, state: null, country: null })).toBeUndefined();
    expect(locationFrom({ raw: 'Austin, Texas, United States' })).toMatchObject({ city: 'Austin', countryCode: 'US' });
  });
  it('infers the country of a known state', () => {
    expect(countryOfState('Ontario')).toBe('CA');
    expect(locationFrom({ state: 'Massachusetts' })).toMatchObject({ countryCode: 'US' });
  });
});

describe('seniorityFromTitle', () => {
  it.each([
    ['Senior Vice President, Global Sales and Business Development', 'vp'],
    ['VP Engineering', 'vp'],
    ['Chief Executive Officer', 'c_suite'],
    ['CTO', 'c_suite'],
    ['President', 'c_suite'],
    ['Co-Founder & CEO', 'founder'],
    ['Owner', 'owner'],
    ['Managing Partner', 'partner'],
    ['Head of Growth', 'head'],
    ['Director of Marketing', 'director'],
    ['Engineering Manager', 'manager'],
    ['Senior Software Engineer', 'senior'],
    ['Junior Developer', 'entry'],
    ['Marketing Intern', 'intern'],
  ] as const)('%s -> %s', (title, seniority) => {
    expect(seniorityFromTitle(title)).toBe(seniority);
  });
  it('does not read a product owner as an owner, nor an internal auditor as an intern', () => {
    expect(seniorityFromTitle('Product Owner')).not.toBe('owner');
    expect(seniorityFromTitle('Internal Auditor')).toBeUndefined();
  });
  it('answers undefined when the title says nothing about level', () => {
    expect(seniorityFromTitle('Software Engineer')).toBeUndefined();
    expect(seniorityFromTitle('')).toBeUndefined();
  });
});

describe('departmentsFromTitle', () => {
  it('finds every department a title names', () => {
    expect(departmentsFromTitle('VP of Sales and Marketing')).toEqual(['sales', 'marketing']);
    expect(departmentsFromTitle('Senior Vice President, Global Sales and Business Development')).toEqual([
      'sales',
      'business_development',
    ]);
    expect(departmentsFromTitle('Staff Software Engineer')).toEqual(['engineering']);
    expect(departmentsFromTitle('Chief Executive Officer')).toEqual(['executive']);
    expect(departmentsFromTitle('Head of Human Resources')).toEqual(['human_resources']);
  });
  it('answers [] for nothing recognisable', () => {
    expect(departmentsFromTitle('Wizard')).toEqual([]);
    expect(departmentsFromTitle(undefined)).toEqual([]);
  });
});

describe('token tables', () => {
  const table = {
    human_resources: 'human_resources',
    media_and_commmunication: 'media_communication',
    c_suite: 'c_suite',
  } as const;
  it('normalises tokens before the lookup', () => {
    expect(tokenKey(' Human Resources ')).toBe('human_resources');
    expect(mapToken('Human-Resources', table)).toBe('human_resources');
    expect(mapToken('C Suite', table)).toBe('c_suite');
    expect(mapToken('unknown', table)).toBeUndefined();
  });
  it('maps lists, dropping unknowns and duplicates', () => {
    expect(mapTokens(['human_resources', 'HUMAN RESOURCES', 'nope', null, 'media_and_commmunication'], table)).toEqual([
      'human_resources',
      'media_communication',
    ]);
  });
  it('inverts a table', () => {
    expect(invertTable({ a: 'x', b: 'x', c: 'y' })).toEqual({ x: ['a', 'b'], y: ['c'] });
  });
});
