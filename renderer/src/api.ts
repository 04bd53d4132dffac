/** The renderer's only door to main: window.api, put there by the preload (or the test host's bridge). */
import type { Api } from '../../shared/api';

declare global {
  interface Window {
    api: Api;
  }
}

export function api(): Api {
  if (!window.api) throw new Error('window.api is missing: the renderer must be loaded by the app or the test host.');
  return window.api;
}
