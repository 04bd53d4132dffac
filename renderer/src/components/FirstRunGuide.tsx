/**
 * The first-run guide: what the sample data is, how to add a provider key, where a CSV goes. Shown
 * until the rep dismisses it; the dismissal is a display preference, kept in localStorage like the
 * colour scheme (clearing all local data reloads the app, which shows it again only if storage went).
 */
import { Anchor, Button, CloseButton, Group, List, Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { navigate } from '../app/navigation';
import { SettingsLink } from './SettingsLink';

export const FIRST_RUN_KEY = 'prospect-desk:first-run-dismissed';

export function FirstRunGuide() {
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(FIRST_RUN_KEY) === '1');
  if (dismissed) return null;
  const dismiss = () => {
    localStorage.setItem(FIRST_RUN_KEY, '1');
    setDismissed(true);
  };
  return (
    <Paper withBorder p="md" mb="md" component="section" aria-labelledby="first-run-title">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={2} id="first-run-title" size="h3">
          Getting started with Prospect Desk
        </Title>
        <CloseButton aria-label="Close the getting started guide" onClick={dismiss} />
      </Group>
      <List size="sm" spacing={6} mt="xs">
        <List.Item>
          <Text span fw={600} size="sm">
            Sample data:
          </Text>{' '}
          until you add a key, Search, Companies and Enrich CSV use a built-in set of made-up people and companies. It
          costs nothing and never leaves this computer, so try anything.
        </List.Item>
        <List.Item>
          <Text span fw={600} size="sm">
            Add a provider key:
          </Text>{' '}
          open <SettingsLink />, paste an Apollo, ApiOne, Ocean.io or Sumble key and save; it is tested straight away.
          Keys stay in the app&apos;s main process, never in this window.
        </List.Item>
        <List.Item>
          <Text span fw={600} size="sm">
            Enrich a CSV:
          </Text>{' '}
          drop a CSV file anywhere on this window, or open{' '}
          <Anchor
            href="#/enrich"
            size="sm"
            underline="always"
            onClick={(e) => {
              e.preventDefault();
              navigate({ page: 'enrich' });
            }}
          >
            Enrich CSV
          </Anchor>{' '}
          and choose one.
        </List.Item>
      </List>
      <Group mt="sm">
        <Button size="xs" variant="light" onClick={dismiss}>
          Got it
        </Button>
      </Group>
    </Paper>
  );
}
