/** Step 2: how the file was read (encoding, delimiter, header, problem rows) and what each column is. */
import { Alert, Checkbox, Group, NativeSelect, Paper, Table, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../../db/schema';
import { readRows } from '../rows';
import {
  CSV_DELIMITERS,
  CSV_ENCODINGS,
  MAPPING_TARGETS,
  TARGET_LABELS,
  encodingLabel,
  toPersonQuery,
  type MappingTarget,
} from '../index';
import { csvActions, useCsvJob } from './store';

export function MapStep() {
  const report = useCsvJob((s) => s.report)!;
  const fileName = useCsvJob((s) => s.fileName);
  const file = useCsvJob((s) => s.file);
  const jobId = useCsvJob((s) => s.jobId);
  const mapping = useCsvJob((s) => s.mapping);
  const preview = useLiveQuery(() => readRows(db(), jobId!, 0, 5), [jobId]);
  return (
    <>
      <Paper withBorder p="md">
        <Title order={2} size="h3" mb="sm">
          {fileName}: {report.rowCount.toLocaleString('en-US')} rows
        </Title>
        <Group align="flex-end" gap="md">
          <NativeSelect
            label="Encoding"
            value={report.dialect.encoding}
            onChange={(e) => csvActions.reread({ encoding: e.currentTarget.value as never })}
            disabled={!file}
            data={CSV_ENCODINGS.map((enc) => ({ value: enc, label: encodingLabel(enc) }))}
          />
          <NativeSelect
            label="Delimiter"
            value={report.dialect.delimiter}
            onChange={(e) => csvActions.reread({ delimiter: e.currentTarget.value as never })}
            disabled={!file}
            data={CSV_DELIMITERS.map((d) => ({ value: d, label: d === '\t' ? 'Tab' : d }))}
          />
          <Checkbox
            mb={8}
            label="First row is a header"
            checked={report.dialect.hasHeader}
            onChange={(e) => csvActions.reread({ hasHeader: e.currentTarget.checked })}
            disabled={!file}
          />
        </Group>
        <Text size="xs" c="dimmed" mt={6}>
          {report.dialect.encodingReason}
        </Text>
        {report.warnings.map((w) => (
          <Alert key={w} color="yellow" mt="sm" p="xs" role="note">
            {w}
          </Alert>
        ))}
        {report.issueCount > 0 && (
          <details>
            <summary>
              {report.issueCount.toLocaleString()} {report.issueCount === 1 ? 'row needs' : 'rows need'} a look (kept,
              not dropped)
            </summary>
            <ul data-testid="parse-issues">
              {report.issues.slice(0, 50).map((i) => (
                <li key={`${i.line}-${i.message}`}>{issueText(i.line, i.message)}</li>
              ))}
            </ul>
          </details>
        )}
      </Paper>

      <section aria-label="Columns">
        <Title order={2} size="h3" mt="md" mb="sm">
          Columns
        </Title>
        <Table aria-label="Column mapping" striped withTableBorder verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Column</Table.Th>
              <Table.Th>Use as</Table.Th>
              <Table.Th>First values</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.headers.map((h, i) => (
              <Table.Tr key={`${h}-${i}`}>
                <Table.Td>{h}</Table.Td>
                <Table.Td>
                  <NativeSelect
                    size="xs"
                    aria-label={`Use column ${h} as`}
                    value={mapping[String(i)] ?? 'keep'}
                    onChange={(e) => csvActions.setColumnTarget(i, e.currentTarget.value as MappingTarget)}
                    data={MAPPING_TARGETS.map((t) => ({ value: t, label: TARGET_LABELS[t] }))}
                  />
                </Table.Td>
                <Table.Td c="dimmed" fz="sm">
                  {(preview ?? [])
                    .map((r) => r.values[i] ?? '')
                    .filter(Boolean)
                    .slice(0, 3)
                    .join(' · ')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Title order={3} size="h5" mt="md" mb={4}>
          First rows as they will be sent
        </Title>
        <ol className="muted query-preview" data-testid="query-preview">
          {(preview ?? []).map((r) => {
            const q = toPersonQuery(r.values, mapping);
            return (
              <li key={r.index}>
                {q
                  ? Object.entries(q)
                      .filter(([, v]) => typeof v === 'string')
                      .map(([k, v]) => `${k}: ${v}`)
                      .join(', ')
                  : 'No usable identifier: will be skipped'}
              </li>
            );
          })}
        </ol>
      </section>
    </>
  );
}

/** "Line 3: …", once: a message that already names its line keeps its own prefix. */
export function issueText(line: number, message: string): string {
  return /^line \d+/i.test(message) ? message : `Line ${line}: ${message}`;
}
