/**
 * What a record page shows before it has a record: a short loading line while IndexedDB answers,
 * and a real "not found here" page (with the way back) when nothing saved or seen matches the link.
 */
import { Anchor, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { PageId } from '../app/navigation';
import { navigate } from '../app/navigation';

export function RecordLoading({ what }: { what: string }) {
  return (
    <Group gap="sm" role="status" aria-live="polite">
      <Loader size="sm" />
      <Text>Loading {what}…</Text>
    </Group>
  );
}

export function RecordNotFound(props: { title: string; text: string; back: { page: PageId; label: string } }) {
  return (
    <Stack gap="sm" maw={560} component="section" className="page">
      <Title order={1}>{props.title}</Title>
      <Text>{props.text}</Text>
      <Anchor
        href={`#/${props.back.page}`}
        onClick={(e) => {
          e.preventDefault();
          navigate({ page: props.back.page });
        }}
      >
        Back to {props.back.label}
      </Anchor>
    </Stack>
  );
}
