/**
 * The frame both provider searches share (people on Search, companies on Companies): one form with the
 * filter rail beside the results, or a "Show filters" button when the rep folded it away (remembered per
 * page), and the applied-filters line above the results. The page supplies what goes below it.
 */
import { Button } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import type { ReactNode } from 'react';
import type { FilterField } from '../../lib/filters';
import { FilterRail, type FilterRailProps } from './FilterRail';
import { FilterSummary } from './FilterSummary';

interface Props {
  /** The form's accessible name ("Find people"). */
  label: string;
  /** localStorage key for whether the rail is open. */
  railKey: string;
  loading: boolean;
  onSearch: () => void;
  rail: Omit<FilterRailProps, 'footer' | 'onCollapse'>;
  /** Every field the summary may name (the rail may show fewer). */
  summaryFields: FilterField[];
  /** Who a search without filters covers ("everyone", "every company"). */
  everything?: string;
  children: ReactNode;
}

export function SearchLayout({ label, railKey, loading, onSearch, rail, summaryFields, everything, children }: Props) {
  const [railOpen, setRailOpen] = useLocalStorage({ key: railKey, defaultValue: true });
  const searchButton = (
    <Button type="submit" loading={loading} loaderProps={{ type: 'dots' }}>
      Search
    </Button>
  );
  return (
    <form
      className={railOpen ? 'search-layout' : 'search-layout rail-closed'}
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onSearch();
      }}
    >
      {railOpen && <FilterRail {...rail} footer={searchButton} onCollapse={() => setRailOpen(false)} />}
      <div className="search-main">
        <div className="toolbar">
          {!railOpen && (
            <>
              <Button variant="default" size="compact-md" onClick={() => setRailOpen(true)} aria-expanded={false}>
                Show filters
              </Button>
              {searchButton}
            </>
          )}
          <FilterSummary
            fields={summaryFields}
            values={rail.values}
            supported={rail.supported}
            providerLabel={rail.providerLabel}
            onClear={() => rail.onChange({})}
            {...(everything ? { everything } : {})}
          />
        </div>
        {children}
      </div>
    </form>
  );
}
