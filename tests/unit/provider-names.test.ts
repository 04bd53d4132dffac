/** One table of provider display names, used by main's labels and the renderer's messages. */
import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../shared/domain';
import { PROVIDER_NAMES, providerName } from '../../shared/provider-names';
import { errorText } from '../../renderer/src/lib/format';
import { PROVIDER_LABELS } from '../../main/providers/rate-limiter';
import { rateLimited } from '../../main/providers/rate-limiter';
import { SAMPLE_LABEL } from '../../main/providers/sample';

describe('provider display names', () => {
  it('every provider has a name that is not its id, and main reads the same table', () => {
    for (const id of PROVIDER_IDS) {
      expect(providerName(id)).not.toBe(id);
      expect(PROVIDER_LABELS[id]).toBe(PROVIDER_NAMES[id]);
    }
    expect(SAMPLE_LABEL).toBe(PROVIDER_NAMES.sample);
    expect(providerName('apollo')).toBe('Apollo');
  });

  it('an error names its provider once, by display name', () => {
    expect(errorText({ code: 'auth', message: 'The key was refused.', provider: 'apollo' })).toBe(
      'Apollo: The key was refused.',
    );
    expect(errorText({ code: 'unavailable', message: 'Ocean.io is having trouble.', provider: 'ocean' })).toBe(
      'Ocean.io is having trouble.',
    );
  });

  it('says "try again in" once, even when main already said it', () => {
    const err = rateLimited('apione', 12_000);
    const text = errorText({ code: 'rate_limited', message: err.message, provider: 'apione', retryAfterMs: 12_000 });
    expect(text.match(/try again in/gi)).toHaveLength(1);
    expect(errorText({ code: 'rate_limited', message: 'Slow down.', provider: 'sumble', retryAfterMs: 3000 })).toBe(
      'Sumble: Slow down. Try again in 3 s.',
    );
  });
});
