import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer-core';
import prefs from './firefox-prefs.json' with { type: 'json' };

/** Debian's Firefox ESR; no test tool may download a browser of its own. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * A fake camera (a moving pattern) and microphone (a tone) that need no permission prompt. The
 * prefs live in firefox-prefs.json so that bench/browser (plain Node) launches the same.
 */
export const FIREFOX_PREFS: Readonly<Record<string, unknown>> = prefs;

/**
 * Launches Firefox over WebDriver BiDi (puppeteer-core: Playwright cannot drive a stock Firefox,
 * and Debian has no geckodriver for WebDriver classic).
 */
export function launchFirefox(options: Omit<LaunchOptions, 'browser' | 'executablePath'> = {}): Promise<Browser> {
  return puppeteer.launch({
    headless: true,
    ...options,
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    extraPrefsFirefox: { ...FIREFOX_PREFS, ...options.extraPrefsFirefox },
  });
}
