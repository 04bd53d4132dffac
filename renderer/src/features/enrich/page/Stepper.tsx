/** Where the rep is in the flow: drop, map, plan, estimate, run, done (Mantine's Stepper, read-only). */
import { Stepper as MantineStepper } from '@mantine/core';
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
  // Done is a state, not a step to do: once there, every step shows its tick.
  const active = index === STEP_NAMES.length - 1 ? STEP_NAMES.length : index;
  return (
    <nav aria-label="Steps">
      <MantineStepper active={active} size="sm" mb="md" allowNextStepsSelect={false}>
        {STEP_NAMES.map((name, i) => (
          <MantineStepper.Step key={name} label={name} aria-current={i === index ? 'step' : undefined} />
        ))}
      </MantineStepper>
    </nav>
  );
}
