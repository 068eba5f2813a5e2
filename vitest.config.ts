// Unit tests of the root scripts (stack, demo): `npm test` runs them as the root task `test:root`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['scripts/**/*.test.ts'], testTimeout: 60_000 },
});
