import { describe, expect, it } from 'vitest';
import { connectionTestFromError } from '../../main/providers/connection-test';
import { ProviderError } from '../../main/providers/errors';

const at = '2026-11-23T00:00:00.000Z';
describe('connectionTestFromError', () => {
  it.each([
    ['auth', 'invalid_key'],
    ['credits', 'out_of_credits'],
    ['plan_restricted', 'plan_restricted'],
    ['rate_limited', 'rate_limited'],
    ['unavailable', 'unreachable'],
    ['timeout', 'unreachable'],
    ['invalid_response', 'unreachable'],
  ] as const)('%s reads as %s', (code, status) => {
    expect(connectionTestFromError(new ProviderError(code, 'm', 'apollo', 1500.4), at)).toMatchObject({
      status,
      message: 'm',
      testedAt: at,
    });
  });
  it('keeps the wait of a rate limit, in whole milliseconds', () => {
    expect(connectionTestFromError(new ProviderError('rate_limited', 'm', 'sumble', 1500.4), at).retryAfterMs).toBe(
      1500,
    );
  });
  it("rethrows cancellation and errors that are not a provider's", () => {
    expect(() => connectionTestFromError(new ProviderError('cancelled', 'x'), at)).toThrow('x');
    expect(() => connectionTestFromError(new Error('bug'), at)).toThrow('bug');
  });
});
