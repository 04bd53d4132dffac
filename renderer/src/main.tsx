import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './styles.css';
import { api } from './api';
import { applyProviderEvent } from './features/settings/providerStatus';
import { refreshProviders } from './app/providers';
import { peopleIndex } from './db/peopleIndex';

// One subscription for the app's lifetime: main's pushed events update UI state.
api().onEvent((event) => {
  applyProviderEvent(event);
  if (event.type === 'providers.changed') void refreshProviders();
});
void refreshProviders();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Load the saved-people index once the first screen is up, so the first local search finds it ready.
requestIdleCallback(() => void peopleIndex().catch(() => {}), { timeout: 1000 });
