/** The one error taxonomy every provider failure is mapped into (see shared/domain ErrorCode). */
import type { AppError, ErrorCode, ProviderId } from '../../shared/domain';

export interface ProviderErrorOptions {
  /** Validation issues (zod-like) for bad_request, passed on to the renderer as AppError.issues. */
  issues?: AppError['issues'];
  /** For rate_limited: the provider window that is exhausted. */
  rateWindow?: AppError['rateWindow'];
}

export class ProviderError extends Error {
  readonly issues?: AppError['issues'];
  readonly rateWindow?: AppError['rateWindow'];

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly provider?: ProviderId,
    readonly retryAfterMs?: number,
    /** HTTP status when the error came from an answer. */
    readonly status?: number,
    options: ProviderErrorOptions = {},
  ) {
    super(message);
    this.name = 'ProviderError';
    if (options.rateWindow) this.rateWindow = options.rateWindow;
    if (options.issues) this.issues = options.issues.map((i) => ({ path: [...i.path], message: i.message }));
  }

  toAppError(): AppError {
    return {
      code: this.code,
      message: this.message,
      ...(this.provider ? { provider: this.provider } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: Math.max(0, Math.round(this.retryAfterMs)) } : {}),
      ...(this.rateWindow ? { rateWindow: this.rateWindow } : {}),
      ...(this.issues ? { issues: this.issues.map((i) => ({ path: [...i.path], message: i.message })) } : {}),
    };
  }
}

/** Any thrown value -> AppError, without leaking stack traces or secrets into messages. */
export function toAppError(err: unknown, provider?: ProviderId): AppError {
  if (err instanceof ProviderError) return err.toAppError();
  if (err instanceof Error && err.name === 'AbortError') {
    return { code: 'cancelled', message: 'The request was cancelled.', ...(provider ? { provider } : {}) };
  }
  return {
    code: 'internal',
    message: 'Something went wrong inside Prospect Desk. The action was not completed.',
    ...(provider ? { provider } : {}),
  };
}
