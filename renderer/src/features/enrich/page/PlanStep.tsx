/** Step 3: the provider waterfall, the fields to fill, the mode, the budget and the freshness window. */
import { SettingsLink } from '../../../components/SettingsLink';
import { ENRICH_FIELDS } from '../../../../../shared/domain';
import { useProviders } from '../../../app/providers';
import { humanize } from '../../../lib/filters';
import { ENRICH_BATCH_SIZES, planProblems } from '../index';
import { csvActions, useCsvJob } from './store';

export function PlanStep() {
  const plan = useCsvJob((s) => s.plan);
  const providers = useProviders((p) => p.providers);
  const usable = providers.filter((p) => ENRICH_BATCH_SIZES[p.id] && (p.sample || p.configured));
  const problems = planProblems(plan);
  return (
    <div className="section">
      <h2>Plan</h2>
      <fieldset className="card" aria-label="Providers in waterfall order">
        <legend>Providers, asked in this order (the next one only for what is still missing)</legend>
        {usable.map((p) => {
          const on = plan.providers.includes(p.id);
          return (
            <div key={p.id} className="toolbar" style={{ margin: '4px 0' }}>
              <label>
                <input type="checkbox" checked={on} onChange={() => csvActions.toggleProvider(p.id)} /> {p.label}
              </label>
              {on && (
                <>
                  <span className="muted">#{plan.providers.indexOf(p.id) + 1}</span>
                  <button
                    type="button"
                    aria-label={`Move ${p.label} up`}
                    onClick={() => csvActions.moveProvider(p.id, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={`Move ${p.label} down`}
                    onClick={() => csvActions.moveProvider(p.id, 1)}
                  >
                    ↓
                  </button>
                </>
              )}
            </div>
          );
        })}
        {providers.some((p) => ENRICH_BATCH_SIZES[p.id] && !p.sample && !p.configured) && (
          <p className="muted">
            Providers without a key are not listed: add keys in <SettingsLink />.
          </p>
        )}
      </fieldset>
      <fieldset className="card" aria-label="Fields to fill">
        <legend>Fields to fill</legend>
        {ENRICH_FIELDS.map((f) => (
          <label key={f} style={{ marginRight: 12 }}>
            <input type="checkbox" checked={plan.fields.includes(f)} onChange={() => csvActions.toggleField(f)} />{' '}
            {humanize(f)}
          </label>
        ))}
        <div className="toolbar">
          <label>
            <input
              type="radio"
              name="mode"
              checked={plan.mode === 'fill_empty'}
              onChange={() => csvActions.setPlan({ mode: 'fill_empty' })}
            />{' '}
            Fill empty cells only
          </label>
          <label>
            <input
              type="radio"
              name="mode"
              checked={plan.mode === 'overwrite'}
              onChange={() => csvActions.setPlan({ mode: 'overwrite' })}
            />{' '}
            Overwrite
          </label>
          <label>
            Credit budget{' '}
            <input
              type="number"
              min={0}
              aria-label="Credit budget"
              placeholder="No limit"
              value={plan.creditBudget ?? ''}
              onChange={(e) =>
                csvActions.setPlan({ creditBudget: e.target.value === '' ? undefined : Number(e.target.value) })
              }
              style={{ width: 100 }}
            />
          </label>
          <label>
            Reuse lookups newer than{' '}
            <input
              type="number"
              min={0}
              aria-label="Freshness days"
              value={plan.freshnessDays}
              onChange={(e) => csvActions.setPlan({ freshnessDays: Number(e.target.value) })}
              style={{ width: 70 }}
            />{' '}
            days
          </label>
        </div>
      </fieldset>
      {problems.map((p) => (
        <p key={p} className="warning">
          {p}
        </p>
      ))}
    </div>
  );
}
