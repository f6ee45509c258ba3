import puppeteer, { type Browser } from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';
import { launchFirefox } from './firefox.ts';

/** The browsers every end-to-end test runs in. */
export const BROWSERS = ['chromium', 'firefox'] as const;
export type BrowserName = (typeof BROWSERS)[number];

/**
 * Launches the system Chromium (over CDP) or Firefox ESR (over WebDriver BiDi) through
 * puppeteer-core, with fake camera and microphone and a profile in `userDataDir`.
 */
export function launchBrowser(name: BrowserName, userDataDir: string): Promise<Browser> {
  if (name === 'firefox') {
    return launchFirefox({ userDataDir });
  }
  return puppeteer.launch({
    browser: 'chrome',
    executablePath: CHROMIUM_PATH,
    headless: true,
    userDataDir,
    // puppeteer adds its own headless flag.
    args: CHROMIUM_ARGS.filter((arg) => arg !== '--headless'),
    // A tab behind another is hidden; let Chromium throttle it as it does for a user, not as puppeteer's defaults ask.
    ignoreDefaultArgs: ['--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows', '--disable-renderer-backgrounding'],
  });
}
