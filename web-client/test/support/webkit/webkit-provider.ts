import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineBrowserProvider } from '@vitest/browser';
import type { BrowserProvider, BrowserProviderOption } from 'vitest/node';
import { launchWebKit, type RunningWebKit, type WebKitMode } from './webkit.ts';
import type { WebDriverSession } from './webdriver.ts';

/**
 * A Vitest browser provider that runs the tests in Debian's WebKitGTK (Safari's engine) over
 * classic WebDriver (`WebKitWebDriver` speaks no BiDi, and Playwright drives only its own WebKit
 * builds), in the `ephemeral` session (as Safari Private Browsing) or the `persistent` one. Its
 * init script is the RTCPeerConnection stand-in, which goes into the test page before the tests.
 */
export function webkitWebDriver(mode: WebKitMode): BrowserProviderOption {
  return defineBrowserProvider({
    name: 'webkit-webdriver',
    supportedBrowser: ['webkit'],
    options: { mode },
    providerFactory: () => new WebKitWebDriverProvider(mode),
  });
}

/** What a test command gets as its context from this provider. */
export interface WebKitCommandsContext {
  readonly session: WebDriverSession;
  /** Switches the session into the iframe Vitest runs the test file in. */
  enterTesterFrame(): Promise<void>;
}

class WebKitWebDriverProvider implements BrowserProvider {
  readonly name = 'webkit-webdriver';
  readonly supportsParallelism = false;
  readonly initScripts = [new URL('./rtc-loopback-standin.js', import.meta.url).pathname];
  private browser: Promise<RunningWebKit> | undefined;
  private running: RunningWebKit | undefined;
  private profile: string | undefined;

  constructor(private readonly mode: WebKitMode) {}

  getCommandsContext(): WebKitCommandsContext & Record<string, unknown> {
    const running = this.running;
    if (running === undefined) {
      throw new Error('No WebKit session yet');
    }
    return {
      session: running.session,
      enterTesterFrame: async () => {
        await running.session.frame(null);
        await running.session.frame(await running.session.find('iframe[data-vitest="true"]'));
      },
    };
  }

  async openPage(_sessionId: string, url: string): Promise<void> {
    this.browser ??= (async () => {
      this.profile = this.mode === 'persistent' ? await mkdtemp(join(tmpdir(), 'call-recordings-webkit-profile-')) : undefined;
      const running = await launchWebKit(this.mode, this.profile);
      console.log('stand-in: RTCPeerConnection is an in-page loopback in the WebKit test pages (WebKitGTK 2.50 has no WebRTC): test/support/webkit/rtc-loopback-standin.js, a Vitest init script');
      return running;
    })();
    this.running = await this.browser;
    await this.running.session.navigate(url);
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    this.running = undefined;
    await (await browser)?.close();
    if (this.profile !== undefined) await rm(this.profile, { recursive: true, force: true });
  }
}
