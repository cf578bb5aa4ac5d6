import { createRequire } from 'node:module';
import { configDefaults, defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql instance for project code, Pothos and yoga (see shared stack notes).
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/scaleout/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The scale-out tests run real clusters (replicas, Redis, haproxy) with timed load: they run
        // after every other file has finished, one file at a time, so neither side starves the other.
        extends: true,
        test: {
          name: 'scaleout',
          include: ['test/scaleout/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
