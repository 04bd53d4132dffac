/** One result row's actions: open, save, add to a list, enrich. Keys inside the menu stay the menu's. */
import { ActionIcon, Menu, Modal } from '@mantine/core';
import { useState } from 'react';
import type { Person } from '../../../../shared/domain';
import { personName } from '../../lib/format';
import { SaveToList } from '../lists/SaveToList';
import { costText } from './LockedValue';

export interface RowActionHandlers {
  open: (p: Person) => void;
  save: (rows: Person[], target: { listId?: string; newListName?: string }) => Promise<void>;
  enrich: (p: Person) => void;
  enrichCredits: number | undefined;
}

export function RowActions({ row, handlers }: { row: Person; handlers: RowActionHandlers }) {
  const [listOpen, setListOpen] = useState(false);
  const name = personName(row);
  return (
    <>
      {/* No focus placeholder: a focusable div inside role=menu is an ARIA error (axe aria-required-children). */}
      <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            aria-label={`Actions for ${name}`}
            onClick={(e) => e.stopPropagation()}
            onDoubleClick={(e) => e.stopPropagation()}
          >
            <span aria-hidden="true">⋯</span>
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => handlers.open(row)}>Open</Menu.Item>
          <Menu.Item onClick={() => void handlers.save([row], {})}>Save</Menu.Item>
          <Menu.Item onClick={() => setListOpen(true)}>Add to list…</Menu.Item>
          <Menu.Item onClick={() => handlers.enrich(row)}>Enrich ({costText(handlers.enrichCredits)})</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={listOpen} onClose={() => setListOpen(false)} title={`Add ${name} to a list`}>
        <SaveToList
          kind="people"
          count={1}
          onSave={async (target) => {
            await handlers.save([row], target);
            setListOpen(false);
          }}
        />
      </Modal>
    </>
  );
}
