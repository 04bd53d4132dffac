/**
 * The person's fields, each with its source and date beside it and an inline editor, and the values
 * a provider holds locked (masked surname, an email or direct phone it says exists) shown as locked
 * with the enrichment that unlocks them and its cost.
 */
import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import {
  DEPARTMENTS,
  SENIORITIES,
  type EnrichField,
  type LockedValue as LockedValueOf,
  type Person,
} from '../../../../shared/domain';
import { FieldRow, FieldTable, sourceText, type FieldEditor } from '../../components/FieldRow';
import { editPersonField } from '../../db/people';
import { humanize } from '../../lib/filters';
import { locationText, organizationName } from '../../lib/format';
import { LockedValue, type LockedInfo } from './LockedValue';

type LockedEntry = LockedValueOf;
/** A person as the page shows them: the domain's locked values (`locked`, `hasDirectPhone`) included. */
export type PersonWithLocks = Person;

const options = (tokens: readonly string[]) => tokens.map((t) => ({ value: t, label: humanize(t) }));
const list = (text: string) =>
  text
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The edited text as the field's value (the domain schema validates it on save). */
function valueOf(person: Person, field: string, draft: string | string[]): unknown {
  if (Array.isArray(draft)) return draft;
  switch (field) {
    case 'emails':
      return list(draft).map(
        (address) =>
          person.emails.find((e) => e.address.toLowerCase() === address.toLowerCase()) ?? {
            address,
            status: 'unknown',
            kind: 'unknown',
          },
      );
    case 'phones':
      return list(draft).map((number) => {
        const known = person.phones.find((p) => p.number === number);
        return known ?? { number, e164: /^\+\d{7,15}$/.test(number.replace(/[\s().-]/g, '')), kind: 'other' };
      });
    case 'location':
      return draft.trim() === locationText(person.location) ? person.location : draft.trim() ? { raw: draft } : '';
    case 'organization':
      return draft.trim() === organizationName(person.organization)
        ? person.organization
        : draft.trim()
          ? { name: draft.trim(), providerIds: {} }
          : '';
    default:
      return draft;
  }
}

export function PersonFields(props: {
  person: PersonWithLocks;
  editable: boolean;
  labelOf: (id: string) => string;
  /** Who would be asked to unlock, and at what price, for each locked field. */
  unlockWith: (field: EnrichField) => LockedInfo;
  onUnlock: (field: EnrichField) => void;
  busy: boolean;
}) {
  const { person } = props;
  const locked = person.locked ?? {};
  const lockedInfo = (entry: LockedEntry | undefined, field: EnrichField): LockedInfo =>
    entry
      ? { preview: entry.preview, providerLabel: props.labelOf(entry.provider), credits: entry.credits }
      : props.unlockWith(field);
  const lockedNode = (what: string, field: EnrichField, entry: LockedEntry | undefined) => (
    <LockedValue
      what={what}
      locked={lockedInfo(entry, field)}
      onUnlock={() => props.onUnlock(field)}
      busy={props.busy}
    />
  );

  const emailLocked = !person.emails.length && (person.hasEmail || !!locked.email);
  const phoneLocked =
    !person.phones.length &&
    (person.hasPhone || !!locked.phone || person.hasDirectPhone === 'yes' || person.hasDirectPhone === 'maybe');

  const rows: { field: string; label: string; value: ReactNode; editor?: FieldEditor }[] = [
    {
      field: 'firstName',
      label: 'First name',
      value: person.firstName,
      editor: { kind: 'text', initial: person.firstName ?? '' },
    },
    {
      field: 'lastName',
      label: 'Last name',
      value: person.lastName ?? (locked.lastName ? lockedNode('Surname', 'email', locked.lastName) : undefined),
      editor: { kind: 'text', initial: person.lastName ?? '' },
    },
    { field: 'title', label: 'Title', value: person.title, editor: { kind: 'text', initial: person.title ?? '' } },
    {
      field: 'seniority',
      label: 'Seniority',
      value: person.seniority ? humanize(person.seniority) : undefined,
      editor: { kind: 'select', initial: person.seniority ?? '', options: options(SENIORITIES) },
    },
    {
      field: 'departments',
      label: 'Departments',
      value: person.departments.map(humanize).join(', ') || undefined,
      editor: { kind: 'multi', initial: person.departments, options: options(DEPARTMENTS) },
    },
    {
      field: 'organization',
      label: 'Company',
      value: organizationName(person.organization) || undefined,
      editor: { kind: 'text', initial: organizationName(person.organization) },
    },
    {
      field: 'location',
      label: 'Location',
      value: locationText(person.location) || undefined,
      editor: { kind: 'text', initial: locationText(person.location) },
    },
    {
      field: 'emails',
      label: 'Emails',
      value: person.emails.length
        ? person.emails.map((e) => `${e.address}${e.status === 'unknown' ? '' : ` (${e.status})`}`).join(', ')
        : emailLocked
          ? lockedNode('An email', 'email', locked.email)
          : undefined,
      editor: { kind: 'text', initial: person.emails.map((e) => e.address).join(', ') },
    },
    {
      field: 'phones',
      label: 'Phones',
      value: person.phones.length
        ? person.phones.map((p) => p.number).join(', ')
        : phoneLocked
          ? lockedNode(person.hasDirectPhone ? 'A direct phone' : 'A phone', 'phone', locked.phone)
          : undefined,
      editor: { kind: 'text', initial: person.phones.map((p) => p.number).join(', ') },
    },
    {
      field: 'linkedinUrl',
      label: 'LinkedIn',
      value: person.linkedinUrl ? (
        <Anchor href={person.linkedinUrl} target="_blank" rel="noreferrer noopener">
          {person.linkedinUrl}
        </Anchor>
      ) : undefined,
      editor: { kind: 'text', initial: person.linkedinUrl ?? '' },
    },
  ];
  return (
    <FieldTable label="Person details">
      {rows.map((r) => (
        <FieldRow
          key={r.field}
          label={r.label}
          value={r.value}
          source={sourceText(person.provenance[r.field], props.labelOf)}
          editor={props.editable ? r.editor : undefined}
          onSave={
            props.editable
              ? async (draft) => void (await editPersonField(person.id, r.field, valueOf(person, r.field, draft)))
              : undefined
          }
        />
      ))}
    </FieldTable>
  );
}
