/**
 * A value the provider holds but shows only after a paid unlock (a masked surname "Ra***n", an
 * email or direct phone it says exists): shown as locked, with the action that unlocks it and what
 * that costs. The shape mirrors the domain's LockedValue ({ preview, provider, credits }), so a
 * person's `locked` fields can be passed straight in.
 */
import { Badge, Button, Group, Text } from '@mantine/core';

export interface LockedInfo {
  preview?: string | undefined;
  /** Display name of the provider holding the value. */
  providerLabel: string;
  /** Credits the unlock costs; undefined while not known. */
  credits?: number | undefined;
}

export function costText(credits: number | undefined): string {
  if (credits === undefined) return 'cost shown before anything is spent';
  if (credits === 0) return 'free';
  return `${credits} ${credits === 1 ? 'credit' : 'credits'}`;
}

export function LockedValue(props: { what: string; locked: LockedInfo; onUnlock: () => void; busy?: boolean }) {
  const { locked } = props;
  return (
    <Group gap="xs" wrap="wrap">
      <Badge variant="outline" color="yellow" size="sm" tt="none" leftSection={<LockGlyph />}>
        Locked
      </Badge>
      {locked.preview && (
        <Text ff="monospace" aria-label={`${props.what}, locked: ${locked.preview}`}>
          {locked.preview}
        </Text>
      )}
      <Text size="sm" c="dimmed">
        {locked.providerLabel} has {props.what.toLowerCase()}
      </Text>
      <Button size="compact-xs" variant="light" onClick={props.onUnlock} disabled={props.busy}>
        Enrich to unlock ({costText(locked.credits)})
      </Button>
    </Group>
  );
}

function LockGlyph() {
  return (
    <svg width="10" height="10" viewBox="0 0 16 16" aria-hidden="true" fill="currentColor">
      <path d="M4 7V5a4 4 0 1 1 8 0v2h1a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h1Zm2 0h4V5a2 2 0 1 0-4 0v2Z" />
    </svg>
  );
}
