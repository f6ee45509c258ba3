import type { BrowserCommand } from 'vitest/node';
import type { PuppeteerCommandsContext } from './puppeteer-firefox-provider.ts';
import type { WebKitCommandsContext } from './webkit/webkit-provider.ts';

interface PlaywrightCommandsContext {
  readonly iframe: { locator(selector: string): { click(): Promise<void> } };
}

/**
 * Clicks the element at `selector` in the test's page with real (browser-generated) input, so the
 * page gets the user activation that starting audio needs; `element.click()` from a script does not.
 */
export const userClick: BrowserCommand<[selector: string], void> = async (context, selector) => {
  if (context.provider.name === 'playwright') {
    await (context as unknown as PlaywrightCommandsContext).iframe.locator(selector).click();
  } else if (context.provider.name === 'webkit-webdriver') {
    const webkit = context as unknown as WebKitCommandsContext;
    await webkit.enterTesterFrame();
    await webkit.session.click(selector);
  } else {
    await (await (context as unknown as PuppeteerCommandsContext).frame()).click(selector);
  }
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    userClick: (selector: string) => Promise<void>;
  }
}
