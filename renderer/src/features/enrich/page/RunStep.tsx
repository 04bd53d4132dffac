/**
 * Steps 5 and 6: the run with live progress (pause, cancel, export what is done), a paused run
 * (resume, or at a budget stop raise the budget in place and continue), and the finished run.
 */
import { Alert, Button, Group, NumberInput, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { navigate } from '../../../app/navigation';
import { useProviders } from '../../../app/providers';
import { db } from '../../../db/schema';
import type { RunProgress } from '../index';
import { ExportButtons } from './ExportButtons';
import { formatCredits, formatEta, plural } from './format';
import { csvActions, useCsvJob } from './store';

export function RunStep() {
  const jobId = useCsvJob((s) => s.jobId)!;
  const fileName = useCsvJob((s) => s.fileName);
  const progress = useCsvJob((s) => s.progress);
  const error = useCsvJob((s) => s.error);
  const job = useLiveQuery(() => db().csvJobs.get(jobId), [jobId]);
  const state = progress?.state;
  const moving = !progress || state === 'running' || state === 'throttled';
  const finished = state === 'done' || state === 'cancelled';
  const pct = progress && progress.total ? Math.round((progress.processed / progress.total) * 100) : 0;

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {fileName}
      </Title>
      <Progress.Root size="lg" radius="sm">
        <Progress.Section
          value={pct}
          color={state === 'paused' ? 'yellow' : finished ? 'teal' : undefined}
          animated={moving}
          aria-label="Enrichment progress"
        />
      </Progress.Root>
      {progress ? (
        <ProgressFigures progress={progress} />
      ) : (
        <Text role="status" c="dimmed">
          Starting…
        </Text>
      )}
      {state === 'throttled' && (
        <Alert color="yellow" role="note">
          The provider asked us to slow down; the run continues at its pace.
        </Alert>
      )}
      {state === 'paused' && <PausedPanel progress={progress!} />}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group gap="xs">
        {moving && (
          <>
            <Button variant="default" onClick={csvActions.pause}>
              Pause
            </Button>
            <Button variant="default" color="red" onClick={() => void csvActions.cancel()}>
              Cancel
            </Button>
          </>
        )}
        {finished && (
          <>
            <Text role="status" data-testid="run-finished" fw={600}>
              {state === 'done' ? 'Finished.' : 'Cancelled.'}
            </Text>
            {(progress?.failed ?? 0) > 0 && (
              <Button variant="default" onClick={() => void csvActions.retryFailed()}>
                Retry failed rows
              </Button>
            )}
          </>
        )}
        <ExportButtons jobId={jobId} finished={finished} />
        {finished && job?.listId && (
          <Button variant="default" onClick={() => navigate({ page: 'lists', id: job.listId! })}>
            Open the list
          </Button>
        )}
        {!moving && (
          <Button variant="subtle" onClick={csvActions.reset}>
            Enrich another file
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** One figure: the number large, its word small; the space between keeps "20 enriched" readable as text. */
function Figure({ value, label, color }: { value: string; label: string; color?: string }) {
  return (
    <Paper withBorder p="xs" px="sm" miw={96}>
      <Text fz={22} fw={700} lh={1.1} c={color}>
        {value}
      </Text>{' '}
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Paper>
  );
}

function ProgressFigures({ progress }: { progress: RunProgress }) {
  const providers = useProviders((p) => p.providers);
  const label = (id: string) => providers.find((p) => p.id === id)?.label ?? id;
  const hits = Object.entries(progress.hitsByProvider);
  const moving = progress.state === 'running' || progress.state === 'throttled';
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    <Stack gap="xs">
      <Group gap="xs" data-testid="run-progress" aria-live="polite">
        <Figure value={`${n(progress.processed)} / ${n(progress.total)}`} label="rows" />{' '}
        <Figure value={n(progress.done)} label="enriched" color="teal" />{' '}
        <Figure value={n(progress.notFound)} label="not found" />{' '}
        <Figure value={n(progress.failed)} label="failed" color={progress.failed ? 'red' : undefined} />{' '}
        <Figure value={n(progress.skipped)} label="skipped" />
        {moving && (
          <Text size="sm" c="dimmed">
            {' '}
            {progress.rowsPerSecond.toFixed(1)} rows/s
            {progress.etaSeconds !== undefined && progress.pending > 0
              ? ` · about ${formatEta(progress.etaSeconds)} left`
              : ''}
          </Text>
        )}
      </Group>
      <Text data-testid="run-credits" size="sm">
        Spent {formatCredits(progress.creditsSpent)} credits
        {progress.creditBudget !== undefined ? ` of a ${formatCredits(progress.creditBudget)} budget` : ''}
        {progress.uncertainLookups > 0
          ? ` · up to ${formatCredits(progress.uncertainCredits)} credits uncertain (${plural(progress.uncertainLookups, 'lookup')} in flight when the app stopped)`
          : ''}
        {progress.fromLedger ? ` · ${plural(progress.fromLedger, 'row')} free from earlier lookups` : ''}
        {progress.reusedInRun
          ? ` · ${plural(progress.reusedInRun, 'repeated row')} answered by this run's lookups`
          : ''}
      </Text>
      {hits.length > 0 && (
        <Text size="sm" c="dimmed">
          Hits: {hits.map(([p, n]) => `${label(p)} ${n}`).join(' · ')}
        </Text>
      )}
    </Stack>
  );
}

function PausedPanel({ progress }: { progress: RunProgress }) {
  const atBudget = progress.pauseKind === 'budget';
  const needed = progress.budgetNeeded ?? 0;
  const suggested = Math.max(needed, Math.ceil((progress.creditBudget ?? 0) * 2), 1);
  const [budget, setBudget] = useState(String(suggested));
  const [problem, setProblem] = useState<string>();
  const value = Number(budget);
  function raise() {
    if (budget.trim() === '' || !Number.isFinite(value) || value < 0) return setProblem('Enter a number of credits.');
    if (value < needed)
      return setProblem(
        `A budget of ${formatCredits(value)} does not cover the next lookup: enter at least ${needed}.`,
      );
    setProblem(undefined);
    void csvActions.raiseBudgetAndResume(value);
  }
  return (
    <Paper withBorder p="md" role="region" aria-label="Paused" bg="var(--mantine-color-yellow-light)">
      <Text role="status" fw={600} mb="sm">
        Paused: {progress.pausedReason ?? 'Paused.'}
      </Text>
      <Group align="flex-end" gap="xs">
        {atBudget ? (
          <>
            <NumberInput
              label="New credit budget"
              min={0}
              allowNegative={false}
              value={budget}
              onChange={(v) => setBudget(String(v))}
              w={160}
            />
            <Button onClick={raise}>Raise budget and continue</Button>
          </>
        ) : (
          <Button onClick={() => void csvActions.resume()}>Resume</Button>
        )}
        <Button variant="default" onClick={() => void csvActions.cancel()}>
          Cancel the run
        </Button>
      </Group>
      {problem && (
        <Alert color="red" role="alert" mt="sm">
          {problem}
        </Alert>
      )}
    </Paper>
  );
}
