import { defineConfig } from 'vitest/config';

// Boots the built main bundle (out/main/index.js) under an Electron stand-in: run after `npm run build`.
export default defineConfig({
  test: {
    include: ['tests/boot/**/*.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    pool: 'forks',
  },
});
