/** The parts the people and company searches share: the tab bar, and the results line with paging. */
import { Button } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AppError } from '../../../../shared/domain';
import { errorText } from '../../lib/format';
import type { RemoteSearchState } from './remoteSearch';

export function SearchTabs<T extends string>({
  tabs,
  value,
  onChange,
}: {
  tabs: readonly { id: T; label: string }[];
  value: T;
  onChange: (id: T) => void;
}) {
  return (
    <div className="tabs" role="tablist">
      {tabs.map((t) => (
        <button key={t.id} role="tab" aria-selected={value === t.id} onClick={() => onChange(t.id)}>
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** Error, unapplied filters, result count, credits, Previous / Next, and the caller's actions. */
export function ResultsBar({
  state,
  providerLabel,
  onPrevious,
  onNext,
  children,
}: {
  state: Pick<
    RemoteSearchState<unknown>,
    'status' | 'error' | 'unsupported' | 'total' | 'items' | 'history' | 'creditsSpent' | 'nextPage'
  >;
  providerLabel: string | undefined;
  onPrevious: () => void;
  onNext: () => void;
  children?: ReactNode;
}) {
  const s = state;
  return (
    <>
      {s.status === 'error' && s.error && (
        <p className="error" role="alert">
          {errorText(s.error as AppError)}
        </p>
      )}
      {s.unsupported.length > 0 && (
        <p className="warning" role="status">
          Not applied by {providerLabel}: {s.unsupported.join(', ')}.
        </p>
      )}
      {s.status !== 'idle' && (
        <div className="toolbar" aria-live="polite">
          <span data-testid="result-summary">
            {s.total !== undefined ? `${s.total.toLocaleString()} results` : `${s.items.length} results on this page`}
            {s.history.length > 0 ? ` · page ${s.history.length}` : ''} · {s.creditsSpent} credits for this search
          </span>
          {/* What every lookup cost, kept across restarts, is on the Usage page. */}
          <a href="#/usage">Usage</a>
          <Button
            size="xs"
            variant="default"
            onClick={onPrevious}
            disabled={s.history.length < 2 || s.status === 'loading'}
          >
            Previous
          </Button>
          <Button size="xs" variant="default" onClick={onNext} disabled={!s.nextPage || s.status === 'loading'}>
            Next
          </Button>
          {children}
        </div>
      )}
    </>
  );
}
