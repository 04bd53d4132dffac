import { defineConfig } from 'vitest/config';

// The real OS keychain: run under scripts/with-keychain.sh (dbus-run-session + gnome-keyring).
export default defineConfig({
  test: {
    include: ['tests/integration/keychain/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
  },
});
