/**
 * A value the provider holds but shows only after a paid enrichment (an Apollo search row's email,
 * phone or "Ra***n" surname): marked as locked, never passed off as the value, with the action that
 * unlocks it and what that costs.
 */
import { Button } from '@mantine/core';
import type { Person } from '../../../../shared/domain';

export interface UnlockOffer {
  /** Who unlocks it, by display name. */
  providerLabel: string;
  /** Credits one enrichment costs, from main's estimate; undefined while unknown. */
  credits: number | undefined;
  unlock: (p: Person) => void;
}

/**
 * The obfuscated surname when the provider sent one. The `locked` field arrives with the providers
 * branch's domain change; until then search rows have none and the plain name shows.
 */
export function lockedLastName(p: Person & { locked?: { lastName?: { preview?: string } } }): string | undefined {
  return p.locked?.lastName?.preview;
}

export function costText(credits: number | undefined): string {
  if (credits === undefined) return 'cost shown in the estimate';
  return credits === 1 ? '1 credit' : `${credits.toLocaleString()} credits`;
}

export function LockedValue({
  what,
  preview,
  offer,
  row,
}: {
  what: string;
  preview?: string;
  offer: UnlockOffer;
  row: Person;
}) {
  return (
    <span className="locked-value">
      <span className="locked-tag" title={`Locked by ${offer.providerLabel}`}>
        {preview ? `${preview} · locked` : 'Locked'}
      </span>
      <Button
        variant="subtle"
        size="compact-xs"
        aria-label={`Enrich · ${costText(offer.credits)} to unlock the ${what}`}
        onClick={(e) => {
          e.stopPropagation();
          offer.unlock(row);
        }}
      >
        Enrich · {costText(offer.credits)}
      </Button>
    </span>
  );
}
