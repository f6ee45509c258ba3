import { defineBrowserProvider } from '@vitest/browser';
import type { Browser, Frame, Page } from 'puppeteer-core';
import type { BrowserProvider, BrowserProviderOption } from 'vitest/node';
import { launchFirefox } from './firefox.ts';

/**
 * A Vitest browser provider that runs the tests in the system Firefox through puppeteer-core
 * (WebDriver BiDi). Vitest's own providers cannot: Playwright drives only its patched Firefox
 * builds, and its WebdriverIO provider needs geckodriver, which Debian lacks.
 */
export function puppeteerFirefox(): BrowserProviderOption {
  return defineBrowserProvider({
    name: 'puppeteer-firefox',
    supportedBrowser: ['firefox'],
    options: {},
    providerFactory: (project) => new PuppeteerFirefoxProvider(project.config.browser.headless),
  });
}

/** What a test command gets as its context from this provider, like Playwright's `{ page, frame }`. */
export interface PuppeteerCommandsContext {
  readonly page: Page;
  frame(): Promise<Frame>;
}

class PuppeteerFirefoxProvider implements BrowserProvider {
  readonly name = 'puppeteer-firefox';
  readonly supportsParallelism = false;
  private browser: Promise<Browser> | undefined;
  private readonly pages = new Map<string, Page>();

  constructor(private readonly headless: boolean) {}

  getCommandsContext(sessionId: string): PuppeteerCommandsContext & Record<string, unknown> {
    const page = this.pages.get(sessionId);
    if (page === undefined) {
      throw new Error(`No Firefox page for session ${sessionId}`);
    }
    return { page, frame: () => testerFrame(page) };
  }

  async openPage(sessionId: string, url: string): Promise<void> {
    this.browser ??= launchFirefox({ headless: this.headless });
    const browser = await this.browser;
    await this.pages.get(sessionId)?.close();
    const page = await browser.newPage();
    this.pages.set(sessionId, page);
    await page.goto(url, { timeout: 0 });
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    this.pages.clear();
    await (await browser)?.close();
  }
}

/** The iframe Vitest runs a test file in. */
async function testerFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[data-vitest="true"]', { timeout: 5_000 });
  const frame = await handle?.contentFrame();
  if (frame === undefined || frame === null) {
    throw new Error('Vitest\'s test iframe is not on the page');
  }
  return frame;
}
