import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const jsx = { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } } as const;

export default defineConfig({
  test: {
    projects: [
      {
        oxc: jsx,
        test: {
          name: 'node',
          include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}', 'db/**/*.test.ts'],
          exclude: ['test/worker/**', '**/node_modules/**'],
          testTimeout: 20_000,
          pool: 'forks',
        },
      },
      {
        // Inside workerd, with the Durable Object and R2 bindings of wrangler.toml (README, «Cloudflare Workers»).
        oxc: jsx,
        plugins: [
          // The pool reads wrangler.toml, its bindings and its `rules` (the text modules) included.
          cloudflareTest({
            main: './src/worker.ts',
            wrangler: { configPath: './wrangler.toml' },
            miniflare: { bindings: { DEMO: '1', BASE_URL: 'http://localhost:8801', ADMIN_EMAIL: 'admin@example.no', ADMIN_PASSWORD: 'workerd-test-password' } },
          }),
        ],
        test: { name: 'workerd', include: ['test/worker/**/*.test.ts'], testTimeout: 60_000 },
      },
    ],
  },
});
