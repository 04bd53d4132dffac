/** Turning a provider's answer body into a typed value, the same way for every provider. */
import type { z } from 'zod';
import type { ProviderId } from '../../shared/domain';
import { ProviderError } from './errors';
import { PROVIDER_LABELS } from './http';

/**
 * JSON text -> the schema's type. A body that is not JSON, or lacks a field we use, is the
 * provider's `invalid_response`: never a crash, never an undefined shown as data.
 */
export function parseProviderJson<S extends z.ZodType>(
  provider: ProviderId,
  text: string,
  schema: S,
  status = 200,
): z.output<S> {
  const label = PROVIDER_LABELS[provider];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ProviderError(
      'invalid_response',
      `${label} sent a garbled answer (not valid JSON). Try again; if it keeps happening, ${label} may be having trouble.`,
      provider,
      undefined,
      status,
    );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'body';
    throw new ProviderError(
      'invalid_response',
      `${label}'s answer did not have the expected shape (at ${where}). Prospect Desk may need an update.`,
      provider,
      undefined,
      status,
    );
  }
  return parsed.data;
}
