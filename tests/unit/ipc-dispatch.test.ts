import { describe, expect, it, vi } from 'vitest';
import { createDispatch } from '../../main/ipc/bind';
import { ProviderError } from '../../main/providers/errors';

describe('validated dispatch', () => {
  it('answers bad_request with zod issues and never calls the handler on a wrong shape', async () => {
    const handler = vi.fn(async () => ({ saved: true }));
    const dispatch = createDispatch({ 'files.saveCsv': handler });
    const result = await dispatch('files.saveCsv', { suggestedName: 42 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('bad_request');
    expect(result.error.issues?.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['suggestedName', 'content']),
    );
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects unknown channels and extra keys', async () => {
    const dispatch = createDispatch({});
    expect(await dispatch('nope.nothing', {})).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await dispatch('providers.list', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await dispatch('providers.list', null)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('a channel without a service answers unavailable, never a fake success', async () => {
    const dispatch = createDispatch({});
    expect(await dispatch('providers.list', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('provider errors cross as data with their taxonomy code', async () => {
    const dispatch = createDispatch({
      'secrets.test': async () => {
        throw new ProviderError('rate_limited', 'Slow down', 'apollo', 1500);
      },
    });
    expect(await dispatch('secrets.test', { provider: 'apollo' })).toEqual({
      ok: false,
      error: { code: 'rate_limited', message: 'Slow down', provider: 'apollo', retryAfterMs: 1500 },
    });
  });

  it('unexpected errors become internal without leaking their message', async () => {
    const log = vi.fn();
    const dispatch = createDispatch(
      {
        'secrets.test': async () => {
          throw new Error('secret-key-abc123 exploded');
        },
      },
      log,
    );
    const result = await dispatch('secrets.test', { provider: 'apollo' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret-key-abc123');
    expect(JSON.stringify(log.mock.calls)).not.toContain('secret-key-abc123');
  });

  it('a handler answer that breaks the contract is refused', async () => {
    const dispatch = createDispatch({ 'files.saveCsv': async () => ({ saved: 'yes' }) as never });
    const result = await dispatch('files.saveCsv', { suggestedName: 'a.csv', content: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
