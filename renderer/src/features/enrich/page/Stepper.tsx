/** Where the rep is in the flow: drop, map, plan, estimate, run, done. */
import { useCsvJob } from './store';

export const STEP_NAMES = ['Drop', 'Map', 'Plan', 'Estimate', 'Run', 'Done'] as const;

export function currentStepIndex(s: {
  step: string;
  estimate?: unknown;
  progress?: { state: string } | undefined;
}): number {
  if (s.step === 'pick' || s.step === 'importing') return 0;
  if (s.step === 'map') return s.estimate ? 3 : 1;
  const state = s.progress?.state;
  return state === 'done' || state === 'cancelled' ? 5 : 4;
}

export function Stepper() {
  const index = useCsvJob(currentStepIndex);
  return (
    <ol className="stepper" aria-label="Steps">
      {STEP_NAMES.map((name, i) => (
        <li key={name} aria-current={i === index ? 'step' : undefined} className={i < index ? 'done' : undefined}>
          {name}
        </li>
      ))}
    </ol>
  );
}
