/**
 * Enrich CSV: drop (anywhere) or pick a file -> check how it was read and map its columns ->
 * choose the provider waterfall, fields and budget, see the credit estimate -> run with live
 * progress, pause / resume / cancel / raise the budget -> export (at any point). Each step is a
 * component in page/; every state change is a named action of page/store.
 */
import { DropStep, ImportingStep } from './page/DropStep';
import { EstimateStep } from './page/EstimateStep';
import { MapStep } from './page/MapStep';
import { PlanStep } from './page/PlanStep';
import { RunStep } from './page/RunStep';
import { Stepper } from './page/Stepper';
import { useCsvJob } from './page/store';

export function EnrichCsvPage() {
  const step = useCsvJob((s) => s.step);
  return (
    <section className="page">
      <h1>Enrich CSV</h1>
      <Stepper />
      {step === 'pick' && <DropStep />}
      {step === 'importing' && <ImportingStep />}
      {step === 'map' && (
        <>
          <MapStep />
          <PlanStep />
          <EstimateStep />
        </>
      )}
      {step === 'run' && <RunStep />}
    </section>
  );
}
