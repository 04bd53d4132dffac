import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
// The kit's styles first, so the app's own stylesheet can refine them.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import '@mantine/charts/styles.css';
import './styles.css';
import { App } from './app/App';
import { colorSchemeManager, cssVariablesResolver, theme } from './app/theme';
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
    {/* "auto" follows the OS scheme until the rep picks one in Settings. */}
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="auto"
      colorSchemeManager={colorSchemeManager}
    >
      <Notifications position="bottom-right" />
      <App />
    </MantineProvider>
  </StrictMode>,
);

// Load the saved-people index once the first screen is up, so the first local search finds it ready.
requestIdleCallback(() => void peopleIndex().catch(() => {}), { timeout: 1000 });
