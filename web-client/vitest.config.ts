import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { probeRecording } from './test/support/browser-commands.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium.ts';
import { puppeteerFirefox } from './test/support/puppeteer-firefox-provider.ts';
import { startStalledServer, stopStalledServer } from './test/support/stall-commands.ts';
import { userClick } from './test/support/user-click.ts';

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          globalSetup: ['./test/support/sound-server-setup.ts'],
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          fileParallelism: false,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            // Every browser test runs in both: Chromium through Playwright, Firefox ESR through puppeteer-core (WebDriver BiDi).
            instances: [
              {
                browser: 'chromium',
                provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] } }),
              },
              { browser: 'firefox', provider: puppeteerFirefox() },
            ],
            commands: { probeRecording, userClick, startStalledServer, stopStalledServer },
            api: { host: '127.0.0.1', port: 0 },
          },
        },
      },
      {
        test: {
          name: 'e2e',
          globalSetup: ['./test/support/sound-server-setup.ts'],
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
