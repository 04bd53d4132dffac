/**
 * Which frames may call IPC: the app's own main frame (no parent), compared by parsed origin —
 * never by string prefix, and an empty or unparsable URL is rejected, not waved through.
 */
import { originOf } from '../window';

export interface SenderFrameLike {
  url: string;
  /** Electron's WebFrameMain.parent: null for the top-level frame. */
  parent: unknown;
}

export function isTrustedSender(frame: SenderFrameLike | null | undefined, allowedOrigins: readonly string[]): boolean {
  if (!frame || frame.parent !== null || !frame.url) return false;
  const origin = originOf(frame.url);
  return origin !== undefined && allowedOrigins.includes(origin);
}
