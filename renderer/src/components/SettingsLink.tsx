/** "Settings" as a link wherever a hint says to add a key there: one click to the provider cards. */
import type { ReactNode } from 'react';
import { navigate } from '../app/navigation';

export function SettingsLink({ children = 'Settings' }: { children?: ReactNode }) {
  return (
    <a
      href="#/settings"
      onClick={(e) => {
        e.preventDefault();
        navigate({ page: 'settings' });
      }}
    >
      {children}
    </a>
  );
}
