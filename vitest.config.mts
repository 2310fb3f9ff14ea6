import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    include: [
      'lib/**/*.test.ts',
      'db/**/*.test.ts',
      'scripts/**/*.test.ts',
      'app/api/**/*.test.ts',
      'app/_server/**/*.test.ts',
      'app/*.test.ts',
    ],
    environment: 'node',
    setupFiles: ['./db/test-setup.ts'],
    pool: 'forks',
    testTimeout: 20_000,
  },
});
