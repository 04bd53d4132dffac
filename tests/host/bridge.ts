/**
 * window.api for the page the test host serves: the same factory the preload uses, over HTTP
 * (POST /ipc/<channel>) and Server-Sent Events (GET /events) instead of Electron IPC.
 */
import { createApi } from '../../shared/api';
import type { AppEvent } from '../../shared/contract';

const listeners = new Set<(event: AppEvent) => void>();
let source: EventSource | undefined;

function ensureEvents() {
  if (source) return;
  source = new EventSource('/events');
  source.onmessage = (message) => {
    const event = JSON.parse(message.data) as AppEvent;
    for (const listener of listeners) listener(event);
  };
}

(window as unknown as { api: unknown }).api = createApi({
  invoke: async (channel, input) => {
    try {
      const response = await fetch(`/ipc/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      return await response.json();
    } catch {
      // The host itself is gone (e.g. killed in a crash test): answer like main would for a dead link.
      return { ok: false, error: { code: 'unavailable', message: 'Prospect Desk is not responding.' } };
    }
  },
  subscribe: (listener) => {
    ensureEvents();
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
});
