/** Step 4: what the plan can cost before anything is spent, then Start. */
import { useProviders } from '../../../app/providers';
import { planProblems } from '../index';
import { csvActions, useCsvJob } from './store';

export function EstimateStep() {
  const plan = useCsvJob((s) => s.plan);
  const estimate = useCsvJob((s) => s.estimate);
  const estimating = useCsvJob((s) => s.estimating);
  const error = useCsvJob((s) => s.error);
  const problems = planProblems(plan);
  return (
    <div className="section">
      <div className="toolbar">
        <button type="button" onClick={() => void csvActions.estimate()} disabled={estimating || problems.length > 0}>
          {estimating ? 'Estimating…' : 'Estimate credits'}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void csvActions.start()}
          disabled={!estimate || problems.length > 0}
        >
          Start enrichment
        </button>
        <button type="button" onClick={csvActions.reset}>
          Start over
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {estimate && <EstimateTable />}
    </div>
  );
}

function EstimateTable() {
  const estimate = useCsvJob((s) => s.estimate)!;
  const plan = useCsvJob((s) => s.plan);
  const providers = useProviders((p) => p.providers);
  const e = estimate.eligibility;
  const label = (id: string) => providers.find((p) => p.id === id)?.label ?? id;
  return (
    <div className="card" data-testid="estimate">
      <p>
        {e.total.toLocaleString()} rows. {e.noIdentifier.toLocaleString()} without a usable identifier and{' '}
        {e.noProvider.toLocaleString()} no chosen provider can look up will be skipped
        {e.complete ? `; ${e.complete.toLocaleString()} already complete` : ''}.
      </p>
      <table aria-label="Credit estimate">
        <thead>
          <tr>
            <th>Provider</th>
            <th>Rows</th>
            <th>Credits (min – max)</th>
            <th>Cost model</th>
          </tr>
        </thead>
        <tbody>
          {estimate.perProvider.map((p) => (
            <tr key={p.provider}>
              <td>{label(p.provider)}</td>
              <td>
                {p.rowsMin.toLocaleString()} – {p.rowsMax.toLocaleString()}
              </td>
              <td>
                {p.min.toLocaleString()} – {p.max.toLocaleString()}
              </td>
              <td className="muted">{p.basis}</td>
            </tr>
          ))}
          <tr>
            <th>Total</th>
            <td />
            <th data-testid="estimate-total">
              {estimate.total.min.toLocaleString()} – {estimate.total.max.toLocaleString()}
            </th>
            <td />
          </tr>
        </tbody>
      </table>
      {!estimate.withinBudget && plan.creditBudget !== undefined && (
        <p className="warning">
          The worst case is over your budget of {plan.creditBudget}: the run stops by itself before exceeding it, and
          you can raise the budget there and continue.
        </p>
      )}
    </div>
  );
}
