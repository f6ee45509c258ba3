import { playwright } from '@vitest/browser-playwright';
import { configDefaults, defineConfig } from 'vitest/config';
import { probeRecording } from './test/support/browser-commands.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium.ts';
import { puppeteerFirefox } from './test/support/puppeteer-firefox-provider.ts';
import { startStalledServer, stopStalledServer } from './test/support/stall-commands.ts';
import { userClick } from './test/support/user-click.ts';
import { webkitWebDriver } from './test/support/webkit/webkit-provider.ts';

/**
 * The browser tests that also run in WebKit: the journal, and a call recorded through
 * `startCallRecording` (recorder start/stop, journal, progressive upload, storage failure).
 */
const WEBKIT_BROWSER_TESTS = ['test/browser/journal.test.ts', 'test/browser/call-recording.test.ts'];

/** What the browser-mode projects share: one test file at a time, real input, the sound server. */
const BROWSER_MODE = {
  globalSetup: ['./test/support/sound-server-setup.ts'],
  testTimeout: 60_000,
  fileParallelism: false,
};
const BROWSER_OPTIONS = { enabled: true, headless: true, screenshotFailures: false, api: { host: '127.0.0.1', port: 0 } };

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
          ...BROWSER_MODE,
          include: ['test/browser/**/*.test.ts'],
          browser: {
            ...BROWSER_OPTIONS,
            // Every browser test runs in both: Chromium through Playwright, Firefox ESR through puppeteer-core (WebDriver BiDi).
            instances: [
              {
                browser: 'chromium',
                provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] } }),
              },
              { browser: 'firefox', provider: puppeteerFirefox() },
            ],
            commands: { probeRecording, userClick, startStalledServer, stopStalledServer },
          },
        },
      },
      {
        test: {
          // Safari's engine, Debian's WebKitGTK over WebKitWebDriver under an Xvfb of its own, in
          // both sessions: `npm run test:webkit` (bin/test runs it).
          name: 'webkit',
          ...BROWSER_MODE,
          include: WEBKIT_BROWSER_TESTS,
          browser: {
            ...BROWSER_OPTIONS,
            instances: [
              { browser: 'webkit', name: 'webkit-ephemeral', provider: webkitWebDriver('ephemeral') },
              { browser: 'webkit', name: 'webkit-persistent', provider: webkitWebDriver('persistent') },
            ],
            commands: { probeRecording, userClick },
          },
        },
      },
      {
        test: {
          name: 'e2e-webkit',
          globalSetup: ['./test/support/sound-server-setup.ts'],
          environment: 'node',
          include: ['test/e2e/webkit.e2e.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          globalSetup: ['./test/support/sound-server-setup.ts'],
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/e2e/webkit.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
