/**
 * What the profile says about the person beyond the contact fields, when a provider gave it: their own
 * summary, skills, and positions held (Apollo employment_history, Ocean experiences), most recent first.
 */
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Employment, Person } from '../../../../shared/domain';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2019-03" or "2019-03-01…" -> "Mar 2019"; "2019" stays; anything else is shown as written. */
export function monthText(date: string | undefined): string | undefined {
  if (!date) return undefined;
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(date);
  if (!m) return date;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  return month ? `${month} ${m[1]}` : m[1];
}

export function periodText(e: Employment): string | undefined {
  const start = monthText(e.startDate);
  const end = e.current ? 'present' : monthText(e.endDate);
  if (start && end) return `${start} – ${end}`;
  if (start) return `Since ${start}`;
  return end ? `Until ${end}` : undefined;
}

export function PersonBackground({ person }: { person: Person }) {
  const history = person.employmentHistory ?? [];
  const skills = person.skills ?? [];
  if (!person.summary && !skills.length && !history.length) return null;
  return (
    <Paper withBorder p="md" mt="md" component="section" aria-label="Background">
      <Title order={2} mb="sm">
        Background
      </Title>
      <Stack gap="md">
        {person.summary && (
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {person.summary}
          </Text>
        )}
        {skills.length > 0 && (
          <div>
            <Title order={3} size="h5" mb={6}>
              Skills
            </Title>
            <Group gap={6} role="list" aria-label="Skills">
              {skills.map((s) => (
                <Badge key={s} role="listitem" variant="light" tt="none" radius="sm">
                  {s}
                </Badge>
              ))}
            </Group>
          </div>
        )}
        {history.length > 0 && (
          <div>
            <Title order={3} size="h5" mb={6}>
              Employment history
            </Title>
            <ol className="employment-history" aria-label="Employment history">
              {history.map((e, i) => {
                const period = periodText(e);
                const where = e.organizationName ?? e.domain;
                return (
                  <li key={`${e.title ?? ''}-${where ?? ''}-${e.startDate ?? i}`}>
                    <Text size="sm" fw={500}>
                      {[e.title, where].filter(Boolean).join(' at ') || 'Position'}
                      {e.current && (
                        <Badge ml="xs" size="xs" variant="light" color="green">
                          Current
                        </Badge>
                      )}
                    </Text>
                    {period && (
                      <Text size="xs" c="dimmed">
                        {period}
                      </Text>
                    )}
                    {e.description && (
                      <Text size="xs" c="dimmed" lineClamp={3}>
                        {e.description}
                      </Text>
                    )}
                  </li>
                );
              })}
            </ol>
          </div>
        )}
      </Stack>
    </Paper>
  );
}
