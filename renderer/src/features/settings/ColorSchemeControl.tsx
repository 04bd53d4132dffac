/** Light, dark, or follow the OS: the rep's choice, kept across restarts by the theme's manager. */
import { Card, SegmentedControl, Title, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';

const CHOICES: { value: MantineColorScheme; label: string }[] = [
  { value: 'auto', label: 'Match system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function ColorSchemeControl() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <Card withBorder padding="md" component="fieldset" className="appearance">
      <Title order={2} component="legend" mb="xs">
        Appearance
      </Title>
      <SegmentedControl
        value={colorScheme}
        onChange={(value) => setColorScheme(value as MantineColorScheme)}
        data={CHOICES}
        size="sm"
        style={{ alignSelf: 'flex-start' }}
      />
    </Card>
  );
}
