/**
 * The columns a rep can show in "Find people" results, the chooser, and how a column sorts.
 * Sorting orders the page shown (the provider's own order is kept between pages): no provider we
 * call documents a sort for people search that we send, so nothing is asked of it.
 */
import { Button, Checkbox, Popover, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Person } from '../../../../shared/domain';
import type { Column, SortState } from '../../components/VirtualTable';
import type { StoredOrganization } from '../../db/schema';
import { locationText, organizationName, personName } from '../../lib/format';
import { LockedValue, lockedLastName, type UnlockOffer } from './LockedValue';

export interface ResultContext {
  savedIds: ReadonlySet<string>;
  organizations: ReadonlyMap<string, StoredOrganization>;
  unlock: UnlockOffer;
  actions: (p: Person) => ReactNode;
}

interface ResultColumn {
  id: string;
  header: string;
  width: string | number;
  /** Shown until the rep chooses otherwise. */
  initial: boolean;
  /** Can be hidden (name and the saved mark always show). */
  optional: boolean;
  sortKey?: (p: Person, ctx: ResultContext) => string | number | undefined;
  cell: (p: Person, ctx: ResultContext) => ReactNode;
}

function bestEmail(p: Person) {
  return p.emails.find((e) => e.status === 'verified') ?? p.emails[0];
}

const RESULT_COLUMNS: ResultColumn[] = [
  {
    id: 'saved',
    header: 'New/Saved',
    width: 90,
    initial: true,
    optional: false,
    sortKey: (p, ctx) => (ctx.savedIds.has(p.id) ? 0 : 1),
    cell: (p, ctx) =>
      ctx.savedIds.has(p.id) ? (
        <span className="saved-mark" title="Already saved">
          Saved
        </span>
      ) : (
        <span className="muted">New</span>
      ),
  },
  {
    id: 'name',
    header: 'Name',
    width: '1.2fr',
    initial: true,
    optional: false,
    sortKey: (p) => personName(p).toLowerCase(),
    cell: (p, ctx) => {
      const surname = lockedLastName(p);
      if (p.lastName || !surname) return personName(p);
      return (
        <>
          {p.firstName}{' '}
          <LockedValue
            what={`surname of ${p.firstName ?? 'this person'}`}
            preview={surname}
            offer={ctx.unlock}
            row={p}
          />
        </>
      );
    },
  },
  {
    id: 'title',
    header: 'Title',
    width: '1.4fr',
    initial: true,
    optional: true,
    sortKey: (p) => p.title?.toLowerCase(),
    cell: (p) => p.title ?? '',
  },
  {
    id: 'company',
    header: 'Company',
    width: '1fr',
    initial: true,
    optional: true,
    sortKey: (p) => organizationName(p.organization).toLowerCase(),
    cell: (p) => organizationName(p.organization),
  },
  {
    id: 'size',
    header: 'Company size',
    width: '0.7fr',
    initial: false,
    optional: true,
    sortKey: (p, ctx) => ctx.organizations.get(p.id)?.employeeCount,
    cell: (p, ctx) => ctx.organizations.get(p.id)?.employeeCount?.toLocaleString() ?? '—',
  },
  {
    id: 'industry',
    header: 'Industry',
    width: '0.9fr',
    initial: false,
    optional: true,
    sortKey: (p, ctx) => ctx.organizations.get(p.id)?.industry?.toLowerCase(),
    cell: (p, ctx) => ctx.organizations.get(p.id)?.industry ?? '—',
  },
  {
    id: 'location',
    header: 'Location',
    width: '1fr',
    initial: true,
    optional: true,
    sortKey: (p) => locationText(p.location).toLowerCase(),
    cell: (p) => locationText(p.location),
  },
  {
    id: 'email',
    header: 'Email',
    width: '1.9fr',
    initial: true,
    optional: true,
    sortKey: (p) => bestEmail(p)?.address.toLowerCase(),
    cell: (p, ctx) => {
      const e = bestEmail(p);
      if (e) return e.address;
      return p.hasEmail ? <LockedValue what={`email of ${personName(p)}`} offer={ctx.unlock} row={p} /> : '';
    },
  },
  {
    id: 'emailStatus',
    header: 'Email status',
    width: '0.8fr',
    initial: false,
    optional: true,
    sortKey: (p) => bestEmail(p)?.status,
    cell: (p) => bestEmail(p)?.status ?? (p.hasEmail ? 'locked' : ''),
  },
  {
    id: 'phone',
    header: 'Phone',
    width: '1fr',
    initial: false,
    optional: true,
    sortKey: (p) => p.phones[0]?.number,
    cell: (p, ctx) => {
      const phone = p.phones[0];
      if (phone) return phone.number;
      return p.hasPhone ? <LockedValue what={`phone of ${personName(p)}`} offer={ctx.unlock} row={p} /> : '';
    },
  },
];

export const OPTIONAL_COLUMNS = RESULT_COLUMNS.filter((c) => c.optional).map((c) => ({ id: c.id, label: c.header }));
export const INITIAL_COLUMNS = RESULT_COLUMNS.filter((c) => c.initial && c.optional).map((c) => c.id);

/** The table's columns for the rep's choice, with a last column of row actions. */
export function resultColumns(shown: readonly string[], ctx: ResultContext): Column<Person>[] {
  const columns: Column<Person>[] = RESULT_COLUMNS.filter((c) => !c.optional || shown.includes(c.id)).map((c) => ({
    id: c.id,
    header: c.header,
    width: c.width,
    sortable: !!c.sortKey,
    cell: (p) => c.cell(p, ctx),
  }));
  columns.push({ id: 'actions', header: 'Actions', width: 84, cell: ctx.actions });
  return columns;
}

/** Rows in the asked order; missing values last either way, ties keep the provider's order. */
export function sortRows(rows: readonly Person[], sort: SortState, ctx: ResultContext): Person[] {
  const column = sort && RESULT_COLUMNS.find((c) => c.id === sort.column);
  if (!sort || !column?.sortKey) return [...rows];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keyed = rows.map((row, index) => ({ row, index, key: column.sortKey!(row, ctx) }));
  keyed.sort((a, b) => {
    if (a.key === undefined || a.key === '') return b.key === undefined || b.key === '' ? a.index - b.index : 1;
    if (b.key === undefined || b.key === '') return -1;
    if (a.key < b.key) return -sign;
    if (a.key > b.key) return sign;
    return a.index - b.index;
  });
  return keyed.map((k) => k.row);
}

export function ColumnChooser({ shown, onChange }: { shown: readonly string[]; onChange: (ids: string[]) => void }) {
  return (
    <Popover position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Button variant="default" size="compact-md">
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Checkbox.Group label="Columns shown" value={[...shown]} onChange={onChange}>
          <Stack gap={6} mt={6}>
            {OPTIONAL_COLUMNS.map((c) => (
              <Checkbox key={c.id} value={c.id} label={c.label} />
            ))}
          </Stack>
        </Checkbox.Group>
      </Popover.Dropdown>
    </Popover>
  );
}
