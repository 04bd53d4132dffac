import { describe, expect, it } from 'vitest';
import {
  normalizeDomain,
  normalizeEmail,
  normalizeLinkedinUrl,
  organizationLocalId,
  personIdentityKeys,
  personLocalId,
} from '../../shared/identity';

describe('identity', () => {
  it('normalises LinkedIn URLs', () => {
    expect(normalizeLinkedinUrl('http://www.linkedin.com/in/Mike-Huseman-681ba44/?trk=x')).toBe(
      'https://www.linkedin.com/in/mike-huseman-681ba44',
    );
    expect(normalizeLinkedinUrl('linkedin.com/in/jane')).toBe('https://www.linkedin.com/in/jane');
    expect(normalizeLinkedinUrl('https://uk.linkedin.com/in/jane/')).toBe('https://www.linkedin.com/in/jane');
    expect(normalizeLinkedinUrl('https://www.linkedin.com/company/14958')).toBeUndefined();
    expect(normalizeLinkedinUrl('https://notlinkedin.com/in/jane')).toBeUndefined();
    // The plain shape (handled without a URL parser) answers what the parser does.
    expect(normalizeLinkedinUrl(' https://linkedin.com/in/Jane_Doe-42/ ')).toBe(
      'https://www.linkedin.com/in/jane_doe-42',
    );
    expect(normalizeLinkedinUrl('https://www.linkedin.com/in/J%C3%B6rg')).toBe('https://www.linkedin.com/in/jörg');
    expect(normalizeLinkedinUrl('https://www.linkedin.com/in/jane/extra')).toBe('https://www.linkedin.com/in/jane');
    expect(normalizeLinkedinUrl('https://www.linkedin.com/in/%E0%A4%A')).toBeUndefined();
  });

  it('drops locked placeholder emails and garbage', () => {
    expect(normalizeEmail(' Mike.Huseman@EnterpriseDB.com ')).toBe('mike.huseman@enterprisedb.com');
    expect(normalizeEmail('email_not_unlocked@domain.com')).toBeUndefined();
    expect(normalizeEmail('not an email')).toBeUndefined();
  });

  it('reduces websites to registrable domains', () => {
    expect(normalizeDomain('http://www.enterprisedb.com/about')).toBe('enterprisedb.com');
    expect(normalizeDomain('shop.example.co.uk')).toBe('example.co.uk');
    expect(normalizeDomain('jane@stripe.com')).toBe('stripe.com');
    expect(normalizeDomain('')).toBeUndefined();
  });

  it('orders identity keys strongest first and picks a provider-independent local id', () => {
    const keys = personIdentityKeys({
      providerIds: { apollo: 'a1' },
      linkedinUrl: 'linkedin.com/in/Jane-Doe',
      email: 'JANE@acme.io',
      firstName: 'Jané',
      lastName: 'Doe',
      organizationDomain: 'www.acme.io',
    });
    expect(keys).toEqual(['apollo:a1', 'li:in/jane-doe', 'email:jane@acme.io', 'name:jane|doe|acme.io']);
    expect(personLocalId({ providerIds: { apollo: 'a1' }, email: 'jane@acme.io' })).toBe('email:jane@acme.io');
    expect(personLocalId({ providerIds: { ocean: 'x9' } })).toBe('ocean:x9');
    expect(personLocalId({ fullName: 'Jane Q Doe', organization: { domain: 'acme.io' } })).toBe(
      'name:jane|doe|acme.io',
    );
  });

  it('identifies organizations by domain first', () => {
    expect(organizationLocalId({ domain: 'https://www.Acme.io', providerIds: { apollo: '1' } })).toBe('domain:acme.io');
    expect(organizationLocalId({ providerIds: { apollo: '1' } })).toBe('apollo:1');
  });
});
