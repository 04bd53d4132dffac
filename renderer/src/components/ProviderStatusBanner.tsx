/** Says once that a provider is unreachable, and that local data keeps working. */
import { useProviderStatus } from '../features/settings/providerStatus';

export function ProviderStatusBanner() {
  const unreachable = useProviderStatus((s) => s.unreachable);
  const names = Object.keys(unreachable);
  if (names.length === 0) return null;
  return (
    <div className="banner" role="status">
      {names.join(', ')} cannot be reached right now. Saved people, companies and lists still work offline.
    </div>
  );
}
