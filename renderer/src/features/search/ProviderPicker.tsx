/** Chooses among the providers that can do `capability` and are usable (sample data, or a key is set). */
import { NativeSelect } from '@mantine/core';
import { SettingsLink } from '../../components/SettingsLink';
import { useEffect } from 'react';
import type { Capability, ProviderId } from '../../../../shared/domain';
import { useProviders } from '../../app/providers';

export function ProviderPicker({
  capability,
  value,
  onChange,
  label = 'Provider',
}: {
  capability: Capability;
  value: ProviderId;
  onChange: (id: ProviderId) => void;
  label?: string;
}) {
  const providers = useProviders((s) => s.providers);
  const usable = providers.filter((p) => p.capabilities.includes(capability) && (p.sample || p.configured));
  useEffect(() => {
    if (usable.length && !usable.some((p) => p.id === value)) onChange(usable[0]!.id);
  }, [usable, value, onChange]);
  const unusable = providers.filter((p) => p.capabilities.includes(capability) && !p.sample && !p.configured);
  return (
    <NativeSelect
      label={label}
      size="sm"
      className="picker"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value as ProviderId)}
      data={usable.map((p) => ({ value: p.id, label: p.label }))}
      description={
        unusable.length > 0 ? (
          <>
            {unusable.map((p) => p.label).join(', ')}: add a key in <SettingsLink /> to use.
          </>
        ) : undefined
      }
      inputWrapperOrder={['label', 'input', 'description']}
    />
  );
}
