/**
 * Provider text (error bodies, echoed requests) can contain the key it was sent. Every message that
 * leaves main goes through here with the real key, plus a fallback for anything key-shaped.
 */
const KEY_SHAPED = /[A-Za-z0-9_-]{24,}/g;

export function redactKey(message: string, key: string | undefined): string {
  let out = message;
  if (key && key.length >= 4) out = out.split(key).join('•••');
  return out.replace(KEY_SHAPED, '…');
}

/** Provider text for a rep: redacted, trimmed, at most `max` characters. */
export function clipProviderText(message: string | undefined, key?: string, max = 240): string {
  if (!message) return '';
  const cleaned = redactKey(message, key).trim();
  return cleaned.length > max ? `${cleaned.slice(0, max - 1)}…` : cleaned;
}
