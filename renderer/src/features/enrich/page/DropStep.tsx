/** Step 1: drop or pick a file; unfinished and finished jobs to open again. */
import { Alert, Button, Group, Loader, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../../db/schema';
import { ExportButtons } from './ExportButtons';
import { formatCredits } from './format';
import { csvActions, useCsvJob } from './store';

export function DropStep() {
  const error = useCsvJob((s) => s.error);
  const jobs = useLiveQuery(() => db().csvJobs.orderBy('createdAt').reverse().limit(20).toArray(), []);
  const resumable = (jobs ?? []).filter((j) => j.status === 'running' || j.status === 'paused');
  const finished = (jobs ?? []).filter((j) => j.status === 'done' || j.status === 'cancelled');
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="xl" className="dropzone" data-testid="dropzone">
        <Stack align="center" gap="xs">
          <Text fw={600}>Drop a CSV file anywhere on this window</Text>
          <Text size="sm" c="dimmed">
            Comma, semicolon or tab separated; any common encoding. Nothing is spent until you start.
          </Text>
          <label className="button-like">
            Choose a file…
            <input
              type="file"
              accept=".csv,.tsv,.txt,text/csv"
              aria-label="Choose a CSV file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void csvActions.importFile(file);
              }}
            />
          </label>
        </Stack>
      </Paper>
      {error && (
        <Alert color="red" title="The file could not be read" role="alert">
          {error}
        </Alert>
      )}
      {jobs === undefined && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            Looking for earlier enrichments…
          </Text>
        </Group>
      )}
      {resumable.length > 0 && (
        <section aria-label="Unfinished enrichments">
          <Title order={2} size="h4" mb="xs">
            Unfinished enrichments
          </Title>
          <Stack gap="xs">
            {resumable.map((job) => (
              <Paper key={job.id} withBorder p="sm">
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm">
                    {job.fileName}: {job.status === 'running' ? 'interrupted' : 'paused'}
                    {job.pausedReason ? ` — ${job.pausedReason}` : ''}
                  </Text>
                  {job.pauseKind === 'budget' ? (
                    <Button size="xs" onClick={() => void csvActions.openJob(job.id)}>
                      Open
                    </Button>
                  ) : (
                    <Button size="xs" onClick={() => void csvActions.resumeJob(job.id)}>
                      Resume
                    </Button>
                  )}
                </Group>
              </Paper>
            ))}
          </Stack>
        </section>
      )}
      {finished.length > 0 && (
        <section aria-label="Finished enrichments">
          <Title order={2} size="h4" mb="xs">
            Finished
          </Title>
          <Stack gap="xs">
            {finished.map((job) => (
              <Paper key={job.id} withBorder p="sm">
                <Group justify="space-between">
                  <Text size="sm">
                    {job.fileName} ({job.rowCount.toLocaleString('en-US')} rows, {formatCredits(job.creditsSpent)}{' '}
                    credits)
                  </Text>
                  <Group gap="xs">
                    <ExportButtons jobId={job.id} />
                  </Group>
                </Group>
              </Paper>
            ))}
          </Stack>
        </section>
      )}
    </Stack>
  );
}

export function ImportingStep() {
  const importProgress = useCsvJob((s) => s.importProgress);
  const fileName = useCsvJob((s) => s.fileName);
  const pct = importProgress?.totalBytes
    ? Math.round((importProgress.bytesRead / importProgress.totalBytes) * 100)
    : undefined;
  return (
    <Paper withBorder p="lg" role="status">
      <Stack gap="sm">
        <Text>
          Reading {fileName}… {importProgress ? `${importProgress.rows.toLocaleString('en-US')} rows` : ''}
          {pct !== undefined ? ` (${pct}%)` : ''}
        </Text>
        <Progress value={pct ?? 0} aria-label="Reading progress" animated={pct === undefined} />
        <Group>
          <Button variant="default" onClick={csvActions.cancelImport}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
