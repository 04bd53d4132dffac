import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/domain';
import { createDispatch } from '../../main/ipc/bind';
import { ProviderError, toAppError } from '../../main/providers/errors';

describe('ProviderError issues', () => {
  const issues = [
    { path: ['filters', 'titles', 0], message: 'Too long' },
    { path: [], message: 'Unknown field "foo"' },
  ];

  it('carries zod-like issues into the AppError, which the contract accepts', () => {
    const err = new ProviderError('bad_request', 'Apollo rejected the filters.', 'apollo', undefined, 422, { issues });
    const app = toAppError(err);
    expect(app).toEqual({ code: 'bad_request', message: 'Apollo rejected the filters.', provider: 'apollo', issues });
    expect(AppError.safeParse(app).success).toBe(true);
  });

  it('leaves AppError without issues when none were given (existing call sites)', () => {
    expect(new ProviderError('timeout', 'slow', 'apione', 1500).toAppError()).toEqual({
      code: 'timeout',
      message: 'slow',
      provider: 'apione',
      retryAfterMs: 1500,
    });
  });

  it('reaches the caller through dispatch', async () => {
    const dispatch = createDispatch({
      'providers.list': async () => {
        throw new ProviderError('bad_request', 'bad', undefined, undefined, undefined, { issues });
      },
    });
    expect(await dispatch('providers.list', {})).toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'bad', issues },
    });
  });
});
