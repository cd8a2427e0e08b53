// Browser tests against a running platform: HOLDFAST_URL names it (BrowserTest in the app
// module starts one and runs these; by hand, start the README's first command and run
// `HOLDFAST_URL=http://127.0.0.1:8080 npx playwright test`). Debian's Chromium, headless.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'target/e2e-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: process.env.HOLDFAST_URL || 'http://127.0.0.1:8080',
    viewport: { width: 1280, height: 800 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
        '--no-first-run', '--disable-background-networking', '--disable-component-update',
        '--disable-sync'],
    },
  },
});
