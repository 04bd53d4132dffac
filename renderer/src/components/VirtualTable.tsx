/**
 * A virtualized, keyboard-navigable table with multi-select. Only visible rows are in the DOM, so
 * it stays smooth at 100,000 rows. Up/Down move the cursor, Space toggles selection, Shift+click
 * selects a range, Enter opens the row, Ctrl/Cmd+A selects all.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

export interface Column<T> {
  id: string;
  header: string;
  width: number | string;
  cell: (row: T) => ReactNode;
  /** Present when the column can be sorted: the header becomes a button. */
  sortable?: boolean;
}

export type SortState = { column: string; direction: 'ascending' | 'descending' } | null;

interface Props<T> {
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  selected?: ReadonlySet<string>;
  onSelectedChange?: (next: Set<string>) => void;
  onOpen?: (row: T) => void;
  height?: number;
  label: string;
  rowHeight?: number;
  emptyText?: string;
  /** The sort the rows are in (the caller sorts); a sortable header click asks for the next one. */
  sort?: SortState;
  onSortChange?: (next: SortState) => void;
}

export function VirtualTable<T>({
  rows,
  columns,
  rowKey,
  selected,
  onSelectedChange,
  onOpen,
  height = 520,
  label,
  rowHeight = 34,
  emptyText = 'Nothing to show.',
  sort,
  onSortChange,
}: Props<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState(0);
  const anchor = useRef<number | null>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });

  useEffect(() => {
    if (cursor >= rows.length) setCursor(Math.max(0, rows.length - 1));
  }, [rows.length, cursor]);

  const toggle = useCallback(
    (index: number, range: boolean) => {
      if (!onSelectedChange || !selected) return;
      const next = new Set(selected);
      if (range && anchor.current !== null) {
        const [from, to] = anchor.current < index ? [anchor.current, index] : [index, anchor.current];
        for (let i = from; i <= to; i++) next.add(rowKey(rows[i]!));
      } else {
        const key = rowKey(rows[index]!);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        anchor.current = index;
      }
      onSelectedChange(next);
    },
    [onSelectedChange, selected, rowKey, rows],
  );

  function onKeyDown(e: React.KeyboardEvent) {
    // Keys typed in a control inside a row (an actions menu, even one portalled out) are that control's.
    if (rows.length === 0 || e.target !== e.currentTarget) return;
    const move = (to: number) => {
      const clamped = Math.max(0, Math.min(rows.length - 1, to));
      setCursor(clamped);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
      if (e.shiftKey && onSelectedChange) toggle(clamped, true);
    };
    if (e.key === 'ArrowDown') move(cursor + 1);
    else if (e.key === 'ArrowUp') move(cursor - 1);
    else if (e.key === 'PageDown') move(cursor + 15);
    else if (e.key === 'PageUp') move(cursor - 15);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(rows.length - 1);
    else if (e.key === ' ' && onSelectedChange) toggle(cursor, false);
    else if (e.key === 'Enter' && onOpen) onOpen(rows[cursor]!);
    else if ((e.key === 'a' || e.key === 'A') && (e.ctrlKey || e.metaKey) && onSelectedChange) {
      onSelectedChange(new Set([...(selected ?? []), ...rows.map(rowKey)]));
    } else return;
    e.preventDefault();
  }

  const template = [
    onSelectedChange ? '36px' : null,
    ...columns.map((c) => (typeof c.width === 'number' ? `${c.width}px` : c.width)),
  ]
    .filter(Boolean)
    .join(' ');
  // The selection may hold rows that are not shown (other pages of a search): "all" means all shown.
  const allSelected = !!selected && rows.length > 0 && rows.every((r) => selected.has(rowKey(r)));
  const toggleAll = () => {
    if (!onSelectedChange) return;
    const next = new Set(selected);
    for (const r of rows) {
      if (allSelected) next.delete(rowKey(r));
      else next.add(rowKey(r));
    }
    onSelectedChange(next);
  };

  return (
    <div
      className="vtable"
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length}
      aria-multiselectable={!!onSelectedChange}
    >
      <div className="vtable-head" role="row" style={{ gridTemplateColumns: template }}>
        {onSelectedChange && (
          <span role="columnheader">
            <input type="checkbox" aria-label="Select all" checked={allSelected} onChange={toggleAll} />
          </span>
        )}
        {columns.map((c) => {
          const direction = sort?.column === c.id ? sort.direction : undefined;
          return (
            <span key={c.id} role="columnheader" aria-sort={c.sortable ? (direction ?? 'none') : undefined}>
              {c.sortable && onSortChange ? (
                <button
                  type="button"
                  className="vtable-sort"
                  onClick={() =>
                    onSortChange(
                      direction === 'ascending'
                        ? { column: c.id, direction: 'descending' }
                        : direction === 'descending'
                          ? null
                          : { column: c.id, direction: 'ascending' },
                    )
                  }
                >
                  {c.header}
                  <span aria-hidden="true">
                    {direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''}
                  </span>
                </button>
              ) : (
                c.header
              )}
            </span>
          );
        })}
      </div>
      <div
        ref={scrollRef}
        className="vtable-body"
        role="rowgroup"
        // A short table is as tall as its rows (no empty box under three people); a long one scrolls.
        style={{ height: rows.length ? Math.min(height, rows.length * rowHeight + 2) : undefined, overflow: 'auto' }}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="vtable-body"
      >
        {rows.length === 0 ? (
          <p className="muted vtable-empty">{emptyText}</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              const key = rowKey(row);
              const isSelected = !!selected?.has(key);
              return (
                <div
                  key={key}
                  role="row"
                  aria-rowindex={item.index + 1}
                  aria-selected={isSelected}
                  data-cursor={item.index === cursor || undefined}
                  className="vtable-row"
                  style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: rowHeight }}
                  onClick={(e) => {
                    setCursor(item.index);
                    if (e.shiftKey) toggle(item.index, true);
                  }}
                  onDoubleClick={() => onOpen?.(row)}
                >
                  {onSelectedChange && (
                    <span role="gridcell">
                      <input
                        type="checkbox"
                        aria-label={`Select row ${item.index + 1}`}
                        checked={isSelected}
                        onChange={(e) => toggle(item.index, (e.nativeEvent as MouseEvent).shiftKey)}
                        tabIndex={-1}
                      />
                    </span>
                  )}
                  {columns.map((c) => (
                    <span key={c.id} role="gridcell">
                      {c.cell(row)}
                    </span>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
