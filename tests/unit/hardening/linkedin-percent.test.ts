/** A stray `%` in a LinkedIn URL is bad input: no identity (a skipped row or a clear error), never `internal`. */
import { describe, expect, it } from 'vitest';
import { normalizeLinkedinUrl, personIdentityKeys } from '../../../shared/identity';
import { lookupKey } from '../../../shared/lookup-key';
import { toPersonQuery } from '../../../renderer/src/features/enrich/mapping';
import { createMainRuntime } from '../../../main/runtime';

const BAD = ['linkedin.com/in/jane%', 'https://www.linkedin.com/in/jane%E0%A4%A', 'linkedin.com/pub/jane/%zz/1/2'];

describe('malformed %-escapes in LinkedIn URLs', () => {
  it('normalise to no identity instead of throwing', () => {
    for (const url of BAD) {
      expect(normalizeLinkedinUrl(url)).toBeUndefined();
      expect(lookupKey('apollo', { linkedinUrl: url })).toBeUndefined();
      expect(personIdentityKeys({ linkedinUrl: url, email: 'jane@acme.com' })).toEqual(['email:jane@acme.com']);
    }
    expect(normalizeLinkedinUrl('linkedin.com/in/J%C3%A9r%C3%B4me')).toBe('https://www.linkedin.com/in/jérôme');
  });

  it('a CSV row whose only identifier is such a URL is skipped, not a crash', () => {
    const mapping = { 0: 'linkedin' } as never;
    expect(toPersonQuery(['linkedin.com/in/jane%'], mapping)).toBeNull();
  });

  it('over IPC the enrichment answers data, not internal', async () => {
    const runtime = await createMainRuntime({
      env: { PROSPECT_DESK_SECRET_STORE: 'memory' },
      emit: () => {},
      saveCsv: async () => ({ saved: false }),
      log: () => {},
    });
    try {
      const result = await runtime.dispatch('people.enrich', {
        provider: 'sample',
        queries: [{ linkedinUrl: BAD[1] }],
        fields: ['email'],
      });
      if (!result.ok) expect(result.error.code).not.toBe('internal');
      else expect(JSON.stringify(result.value)).not.toContain('"internal"');
    } finally {
      await runtime.close();
    }
  });
});
